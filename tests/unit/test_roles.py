"""Role words the store reads around a person (people/roles.py) and the compatibility rule
(store/consolidate.py), on hand-made analyses: no model."""

from __future__ import annotations

from quotegraph.people.roles import domains_of, person_roles
from quotegraph.store.consolidate import Person, choose, compatible
from quotegraph.types import Analysis, Article, Entity, Mention


def roles(text: str, name: str, *also: str) -> frozenset[str]:
    pieces = [name, *also]
    mentions: list[Mention] = []
    for piece in pieces:
        start = text.index(piece, mentions[-1].end if mentions else 0)
        mentions.append(Mention(start, start + len(piece), piece))
    analysis = Analysis(Article("a", text), (), (Entity(name, "PERSON", tuple(mentions)),))
    return person_roles(analysis)[name]


def test_titles_appositions_and_descriptions_give_roles() -> None:
    assert roles("Harbor City quarterback Ana Diaz ran for 80 yards.", "Ana Diaz") == {"quarterback"}
    assert roles("Sen. Ana Diaz voted no.", "Ana Diaz") == {"sen"}
    assert roles("Ana Diaz, 41, a chemist at Leeds, spoke.", "Ana Diaz") == {"chemist"}
    assert roles("Ana Diaz spoke first. The Ohio senator left.", "Ana Diaz", "The Ohio senator") == {"senator"}


def test_words_of_another_phrase_are_not_roles() -> None:
    assert roles("It was the senator. Ana Diaz spoke.", "Ana Diaz") == frozenset()  # the sentence before
    assert roles("The senator praised Ana Diaz on Monday.", "Ana Diaz") == frozenset()  # a verb ends the title
    assert roles("A prize went to Ana Diaz, the wife of a senator.", "Ana Diaz") == frozenset()  # "of" ends it
    assert roles("Ana Bishop spoke.", "Ana Bishop") == frozenset()  # a surname is no title


def test_compatibility_needs_a_shared_domain_and_no_clashing_gender() -> None:
    quarterback = Person("PERSON:ana diaz", 1, "f", {"quarterback"})
    assert domains_of({"quarterback", "coach"}) == {"sport"}
    assert compatible(quarterback, None, frozenset({"coach"}))
    assert compatible(quarterback, None, frozenset())  # no context: no objection
    assert not compatible(quarterback, "m", frozenset())
    assert not compatible(quarterback, "f", frozenset({"professor"}))
    people = [quarterback]
    second = choose(people, "PERSON:ana diaz", "f", frozenset({"professor"}))
    assert (second.key, second.homonym, len(people)) == ("PERSON:ana diaz#2", 2, 2)
    assert choose(people, "PERSON:ana diaz", None, frozenset({"chemist"})) is second  # most shared: a domain
    assert choose(people, "PERSON:ana diaz", None, frozenset()) is quarterback  # a tie: the first
