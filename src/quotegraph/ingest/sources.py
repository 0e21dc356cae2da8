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
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from quotegraph.ingest.html import article_from_html
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


def cap_length(item: Article | Failure, max_chars: int = MAX_TEXT_CHARS) -> Article | Failure:
    """The item, or a ``too-large`` failure for an article longer than ``max_chars``."""
    if isinstance(item, Article) and len(item.text) > max_chars:
        return Failure(item.source, "too-large", f"text has {len(item.text):,} characters (limit {max_chars:,})")
    return item


def _expand(path: str) -> Iterator[Article | Failure]:
    if path == "-":
        yield from _read_bytes("<stdin>", "stdin", sys.stdin.buffer.read())
        return
    file = Path(path)
    if file.is_dir():
        children = sorted(p for p in file.rglob("*") if p.is_file() and _suffix(p) in _KNOWN)
        if not children:
            yield Failure(path, "no-inputs", f"directory holds no readable files ({', '.join(_KNOWN)})")
        for child in children:
            yield from _read_file(child)
        return
    yield from _read_file(file)


MAX_FILE_BYTES = 50_000_000  # no article file is larger; a gzip bomb stops here


def _read_capped(file: Path, gzipped: bool) -> bytes:
    """The file's bytes (decompressed), never more than :data:`MAX_FILE_BYTES`."""
    with gzip.open(file, "rb") if gzipped else open(file, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES:,} bytes")
    return bytes(data)


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
        data = _read_capped(file, suffix.endswith(".gz"))
    except (OSError, EOFError, zlib.error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        yield Failure(source, "unreadable", f"cannot read file: {reason}")
        return
    stem = file.name.split(".")[0]
    if suffix in _HTML_SUFFIXES:
        yield article_from_html(data, source, article_id=stem)
    elif suffix in _JSONL_SUFFIXES:
        yield from _jsonl(source, data)
    else:
        yield from _read_bytes(source, stem, data)


def _read_bytes(source: str, article_id: str, data: bytes) -> Iterator[Article | Failure]:
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _jsonl(source, data)
    elif head == b"<" and re.search(rb"<(html|body|p|div)\b", data[:4096], re.IGNORECASE):
        yield article_from_html(data, source, article_id=article_id)
    else:
        yield _text_article(source, article_id, data)


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


def _jsonl(source: str, data: bytes) -> Iterator[Article | Failure]:
    """One record per ``\n``-terminated line (not ``str.splitlines``, which also breaks on
    U+2028 inside JSON strings), each decoded on its own so one bad byte loses one record."""
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        where = f"{source}:{number}"
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
        published=_opt_str(record.get("published")) or article.published,
    )


def _opt_str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


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
