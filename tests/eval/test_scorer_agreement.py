"""``quotegraph eval GOLD --pred PRED`` prints exactly what the reference scorer prints.

The reference is ``../shared/eval/score.py``, run as a separate process; no model is needed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from quotegraph.cli import main


def need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"shared data not found: {path.resolve()}")
    return path


@pytest.fixture(scope="module")
def reference_scorer(shared_dir: Path) -> Path:
    return need(shared_dir / "eval" / "score.py")


def reference(scorer: Path, gold: Path, pred: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return done.stdout


def ours(capsys: pytest.CaptureFixture[str], gold: Path, pred: Path, *extra: str) -> str:
    capsys.readouterr()
    code = main(["eval", str(gold), "--pred", str(pred), *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def assert_agree(scorer: Path, capsys: pytest.CaptureFixture[str], gold: Path, pred: Path) -> dict[str, Any]:
    text_ref = reference(scorer, gold, pred)
    text_ours = ours(capsys, gold, pred)
    assert text_ours == text_ref
    json_ref = json.loads(reference(scorer, gold, pred, "--json"))
    json_ours = json.loads(ours(capsys, gold, pred, "--json"))
    assert json_ours == json_ref
    assert list(json_ours) == list(json_ref)
    return dict(json_ours)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_gold_with_a_hand_made_prediction(
    shared_dir: Path, reference_scorer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold_path = need(shared_dir / "seed" / "gold.jsonl")
    (seed,) = read_jsonl(gold_path)
    g = [(q["start"], q["end"]) for q in seed["quotes"]]
    assert len(g) == 9
    pred_quotes = [
        {"start": g[0][0], "end": g[0][1], "speakers": ["Ashton Kutcher", "Mila Kunis"]},  # right, other order
        {"start": g[1][0], "end": g[1][1], "speaker": "Ashton Kutcher"},  # half of a joint speaker
        # g[2] ("role model") is missed
        {"start": g[3][0], "end": g[3][0] + 60, "speaker": "ASHTON  kutcher."},  # @0.3 only; right after normalising
        {"start": g[4][0], "end": g[4][1], "speakers": ["Kunis"]},  # surname only
        {"start": g[5][0] + 5, "end": g[5][1] - 2, "speakers": ["Ashton Kutcher"], "speaker_start": 2096},
        {"start": g[6][0], "end": g[6][1], "speaker": None},  # no speaker
        {"start": g[7][0], "end": g[7][1], "speakers": ["Mila Kunis"]},  # wrong person
        {"start": g[8][0], "end": g[8][1], "speakers": ["Mila Kúnis"]},  # right after removing accents
        {"start": 0, "end": 30, "speakers": ["Someone Else"]},  # spurious
        {"start": 500, "end": 500, "speakers": ["Empty Span"]},  # empty: ignored by both
    ]
    pred = write_jsonl(tmp_path / "pred.jsonl", [{"id": seed["id"], "quotes": pred_quotes}])
    summary = assert_agree(reference_scorer, capsys, gold_path, pred)
    assert summary["gold_quotes"] == 9
    assert summary["pred_quotes"] == 9
    assert summary["quote@0.3"]["r"] == round(8 / 9, 4)
    assert summary["speaker_acc"] == round(4 / 8, 4)  # g0, g3, g5, g8


def test_seed_gold_with_a_missing_doc_spans_and_cue_classes(
    shared_dir: Path, reference_scorer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seed,) = read_jsonl(need(shared_dir / "seed" / "gold.jsonl"))
    # a second gold document made from the seed (in tmp_path, never in the repo) with speaker
    # spans and cue classes, so that those branches of the scorer are compared too
    text = seed["text"]
    annotated = []
    for i, q in enumerate(seed["quotes"]):
        name = q["speakers"][0].split()[-1]
        at = text.find(name, q["end"])
        at = at if at >= 0 else text.find(name)
        annotated.append({**q, "speaker_spans": [[at, at + len(name)]], "cue_class": "speech" if i % 3 else "other"})
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {**seed, "id": "seed-annotated", "quotes": annotated},
            {**seed, "id": "seed-unpredicted"},
            {"id": "no-quotes", "text": "Nothing quoted here.", "quotes": []},
        ],
    )
    pred_quotes = []
    for i, q in enumerate(annotated):
        if i == 4:
            continue
        span = q["speaker_spans"][0]
        p: dict[str, Any] = {"start": q["start"] + i, "end": q["end"], "speakers": q["speakers"][: 1 + i % 2]}
        if i % 3 == 0:
            p["speaker_start"], p["speaker_end"] = span
        elif i % 3 == 1:
            p["speaker_start"], p["speaker_end"] = span[1], span[1] + 3  # touches, no overlap
        pred_quotes.append(p)
    pred = write_jsonl(
        tmp_path / "pred.jsonl",
        [
            {"id": "seed-annotated", "quotes": pred_quotes},
            {"id": "no-quotes", "quotes": [{"start": 0, "end": 7, "speaker": "Nobody"}]},
            {"id": "not-in-gold", "quotes": [{"start": 0, "end": 5}]},
        ],
    )
    summary = assert_agree(reference_scorer, capsys, gold, pred)
    assert summary["docs_missing"] == 1
    assert set(summary["recall_by_cue_class"]) == {"other", "speech"}
    assert 0 < summary["speaker_mention_acc"] < 1


def perturb(gold_docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A deterministic prediction from gold: exact, shifted, shrunk, dropped, renamed quotes."""
    pred = []
    for d, doc in enumerate(gold_docs):
        if d % 9 == 4:
            continue  # a missing document
        quotes = []
        for i, q in enumerate(doc.get("quotes", [])):
            start, end = q["start"], q["end"]
            length = max(1, end - start)
            variant = (d + i) % 7
            if variant == 1:
                start += length // 2  # about half the span: matches @0.3, not @0.8
            elif variant == 2:
                end -= length // 10  # 90%: matches @0.8
            elif variant == 3:
                continue  # missed
            elif variant == 4:
                start, end = end, end + length  # adjacent, no overlap: a false positive
            speaker = q.get("speaker")
            p: dict[str, Any] = {"start": start, "end": end}
            if speaker and i % 5 == 0:
                p["speaker"] = speaker.upper()
            elif speaker and i % 5 == 1:
                p["speakers"] = [speaker.split()[-1]]
            elif speaker and i % 5 == 2:
                p["speakers"] = [unicodedata.normalize("NFD", speaker) + "."]
            elif i % 5 == 3:
                p["speaker"] = "Somebody Else"
            spans = q.get("speaker_spans") or []
            if spans and i % 4 != 3:
                shift = 0 if i % 4 < 2 else 1000
                p["speaker_start"], p["speaker_end"] = spans[0][0] + shift, spans[0][1] + shift
            elif i % 4 == 3:
                p["speaker_start"] = None
                p["speaker_end"] = None
            quotes.append(p)
        if d % 5 == 0:
            quotes.append({"start": 0, "end": 40, "speaker": "Headline Writer"})
        pred.append({"id": doc["id"], "quotes": quotes})
    return pred


def test_polnear_dev_with_perturbed_gold_predictions(
    shared_dir: Path, reference_scorer: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold_path = need(shared_dir / "data" / "polnear" / "dev.jsonl")
    gold_docs = read_jsonl(gold_path)
    pred = write_jsonl(tmp_path / "pred.jsonl", perturb(gold_docs))
    summary = assert_agree(reference_scorer, capsys, gold_path, pred)
    assert summary["docs"] == len(gold_docs)
    assert summary["docs_missing"] == len([d for d in range(len(gold_docs)) if d % 9 == 4])
    for key in ("quote@0.3", "quote@0.8", "attributed"):
        assert 0 < summary[key]["f1"] < 1, key
    assert summary["quote@0.8"]["r"] < summary["quote@0.3"]["r"]
    assert 0 < summary["speaker_acc"] < summary["speaker_acc_surname"] < 1
    assert 0 < summary["speaker_mention_acc"] < 1
