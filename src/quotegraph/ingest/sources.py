"""Read articles from files and stdin: ``.txt`` (one article) and ``.jsonl`` (``id`` + ``text``).

Every problem becomes a :class:`~quotegraph.types.Failure` naming the file (and line) and the
reason; reading goes on with the next record.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from quotegraph.types import Article, Failure

MAX_TEXT_CHARS = 1_000_000  # spaCy's own default max_length


def read_inputs(paths: list[str]) -> Iterator[Article | Failure]:
    """Articles (or failures) from each path in order; ``-`` reads stdin."""
    for path in paths:
        yield from read_path(path)


def read_path(path: str) -> Iterator[Article | Failure]:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
        if _looks_like_jsonl(data):
            yield from _jsonl(name, data)
        else:
            yield _text_article(name, "stdin", data)
        return
    file = Path(path)
    try:
        data = file.read_bytes()
    except IsADirectoryError:
        yield Failure(path, "unreadable", "is a directory (directories come with the ingest command)")
        return
    except OSError as exc:
        yield Failure(path, "unreadable", f"cannot read file: {exc.strerror or exc}")
        return
    suffix = file.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl(path, data)
    elif suffix in (".txt", ".text", ""):
        yield _text_article(path, file.stem, data)
    else:
        yield Failure(path, "unsupported", f"unsupported file type {suffix!r} (expected .txt or .jsonl)")


def _looks_like_jsonl(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def _decode(source: str, data: bytes) -> str | Failure:
    if b"\x00" in data:
        return Failure(source, "binary", "looks like binary data (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Failure(source, "encoding", f"not valid UTF-8 (byte {exc.start})")


def _text_article(source: str, article_id: str, data: bytes) -> Article | Failure:
    text = _decode(source, data)
    if isinstance(text, Failure):
        return text
    return check_text(Article(id=article_id, text=text, source=source))


def check_text(article: Article) -> Article | Failure:
    """The article, or a failure if its text is empty or too large to analyse."""
    if not article.text.strip():
        return Failure(article.source, "empty", "empty text")
    if len(article.text) > MAX_TEXT_CHARS:
        return Failure(
            article.source, "too-large", f"text has {len(article.text):,} characters (limit {MAX_TEXT_CHARS:,})"
        )
    return article


def _jsonl(source: str, data: bytes) -> Iterator[Article | Failure]:
    text = _decode(source, data)
    if isinstance(text, Failure):
        yield text
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, "bad-json", f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield Failure(where, "bad-record", "record is not a JSON object")
            continue
        body = record.get("text")
        if not isinstance(body, str):
            yield Failure(where, "no-text", "record has no 'text' string")
            continue
        article = Article(
            id=str(record.get("id", f"{Path(source).stem}:{number}")),
            text=body,
            source=where,
            url=_opt_str(record.get("url")),
            title=_opt_str(record.get("title")),
            published=_opt_str(record.get("published")),
        )
        yield check_text(article)


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) else None
