"""Quality floors: the scores on the seed article, PolNeAR dev and our annotations of aeb pages
must not drop.

``floors.json`` pins, per data set, the gold file (relative to ``../shared``), its sha256, the
model, the scores measured when the floors were set and the floors themselves (measured minus
0.005). Metric keys are dotted paths into ``quotegraph eval --json`` output; a key may itself
hold dots (``quote@0.3.f1`` is ``summary["quote@0.3"]["f1"]``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from quotegraph.cli import main

FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"
FLOORS: dict[str, Any] = {k: v for k, v in json.loads(FLOORS_PATH.read_text(encoding="utf-8")).items() if k[0] != "_"}
MARGIN = 0.005


def lookup(summary: dict[str, Any], dotted: str) -> float:
    """``summary`` at a dotted path whose keys may themselves contain dots."""
    node: Any = summary
    rest = dotted
    while rest:
        keys = [k for k in node if rest == k or rest.startswith(k + ".")]
        if not keys:
            raise KeyError(f"{dotted!r}: no key of {sorted(node)} starts {rest!r}")
        key = max(keys, key=len)
        node = node[key]
        rest = rest[len(key) + 1 :]
    return float(node)


def test_lookup_handles_keys_with_dots() -> None:
    summary = {
        "quote@0.3": {"f1": 0.5},
        "recall_by_kind": {"direct": {"found@0.3": 0.25}},
        "speaker_acc": 0.75,
    }
    assert lookup(summary, "quote@0.3.f1") == 0.5
    assert lookup(summary, "recall_by_kind.direct.found@0.3") == 0.25
    assert lookup(summary, "speaker_acc") == 0.75
    with pytest.raises(KeyError):
        lookup(summary, "quote@0.8.f1")


def test_floors_file_is_consistent() -> None:
    assert {"seed", "polnear_dev"} <= set(FLOORS)
    for name, spec in FLOORS.items():
        assert set(spec["min"]) == set(spec["measured"]), name
        for metric, floor in spec["min"].items():
            assert 0 <= floor <= spec["measured"][metric], (name, metric)
            assert round(spec["measured"][metric] - floor, 4) <= MARGIN, (name, metric, "floor set too low")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


REPO = Path(__file__).resolve().parents[2]


def checked_gold(shared_dir: Path, spec: dict[str, Any]) -> Path:
    """The gold file of ``spec``; fails if it is not the one the floors were measured on.

    ``gold`` is relative to ``../shared``; ``repo_gold`` (our own annotation of shared pages,
    offsets and names only) to the repository root."""
    gold = REPO / spec["repo_gold"] if "repo_gold" in spec else shared_dir / spec["gold"]
    if not gold.is_file():
        pytest.skip(f"gold data not found: {gold.resolve()}")
    digest = sha256(gold)
    assert digest == spec["sha256"], (
        f"{gold} changed (sha256 {digest}, floors.json pins {spec['sha256']}): "
        "re-measure the scores and update tests/eval/floors.json deliberately"
    )
    return gold


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_is_the_one_the_floors_were_measured_on(name: str, shared_dir: Path) -> None:
    checked_gold(shared_dir, FLOORS[name])


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_floors(name: str, shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = FLOORS[name]
    gold = checked_gold(shared_dir, spec)
    capsys.readouterr()
    data = ["--data", str(shared_dir / "data")]
    code = main(["eval", str(gold), "--json", "--model", spec["model"], *data, *spec.get("args", [])])
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out)
    below = {
        metric: (lookup(summary, metric), floor)
        for metric, floor in spec["min"].items()
        if lookup(summary, metric) < floor
    }
    assert not below, f"{name}: scores below their floors (score, floor): {below}"
