"""Latency of full-text quote search on a newsroom-sized archive: p50/p95 (goal p95 < 100 ms).

Builds a SQLite database of the aeb HTML pages (analysed with the small model) plus 10,000
synthetic articles (``Analysis`` objects generated here, written with ``Store.write``: no model
runs on them), then times varied searches two ways:

* direct:  ``search_quotes`` on one open connection (what ``Store.quotes`` and the CLI do);
* api:     ``GET /api/quotes`` through the FastAPI app (TestClient, in process): a connection per
           request, validation and JSON included, no network.

Queries mix common, middling and rare words, two-word queries, speaker/about/date/kind filters
and later pages. It prints a table with p50/p95/p99/max and the ratio p95 / goal.

    .venv/bin/python benchmarks/api_latency.py [--articles 10000] [--queries 400] [--db PATH] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import quantiles
from typing import Any

from quotegraph import __version__
from quotegraph.batch.local import ingest
from quotegraph.store import Store
from quotegraph.store.filters import QuoteFilter
from quotegraph.store.queries import search_quotes
from quotegraph.types import Analysis, Article, Entity, Mention, Quote, QuoteKind

AEB = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "aeb" / "html"
GOAL_MS = 100.0
FIRST = [
    "Ana",
    "Ben",
    "Chloe",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemi",
    "Liam",
    "Maya",
    "Nils",
    "Olga",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tara",
]
LAST = [
    "Abbott",
    "Bauer",
    "Chen",
    "Diaz",
    "Eklund",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Lopez",
    "Moreau",
    "Novak",
    "Obi",
    "Patel",
]
KINDS: tuple[QuoteKind, ...] = ("direct", "direct", "indirect", "indirect", "mixed")


def vocabulary(store: Store) -> list[str]:
    """Words of the real quotes (aeb), so synthetic text has news-like word frequencies."""
    words = [w.lower() for (text,) in store.db.query("SELECT text FROM quotes") for w in text.split() if w.isalpha()]
    return (
        words
        or ["council", "mayor", "said", "budget", "school", "road", "election", "police", "court", "minister"] * 10
    )


def synthetic(i: int, rng: random.Random, words: list[str], people: list[str]) -> Analysis:
    """One article of 3-7 paragraphs, each with a quote attributed to a named speaker."""
    day = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text = f"Synthetic story {i}\n\n"
    quotes: list[Quote] = []
    mentions: dict[str, list[Mention]] = {}
    for _ in range(rng.randint(3, 7)):
        speaker, about = rng.sample(people, 2)
        body = " ".join(rng.choices(words, k=rng.randint(8, 30)))
        said = f"“{body.capitalize()} {about.split()[1]},”"
        start = len(text)
        text += f"{said} {speaker} said. " + " ".join(rng.choices(words, k=20)) + ".\n\n"
        who = start + len(said) + 1
        about_at = start + len(said) - 2 - len(about.split()[1])
        mentions.setdefault(speaker, []).append(Mention(who, who + len(speaker), speaker))
        mentions.setdefault(about, []).append(Mention(about_at, about_at + len(about.split()[1]), about.split()[1]))
        quotes.append(
            Quote(
                start,
                start + len(said),
                said,
                rng.choice(KINDS),
                "said",
                speaker,
                (speaker,),
                who,
                who + len(speaker),
                who + len(speaker) + 1,
                who + len(speaker) + 5,
                (about,),
            )
        )
    entities = tuple(Entity(name, "PERSON", tuple(ms)) for name, ms in mentions.items())
    article = Article(f"synthetic-{i}", text, f"synthetic:{i}", title=f"Synthetic story {i}", published=day)
    return Analysis(article=article, quotes=tuple(quotes), entities=entities, version=__version__, model="synthetic")


def build(path: Path, n: int, workers: int) -> dict[str, int]:
    """The aeb pages (small model) plus ``n`` synthetic articles; row counts."""
    with Store(str(path)) as store:
        if AEB.is_dir():
            started = time.perf_counter()
            report = ingest([str(AEB)], store, model="sm", workers=workers)
            print(
                f"api_latency: aeb pages: {report.summary()} in {time.perf_counter() - started:.0f}s", file=sys.stderr
            )
        else:
            print(f"api_latency: {AEB} not found; synthetic articles only", file=sys.stderr)
        rng = random.Random(20240305)
        words = vocabulary(store)
        people = sorted({f"{f} {last}" for f in FIRST for last in LAST})
        started = time.perf_counter()
        for i in range(n):
            store.write(synthetic(i, rng, words, people))
        print(f"api_latency: {n} synthetic articles written in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        return store.counts()


def queries(store: Store, n: int) -> list[dict[str, Any]]:
    """Varied searches: words by frequency band, pairs, filters, later pages (deterministic)."""
    rng = random.Random(7)
    freq = Counter(w.lower() for (t,) in store.db.query("SELECT text FROM quotes LIMIT 20000") for w in t.split())
    ranked = [w for w, _ in freq.most_common() if w.isalpha() and len(w) > 3]
    common, middle, rare = ranked[:50], ranked[50:500], ranked[500:5000] or ranked
    speakers = [name for name, _ in store.people(200)]
    out: list[dict[str, Any]] = []
    for i in range(n):
        shape = i % 8
        q: dict[str, Any] = {"q": rng.choice((common, middle, rare)[i % 3])}
        if shape == 1:
            q["q"] += " " + rng.choice(middle)
        elif shape == 2:
            q["speaker"] = rng.choice(speakers)
        elif shape == 3:
            q.update(since=f"{rng.randint(2015, 2023)}-01-01", until="2024-12-31")
        elif shape == 4:
            q["kind"] = rng.choice(("direct", "indirect", "mixed"))
        elif shape == 5:
            q["offset"] = 40
        elif shape == 6:
            q = {"speaker": rng.choice(speakers), "about": rng.choice(speakers)}
        elif shape == 7:
            q = {"q": rng.choice(common), "speaker": rng.choice(speakers), "kind": "direct"}
        out.append(q)
    return out


def percentiles(ms: list[float]) -> dict[str, float]:
    cuts = quantiles(ms, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": max(ms), "n": len(ms)}


def timed_all(run: Callable[[dict[str, Any]], int], searches: list[dict[str, Any]]) -> tuple[list[float], int]:
    for q in searches[:20]:  # warm-up: page cache, statement cache
        run(q)
    times, hits = [], 0
    for q in searches:
        start = time.perf_counter()
        hits += run(q)
        times.append((time.perf_counter() - start) * 1000)
    return times, hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic articles (default 10000)")
    parser.add_argument("--queries", type=int, default=400, help="searches to time (default 400)")
    parser.add_argument("--db", help="database file to build (default: a temporary file, removed afterwards)")
    parser.add_argument("--reuse", action="store_true", help="time an existing --db without rebuilding it")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of the table")
    args = parser.parse_args(argv)

    tmp = None if args.db else tempfile.TemporaryDirectory(prefix="qg-latency-")
    path = Path(args.db) if args.db else Path(tmp.name if tmp else ".") / "latency.db"
    if not args.reuse:
        path.unlink(missing_ok=True)
        counts = build(path, args.articles, os.cpu_count() or 1)
    else:
        with Store(str(path)) as store:
            counts = store.counts()

    with Store(str(path)) as store:
        searches = queries(store, args.queries)
        direct, direct_hits = timed_all(lambda q: len(search_quotes(store.db, QuoteFilter(**q))), searches)

    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from quotegraph.api.app import create_app

    with TestClient(create_app(str(path))) as client:

        def call(q: dict[str, Any]) -> int:
            response = client.get("/api/quotes", params=q)
            response.raise_for_status()
            return len(response.json()["items"])

        api, api_hits = timed_all(call, searches)
    if tmp:
        tmp.cleanup()

    result = {
        "articles": counts["articles"], "quotes": counts["quotes"], "queries": len(searches),
        "direct": percentiles(direct), "api": percentiles(api), "goal_p95_ms": GOAL_MS,
        "ratio_p95_to_goal": percentiles(api)["p95"] / GOAL_MS, "hits": {"direct": direct_hits, "api": api_hits},
    }  # fmt: skip
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{counts['articles']:,} articles, {counts['quotes']:,} quotes; {len(searches)} searches of 20 quotes each")
    print(f"{'path':<8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, p in (("direct", percentiles(direct)), ("api", percentiles(api))):
        print(f"{name:<8} {p['p50']:>8.2f} {p['p95']:>8.2f} {p['p99']:>8.2f} {p['max']:>8.2f}")
    print(f"api p95 / goal ({GOAL_MS:.0f} ms): {result['ratio_p95_to_goal']:.2f}  (goal <= 1.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
