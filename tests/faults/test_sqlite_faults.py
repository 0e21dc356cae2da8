"""SQLite under fire while ``quotegraph ingest`` runs: another writer holding the lock, a full disk.

The contract: the ingest waits (SQLite's 30 s busy timeout) or fails with one clear line; it never
corrupts the file; what it committed stays; a re-run once the trouble is gone ends with exactly
the rows of an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quotegraph.store import Store

from .helpers import (
    Rows,
    articles_file,
    clean_run,
    cli,
    compare,
    has_open,
    kill_group,
    log_text,
    partial_problems,
    resize,
    run,
    sqlite_count,
    sqlite_dump,
    sqlite_ok,
    start,
    tail,
    tmpfs,
    wait_for,
)

SUMMARY = re.compile(r"(\d+) new articles, (\d+) already stored, (\d+) skipped, (\d+) failed")


def ingest_argv(corpus: Path, db: Path) -> list[str]:
    return cli("ingest", str(corpus), "--db", str(db), "--workers", "1", "--model", "sm")


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("quotegraph: error:")]


def assert_one_clear_line(output: str, *words: str) -> None:
    """No traceback; exactly one ``quotegraph: error:`` line, naming ``words``."""
    assert "Traceback" not in output, tail(output)
    lines = error_lines(output)
    assert len(lines) == 1, tail(output)
    for word in words:
        assert word in lines[0], lines[0]


def resumed(corpus: Path, db: Path, before: int, clean: Rows) -> None:
    """Run the ingest again: it completes, keeps the ``before`` articles already stored, and the
    database then holds exactly the rows of a clean run."""
    again = run(ingest_argv(corpus, db))
    assert again.returncode == 0, tail(again.stderr)
    summary = SUMMARY.search(again.stderr)
    assert summary is not None, tail(again.stderr)
    new, existing, skipped, failed = map(int, summary.groups())
    assert (existing, new + existing, skipped, failed) == (before, len(clean["articles"]), 0, 0)
    sqlite_ok(db)
    assert compare(sqlite_dump(db), clean) == []


# --- another writer holds the lock -------------------------------------------------------------------


@contextlib.contextmanager
def write_lock(db: Path) -> Iterator[sqlite3.Connection]:
    """Hold SQLite's write lock on ``db`` (``BEGIN IMMEDIATE``) from a connection of our own."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=60)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield conn
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        conn.close()


def test_ingest_waits_for_a_short_lock_then_completes(corpus: Path, clean_rows: Rows, tmp_path: Path) -> None:
    db = tmp_path / "locked.db"
    Store(str(db)).close()  # the schema exists; the ingest must take the lock to write anything
    log = tmp_path / "ingest.log"
    with write_lock(db):
        proc = start(ingest_argv(corpus, db), log)
        try:  # the ingest opens the database first thing, then waits for the lock to migrate
            assert wait_for(lambda: has_open(proc.pid, db), 60), tail(log_text(log))
            time.sleep(2)
            assert proc.poll() is None, f"the ingest did not wait for the lock:\n{tail(log_text(log))}"
            assert sqlite_count(db) == 0
        except BaseException:
            kill_group(proc)
            raise
    try:
        assert proc.wait(timeout=120) == 0, tail(log_text(log))
    finally:
        kill_group(proc)
    sqlite_ok(db)
    assert compare(sqlite_dump(db), clean_rows) == []


@dataclass
class LockedRun:
    db: Path
    corpus: Path
    clean: Rows
    code: int | None
    output: str
    committed: int


@pytest.fixture(scope="module")
def locked_run(tmp_path_factory: pytest.TempPathFactory) -> LockedRun:
    """An ingest of 120 articles whose write lock another connection takes after a few articles
    and keeps for 60 s, past the ingest's 30 s busy timeout."""
    tmp = tmp_path_factory.mktemp("locked")
    corpus = articles_file(tmp / "articles.jsonl", 120)
    clean = clean_run(corpus, tmp / "clean.db")
    db, log = tmp / "locked.db", tmp / "ingest.log"
    proc = start(ingest_argv(corpus, db), log)
    try:
        assert wait_for(lambda: sqlite_count(db) >= 3, 120, every=0.01), tail(log_text(log))
        with write_lock(db):
            committed = sqlite_count(db)
            assert committed < 120, "the ingest finished before the lock was taken"
            try:
                code: int | None = proc.wait(timeout=60)
            except Exception:
                code = None
            stored = sqlite_count(db)
    finally:
        kill_group(proc)
    assert stored == committed, "rows appeared while another writer held the lock"
    return LockedRun(db, corpus, clean, code, log_text(log), committed)


@pytest.mark.slow
def test_a_lock_held_past_the_busy_timeout_is_one_clear_line(locked_run: LockedRun) -> None:
    """Until 41c0142 a traceback (sqlite3.OperationalError from BEGIN IMMEDIATE on the raw connection)."""
    assert locked_run.code == 2, tail(locked_run.output)
    assert_one_clear_line(locked_run.output, str(locked_run.db), "locked")


@pytest.mark.slow
def test_a_lock_held_past_the_busy_timeout_loses_nothing_and_resumes(locked_run: LockedRun) -> None:
    assert locked_run.code not in (0, None), "the ingest neither waited nor failed: " + tail(locked_run.output)
    sqlite_ok(locked_run.db)
    assert sqlite_count(locked_run.db) == locked_run.committed
    resumed(locked_run.corpus, locked_run.db, locked_run.committed, locked_run.clean)


# --- the disk fills up ---------------------------------------------------------------------------------


@dataclass
class FullRun:
    db: Path
    mount: Path
    code: int
    output: str
    committed: int


@pytest.fixture(scope="module")
def full_disk_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FullRun]:
    """The 40 articles ingested into a database on a 1 MB tmpfs: the WAL fills it part way through."""
    mount = tmp_path_factory.mktemp("disk") / "tiny"
    with tmpfs(mount, "1m"):
        db = mount / "quotes.db"
        done = run(ingest_argv(corpus, db))
        yield FullRun(db, mount, done.returncode, done.stdout + done.stderr, sqlite_count(db))


def test_a_full_disk_stops_the_ingest(full_disk_run: FullRun) -> None:
    assert full_disk_run.code != 0, "the ingest fit on 1 MB: nothing was tested"
    assert "disk is full" in full_disk_run.output, tail(full_disk_run.output)
    assert 0 < full_disk_run.committed < 40


def test_a_full_disk_is_one_clear_line(full_disk_run: FullRun) -> None:
    """Until 41c0142 a traceback (sqlite3.OperationalError from COMMIT on the raw connection)."""
    assert full_disk_run.code == 2
    assert_one_clear_line(full_disk_run.output, str(full_disk_run.db), "full")


def test_after_a_full_disk_the_database_is_sound_and_the_ingest_resumes(
    full_disk_run: FullRun, corpus: Path, clean_rows: Rows
) -> None:
    db = full_disk_run.db
    sqlite_ok(db)
    stored = sqlite_dump(db)
    assert len(stored["articles"]) == full_disk_run.committed
    # every article committed is whole: its rows are a clean run's rows
    assert partial_problems(stored, clean_rows) == []
    resize(full_disk_run.mount, "64m")  # space freed
    resumed(corpus, db, full_disk_run.committed, clean_rows)


def test_no_space_at_all_is_one_clear_line(corpus: Path, tmp_path: Path) -> None:
    """A disk already full when the ingest starts: it stops before analysing anything."""
    with tmpfs(tmp_path / "tiny", "1m") as mount:
        filler = mount / "filler"
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * 65536)
        done = run(ingest_argv(corpus, mount / "quotes.db"))
        assert done.returncode == 2, tail(done.stderr)
        assert_one_clear_line(done.stderr, str(mount / "quotes.db"))
