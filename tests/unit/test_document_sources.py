"""A document as the source stands for whoever produced it (made-up sentences, our own text):
the organisation that modifies it, the one it is ``by`` or ``available from``."""

from __future__ import annotations

import pytest
from attribution_helpers import speaker_of

from quotegraph.pipeline import Pipeline

DOCUMENTS = (
    "The governor's press release linked to the Associated Press report, which notes that many donors met "
    "the secretary.\n\n"
    "More than a third of adults with autism are unemployed, according to a National Autistic Society survey.\n\n"
    "The town is not among the most dangerous cities, according to the most recent data available from the "
    "FBI.\n\n"
    "A story by the website Politco says that “more than a hundred delegates are poised to break with him.”\n\n"
    "Spending rose by a fifth last year, according to the state's finances website."
)


@pytest.mark.slow
def test_a_document_is_its_producer(pipeline_md: Pipeline) -> None:
    assert speaker_of(pipeline_md, DOCUMENTS, "that many donors") == ("Associated Press",)
    assert speaker_of(pipeline_md, DOCUMENTS, "More than a third") == ("National Autistic Society",)
    assert speaker_of(pipeline_md, DOCUMENTS, "The town is not") == ("FBI",)
    assert speaker_of(pipeline_md, DOCUMENTS, "more than a hundred") == ("Politco",)
    # a possessor that names no one stays part of the document's description
    assert speaker_of(pipeline_md, DOCUMENTS, "Spending rose") == ("the state's finances website",)


NEWSPAPERS = (
    "The Washington Post reported on Monday that the senator would run again.\n\n"
    "The Clinton campaign says progressives agree with the plan.\n\n"
    "Amid what the New York Times called a “rough week” for the campaign, aides met on Friday."
)


@pytest.mark.slow
def test_newspapers_and_campaigns_are_named_without_the_article(pipeline_md: Pipeline) -> None:
    """Organisations are named without a leading ``the`` (AEB_HELDOUT_GOLD.md: "New York Times"
    without "The"), newspapers included; ``the Clinton campaign`` is named like one."""
    assert speaker_of(pipeline_md, NEWSPAPERS, "that the senator") == ("Washington Post",)
    assert speaker_of(pipeline_md, NEWSPAPERS, "progressives") == ("Clinton campaign",)
    assert speaker_of(pipeline_md, NEWSPAPERS, "rough week") == ("New York Times",)


OFFICE = "A statement from Ryan’s office indicated the invitation was accepted."


@pytest.mark.slow
def test_a_statement_from_an_office_is_the_office(pipeline_md: Pipeline) -> None:
    assert speaker_of(pipeline_md, OFFICE, "the invitation") == ("Ryan’s office",)


RELEASED = (
    "The ruling was a setback for Donald Trump, whose attorneys argued that the material should stay sealed.\n\n"
    "In selling the courses, Trump released a marketing video that said the seminars would make students rich."
)


@pytest.mark.slow
def test_whose_and_a_released_video(pipeline_md: Pipeline) -> None:
    """``whose attorneys`` are the antecedent's, named in full like ``his office``; a video Trump
    released says what Trump says."""
    assert speaker_of(pipeline_md, RELEASED, "that the material") == ("Donald Trump’s attorneys",)
    assert speaker_of(pipeline_md, RELEASED, "the seminars") == ("Donald Trump",)


IT_CONTINUES = (
    "The US military said in a statement on Wednesday that seven soldiers died.\n\n"
    '"The cause of the crash is under investigation," the statement said.\n\n'
    "It did not reveal the crash location and said it was withholding the names of those killed."
)


@pytest.mark.slow
def test_an_unplaced_it_is_the_body_that_spoke_before(pipeline_md: Pipeline) -> None:
    """``US military`` is not tagged an organisation, so coreference cannot place ``It``; the
    body that spoke in the quote before it can."""
    assert speaker_of(pipeline_md, IT_CONTINUES, "it was withholding") == ("US military",)
