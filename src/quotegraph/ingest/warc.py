"""WARC archives -> articles, streamed record by record with warcio (constant memory).

Only ``response`` records with an HTML body are articles; every other record is counted as
skipped. A broken record (truncated gzip member, bad headers) ends the archive with one
failure naming the file and the byte offset, never a crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from quotegraph.ingest.html import MAX_HTML_BYTES, article_from_html
from quotegraph.types import Article, Failure


@dataclass(slots=True)
class WarcStats:
    """Records seen in one archive, by what became of them."""

    articles: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, why: str) -> None:
        self.skipped[why] = self.skipped.get(why, 0) + 1


def warc_shards(path: str, shard_bytes: int) -> list[tuple[int, int | None]]:
    """Byte ranges ``[start, end)`` of about ``shard_bytes`` each that cut ``path`` only between
    records (a ``.warc.gz`` is a series of gzip members, one per record, so a reader may start at
    any record's offset). One pass of warcio over the archive, no parsing: a 1 GB archive is
    indexed in seconds, then analysed by as many tasks as it has shards."""
    from warcio.archiveiterator import ArchiveIterator

    cuts = [0]
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        for _ in records:
            offset = records.get_record_offset()
            if offset - cuts[-1] >= shard_bytes:
                cuts.append(offset)
    return [(start, end) for start, end in zip(cuts, [*cuts[1:], None], strict=True)]


def read_warc(
    path: str, stats: WarcStats | None = None, start: int = 0, end: int | None = None
) -> Iterator[Article | Failure]:
    """Articles (or per-record failures) from a ``.warc`` / ``.warc.gz`` file, in order; only the
    records that begin in ``[start, end)`` when a byte range (from :func:`warc_shards`) is given."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stats = stats if stats is not None else WarcStats()
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:  # missing or unreadable: said as for any other file, not "corrupt"
        yield Failure(path, "unreadable", f"cannot read file: {exc.strerror or exc}")
        return
    try:
        with stream:
            stream.seek(start)
            records = ArchiveIterator(stream)
            for record in records:
                # warcio reads a record's body lazily: ask its offset only once the body is read
                headers = record.http_headers
                content_type = (headers.get_header("Content-Type") or "").lower() if headers else ""
                if record.rec_type != "response" or record.http_headers is None or "html" not in content_type:
                    if end is not None and records.get_record_offset() >= end:
                        break
                    stats.skip(record.rec_type or "unknown" if record.rec_type != "response" else "non-html response")
                    continue
                body = record.content_stream().read(MAX_HTML_BYTES + 1)
                offset = records.get_record_offset()
                if end is not None and offset >= end:
                    break
                where = f"{path}@{offset}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                missing = getattr(record.raw_stream, "limit", 0)
                if len(body) <= MAX_HTML_BYTES and missing > 0:
                    stats.skip("truncated")
                    yield Failure(where, "truncated", f"WARC record is truncated ({missing:,} bytes missing)")
                    continue
                stats.articles += 1
                yield article_from_html(body, where, article_id=url or where, url=url)
    except ArchiveLoadFailed as exc:
        yield Failure(path, "bad-warc", f"not a readable WARC archive ({str(exc).splitlines()[0][:120]})")
    except (OSError, EOFError, ValueError, AttributeError, TypeError) as exc:  # warcio on damaged headers
        yield Failure(path, "bad-warc", f"archive is truncated or corrupt ({type(exc).__name__}: {exc})"[:200])
