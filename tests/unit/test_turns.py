"""Transcript turns (quotes/turns.py), on a made-up panel transcript (our own text)."""

from __future__ import annotations

import pytest
from attribution_helpers import speakers_of

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis

PANEL = (
    "Harbor Town: Council drops the bridge plan\n\n"
    "A panel of reporters led by Chris Matthews discussed the plan on Friday with Luciana Lopez.\n\n"
    "Chris Matthews: But then I ask the people what they mean by a tax on speculation. They said, ‘Well, "
    "every time you buy stock, you pay 50 cents,’ right?\n\n"
    "Luciana Lopez: Everyone has a different image of what that is.\n\n"
    "Matthews: Well, speculation is bad.\n\n"
    "Photo: Getty Images shows the panel on the set."
)


@pytest.mark.slow
def test_each_turn_of_a_transcript_is_its_speakers_quote(pipeline_md: Pipeline) -> None:
    """One quote per turn, the quotation inside a turn included; a headline label and a photo
    credit are not turns."""
    assert [(text[:24], speakers) for text, speakers in speakers_of(pipeline_md, PANEL)] == [
        ("But then I ask the peopl", ("Chris Matthews",)),
        ("Everyone has a different", ("Luciana Lopez",)),
        ("Well, speculation is bad", ("Chris Matthews",)),
    ]


INTERVIEW = (
    "Chef Marta Oyelaran opened her third restaurant this spring. Oyelaran, 41, grew up above her "
    "parents' bakery in Leeds. Answers have been edited for length.\n\n"
    "Q: When did you first cook for strangers?\n\n"
    "A: I was nine. My father left me alone with the ovens for one morning and I sold every loaf.\n\n"
    "Q: What would you tell young cooks?\n\n"
    "A: Taste everything twice, and never trust a recipe you have not burned at least once."
)


@pytest.mark.slow
def test_question_and_answer_interviews_are_transcripts(pipeline_md: Pipeline) -> None:
    """Answers are the words of the person the introduction is about; questions are an unnamed
    interviewer's."""
    analysis = pipeline_md.analyze(INTERVIEW)
    assert isinstance(analysis, Analysis)
    found = [(q.text[:20], q.speakers, q.cue) for q in analysis.quotes]
    assert found == [
        ("When did you first c", (), ":"),
        ("I was nine. My fathe", ("Marta Oyelaran",), ":"),
        ("What would you tell ", (), ":"),
        ("Taste everything twi", ("Marta Oyelaran",), ":"),
    ], found
