"""Transcript turns (quotes/turns.py), on a made-up panel transcript (our own text)."""

from __future__ import annotations

import pytest
from attribution_helpers import speakers_of

from quotegraph.pipeline import Pipeline

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
