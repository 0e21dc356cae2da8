"""Fixtures of the Spark tests: a small WARC written here, other small inputs, Spark's prerequisites.

The pages are invented for these tests. The slow test also reads
``../shared/data/warc/warcio-example.warc.gz`` in place when it is there.
"""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_WARC = REPO_ROOT / ".." / "shared" / "data" / "warc" / "warcio-example.warc.gz"

PAGES = {
    "https://news.example.org/2024/harbour-ferry": (
        "Ferry service returns to the harbour",
        "2024-03-12",
        [
            "The harbour ferry will run again from Monday after a winter of repairs, the port authority said.",
            "“We rebuilt both engines and the passenger deck,” said Marta Okonkwo, who manages the port. "
            "“Commuters have waited long enough.”",
            "Okonkwo added that tickets would cost the same as last year.",
            "A spokesperson for the operator said the first crossing was already fully booked.",
        ],
    ),
    "https://news.example.org/2024/library-hours": (
        "Library extends its evening hours",
        "2024-04-02",
        [
            "The central library will stay open until ten on weekdays, the city council announced on Tuesday.",
            "“Students told us they had nowhere quiet to work after school,” councillor Peter Lindqvist said.",
            "He said the extra hours would be paid for by closing a little-used branch in the old market.",
            "Not everyone agreed. “That branch is the only one my mother can walk to,” said resident Ana Ruiz.",
        ],
    ),
    "https://news.example.org/2024/orchard-frost": (
        "Late frost hits the valley orchards",
        "2024-04-20",
        [
            "A late frost damaged most of the apple blossom in the valley this week.",
            "“I have farmed here for thirty years and never lost a crop this early,” "
            "grower Helen Baptiste told reporters on Friday.",
            "Baptiste said she expected to pick less than half of last year's harvest.",
            "The agriculture minister, Tomas Reyes, said relief payments would be considered.",
        ],
    ),
}


def page_html(title: str, published: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{published}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Example News</footer></body></html>"
    ).encode()


def write_warc(path: Path) -> Path:
    """A gzipped WARC of the invented pages, as a crawler would write it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, (title, published, paragraphs) in PAGES.items():
            html = page_html(title, published, paragraphs)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(html)))], "HTTP/1.1"
            )
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers)
            writer.write_record(record)
    return path


@pytest.fixture
def small_inputs(tmp_path: Path) -> list[str]:
    """A WARC, a text article, a JSONL file with one bad line, and the shared example WARC if present."""
    folder = tmp_path / "in"
    folder.mkdir()
    warc = write_warc(folder / "pages.warc.gz")
    text = folder / "council.txt"
    text.write_text(
        "Council approves new bike lanes\n\n"
        "“This is the safest way to get children to school,” said Deputy Mayor Laila Haddad on Wednesday.\n\n"
        "Haddad said work would start in June.\n",
        encoding="utf-8",
    )
    jsonl = folder / "wire.jsonl"
    jsonl.write_text(
        '{"id": "wire-1", "text": "“Prices will keep falling this summer,” economist Rui Tanaka said on Monday."}\n'
        "{not json at all\n",
        encoding="utf-8",
    )
    inputs = [str(warc), str(text), str(jsonl)]
    if EXAMPLE_WARC.is_file():
        inputs.append(str(EXAMPLE_WARC.resolve()))
    return inputs


@pytest.fixture(scope="session")
def spark_ready() -> None:
    """Skip unless pyspark and Java are installed."""
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip('pyspark is not installed: .venv/bin/pip install "pyspark>=4,<5" (or the [spark] extra)')
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("Java is not installed (Spark needs Java 17+ on PATH or JAVA_HOME)")
