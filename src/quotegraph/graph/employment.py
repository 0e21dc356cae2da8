"""Employers named around a person's job title, when the tagger did not tag the employer ORG.

Pre-nominal employer + role + name (``Wild defenseman Ryan Suter``, ``Goddard planetary
scientist Avi Mandell``): news writes an organisation as a bare capitalised modifier of a
job-role noun (``graph/lexicons/job_roles.txt``), and the tagger often leaves it untagged or
takes a team nickname for a person (Hearst, COLING 1992, noun-compound patterns; the
"role-modifier" appositive of Bunescu & Mooney's relation corpora). Post-nominal forms: ``X,
CEO and founder of my6sense``, ``X, Director, IIFL Securities``, ``X, a Vela Bank research
fellow``, ``X served as CEO of Y``, ``A replaces B as Y's manager``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from quotegraph.graph.render import Rendered
from quotegraph.lexicon import load_lexicon
from quotegraph.types import Relation

_POSS = r"(?:’s|'s|’|')"
_SLOT = r"<(\d+)>"
# A name as printed: capitalised words (or a word with a digit, ``my6sense``), joined by ``&``.
_NAME = r"(?:[A-Z][\w&.-]*|[a-z]+\d[\w-]*)(?: (?:&|of|de|[A-Z][\w&.-]*))*"
_ARTICLES = ("the ", "a ", "an ")


@lru_cache(maxsize=1)
def _jobs() -> str:
    job_list = load_lexicon("quotegraph.graph.lexicons", "job_roles.txt")
    return "|".join(re.escape(r) for r in sorted(job_list, key=len, reverse=True))


@lru_cache(maxsize=1)
def _not_employers() -> frozenset[str]:
    """Words that open a title, not an employer (``Former CEO X``), plus every job-role word."""
    words = set(load_lexicon("quotegraph.graph.lexicons", "not_employers.txt"))
    for role in load_lexicon("quotegraph.graph.lexicons", "job_roles.txt"):
        words.update(role.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    jobs = _jobs()
    return {
        "prenominal": re.compile(
            rf"(?<![\w’'<>.-])(?:{_SLOT}|({_NAME}))({_POSS})? ((?:[a-z][\w-]* ){{0,2}}?)(?i:({jobs}))"
            rf"(?: and ((?:[\w-]+ ){{0,2}}?[\w-]+))?,? {_SLOT}"
        ),
        "untagged_of": re.compile(
            rf"{_SLOT}, (?:the |an? |its )?(?:[\w-]+ ){{0,3}}?(?i:({jobs}))(?: and (?:[\w-]+ )?(?i:({jobs})))?"
            rf"(?: (?:of|for) [^,<>]{{1,40}}?)?(?:,| (?:of|at|for|with)) (?:the )?"
            rf"(?:(?:[a-z][\w-]* ){{0,3}}(?:firm|company|group|agency|consultancy|startup) )?({_NAME})(?=[.,;:!?)]|$)"
        ),
        "appos_org_job": re.compile(
            rf"{_SLOT}, (?:an? |the )?(?:former )?{_SLOT}{_POSS}? (?:[\w-]+ ){{0,2}}?(?i:({jobs}))\b"
        ),
        "served_as": re.compile(
            rf"{_SLOT}[^<>]{{0,60}}? (?:served|serves|serving|worked|works|working) as (?:the |an? )?"
            rf"(?:[\w-]+ ){{0,2}}?(?i:({jobs})) (?:of|for|at|with) (?:the )?{_SLOT}"
        ),
        "managed": re.compile(
            rf"{_SLOT}[^<>“”\"]{{0,40}}? (?:has |had |have )?(managed|coached) (?:the )?{_SLOT}"
            rf"((?:,? (?:and )?(?:the )?<\d+>)*)"
        ),
        "fired_by": re.compile(
            rf"{_SLOT}[^<>“”\"]{{0,40}}? (?:was|were|been|being|got) (?:sacked|fired|dismissed|axed) "
            rf"(?:by|from) (?:the |his |her )?(?:(?:job|post|role|position) (?:at|with) (?:the )?)?{_SLOT}"
        ),
        "fired": re.compile(
            rf"{_SLOT} (?:has |have |had )?(?:sacked|fired|dismissed|axed) (?:its |their )?(?:[a-z-]+ ){{0,2}}?{_SLOT}"
        ),
        "succession": re.compile(
            rf"{_SLOT} [^<>]{{0,40}}?(?:replace|replaces|replacing|replaced|succeed|succeeds|succeeding|succeeded) "
            rf"{_SLOT} as (?:the )?(?:{_SLOT}{_POSS} (?:[\w-]+ )?(?i:({jobs}))|(?:[\w-]+ )?(?i:({jobs})) (?:of|at) "
            rf"(?:the )?{_SLOT})"
        ),
    }


def employments(sent: Rendered, text: str, orgs: frozenset[str]) -> Iterator[Relation]:
    """Employee (or founder) relations from job titles whose employer may be untagged."""
    pats = _patterns()
    for m in pats["prenominal"].finditer(sent.text):
        if any(w in _not_employers() for w in m.group(4).split()) or sent.text[: m.start()].endswith("> "):
            continue  # ``the Wild before winger X``; ``VOA Extremism Desk reporter X`` (an ORG's unit)
        if m.group(1):
            org = _slot_employer(sent, m.group(1))
        else:
            org = _plain_employer(sent, m.group(2), orgs, text, initial=not sent.text[: m.start()].strip("“\"‘' "))
        if org:
            second = m.group(6) and re.fullmatch(rf"(?:[a-z-]+ )?(?:{_jobs()})", m.group(6), re.I)  # "former CEO"
            roles = [m.group(5)] + ([m.group(6)] if second else [])
            yield from _jobs_of(sent, m.group(7), roles, org, 0.6)
    for m in pats["untagged_of"].finditer(sent.text):
        org = _plain_employer(sent, m.group(4), orgs, text, initial=False)
        if org:
            yield from _jobs_of(sent, m.group(1), [m.group(2), m.group(3)], org, 0.6)
    for m in pats["appos_org_job"].finditer(sent.text):
        if sent.label(m.group(2)) == "ORG":
            yield from _jobs_of(sent, m.group(1), [m.group(3)], sent.names(m.group(2))[0], 0.7)
    for m in pats["served_as"].finditer(sent.text):
        if sent.label(m.group(3)) == "ORG":
            yield from _jobs_of(sent, m.group(1), [m.group(2)], sent.names(m.group(3))[0], 0.7)
    for m in pats["managed"].finditer(sent.text):  # "has managed Porto, Inter and Chelsea"
        job = "manager" if m.group(2) == "managed" else "coach"
        for club in [m.group(3), *re.findall(r"<(\d+)>", m.group(4) or "")]:
            if sent.label(club) == "ORG":
                yield from _jobs_of(sent, m.group(1), [job], sent.names(club)[0], 0.6)
    for name, who, by in (("fired_by", 1, 2), ("fired", 2, 1)):  # "sacked by Y", "Y fired X"
        for m in pats[name].finditer(sent.text):
            if sent.label(m.group(by)) == "ORG" and sent.label(m.group(who)) == "PERSON":
                for head in sent.names(m.group(who)):
                    yield Relation(head, "fired from", sent.names(m.group(by))[0], sent.start, sent.end, None, 0.6)
    for m in pats["succession"].finditer(sent.text):
        org_slot, role = (m.group(3), m.group(4)) if m.group(3) else (m.group(6), m.group(5))
        if sent.label(org_slot) == "ORG":
            for person in (m.group(1), m.group(2)):
                yield from _jobs_of(sent, person, [role], sent.names(org_slot)[0], 0.6)


def _jobs_of(sent: Rendered, slot: str, roles: list[str | None], org: str, conf: float) -> Iterator[Relation]:
    if sent.label(slot) != "PERSON":
        return
    for person in sent.names(slot):
        for role in filter(None, roles):
            if role.lower() in ("founder", "co-founder"):
                yield Relation(person, "founder", org, sent.start, sent.end, None, conf)
            else:
                yield Relation(person, "employee", org, sent.start, sent.end, role, conf)


def _slot_employer(sent: Rendered, slot: str) -> str | None:
    """A tagged organisation, or a team nickname the tagger took for a person: one plural word
    (``Sabres``, ``Browns``) that is nobody's full name."""
    name = sent.names(slot)[0]
    if sent.label(slot) == "ORG":
        return None  # tagged organisations are the job of relations.org_job
    if sent.label(slot) == "PERSON" and len(sent.names(slot)) == 1 and re.fullmatch(r"[A-Z][a-z]+[a-rt-z]s", name):
        return name
    return None


def _plain_employer(sent: Rendered, name: str, orgs: frozenset[str], text: str, initial: bool) -> str | None:
    """An untagged capitalised modifier taken as the employer, unless it is a place or a group
    (GPE/LOC/NORP), a verb or pronoun (``Named for``), or a word that opens a title. At the start
    of a sentence capitals prove nothing, so the name must also stand capitalised after a
    lower-case word elsewhere (``the Wild lost``). Expanded to the article's one longer name that
    starts with it and ends in an organisation noun (``Goddard`` -> ``Goddard Space Flight Center``)."""
    for article in _ARTICLES:
        if name.lower().startswith(article):
            name, initial = name[len(article) :], False
    if name.endswith(".") and name.split()[-1] not in _org_heads():
        name = name[:-1]  # the sentence's full stop, not ``Inc.``
    words = name.split()
    if not words or any(w.lower().strip(".") in _not_employers() for w in words):
        return None
    if any(w[:1].isupper() and w.rstrip(".") not in sent.nominal for w in words):
        return None
    if any(name in place or place in name for place in sent.places):
        return None
    if initial and not re.search(rf"[a-z,;] {re.escape(name)}\b(?! [A-Z])", text):
        return None
    return _longer_name(name, orgs, text)


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(load_lexicon("quotegraph.graph.lexicons", "org_heads.txt"))


def _longer_name(name: str, orgs: frozenset[str], text: str) -> str:
    heads = "|".join(re.escape(h) for h in sorted(_org_heads()))
    found = {o for o in orgs if o.startswith(name + " ")}
    found |= {m.group(0) for m in re.finditer(rf"\b{re.escape(name)}(?: [A-Z][\w&.-]*)*? (?:{heads})\b", text)}
    found.discard(name)
    return found.pop() if len(found) == 1 else name
