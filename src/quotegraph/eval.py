"""Scoring, identical to the reference scorer (``../shared/eval/score.py``) to the digit.

Metrics follow the Gender Gap Tracker's published evaluation: quote P/R/F1 where a prediction
matches a gold quote when it covers more than 30% (or 80%) of the gold span, one-to-one,
largest overlap first; speaker accuracy strict (canonical names after normalising case, accents
and punctuation), by surname, and by mention overlap; attributed P/R/F1 (matched @0.3 *and*
strictly right speaker) is the headline figure.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Any

Doc = dict[str, Any]


def norm_name(name: str) -> str:
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = re.sub(r"[^\w\s]", " ", name.casefold())
    return " ".join(name.split())


def speaker_set(quote: Doc) -> frozenset[str]:
    names = quote.get("speakers")
    if not names:
        names = [quote["speaker"]] if quote.get("speaker") else []
    return frozenset(n for n in (norm_name(x) for x in names if isinstance(x, str)) if n)


def surname_set(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n.split()[-1] for n in names if n.split())


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[Doc], pred: list[Doc], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        glen = max(1, g["end"] - g["start"])
        for pi, p in enumerate(pred):
            ov = overlap((g["start"], g["end"]), (p["start"], p["end"]))
            if ov / glen > threshold:
                candidates.append((ov, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _kind(quote: Doc) -> str:
    return str(quote.get("type") or quote.get("kind") or "unknown")


def score(gold_docs: dict[str, Doc], pred_docs: dict[str, Doc]) -> dict[str, Any]:
    """The reference scorer's summary for gold and predicted articles keyed by id."""
    c: defaultdict[str, int] = defaultdict(int)
    by_kind: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_cue: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc_id, g in gold_docs.items():
        gq = [q for q in g.get("quotes", []) if q["end"] > q["start"]]
        pq = [q for q in pred_docs.get(doc_id, {}).get("quotes", []) if q.get("end", 0) > q.get("start", 0)]
        if doc_id not in pred_docs:
            c["docs_missing"] += 1
        c["gold"] += len(gq)
        c["pred"] += len(pq)
        for q in gq:
            by_kind[_kind(q)]["gold"] += 1
            if q.get("cue_class"):
                by_cue[q["cue_class"]]["gold"] += 1
        c["tp80"] += len(match(gq, pq, 0.8))
        pairs = match(gq, pq, 0.3)
        c["tp30"] += len(pairs)
        c["gold_with_speaker"] += sum(1 for q in gq if speaker_set(q))
        for gi, pi in pairs:
            _score_pair(gq[gi], pq[pi], c, by_kind, by_cue)
    return _summary(gold_docs, c, by_kind, by_cue)


def _score_pair(
    gold_q: Doc,
    pred_q: Doc,
    c: defaultdict[str, int],
    by_kind: defaultdict[str, defaultdict[str, int]],
    by_cue: defaultdict[str, defaultdict[str, int]],
) -> None:
    kind = _kind(gold_q)
    by_kind[kind]["tp30"] += 1
    if gold_q.get("cue_class"):
        by_cue[gold_q["cue_class"]]["tp30"] += 1
    gs, ps = speaker_set(gold_q), speaker_set(pred_q)
    if gs:
        c["matched_with_speaker"] += 1
        if gs == ps:
            c["speaker_right"] += 1
            c["attributed_tp"] += 1
            by_kind[kind]["attributed"] += 1
        if ps and surname_set(gs) == surname_set(ps):
            c["surname_right"] += 1
    spans = gold_q.get("speaker_spans") or []
    if spans:
        c["matched_with_mention"] += 1
        if "speaker_start" in pred_q and "speaker_end" in pred_q and pred_q["speaker_start"] is not None:
            ps_span = (pred_q["speaker_start"], pred_q["speaker_end"])
            if any(overlap(ps_span, (s[0], s[1])) > 0 for s in spans):
                c["mention_right"] += 1


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def _summary(
    gold_docs: dict[str, Doc],
    c: defaultdict[str, int],
    by_kind: defaultdict[str, defaultdict[str, int]],
    by_cue: defaultdict[str, defaultdict[str, int]],
) -> dict[str, Any]:
    return {
        "docs": len(gold_docs),
        "docs_missing": c["docs_missing"],
        "gold_quotes": c["gold"],
        "pred_quotes": c["pred"],
        "quote@0.3": prf(c["tp30"], c["pred"], c["gold"]),
        "quote@0.8": prf(c["tp80"], c["pred"], c["gold"]),
        "speaker_acc": _ratio(c["speaker_right"], c["matched_with_speaker"]),
        "speaker_acc_surname": _ratio(c["surname_right"], c["matched_with_speaker"]),
        "speaker_mention_acc": _ratio(c["mention_right"], c["matched_with_mention"]),
        "attributed": prf(c["attributed_tp"], c["pred"], c["gold_with_speaker"]),
        "recall_by_kind": {
            k: {
                "gold": v["gold"],
                "found@0.3": _ratio(v["tp30"], v["gold"]),
                "attributed": _ratio(v["attributed"], v["gold"]),
            }
            for k, v in sorted(by_kind.items())
        },
        "recall_by_cue_class": {
            k: {"gold": v["gold"], "found@0.3": _ratio(v["tp30"], v["gold"])} for k, v in sorted(by_cue.items())
        },
    }


def format_report(result: dict[str, Any]) -> str:
    """The reference scorer's text report, line for line."""
    lines = [
        f"docs {result['docs']} (missing in predictions: {result['docs_missing']}), "
        f"gold quotes {result['gold_quotes']}, predicted {result['pred_quotes']}"
    ]
    for key in ("quote@0.3", "quote@0.8", "attributed"):
        m = result[key]
        lines.append(f"{key:<12} P {m['p']:.3f}  R {m['r']:.3f}  F1 {m['f1']:.3f}")
    lines.append(
        f"speaker accuracy on matched quotes: strict {result['speaker_acc']:.3f}, "
        f"surname {result['speaker_acc_surname']:.3f}, mention overlap {result['speaker_mention_acc']:.3f}"
    )
    for kind, v in result["recall_by_kind"].items():
        lines.append(f"  {kind:<9} gold {v['gold']:>5}  found {v['found@0.3']:.3f}  attributed {v['attributed']:.3f}")
    for cls, v in result["recall_by_cue_class"].items():
        lines.append(f"  cue {cls:<6}  gold {v['gold']:>5}  found {v['found@0.3']:.3f}")
    return "\n".join(lines)
