"""Events: arrests, charges, convictions, sentences, lawsuits, firings, deaths, awards, statements,
letters of support, each with participants, a detail, a time and its evidence sentence.

Triggers are data (``lexicons/events.tsv``); the participant is the person the trigger is said
of (the nearest person before it in the sentence, as in ``Masterson, who was sentenced``);
times are resolved against the publication date when it is known (TimeML-style anchoring of
relative expressions such as ``on Thursday``; Pustejovsky et al., 2003).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from quotegraph.graph.render import PLACEHOLDER, Rendered
from quotegraph.lexicon import load_lexicon
from quotegraph.types import Event, Quote

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]  # fmt: skip
_WHEN = re.compile(
    r"\b(?:on|in|last|this) ((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{1,2})?(?:,? \d{4})?|"
    r"\d{4})\b"
)
_VERB_GROUP = re.compile(
    r"\s*,?\s*(?:who |which )?(?:(?:was|were|is|are|has|have|had|been|being|got|later|also|then|\w+ly|"
    r"(?:on|last|this) [A-Z]\w+(?: \d{1,2})?|[A-Z]\w+ (?:night|morning)|[a-z]+ed (?:and|or)) )*"
)
# A trigger with its participant after it: "before convicting Webb", "the convicted pedophile
# Jeffrey Epstein", "her clients fired her" (object of an active verb or noun modified by a participle).
_FUNCTION_WORD = r"(?:who|that|which|and|or|by|of|with|to|for|in|on)\b"
_OBJECT_TRIGGERS = (
    (re.compile(rf"\b(?:convicting|convicted)\s+(?:(?!{_FUNCTION_WORD})[a-z-]+ ){{0,3}}<(\d+)>"), "conviction"),
    (re.compile(r"\b(?:arrested|arresting)\s+<(\d+)>"), "arrest"),
    (re.compile(r"\b(?:fired|sacked)\s+<(\d+)>"), "firing"),
)
# "the move announced on Monday by US Secretary of State X": a passive announcement by its giver.
_ANNOUNCED_BY = re.compile(
    r"\bannounced(?: [^<>,.;“”\"]{0,30})? by (?:[\w.-]+ |<\d+> ){0,5}?<(\d+)>(?! <\d+>)(?!’s|'s)"
)
# "Oscar-winning actress Mary Steenburgen": an award stated as a modifier.
_WINNING = re.compile(
    r"(?:<(\d+)>|\b(?!(?:The|A|An) )([A-Z][\w.]*(?: [A-Z][\w.]*){0,3}))[- ]winning (?:[a-z-]+ ){0,2}<(\d+)>"
)
_AWARD_NAMES = re.compile(r"Oscar|Emmy|Grammy|Tony|Pulitzer|Nobel|Golden Globe|BAFTA|Prize|Award|Medal", re.I)
_NEGATED = re.compile(r"\b(?:not|never|nor|without|n’t|n't|no)\b[^,.;]*$", re.I)
_APPOSITION = re.compile(r", (?:the |an? )?[a-z][^<>“”\",;]{0,50}?(?:<\d+>[^<>“”\",;]{0,30})?,")
_ENDS_IN_AUX = re.compile(r"\b(?:being|was|were|been|got|is|are)\s*$")
_GENERIC_PLACE = re.compile(r"from the (show|series|sitcom|film|movie|company|team|band|network|firm|paper)\b", re.I)
_LETTER = re.compile(r"\bletters?\b", re.I)
_SUPPORT = re.compile(r"on behalf of|in support of|support|leniency|character letters?|praised", re.I)
_LETTER_TARGET = re.compile(
    r"(?:on behalf of|praised|for leniency for|in support of) <(\d+)>|<(\d+)>(?:’s|'s)? (?:case|sentencing|letters)"
)


@lru_cache(maxsize=1)
def _triggers() -> list[tuple[re.Pattern[str], str, re.Pattern[str]]]:
    table = load_lexicon("quotegraph.graph.lexicons", "events.tsv")
    out = []
    for word, spec in table.items():
        kind, _, detail = spec.partition("\t")
        out.append((re.compile(rf"\b{word}\b", re.I), kind, re.compile(detail)))
    return out


def resolve_when(when: str | None, published: str | None) -> str | None:
    """``Thursday``/``May``/``2017`` as an ISO date (or year, or year-month) relative to publication."""
    if not when:
        return None
    if re.fullmatch(r"\d{4}", when):
        return when
    try:
        anchor = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        anchor = None
    if anchor is None:
        return None
    word = when.split()[0].lower()
    if word in _WEEKDAYS:
        back = (anchor.weekday() - _WEEKDAYS.index(word)) % 7
        return (anchor - timedelta(days=back)).isoformat()
    if word in _MONTHS:
        month = _MONTHS.index(word) + 1
        year = anchor.year if month <= anchor.month else anchor.year - 1
        year_match = re.search(r"\d{4}", when)
        if year_match:
            year = int(year_match.group())
        day = re.search(r" (\d{1,2})\b", when)
        return f"{year:04d}-{month:02d}" + (f"-{int(day.group(1)):02d}" if day else "")
    return None


def extract_events(
    sentences: list[Rendered],
    quotes: tuple[Quote, ...] | list[Quote],
    text: str,
    published: str | None,
    named: set[str] | None = None,
) -> list[Event]:
    """Events stated in the article; letters of support and statements merged per target/speakers."""
    events: list[Event] = []
    works: list[str] = []
    for sent in sentences:
        events.extend(_trigger_events(sent, works, published, text))
        works.extend(s.names[0] for s in sent.slots if s.label in ("WORK", "ORG"))
    events.extend(_letters(sentences))
    events.extend(_statements(sentences, quotes, named or set()))
    return _dedupe(events)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per act: a trigger and a statement act in one sentence, or one real-world event
    (a conviction, a death) mentioned again, are reported once (its first mention)."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for event in events:
        key: tuple[object, ...] = (event.type, event.participants, event.start if event.type == "statement" else None)
        if event.type == "award":
            key += (event.detail,)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def _participant(sent: Rendered, before: int, labels: tuple[str, ...] = ("PERSON",)) -> tuple[str, ...]:
    """The person the trigger at ``before`` is said of: the last person named before it, when
    only a verb group (``was``, ``who was``) or a parenthetical ending in one (``, who was
    sentenced ... after being``) stands between them; ``a person convicted of`` names nobody."""
    subjects = [m for m in PLACEHOLDER.finditer(sent.text[:before]) if sent.label(m.group(1)) in labels]
    for k in range(len(subjects) - 1, -1, -1):
        gap = sent.text[subjects[k].end() : before]
        appos = _APPOSITION.match(gap)  # "B, a former <org> official, testified"
        if appos and _VERB_GROUP.fullmatch(gap[appos.end() :]):
            gap = gap[appos.end() :]
        elif k < len(subjects) - 1:
            return ()  # only an apposition may hold a later name
        if _VERB_GROUP.fullmatch(gap) or (gap.lstrip().startswith(",") and _ENDS_IN_AUX.search(gap)):
            return _coordinated(sent, subjects[: k + 1]) + sent.names(subjects[k].group(1))
    return ()


def _coordinated(sent: Rendered, subjects: list[re.Match[str]]) -> tuple[str, ...]:
    """Persons coordinated with the last one (``A, the former envoy, and B testified``)."""
    out: tuple[str, ...] = ()
    for first, second in zip(subjects[-2::-1], subjects[:0:-1], strict=False):
        between = sent.text[first.end() : second.start()]
        appos = _APPOSITION.match(between)
        if (between[appos.end() :] if appos else between) not in (" and ", ", and "):
            break
        out = sent.names(first.group(1)) + out
        if len(out) > 4:
            break
    return out


def _surface(sent: Rendered, text: str, value: str) -> str:
    """``value`` with its placeholders replaced by the words the article has there."""
    return PLACEHOLDER.sub(lambda s: text[sent.slots[int(s.group(1))].start : sent.slots[int(s.group(1))].end], value)


def _object_events(sent: Rendered, text: str) -> Iterator[Event]:
    """Events whose participant follows the trigger (objects, participle modifiers, awards)."""
    for pattern, kind in _OBJECT_TRIGGERS:
        for m in pattern.finditer(sent.text):
            negated = _NEGATED.search(sent.text[max(0, m.start() - 30) : m.start()])
            if sent.label(m.group(1)) == "PERSON" and not negated:
                yield Event(kind, sent.names(m.group(1)), sent.start, sent.end, None, None, None, 0.6)
    for m in _ANNOUNCED_BY.finditer(sent.text):
        if sent.label(m.group(1)) in ("PERSON", "ORG"):
            yield Event("statement", sent.names(m.group(1)), sent.start, sent.end, "announcement", None, None, 0.6)
    for m in _WINNING.finditer(sent.text):
        award = _surface(sent, text, f"<{m.group(1)}>") if m.group(1) else m.group(2)
        if _AWARD_NAMES.search(award) and sent.label(m.group(3)) == "PERSON":
            yield Event("award", sent.names(m.group(3)), sent.start, sent.end, award, None, None, 0.6)


def _trigger_events(sent: Rendered, works: list[str], published: str | None, text: str) -> Iterator[Event]:
    yield from _object_events(sent, text)
    for trigger, kind, detail_re in _triggers():
        for m in trigger.finditer(sent.text):
            people = _participant(sent, m.start(), ("PERSON", "ORG") if kind == "statement" else ("PERSON",))
            if not people:
                continue
            if _NEGATED.search(sent.text[max(0, m.start() - 30) : m.start()]):
                continue  # "has not been charged", "was never convicted"
            after = sent.text[m.end() :].lstrip()
            detail_match = detail_re.match(_surface(sent, text, after) if kind == "award" else after)
            if detail_match is None:
                continue  # the trigger word in another sense ("won the primary", "fired a shot")
            detail = detail_match.group(1).strip() if detail_match.group(1) else None
            if detail and PLACEHOLDER.search(detail):
                detail = PLACEHOLDER.sub(lambda s: sent.names(s.group(1))[0], detail)
            if detail and kind == "firing" and works:
                detail = _GENERIC_PLACE.sub(f"from {works[-1]}", detail)
            when_match = _WHEN.search(after[:80]) or _WHEN.search(sent.text[: m.start()][-40:])
            when = when_match.group(1) if when_match else None
            details = [detail]
            if kind == "award":  # "won the X Award and multiple Y Awards": two awards
                rest = detail_match.string[detail_match.end() :]
                more = re.match(r" and (?:[a-z]+ )?", rest)
                second = detail_re.match(rest[more.end() :]) if more else None
                details += [second.group(1).strip()] if second and second.group(1) else []
            # one statement per giver ("A and B testified": two testimonies); other events are shared
            for group in [(p,) for p in people] if kind == "statement" else [people]:
                for what in details:
                    yield Event(kind, group, sent.start, sent.end, what, when, resolve_when(when, published), 0.7)


def _letters(sentences: list[Rendered]) -> Iterator[Event]:
    """One ``letter of support`` event per person supported, with every writer named."""
    writers: dict[str, list[str]] = {}
    spans: dict[str, tuple[int, int]] = {}
    for sent in sentences:
        if not (_LETTER.search(sent.text) and _SUPPORT.search(sent.text)):
            continue
        targets = {s for m in _LETTER_TARGET.finditer(sent.text) for s in m.groups() if s is not None}
        target_names = {n for s in targets if sent.label(s) == "PERSON" for n in sent.names(s)}
        if len(target_names) != 1:
            continue
        (target,) = target_names
        for slot in sent.slots:
            for name in slot.names if slot.label == "PERSON" else ():
                if name != target and name not in writers.setdefault(target, []):
                    writers[target].append(name)
        start, end = spans.get(target, (sent.start, sent.end))
        spans[target] = (min(start, sent.start), max(end, sent.end))
    for target, names in writers.items():
        if names:
            start, end = spans[target]
            yield Event(
                "letter of support", tuple(names), start, end, f"letters in support of {target}", None, None, 0.6
            )


_SAY = (
    r"(?:said|says|told|tells|wrote|writes|added|adds|announced|recalled|replied|commented|comments|stated|"
    r"confirmed|noted|explained|warned|testified)"
)
_GIVER_BEFORE = re.compile(rf"<(\d+)>(?:, [^“”\"<>]*?(?:<\d+>[^“”\"<>]*?){{0,3}},)? {_SAY}\b[^<>“”\".;]{{0,40}}$")
_GIVER_AFTER = re.compile(rf"\b{_SAY} <(\d+)>[^“”\".;]{{0,100}}$")
_WITH_PERSON = re.compile(r" with (?:[\w-]+ ){0,4}?<(\d+)>")  # a fireside chat / an interview with X
_GIVER_FOLLOWS = re.compile(rf"^[^<>“”\".;]{{0,60}}, <(\d+)>(?:, [^“”\"]*?,)? {_SAY}\b")


@lru_cache(maxsize=1)
def _statement_act() -> re.Pattern[str]:
    """``in a statement``, ``by email``, ``during a news conference``: the act a giver speaks in."""
    nouns = sorted(load_lexicon("quotegraph.graph.lexicons", "statements.txt"), key=len, reverse=True)
    acts = "|".join(re.escape(n) for n in nouns)
    return re.compile(
        rf"\b(?:in|by|via|during|on|through) (?:(an?|the|their|his|her|its|this|that) )?"
        rf"((?:[\w’'.-]+ ){{0,3}}?(?:{acts}))\b(?![-’'])(?! game)",
        re.I,
    )


def _statements(sentences: list[Rendered], quotes: tuple[Quote, ...] | list[Quote], named: set[str]) -> Iterator[Event]:
    """Public acts of communication (Cook said *in a fireside chat*, Noem *told KELO by email*)
    with their giver: the speaker of a quote cued in the sentence, else the subject of the
    reporting verb next to the act. An act the text refers back to (``the statement``) by the
    same giver is one event; ``a statement`` is a new one (one event per act)."""
    starts = [s.start for s in sentences]
    cued: dict[int, list[tuple[str, ...]]] = {}
    for quote in quotes:
        if quote.speakers and quote.cue_start is not None and all(n in named for n in quote.speakers):
            i = bisect_right(starts, quote.cue_start) - 1
            if i >= 0 and quote.speakers not in cued.setdefault(i, []):
                cued[i].append(quote.speakers)
    seen: set[tuple[tuple[str, ...], str]] = set()
    for i, sent in enumerate(sentences):
        for m in _statement_act().finditer(sent.text):
            givers = cued.get(i) or _givers(sent, m)
            for giver in givers[:1]:
                act = m.group(2).lower()
                partner = _WITH_PERSON.match(sent.text, m.end())
                if partner and sent.label(partner.group(1)) == "PERSON":
                    giver = tuple(dict.fromkeys(giver + sent.names(partner.group(1))))
                key = (giver, act.split()[-1])
                if key in seen and (m.group(1) or "").lower() not in ("a", "an"):
                    continue
                seen.add(key)
                yield Event("statement", giver, sent.start, sent.end, m.group(2), None, None, 0.6)


def _givers(sent: Rendered, act: re.Match[str]) -> list[tuple[str, ...]]:
    """The named subject of the reporting verb before (``X, CEO of Y, said in``), after
    (``said X in``) or following a fronted act (``In a letter, X said``)."""
    before = sent.text[: act.start()]
    for pattern, where in ((_GIVER_BEFORE, before), (_GIVER_AFTER, before), (_GIVER_FOLLOWS, sent.text[act.end() :])):
        m = pattern.search(where)
        if m and sent.label(m.group(1)) in ("PERSON", "ORG"):
            return [sent.names(m.group(1))]
    return []
