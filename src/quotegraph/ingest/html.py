"""HTML pages -> articles: trafilatura extracts the main text and its metadata.

trafilatura 2.3 is the best main-text extractor on the Zyte article-extraction benchmark
(F1 0.960 on ../shared/data/aeb); we call it and write nothing that it does. The extracted text
is the article text: offsets index into it.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

from quotegraph.types import Article, Failure

MAX_HTML_BYTES = 20_000_000
_HTML_TAG = re.compile(rb"<(html|body|p|div)\b", re.IGNORECASE)


def looks_like_html(data: bytes | str) -> bool:
    """Whether a document given without a file name (stdin, a string) is an HTML page: it opens
    with ``<`` and has an ``html``, ``body``, ``p`` or ``div`` tag in its first 4 KB."""
    head = data[:4096].encode("utf-8", "replace") if isinstance(data, str) else data[:4096]
    return head.lstrip()[:1] == b"<" and _HTML_TAG.search(head) is not None


def _decode(data: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(data))


def article_from_html(data: bytes | str, source: str, *, article_id: str, url: str | None = None) -> Article | Failure:
    """The article in an HTML page, or a failure saying why there is none."""
    if isinstance(data, bytes):
        if len(data) > MAX_HTML_BYTES:
            return Failure(source, "too-large", f"HTML page of {len(data):,} bytes (limit {MAX_HTML_BYTES:,})")
        if b"\x00" in data[:4096]:
            return Failure(source, "binary", "not an HTML page (binary data)")
        html = _decode(data)
    else:
        html = data
    if not html.strip():
        return Failure(source, "empty", "empty HTML page")
    document = _extract(html, url)
    if isinstance(document, Failure):
        return Failure(source, document.code, document.detail)
    text = document.get("text") or ""
    if not text.strip():
        return Failure(source, "no-text", "no article text found in the HTML page")
    return Article(
        id=article_id,
        text=text,
        source=source,
        url=url or document.get("url"),
        title=document.get("title"),
        published=document.get("date"),
    )


def _extract(html: str, url: str | None) -> dict[str, Any] | Failure:
    import trafilatura

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    except Exception as exc:  # the parser boundary: lxml/trafilatura on hostile markup (even AssertionError)
        return Failure("", "bad-html", f"HTML could not be parsed ({type(exc).__name__})")
    if document is None:
        return Failure("", "no-text", "no article text found in the HTML page")
    result: dict[str, Any] = document if isinstance(document, dict) else document.as_dict()
    return result
