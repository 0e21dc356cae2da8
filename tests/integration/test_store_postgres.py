"""Storing real news in PostgreSQL: the SQLite checks again (consolidation, search, idempotence,
kill -9 once mid-run and three times during the WARC). Needs QUOTEGRAPH_TEST_PG (see conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from quotegraph.batch.local import IngestReport, ingest
from quotegraph.ingest.sources import text_key
from quotegraph.store import Store
from quotegraph.types import Article, Failure

from .support import (
    AEB_HTML,
    INGEST_SUMMARY,
    SEED,
    assert_same_store,
    kill_group,
    kill_three_times_then_resume,
    log_tail,
    pg_dump,
    shared_path,
    src_fingerprint,
    start_cli,
    wait_until,
)

pytestmark = pytest.mark.slow  # the small model over the aeb pages

SEED_HEADLINE = "Mila Kunis and Ashton Kutcher say they 'support victims'"
SUMMARY = INGEST_SUMMARY


def pg_article_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute("SELECT count(*) FROM articles").fetchone()
            return int(row[0]) if row else 0
    except psycopg.errors.UndefinedTable:  # before the first migration
        return 0


@dataclass(frozen=True)
class Ingested:
    url: str
    paths: list[str]
    report: IngestReport
    dump: Any
    code: Any  # src_fingerprint() when the run started


@pytest.fixture(scope="module")
def ingested(pg_factory: Callable[[], str]) -> Ingested:
    """Seed + aeb HTML directory, 2 workers, into a new database."""
    url = pg_factory()
    paths = [str(shared_path(*SEED)), str(shared_path(*AEB_HTML))]
    code = src_fingerprint()
    with Store(url) as store:
        report = ingest(paths, store, model="sm", workers=2)
    return Ingested(url, paths, report, pg_dump(url), code)


def test_each_article_is_stored_once(ingested: Ingested, aeb_html_items: list[Article | Failure]) -> None:
    paths, report, (counts, content) = ingested.paths, ingested.report, ingested.dump
    english = {text_key(i.text): i.source for i in aeb_html_items if isinstance(i, Article)}
    seed_key = text_key(shared_path(*SEED).read_text("utf-8"))
    keys = {row[0] for row in content["articles"]}
    assert keys == set(english) | {seed_key}
    assert counts["articles"] == len(english) + 1 == report.new
    sources = {(row[0], row[1]) for row in content["article_sources"]}
    assert sources == {(k, s) for k, s in english.items()} | {(seed_key, paths[0])}
    assert report.failed == 0, report.failures[:3]
    assert report.skipped == sum(isinstance(i, Failure) for i in aeb_html_items)
    assert counts["quotes"] > 0 and counts["entities"] > 0 and counts["mentions"] > 0


def test_search_finds_the_seed_quote_with_both_speakers(ingested: Ingested) -> None:
    url = ingested.url
    with Store(url) as store:
        hits = store.quotes("support victims", limit=100)
        seed_hits = [h for h in hits if h.article_title and h.article_title.startswith(SEED_HEADLINE)]
        assert seed_hits, [h.to_dict() for h in hits]
        assert {"Ashton Kutcher", "Mila Kunis"} <= {name for hit in seed_hits for name in hit.speakers}
        for hit in seed_hits:
            row = store.db.one("SELECT text FROM articles WHERE id = ?", (hit.article_id,))
            assert row is not None and row[0][hit.start : hit.end] == hit.text
        # stemming: "supporting victim" finds "support victims" (English text search configuration)
        stemmed = {h.id for h in store.quotes("supporting victim", limit=100)}
        assert {h.id for h in seed_hits} <= stemmed
        kunis = store.quotes(speaker="mila kunis", limit=100)
        assert any("We support victims" in h.text for h in kunis)
        person = store.person("Mila Kunis")
        assert person is not None and person["quotes"]


def test_a_second_identical_ingest_adds_nothing(ingested: Ingested) -> None:
    url, paths, first, dump = ingested.url, ingested.paths, ingested.report, ingested.dump
    with Store(url) as store:
        counts = store.counts()
        again = ingest(paths, store, model="sm", workers=1)
        assert (again.new, again.quotes, again.failed) == (0, 0, 0)
        assert again.existing == first.new
        assert store.counts() == counts
    assert_same_store(pg_dump(url), dump)


def test_kill_9_then_resume_equals_a_clean_run(ingested: Ingested, pg_url: str, tmp_path: Path) -> None:
    paths, first, dump = ingested.paths, ingested.report, ingested.dump
    args = ["ingest", *paths, "--db", pg_url, "--workers", "2", "--model", "sm"]
    proc = start_cli(args, tmp_path / "killed.log")
    wait_until(proc, lambda: pg_article_count(pg_url) >= 60, tmp_path / "killed.log")
    kill_group(proc)
    assert proc.returncode == -9
    before = pg_article_count(pg_url)
    assert 60 <= before < first.new, "the run ended before the kill; nothing left to resume"

    final = start_cli(args, tmp_path / "final.log")
    assert final.wait(timeout=300) == 0, log_tail(tmp_path / "final.log")
    summary = SUMMARY.search(log_tail(tmp_path / "final.log"))
    assert summary is not None
    new, existing, _, failed = map(int, summary.groups())
    assert (existing, failed) == (before, 0)
    assert new + existing == first.new
    assert_same_store(pg_dump(pg_url), dump, ingested.code)


def test_kill_9_at_three_points_of_the_warc_then_resume_equals_a_clean_run(
    pg_factory: Callable[[], str], tmp_path: Path
) -> None:
    """The SQLite test of the same name, on PostgreSQL: the issue's must-show (kill -9 during an
    ingest of the WARC three times at different points, then finish = a clean single run) holds for
    both databases."""
    code = src_fingerprint()
    clean_url, killed_url = pg_factory(), pg_factory()
    kill_three_times_then_resume(tmp_path, clean_url, killed_url, pg_article_count)
    assert_same_store(pg_dump(killed_url), pg_dump(clean_url), code)
