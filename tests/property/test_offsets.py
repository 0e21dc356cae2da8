"""Offsets hold for any text: random words, quotation marks of every kind, line breaks,
apostrophes and non-ASCII characters, through the whole (small-model) pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.ingest.text import find_residue, mask
from quotegraph.pipeline import Pipeline
from quotegraph.quotes.marks import ALL_MARKS, find_quotes
from quotegraph.types import Analysis, Article

WORDS = [
    "the", "mayor", "said", "says", "told", "reporters", "according", "to", "that", "she", "he",
    "they", "Jane", "Doe", "Lee", "Ortiz", "Council", "the couple", "we", "will", "win", "not",
    "budget", "Monday", "added", "noted", "and", ",", ".", ":", ";", "—", "(", ")", "?", "!",
]  # fmt: skip
MARKS = ["“", "”", "„", "«", "»", "‘", "’", '"', "'", "''", "``"]
BREAKS = ["\n", "\n\n", "\r\n", " \n \n", "\t"]
APOSTROPHES = ["don't", "jury's", "‘70s", "'90s", "’90s", "players’", "rock ’n’ roll", "O'Neill"]
UNICODE = ["é", "Zoë", "naïve", "中文", "😀", "\u00a0", "\u200b", "e\u0301", "עברית", "Ⅻ", "ß", "\ufeff"]
RESIDUE = ["Oops!", "Something went wrong.", "(Getty Images)", "Advertisement"]
SENTENCES = [
    "“We will win,” Jane Doe said.",
    "“First part,” Ortiz said, “and the second part.”",
    "Mayor Jane Doe said that the budget was final.",
    "According to Lee, the plan failed.",
    "Jane Doe and Lee Ortiz say they 'support it' now.",
    "The couple called it a “role model” for others.",
    '"It is over," she told reporters.',
    "He added: “Nothing changes.”",
    "“We are done.”",
    "The former mayor said it was ‘a mess.’",
]

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARKS),
    st.sampled_from(BREAKS),
    st.sampled_from(APOSTROPHES),
    st.sampled_from(UNICODE),
    st.sampled_from(RESIDUE),
    st.sampled_from(SENTENCES),
    st.text(min_size=1, max_size=4),
)
separators = st.sampled_from([" ", " ", " ", "", "\n"])


@st.composite
def article_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(pieces, separators), min_size=1, max_size=60))
    text = "".join(piece + sep for piece, sep in parts)
    if not text.strip():
        text += "x"
    return text


def check_offsets(text: str, analysis: Analysis) -> None:
    n = len(text)
    assert analysis.article.text == text
    for span in analysis.article.residue:
        assert 0 <= span.start < span.end <= n
        assert text[span.start : span.end] == span.text
    for q in analysis.quotes:
        assert 0 <= q.start < q.end <= n, q
        assert q.text == text[q.start : q.end]
        assert (q.speaker_start is None) == (q.speaker_end is None)
        if q.speaker_start is not None and q.speaker_end is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= n, q
        assert (q.cue_start is None) == (q.cue_end is None)
        if q.cue_start is not None and q.cue_end is not None:
            assert 0 <= q.cue_start < q.cue_end <= n, q
        if q.speaker is not None:
            assert q.speaker in q.speakers
        assert q.kind in ("direct", "indirect", "mixed")
    for entity in analysis.entities:
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= n, (entity.name, m)
            assert m.text == text[m.start : m.end]
    for item in (*getattr(analysis, "relations", ()), *getattr(analysis, "events", ())):
        assert 0 <= item.start <= item.end <= n, item


def check_round_trip(analysis: Analysis) -> None:
    data = analysis.to_dict()
    assert Analysis.from_dict(data) == analysis
    assert Analysis.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) == analysis
    assert Analysis.from_dict(data).to_dict() == data


@settings(max_examples=60, deadline=None)
@given(text=article_text())
def test_pipeline_offsets_and_round_trip(pipeline_sm: Pipeline, text: str) -> None:
    analysis = pipeline_sm.analyze(text)
    check_offsets(text, analysis)
    check_round_trip(analysis)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.tuples(article_text(), st.sampled_from(["“", "", "\n\n“We will win,” Jane Doe said.\n\n"])), max_size=4
    )
)
def test_pipe_keeps_order_and_offsets(pipeline_sm: Pipeline, texts: list[tuple[str, str]]) -> None:
    articles = [Article(f"a{i}", body + extra) for i, (body, extra) in enumerate(texts)]
    results = list(pipeline_sm.pipe(articles))
    assert [r.article.id for r in results if isinstance(r, Analysis)] == [a.id for a in articles]
    for article, result in zip(articles, results, strict=True):
        assert isinstance(result, Analysis)
        check_offsets(article.text, result)


def test_round_trip_on_the_seed_article(pipeline_sm: Pipeline, shared_dir: Path) -> None:
    path = shared_dir / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found: {path.resolve()}")
    text = path.read_text(encoding="utf-8")
    analysis = pipeline_sm.analyze(text)
    assert analysis.quotes and analysis.entities and analysis.article.residue
    check_offsets(text, analysis)
    check_round_trip(analysis)


@settings(max_examples=300, deadline=None)
@given(text=article_text())
def test_marks_and_mask_offsets(text: str) -> None:
    spans = find_quotes(text)
    previous_end = 0
    for m in spans:
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start] in ALL_MARKS + "`"  # `` opens an AP-style quote
        previous_end = m.end
    residue = find_residue(text)
    masked = mask(text, residue)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
