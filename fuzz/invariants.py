"""The oracle every fuzzer and property test here checks a result against.

A result of ``Pipeline.pipe`` (or of reading an input) must be an :class:`Analysis` or a
:class:`Failure` with a code. An analysis must keep its input text unchanged, every span in it
(residue, quote, speaker mention, cue, entity mention, relation and event evidence) must lie
inside the text, a span that stores its text must store exactly ``text[start:end]``, and
``to_dict``/``from_dict`` (also through JSON) must give the same analysis back.

:func:`problems` returns what is wrong as short strings, each starting with a category
(``out-of-bounds``, ``text-mismatch``, ``round-trip``, ``shape``) so callers can count them.
"""

from __future__ import annotations

import json
from typing import Any

from quotegraph.types import Analysis, Article, Failure

KINDS = frozenset({"direct", "indirect", "mixed"})
LABELS = frozenset({"PERSON", "ORG", "WORK"})
CATEGORIES = ("out-of-bounds", "text-mismatch", "round-trip", "shape")


def problems(result: Any, text: str | None = None, *, round_trip: bool = True) -> list[str]:
    """Everything wrong with ``result``; ``text`` is the input text when the article text must equal it."""
    if isinstance(result, Failure):
        ok = all(isinstance(v, str) for v in (result.source, result.code, result.detail)) and bool(result.code)
        return [] if ok else [f"shape: failure without a code: {result!r}"[:300]]
    if not isinstance(result, Analysis):
        return [f"shape: neither an Analysis nor a Failure: {type(result).__name__}"]
    found: list[str] = []
    body = result.article.text
    if text is not None and body != text:
        found.append("text-mismatch: article text differs from the input")
    n = len(body)

    def span(what: str, start: Any, end: Any, stored: str | None = None, *, empty_ok: bool = False) -> None:
        if not (isinstance(start, int) and isinstance(end, int)):
            found.append(f"shape: {what} offsets are not ints: {start!r}, {end!r}")
            return
        if not (0 <= start <= end <= n) or (start == end and not empty_ok):
            found.append(f"out-of-bounds: {what} [{start}, {end}) in a text of {n}")
            return
        if stored is not None and body[start:end] != stored:
            found.append(
                f"text-mismatch: {what} [{start}, {end}) stores {stored[:40]!r}, text has {body[start:end][:40]!r}"
            )

    def pair(what: str, start: Any, end: Any) -> None:
        if (start is None) != (end is None):
            found.append(f"shape: {what} has one offset only: {start!r}, {end!r}")
        elif start is not None:
            span(what, start, end)

    for i, r in enumerate(result.article.residue):
        span(f"residue {i}", r.start, r.end, r.text)
    for i, q in enumerate(result.quotes):
        span(f"quote {i}", q.start, q.end, q.text)
        pair(f"quote {i} speaker mention", q.speaker_start, q.speaker_end)
        pair(f"quote {i} cue", q.cue_start, q.cue_end)
        if q.kind not in KINDS:
            found.append(f"shape: quote {i} kind {q.kind!r}")
        if q.speaker is not None and q.speaker not in q.speakers:
            found.append(f"shape: quote {i} speaker {q.speaker!r} not among its speakers {q.speakers!r}")
    for e in result.entities:
        if e.label not in LABELS:
            found.append(f"shape: entity {e.name!r} label {e.label!r}")
        for m in e.mentions:
            span(f"mention of {e.name[:30]!r}", m.start, m.end, m.text)
    for i, rel in enumerate(result.relations):
        span(f"relation {i} evidence", rel.start, rel.end)
    for i, ev in enumerate(result.events):
        span(f"event {i} evidence", ev.start, ev.end)
    if round_trip:
        found += _round_trip(result)
    return found


def read_problems(item: Any) -> list[str]:
    """What is wrong with an item an ingest reader gave: an :class:`Article` with text, or a failure."""
    if isinstance(item, Failure):
        return problems(item)
    if not isinstance(item, Article):
        return [f"shape: a reader gave {type(item).__name__}, not an Article or a Failure"]
    if not isinstance(item.text, str) or not item.text.strip():
        return ["shape: an article without text"]
    if not isinstance(item.id, str) or not isinstance(item.source, str):
        return ["shape: an article whose id or source is not a string"]
    return []


def _round_trip(analysis: Analysis) -> list[str]:
    try:
        data = analysis.to_dict()
        if Analysis.from_dict(data) != analysis:
            return ["round-trip: from_dict(to_dict(a)) != a"]
        if Analysis.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) != analysis:
            return ["round-trip: from_dict(json(to_dict(a))) != a"]
        if Analysis.from_dict(data).to_dict() != data:
            return ["round-trip: to_dict(from_dict(d)) != d"]
    except Exception as exc:  # the oracle reports, it never raises
        return [f"round-trip: {type(exc).__name__}: {exc}"[:300]]
    return []


def category(problem: str) -> str:
    return problem.split(":", 1)[0]
