"""All quotations of a parsed article, attributed: direct, mixed, floating and indirect.

Several extractors merged and de-duplicated, as in the Gender Gap Tracker: quotation marks
first (they are the strongest evidence), then indirect speech wherever it does not overlap a
quotation. A quote with no cue of its own that stands alone inherits the speaker of the quote
before it within two paragraphs (BookNLP's continuing-quote rule); a short quote inside a
sentence with no cue is a scare quote or a title and is not reported.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from quotegraph.nlp.model import doc_text
from quotegraph.people.entities import People
from quotegraph.quotes.cues import cue_text
from quotegraph.quotes.direct import attach, is_standalone, names_a_title
from quotegraph.quotes.indirect import find_indirect
from quotegraph.quotes.marks import MarkSpan, paragraphs
from quotegraph.quotes.noun_cues import find_noun_cues
from quotegraph.quotes.speakers import NO_SPEAKER, Speaker, speaker_from_subject, speaker_of_cue
from quotegraph.quotes.turns import speaker_turns
from quotegraph.quotes.tweets import embedded_posts
from quotegraph.types import Quote, QuoteKind

_FLOAT_PARAGRAPHS = 2
_NAME_WINDOW_TOKENS = 9  # "reads a Wednesday editorial in The Des Moines Register"


def quote_mask(doc: Doc, marks: list[MarkSpan]) -> list[bool]:
    """Per token: is it inside quotation marks?"""
    mask = [False] * len(doc)
    starts = [m.start for m in marks]
    for token in doc:
        k = bisect_right(starts, token.idx) - 1
        if k >= 0 and token.idx < marks[k].end:
            mask[token.i] = True
    return mask


def extract_quotes(doc: Doc, text: str, marks: list[MarkSpan], people: People) -> list[Quote]:
    """Quotes of ``doc`` (parsed from ``text`` with residue blanked) in text order."""
    in_quote = quote_mask(doc, marks)
    para_starts = [s for s, _ in paragraphs(text)]
    quotes: list[Quote] = []
    used_cues: set[int] = set()
    covered_until = -1
    for mark in marks:
        if mark.start < covered_until:
            continue  # inside a mixed quote already reported
        if names_a_title(doc, mark):
            continue  # "his book “Musicophilia”": a name, not a quotation
        found = attach(doc, mark, in_quote)
        kind: QuoteKind = "direct"
        start, end = mark.start, mark.end
        if found.cue is not None:
            speaker = speaker_of_cue(found.cue, people)
            if not speaker.names or (speaker.start is not None and mark.start <= speaker.start < mark.end):
                speaker = _name_near_cue(doc, found.cue, mark, people, in_quote) or speaker
            used_cues.add(found.cue.i)
            if found.mixed_start is not None and found.mixed_end is not None:
                kind, start, end = "mixed", found.mixed_start, found.mixed_end
                end = max([end] + [m.end for m in marks if start <= m.start < end])
                covered_until = end
            cue: str | None = cue_text(found.cue)
            cue_span: tuple[int | None, int | None] = (found.cue.idx, found.cue.idx + len(found.cue.text))
        elif found.introduced:
            speaker = speaker_from_subject(found.source, people) if found.source is not None else NO_SPEAKER
            cue, cue_span = ":", (None, None)
            if found.according is not None:  # "According to X, “...”"
                used_cues.add(found.according.i)
                cue = "according to"
                to = found.according.nbor(1)
                cue_span = (found.according.idx, to.idx + len(to.text))
        else:
            if mark.single or not is_standalone(doc, mark, in_quote):
                continue
            speaker, cue, cue_span = NO_SPEAKER, None, (None, None)  # see _continue_speakers
        quotes.append(_quote(text, start, end, kind, cue, cue_span, speaker))
    quotes += _posts(doc, text, people, _SpanSet((q.start, q.end) for q in quotes))
    marked = _SpanSet((q.start, q.end) for q in quotes)
    taken: set[tuple[int, int]] = set()
    for cand in find_indirect(doc, in_quote, used_cues, people):
        # indirect speech may nest in indirect speech (PolNeAR does), never in quotation marks
        if (cand.start, cand.end) in taken or marked.overlaps(cand.start, cand.end):
            continue
        speaker = speaker_from_subject(cand.source, people)
        taken.add((cand.start, cand.end))
        cue_span = (cand.cue.idx, cand.cue.idx + len(cand.cue.text))
        cue = "according to" if cand.cue.lower_ == "according" else cue_text(cand.cue)
        quotes.append(_quote(text, cand.start, cand.end, "indirect", cue, cue_span, speaker))
    quotes = _with_turns(doc, text, marks, people, quotes)
    quotes += _noun_cue_quotes(doc, text, marks, in_quote, people, quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    setups = {q.start: _setup_speaker(doc, q.start, people, in_quote) for q in quotes if q.cue is None}
    persons = {c.name for c in people.clusters if c.label == "PERSON"}
    quotes = _continue_speakers(quotes, para_starts, setups)
    return _it_continues(quotes, text, para_starts, persons)


def _with_turns(doc: Doc, text: str, marks: list[MarkSpan], people: People, found: list[Quote]) -> list[Quote]:
    """Transcript turns (quotes/turns.py) replace the quotes found inside them (``Matthews: ...
    They said, ‘Well, ...’`` is one turn of Matthews')."""
    for turn in speaker_turns(doc, text, people):
        inside = [q for q in found if turn.start <= q.start and q.end <= turn.end]
        if any(q.start < turn.end and turn.start < q.end for q in found if q not in inside):
            continue
        kind: QuoteKind = "mixed" if any(turn.start <= m.start < turn.end for m in marks) else "direct"
        speaker = Speaker(turn.names, turn.name_start, turn.name_end)
        turn_quote = _quote(text, turn.start, turn.end, kind, ":", (turn.colon, turn.colon + 1), speaker)
        found = [q for q in found if q not in inside] + [turn_quote]
    return found


def _noun_cue_quotes(
    doc: Doc, text: str, marks: list[MarkSpan], in_quote: list[bool], people: People, found: list[Quote]
) -> list[Quote]:
    """Quotes whose cue is a noun of saying (quotes/noun_cues.py), where nothing else was found."""
    out: list[Quote] = []
    for cand in find_noun_cues(doc, in_quote):
        if any(q.start < cand.end and cand.start < q.end for q in [*found, *out]):
            continue
        inside = [m.end for m in marks if cand.start <= m.start < cand.end]
        kind: QuoteKind = "mixed" if inside else "indirect"
        end = max([cand.end, *inside])  # "her remark that “...”": the quotation whole
        cue_span = (cand.cue.idx, cand.cue.idx + len(cand.cue.text))
        speaker = speaker_from_subject(cand.source, people)
        out.append(_quote(text, cand.start, end, kind, cand.cue.text, cue_span, speaker))
    return out


def _setup_speaker(doc: Doc, start: int, people: People, in_quote: list[bool]) -> Speaker | None:
    """The person a floating quote's set-up sentence is about: the main subject of the narrative
    sentence right before it (``He then referred to the earlier testimony. “I cannot disagree with
    it.”``), the conversational sieve of Muzny et al. (EACL 2017) for quotes with no cue."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    sent = doc[span.start].sent
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if any(in_quote[t.i] for t in before) or "\n" in doc_text(doc)[before.end_char : start]:
        return None
    subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or people.label_for(subject) != "PERSON" or len(people.names_for(subject)) != 1:
        return None
    return speaker_from_subject(subject, people)


def _posts(doc: Doc, text: str, people: People, marked: _SpanSet) -> list[Quote]:
    """Embedded tweets signed ``— Name (@handle) date`` (quotes/tweets.py), unless a quotation
    already covers them."""
    found = []
    for post in embedded_posts(text):
        if marked.overlaps(post.start, post.end):
            continue
        name = doc.char_span(post.name_start, post.name_end, alignment_mode="contract")
        names = people.names_for(name[-1]) if name is not None and len(name) else ()
        speaker = Speaker(names or (text[post.name_start : post.name_end],), post.name_start, post.name_end)
        found.append(_quote(text, post.start, post.end, "direct", "—", (post.cue_start, post.cue_start + 1), speaker))
    return found


class _SpanSet:
    """Spans answering "does anything overlap [start, end)?" in O(log n): starts sorted, with the
    running maximum of their ends (a linear scan per candidate made long articles quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = list(itertools.accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # spans starting before `end`
        return before > 0 and self.max_end[before - 1] > start


_DOCUMENT_SPEAKER = re.compile(r"(?i)^the (?:\w+ )?(statement|release|letter|post|email|memo|tweet)$")
_UNNAMED = re.compile(r"^(?:a|an|another|the|one) (.+)$", re.IGNORECASE)
# an anonymous source is one person whether called "an insider" or "the source" (AEB_QUOTES_GOLD.md)
_SAME_SOURCE = {"insider": "source", "source close to": "source", "person familiar": "source"}
_UNNAMED_PP = re.compile(r" (?:on|of|for|at|in|from|with|close to|familiar with) ")


def _first_form(quote: Quote, unnamed: dict[str, str]) -> Quote:
    """An unnamed source keeps the form it was introduced with: ``an insider`` ... ``the insider``."""
    assert quote.speaker is not None
    match = _UNNAMED.match(quote.speaker)
    if match is None:
        return _first_plural_form(quote, unnamed)
    # "a doctor on the scene" ... "the doctor"; "a UK man" ... "the man": the head noun
    words = _UNNAMED_PP.split(match.group(1).lower(), maxsplit=1)[0].split()
    key = _SAME_SOURCE.get(" ".join(words), words[-1] if words else "")
    if key not in unnamed:
        unnamed[key] = quote.speaker
        return quote
    first = unnamed[key]
    return replace(quote, speaker=first, speakers=(first,)) if quote.speaker.lower().startswith("the ") else quote


def _first_plural_form(quote: Quote, unnamed: dict[str, str]) -> Quote:
    """``Federal prosecutors`` ... ``prosecutors``: a bare plural source that repeats the end of
    one named before is that source, in its first form (AEB_DEV6_GOLD.md)."""
    assert quote.speaker is not None
    words = quote.speaker.split()
    if not _BARE_PLURAL.match(quote.speaker) or any(w[:1].isupper() for w in words[1:]):
        return quote
    key = words[-1].lower()
    first = unnamed.setdefault(key, quote.speaker)
    if len(first) > len(quote.speaker) and first.lower().endswith(" " + quote.speaker.lower()):
        return replace(quote, speaker=first, speakers=(first,))
    return quote


_BARE_PLURAL = re.compile(r"^[A-Za-z][a-z-]*(?: [a-z-]+)*s$")


def _name_near_cue(doc: Doc, cue: Token, mark: MarkSpan, people: People, in_quote: list[bool]) -> Speaker | None:
    """When the parse gives the cue no usable subject (``“...,” Will Moy, chief executive of
    Full Fact, told the BBC``; ``comments Robin Biesbroek of the CDF``): the first name outside
    quotes between the quotation and the cue, or right after the cue."""
    if cue.idx < mark.end:
        window = range(cue.i + 1, min(len(doc), cue.i + _NAME_WINDOW_TOKENS))
    else:
        first = doc.char_span(mark.end, mark.end, alignment_mode="expand")
        start = first.start if first is not None else cue.i
        window = range(start, min(len(doc), cue.i + _NAME_WINDOW_TOKENS))
    found: dict[str, Token] = {}
    for i in window:
        token = doc[i]
        if in_quote[i] or "\n" in token.text:
            continue
        label = people.label_for(token)
        if label in ("PERSON", "ORG"):
            found.setdefault(label, token)
    # "said Air Force 1st Lt. Tyler Livingston": the person, not the service named before him
    name = found.get("PERSON") or found.get("ORG")
    return speaker_from_subject(_head_of_name(name, people), people) if name is not None else None


def _head_of_name(token: Token, people: People) -> Token:
    """The last token of the name ``token`` is in."""
    while token.i + 1 < len(token.doc) and people.by_token.get(token.i + 1) == people.by_token.get(token.i):
        token = token.doc[token.i + 1]
    return token


def _continue_speakers(quotes: list[Quote], para_starts: list[int], setups: dict[int, Speaker | None]) -> list[Quote]:
    """A floating quote (no cue, not introduced) continues the speaker of the quote before it,
    direct or indirect, within two paragraphs (BookNLP's continuing-quote rule), unless the
    narrative sentence right before it is about someone else (``setups``)."""
    out: list[Quote] = []
    previous: Quote | None = None
    unnamed: dict[str, str] = {}
    for quote in quotes:
        paragraph = bisect_right(para_starts, quote.start)
        if quote.speaker and previous is not None and _DOCUMENT_SPEAKER.match(quote.speaker):
            quote = replace(quote, speaker=previous.speaker, speakers=previous.speakers)  # "the statement read"
        elif quote.speaker and len(quote.speakers) == 1:
            quote = _first_form(quote, unnamed)
        setup = setups.get(quote.start) if quote.cue is None else None
        if setup is not None and (previous is None or setup.names != previous.speakers):
            quote = replace(
                quote, speaker=setup.name, speakers=setup.names, speaker_start=setup.start, speaker_end=setup.end
            )
        elif quote.cue is None and previous is not None and previous.speakers:
            if paragraph - bisect_right(para_starts, previous.start) <= _FLOAT_PARAGRAPHS:
                quote = replace(
                    quote, speaker=previous.speaker, speakers=previous.speakers,
                    speaker_start=previous.speaker_start, speaker_end=previous.speaker_end,
                )  # fmt: skip
            else:
                quote = replace(quote, speaker=None, speakers=(), speaker_start=None, speaker_end=None)
        out.append(quote)
        if quote.speakers:
            previous = quote
    return out


def _it_continues(quotes: list[Quote], text: str, para_starts: list[int], persons: set[str]) -> list[Quote]:
    """``the company wrote in its statement. It added, “...”``: an ``it`` the resolver could not
    place (the source was never tagged as an organisation) is the organisation or body that spoke
    in the quote just before, within two paragraphs."""
    out: list[Quote] = []
    for quote in quotes:
        previous = out[-1] if out else None
        unplaced = not quote.speakers and quote.cue is not None and quote.speaker_start is not None
        if unplaced and previous is not None and previous.speakers and not set(previous.speakers) & persons:
            near = bisect_right(para_starts, quote.start) - bisect_right(para_starts, previous.start)
            if text[quote.speaker_start : quote.speaker_end].lower() == "it" and near <= _FLOAT_PARAGRAPHS:
                quote = replace(quote, speaker=previous.speaker, speakers=previous.speakers)
        out.append(quote)
    return out


def _quote(
    text: str,
    start: int,
    end: int,
    kind: QuoteKind,
    cue: str | None,
    cue_span: tuple[int | None, int | None],
    speaker: Speaker,
) -> Quote:
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        cue=cue,
        speaker=speaker.name,
        speakers=speaker.names,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        cue_start=cue_span[0],
        cue_end=cue_span[1],
    )
