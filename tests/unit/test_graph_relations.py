"""Relation patterns on made-up sentences (rendered by hand, no model)."""

from __future__ import annotations

from graph_helpers import article

from quotegraph.graph.relations import extract_relations


def rels(*marked: str) -> set[tuple[str, str, str, str | None]]:
    sents, text = article(*marked)
    return {(r.head, r.relation, r.tail, r.detail) for r in extract_relations(sents, text)}


def test_role_of_a_unit_at_an_organisation_goes_to_the_organisation() -> None:
    got = rels("Costs rose, said [Ana Ruiz|PERSON], vice president of [Field Sales|ORG] at [Vela Bank|ORG].")
    assert got == {("Ana Ruiz", "employee", "Vela Bank", "vice president")}


def test_two_coordinated_roles_of_one_organisation() -> None:
    got = rels("Costs rose, said [Ana Ruiz|PERSON], CEO and founder of [Vela Bank|ORG].")
    assert got == {("Ana Ruiz", "employee", "Vela Bank", "CEO"), ("Ana Ruiz", "founder", "Vela Bank", None)}


def test_founded_by_in_apposition() -> None:
    got = rels("The deal is with [Orbit|ORG], a firm co-founded by tennis coach [Lee Park|PERSON].")
    assert ("Lee Park", "founder", "Orbit", None) in got


def test_person_of_an_organisation_and_organisation_possessive() -> None:
    assert rels("A survey by [Ana Ruiz|PERSON] of the [University of Elm|ORG] found it.") == {
        ("Ana Ruiz", "employee", "University of Elm", None)
    }
    assert rels("[Radio Nine|ORG]'s [Bo Lind|PERSON] pressed him.") == {("Bo Lind", "employee", "Radio Nine", None)}
    assert rels("[Bo Lind|PERSON]'s [Radio Nine|ORG] show ended.") == set()


def test_role_of_a_possessor_in_apposition() -> None:
    got = rels("[Ana Ruiz|PERSON], [Tom Bell|PERSON]'s attorney, said he was innocent.")
    assert got == {("Ana Ruiz", "lawyer", "Tom Bell", None)}


def test_co_mention_is_not_a_relation() -> None:
    assert rels("[Ana Ruiz|PERSON] and [Vela Bank|ORG] were both at the fair with [Tom Bell|PERSON].") == set()


def test_possessive_role_before_coordinated_occupations() -> None:
    got = rels("Also at issue was [Ana Ruiz|PERSON]’s partner, the writer and jewelry designer [Ola Lind|PERSON].")
    assert ("Ana Ruiz", "partner", "Ola Lind", None) in got or ("Ola Lind", "partner", "Ana Ruiz", None) in got
