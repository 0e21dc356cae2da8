"""Events: arrests, charges, convictions, sentences, lawsuits, firings, deaths, awards, statements,
letters of support, each with participants, a detail, a time and its evidence sentence.

Triggers are data (``lexicons/events.tsv``); the participant is the person the trigger is said
of (the nearest person before it in the sentence, as in ``Masterson, who was sentenced``);
times are resolved against the publication date when it is known (TimeML-style anchoring of
relative expressions such as ``on Thursday``; Pustejovsky et al., 2003).
"""

from __future__ import annotations

import re
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
    r"\s*,?\s*(?:who |which )?(?:(?:was|were|is|are|has|have|had|been|being|got|later|also|then|\w+ly) )*"
)
_NEGATED = re.compile(r"\b(?:not|never|nor|without|n’t|n't|no)\b[^,.;]*$", re.I)
_ENDS_IN_AUX = re.compile(r"\b(?:being|was|were|been|got|is|are)\s*$")
_GENERIC_PLACE = re.compile(r"from the (show|series|sitcom|film|movie|company|team|band|network|firm|paper)\b", re.I)
_LETTER = re.compile(r"\bletters?\b", re.I)
_SUPPORT = re.compile(r"on behalf of|in support of|support|leniency|character letters?|praised", re.I)
_LETTER_TARGET = re.compile(
    r"(?:on behalf of|praised|for leniency for|in support of) <(\d+)>|<(\d+)>(?:’s|'s)? (?:case|sentencing|letters)"
)
_STATEMENT = re.compile(
    r"\bin (?:a|an|the|their|his|her) (?:new |joint |written |short )?"
    r"((?:\w+ )?(?:video|statement|interview|post|tweet|op-ed))\b"
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
        events.extend(_trigger_events(sent, works, published))
        works.extend(s.names[0] for s in sent.slots if s.label in ("WORK", "ORG"))
    events.extend(_letters(sentences))
    events.extend(_statements(quotes, text, named or set()))
    return events


def _participant(sent: Rendered, before: int) -> tuple[str, ...]:
    """The person the trigger at ``before`` is said of: the last person named before it, when
    only a verb group (``was``, ``who was``) or a parenthetical ending in one (``, who was
    sentenced ... after being``) stands between them; ``a person convicted of`` names nobody."""
    found: tuple[str, ...] = ()
    gap = ""
    for m in PLACEHOLDER.finditer(sent.text[:before]):
        if sent.label(m.group(1)) == "PERSON":
            found, gap = sent.names(m.group(1)), sent.text[m.end() : before]
    if not found:
        return ()
    if _VERB_GROUP.fullmatch(gap) or (gap.lstrip().startswith(",") and _ENDS_IN_AUX.search(gap)):
        return found
    return ()


def _trigger_events(sent: Rendered, works: list[str], published: str | None) -> Iterator[Event]:
    for trigger, kind, detail_re in _triggers():
        for m in trigger.finditer(sent.text):
            people = _participant(sent, m.start())
            if not people:
                continue
            if _NEGATED.search(sent.text[max(0, m.start() - 30) : m.start()]):
                continue  # "has not been charged", "was never convicted"
            after = sent.text[m.end() :].lstrip()
            detail_match = detail_re.match(after)
            if detail_match is None:
                continue  # the trigger word in another sense ("won the primary", "fired a shot")
            detail = detail_match.group(1).strip() if detail_match.group(1) else None
            if detail and PLACEHOLDER.search(detail):
                detail = PLACEHOLDER.sub(lambda s: sent.names(s.group(1))[0], detail)
            if detail and kind == "firing" and works:
                detail = _GENERIC_PLACE.sub(f"from {works[-1]}", detail)
            when_match = _WHEN.search(after[:80]) or _WHEN.search(sent.text[: m.start()][-40:])
            when = when_match.group(1) if when_match else None
            yield Event(kind, people, sent.start, sent.end, detail, when, resolve_when(when, published), 0.7)


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


def _statements(quotes: tuple[Quote, ...] | list[Quote], text: str, named: set[str]) -> Iterator[Event]:
    """A statement (video, interview, post) that quotes are said in, per group of named speakers."""
    seen: set[tuple[str, ...]] = set()
    for quote in quotes:
        if not quote.speakers or quote.cue_start is None or quote.speakers in seen:
            continue
        if not all(name in named for name in quote.speakers):
            continue
        window = text[quote.cue_start : min(len(text), max(quote.end, quote.cue_start) + 120)].split("\n")[0]
        m = _STATEMENT.search(window)
        if m:
            seen.add(quote.speakers)
            yield Event("statement", quote.speakers, quote.start, quote.end, m.group(1), None, None, 0.6)
