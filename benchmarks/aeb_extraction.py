"""Main-text extraction on the Zyte article-extraction benchmark (../shared/data/aeb).

Prints, over the 181 pages: article-body precision, recall and F1 by the benchmark's own metric
(4-token shingles, per-page scores normalised so long pages weigh no more, precision and recall
averaged over pages, F1 of the averages), for quotegraph's ingest and for trafilatura called
directly; and, on the pages listed in quote_page_ids.txt, the share of the ground truth's
quotations whose text survives in the extracted text. Goals: F1 >= 0.95, within 0.005 of
trafilatura, quotations kept >= 98%.

    .venv/bin/python benchmarks/aeb_extraction.py [--json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

import trafilatura

from quotegraph.ingest.html import article_from_html
from quotegraph.quotes.marks import find_quotes
from quotegraph.types import Failure

AEB = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "aeb"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_scores(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in t.keys() | p.keys())
    fn = sum(max(0, t[k] - p[k]) for k in t.keys() | p.keys())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(recall(*s) for s in scores if s[0] + s[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def _norm(text: str) -> str:
    return " ".join(_TOKEN.findall(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not AEB.is_dir():
        print(f"aeb data not found at {AEB}", file=sys.stderr)
        return 2
    truth = json.loads((AEB / "ground-truth.json").read_text("utf-8"))
    quote_pages = set((AEB / "quote_page_ids.txt").read_text().split())
    ours, theirs = [], []
    kept = total = failures = 0
    for page_id, gold in sorted(truth.items()):
        raw = gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes())
        article = article_from_html(raw, page_id, article_id=page_id)
        text = "" if isinstance(article, Failure) else article.text
        failures += isinstance(article, Failure)
        direct = trafilatura.extract(raw.decode("utf-8", "replace"), include_comments=False) or ""
        ours.append(page_scores(gold["articleBody"], text))
        theirs.append(page_scores(gold["articleBody"], direct))
        if page_id in quote_pages:
            body, extracted = gold["articleBody"], _norm(text)
            for mark in find_quotes(body):
                inner = _norm(body[mark.start : mark.end])
                if inner:
                    total += 1
                    kept += inner in extracted
    result = {
        "pages": len(truth),
        "no_text": failures,
        "quotegraph": prf(ours),
        "trafilatura": prf(theirs),
        "quotes_kept": kept / total if total else 0.0,
        "quotes_total": total,
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'F1':>6}   ({result['pages']} pages)")
    for name in ("quotegraph", "trafilatura"):
        m = result[name]
        print(f"{name:<12} {m['precision']:>9.3f} {m['recall']:>7.3f} {m['f1']:>6.3f}")
    delta = result["quotegraph"]["f1"] - result["trafilatura"]["f1"]
    print(f"F1 difference quotegraph - trafilatura: {delta:+.4f} (goal: within 0.005; F1 >= 0.95)")
    print(f"quotations kept on quote pages: {kept}/{total} = {result['quotes_kept']:.3f} (goal >= 0.98)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
