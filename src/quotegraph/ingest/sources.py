"""Read articles from paths: text, JSONL, HTML, WARC, gzip, directories and stdin.

Every problem becomes a :class:`~quotegraph.types.Failure` naming the input (file, line or
WARC offset) and the reason; reading goes on with the next record. Articles not in English and
repeats of an article already read in this run are skipped with a reason (codes in
:data:`SKIP_CODES`), not analysed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Protocol

from quotegraph.ingest.html import article_from_html, looks_like_html
from quotegraph.ingest.language import detect_language
from quotegraph.ingest.warc import read_warc
from quotegraph.types import Article, Failure

MAX_TEXT_CHARS = 1_000_000  # spaCy's own default max_length
SKIP_CODES = frozenset({"not-english", "duplicate"})
_HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz")
_TEXT_SUFFIXES = (".txt", ".text", ".txt.gz")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
_KNOWN = _HTML_SUFFIXES + _WARC_SUFFIXES + _TEXT_SUFFIXES + _JSONL_SUFFIXES


def read_inputs(
    paths: Iterable[str],
    seen: DuplicateIndex | None = None,
    *,
    dedupe: bool = True,
    max_chars: int = MAX_TEXT_CHARS,
) -> Iterator[Article | Failure]:
    """Articles (or failures) from each path in order; ``-`` reads stdin. Articles longer than
    ``max_chars`` fail with ``too-large``; with ``dedupe``, repeats of an article already read
    are skipped (and noted in ``seen``)."""
    seen = seen if seen is not None else DuplicateIndex()
    for path in paths:
        for item in _expand(path):
            item = _english(cap_length(item, max_chars))
            yield seen.check(item) if dedupe else item


def read_warc_shard(
    path: str, start: int, end: int | None, *, max_chars: int = MAX_TEXT_CHARS
) -> Iterator[Article | Failure]:
    """The articles of one byte range of a WARC archive (``warc_shards``), checked as
    :func:`read_inputs` checks every article (length, language); no de-duplication."""
    for item in read_warc(path, start=start, end=end):
        yield _english(cap_length(item, max_chars))


def cap_length(item: Article | Failure, max_chars: int = MAX_TEXT_CHARS) -> Article | Failure:
    """The item, or a ``too-large`` failure for an article longer than ``max_chars``."""
    if isinstance(item, Article) and len(item.text) > max_chars:
        return Failure(item.source, "too-large", f"text has {len(item.text):,} characters (limit {max_chars:,})")
    return item


def _expand(path: str) -> Iterator[Article | Failure]:
    if path == "-":
        yield from _read_stream("<stdin>", "stdin", sys.stdin.buffer, None)
        return
    file = Path(path)
    if file.is_dir():
        children, unreadable = _walk(file)
        for folder, reason in unreadable:
            yield Failure(folder, "unreadable", f"cannot read directory: {reason}")
        if not children and not unreadable:
            yield Failure(path, "no-inputs", f"directory holds no readable files ({', '.join(_KNOWN)})")
        for child in children:
            yield from _read_file(child)
        return
    yield from _read_file(file)


def _walk(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files under ``folder`` with a known suffix, sorted, and the subdirectories that could
    not be listed (``Path.rglob`` skips those silently, losing their files without a word)."""
    unreadable: list[tuple[str, str]] = []

    def failed(exc: OSError) -> None:
        unreadable.append((str(exc.filename or folder), exc.strerror or str(exc)))

    found = [
        Path(root) / name
        for root, _, names in os.walk(folder, onerror=failed)
        for name in names
        if (Path(root) / name).is_file() and _suffix(Path(root) / name) in _KNOWN
    ]
    return sorted(found), unreadable


MAX_FILE_BYTES = 50_000_000  # a single-document file (text, HTML; stdin holding one): a gzip bomb stops here
MAX_RECORD_BYTES = 50_000_000  # one JSONL line; a JSONL file itself is streamed and may be any size
_SKIP_CHUNK = 1 << 20
_SNIFF = 4096


class _Readable(Protocol):
    """A binary file, plain or gzip (``sys.stdin.buffer`` too)."""

    def read(self, size: int = -1, /) -> bytes: ...

    def readline(self, size: int = -1, /) -> bytes: ...


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(_KNOWN, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _read_file(file: Path) -> Iterator[Article | Failure]:
    source = str(file)
    suffix = _suffix(file)
    if suffix in _WARC_SUFFIXES:
        yield from read_warc(source)
        return
    if suffix not in _KNOWN and suffix != "":
        yield Failure(source, "unsupported", f"unsupported file type {suffix!r} (expected {', '.join(_KNOWN)})")
        return
    try:
        with gzip.open(file, "rb") if suffix.endswith(".gz") else open(file, "rb") as handle:
            yield from _read_stream(source, file.name.split(".")[0], handle, suffix)
    except (OSError, EOFError, zlib.error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        yield Failure(source, "unreadable", f"cannot read file: {reason}")


def _read_stream(source: str, article_id: str, handle: _Readable, kind: str | None) -> Iterator[Article | Failure]:
    """JSONL (by suffix, or by its first 4 KB opening with ``{``) streamed record by record;
    anything else is one document, read whole up to :data:`MAX_FILE_BYTES`."""
    if kind in _JSONL_SUFFIXES:
        yield from _jsonl(source, _lines(handle))
        return
    prefix = b"" if kind in _HTML_SUFFIXES else handle.read(_SNIFF)
    if prefix.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        yield from _jsonl(source, _lines(handle, prefix))
        return
    data = prefix + handle.read(MAX_FILE_BYTES + 1 - len(prefix))
    if len(data) > MAX_FILE_BYTES:
        yield Failure(source, "too-large", f"larger than {MAX_FILE_BYTES:,} bytes (a single document is read whole)")
    elif kind in _HTML_SUFFIXES or looks_like_html(data):
        yield article_from_html(data, source, article_id=article_id)
    else:
        yield _text_article(source, article_id, data)


def _lines(handle: _Readable, prefix: bytes = b"") -> Iterator[bytes | None]:
    """Each line of ``prefix`` and then of ``handle``, with its ``\n`` (split on ``\n`` only, not
    ``str.splitlines``, which also breaks on U+2028 inside JSON strings); ``None`` for a line over
    :data:`MAX_RECORD_BYTES`, whose rest is skipped a megabyte at a time: memory stays bounded
    whatever the file holds."""
    *complete, rest = prefix.split(b"\n")
    yield from (line + b"\n" for line in complete)
    while line := rest + handle.readline(MAX_RECORD_BYTES + 1 - len(rest)):
        rest = b""
        if len(line.removesuffix(b"\n")) <= MAX_RECORD_BYTES:
            yield line
            continue
        while not line.endswith(b"\n") and (line := handle.readline(_SKIP_CHUNK)):
            pass
        yield None


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
    return check_text(Article(id=article_id, text=text, source=source, title=_headline(text)))


def _headline(text: str) -> str | None:
    """The first line of a plain-text article when it reads as a headline (short, no final stop)."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 200 and not first.endswith((".", ":", ",")) else None


def check_text(article: Article) -> Article | Failure:
    """The article, or a failure if its text is empty or holds NUL characters."""
    if not article.text.strip():
        return Failure(article.source, "empty", "empty text")
    if "\x00" in article.text:
        return Failure(article.source, "binary", "text contains NUL characters")
    try:
        article.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return Failure(article.source, "encoding", f"text holds an invalid character (lone surrogate at {exc.start})")
    return article


def _jsonl(source: str, lines: Iterable[bytes | None]) -> Iterator[Article | Failure]:
    """One record per line, each decoded on its own so one bad byte (or one over-long line) loses
    one record, named ``file:line``."""
    for number, raw in enumerate(lines, 1):
        where = f"{source}:{number}"
        if raw is None:
            yield Failure(where, "too-large", f"record is longer than {MAX_RECORD_BYTES:,} bytes; skipped")
            continue
        if not raw.strip():
            continue
        line = _decode(where, raw.removeprefix(b"\xef\xbb\xbf") if number == 1 else raw)
        if isinstance(line, Failure):
            yield line
            continue
        yield _record(where, f"{Path(source).stem}:{number}", line)


def _record(where: str, default_id: str, line: str) -> Article | Failure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(where, "bad-json", f"not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return Failure(where, "bad-record", "record is not a JSON object")
    url = _opt_str(record.get("url"))
    article_id = str(record.get("id", url or default_id))
    body, html = record.get("text"), record.get("html")
    if isinstance(body, str):
        article: Article | Failure = check_text(Article(id=article_id, text=body, source=where, url=url))
    elif isinstance(html, str):
        article = article_from_html(html, where, article_id=article_id, url=url)
    else:
        return Failure(where, "no-text", "record has no 'text' or 'html' string")
    if isinstance(article, Failure):
        return article
    return replace(
        article,
        title=_opt_str(record.get("title")) or article.title,
        published=iso_date(_opt_str(record.get("published"))) or article.published,
    )


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


_PARTIAL_ISO = re.compile(r"\d{4}(-\d{2})?")


def iso_date(value: str | None) -> str | None:
    """A record's publication date as ISO 8601: kept as given when it already is (``2024-05-01``,
    ``2024-05-01T10:00:00Z``, or partial: ``2024``, ``2024-05``), else read by htmldate, the date
    parser trafilatura uses for web pages (``May 1, 2024`` -> ``2024-05-01``); None when it is
    not a date."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _PARTIAL_ISO.fullmatch(value):
        return value
    try:
        datetime.fromisoformat(value)
        return value
    except ValueError:
        pass
    from htmldate.extractors import try_date_expr

    found = try_date_expr(value, "%Y-%m-%d", True, datetime(1800, 1, 1), datetime(2200, 1, 1))
    return str(found) if found else None


def _english(item: Article | Failure) -> Article | Failure:
    if isinstance(item, Failure):
        return item
    language = detect_language(item.text)
    if language is not None and language != "en":
        return Failure(item.source, "not-english", f"article is in {language!r}, not English; skipped")
    return replace(item, language=language or "en")


def text_key(text: str) -> str:
    """Hash of the text with case, punctuation and whitespace normalised."""
    normal = " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class DuplicateIndex:
    """Articles already read in this run, by URL and by normalised text."""

    first_source: dict[str, str] = field(default_factory=dict)
    repeats: dict[str, list[str]] = field(default_factory=dict)

    def check(self, item: Article | Failure) -> Article | Failure:
        if isinstance(item, Failure):
            return item
        keys = [f"text:{text_key(item.text)}"] + ([f"url:{item.url}"] if item.url else [])
        for key in keys:
            if key in self.first_source:
                first = self.first_source[key]
                self.repeats.setdefault(first, []).append(item.source)
                return Failure(item.source, "duplicate", f"same article as {first}; skipped")
        for key in keys:
            self.first_source[key] = item.source
        return item
