"""The same API and page checks over PostgreSQL, and read-only request connections on both stores.

PostgreSQL needs a server: ``.ci/postgres.sh start`` prints its URL; export it as
``QUOTEGRAPH_TEST_PG``. Without it the PostgreSQL tests are skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import pytest

from quotegraph.api.app import ReadOnlyDatabase, create_app
from quotegraph.store import Store, StoreError

from . import test_api, test_pages
from .helpers import HOSTILE_TITLE, SAMPLES, SEED, add_hostile, build_db, client_class

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PG_ENV = "QUOTEGRAPH_TEST_PG"


@pytest.fixture(scope="module")
def pg_db(pipeline_sm: object) -> Iterator[str]:
    """A fresh PostgreSQL database holding the seed, the samples and the hostile article."""
    server = os.environ.get(PG_ENV, "").strip()
    if not server:
        pytest.skip(f"{PG_ENV} is not set: start a server with `.ci/postgres.sh start` and export the URL it prints")
    import psycopg

    admin = psycopg.connect(urlunsplit(urlsplit(server)._replace(path="/postgres")), autocommit=True)
    name = f"qg_web_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    url = urlunsplit(urlsplit(server)._replace(path="/" + name))
    try:
        build_db(url, [SEED, SAMPLES])
        add_hostile(url)
        yield url
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="module")
def pg_client(pg_db: str) -> Iterator[TestClient]:
    with client_class()(create_app(pg_db)) as test_client:
        yield test_client


def _article_id(url: str, where: str, value: str) -> int:
    with Store(url) as store:
        row = store.db.one(f"SELECT id FROM articles WHERE {where}", (value,))
    assert row is not None
    return int(row[0])


def test_api_and_pages_on_postgres(pg_client: TestClient, pg_db: str) -> None:
    seed_id = _article_id(pg_db, "text LIKE ?", "Mila Kunis and Ashton Kutcher say%")
    hostile_id = _article_id(pg_db, "title = ?", HOSTILE_TITLE)
    test_api.test_search_victims_finds_the_seed_speakers(pg_client)
    test_api.test_filters_match_the_cli_semantics(pg_client)
    test_api.test_people_list_and_person_detail(pg_client)
    test_api.test_article_detail_has_every_span_at_its_offsets(pg_client, seed_id)
    test_api.test_lists_health_and_graph(pg_client)
    test_pages.test_seed_article_highlights_all_nine_quotes_in_two_speaker_colours(pg_client, seed_id)
    test_pages.test_mila_kunis_page_lists_her_six_quotes(pg_client)
    test_pages.test_hostile_article_renders_as_text(pg_client, hostile_id)
    test_pages.test_other_pages_render(pg_client)


def test_request_connections_cannot_write_on_postgres(pg_db: str) -> None:
    db = ReadOnlyDatabase(pg_db)
    try:
        with pytest.raises(StoreError):
            db.execute("DELETE FROM quotes")
    finally:
        db.close()


def test_request_connections_cannot_write_on_sqlite(seed_db: Path) -> None:
    db = ReadOnlyDatabase(str(seed_db))
    try:
        assert db.one("SELECT count(*) FROM quotes") != (0,)
        with pytest.raises(StoreError, match=r"readonly|read-only|attempt to write"):
            db.execute("DELETE FROM quotes")
    finally:
        db.close()
