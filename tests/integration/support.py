"""Helpers shared by the integration tests: shared data paths, CLI subprocesses, database dumps."""

from __future__ import annotations

import contextlib
import os
import re
import reprlib
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = REPO_ROOT / ".." / "shared"
PG_ENV = "QUOTEGRAPH_TEST_PG"
Dump = tuple[dict[str, int], dict[str, Any]]  # row counts, content
Fingerprint = tuple[tuple[str, int, int], ...]

SEED = ("seed", "article.txt")
AEB_HTML = ("data", "aeb", "html")
AEB_TRUTH = ("data", "aeb", "ground-truth.json")
AEB_WARC = ("data", "warc", "aeb-news.warc.gz")
INGEST_SUMMARY = re.compile(r"(\d+) new articles, (\d+) already stored, (\d+) skipped, (\d+) failed")
CLIPPED_WARC = ("data", "warc", "resiliparse-clipped.warc.gz")
EXAMPLE_WARC = ("data", "warc", "warcio-example.warc.gz")

# Every table of the migrations, as the store must leave them.
TABLES = (
    "article_sources",
    "aliases",
    "articles",
    "entities",
    "entity_roles",
    "event_participants",
    "events",
    "mentions",
    "quote_about",
    "quote_sources",
    "quote_speakers",
    "quotes",
    "relations",
    "schema_migrations",
)


def src_fingerprint() -> Fingerprint:
    """Path, size and mtime of every file under src/: tells whether the code changed during a test
    that compares runs made at different times (an editable install reads src/ at each start)."""
    files = sorted(
        p for p in (REPO_ROOT / "src" / "quotegraph").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def changed_files(before: Fingerprint) -> list[str]:
    """Files under src/quotegraph added, removed or modified since ``before`` was taken."""
    after = src_fingerprint()
    return sorted({entry[0] for entry in set(before) ^ set(after)})


def shared_path(*parts: str) -> Path:
    """A path under ../shared (read-only data); skips the test with a clear message if absent."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found: {path.resolve()} (expected ../shared next to the repo root)")
    return path


# --- the command line in a subprocess ----------------------------------------------------------


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotegraph.cli", *args]


def start_cli(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    """``quotegraph ARGS`` in its own session (so the whole process group can be killed), stderr
    and stdout to ``log`` (a file, never a pipe nobody reads)."""
    handle = log.open("ab")
    try:
        return subprocess.Popen(
            cli_command(*args),
            cwd=REPO_ROOT,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    finally:
        handle.close()


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process and every worker it started, then reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def log_tail(log: Path, chars: int = 3000) -> str:
    text = log.read_text("utf-8", errors="replace") if log.exists() else ""
    return text[-chars:]


def wait_until(
    proc: subprocess.Popen[bytes],
    ready: Callable[[], bool],
    log: Path,
    *,
    timeout: float = 300.0,
    every: float = 0.05,
) -> None:
    """Poll ``ready`` until true; fails (showing the end of ``log``) if the process ends first or
    the time runs out."""
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            pytest.fail(
                f"the ingest process ended (exit {proc.returncode}) before the kill point was reached:\n{log_tail(log)}"
            )
        if time.monotonic() > deadline:
            kill_group(proc)
            pytest.fail(f"kill point not reached in {timeout:.0f}s:\n{log_tail(log)}")
        time.sleep(every)


def sqlite_article_count(path: Path) -> int:
    """Articles committed so far, read with a fresh connection (0 before the schema exists)."""
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # no such table yet, or locked for a moment
        return 0


# --- dumping a store's content, independent of row ids --------------------------------------


def table_names(conn: Any, dialect: str) -> set[str]:
    """User tables (SQLite: without the FTS5 index tables, whose layout depends on merges)."""
    if dialect == "sqlite":
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {r[0] for r in rows if not r[0].startswith(("sqlite_", "quotes_fts"))}
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    ).fetchall()
    return {r[0] for r in rows}


def row_counts(conn: Any, dialect: str) -> dict[str, int]:
    return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in sorted(table_names(conn, dialect))}


def _rows(conn: Any, sql: str) -> list[tuple[Any, ...]]:
    return sorted((tuple(r) for r in conn.execute(sql).fetchall()), key=repr)


def content(conn: Any) -> dict[str, Any]:
    """Everything stored, keyed by content keys instead of row ids (which differ between runs)."""
    return {
        "schema_migrations": _rows(conn, "SELECT version, name FROM schema_migrations"),
        "articles": _rows(
            conn,
            "SELECT content_key, title, url, text, published, language, pipeline_version, model FROM articles",
        ),
        "article_sources": _rows(
            conn,
            "SELECT a.content_key, s.source, s.url FROM article_sources s JOIN articles a ON a.id = s.article_id",
        ),
        "entities": _rows(conn, "SELECT entity_key, name, label, gender, name_key, homonym FROM entities"),
        "entity_roles": _rows(
            conn,
            "SELECT e.entity_key, a.content_key, r.role FROM entity_roles r JOIN entities e ON e.id = r.entity_id"
            " JOIN articles a ON a.id = r.article_id",
        ),
        "aliases": _rows(conn, "SELECT e.entity_key, x.alias FROM aliases x JOIN entities e ON e.id = x.entity_id"),
        "mentions": _rows(
            conn,
            "SELECT a.content_key, e.entity_key, m.start_char, m.end_char, m.text FROM mentions m"
            " JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id",
        ),
        "quotes": _rows(conn, "SELECT quote_key, text, kind, speaker, first_published FROM quotes"),
        "quote_sources": _rows(
            conn,
            "SELECT q.quote_key, a.content_key, s.start_char, s.end_char, s.cue, s.speaker_start, s.speaker_end"
            " FROM quote_sources s JOIN quotes q ON q.id = s.quote_id JOIN articles a ON a.id = s.article_id",
        ),
        "quote_speakers": _rows(
            conn,
            "SELECT q.quote_key, e.entity_key FROM quote_speakers x"
            " JOIN quotes q ON q.id = x.quote_id JOIN entities e ON e.id = x.entity_id",
        ),
        "quote_about": _rows(
            conn,
            "SELECT q.quote_key, e.entity_key FROM quote_about x"
            " JOIN quotes q ON q.id = x.quote_id JOIN entities e ON e.id = x.entity_id",
        ),
        "relations": _rows(
            conn,
            "SELECT a.content_key, h.entity_key, r.relation, t.entity_key, r.detail, r.start_char, r.end_char,"
            " r.confidence FROM relations r JOIN articles a ON a.id = r.article_id"
            " JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id",
        ),
        "events": _rows(
            conn,
            "SELECT a.content_key, v.type, v.detail, v.occurred, v.start_char, v.end_char FROM events v"
            " JOIN articles a ON a.id = v.article_id",
        ),
        "event_participants": _rows(
            conn,
            "SELECT a.content_key, v.type, v.start_char, v.end_char, e.entity_key FROM event_participants p"
            " JOIN events v ON v.id = p.event_id JOIN articles a ON a.id = v.article_id"
            " JOIN entities e ON e.id = p.entity_id",
        ),
    }


def sqlite_dump(path: Path) -> Dump:
    conn = sqlite3.connect(path)
    try:
        return row_counts(conn, "sqlite"), content(conn)
    finally:
        conn.close()


def pg_dump(url: str) -> Dump:
    import psycopg

    with psycopg.connect(url) as conn:
        return row_counts(conn, "postgresql"), content(conn)


def assert_same_store(got: Dump, want: Dump, code: Fingerprint | None = None) -> None:
    """Equal row counts for every table and equal content. ``code``: :func:`src_fingerprint` from
    before the runs compared; if they differ and src/ changed since, the message says so (the
    runs may then have analysed with different code)."""
    try:
        _assert_same_store(got, want)
    except AssertionError as exc:
        changed = changed_files(code) if code is not None else []
        if changed:
            raise AssertionError(f"{exc}\n-- src/ changed during the runs; rerun. Changed: {changed}") from exc
        raise


def _assert_same_store(got: Dump, want: Dump) -> None:
    got_counts, got_content = got
    want_counts, want_content = want
    differ = {
        t: (got_counts.get(t), want_counts.get(t))
        for t in want_counts.keys() | got_counts.keys()
        if got_counts.get(t) != want_counts.get(t)
    }
    assert not differ, f"row counts (got, want) differ: {differ}"
    for table in want_content:
        missing = [_short(r) for r in sorted(set(want_content[table]) - set(got_content[table]), key=repr)[:3]]
        extra = [_short(r) for r in sorted(set(got_content[table]) - set(want_content[table]), key=repr)[:3]]
        assert not missing and not extra, f"{table}: missing {missing}, extra {extra}"
        assert got_content[table] == want_content[table], f"{table}: same rows, different multiplicities"


def _short(row: tuple[Any, ...]) -> str:
    return reprlib.repr(tuple(v[:80] + "…" if isinstance(v, str) and len(v) > 80 else v for v in row))


def kill_three_times_then_resume(tmp_path: Path, clean: str, killed: str, articles: Callable[[str], int]) -> None:
    """The store must-show on the aeb WARC (171 English pages): ingest into ``killed``, kill -9 it
    at 10, 40 and 90 stored articles, resume; meanwhile a clean run fills ``clean``. Checks the
    resumed run's report; the caller compares the two stores."""
    warc = str(shared_path(*AEB_WARC))

    def args(db: str) -> list[str]:
        return ["ingest", warc, "--db", db, "--workers", "1", "--model", "sm"]

    # the clean run goes on beside the killed ones (one core each)
    clean_run = start_cli(args(clean), tmp_path / "clean.log")
    try:
        seen = []
        for point in (10, 40, 90):
            proc = start_cli(args(killed), tmp_path / "killed.log")
            wait_until(proc, lambda point=point: articles(killed) >= point, tmp_path / "killed.log")
            kill_group(proc)
            assert proc.returncode == -9
            seen.append(articles(killed))
            assert seen[-1] >= point
        assert seen == sorted(seen)
        before = seen[-1]
        assert before < 171, "the run ended before the last kill point; nothing left to resume"

        final = start_cli(args(killed), tmp_path / "final.log")
        assert final.wait(timeout=300) == 0, log_tail(tmp_path / "final.log")
        assert clean_run.wait(timeout=300) == 0, log_tail(tmp_path / "clean.log")
    finally:
        kill_group(clean_run)

    summary = INGEST_SUMMARY.search(log_tail(tmp_path / "final.log"))
    assert summary is not None
    new, existing, skipped, failed = map(int, summary.groups())
    assert existing == before
    assert new + existing == articles(clean) == 171
    assert (skipped, failed) == (10, 0)
