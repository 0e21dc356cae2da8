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


def read_warc(path: str, stats: WarcStats | None = None) -> Iterator[Article | Failure]:
    """Articles (or per-record failures) from a ``.warc`` / ``.warc.gz`` file, in order."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stats = stats if stats is not None else WarcStats()
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    stats.skip(record.rec_type or "unknown")
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    stats.skip("non-html response")
                    continue
                body = record.content_stream().read(MAX_HTML_BYTES + 1)  # read before asking the offset
                where = f"{path}@{records.get_record_offset()}"
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
