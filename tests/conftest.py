"""Shared fixtures: the read-only shared data directory, the small model and its pipeline.

``--update-golden`` rewrites ``tests/golden/expected/*.json`` from the current md pipeline
(see ``tests/golden/test_articles.py``); review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from quotegraph.nlp.model import load_model
from quotegraph.pipeline import Pipeline

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT / ".." / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/expected/*.json from the current md pipeline (golden tests are slow: add -m slow)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared data directory not found: {SHARED_DIR.resolve()} (expected ../shared next to the repo)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def nlp_sm() -> Language:
    return load_model("sm")


@pytest.fixture(scope="session")
def pipeline_sm(nlp_sm: Language) -> Pipeline:
    return Pipeline("sm")  # load_model is cached: the same Language object as nlp_sm


@pytest.fixture(scope="session")
def pipeline_md() -> Pipeline:
    """The default (md) pipeline; only for tests marked slow."""
    return Pipeline()
