"""Relations the text states: family, marriage, friendship, co-stars, founders, employees, credits.

Lexico-syntactic patterns (Hearst, COLING 1992) over sentences rendered with resolved mentions
(``render.py``): possessive roles (``Masterson's brother-in-law Billy Baldwin``), appositions
(``Y, the lawyer for X``), possessive organisations (``Kutcher's organization Thorn``),
co-starring (``starred alongside the married couple on That '70s Show``), credits (``role as the
producer and star of Luckiest Girl Alive``). A co-mention alone is never a relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from quotegraph.graph.employment import employments
from quotegraph.graph.render import PLACEHOLDER, TITLE, Rendered
from quotegraph.graph.works import credits, people, work_title
from quotegraph.lexicon import load_lexicon
from quotegraph.types import Relation

_POSS = r"(?:’s|'s|’|')"
_OCCUPATIONS = r"actor|actress|singer|rapper|comedian|director|producer|writer|author|model|businessman|lawyer|attorney"
_ORG_NOUNS = r"organization|organisation|foundation|charity|nonprofit|non-profit|company|startup|label|brand|firm|group"
_CREDITS = {"producer": "produced", "star": "starred in", "director": "directed", "writer": "wrote",
            "creator": "created", "author": "wrote", "host": "hosted"}  # fmt: skip
_WORK_NOUNS = r"sitcom|show|series|film|movie|drama|comedy|album|book|novel|play|musical|documentary"
_SYMMETRIC = {"spouse", "partner", "friend", "co-star", "colleague", "rival"}
_SLOT = r"<(\d+)>"
_TITLE_OR_SLOT = rf"(<\d+>|{TITLE})(?!’s|'s| (?:{_WORK_NOUNS})\b)"
_CONTEXT = rf"(?: (?:on|in) (?:the )?(?:(?:[\w’']+|<\d+>)(?:’s|'s)? ){{0,2}}?(?:(?:{_WORK_NOUNS}) )?{_TITLE_OR_SLOT})?"
_SUBJECT_TAIL = r"(?:,[^<>]*?,|, who)?"


@lru_cache(maxsize=1)
def _roles() -> dict[str, tuple[str, str | None]]:
    table = load_lexicon("quotegraph.graph.lexicons", "roles.tsv")
    out: dict[str, tuple[str, str | None]] = {}
    for noun, tag in table.items():
        relation, _, detail = tag.partition("\t")
        out[noun] = (relation, detail or None)
    return out


@lru_cache(maxsize=1)
def _unit() -> str:
    """A unit of an organisation named as such (``Feinstein International Center``): capitalised
    words ending in a unit head (``lexicons/unit_heads.txt``)."""
    heads = "|".join(re.escape(h) for h in load_lexicon("quotegraph.graph.lexicons", "unit_heads.txt"))
    return rf"(?:[A-Z][\w&-]* ){{0,4}}(?:{heads})\b"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    roles = "|".join(re.escape(r) for r in sorted(_roles(), key=len, reverse=True))
    job_list = load_lexicon("quotegraph.graph.lexicons", "job_roles.txt")
    jobs = "|".join(re.escape(r) for r in sorted(job_list, key=len, reverse=True))
    credits = "|".join(_CREDITS)
    return {
        "poss_role": re.compile(
            rf"{_SLOT}({_POSS})? (?:[\w-]+ ){{0,3}}?({roles})s?\b,? (?:particularly |especially |including )?"
            rf"(?:(?:the |an? )?(?:late |(?:{_OCCUPATIONS}|filmmaker|{jobs}) "
            rf"(?:and (?:[\w-]+ )?(?:{_OCCUPATIONS}|{jobs}) )?){{1,2}})?"
            rf"{_SLOT}((?:,? and <\d+>(?!{_POSS})|, <\d+>(?!{_POSS}))*)"
        ),
        "role_to_list": re.compile(
            rf"{_SLOT},? (?:is|was|has been) (?:an? |the )(?:[\w-]+ ){{0,3}}?({roles}) (?:of|to) "
            rf"(?:[\w-]+ (?:including|like|such as) )?{_SLOT}"
            rf"((?:,? (?:and )?<\d+>(?: \([^()<>]*(?:<\d+>[^()<>]*)?\))?)*)"
        ),
        "appos_role": re.compile(
            rf"{_SLOT},? (?:the |an? |his |her )?(?:[\w-]+ ){{0,2}}?({roles}) (?:of|for|to) {_SLOT}"
        ),
        "and_his_role": re.compile(rf"{_SLOT} and (?:his|her|their) ({roles}),? {_SLOT}"),
        "org_of_person": re.compile(rf"{_SLOT}{_POSS} (?:[\w-]+ ){{0,4}}?(?:{_ORG_NOUNS}),? {_SLOT}"),
        "founder_of": re.compile(rf"{_SLOT},? (?:the |a )?(?:co-)?founder of (?:the )?{_SLOT}"),
        "founded": re.compile(rf"{_SLOT} (?:co-)?founded (?:the )?{_SLOT}"),
        "credit_of": re.compile(
            rf"{_SLOT}{_POSS}? (?:role as |, )(?:the |a )?((?:{credits})(?: and (?:the )?(?:{credits}))*) "
            rf"of {_TITLE_OR_SLOT}"
        ),
        "starred_in": re.compile(
            rf"{_SLOT}{_SUBJECT_TAIL} (?:also )?(?:starred|stars|starring|appeared|appears) in (?:the )?"
            rf"(?:(?:[\w’']+|<\d+>)(?:’s|'s)? ){{0,2}}?(?:(?:{_WORK_NOUNS}) )?{_TITLE_OR_SLOT}"
        ),
        "costar": re.compile(
            rf"{_SLOT}{_SUBJECT_TAIL} (?:also )?(?:starred|stars|starring|co-starred|appeared) (?:together )?"
            rf"(?:alongside|with|opposite) {_SLOT}((?:,? and <\d+>)*){_CONTEXT}"
        ),
        "costar_together": re.compile(
            rf"{_SLOT} and {_SLOT} (?:starring|starred|star|co-starred|appeared) together{_CONTEXT}"
        ),
        "fellow": re.compile(
            rf"[Ff]ellow ({TITLE}) (?:actors|stars|cast members|castmates|co-stars) "
            rf"{_SLOT}((?:,? and <\d+>)*)[^<>]*?{_SLOT}"
        ),
        "married_to": re.compile(rf"{_SLOT} (?:is |was |has been |got )?(?:married to|married|wed) {_SLOT}"),
        "job_of": re.compile(
            rf"{_SLOT},? (?:who (?:is|was|has been) (?:also |now )?)?(?:the |a |an |its |his |her )?"
            rf"(?:[\w-]+ ){{0,3}}?({jobs})\b(?: and (?:[\w-]+ )?({jobs}))?"
            rf"(?: (?:of (?:the )?<(\d+)>|(?:for|in) (?:the )?<\d+>)(?= at)| (?:of|for) [^,<>]{{1,40}}?)? "
            rf"(?:of|at|for|with) (?:the )?(?:[\w-]+ ){{0,2}}?(?:<\d+>(?:’s|'s) )?{_SLOT}"
            rf"(?:(?:’s|'s) ({_unit()}))?",
            re.IGNORECASE,
        ),
        "founded_by": re.compile(
            rf"{_SLOT}, (?:a|an|the) (?:[\w-]+ ){{0,3}}?(?:co-)?founded by (?:(?:[\w-]+|<\d+>) ){{0,3}}?{_SLOT}"
        ),
        "person_of_org": re.compile(rf"{_SLOT},? of (?:the )?{_SLOT}(?!(?:’s|'s))"),
        "org_poss_person": re.compile(rf"{_SLOT}(?:’s|'s) {_SLOT}"),
        "appos_poss_role": re.compile(rf"{_SLOT}, {_SLOT}{_POSS} ({roles})\b"),
        "org_job": re.compile(
            rf"{_SLOT}{_POSS}? (?:[\w-]+ ){{0,3}}?({jobs})(?: and (?:[\w-]+ ){{0,2}}?(?:({jobs})|[\w-]+))?,? {_SLOT}",
            re.IGNORECASE,
        ),
        "job_name_of": re.compile(
            rf"\b({jobs}) {_SLOT},? (?:of|at) (?:the )?(?:<\d+>(?:’s|'s) )?{_SLOT}", re.IGNORECASE
        ),
    }


def extract_relations(sentences: list[Rendered], text: str) -> list[Relation]:
    """Relations stated in the rendered sentences, de-duplicated (symmetric ones unordered)."""
    seen: set[tuple[object, ...]] = set()
    out: list[Relation] = []
    orgs = frozenset(n for s in sentences for slot in s.slots if slot.label == "ORG" for n in slot.names)
    for sent in sentences:
        for found in (*_sentence_relations(sent, text), *employments(sent, text, orgs), *credits(sent, text)):
            rel = found
            if rel.head == rel.tail:
                continue
            pair: object = frozenset((rel.head, rel.tail)) if rel.relation in _SYMMETRIC else (rel.head, rel.tail)
            key = (rel.relation, pair, rel.detail)
            if key not in seen:
                seen.add(key)
                out.append(rel)
    return out


def _possessive_pronoun(sent: Rendered, slot: str, text: str) -> bool:
    """A possessive pronoun resolved to its person (``his aunt, Jane``) stands for ``X's``."""
    mention = sent.slots[int(slot)]
    return text[mention.start : mention.end].lower() in ("his", "her", "their")


def _role_pair(sent: Rendered, role: str, holder: str, other: str, confidence: float) -> Iterator[Relation]:
    """``holder`` is ``role`` to ``other`` (``Y`` is ``X``'s aunt); a ``~`` relation turns round."""
    relation, detail = _roles()[role.lower()]
    for a in people(sent, holder):
        for b in people(sent, other):
            if relation.startswith("~"):
                yield _rel(sent, b, relation[1:], a, detail, confidence)
            else:
                yield _rel(sent, a, relation, b, detail, confidence)


def _slots(group: str) -> list[str]:
    return PLACEHOLDER.findall(group or "")


def _rel(sent: Rendered, head: str, relation: str, tail: str, detail: str | None, confidence: float) -> Relation:
    return Relation(head, relation, tail, sent.start, sent.end, detail, confidence)


def _sentence_relations(sent: Rendered, text: str) -> Iterator[Relation]:
    patterns = _patterns()
    for m in patterns["poss_role"].finditer(sent.text):
        if m.group(2) or _possessive_pronoun(sent, m.group(1), text):
            for b in [m.group(4), *_slots(m.group(5))]:
                yield from _role_pair(sent, m.group(3), b, m.group(1), 0.8)
    for m in patterns["role_to_list"].finditer(sent.text):
        for b in [m.group(3), *_slots(re.sub(r"\([^()]*\)", "", m.group(4)))]:
            yield from _role_pair(sent, m.group(2), m.group(1), b, 0.7)
    for name in ("appos_role", "and_his_role"):
        for m in patterns[name].finditer(sent.text):
            first, second = (m.group(1), m.group(3)) if name == "appos_role" else (m.group(3), m.group(1))
            yield from _role_pair(sent, m.group(2), first, second, 0.7)
    for name in ("org_of_person", "founder_of", "founded"):
        for m in patterns[name].finditer(sent.text):
            if sent.label(m.group(2)) == "ORG":
                for a in people(sent, m.group(1)):
                    yield _rel(
                        sent, a, "founder", sent.names(m.group(2))[0], None, 0.6 if name == "org_of_person" else 0.8
                    )
    for m in patterns["credit_of"].finditer(sent.text):
        work = work_title(sent, m.group(3))
        for credit in re.findall("|".join(_CREDITS), m.group(2)):
            for a in people(sent, m.group(1)):
                if work:
                    yield _rel(sent, a, _CREDITS[credit], work, None, 0.7)
    for m in patterns["starred_in"].finditer(sent.text):
        work = work_title(sent, m.group(2))
        for a in people(sent, m.group(1)):
            if work:
                yield _rel(sent, a, "starred in", work, None, 0.6)
    yield from _costars(sent, text)
    for m in patterns["married_to"].finditer(sent.text):
        for a in people(sent, m.group(1)):
            for b in people(sent, m.group(2)):
                yield _rel(sent, a, "spouse", b, None, 0.8)
    yield from _married_groups(sent, text)
    for m in patterns["job_of"].finditer(sent.text):
        if sent.label(m.group(5)) == "ORG":
            # the more specific organisation: "director of <Z> at <Y>", "at <Y>'s Feinstein Center"
            org = m.group(6) or sent.names(m.group(5))[0]
            unit = sent.names(m.group(4))[0] if m.group(4) and sent.label(m.group(4)) == "ORG" else ""
            if re.fullmatch(rf"{_unit()}(?: (?:of|for) .*)?", unit):  # a centre, not a division
                org = unit
            for a in people(sent, m.group(1)):
                for role in filter(None, (m.group(2), m.group(3))):
                    yield _job(sent, a, role, org)
    yield from _memberships(sent)
    for m in patterns["org_job"].finditer(sent.text):
        if sent.label(m.group(1)) == "ORG":
            for a in people(sent, m.group(4)):
                for role in filter(None, (m.group(2), m.group(3))):
                    yield _job(sent, a, role, sent.names(m.group(1))[0])
    for m in patterns["job_name_of"].finditer(sent.text):
        if sent.label(m.group(3)) == "ORG":
            for a in people(sent, m.group(2)):
                yield _job(sent, a, m.group(1), sent.names(m.group(3))[0])


def _memberships(sent: Rendered) -> Iterator[Relation]:
    """``Kosmos, a group co-founded by X``; ``X of the University of Y`` and ``the BBC's X`` (a
    person named with an organisation is its member: Hearst-style apposition, low confidence);
    ``X, Y's attorney`` (a role stated of a possessor in apposition)."""
    patterns = _patterns()
    for m in patterns["founded_by"].finditer(sent.text):
        if sent.label(m.group(1)) == "ORG":
            for a in people(sent, m.group(2)):
                yield _rel(sent, a, "founder", sent.names(m.group(1))[0], None, 0.7)
    for name, person, org in (("person_of_org", 1, 2), ("org_poss_person", 2, 1)):
        for m in patterns[name].finditer(sent.text):
            if sent.label(m.group(org)) == "ORG":
                for a in people(sent, m.group(person)):
                    yield _rel(sent, a, "employee", sent.names(m.group(org))[0], None, 0.5)
    for m in patterns["appos_poss_role"].finditer(sent.text):
        yield from _role_pair(sent, m.group(3), m.group(1), m.group(2), 0.7)


def _job(sent: Rendered, person: str, role: str, org: str) -> Relation:
    """``CEO of X`` is an employee; ``founder of X`` a founder."""
    if role.lower() in ("founder", "co-founder"):
        return _rel(sent, person, "founder", org, None, 0.7)
    return _rel(sent, person, "employee", org, role, 0.7)


def _costars(sent: Rendered, text: str) -> Iterator[Relation]:
    patterns = _patterns()
    for m in patterns["costar"].finditer(sent.text):
        work = work_title(sent, m.group(4))
        others = [m.group(2), *_slots(m.group(3))]
        for a in people(sent, m.group(1)):
            for slot in others:
                for b in people(sent, slot):
                    yield _rel(sent, a, "co-star", b, work, 0.8)
    for m in patterns["costar_together"].finditer(sent.text):
        work = work_title(sent, m.group(3))
        for a in people(sent, m.group(1)):
            for b in people(sent, m.group(2)):
                yield _rel(sent, a, "co-star", b, work, 0.8)
    for m in patterns["fellow"].finditer(sent.text):
        work = work_title(sent, m.group(1))
        for slot in [m.group(2), *_slots(m.group(3))]:
            for a in people(sent, slot):
                for b in people(sent, m.group(4)):
                    yield _rel(sent, a, "co-star", b, work, 0.7)


def _married_groups(sent: Rendered, text: str) -> Iterator[Relation]:
    """``the married couple``: a group mention that says its members are married."""
    married = re.compile(r"\b(married|spouses|newlyweds|husband and wife)\b", re.I)
    for slot in sent.slots:
        if len(slot.names) == 2 and slot.label == "PERSON" and married.search(text[slot.start : slot.end]):
            yield Relation(slot.names[0], "spouse", slot.names[1], sent.start, sent.end, None, 0.8)
