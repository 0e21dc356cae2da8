"""Quoted words inside a longer reported clause, on made-up news sentences (our own text): the
whole clause is one mixed quote of the person who said it, not a direct quote of the fragment."""

from __future__ import annotations

import pytest

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis

NESTED_DOCUMENT = (
    "Council lawyer Dana Whitfield said in the letter that the flyer “clearly and falsely” suggests "
    "that the city backs the mayor’s campaign."
)
COORDINATED = (
    "At a briefing on Sunday, Fire Chief Omar Reyes also said that it was too early to know what caused "
    'the blaze, and there was “no sign" yet that anyone set it on purpose.'
)


def _quotes(pipeline: Pipeline, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    analysis = pipeline.analyze(text)
    assert isinstance(analysis, Analysis)
    return [(q.kind, q.text, q.speakers) for q in analysis.quotes]


@pytest.mark.slow
def test_a_document_that_suggests_inside_what_a_person_said_is_not_the_cue(pipeline_md: Pipeline) -> None:
    """``the flyer suggests`` is part of Whitfield's words: the flyer is not a speaker."""
    assert _quotes(pipeline_md, NESTED_DOCUMENT) == [
        ("mixed", NESTED_DOCUMENT[NESTED_DOCUMENT.index("that the flyer") : -1], ("Dana Whitfield",))
    ]


@pytest.mark.slow
def test_a_second_reported_clause_joined_to_the_cue_makes_one_mixed_quote(pipeline_md: Pipeline) -> None:
    """The parser coordinates ``there was “no sign"`` with ``said``; both clauses are what he said."""
    assert _quotes(pipeline_md, COORDINATED) == [
        ("mixed", COORDINATED[COORDINATED.index("that it was") : -1], ("Omar Reyes",))
    ]


DOUBLED_SINGLES = (
    "Lena Ortiz, 58, a retired nurse raised in Texas, said she wanted real change in the capital, but found the "
    "senator too rude to support. ''He is not the right man,'' said Ms. Ortiz, who works at a clinic."
)


@pytest.mark.slow
def test_an_opening_mark_hung_on_the_sentence_before_does_not_take_its_cue(pipeline_md: Pipeline) -> None:
    """The parse hangs ``''`` on the first ``said``; the quote's cue is the second, and the first
    still reports what she wanted (NYT's doubled single quotes, PolNeAR-canon)."""
    found = _quotes(pipeline_md, DOUBLED_SINGLES)
    assert ("indirect", "she wanted real change in the capital", ("Lena Ortiz",)) in found, found
    assert ("direct", "''He is not the right man,''", ("Lena Ortiz",)) in found, found


CONTINUED = (
    "''This fair tells the truth about our history,'' Governor Rosa Quintero declared. ''Even today, the work "
    "is not done. But this fair will inspire us.''\n\nThe fair opened on Sunday."
)


@pytest.mark.slow
def test_a_second_quote_with_no_cue_of_its_own_keeps_the_one_before(pipeline_md: Pipeline) -> None:
    """``''...,'' X declared. ''...''``: the opening mark hung on ``declared`` is then the cue after all."""
    second = ("direct", "''Even today, the work is not done. But this fair will inspire us.''", ("Rosa Quintero",))
    assert second in _quotes(pipeline_md, CONTINUED)
