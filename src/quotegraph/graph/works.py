"""Person-work credits: who wrote, directed or starred in a named work.

Surface patterns over rendered sentences (Hearst, COLING 1992): a credit list after an
occupation (``filmmaker X ("Work A," "Work B")``), a possessed work (``X's book "Work"``, ``a
X script called "Work"``), a verb of making (``X wrote "Work"``, ``directing a BBC adaptation of
"Work"``), the passive (``"Work" ... was written by the late author X``) and a role in a work
(``X, who landed a key role in "Work"``). A work is a tagged WORK mention or a quoted title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from quotegraph.graph.render import PLACEHOLDER, TITLE, Rendered
from quotegraph.types import Relation

_POSS = r"(?:’s|'s|’|')"
_SLOT = r"<(\d+)>"
_WORK = rf"(?:[“\"]({TITLE})[,.]?[”\"]|[“\"]?<(\d+)>)"
_MAKERS = {"filmmaker": "directed", "director": "directed", "writer": "wrote", "author": "wrote",
           "novelist": "wrote", "screenwriter": "wrote", "playwright": "wrote", "poet": "wrote"}  # fmt: skip
_MADE = {"book": "wrote", "novel": "wrote", "memoir": "wrote", "poem": "wrote", "essay": "wrote",
         "script": "wrote", "screenplay": "wrote", "play": "wrote", "film": "directed", "movie": "directed",
         "documentary": "directed"}  # fmt: skip
_VERBS = {"wrote": "wrote", "co-wrote": "wrote", "penned": "wrote", "written": "wrote", "writing": "wrote",
          "directed": "directed", "co-directed": "directed", "directing": "directed"}  # fmt: skip
_FIRST = r"(?:(?:new|latest|first|second|third|debut|last|final|acclaimed|best-?selling|electric|\d{4}) )?"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    makers, made, verbs = "|".join(_MAKERS), "|".join(_MADE), "|".join(_VERBS)
    return {
        "credit_list": re.compile(rf"\b({makers}) {_SLOT} \(([^()]{{1,300}})\)"),
        "made_by": re.compile(
            rf"{_SLOT}({_POSS})? {_FIRST}({made})(?:,| (?:called|titled|named)| about [^<>“”\"]{{1,40}}?,) {_WORK}"
        ),
        "verb": re.compile(
            rf"{_SLOT}(?:,? who)?(?: also| later| then| first)? ({verbs}) (?:the |an? )?(?:(?:{made}) )?{_WORK}"
        ),
        "adaptation": re.compile(
            rf"{_SLOT}[^<>]{{0,80}}? ({verbs}) (?:an? |the )?(?:[\w-]+ |<\d+> ){{0,3}}?"
            rf"(?:adaptation|version|production|remake) of {_WORK}"
        ),
        "passive": re.compile(rf"{_WORK}[^<>]{{0,40}}? (written|directed) by (?:the )?(?:[\w-]+ ){{0,6}}?{_SLOT}"),
        "role_in": re.compile(
            rf"{_SLOT}(?:,| —) who (?:landed|played|had|won) an? (?:[\w-]+ ){{0,2}}?(?:role|part) in (?:the )?"
            rf"(?:[\w-]+ ){{0,2}}?{_WORK}"
        ),
    }


def people(sent: Rendered, slot: str) -> tuple[str, ...]:
    return sent.names(slot) if sent.label(slot) == "PERSON" else ()


def work_title(sent: Rendered, value: str | None) -> str | None:
    """A work's name from a placeholder or a printed title (never a bare year)."""
    if not value:
        return None
    slot = PLACEHOLDER.fullmatch(value)
    if slot:
        return sent.names(slot.group(1))[0] if sent.label(slot.group(1)) in ("WORK", "ORG") else None
    value = value.strip(" ’'")
    return None if re.fullmatch(r"\d{4}s?|\d+", value) else value


def credits(sent: Rendered, text: str) -> Iterator[Relation]:
    """``wrote``/``directed``/``starred in`` relations stated in one rendered sentence."""
    pats = _patterns()
    for m in pats["credit_list"].finditer(sent.text):
        for work in _title_list(sent, m.group(3)):
            yield from _credit(sent, m.group(2), _MAKERS[m.group(1)], work, 0.6)
    for m in pats["made_by"].finditer(sent.text):
        if m.group(2) or _pronoun(sent, m.group(1), text) not in ("he", "she", "they", "him", "them"):
            yield from _credit(sent, m.group(1), _MADE[m.group(3)], _work(sent, m, 4), 0.6)
    for name in ("verb", "adaptation"):
        for m in pats[name].finditer(sent.text):
            yield from _credit(sent, m.group(1), _VERBS[m.group(2)], _work(sent, m, 3), 0.6)
    for m in pats["passive"].finditer(sent.text):
        yield from _credit(sent, m.group(4), _VERBS[m.group(3)], _work(sent, m, 1), 0.6)
    for m in pats["role_in"].finditer(sent.text):
        yield from _credit(sent, m.group(1), "starred in", _work(sent, m, 2), 0.6)


def _pronoun(sent: Rendered, slot: str, text: str) -> str:
    mention = sent.slots[int(slot)]
    surface = text[mention.start : mention.end].lower()
    return surface if surface in ("he", "she", "they", "his", "her", "their", "him", "them") else ""


def _work(sent: Rendered, m: re.Match[str], group: int) -> str | None:
    """The work of a ``_WORK`` match: its quoted title (group) or its placeholder (group + 1)."""
    if m.group(group):
        return work_title(sent, m.group(group))
    return work_title(sent, f"<{m.group(group + 1)}>")


def _title_list(sent: Rendered, inside: str) -> list[str]:
    """Works of a parenthesis that lists only titles: ``("<3>," "The One I Love")``."""
    titles = re.findall(rf"[“\"]({TITLE})[,.]?[”\"]|<(\d+)>", inside)
    rest = re.sub(rf"[“\"]{TITLE}[,.]?[”\"]|<\d+>", "", inside)
    if not titles or rest.strip(' ,;“”"') or len(titles) > 6:
        return []
    return [t for t in (work_title(sent, q or f"<{s}>") for q, s in titles) if t]


def _credit(sent: Rendered, slot: str, relation: str, work: str | None, conf: float) -> Iterator[Relation]:
    if work:
        for person in people(sent, slot):
            yield Relation(person, relation, work, sent.start, sent.end, None, conf)
