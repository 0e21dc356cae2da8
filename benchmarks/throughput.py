"""Throughput of quotegraph against bare spaCy, on the first N PolNeAR dev articles.

In one process, with the one pipeline object quotegraph loads (``Pipeline(model).nlp``), this
measures

* bare:       ``nlp.pipe(texts, batch_size=32)``, every doc consumed;
* quotegraph: ``Pipeline(model).pipe(articles)`` end to end (residue, parsing, quotes, people).

After one warm-up pass of each, both are timed twice, alternating, and the best time of each is
kept. The graph stage (rendering, relation and event extraction) is timed inside every
quotegraph run and printed as its share of the quotegraph time (goal < 10%). It prints
articles/s, words/s (whitespace-separated words of the input texts), the ratio
quotegraph/bare (goal >= 0.8) and the peak RSS of the process (goal < 1024 MiB).

    .venv/bin/python benchmarks/throughput.py [--model md] [--n 100] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis, Article

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev.jsonl"
BATCH = 32
RATIO_GOAL = 0.8
RSS_GOAL_MIB = 1024.0
GRAPH_SHARE_GOAL = 0.10


def load_articles(path: Path, n: int) -> list[Article]:
    """The first ``n`` records of a JSON-lines file, as articles."""
    articles: list[Article] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(articles) >= n:
                break
            if line.strip():
                record = json.loads(line)
                articles.append(Article(str(record["id"]), record["text"]))
    return articles


def peak_rss_mib() -> float:
    """Peak resident set size of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(run: Callable[[], int]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _time_graph_stage() -> list[float]:
    """Wrap the pipeline's graph calls with timers; the returned list collects their seconds."""
    import quotegraph.pipeline as stage

    spent: list[float] = []

    def clocked(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent.append(time.perf_counter() - start)

        return run

    render = stage.render_sentences
    stage.render_sentences = clocked(lambda *a: list(render(*a)))
    stage.extract_relations = clocked(stage.extract_relations)
    stage.extract_events = clocked(stage.extract_events)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", default="md", help="spaCy model: md (default), sm, or a package name/path")
    parser.add_argument("--n", type=int, default=100, help="number of dev articles (default 100; dev has 84)")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of the table")
    args = parser.parse_args(argv)

    if not DATA.is_file():
        print(f"throughput: {DATA} not found; this benchmark needs the shared PolNeAR dev set", file=sys.stderr)
        return 2
    articles = load_articles(DATA, args.n)
    if not articles:
        print(f"throughput: no articles in {DATA}", file=sys.stderr)
        return 2
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)

    pipeline = Pipeline(args.model)
    nlp = pipeline.nlp
    graph_seconds = _time_graph_stage()

    def bare() -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=BATCH))

    def quotegraph() -> int:
        results = list(pipeline.pipe(articles, batch_size=BATCH))
        failed = [r for r in results if not isinstance(r, Analysis)]
        if failed:
            raise SystemExit(f"throughput: {len(failed)} articles failed, first: {failed[0]}")
        return len(results)

    bare()
    quotegraph()
    times: dict[str, list[float]] = {"bare": [], "quotegraph": []}
    graph_share: list[float] = []
    for _ in range(2):
        times["bare"].append(timed(bare))
        graph_seconds.clear()
        times["quotegraph"].append(timed(quotegraph))
        graph_share.append(sum(graph_seconds) / times["quotegraph"][-1])
    best = {name: min(runs) for name, runs in times.items()}
    share = min(graph_share)
    ratio = best["bare"] / best["quotegraph"]
    rss = peak_rss_mib()

    if args.json:
        summary = {
            "model": pipeline.model,
            "articles": len(articles),
            "words": words,
            **{f"{name}_seconds": round(best[name], 4) for name in best},
            **{f"{name}_articles_per_s": round(len(articles) / best[name], 2) for name in best},
            **{f"{name}_words_per_s": round(words / best[name], 1) for name in best},
            "ratio": round(ratio, 3),
            "ratio_goal": RATIO_GOAL,
            "graph_share": round(share, 4),
            "graph_share_goal": GRAPH_SHARE_GOAL,
            "peak_rss_mib": round(rss, 1),
            "rss_goal_mib": RSS_GOAL_MIB,
        }
        print(json.dumps(summary))
        return 0

    print(f"{pipeline.model}: {len(articles)} articles, {words:,} words, best of 2 after warm-up")
    print(f"  {'':<12} {'seconds':>8} {'articles/s':>11} {'words/s':>9}")
    for name, seconds in best.items():
        print(f"  {name:<12} {seconds:>8.2f} {len(articles) / seconds:>11.1f} {words / seconds:>9,.0f}")
    verdict = "ok" if ratio >= RATIO_GOAL else "BELOW GOAL"
    print(f"  ratio quotegraph/bare  {ratio:.2f}  (goal >= {RATIO_GOAL}: {verdict})")
    verdict = "ok" if share < GRAPH_SHARE_GOAL else "ABOVE GOAL"
    print(f"  graph stage share      {share:.1%}  (relations + events; goal < {GRAPH_SHARE_GOAL:.0%}: {verdict})")
    verdict = "ok" if rss < RSS_GOAL_MIB else "ABOVE GOAL"
    print(f"  peak RSS               {rss:.0f} MiB  (goal < {RSS_GOAL_MIB:.0f}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
