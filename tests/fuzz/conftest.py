"""Fixtures of the property-based fuzz tests: one small-model pipeline, the oracle on the path.

The oracle and the generators live in ``fuzz/`` (``invariants.py``, ``generate.py``) so that the
atheris harness and ``benchmarks/fuzz_run.py`` check exactly what these tests check; this file
puts that folder on ``sys.path``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quotegraph.pipeline import Pipeline

FUZZ_DIR = Path(__file__).resolve().parents[2] / "fuzz"
if str(FUZZ_DIR) not in sys.path:
    sys.path.insert(0, str(FUZZ_DIR))


@pytest.fixture(scope="session")
def sm() -> Pipeline:
    """The small-model pipeline as shipped (60 s per-article time budget), loaded once."""
    return Pipeline("sm")
