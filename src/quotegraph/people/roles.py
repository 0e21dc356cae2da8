"""The roles an article gives its people (``senator``, ``quarterback``, ``professor``).

The store weighs them before taking two people of one name in two articles for one person
(:mod:`quotegraph.store.consolidate`). Only words of ``lexicons/role_domains.tsv`` count, found in the
article's own words around the person:

- a description resolved to them: ``the Ohio senator``, ``the 27-year-old quarterback``;
- a title or job just before their name: ``Sen. Chris Walker``, ``Bears quarterback Chris Walker``;
- an apposition just after it: ``Chris Walker, a chemist at the University of Leeds,``;
- the job of an ``employee`` relation (``chest doctor``), and ``founder``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from quotegraph.lexicon import load_lexicon
from quotegraph.people.names import titles
from quotegraph.types import Analysis

_PKG = "quotegraph.people.lexicons"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# ", a chemist at ...", ", 27, the Bears quarterback": the noun phrase after a name
_APPOSITION = re.compile(r",\s+(?:\d+,\s+)?(?:a|an|the)\s+([^,.;:!?()\[\]\n“”\"]{1,80})", re.IGNORECASE)
_STOP = _words(
    "who whom whose which that and or but of at for with from in on to by as after before since said says told"
)
_DETERMINERS = _words("the a an this that")
_PRONOUNS = _words("he him his she her hers they them their i me my we us our you your")
# words that may stand between a title and a name: "former", "29-year-old", "Bears"
_MODIFIERS = _words("former retired veteran longtime then star top head chief deputy assistant senior")


@cache
def role_domains() -> dict[str, frozenset[str]]:
    """Role word -> the domains it belongs to (``politics``, ``sport``, ``science`` ...)."""
    table = load_lexicon(_PKG, "role_domains.tsv")
    return {word: frozenset(d for d in tag.split(",") if d) for word, tag in table.items()}


def domains_of(roles: Iterable[str]) -> frozenset[str]:
    """Every domain of these role words."""
    table = role_domains()
    return frozenset(d for role in roles for d in table.get(role, ()))


def role_word(word: str) -> str | None:
    """The lexicon entry a word is (``Sen.`` -> ``sen``, ``senator's`` -> ``senator``), or None."""
    key = word.lower().rstrip(".").removesuffix("'s").removesuffix("’s")
    return key if key in role_domains() else None


def person_roles(analysis: Analysis) -> dict[str, frozenset[str]]:
    """Canonical name of each person of the article -> the role words the article gives them."""
    text = analysis.article.text
    found: dict[str, set[str]] = {}
    for entity in analysis.entities:
        if entity.label != "PERSON":
            continue
        roles = found.setdefault(entity.name, set())
        for mention in entity.mentions:
            words = _WORD.findall(mention.text)
            if not words or words[0].lower() in _PRONOUNS:
                continue
            if words[0].lower() in _DETERMINERS or words[0].islower():  # a description: "the Ohio senator"
                roles.update(r for w in words if w.islower() and (r := role_word(w)))
                continue
            # a name: the titles in it ("Senator Walker") and the words around it
            roles.update(r for w in words[:-1] if w.lower() in titles() and (r := role_word(w)))
            roles.update(_before(text, mention.start))
            roles.update(_after(text, mention.end))
    for rel in analysis.relations:
        if rel.head in found:
            if rel.relation == "founder":
                found[rel.head].add("founder")
            elif rel.relation == "employee" and rel.detail:
                found[rel.head].update(r for w in _WORD.findall(rel.detail) if (r := role_word(w)))
    return {name: frozenset(roles) for name, roles in found.items()}


def _before(text: str, start: int) -> set[str]:
    """Role words of the titles and modifiers right before a name, on its line, up to four words."""
    window = text[max(0, start - 80) : start]
    if not window or window[-1] not in " \t":
        return set()
    words = re.split(r"[ \t]+", window.rstrip(" \t"))
    roles: set[str] = set()
    for word in reversed(words[-4:]):
        if not re.fullmatch(r"[\w'’-]+", word.rstrip(".")):
            break  # punctuation, a quotation mark, a line break: the name's phrase starts after it
        key = word.lower().rstrip(".")
        if word.endswith(".") and not (len(key) <= 4 and key in titles()):
            break  # the end of the previous sentence, not an abbreviated title (Sen., Gov., Lt.)
        role = role_word(word)
        if role:
            roles.add(role)
        elif not (word[:1].isupper() or key in _MODIFIERS or "-" in word):
            break  # "the senator praised quarterback Chris Walker": "praised" ends the title
    return roles


def _after(text: str, end: int) -> set[str]:
    """Role words of an apposition right after a name, up to its first function word."""
    match = _APPOSITION.match(text, end)
    if match is None:
        return set()
    roles: set[str] = set()
    for word in _WORD.findall(match.group(1))[:8]:
        if word.lower() in _STOP:
            break
        if role := role_word(word):
            roles.add(role)
    return roles
