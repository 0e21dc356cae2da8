"""Embedded posts signed ``— Name (@handle) date`` (quotes/tweets.py), on our own made-up text."""

from __future__ import annotations

import pytest

from quotegraph.pipeline import Pipeline
from quotegraph.quotes.tweets import embedded_posts
from quotegraph.types import Analysis

TWO_LINES = (
    "The city closed its schools.\n\n"
    "Our air is now worse than a smoking room. We need action now. pic.twitter.com/AbC123\n"
    "— Priya Raman (@priyaraman) November 3, 2019\n\n"
    "Officials met on Monday."
)
ONE_LINE = "Rain at last! https://t.co/xyz — Harbour Weather (@harbourwx) May 2, 2021\nMore below."


@pytest.mark.parametrize(
    ("text", "post", "name"),
    [
        (TWO_LINES, "Our air is now worse than a smoking room. We need action now.", "Priya Raman"),
        (ONE_LINE, "Rain at last!", "Harbour Weather"),
    ],
)
def test_a_signed_post_is_its_text_without_the_link(text: str, post: str, name: str) -> None:
    (found,) = embedded_posts(text)
    assert text[found.start : found.end] == post
    assert text[found.name_start : found.name_end] == name
    assert text[found.cue_start] == "—"


def test_a_dash_without_handle_and_date_is_no_signature() -> None:
    assert list(embedded_posts("He paused — Jane Doe (the mayor) said nothing.\n")) == []


@pytest.mark.slow
def test_a_post_is_a_direct_quote_by_its_signer(pipeline_md: Pipeline) -> None:
    analysis = pipeline_md.analyze(TWO_LINES)
    assert isinstance(analysis, Analysis)
    posts = [q for q in analysis.quotes if q.cue == "—"]
    assert [(q.text, q.speakers, q.kind) for q in posts] == [
        ("Our air is now worse than a smoking room. We need action now.", ("Priya Raman",), "direct")
    ]
