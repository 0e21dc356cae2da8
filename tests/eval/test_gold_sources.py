"""Gold files of others' texts hold offsets only: the text comes back from ``source``, a saved
page or a record of a shared JSONL corpus (PolNeAR), and must hash to what was annotated."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from quotegraph.eval_graph import article_from_gold
from quotegraph.types import Article, Failure

TEXT = "“The bridge reopens on Monday,” said Mayor Ines Barro."


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus" / "train.jsonl"
    path.parent.mkdir()
    records = [{"id": "a1", "text": "Another story."}, {"id": "a2", "text": TEXT, "quotes": []}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def gold(record_id: str, text: str) -> dict[str, object]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {"id": record_id, "source": "corpus/train.jsonl", "text_sha256": digest, "quotes": []}


def test_a_corpus_record_is_found_by_its_id(tmp_path: Path) -> None:
    corpus(tmp_path)
    article = article_from_gold(gold("a2", TEXT), tmp_path)
    assert isinstance(article, Article)
    assert article.text == TEXT
    assert article.id == "a2"


def test_a_changed_or_missing_record_is_a_clear_failure(tmp_path: Path) -> None:
    corpus(tmp_path)
    changed = article_from_gold(gold("a2", TEXT + " More."), tmp_path)
    assert isinstance(changed, Failure) and changed.code == "gold-mismatch"
    missing = article_from_gold(gold("a9", TEXT), tmp_path)
    assert isinstance(missing, Failure) and missing.code == "gold-mismatch"
    assert "a9" in missing.source
    unreadable = article_from_gold({**gold("a2", TEXT), "source": "nowhere/train.jsonl"}, tmp_path)
    assert isinstance(unreadable, Failure) and unreadable.code == "unreadable"
