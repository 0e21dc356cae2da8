"""Property-based fuzzing of reading and analysis: hostile text never breaks the contracts.

For every input below, through ``Pipeline("sm").pipe`` (and the CLI's readers where bytes are
involved): nothing raises; each result is an :class:`Analysis` or a :class:`Failure` with a code
(and for plain text an analysis: a caught exception, code ``internal``, or a timeout counts as a
bug); every offset is in bounds and every stored span text is ``text[start:end]``; ``to_dict`` /
``from_dict`` round-trips. The oracle is ``fuzz/invariants.py``, shared with the atheris harness
and ``benchmarks/fuzz_run.py``.

Inputs: random unicode; quotation-mark soups; nested and unbalanced quotes; 1,000-paragraph
articles; zero-width and bidi controls; NUL bytes (raw and JSON-escaped) through the readers and
the CLI; random HTML through ``article_from_html``; whole and damaged WARC archives. Each
property runs a fast variant (default run, deterministic) and a ``slow`` one with 10x the
examples. The bugs this fuzzing found are kept at the end as regression tests.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from generate import BIDI, MARKS, SENTENCES, WORDS, ZERO_WIDTH, words
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from invariants import problems, read_problems

from quotegraph.cli import main
from quotegraph.ingest.html import article_from_html
from quotegraph.ingest.sources import read_inputs
from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis, Article, Failure

RANDOM = os.environ.get("QG_FUZZ_RANDOM") == "1"  # fresh examples instead of the pinned ones
SLOW = 10  # the slow variants run this many times the examples
PAIRS = [("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"), ("„", "“"), ("„", "”"), ("``", "''")]
TAILS = ["", " Jane Doe said.", ", she said.", "\n\n", " said Lee Ortiz.", ' he said. "', "\n“"]


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=not RANDOM,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )


def scales(fast: int) -> Any:
    """Parametrize a test over its fast example count and, marked slow, 10x that."""
    return pytest.mark.parametrize(
        "examples", [pytest.param(fast, id="fast"), pytest.param(fast * SLOW, id="slow", marks=pytest.mark.slow)]
    )


def run_property(examples: int, strategy: st.SearchStrategy[Any], check: Callable[[Any], None]) -> None:
    @fuzz_settings(examples)
    @given(strategy)
    def prop(value: Any) -> None:
        check(value)

    prop()


def assert_sound(result: object, text: str | None) -> None:
    """The oracle, plus: the pipeline did not swallow an exception or run out of time."""
    if isinstance(result, Failure):
        assert result.code not in ("internal", "timeout"), result.message()
    found = problems(result, text)
    assert not found, found


def analyse(pipeline: Pipeline, texts: list[str]) -> list[Analysis | Failure]:
    """``texts`` through ``pipe`` in one batch; every result sound and an analysis."""
    articles = [Article(f"fuzz-{i}", text) for i, text in enumerate(texts)]
    results = list(pipeline.pipe(articles))
    assert len(results) == len(articles)
    for article, result in zip(articles, results, strict=True):
        assert isinstance(result, Analysis), result
        assert result.article.id == article.id
        assert_sound(result, article.text)
    return results


# --- strategies ---------------------------------------------------------------------------------------

unicode_text = st.text(st.characters(codec="utf-8"), min_size=1, max_size=400)  # every code point but surrogates

soup = st.lists(
    st.tuples(
        st.one_of(
            st.sampled_from(MARKS),
            st.sampled_from(['"', "“", "”", "‘", "’", "'", "«", "»", "„", "``", "''"]),
            st.sampled_from(WORDS),
            st.sampled_from(["\n", "\n\n", "\r\n", " "]),
        ),
        st.sampled_from(["", " ", " ", "\n"]),
    ),
    min_size=1,
    max_size=200,
).map(lambda parts: "".join(piece + sep for piece, sep in parts))


def _wrap(node: tuple[tuple[str, str], list[str], bool, bool, str]) -> str:
    (opener, closer), inner, opened, closed, tail = node
    return (opener if opened else "") + " ".join(inner) + (closer if closed else "") + tail


nested_quotes = st.recursive(
    st.sampled_from(WORDS + SENTENCES),
    lambda inner: st.tuples(
        st.sampled_from(PAIRS), st.lists(inner, min_size=1, max_size=3), st.booleans(), st.booleans(),
        st.sampled_from(TAILS),
    ).map(_wrap),
    max_leaves=40,
)  # fmt: skip


@st.composite
def deep_quotes(draw: st.DrawFn) -> str:
    """Up to 300 quotation marks opened in a row, some of them closed again."""
    opens = draw(st.lists(st.sampled_from(PAIRS), min_size=1, max_size=300))
    closed = draw(st.integers(0, len(opens)))
    core = draw(st.sampled_from(SENTENCES))
    closers = [c for _, c in reversed(opens)][:closed]
    return "".join(o for o, _ in opens) + core + "".join(closers) + draw(st.sampled_from(TAILS))


@st.composite
def invisible(draw: st.DrawFn) -> str:
    """News sentences with zero-width and bidi controls inserted anywhere (names, marks, words)."""
    chars = list(" ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))))
    for pos, char in draw(st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(ZERO_WIDTH + BIDI)), max_size=40)):
        chars.insert(pos % (len(chars) + 1), char)
    return "".join(chars)


@st.composite
def thousand_paragraphs(draw: st.DrawFn) -> str:
    """1,000 paragraphs drawn from a small pool of news sentences and random text."""
    pool = draw(st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(max_size=30)), min_size=1, max_size=12))
    rng = draw(st.randoms(use_true_random=False))
    return draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(rng.choice(pool) for _ in range(1000))


TAGS = words(
    "p div span b i a script style article main h1 title head body html meta nav footer blockquote q pre code"
    " table tr td ul li br img iframe svg math template noscript textarea select option form object"
)
ATTRS = [
    'href="javascript:alert(1)"', 'onerror="alert(1)"', "src=x", 'class="article-body"', 'id="content"',
    'style="display:none"', 'charset="iso-8859-1"', 'content="2024-01-01"', 'itemprop="articleBody"',
    'lang="he" dir="rtl"', 'name="date"', "hidden",
]  # fmt: skip
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&#0;", "&#xD800;", "&#x110000;", "&#8220;", "&#8221;", "&ldquo;"]
ENTITIES += ["&rdquo;", "&bogus;", "&", "&#", "&#x;", "&nbsp;", "<!--", "-->", "<![CDATA[", "]]>", "</", "<", ">"]
html_text = st.one_of(
    st.sampled_from(SENTENCES), st.sampled_from(WORDS), st.sampled_from(ENTITIES), st.text(max_size=20), soup
)


def _element(node: tuple[str, list[str], list[str], bool]) -> str:
    tag, attrs, inner, closed = node
    return f"<{tag}{''.join(' ' + a for a in attrs)}>" + "".join(inner) + (f"</{tag}>" if closed else "")


html_tree = st.recursive(
    html_text,
    lambda inner: st.tuples(
        st.sampled_from(TAGS), st.lists(st.sampled_from(ATTRS), max_size=2), st.lists(inner, max_size=4),
        st.booleans(),
    ).map(_element),
    max_leaves=50,
)  # fmt: skip
ARTICLE_SHELL = (
    "<html><head><title>Harbour plan</title></head><body><nav>Home</nav><article><h1>Harbour plan</h1>{}"
    "<p>“We finally have a harbour we can be proud of,” Mayor Ines Haddad said on Monday.</p>"
    "<p>Haddad said that the work would start in May and end before the storms.</p></article></body></html>"
)
html_page = st.one_of(
    st.tuples(st.sampled_from(["", "<!doctype html>", "<?xml version='1.0'?>", "<html><head></head>"]), html_tree).map(
        "".join
    ),
    html_tree.map(ARTICLE_SHELL.format),
)
html_input = st.one_of(
    html_page,
    html_page.map(lambda page: page.encode("utf-8")),
    st.tuples(html_page, st.sampled_from(["latin-1", "utf-16", "cp1252"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    ),
    st.binary(max_size=2000),
)


# --- text straight into the pipeline ----------------------------------------------------------------


@scales(200)
def test_random_unicode(sm: Pipeline, examples: int) -> None:
    run_property(examples, unicode_text, lambda text: analyse(sm, [text]))


@scales(200)
def test_quote_mark_soups(sm: Pipeline, examples: int) -> None:
    run_property(examples, soup, lambda text: analyse(sm, [text]))


@scales(150)
def test_nested_and_unbalanced_quotes(sm: Pipeline, examples: int) -> None:
    run_property(examples, st.one_of(nested_quotes, deep_quotes()), lambda text: analyse(sm, [text]))


@scales(150)
def test_zero_width_and_bidi_controls(sm: Pipeline, examples: int) -> None:
    run_property(examples, invisible(), lambda text: analyse(sm, [text]))


@scales(40)
def test_batches_of_hostile_texts_keep_order(sm: Pipeline, examples: int) -> None:
    texts = st.lists(st.one_of(unicode_text, soup, nested_quotes, invisible()), min_size=2, max_size=12)
    run_property(examples, texts, lambda batch: analyse(sm, batch))


@scales(2)
def test_thousand_paragraph_articles(sm: Pipeline, examples: int) -> None:
    run_property(examples, thousand_paragraphs(), lambda text: analyse(sm, [text]))


# --- NUL bytes (and other binary) through the readers and the CLI -----------------------------------


@st.composite
def nul_inputs(
    draw: st.DrawFn, suffixes: tuple[str, ...] = (".txt", ".jsonl", ".jsonl-escaped", "", ".html")
) -> tuple[str, bytes, str]:
    """(file suffix, file bytes, the text that holds the NUL) of a file with a NUL in it."""
    text = draw(st.one_of(soup, st.sampled_from(SENTENCES), unicode_text))
    pos = draw(st.integers(0, len(text)))
    bad = text[:pos] + "\x00" + text[pos:]
    suffix = draw(st.sampled_from(suffixes))
    if suffix == ".jsonl":  # a raw NUL byte inside one record, a good record after it
        good = json.dumps({"id": "good", "text": "“We will win,” Jane Doe said."})
        raw = json.dumps({"id": "bad", "text": bad}).replace("\\u0000", "\x00")
        return suffix, (raw + "\n" + good + "\n").encode("utf-8"), bad
    if suffix == ".jsonl-escaped":  # a JSON \u0000 escape: text with a NUL character, not a NUL byte
        return ".jsonl", json.dumps({"id": "escaped", "text": bad}).encode("utf-8") + b"\n", bad
    return suffix, bad.encode("utf-8"), bad


@scales(60)
def test_nul_bytes_through_the_readers(sm: Pipeline, tmp_path: Path, examples: int) -> None:
    def check(case: tuple[str, bytes, str]) -> None:
        suffix, data, _ = case
        path = tmp_path / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)], dedupe=False))
        assert items
        for item in items:
            assert not read_problems(item), read_problems(item)
        if b"\x00" in data:  # a raw NUL byte: that input (or record) is a `binary` failure, never an article
            assert "binary" in [getattr(i, "code", None) for i in items]
            assert not [i for i in items if isinstance(i, Article) and "\x00" in i.text]
        if b"\x00" in data and suffix == ".jsonl":
            assert [getattr(i, "code", "article") for i in items] == ["binary", "article"]
        articles = [i for i in items if isinstance(i, Article)]
        for article, result in zip(articles, sm.pipe(articles), strict=True):
            assert isinstance(result, Analysis)
            assert_sound(result, article.text)

    run_property(examples, nul_inputs(), check)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@scales(12)
def test_nul_bytes_through_the_extract_command(
    sm: Pipeline, tmp_path: Path, capsys: pytest.CaptureFixture[str], examples: int
) -> None:
    """A file with a NUL byte is one line on stderr and exit status 1; the good inputs still come out."""

    def check(case: tuple[str, bytes, str]) -> None:
        suffix, data, _ = case
        assume(not data.lstrip().startswith((b"{", b"<")))  # a .txt that looks like JSON or HTML is read as such
        bad = tmp_path / f"bad{suffix}"
        bad.write_bytes(data)
        good = tmp_path / "good.txt"
        good.write_text("“The harbour will open in May,” Mayor Ines Haddad said.", encoding="utf-8")
        code, out, err = run_cli(["extract", "--model", "sm", "--workers", "1", str(bad), str(good)], capsys)
        assert code == 1, err
        assert "Traceback" not in err
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"quotegraph: {bad}") and lines[0].endswith("[binary]"), err
        records = [json.loads(line) for line in out.splitlines()]
        assert [r["source"] for r in records] == ([f"{bad}:2"] if suffix == ".jsonl" else []) + [str(good)]

    run_property(examples, nul_inputs((".txt", ".jsonl")), check)


def test_nul_bytes_on_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xe2\x80\x9cWe\x00 win,\xe2\x80\x9d she said.")))
    code, out, err = run_cli(["extract", "--model", "sm", "--workers", "1", "-"], capsys)
    assert (code, out) == (1, "")
    assert err == "quotegraph: <stdin>: looks like binary data (contains NUL bytes), not text [binary]\n"


# --- random HTML ------------------------------------------------------------------------------------


@scales(100)
def test_random_html(sm: Pipeline, examples: int) -> None:
    def check(page: str | bytes) -> None:
        item = article_from_html(page, "fuzz.html", article_id="fuzz")
        assert not read_problems(item), read_problems(item)
        if isinstance(item, Article):
            (result,) = sm.pipe([item])
            assert_sound(result, item.text)

    run_property(examples, html_input, check)


# --- WARC archives, whole and damaged --------------------------------------------------------------


def warc_bytes(pages: list[str], compressed: bool) -> bytes:
    """A WARC of ``response`` records, one per page (plus a non-HTML one), written with warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compressed)
    for i, page in enumerate([*pages, "not html"]):
        kind = "text/html; charset=utf-8" if i < len(pages) else "text/plain"
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        payload = io.BytesIO(page.encode("utf-8", errors="replace"))
        writer.write_record(
            writer.create_warc_record(f"https://example.org/{i}", "response", payload=payload, http_headers=headers)
        )
    return out.getvalue()


@st.composite
def damaged_warcs(draw: st.DrawFn) -> tuple[bool, bytes]:
    """(compressed?, bytes) of a WARC, then cut short, with bytes overwritten or junk inserted."""
    compressed = draw(st.booleans())
    data = bytearray(warc_bytes(draw(st.lists(html_page, min_size=1, max_size=3)), compressed))
    for op, where, byte in draw(
        st.lists(
            st.tuples(st.sampled_from("cfi"), st.integers(0, 10**7), st.binary(min_size=1, max_size=8)), max_size=4
        )
    ):
        at = where % (len(data) + 1)
        if op == "c":
            del data[at:]
        elif op == "f":
            data[at : at + len(byte)] = byte
        else:
            data[at:at] = byte
    return compressed, bytes(data)


@scales(40)
def test_whole_and_damaged_warcs(sm: Pipeline, tmp_path: Path, examples: int) -> None:
    def check(case: tuple[bool, bytes]) -> None:
        compressed, data = case
        path = tmp_path / ("archive.warc.gz" if compressed else "archive.warc")
        path.write_bytes(data)
        items = list(read_inputs([str(path)], dedupe=False))
        for item in items:
            assert not read_problems(item), read_problems(item)
        articles = [i for i in items if isinstance(i, Article)]
        for article, result in zip(articles, sm.pipe(articles), strict=True):
            assert_sound(result, article.text)

    run_property(examples, damaged_warcs(), check)


# --- bugs found here, now regression tests (fixed in 41c0142 and on branch hard) ---------------------


def test_lone_surrogate_in_a_jsonl_record_is_one_failure_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON \\ud800 escape used to reach spaCy's tokenizer, whose UnicodeEncodeError escaped
    Pipeline.pipe: the whole run died with a traceback and the good records were lost."""
    path = tmp_path / "records.jsonl"
    path.write_text(
        '{"id": "bad", "text": "\\u201cWe will win,\\u201d said Jane Doe \\ud800 today."}\n'
        '{"id": "good", "text": "\\u201cWe will lose,\\u201d said John Roe."}\n',
        encoding="utf-8",
    )
    code, out, err = run_cli(["extract", "--model", "sm", "--workers", "1", str(path)], capsys)
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["good"]
    assert len(err.splitlines()) == 1 and f"{path}:1" in err


def test_an_article_over_spacys_max_length_is_one_failure_in_pipe(sm: Pipeline) -> None:
    """spaCy's E088 (text over nlp.max_length) used to escape Pipeline.pipe and lose the batch."""
    items = [Article("a", "“Yes,” Jane Doe said."), Article("huge", "word " * 250_001), Article("b", "“No,” he said.")]
    results = list(sm.pipe(items))
    assert [type(r) for r in results] == [Analysis, Failure, Analysis]


def test_max_chars_above_spacys_limit_is_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--max-chars`` above 1,000,000 used to end the run in an E088 traceback."""
    big = tmp_path / "big.txt"
    big.write_text("“We will rebuild the mill,” Jane Doe said. " * 30_000, encoding="utf-8")  # 1.3M characters
    code, _out, err = run_cli(
        ["extract", "--model", "sm", "--workers", "1", "--max-chars", "2000000", str(big)], capsys
    )
    assert code == 1 and len(err.splitlines()) == 1


NO_URI_WARC = (
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
    b"Content-Length: 110\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    b"<html><body><p>\xe2\x80\x9cWe will win,\xe2\x80\x9d said Jane Doe.</p></body></html>\r\n\r\n"
)


def test_a_warc_record_without_a_target_uri_is_one_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """warcio raises AttributeError on a response record without WARC-Target-URI (found by
    test_whole_and_damaged_warcs); read_warc used to let it end the run in a traceback."""
    archive = tmp_path / "no-uri.warc"
    archive.write_bytes(NO_URI_WARC)
    good = tmp_path / "good.txt"
    good.write_text("“The harbour will open in May,” Mayor Ines Haddad said.", encoding="utf-8")
    code, out, err = run_cli(["extract", "--model", "sm", "--workers", "1", str(archive), str(good)], capsys)
    assert code == 1 and len(out.splitlines()) == 1
    assert err.startswith(f"quotegraph: {archive}") and len(err.splitlines()) == 1


def test_a_lone_surrogate_is_one_failure_in_pipe(sm: Pipeline) -> None:
    """An Article built in Python with a lone surrogate used to make spaCy's tokenizer raise
    UnicodeEncodeError out of Pipeline.pipe, losing the batch; now pipeline.py _prepare checks it."""
    items = [Article("a", "“Yes,” Jane Doe said."), Article("bad", "“We\ud800 win,” Lee said."), Article("b", "No.")]
    results = list(sm.pipe(items))
    assert [type(r) for r in results] == [Analysis, Failure, Analysis]
    assert isinstance(results[1], Failure) and results[1].code == "encoding" and results[1].source == "bad"
