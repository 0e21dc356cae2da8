"""Pairing quotation marks: ``quotegraph.quotes.marks.find_quotes`` on hand-written strings."""

from __future__ import annotations

import pytest

from quotegraph.quotes.marks import ALL_MARKS, MarkSpan, find_quotes, paragraphs


def texts(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quotes(text)]


def test_curly_double_quote() -> None:
    text = "“We will win,” Jane Doe said."
    assert find_quotes(text) == [MarkSpan(0, 14, closed=True, single=False)]
    assert texts(text) == ["“We will win,”"]


def test_straight_double_quote() -> None:
    text = 'The mayor said "the budget is final" on Monday.'
    spans = find_quotes(text)
    assert [(m.start, m.end, m.closed, m.single) for m in spans] == [(15, 36, True, False)]
    assert texts(text) == ['"the budget is final"']


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("She called the plan ‘a total mess’ on Monday.", "‘a total mess’"),
        ("She called the plan 'a total mess' on Monday.", "'a total mess'"),
    ],
)
def test_single_quotes(text: str, quoted: str) -> None:
    spans = find_quotes(text)
    assert len(spans) == 1
    assert spans[0].single
    assert spans[0].closed
    assert text[spans[0].start : spans[0].end] == quoted


def test_single_quotes_inside_double_are_not_separate_quotes() -> None:
    text = "“He called it ‘a joke,’ and then he left,” she said."
    assert texts(text) == ["“He called it ‘a joke,’ and then he left,”"]
    assert not find_quotes(text)[0].single


@pytest.mark.parametrize(
    "text",
    [
        "The cast of That ‘70s Show met again.",
        "Prices were lower in the '90s, he recalled.",
        "The ’90s were a decade of growth.",
        "Both the ‘70s and the '90s were good years for the town.",
    ],
)
def test_decade_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I don't think so, and neither does the jury's foreman.",
        "The jury’s verdict didn’t surprise the players’ union.",
        "It's the council's third vote; they won't stop.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []


def test_apostrophes_around_a_real_quote() -> None:
    text = "The jury's foreman said “we don't agree with the judge's view” after the trial's end."
    assert texts(text) == ["“we don't agree with the judge's view”"]


def test_single_quoted_phrase_with_an_apostrophe_inside() -> None:
    text = "They said 'we don't know yet' and left."
    assert texts(text) == ["'we don't know yet'"]


def test_quote_split_around_its_cue_gives_two_spans() -> None:
    text = "“A,” she said. “B.”"
    spans = find_quotes(text)
    assert [(m.start, m.end) for m in spans] == [(0, 4), (15, 19)]
    assert all(m.closed for m in spans)
    assert texts(text) == ["“A,”", "“B.”"]


def test_longer_split_quote() -> None:
    text = "“The roads are clear,” Lee said, “but the bridge stays shut until Friday.”"
    assert texts(text) == ["“The roads are clear,”", "“but the bridge stays shut until Friday.”"]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ('"', '"')])
def test_multi_paragraph_quote_is_one_span(opening: str, closing: str) -> None:
    text = (
        f"Intro line, said the chair.\n\n"
        f"{opening}The first part of a long statement.\n\n"
        f"{opening}The second part goes on.\n\n"
        f"{opening}And the third part ends it.{closing}\n\n"
        f"A closing sentence."
    )
    first_open = text.index(opening + "The first")
    final_close = text.index("ends it." + closing) + len("ends it." + closing)
    spans = find_quotes(text)
    assert [(m.start, m.end, m.closed) for m in spans] == [(first_open, final_close, True)]


def test_unbalanced_quote_closes_at_paragraph_end() -> None:
    para1 = "“This quote is never closed, the clerk said."
    para2 = "Later the clerk added “a second remark” and left."
    text = f"{para1}\n\n{para2}"
    spans = find_quotes(text)
    assert len(spans) == 2
    first, second = spans
    assert (first.start, first.end, first.closed) == (0, len(para1), False)
    assert second.closed
    assert text[second.start : second.end] == "“a second remark”"


def test_unbalanced_quote_does_not_swallow_a_following_line_paragraph() -> None:
    # without blank lines, every line is a paragraph
    text = "He said “this never closes.\nShe answered “fine” at once."
    spans = find_quotes(text)
    assert [(text[m.start : m.end], m.closed) for m in spans] == [
        ("“this never closes.", False),
        ("“fine”", True),
    ]


def test_ap_style_double_single_quotes() -> None:
    text = "He said ''Hello world,'' and left the room."
    spans = find_quotes(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end] == "''Hello world,''"
    assert not spans[0].single


def test_ap_style_split_quote() -> None:
    text = "''We are ready,'' the coach said. ''The team is fit.''"
    assert texts(text) == ["''We are ready,''", "''The team is fit.''"]


def test_several_quotes_in_one_paragraph() -> None:
    text = '“Hi,” he said. “Bye,” she said. "Ok," they said.'
    assert texts(text) == ["“Hi,”", "“Bye,”", '"Ok,"']


def test_paragraphs_are_stripped_non_empty_blocks() -> None:
    assert paragraphs("a b\n\n  c d \n\ne") == [(0, 3), (7, 10), (13, 14)]
    assert paragraphs("a b\nc d\n") == [(0, 3), (4, 7)]


CASES = [
    "“We will win,” Jane Doe said.",
    'The mayor said "the budget is final" on Monday.',
    "She called the plan ‘a total mess’ on Monday.",
    "She called the plan 'a total mess' on Monday.",
    "“A,” she said. “B.”",
    "“First.\n\n“Second.\n\n“Third.”\n\nAfter.",
    "“Never closed.\n\nNext has “a quote” here.",
    "He said ''Hello world,'' and left.",
    "The jury's foreman said “we don't agree” after the trial's end, in the ’90s.",
    "“He called it ‘a joke,’ and left,” she said. 'Fine,' he replied.",
    "«Bonjour» et „Hallo“ — “x”",
]


@pytest.mark.parametrize("text", CASES)
def test_every_span_starts_with_a_quote_mark_and_spans_are_ordered(text: str) -> None:
    spans = find_quotes(text)
    assert spans, "each case holds at least one quote"
    previous_end = 0
    for m in spans:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end, "spans never overlap and come in order"
        previous_end = m.end
        assert text[m.start] in ALL_MARKS
        if m.closed:
            assert text[m.end - 1] in ALL_MARKS
