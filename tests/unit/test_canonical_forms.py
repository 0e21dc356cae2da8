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


INSTITUTE = (
    "A new survey by the Harbor Policy Institute finds the race for governor is close.\n\n"
    "The poll was taken over ten days in May. It included voters from every county in the state. Turnout in "
    "the primary is expected to be high. Democratic Party leaders have asked voters to register early. "
    "Independent voters now make up a third of the electorate.\n\n"
    "Among likely voters, Maria Lind leads Tom Beale 48 percent to 44 percent, according to the institute."
)


@pytest.mark.slow
def test_the_institute_is_the_institute_named_however_far_back(pipeline_md: Pipeline) -> None:
    """A description that says what kind of organisation it is (``the institute``) finds the one
    whose name says so, past the party named since."""
    assert speaker_of(pipeline_md, INSTITUTE, "Among likely voters") == ("Harbor Policy Institute",)


DESCRIBED_NAME = (
    "Billionaire Donald Trump blasted the party on Sunday.\n\n“I am very disappointed in the committee,” Trump said."
)
RANKS = (
    "“The candidates left just do not understand the military,” said Army Capt. Christian Pardo, who said he "
    "would not vote. “I really do not understand how a better candidate did not jump into the race,” said Air "
    "Force 1st Lt. Tyler Livingston."
)


@pytest.mark.slow
def test_a_description_run_into_a_name_is_not_part_of_it(pipeline_md: Pipeline) -> None:
    assert speaker_of(pipeline_md, DESCRIBED_NAME, "I am very") == ("Donald Trump",)


@pytest.mark.slow
def test_a_rank_abbreviation_does_not_hide_the_name_after_it(pipeline_md: Pipeline) -> None:
    """``Capt.`` ends a "sentence" for the splitter, and ``Air Force`` comes before the name: the
    speaker is the person, not the title or the service."""
    assert speaker_of(pipeline_md, RANKS, "The candidates left") == ("Christian Pardo",)
    assert speaker_of(pipeline_md, RANKS, "I really do not") == ("Tyler Livingston",)


RUN_ON_WORK = (
    '"A lot will have to do with Israel and whether or not Israel wants to make the deal — whether or not '
    "Israel's willing to sacrifice certain things,\" Trump told The Associated Press of the prospects for peace "
    'in the region. "They may not be.”'
)


@pytest.mark.slow
def test_a_work_of_art_in_running_text_is_not_a_name(pipeline_md: Pipeline) -> None:
    """The tagger reads ``Trump told The Associated Press of the prospects for peace in the region``
    as one title; lower-case running words show it is a clause."""
    assert speaker_of(pipeline_md, RUN_ON_WORK, "They may not") == ("Trump",)
