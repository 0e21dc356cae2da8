"""Resource exhaustion by hostile input: what the size cap and the time budget bound, and what not.

The defences under test: ``--max-chars`` (ingest/sources.py ``cap_length``, default 1,000,000
characters), the HTML size cap (ingest/html.py ``MAX_HTML_BYTES``), JSONL streaming with a cap per
record (ingest/sources.py ``_lines``) and the per-article time budget (pipeline.py ``Deadline``,
``--time-budget``). The gaps found here are now regression tests; SECURITY.md lists them.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from quotegraph.ingest import sources
from quotegraph.ingest.sources import read_inputs
from quotegraph.pipeline import Pipeline, analyze_doc
from quotegraph.types import Analysis, Article, Failure


def paragraphs(n: int) -> str:
    return "\n\n".join(f"“Paragraph {i} is here,” Jane Doe said. She added that it was {i}." for i in range(n))


def test_an_article_over_max_chars_is_skipped_before_analysis(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(paragraphs(400), encoding="utf-8")
    (item,) = read_inputs([str(path)], max_chars=10_000)
    assert isinstance(item, Failure) and item.code == "too-large"


def test_the_budget_cuts_a_long_analysis_in_the_main_thread(sm: Pipeline) -> None:
    budgeted = Pipeline("sm", nlp=sm.nlp, time_budget=0.02)
    (result,) = budgeted.pipe([Article("long", paragraphs(300))])
    assert isinstance(result, Failure) and result.code == "timeout", result


def test_the_budget_also_holds_off_the_main_thread(sm: Pipeline) -> None:
    """The budget was a SIGALRM timer, armed only in the main thread: the API, which analyses on a
    worker thread, had none. It is now a cooperative deadline (pipeline.py ``Deadline``)."""
    budgeted = Pipeline("sm", nlp=sm.nlp, time_budget=0.02)
    found: list[Analysis | Failure] = []
    worker = threading.Thread(target=lambda: found.extend(budgeted.pipe([Article("long", paragraphs(300))])))
    worker.start()
    worker.join()
    assert isinstance(found[0], Failure) and found[0].code == "timeout", found[0]


def test_a_gzip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    """256 MB of text in 250 KB of gzip. Until 41c0142 a .gz input was decompressed whole before any
    size check (98 KB expanding to 64 MB cost ~190 MB); now reading stops at MAX_FILE_BYTES."""
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        for _ in range(256):
            handle.write(b"word " * (1024 * 1024 // 5))
    tracemalloc.start()
    try:
        (item,) = read_inputs([str(bomb)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(item, Failure) and item.code in ("too-large", "unreadable"), item
    assert peak < 128 * 2**20, f"{bomb.stat().st_size:,} bytes of gzip took {peak / 2**20:.0f} MB to refuse"


def test_a_big_jsonl_file_of_small_articles_is_read(tmp_path: Path) -> None:
    """From 41c0142 every file above 50 MB was refused whole (``MAX_FILE_BYTES``), so an ordinary
    JSONL export (~13,500 short articles here) could not be ingested at all; JSONL is now streamed
    line by line, the size cap applied to each record."""
    path = tmp_path / "export.jsonl"
    record = json.dumps({"text": "“We will rebuild the old mill,” Jane Doe said on Monday. " * 60})
    with path.open("w", encoding="utf-8") as handle:
        for i in range(13_500):
            handle.write(record.replace("Monday", f"day {i}") + "\n")
    assert path.stat().st_size > 50_000_000
    items = read_inputs([str(path)], dedupe=False)
    first = next(iter(items))
    assert isinstance(first, Article) and first.source == f"{path}:1", first
    assert sum(1 for item in items if isinstance(item, Article)) == 13_499


def test_an_over_long_jsonl_record_is_one_failure_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_RECORD_BYTES", 1000)
    monkeypatch.setattr(sources, "_SKIP_CHUNK", 7)  # the long line's rest is skipped in many small reads
    good = json.dumps({"text": "“We will win,” Jane Doe said."})
    long = json.dumps({"text": "word " * 500})
    for name, opener in (("plain.jsonl", open), ("packed.jsonl.gz", gzip.open)):
        path = tmp_path / name
        with opener(path, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
            handle.write("\n".join([good, long, good.replace("win", "lose"), long]))  # no final newline
        items = list(read_inputs([str(path)], dedupe=False))
        assert [type(i) for i in items] == [Article, Failure, Article, Failure], items
        assert [(i.source, i.code) for i in items if isinstance(i, Failure)] == [
            (f"{path}:2", "too-large"),
            (f"{path}:4", "too-large"),
        ]
        assert items[2].source == f"{path}:3"


def test_a_gzip_bomb_in_one_jsonl_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    """256 MB of one JSON string in 250 KB of gzip: one ``too-large`` record, then the next line is read."""
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        handle.write(b'{"text": "')
        for _ in range(256):
            handle.write(b"word " * (1024 * 1024 // 5))
        handle.write(b'"}\n{"text": "\xe2\x80\x9cWe will win,\xe2\x80\x9d Jane Doe said."}\n')
    tracemalloc.start()
    try:
        items = list(read_inputs([str(bomb)], dedupe=False))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(type(i), i.source) for i in items] == [(Failure, f"{bomb}:1"), (Article, f"{bomb}:2")], items
    assert isinstance(items[0], Failure) and items[0].code == "too-large"
    assert peak < 128 * 2**20, f"{bomb.stat().st_size:,} bytes of gzip took {peak / 2**20:.0f} MB to skip"


def _analysis_calls(sm: Pipeline, n: int) -> int:
    """Python and builtin function calls made by ``analyze_doc`` on ``n`` paragraphs: a count of work
    that, unlike a timer, does not move with the machine's load (wall time lives in benchmarks/scale.py)."""
    text = paragraphs(n)
    doc = sm.nlp(text)
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        analyze_doc(Article("long", text), doc)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.slow
def test_analysis_work_grows_linearly_with_length(sm: Pipeline) -> None:
    """Was quadratic twice: spaCy's Doc.text rebuilt per sentence and per entity (1,000 paragraphs took
    ~25 s; fixed in 53113e9 by ``nlp.model.doc_text``), and every indirect candidate checked against
    every quote (quotes/extract.py, now ``_SpanSet``: 4x the paragraphs made 5.1x the calls)."""
    short, long = _analysis_calls(sm, 150), _analysis_calls(sm, 600)
    assert long / short < 4.4, f"4x the paragraphs made {long / short:.2f}x the calls ({short:,} -> {long:,})"


LONG = "“We will rebuild the old mill,” Jane Doe said on Monday. She added that the town agreed.\n\n" * 1600


@pytest.mark.parametrize("where", ["main thread", "worker thread"])
def test_the_time_budget_bounds_the_whole_article(sm: Pipeline, where: str) -> None:
    """The budget used to cover the analysis only, not spaCy's parse: these 144,000 characters parsed
    for ~6 s whatever the budget (a 1,000,000-character article ~110 s and 4.3 GB). A long text is now
    parsed in pieces with the budget checked between them: the parse stops after the first piece(s),
    and the model goes on working. 10 s is a hang bound (it used to take 6-12 s; now ~0.5 s)."""
    budgeted = Pipeline("sm", nlp=sm.nlp, time_budget=0.5)
    found: list[Analysis | Failure] = []
    started = time.perf_counter()
    if where == "main thread":
        found.extend(budgeted.pipe([Article("long", LONG)]))
    else:
        worker = threading.Thread(target=lambda: found.extend(budgeted.pipe([Article("long", LONG)])))
        worker.start()
        worker.join()
    elapsed = time.perf_counter() - started
    (result,) = found
    assert isinstance(result, Failure) and result.code == "timeout", result
    parsed, total = map(int, re.search(r"stopped after (\d+) of (\d+) pieces", result.detail).groups())  # type: ignore[union-attr]
    assert total == 15 and 0 < parsed < total, result.detail  # work stopped early
    assert elapsed < 10, f"{len(LONG):,} characters took {elapsed:.1f}s with a 0.5s budget"
    assert isinstance(budgeted.analyze("“Yes,” Jane Doe said."), Analysis)  # the model is still usable


@pytest.mark.slow
def test_a_long_text_parsed_in_pieces_is_sound(sm: Pipeline) -> None:
    """With no budget the same text is analysed whole: offsets index the input text, two quotes a paragraph."""
    result = Pipeline("sm", nlp=sm.nlp, time_budget=None).analyze(Article("long", LONG))
    assert len(result.quotes) == 2 * 1600  # a direct and an indirect quote in each paragraph
    assert all(LONG[q.start : q.end] == q.text for q in result.quotes)
    assert {q.speakers for q in result.quotes} == {("Jane Doe",)}
