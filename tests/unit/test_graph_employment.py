"""Employers named around a job title, tagged or not (made-up sentences rendered by hand)."""

from __future__ import annotations

from graph_helpers import article

from quotegraph.graph.relations import extract_relations

Rel = tuple[str, str, str, str | None]


def rels(*marked: str, places: tuple[str, ...] = (), verbs: tuple[str, ...] = ()) -> set[Rel]:
    sents, text = article(*marked, places=places, verbs=verbs)
    return {(r.head, r.relation, r.tail, r.detail) for r in extract_relations(sents, text)}


def test_untagged_team_before_role_and_name() -> None:
    got = rels("The Otters won again. Later, Otters goalie [Pia Berg|PERSON] stopped 30 shots.")
    assert got == {("Pia Berg", "employee", "Otters", "goalie")}


def test_team_nickname_tagged_as_a_person_is_the_employer() -> None:
    got = rels("[Hornets|PERSON] defenseman [Pia Berg|PERSON] scored twice.")
    assert got == {("Pia Berg", "employee", "Hornets", "defenseman")}
    assert rels("[Berg|PERSON] adviser [Ola Lind|PERSON] agreed.") == set()


def test_untagged_employer_expands_to_the_full_name_in_the_article() -> None:
    got = rels(
        "Data came from the Kestrel Space Center in Ohio.",
        "It is new, Kestrel planetary scientist [Ola Lind|PERSON] said.",
    )
    assert got == {("Ola Lind", "employee", "Kestrel Space Center", "planetary scientist")}


def test_title_words_places_and_verbs_are_not_employers() -> None:
    assert rels("Former CEO [Ola Lind|PERSON] left.") == set()
    assert rels("Then Ohio coach [Ola Lind|PERSON] left.", places=("Ohio",)) == set()
    assert rels("Named for economist [Ola Lind|PERSON], the curve is old.", verbs=("Named",)) == set()
    assert rels("It was the Otters before winger [Ola Lind|PERSON] scored.") == set()


def test_capitalised_first_word_needs_to_be_a_name_elsewhere() -> None:
    assert rels("High school teacher [Ola Lind|PERSON] marched.") == set()
    got = rels("Otters goalie [Pia Berg|PERSON] starred.", "She joined the Otters in May.")
    assert ("Pia Berg", "employee", "Otters", "goalie") in got


def test_roles_of_an_untagged_company_after_the_name() -> None:
    got = rels("It works, said [Ana Ruiz|PERSON], CEO and founder of vel4data.")
    assert got == {("Ana Ruiz", "employee", "vel4data", "CEO"), ("Ana Ruiz", "founder", "vel4data", None)}
    got = rels("Stocks rose, said [Ana Ruiz|PERSON], Director, Kestrel Securities.")
    assert got == {("Ana Ruiz", "employee", "Kestrel Securities", "Director")}


def test_organisation_modifying_the_role_in_apposition() -> None:
    got = rels("Rain is rare, said [Ana Ruiz|PERSON], a [Vela Agency|ORG] research fellow.")
    assert got == {("Ana Ruiz", "employee", "Vela Agency", "research fellow")}


def test_served_as_and_succession() -> None:
    got = rels("[Ana Ruiz|PERSON] served as the CEO of [Vela Bank|ORG] for ten years.")
    assert got == {("Ana Ruiz", "employee", "Vela Bank", "CEO")}
    got = rels("[Ana Ruiz|PERSON] agreed to replace [Tom Bell|PERSON] as [Vela FC|ORG]'s manager.")
    assert got == {("Ana Ruiz", "employee", "Vela FC", "manager"), ("Tom Bell", "employee", "Vela FC", "manager")}


def test_a_resolved_description_beside_its_name_stays_text_for_the_role() -> None:
    from quotegraph.graph.render import _restated_role

    text = "said Ola Lind, chief economist at Kestrel, and the poet Ana Ruiz; she left."
    words = ("Ola Lind", "chief economist", "the poet", "Ana Ruiz", "she")
    spans = [(text.find(w), text.find(w) + len(w)) for w in words]
    ordered = list(zip(spans, [(0,), (0,), (1,), (1,), (1,)], strict=True))
    assert [_restated_role(text, ordered, k) for k in range(5)] == [False, True, True, False, False]


def test_the_more_specific_unit_is_the_employer() -> None:
    got = rels("[Ola Lind|PERSON], a scientist at [Vela University|ORG]’s Marsh Ecology Center, said so.")
    assert got == {("Ola Lind", "employee", "Marsh Ecology Center", "scientist")}
    got = rels("[Ola Lind|PERSON], director of the [Center for Tidal Studies|ORG] at [Vela University|ORG], agreed.")
    assert got == {("Ola Lind", "employee", "Center for Tidal Studies", "director")}


def test_a_division_is_not_the_employer_the_company_is() -> None:
    got = rels("[Ola Lind|PERSON], vice president of [Advanced Programs|ORG] at [Kestrel Aero|ORG], agreed.")
    assert got == {("Ola Lind", "employee", "Kestrel Aero", "vice president")}


def test_managed_a_list_of_clubs() -> None:
    got = rels("[Ola Lind|PERSON] has managed [Vela FC|ORG], [Kestrel United|ORG] and [Otters|ORG].")
    assert got == {("Ola Lind", "employee", club, "manager") for club in ("Vela FC", "Kestrel United", "Otters")}
    assert rels("[Ola Lind|PERSON] said fans managed to reach [Vela FC|ORG].") == set()


def test_sacked_by_and_fired_are_fired_from() -> None:
    assert rels("[Ola Lind|PERSON] had been out of work since being sacked by [Vela FC|ORG] in May.") == {
        ("Ola Lind", "fired from", "Vela FC", None)
    }
    assert ("Ola Lind", "fired from", "Vela FC", None) in rels(
        "[Vela FC|ORG] fired head coach [Ola Lind|PERSON] on Monday."
    )
    assert rels("[Ola Lind|PERSON] fired [Vela FC|ORG] staff.") == set()


def test_relative_clause_and_coordinated_roles() -> None:
    got = rels("“We cut costs,” added [Ola Lind|PERSON], who is also an executive at [Vela Group|ORG].")
    assert got == {("Ola Lind", "employee", "Vela Group", "executive")}
    got = rels("[Kestrel Lab|ORG] scientist and study co-author [Ola Lind|PERSON] said so.")
    assert got == {("Ola Lind", "employee", "Kestrel Lab", "scientist")}
    got = rels("[Ola Lind|PERSON], research director at market research firm Veltrix, agreed.")
    assert got == {("Ola Lind", "employee", "Veltrix", "director")}
