"""Test data for the web tests: where the inputs are, how databases are built, a hostile article.

``hostile_analysis`` is a hand-made article whose text, title, URL and quote carry markup and
script, written without running the model.
"""

from __future__ import annotations

import sqlite3
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quotegraph import __version__
from quotegraph.batch.local import ingest
from quotegraph.store import Store
from quotegraph.types import Analysis, Article, Entity, Mention, Quote

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "article.txt"
AEB_HTML = SHARED / "data" / "aeb" / "html"
SAMPLES = REPO / "samples"
TOKEN = "test-token-0123456789abcdef"

HOSTILE_TITLE = "<script>alert('title')</script> Hostile headline"
HOSTILE_QUOTE = "“We never wrote <b>that</b> <script>alert(1)</script> <img src=x onerror=alert(2)>,”"
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n\n"
    "Reporters found <script>alert(3)</script> in the page.\n\n"
    f"{HOSTILE_QUOTE} Eve Mallory said on Monday.\n"
)
HOSTILE_SPEAKER = "Eve Mallory"


def client_class() -> type[TestClient]:
    """Starlette's TestClient, without its warning that it prefers the httpx2 fork (httpx works)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient

    return TestClient


def build_db(path: Path | str, inputs: list[Path], workers: int = 1) -> None:
    """Ingest ``inputs`` with the small model into a SQLite file (or a PostgreSQL URL)."""
    missing = [p for p in inputs if not p.exists()]
    if missing:
        pytest.skip(f"test data not found: {', '.join(str(p.resolve()) for p in missing)}")
    with Store(str(path)) as store:
        report = ingest([str(p) for p in inputs], store, model="sm", workers=workers)
    assert report.failed == 0, report.failures


def hostile_analysis() -> Analysis:
    """An article whose text, title, URL and quote hold markup, with offsets computed by hand."""
    text = HOSTILE_TEXT
    start = text.index(HOSTILE_QUOTE)
    end = start + len(HOSTILE_QUOTE)
    who = text.index(HOSTILE_SPEAKER, end)
    cue = text.index("said", who)
    article = Article(
        id="hostile", text=text, source="hostile", url="javascript:alert(4)", title=HOSTILE_TITLE, language="en"
    )
    quote = Quote(
        start=start, end=end, text=HOSTILE_QUOTE, kind="direct", cue="said", speaker=HOSTILE_SPEAKER,
        speakers=(HOSTILE_SPEAKER,), speaker_start=who, speaker_end=who + len(HOSTILE_SPEAKER),
        cue_start=cue, cue_end=cue + 4,
    )  # fmt: skip
    entity = Entity(HOSTILE_SPEAKER, "PERSON", (Mention(who, who + len(HOSTILE_SPEAKER), HOSTILE_SPEAKER),), "f")
    return Analysis(article=article, quotes=(quote,), entities=(entity,), version=__version__, model="hand-made")


def add_hostile(path: Path | str) -> int:
    """Write the hostile article into the database at ``path``; its article id."""
    analysis = hostile_analysis()
    with Store(str(path)) as store:
        store.write(analysis)
        row = store.db.one("SELECT id FROM articles WHERE title = ?", (HOSTILE_TITLE,))
    assert row is not None
    return int(row[0])


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite database (WAL included) through the backup API."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the page's text, for assertions."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **where: str) -> list[dict[str, str]]:
        """Elements of ``tag`` whose attributes contain each given value (``class_`` for class)."""
        found = []
        for name, attrs in self.tags:
            if name != tag:
                continue
            if all(value in attrs.get(key.rstrip("_"), "").split() for key, value in where.items()):
                found.append(attrs)
        return found
