"""Family roles with pronoun possessives and lists, and person-work credits (made-up sentences)."""

from __future__ import annotations

from graph_helpers import article

from quotegraph.graph.relations import extract_relations

Rel = tuple[str, str, str, str | None]


def rels(*marked: str) -> set[Rel]:
    sents, text = article(*marked)
    return {(r.head, r.relation, r.tail, r.detail) for r in extract_relations(sents, text)}


def test_role_after_a_resolved_possessive_pronoun() -> None:
    got = rels("As [her|PERSON|Ana Ruiz] aunt, [Lia Moss|PERSON], recalls, it rained.")
    assert got == {("Lia Moss", "relative", "Ana Ruiz", "aunt")}
    assert rels("As [she|PERSON|Ana Ruiz] aunt [Lia Moss|PERSON] recalls, it rained.") == set()


def test_role_with_an_occupation_and_a_list() -> None:
    assert rels("[Ana Ruiz|PERSON]'s son, filmmaker [Leo Ruiz|PERSON], agreed.") == {
        ("Leo Ruiz", "relative", "Ana Ruiz", "son")
    }
    got = rels("[Ana Ruiz|PERSON]'s co-writers [Lia Moss|PERSON] and [Bo Lind|PERSON] came.")
    assert got == {
        ("Lia Moss", "colleague", "Ana Ruiz", "co-writer"),
        ("Bo Lind", "colleague", "Ana Ruiz", "co-writer"),
    }


def test_agent_makes_the_possessor_a_client() -> None:
    got = rels("Before that, [his|PERSON|Tom Bell] agent [Lia Moss|PERSON] quit.")
    assert got == {("Tom Bell", "client", "Lia Moss", None)}


def test_peer_to_a_list_of_people() -> None:
    got = rels("[Tom Bell|PERSON] was a beloved peer to writers including [Lia Moss|PERSON], and [Bo Lind|PERSON].")
    assert got == {("Tom Bell", "colleague", "Lia Moss", "peer"), ("Tom Bell", "colleague", "Bo Lind", "peer")}


def test_credit_list_after_an_occupation() -> None:
    got = rels('It moved filmmaker [Leo Ruiz|PERSON] ("[Blue Hour|WORK]," "Salt Road"), who agreed.')
    assert got == {("Leo Ruiz", "directed", "Blue Hour", None), ("Leo Ruiz", "directed", "Salt Road", None)}
    assert rels("It moved filmmaker [Leo Ruiz|PERSON] (seen here), who agreed.") == set()


def test_possessed_work_verbs_and_passive() -> None:
    assert rels('[Lia Moss|PERSON]\'s book about rivers, "Deep Water" is out.') == {
        ("Lia Moss", "wrote", "Deep Water", None)
    }
    assert rels('He loved an electric [Lia Moss|PERSON] script called "Salt Road," at once.') == {
        ("Lia Moss", "wrote", "Salt Road", None)
    }
    assert rels("Years before [Bo Lind|PERSON] wrote [Deep Water|WORK], it rained.") == {
        ("Bo Lind", "wrote", "Deep Water", None)
    }
    assert rels("It was called [Deep Water|WORK], and it was written by the late author [Bo Lind|PERSON].") == {
        ("Bo Lind", "wrote", "Deep Water", None)
    }
    assert rels('[Bo Lind|PERSON] was hot off directing a lush [BBC|ORG] adaptation of "Salt Road" then.') == {
        ("Bo Lind", "directed", "Salt Road", None)
    }


def test_landed_a_role_in_a_work() -> None:
    got = rels('[Lia Moss|PERSON] — who landed a key role in "Salt Road" — agreed.')
    assert got == {("Lia Moss", "starred in", "Salt Road", None)}


def test_a_list_stops_before_the_next_possessor() -> None:
    got = rels(
        "It came from [Ana Ruiz|PERSON]'s friend, actor [Lia Moss|PERSON], "
        "and [Ana Ruiz|PERSON]'s son [Leo Ruiz|PERSON]."
    )
    assert got == {("Lia Moss", "friend", "Ana Ruiz", None), ("Leo Ruiz", "relative", "Ana Ruiz", "son")}
