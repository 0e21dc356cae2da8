"""Reading inputs: every problem is a ``Failure`` naming the file (and line) and the reason."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from quotegraph.ingest.sources import MAX_TEXT_CHARS, check_text, read_inputs
from quotegraph.types import Article, Failure

GOOD = "“We will win,” Jane Doe said."


def read(path: Path) -> list[Article | Failure]:
    return list(read_inputs([str(path)]))


def only_failure(items: list[Article | Failure]) -> Failure:
    assert len(items) == 1
    assert isinstance(items[0], Failure), items[0]
    return items[0]


def test_text_file_is_one_article_with_text_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "Line one.\r\nLine two, with “quotes” and ’90s.\n"
    path.write_bytes(text.encode("utf-8"))
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.id == "story"
    assert article.source == str(path)
    assert article.text == text


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHello there.".encode())
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.text == "Hello there."


@pytest.mark.parametrize("content", ["", "   \n\n\t \n"])
def test_empty_text(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    failure = only_failure(read(path))
    assert (failure.source, failure.code) == (str(path), "empty")


def test_too_large_text(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("a" * (MAX_TEXT_CHARS + 1), encoding="utf-8")
    failure = only_failure(read(path))
    assert failure.code == "too-large"
    assert "1,000,001" in failure.detail


def test_text_at_the_limit_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "limit.txt"
    path.write_text("a" * MAX_TEXT_CHARS, encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert len(article.text) == MAX_TEXT_CHARS


def test_check_text_rejects_blank_text() -> None:
    article = Article("x", "Some text.", source="x")
    assert check_text(article) is article
    failure = check_text(Article("y", " \n\t", source="y.txt"))
    assert isinstance(failure, Failure)
    assert (failure.source, failure.code) == ("y.txt", "empty")


def test_binary_text(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_failure(read(path)).code == "binary"


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café au lait.".encode("latin-1"))
    failure = only_failure(read(path))
    assert failure.code == "encoding"
    assert "UTF-8" in failure.detail


def test_missing_file_and_unsupported_suffix(tmp_path: Path) -> None:
    csv = tmp_path / "table.csv"
    csv.write_text("a,b\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(csv)]))
    assert all(isinstance(i, Failure) for i in items)
    assert [(i.source, i.code) for i in items if isinstance(i, Failure)] == [
        (str(tmp_path / "nope.txt"), "unreadable"),
        (str(csv), "unsupported"),
    ]


def test_jsonl_bad_records_are_reported_per_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        "{not json",
        json.dumps({"id": "no-text", "title": "x"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "good", "text": GOOD, "url": "https://example.org/a", "title": 7}),
        json.dumps({"text": "No id here, Bob Roe said."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    failures = [(i.source, i.code) for i in items if isinstance(i, Failure)]
    assert failures == [
        (f"{path}:1", "bad-json"),
        (f"{path}:2", "no-text"),
        (f"{path}:4", "bad-record"),
        (f"{path}:5", "empty"),
    ]
    articles = [i for i in items if isinstance(i, Article)]
    assert [(a.id, a.text, a.source) for a in articles] == [
        ("good", GOOD, f"{path}:6"),
        ("batch:7", "No id here, Bob Roe said.", f"{path}:7"),
    ]
    assert articles[0].url == "https://example.org/a"
    assert articles[0].title is None  # not a string


@pytest.mark.parametrize(
    ("given", "published"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z"),
        ("2024-05", "2024-05"),
        ("May 1, 2024", "2024-05-01"),
        ("Wednesday, 1 May 2024 10:00", "2024-05-01"),
        ("last week", None),
        (2024, None),
    ],
)
def test_jsonl_published_is_iso_8601_or_null(tmp_path: Path, given: object, published: str | None) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"id": "d", "text": GOOD, "published": given}) + "\n", encoding="utf-8")
    (article,) = read(path)
    assert isinstance(article, Article)
    assert article.published == published


def test_a_missing_warc_is_unreadable_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "gone.warc.gz"
    failure = only_failure(read(path))
    assert (failure.source, failure.code) == (str(path), "unreadable")
    assert failure.detail == "cannot read file: No such file or directory"


def test_an_unreadable_subdirectory_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its files are lost: say so (a chmod 000 folder; simulated, since root reads anything)."""
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("“Another one,” Bob Roe said.", encoding="utf-8")
    scandir = os.scandir

    def deny(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    items = read(tmp_path)
    assert [(i.source, i.code, i.detail) for i in items if isinstance(i, Failure)] == [
        (str(locked), "unreadable", "cannot read directory: Permission denied")
    ]
    assert [i.source for i in items if isinstance(i, Article)] == [str(tmp_path / "a.txt")]


def test_jsonl_text_with_unicode_line_separators(tmp_path: Path) -> None:
    path = tmp_path / "seps.jsonl"
    records = [{"id": "a", "text": f"First line\u2028{GOOD}"}, {"id": "b", "text": "Next\x85 line, Bob Roe said."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    items = read(path)
    assert [i.text for i in items if isinstance(i, Article)] == [r["text"] for r in records]


def test_jsonl_invalid_utf8_in_one_record_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": GOOD}).encode()
    path.write_bytes(good + b'\n{"id": "bad", "text": "caf\xe9"}\n')
    items = read(path)
    assert [i.id for i in items if isinstance(i, Article)] == ["ok"]
    assert [i.source for i in items if isinstance(i, Failure)] == [f"{path}:2"]


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    (article,) = list(read_inputs(["-"]))
    assert isinstance(article, Article)
    assert (article.id, article.source, article.text) == ("stdin", "<stdin>", GOOD)

    data = json.dumps({"id": "s1", "text": GOOD}) + "\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    items = list(read_inputs(["-"]))
    assert isinstance(items[0], Article)
    assert items[0].id == "s1"
    assert isinstance(items[1], Failure)
    assert (items[1].source, items[1].code) == ("<stdin>:2", "bad-json")


def test_failure_message_names_source_reason_and_code() -> None:
    assert Failure("a.jsonl:3", "bad-json", "not valid JSON").message() == "a.jsonl:3: not valid JSON [bad-json]"


@pytest.mark.slow
def test_a_warc_read_in_byte_ranges_is_the_whole_archive(shared_dir: Path) -> None:
    """``warc_shards`` cuts only between records: reading every range gives every record once,
    in order, as reading the whole archive does (the unit of work of ``quotegraph spark``)."""
    from quotegraph.ingest.warc import WarcStats, read_warc, warc_shards

    warc = str(shared_dir / "data" / "warc" / "aeb-news.warc.gz")

    def key(item: object) -> tuple[object, ...]:
        return (getattr(item, "source", None), getattr(item, "id", None), len(getattr(item, "text", "") or ""))

    whole_stats, parts_stats = WarcStats(), WarcStats()
    whole = [key(item) for item in read_warc(warc, whole_stats)]
    shards = warc_shards(warc, 1_000_000)
    parts = [key(item) for start, end in shards for item in read_warc(warc, parts_stats, start=start, end=end)]
    assert len(shards) > 3 and shards[0][0] == 0 and shards[-1][1] is None
    assert parts == whole and len(whole) == 181
    assert parts_stats.skipped == whole_stats.skipped
