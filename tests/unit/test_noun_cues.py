"""Nouns of saying as cues (quotes/noun_cues.py), on made-up sentences (our own text)."""

from __future__ import annotations

import pytest
from attribution_helpers import speakers_of

from quotegraph.pipeline import Pipeline

NOUNS = (
    "Both parties will be targets for the senator's false claims that he is an advocate for working people.\n\n"
    "Albright fanned controversy over her remark that “there’s a special place in hell for people who don’t "
    "help each other.”\n\n"
    "The mayor has faced criticism from rivals that the tone of his campaign has created an unsafe "
    "environment.\n\n"
    "The killings originated in directives from the chairman to “show absolutely no mercy” in the struggle.\n\n"
    "The claim that the vote was rigged spread quickly.\n\n"
    "If you interpret his statement to mean the drugs reaching the border, the figures differ."
)


@pytest.mark.slow
def test_a_noun_of_saying_with_a_source_and_a_clause_is_a_quote(pipeline_md: Pipeline) -> None:
    """The possessor or the ``from`` object says the ``that``-clause (or, for a promise or a
    directive, the ``to``-infinitive; AEB_DEV4_GOLD.md ``announcement that``); a claim with no
    source and a statement's purpose clause (``to mean``) are not quotes."""
    assert speakers_of(pipeline_md, NOUNS) == [
        ("that he is an advocate for working people", ("the senator",)),
        ("that “there’s a special place in hell for people who don’t help each other.”", ("Albright",)),
        ("that the tone of his campaign has created an unsafe environment", ("rivals",)),
        ("to “show absolutely no mercy” in the struggle", ("the chairman",)),
    ]
