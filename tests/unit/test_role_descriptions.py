"""Role descriptions that usually introduce someone new (``the candidate``, ``the president``), on
made-up news sentences (our own text): they refer back only to the one person just named, and
never to someone known to hold another office."""

from __future__ import annotations

import pytest
from attribution_helpers import speaker_of

from quotegraph.pipeline import Pipeline

JUST_NAMED = (
    "Students displayed a large photo of Donald Trump at the game last week.\n\n"
    "Fans also chanted, “Build a wall,” referring to the Republican presidential candidate’s vow to "
    "construct a wall along the border, the Tribune reports.\n\n"
    "The president said the country was safer than ever."
)


@pytest.mark.slow
def test_a_role_description_is_the_one_person_just_named(pipeline_md: Pipeline) -> None:
    """``the Republican presidential candidate’s vow`` right after a sentence naming only Trump is
    his; ``The president`` two sentences on, with no one named in between, stays as written."""
    assert speaker_of(pipeline_md, JUST_NAMED, "to construct a wall") == ("Donald Trump",)
    assert speaker_of(pipeline_md, JUST_NAMED, "the country was safer") == ("The president",)


ADDED = (
    "In the interview, {who} said rising rents had pushed many families out of the city.\n\n"
    "“Young workers have had a lot of trouble in this new economy, where they no longer get the same deal,” "
    "Ruiz said.\n\n"
    "“You combine those things, and it means that there is going to be anger, frustration, fear — some of "
    "it justified, but just misdirected,” the president added."
)


@pytest.mark.slow
def test_the_president_added_after_a_named_speaker(pipeline_md: Pipeline) -> None:
    """The parser tags the lower-case ``president`` a proper noun; it is still a description of
    the one person just named, unless she is known to hold another office."""
    assert speaker_of(pipeline_md, ADDED.format(who="Ana Ruiz"), "You combine") == ("Ana Ruiz",)
    assert speaker_of(pipeline_md, ADDED.format(who="Governor Ana Ruiz"), "You combine") == ("the president",)


_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
_MEETINGS = " ".join(
    f"The board met for the {n} time this year and heard from residents about parking." for n in _ORDINALS
)
INTRODUCED_ROLES = (
    "Dana Schoen, a former campaign pollster, spoke to the board on Monday. Tom Beale, the mayor, thanked her.\n\n"
    f"{_MEETINGS}\n\nThe former pollster said the plan would fail.\n\n"
    f"Gawker employee Laura Fenwick wrote about it too. {_MEETINGS}\n\nThe Gawker employee said the plan was a mistake."
)


@pytest.mark.slow
def test_a_role_the_article_gave_someone_refers_back_to_them_however_far(pipeline_md: Pipeline) -> None:
    """``the former pollster`` and ``the Gawker employee`` (a role in no lexicon) are the people the
    article introduced with those roles, a dozen sentences back."""
    assert speaker_of(pipeline_md, INTRODUCED_ROLES, "the plan would fail") == ("Dana Schoen",)
    assert speaker_of(pipeline_md, INTRODUCED_ROLES, "the plan was a mistake") == ("Laura Fenwick",)
