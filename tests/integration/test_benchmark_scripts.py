"""The benchmarks still run against the current API (a benchmark is not a test, but one that no
longer starts measures nothing): each is run on a tiny input and its output checked for shape."""

from __future__ import annotations

import importlib.util
import itertools
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_latency_runs_on_synthetic_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Until verify45 the direct path called ``search_quotes(db, **query)``, a signature the
    QuoteFilter refactor (15eb47f) had replaced: the benchmark stopped with a TypeError after
    building its database."""
    bench = load("api_latency")
    monkeypatch.setattr(bench, "AEB", tmp_path / "no-aeb-pages")  # synthetic articles only: no model
    # without the aeb quotes, enough distinct words for the common, middling and rare query bands
    words = ["".join(letters) for letters in itertools.islice(itertools.product("abcdefgh", repeat=5), 800)]
    monkeypatch.setattr(bench, "vocabulary", lambda store: words)
    assert bench.main(["--articles", "40", "--queries", "24", "--db", str(tmp_path / "lat.db"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["articles"] == 40 and result["queries"] == 24
    assert result["hits"]["direct"] == result["hits"]["api"] > 0
    assert 0 < result["direct"]["p50"] <= result["direct"]["p95"] and result["api"]["p95"] > 0
