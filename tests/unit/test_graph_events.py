"""Event patterns on made-up sentences (rendered by hand, no model)."""

from __future__ import annotations

from graph_helpers import article

from quotegraph.graph.events import extract_events
from quotegraph.types import Event


def events(*marked: str) -> list[Event]:
    sents, text = article(*marked)
    return extract_events(sents, [], text, "2024-03-08")


def kinds(*marked: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.type, e.participants) for e in events(*marked)]


def test_said_in_a_communication_act_is_a_statement_with_its_giver() -> None:
    (event,) = events("[Ana Ruiz|PERSON], the treasurer of [Vela Bank|ORG], said in a conference call that sales rose.")
    assert (event.type, event.participants, event.detail) == ("statement", ("Ana Ruiz",), "conference call")


def test_plain_said_is_not_a_statement() -> None:
    assert kinds("[Ana Ruiz|PERSON] said that sales rose at a fair in June.") == []


def test_fronted_act_and_said_after_the_verb() -> None:
    assert kinds("In a letter to the board, [Ana Ruiz|PERSON], the treasurer, said costs fell.") == [
        ("statement", ("Ana Ruiz",))
    ]
    assert kinds("Costs fell, said [Vela Bank|ORG] in a statement.") == [("statement", ("Vela Bank",))]


def test_an_act_referred_back_to_is_one_event_a_new_one_is_another() -> None:
    she = "[she|PERSON|Ana Ruiz]"
    one = kinds("[Ana Ruiz|PERSON] said in a statement that costs fell.", f"{she} added in the statement that it grew.")
    two = kinds("[Ana Ruiz|PERSON] wrote in an email that costs fell.", f"{she} replied in an email the next day.")
    assert one == [("statement", ("Ana Ruiz",))]
    assert two == [("statement", ("Ana Ruiz",))] * 2


def test_interview_with_a_person_names_both() -> None:
    (event,) = events("[Ana Ruiz|PERSON] said in a fireside chat with host [Bo Lind|PERSON] that sales rose.")
    assert event.participants == ("Ana Ruiz", "Bo Lind")


def test_an_organisation_can_tweet_or_announce() -> None:
    assert kinds("[Vela Bank|ORG] announced on Tuesday that it would close.") == [("statement", ("Vela Bank",))]
    assert kinds("[Vela Bank|ORG] later tweeted a photo.") == [("statement", ("Vela Bank",))]


def test_participant_after_the_trigger() -> None:
    assert kinds("A jury took an hour before convicting [Tom Bell|PERSON] of fraud.") == [("conviction", ("Tom Bell",))]
    assert kinds("Police arrested [Tom Bell|PERSON] at home.") == [("arrest", ("Tom Bell",))]
    assert kinds("The convicted swindler [Tom Bell|PERSON] sold the house.") == [("conviction", ("Tom Bell",))]
    assert kinds("Police arrested the man who robbed [Tom Bell|PERSON].") == []


def test_coordinated_triggers_share_the_participant() -> None:
    got = events("The driver, [Tom Bell|PERSON], was convicted and sentenced to six years in prison last Friday.")
    assert [(e.type, e.participants) for e in got] == [("conviction", ("Tom Bell",)), ("sentencing", ("Tom Bell",))]
    assert got[1].detail == "six years in prison"


def test_award_as_a_modifier_needs_an_award_name() -> None:
    (event,) = events("The Emmy-winning actor [Lee Park|PERSON] joined the cast.")
    assert (event.type, event.detail) == ("award", "Emmy")
    assert kinds("The record-winning actor [Lee Park|PERSON] joined the cast.") == []


def test_passive_sacking_is_a_firing_and_an_event_is_reported_once() -> None:
    got = kinds("[Sam Odo|PERSON] was sacked by the club on Monday.", "[Sam Odo|PERSON] was sacked after a poor run.")
    assert got == [("firing", ("Sam Odo",))]


def test_coordinated_subjects_each_testify_and_share_an_arrest() -> None:
    got = kinds(
        "[Ana Ruiz|PERSON], the former envoy, and [Ola Lind|PERSON], a former [Vela Bank|ORG] official, "
        "testified on Monday."
    )
    assert got == [("statement", ("Ana Ruiz",)), ("statement", ("Ola Lind",))]
    assert kinds("[Ana Ruiz|PERSON] and [Ola Lind|PERSON] were arrested in May.") == [
        ("arrest", ("Ana Ruiz", "Ola Lind"))
    ]
    assert kinds("[Ana Ruiz|PERSON] met [Ola Lind|PERSON] and was arrested in May.") == []


def test_awards_with_initials_and_two_coordinated_awards() -> None:
    got = [(e.type, e.participants, e.detail) for e in events("[Ana Ruiz|PERSON] had won the Mary K. Vance Award.")]
    assert got == [("award", ("Ana Ruiz",), "the Mary K. Vance Award")]
    got = [(e.type, e.detail) for e in events("[Ana Ruiz|PERSON] won the Vance Prize and two Harbor Medals.")]
    assert got == [("award", "the Vance Prize"), ("award", "Harbor Medals")]


def test_announced_by_names_the_giver() -> None:
    got = kinds("Critics condemned the move announced on Monday by Secretary of [State|ORG] [Ana Ruiz|PERSON].")
    assert got == [("statement", ("Ana Ruiz",))]
    assert kinds("The plan was announced in May.") == []
