"""Fixtures of the docs tests: a sandbox to run examples in, and the path to the docs hooks."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from docs_blocks import REPO, SHARED


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """``tmp/work`` holding copies of ``samples/`` and ``tests/eval/``, with ``tmp/shared``
    linking to the real ``../shared`` when there is one: paths in the docs work as in the repo."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(REPO / "samples", work / "samples")
    if (REPO / "tests" / "eval").is_dir():
        shutil.copytree(REPO / "tests" / "eval", work / "tests" / "eval", ignore=shutil.ignore_patterns("*.py"))
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED.resolve(), target_is_directory=True)
    return work


@pytest.fixture(scope="session")
def hooks() -> ModuleType:
    """``docs/hooks.py`` (the generated parts of the site), imported from its path."""
    pytest.importorskip("mkdocs", reason="the docs extra is not installed: pip install -e '.[docs]'")
    spec = importlib.util.spec_from_file_location("quotegraph_docs_hooks", REPO / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
