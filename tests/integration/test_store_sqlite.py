"""Storing real news in SQLite: consolidation across sources, search, idempotence, kill -9."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from quotegraph.batch.local import IngestReport, ingest
from quotegraph.ingest.sources import text_key
from quotegraph.store import Store
from quotegraph.types import Article, Failure

from .support import (
    AEB_HTML,
    AEB_WARC,
    INGEST_SUMMARY,
    SEED,
    assert_same_store,
    kill_three_times_then_resume,
    shared_path,
    sqlite_article_count,
    sqlite_dump,
    src_fingerprint,
)

pytestmark = pytest.mark.slow  # the small model over the 181 aeb pages

SEED_HEADLINE = "Mila Kunis and Ashton Kutcher say they 'support victims'"
SUMMARY = INGEST_SUMMARY


def english_keys(items: list[Article | Failure]) -> dict[str, str]:
    """content key -> source of every English aeb page."""
    return {text_key(item.text): item.source for item in items if isinstance(item, Article)}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], IngestReport, Any]:
    """Seed + aeb HTML directory + aeb WARC (the same pages again), 2 workers, into a new db."""
    db = tmp_path_factory.mktemp("sqlite") / "quotes.db"
    paths = [str(shared_path(*SEED)), str(shared_path(*AEB_HTML)), str(shared_path(*AEB_WARC))]
    with Store(str(db)) as store:
        report = ingest(paths, store, model="sm", workers=2)
    return db, paths, report, sqlite_dump(db)


def test_each_article_is_stored_once_with_all_its_sources(
    ingested: tuple[Path, list[str], IngestReport, Any],
    aeb_html_items: list[Article | Failure],
    aeb_warc_items: list[Article | Failure],
) -> None:
    db, paths, report, _ = ingested
    html = english_keys(aeb_html_items)
    warc = english_keys(aeb_warc_items)
    assert set(html) == set(warc)
    seed_key = text_key(shared_path(*SEED).read_text("utf-8"))
    assert seed_key not in html

    conn = sqlite3.connect(db)
    stored = {key: aid for aid, key in conn.execute("SELECT id, content_key FROM articles")}
    assert len(stored) == len(html) + 1
    assert set(stored) == set(html) | {seed_key}
    sources: dict[str, set[str]] = {}
    for key, source in conn.execute(
        "SELECT a.content_key, s.source FROM article_sources s JOIN articles a ON a.id = s.article_id"
    ):
        sources.setdefault(key, set()).add(source)
    conn.close()
    assert sources[seed_key] == {paths[0]}
    for key, html_source in html.items():
        assert sources[key] == {html_source, warc[key]}, key
    assert report.new == len(stored)
    assert report.failed == 0, report.failures[:3]
    non_english = sum(isinstance(i, Failure) for i in aeb_html_items) + sum(
        isinstance(i, Failure) for i in aeb_warc_items
    )
    assert report.skipped == non_english
    assert report.new + report.existing == len(stored) + len(warc)


def test_search_finds_the_seed_quote_with_both_speakers(ingested: tuple[Path, list[str], IngestReport, Any]) -> None:
    db, *_ = ingested
    with Store(str(db)) as store:
        hits = store.quotes("support victims", limit=100)
        seed_hits = [h for h in hits if h.article_title and h.article_title.startswith(SEED_HEADLINE)]
        assert seed_hits, [h.to_dict() for h in hits]
        speakers = {name for hit in seed_hits for name in hit.speakers}
        assert {"Ashton Kutcher", "Mila Kunis"} <= speakers
        assert all("support" in h.text.lower() and "victims" in h.text.lower() for h in seed_hits)
        seed_id = store.db.one(
            "SELECT id FROM articles WHERE content_key = ?", (text_key(shared_path(*SEED).read_text("utf-8")),)
        )
        assert seed_id is not None
        for hit in seed_hits:
            assert hit.article_id == seed_id[0]
            assert hit.article_url is None  # a plain-text file has no URL
            assert store.db.one("SELECT text FROM articles WHERE id = ?", (hit.article_id,))[0][
                hit.start : hit.end
            ] == hit.text  # fmt: skip
        kunis = store.quotes(speaker="Mila Kunis", limit=100)
        assert any("We support victims" in h.text for h in kunis)
        assert all("Mila Kunis" in h.speakers for h in kunis)


def test_a_second_identical_ingest_adds_nothing(ingested: tuple[Path, list[str], IngestReport, Any]) -> None:
    db, paths, first, dump = ingested
    with Store(str(db)) as store:
        counts = store.counts()
        again = ingest(paths, store, model="sm", workers=1)
        assert again.new == 0
        assert again.quotes == 0
        assert again.existing == first.new + first.existing
        assert again.failed == 0
        assert store.counts() == counts
    assert_same_store(sqlite_dump(db), dump)


def test_kill_9_at_three_points_then_resume_equals_a_clean_run(tmp_path: Path) -> None:
    code = src_fingerprint()
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    kill_three_times_then_resume(tmp_path, str(clean_db), str(killed_db), lambda db: sqlite_article_count(Path(db)))

    conn = sqlite3.connect(killed_db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")  # raises if the index is off
    conn.close()
    assert_same_store(sqlite_dump(killed_db), sqlite_dump(clean_db), code)
