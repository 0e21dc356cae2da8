"""Fixtures of the fault tests: made-up articles, a clean run's rows, a private PostgreSQL server.

Every ingest here runs ``quotegraph ingest --model sm`` in a child process, as a user would, so
that locks, full disks, server restarts and ``kill -9`` hit a real process. The PostgreSQL server
is this session's own throwaway cluster (see ``helpers.pg_cluster``): restarting it disturbs no
other test, and it is stopped and deleted at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import PgCluster, Rows, articles_file, clean_run, pg_cluster


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 short made-up articles as JSONL."""
    return articles_file(tmp_path_factory.mktemp("corpus") / "articles.jsonl", 40)


@pytest.fixture(scope="session")
def clean_rows(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Rows:
    """What an uninterrupted ingest of ``corpus`` stores (one worker, the small model)."""
    rows = clean_run(corpus, tmp_path_factory.mktemp("clean") / "clean.db")
    assert len(rows["articles"]) == 40 and rows["quotes"]
    return rows


@pytest.fixture(scope="session")
def pg() -> Iterator[PgCluster]:
    """This session's own PostgreSQL server."""
    with pg_cluster() as cluster:
        yield cluster
