"""Subjects that cannot be the speaker, on made-up news sentences (our own text): a thing someone
owns, a predicate noun, a description of an office the person does not hold."""

from __future__ import annotations

import pytest
from attribution_helpers import speaker_of, speakers_of

from quotegraph.pipeline import Pipeline

OFFICES = (
    "City Attorney Brad Holm sent the letter to the campaign on Thursday.\n\n"
    "The mayor said the city would not back down.\n\n"
    "Sen. Ruth Okafor and Tom Beale met the voters. The senator said the plan would pass."
)


@pytest.mark.slow
def test_a_description_of_an_office_is_not_someone_known_to_hold_another(pipeline_md: Pipeline) -> None:
    """``the mayor`` is not the man called ``City Attorney``; ``the senator`` is the one called
    ``Sen.``, not the man named after her."""
    assert speaker_of(pipeline_md, OFFICES, "the city would not") == ("The mayor",)
    assert speaker_of(pipeline_md, OFFICES, "the plan would pass") == ("Ruth Okafor",)


LEAD_IN = (
    "Senator Maria Lind gained ten points in a month.\n\n"
    "The timing of Lind’s rise does not surprise pollster Dara Shah: “Late surges tend to come after the first debate.”"
)
OWNED = "Voters' reaction: 'Is that all there is?'\n\nMayor Jo Park spoke for an hour on Sunday about the new stadium."


@pytest.mark.slow
def test_a_thing_someone_owns_is_not_a_speaker(pipeline_md: Pipeline) -> None:
    """``The timing of Lind’s rise`` cannot speak: the person the lead-in names can; ``Voters'
    reaction`` is left unknown rather than made a speaker."""
    assert speaker_of(pipeline_md, LEAD_IN, "Late surges") == ("Dara Shah",)
    assert speakers_of(pipeline_md, OWNED) == [("'Is that all there is?'", ())]


PREDICATE = (
    "Editor’s note: Governor Paul Hendry is a reckless spender and serial fibber who has repeatedly "
    "promised to cut taxes for every family in the state."
)


@pytest.mark.slow
def test_a_relative_clause_on_a_predicate_noun_is_said_by_the_subject(pipeline_md: Pipeline) -> None:
    assert speaker_of(pipeline_md, PREDICATE, "to cut taxes") == ("Paul Hendry",)


NO_BREAK = (
    "Editor’s note: Governor Paul Hendry regularly insults reporters and is a reckless spender,\xa0serial"
    "\xa0fibber\xa0and\xa0bully who has repeatedly promised to cut taxes for every family in the state."
)


@pytest.mark.slow
def test_no_break_spaces_read_as_spaces(pipeline_md: Pipeline) -> None:
    """A page scraped with ``&nbsp;`` between words is analysed as if they were plain spaces; the
    quote's text keeps the page's characters."""
    plain = NO_BREAK.replace("\xa0", " ")
    assert speakers_of(pipeline_md, NO_BREAK) == speakers_of(pipeline_md, plain)
    assert speaker_of(pipeline_md, NO_BREAK, "to cut taxes") == ("Paul Hendry",)


QUOTED_SUBJECT = (
    "Former executive Carla Finn named a Washington favorite as her guilty pleasure. “’House of Cards,’” she "
    "said, “although I have not had time to binge watch the last season!”"
)


@pytest.mark.slow
def test_a_title_inside_the_quote_is_not_the_subject_of_its_cue(pipeline_md: Pipeline) -> None:
    """The parse gives ``said`` two subjects, the quoted show and ``she``: the speaker is hers."""
    assert speaker_of(pipeline_md, QUOTED_SUBJECT, "although I have") == ("Carla Finn",)
