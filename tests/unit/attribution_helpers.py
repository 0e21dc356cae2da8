"""Shared helpers for the attribution tests: quotes of a made-up text and their speakers."""

from __future__ import annotations

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis


def speakers_of(pipeline: Pipeline, text: str) -> list[tuple[str, tuple[str, ...]]]:
    analysis = pipeline.analyze(text)
    assert isinstance(analysis, Analysis)
    return [(q.text, q.speakers) for q in analysis.quotes]


def speaker_of(pipeline: Pipeline, text: str, quote_starts: str) -> tuple[str, ...]:
    found = [s for t, s in speakers_of(pipeline, text) if t.lstrip('“"').startswith(quote_starts)]
    assert found, f"no quote starting {quote_starts!r} in {speakers_of(pipeline, text)}"
    return found[0]
