"""PostgreSQL under fire: the server restarted in the middle of an ingest; text PostgreSQL refuses.

All on this session's own throwaway server (see ``conftest.pg``), so stopping it disturbs no
other test. Slow: the server is created for the session (``initdb``) and each ingest loads the
small model in a child process.
"""

from __future__ import annotations

import json
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import (
    PgCluster,
    Rows,
    articles_file,
    cli,
    compare,
    kill_group,
    log_text,
    partial_problems,
    pg_dump,
    run,
    start,
    tail,
    wait_for,
)

pytestmark = pytest.mark.slow


def ingest_argv(corpus: Path, url: str) -> list[str]:
    return cli("ingest", str(corpus), "--db", url, "--workers", "1", "--model", "sm")


def pg_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as conn:
            row = conn.execute("SELECT count(*) FROM articles").fetchone()
            return int(row[0]) if row else 0
    except psycopg.Error:  # not created yet, or the server is down
        return -1


@dataclass
class RestartedRun:
    url: str
    corpus: Path
    clean: Rows
    code: int | None
    output: str
    committed: int


@pytest.fixture(scope="module")
def restarted_run(pg: PgCluster, tmp_path_factory: pytest.TempPathFactory) -> RestartedRun:
    """120 articles ingested into PostgreSQL; the server is stopped (fast shutdown: sessions cut) after
    a few articles and started again a second later."""
    tmp = tmp_path_factory.mktemp("pg")
    corpus = articles_file(tmp / "articles.jsonl", 120)
    clean_url = pg.new_database()
    done = run(ingest_argv(corpus, clean_url))
    assert done.returncode == 0, tail(done.stderr)
    clean = pg_dump(clean_url)
    assert len(clean["articles"]) == 120

    url, log = pg.new_database(), tmp / "ingest.log"
    proc = start(ingest_argv(corpus, url), log)
    try:
        assert wait_for(lambda: pg_count(url) >= 5, 120, every=0.02), tail(log_text(log))
        pg.stop("fast")
        time.sleep(1)
        pg.start()
        try:
            code: int | None = proc.wait(timeout=120)
        except Exception:
            code = None
    finally:
        kill_group(proc)
    return RestartedRun(url, corpus, clean, code, log_text(log), pg_count(url))


def test_a_restart_mid_run_stops_the_ingest_with_one_clear_line(restarted_run: RestartedRun) -> None:
    run_ = restarted_run
    assert run_.code == 2, f"exit {run_.code}:\n{tail(run_.output)}"
    assert "Traceback" not in run_.output, tail(run_.output)
    errors = [line for line in run_.output.splitlines() if line.startswith("quotegraph: error:")]
    assert len(errors) == 1, tail(run_.output)
    assert run_.url.split("@")[-1] in errors[0] and "postgres@" not in errors[0], errors[0]  # host, never user
    assert 5 <= run_.committed < 120


def test_after_a_restart_nothing_stored_is_lost_and_a_rerun_completes(restarted_run: RestartedRun) -> None:
    run_ = restarted_run
    stored = pg_dump(run_.url)
    assert len(stored["articles"]) == run_.committed
    assert partial_problems(stored, run_.clean) == []  # what was committed before the restart is whole
    again = run(ingest_argv(run_.corpus, run_.url))
    assert again.returncode == 0, tail(again.stderr)
    assert f"{120 - run_.committed} new articles, {run_.committed} already stored" in again.stderr
    assert compare(pg_dump(run_.url), run_.clean) == []


# --- text PostgreSQL cannot store ----------------------------------------------------------------------


def test_a_nul_character_in_one_record_does_not_stop_a_postgres_ingest(pg: PgCluster, tmp_path: Path) -> None:
    """A JSON \\u0000 escape is a NUL character no byte check sees, and PostgreSQL cannot store it. Until
    53113e9 it stopped the whole ingest (exit 2, later articles never stored); now it is one `binary`
    failure at input."""
    records = [
        {"id": "nul", "text": "“We will win,” said Jane\u0000 Doe on Monday in Eastbrook."},
        {"id": "good", "text": "“We will lose,” said John Roe on Tuesday in Millford."},
    ]
    corpus = tmp_path / "records.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    url = pg.new_database()
    done = run(ingest_argv(corpus, url))
    assert "Traceback" not in done.stderr
    assert pg_count(url) == 1, tail(done.stderr)
    assert done.returncode == 1, tail(done.stderr)
    assert f"quotegraph: {corpus}:1: text contains NUL characters [binary]" in done.stderr.splitlines()


def test_posting_a_nul_character_to_a_postgres_server_is_422(pg: PgCluster) -> None:
    """Was a 503 'the database cannot be read right now' (the INSERT failed) until 53113e9."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from quotegraph import Pipeline
    from quotegraph.api.app import create_app

    app = create_app(pg.new_database(), "secret-token", pipeline=Pipeline("sm"))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(
            "/api/articles",
            content='{"text": "\\u201cWe win,\\u201d said Jane\\u0000 Doe of Eastbrook."}',
            headers={"Authorization": "Bearer secret-token", "Content-Type": "application/json"},
        )
    assert response.status_code == 422, response.text
