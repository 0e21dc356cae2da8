"""PostgreSQL is the store "for teams": two writers at once, and text PostgreSQL cannot hold."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from quotegraph import __version__
from quotegraph.store import Store
from quotegraph.store import writer as store_writer
from quotegraph.types import Analysis, Article, Entity, Mention, Quote

from .support import cli_command, log_tail

TEXT = "“The bridge opens on Friday,” Mayor Dana Whitfield said."


def analysis(text: str = TEXT, source: str = "a.txt") -> Analysis:
    name = "Dana Whitfield"
    start = text.index(name)
    content = "“The bridge opens on Friday,”"
    return Analysis(
        Article(id=source, text=text, source=source, language="en"),
        (Quote(0, len(content), content, "direct", "said", name, (name,)),),
        (Entity(name, "PERSON", (Mention(start, start + len(name), name),)),),
        version=__version__,
        model="handmade",
    )


def test_two_writers_storing_the_same_article_at_once(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(pg_url).close()  # migrate first: this test is about the articles, not the schema
    both_looked = threading.Barrier(2, timeout=20)
    insert_articles = store_writer._insert_articles

    def insert_after_both_looked(*args: Any) -> dict[str, int]:
        both_looked.wait()  # both transactions have found no such article: now both insert it
        return insert_articles(*args)

    monkeypatch.setattr(store_writer, "_insert_articles", insert_after_both_looked)
    results: dict[str, bool] = {}
    errors: list[BaseException] = []

    def write(source: str) -> None:
        try:
            with Store(pg_url) as store:
                results[source] = store.write(analysis(source=source))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(source,)) for source in ("a.txt", "b.txt")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    assert sorted(results.values()) == [False, True]
    with Store(pg_url) as store:
        assert store.counts()["articles"] == 1
        assert store.counts()["article_sources"] == 2


def lock_waiters(url: str) -> int:
    """Sessions on the database of ``url`` waiting for a lock."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).fetchone()
        return int(row[0]) if row else 0


def test_two_processes_opening_a_fresh_database_at_once(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotegraph.store import db as store_db

    go_on = threading.Event()
    migrations = store_db._migrations
    first = threading.Lock()

    def paused_migrations() -> list[tuple[int, str, str]]:
        if first.acquire(blocking=False):  # the first opener stops mid-migration, transaction open
            assert go_on.wait(30)
        return migrations()

    monkeypatch.setattr(store_db, "_migrations", paused_migrations)
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(pg_url).close()
        except BaseException as exc:
            errors.append(exc)

    one = threading.Thread(target=open_store)
    one.start()
    while not first.locked():
        time.sleep(0.01)
    two = threading.Thread(target=open_store)
    two.start()
    deadline = time.monotonic() + 30
    while lock_waiters(pg_url) < 1 and time.monotonic() < deadline:  # the second waits for the first
        time.sleep(0.05)
    go_on.set()
    one.join(60)
    two.join(60)
    if errors:
        raise errors[0]
    with Store(pg_url) as store:
        assert store.counts()["articles"] == 0


@pytest.mark.slow
def test_a_record_postgres_cannot_hold_fails_alone(pg_url: str, tmp_path: Path) -> None:
    records = [
        {"id": "nul", "text": "“We will win,” Jane Doe said.\u0000 The mayor agreed with her on Tuesday."},
        {"id": "good", "text": TEXT},
    ]
    data = tmp_path / "records.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    log = tmp_path / "ingest.log"
    with log.open("wb") as handle:
        code = subprocess.run(
            cli_command("ingest", str(data), "--db", pg_url, "--model", "sm", "--workers", "1"),
            stdout=handle,
            stderr=subprocess.STDOUT,
            timeout=300,
        ).returncode
    with Store(pg_url) as store:
        stored = {row[0] for row in store.db.query("SELECT text FROM articles")}
    assert TEXT in stored, log_tail(log)
    assert code == 1, log_tail(log)
    assert f"{data}:1" in log_tail(log)
