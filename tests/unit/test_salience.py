"""Which of two people a pronoun or a shared surname means, on made-up news sentences (our own
text): the sentence's subject is more salient than someone named in an object or an appositive
(Hobbs 1978; Lee et al. 2013), even when the subject is named in an appositive itself."""

from __future__ import annotations

import pytest
from attribution_helpers import speaker_of

from quotegraph.pipeline import Pipeline

APPOSITIVE_SUBJECT = (
    "One delegate, state party chairwoman Nora Wells, pledged her vote to Hillary Clinton last week in an "
    "effort to end the primary and allow Clinton to focus on the general election.\n\n"
    "“We really need to bring this primary to a close,” she said."
)


@pytest.mark.slow
def test_a_name_in_apposition_to_the_subject_is_the_subject(pipeline_md: Pipeline) -> None:
    assert speaker_of(pipeline_md, APPOSITIVE_SUBJECT, "We really need") == ("Nora Wells",)


SHARED_SURNAME = (
    "Last week, the senator said the families were wrong in their recollections.\n\n"
    "However, Patricia Vance, mother of fallen soldier Sean Vance, forcefully rejected the senator’s claim. "
    "“We were face to face at the ceremony. She lied to me,” Vance said."
)


@pytest.mark.slow
def test_a_shared_surname_is_the_subject_of_the_sentence_that_named_both(pipeline_md: Pipeline) -> None:
    """Sean Vance is named last, but in his mother's appositive: ``Vance said`` is Patricia."""
    assert speaker_of(pipeline_md, SHARED_SURNAME, "We were face") == ("Patricia Vance",)


CONFIRMED_GENDER = (
    "Senator Hillary Moran spoke on Monday night at a town hall in Illinois.\n\n"
    "“Now, is the plan perfect? It isn’t,” Moran said. She then contrasted her record with her rival’s.\n\n"
    "“To Hillary Moran, the four soldiers do not matter at all. They are at best an inconvenience,” he wrote."
)


@pytest.mark.slow
def test_a_guessed_gender_confirmed_by_she_is_not_overruled_by_he(pipeline_md: Pipeline) -> None:
    """The first-name lexicon's guess is a prior a pronoun may overrule, until the article itself
    confirms it: ``he wrote`` then names someone else, here no one."""
    assert speaker_of(pipeline_md, CONFIRMED_GENDER, "To Hillary") == ()
