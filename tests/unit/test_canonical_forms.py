"""Canonical forms of speakers, on made-up news sentences (our own text): an organisation found
past the document that stands for it, and a name after a hyphenated role without the role."""

from __future__ import annotations

import pytest
from attribution_helpers import speaker_of

from quotegraph.pipeline import Pipeline

EDITORIAL = (
    "Grassley has been taking heat back home. “There are invertebrates that have shown more spine than "
    "Sen. Charles Grassley,” reads an unsigned Wednesday editorial in the Des Moines Register."
)
ROLE = "“But that was the first time in a long time, senator,” CBS This Morning co-Anchor DeMarco Morgan said."


@pytest.mark.slow
def test_the_newspaper_behind_an_editorial_is_found_past_it(pipeline_md: Pipeline) -> None:
    """The organisation is found past the editorial that stands for it, eight tokens after the cue."""
    assert speaker_of(pipeline_md, EDITORIAL, "There are invertebrates") == ("Des Moines Register",)


@pytest.mark.slow
def test_a_hyphenated_role_is_not_part_of_the_name(pipeline_md: Pipeline) -> None:
    assert speaker_of(pipeline_md, ROLE, "But that was") == ("DeMarco Morgan",)
