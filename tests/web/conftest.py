"""Fixtures for the API and page tests: databases built once per session, apps and clients.

``seed_db`` is the seed article and ``samples/`` ingested with the small model, plus the hostile
article of :mod:`helpers`; tests that write get their own copy (``writable_db``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI

from quotegraph.api.app import create_app
from quotegraph.pipeline import Pipeline
from quotegraph.store import Store

from .helpers import HOSTILE_TITLE, SAMPLES, SEED, TOKEN, add_hostile, build_db, client_class, copy_db

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def pipeline_sm() -> Pipeline:
    return Pipeline("sm")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, pipeline_sm: Pipeline) -> Path:
    """The seed article and the sample articles, analysed with the small model; plus the hostile one."""
    path = tmp_path_factory.mktemp("web") / "seed.db"
    build_db(path, [SEED, SAMPLES])
    add_hostile(path)
    return path


@pytest.fixture(scope="session")
def hostile_id(seed_db: Path) -> int:
    with Store(str(seed_db)) as store:
        row = store.db.one("SELECT id FROM articles WHERE title = ?", (HOSTILE_TITLE,))
    assert row is not None
    return int(row[0])


@pytest.fixture(scope="session")
def seed_id(seed_db: Path) -> int:
    with Store(str(seed_db)) as store:
        row = store.db.one("SELECT id FROM articles WHERE text LIKE 'Mila Kunis and Ashton Kutcher say%'")
    assert row is not None
    return int(row[0])


@pytest.fixture(scope="session")
def app(seed_db: Path) -> FastAPI:
    return create_app(str(seed_db))


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with client_class()(app) as test_client:
        yield test_client


@pytest.fixture
def writable_db(seed_db: Path, tmp_path: Path) -> Path:
    return copy_db(seed_db, tmp_path / "copy.db")


@pytest.fixture
def token_client(writable_db: Path, pipeline_sm: Pipeline) -> Iterator[TestClient]:
    """A client of an app started with a token (ingest enabled) over a copy of the seed db."""
    with client_class()(create_app(str(writable_db), TOKEN, pipeline=pipeline_sm)) as test_client:
        yield test_client
