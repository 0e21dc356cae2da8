"""Fixtures of the integration tests: shared data read once, a fresh PostgreSQL database per test.

PostgreSQL tests need a server: ``.ci/postgres.sh start`` prints its URL; export it as
``QUOTEGRAPH_TEST_PG``. Each test gets its own database, created through the server's
``postgres`` database and dropped afterwards, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit, urlunsplit

import pytest

from quotegraph.ingest.sources import read_inputs
from quotegraph.types import Article, Failure

from .support import AEB_HTML, AEB_WARC, PG_ENV, shared_path

PgFactory = Callable[[], str]


@pytest.fixture(scope="session")
def aeb_html_items() -> list[Article | Failure]:
    """Every aeb HTML page read once (no in-run de-duplication)."""
    return list(read_inputs([str(shared_path(*AEB_HTML))], dedupe=False))


@pytest.fixture(scope="session")
def aeb_warc_items() -> list[Article | Failure]:
    """Every record of aeb-news.warc.gz read once (no in-run de-duplication)."""
    return list(read_inputs([str(shared_path(*AEB_WARC))], dedupe=False))


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@pytest.fixture(scope="session")
def pg_server() -> str:
    """URL of the test server (any database on it); skips if QUOTEGRAPH_TEST_PG is unset."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(f"{PG_ENV} is not set: start a server with `.ci/postgres.sh start` and export the URL it prints")
    return url


@pytest.fixture(scope="session")
def pg_factory(pg_server: str) -> Iterator[PgFactory]:
    """Makes fresh, empty databases on the test server; drops them all at the end of the session."""
    import psycopg

    admin_url = _with_database(pg_server, "postgres")
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        pytest.fail(f"{PG_ENV}={pg_server} is set but the server is not reachable: {exc}")
    created: list[str] = []

    def make() -> str:
        name = f"qg_it_{uuid.uuid4().hex[:12]}"
        admin.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return _with_database(pg_server, name)

    yield make
    for name in created:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture
def pg_url(pg_factory: PgFactory) -> str:
    """URL of a fresh, empty PostgreSQL database for this test only."""
    return pg_factory()
