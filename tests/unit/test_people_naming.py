"""Name sieves (people/naming.py) on short made-up news sentences (our own text).

Each case is a naming error found on the graph gold pages (tests/eval/graph_gold.jsonl). They
run on the default md model (slow) because the sieves read its entity tags and parse.
"""

from __future__ import annotations

import pytest

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis


def entities(pipeline: Pipeline, text: str) -> dict[str, tuple[str, list[str]]]:
    analysis = pipeline.analyze(text)
    assert isinstance(analysis, Analysis)
    return {e.name: (e.label, [m.text for m in e.mentions]) for e in analysis.entities}


def relations(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    analysis = pipeline.analyze(text)
    assert isinstance(analysis, Analysis)
    return {(r.head, r.relation, r.tail) for r in analysis.relations}


@pytest.mark.slow
def test_a_nickname_the_text_gives_is_the_person(pipeline_md: Pipeline) -> None:
    text = (
        "Robert Alan Kray was born in Dayton in 1960. Everyone called him Bud. "
        "“When you read a Bud Kray novel, you knew it,” said Ana Ruiz."
    )
    found = entities(pipeline_md, text)
    assert "Bud Kray" not in found
    assert {"Bud", "Bud Kray"} <= set(found["Robert Alan Kray"][1])


@pytest.mark.slow
def test_a_surname_that_reads_as_a_pronoun_stays_in_the_name(pipeline_md: Pipeline) -> None:
    text = "“We will wait and see,” He Lin, the former deputy director for Asia at the World Bank, said on Monday."
    assert "He Lin" in entities(pipeline_md, text)
    assert ("He Lin", "employee", "World Bank") in relations(pipeline_md, text)


@pytest.mark.slow
def test_a_name_tagged_org_with_a_persons_role_in_apposition_is_a_person(pipeline_md: Pipeline) -> None:
    text = (
        "The Kremlin held firm, officials familiar with the talks said.\n"
        "Eswar Prasad, a trade professor at Cornell, said the deal was fragile."
    )
    assert entities(pipeline_md, text)["Eswar Prasad"][0] == "PERSON"
    assert ("Eswar Prasad", "employee", "Cornell") in relations(pipeline_md, text)


@pytest.mark.slow
def test_a_role_is_not_part_of_an_organisation_name(pipeline_md: Pipeline) -> None:
    text = "“It takes an ecosystem,” said Ola Lind, CEO and Founder of Brightwater Robotics Inc."
    assert ("Ola Lind", "founder", "Brightwater Robotics Inc.") in relations(pipeline_md, text)
    assert not any(name.startswith("Founder") for name in entities(pipeline_md, text))


@pytest.mark.slow
def test_a_prize_named_after_a_person_is_not_a_person(pipeline_md: Pipeline) -> None:
    found = entities(pipeline_md, "Ana Ruiz had won the Philip K. Dick Award and two World Fantasy Awards.")
    assert not any("Award" in name for name in found)
    assert "Ana Ruiz" in found
