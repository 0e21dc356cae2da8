"""Scoring relations and events against hand annotation (``tests/eval/graph_gold.jsonl``).

A predicted relation is right when its type and its two names match a gold relation (names
compared as the quote scorer compares speakers; symmetric relations in either order;
``lawyer(A, B)`` equals ``client(B, A)``). A predicted event is right when its type matches and
its participants equal the gold participants (strict) or share at least one (lenient). Matching
is one to one. The gold holds offsets and names only, never the pages' text: the text is
re-extracted from the page and checked against the recorded hash.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from quotegraph.eval import norm_name, prf
from quotegraph.ingest.html import article_from_html
from quotegraph.ingest.sources import check_text
from quotegraph.types import Analysis, Article, Failure

SYMMETRIC = {"spouse", "partner", "friend", "co-star", "colleague", "rival"}
_INVERSE = {"client": "lawyer"}


def relation_key(head: str, relation: str, tail: str) -> tuple[str, object]:
    relation = relation.split("(")[0].strip().lower()
    h, t = norm_name(head), norm_name(tail)
    if relation in _INVERSE:
        relation, h, t = _INVERSE[relation], t, h
    return relation, (frozenset((h, t)) if relation in SYMMETRIC else (h, t))


def _match_count(gold: list[Any], pred: list[Any], same: Any) -> int:
    used: set[int] = set()
    hits = 0
    for p in pred:
        for i, g in enumerate(gold):
            if i not in used and same(g, p):
                used.add(i)
                hits += 1
                break
    return hits


def score_graph(gold_docs: list[dict[str, Any]], analyses: dict[str, Analysis]) -> dict[str, Any]:
    """Relation and event precision/recall over the annotated articles."""
    n = {"rel_gold": 0, "rel_pred": 0, "rel_tp": 0, "ev_gold": 0, "ev_pred": 0, "ev_strict": 0, "ev_lenient": 0}
    for doc in gold_docs:
        analysis = analyses.get(doc["id"])
        pred_rel = {relation_key(r.head, r.relation, r.tail) for r in analysis.relations} if analysis else set()
        gold_rel = {relation_key(r["head"], r["relation"], r["tail"]) for r in doc.get("relations", [])}
        n["rel_gold"] += len(gold_rel)
        n["rel_pred"] += len(pred_rel)
        n["rel_tp"] += len(gold_rel & pred_rel)
        gold_ev = [(e["type"], frozenset(map(norm_name, e["participants"]))) for e in doc.get("events", [])]
        pred_ev = [(e.type, frozenset(map(norm_name, e.participants))) for e in analysis.events] if analysis else []
        n["ev_gold"] += len(gold_ev)
        n["ev_pred"] += len(pred_ev)
        n["ev_strict"] += _match_count(gold_ev, pred_ev, lambda g, p: g == p)
        n["ev_lenient"] += _match_count(gold_ev, pred_ev, lambda g, p: g[0] == p[0] and bool(g[1] & p[1]))
    return {
        "docs": len(gold_docs),
        "relations": {**prf(n["rel_tp"], n["rel_pred"], n["rel_gold"]), "gold": n["rel_gold"], "pred": n["rel_pred"]},
        "events": {**prf(n["ev_strict"], n["ev_pred"], n["ev_gold"]), "gold": n["ev_gold"], "pred": n["ev_pred"]},
        "events_lenient": prf(n["ev_lenient"], n["ev_pred"], n["ev_gold"]),
    }


def load_graph_gold(path: str, data_dir: Path) -> tuple[list[dict[str, Any]], list[Article | Failure]]:
    """Gold records and the articles re-extracted from the pages they name (hash-checked)."""
    docs = [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
    return docs, [article_from_gold(doc, data_dir) for doc in docs]


def article_from_gold(doc: dict[str, Any], data_dir: Path) -> Article | Failure:
    """The article a gold record annotates: its ``text``, or the page at ``source`` re-extracted
    and checked against ``text_sha256`` (gold files of others' pages hold no text)."""
    if isinstance(doc.get("text"), str):
        return check_text(Article(id=str(doc["id"]), text=doc["text"], source=str(doc["id"])))
    if not isinstance(doc.get("source"), str):
        return Failure(str(doc.get("id")), "no-text", "gold record has neither 'text' nor 'source'")
    page = data_dir / doc["source"]
    if page.suffix == ".jsonl":  # a record of a shared corpus (PolNeAR), found by its id
        article = _record_text(page, str(doc["id"]))
    else:
        try:
            raw = gzip.decompress(page.read_bytes()) if page.suffix == ".gz" else page.read_bytes()
        except OSError as exc:
            return Failure(str(page), "unreadable", f"cannot read page: {exc.strerror or exc}")
        article = article_from_html(raw, str(page), article_id=str(doc["id"]))
    if isinstance(article, Article):
        digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        if digest != doc.get("text_sha256"):
            return Failure(str(page), "gold-mismatch", "extracted text differs from the annotated one")
    return article


@lru_cache(maxsize=4)
def _corpus(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8") as lines:
        return {str(r["id"]): r["text"] for r in map(json.loads, lines) if isinstance(r.get("text"), str)}


def _record_text(path: Path, record_id: str) -> Article | Failure:
    try:
        texts = _corpus(path)
    except (OSError, ValueError) as exc:
        return Failure(str(path), "unreadable", f"cannot read corpus: {exc}")
    if record_id not in texts:
        return Failure(f"{path}#{record_id}", "gold-mismatch", "no record with this id in the corpus")
    return Article(id=record_id, text=texts[record_id], source=f"{path}#{record_id}")


def format_graph_report(result: dict[str, Any]) -> str:
    lines = [f"graph gold: {result['docs']} articles"]
    for label, key in (("relations", "relations"), ("events", "events"), ("  lenient", "events_lenient")):
        m = result[key]
        counts = f"  (gold {m['gold']}, pred {m['pred']})" if "gold" in m else "  (participants overlap)"
        lines.append(f"{label:<12} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}{counts}")
    return "\n".join(lines)
