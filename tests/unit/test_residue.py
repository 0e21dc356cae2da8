"""Scraper residue: ``find_residue`` marks page furniture, ``mask`` blanks it without moving offsets."""

from __future__ import annotations

import pytest

from quotegraph.ingest.text import find_residue, mask
from quotegraph.types import Span


def residue_lines(text: str) -> list[str]:
    return [span.text for span in find_residue(text)]


WIDGET = "  • Oops!\n    Something went wrong.\n    Please try again later.\n"


def test_widget_message_is_residue() -> None:
    text = f"The council met on Monday.\n{WIDGET}The vote was close."
    spans = find_residue(text)
    assert [s.text for s in spans] == ["• Oops!", "Something went wrong.", "Please try again later."]
    for span in spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize("line", ["Oops!", "Something went wrong.", "Please try again later."])
def test_each_widget_line_alone_is_residue(line: str) -> None:
    text = f"A normal opening sentence about the harbour.\n{line}\nA normal closing sentence."
    assert residue_lines(text) == [line]


def test_repeated_photo_credit_lines_are_residue() -> None:
    text = "Harbour plan approved\n\n(Getty Images)\n(Getty Images)\n\nThe harbour board approved the plan."
    spans = find_residue(text)
    assert [s.text for s in spans] == ["(Getty Images)", "(Getty Images)"]
    first = text.index("(Getty Images)")
    assert (spans[0].start, spans[0].end) == (first, first + len("(Getty Images)"))


def test_repeated_short_line_is_residue_even_without_a_rule() -> None:
    text = "Harbour News Tonight\nThe board met.\nHarbour News Tonight\nIt voted."
    assert residue_lines(text) == ["Harbour News Tonight", "Harbour News Tonight"]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said something went wrong with the budget.\nShe asked residents to try again later.",
        "Oops, the councillor admitted, the figures were wrong.",
        "Please vote, the clerk told the crowd.\nThe polls close at eight.",
        "The ferry left at noon.\nIt arrived late.\nThe ferry left at noon, as usual, and nobody complained about it.",
    ],
)
def test_normal_sentences_are_not_residue(text: str) -> None:
    assert find_residue(text) == ()


def test_repeated_quoted_line_is_not_residue() -> None:
    text = "“We will not give up.”\nThe crowd cheered.\n“We will not give up.”"
    assert find_residue(text) == ()


def test_repeated_long_line_is_not_residue() -> None:
    line = "The committee will publish its full report on the harbour next spring."
    assert find_residue(f"{line}\nIn between.\n{line}") == ()


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported on Tuesday that the talks had failed, citing three sources.",
        "Related charges were dropped against both men on Monday.",
        "Recommended changes to the bylaw were approved by the council.",
        "Sign up for the marathon closes on Friday, organisers said.",
    ],
)
def test_sentences_starting_with_a_residue_word_are_not_residue(line: str) -> None:
    assert find_residue(f"The story begins here.\n{line}\nIt ends here.") == ()


def test_mask_keeps_length_newlines_and_other_text() -> None:
    text = f"Harbour plan\n\n(Getty Images)\n(Getty Images)\n{WIDGET}\nThe board approved the plan.\n"
    spans = find_residue(text)
    assert len(spans) == 5
    masked = mask(text, spans)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    inside = {i for s in spans for i in range(s.start, s.end)}
    stops = {max(i for i in range(s.start, s.end) if text[i] != "\n") for s in spans}
    for i, (orig, new) in enumerate(zip(text, masked, strict=True)):
        if i in stops:
            assert new == "."  # each blanked span ends a sentence of its own
        elif i in inside:
            assert new == " " or (new == "\n" and orig == "\n")
        else:
            assert new == orig
    for word in ("Oops", "Something", "Please", "Getty"):
        assert word not in masked
    assert "Harbour plan" in masked
    assert "The board approved the plan." in masked


def test_mask_keeps_newlines_inside_a_span() -> None:
    text = "ab\ncd\nef"
    masked = mask(text, (Span(1, 7, text[1:7]),))
    assert masked == "a \n  \n.f"


def test_mask_without_residue_is_identity() -> None:
    text = "Nothing to hide here.\n"
    assert mask(text, ()) == text
