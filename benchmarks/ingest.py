"""What storing costs: ``quotegraph ingest`` into SQLite and PostgreSQL against extraction alone.

The first N PolNeAR dev articles (default 60) are written to a temporary JSON-lines file. For
each worker count (default 1, 2 and all cores) this times

* extract:  ``analyze_all(read_inputs([file]), model, workers)``, every result consumed;
* sqlite:   ``ingest([file], Store(fresh SQLite file), model=model, workers=workers)``;
* postgres: the same into a fresh PostgreSQL database, if ``--pg URL`` or ``QUOTEGRAPH_TEST_PG``
  is given (a database is created on that server for each run and dropped afterwards).

The model is loaded once in this process first and five articles are analysed to warm it up, so
single-process runs do not pay for that; runs with worker processes pay for loading it in each
worker, in every mode alike. Each figure is the best of ``--repeat`` runs. It prints articles/s
and the ratio of ingest time to extraction time (goal: storing costs < 15%, ratio < 1.15), by
wall time and by CPU time (the second is steadier on a busy machine).

    .venv/bin/python benchmarks/ingest.py [--n 60] [--model md] [--workers 1,2,4] [--pg URL] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from quotegraph.batch.local import ingest
from quotegraph.batch.pool import analyze_all
from quotegraph.ingest.sources import read_inputs
from quotegraph.nlp.model import load_model
from quotegraph.store import Store
from quotegraph.types import Analysis

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev.jsonl"
PG_ENV = "QUOTEGRAPH_TEST_PG"
GOAL = 1.15


def write_sample(source: Path, n: int, target: Path) -> int:
    """The first ``n`` records of ``source`` (id and text only) into ``target``; how many."""
    count = 0
    with source.open(encoding="utf-8") as handle, target.open("w", encoding="utf-8") as out:
        for line in handle:
            if count >= n:
                break
            if line.strip():
                record = json.loads(line)
                out.write(json.dumps({"id": record["id"], "text": record["text"]}, ensure_ascii=False) + "\n")
                count += 1
    return count


def extract(path: Path, model: str, workers: int) -> int:
    results = list(analyze_all(read_inputs([str(path)], dedupe=False), model, workers))
    done = sum(isinstance(r, Analysis) for r in results)
    if done != len(results):
        raise SystemExit(f"ingest benchmark: {len(results) - done} articles failed in extraction")
    return done


def store_into(url: str, path: Path, model: str, workers: int) -> int:
    with Store(url) as store:
        report = ingest([str(path)], store, model=model, workers=workers)
    if report.failed or report.existing:
        raise SystemExit(f"ingest benchmark: {report.summary()} (expected every article new)")
    return report.new


@contextmanager
def pg_database(server: str) -> Iterator[str]:
    """A fresh database on the server at ``server``, dropped afterwards."""
    import psycopg

    parts = urlsplit(server)
    name = f"qg_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(parts._replace(path="/" + name))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def cpu_seconds() -> float:
    """User + system time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run: Callable[[], int]) -> tuple[tuple[float, float], int]:
    """(wall, CPU) seconds of the fastest of ``repeat`` runs, and the articles the last one did."""
    times, done = [], 0
    for _ in range(repeat):
        start, cpu = time.perf_counter(), cpu_seconds()
        done = run()
        times.append((time.perf_counter() - start, cpu_seconds() - cpu))
    return min(times), done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=60, help="number of PolNeAR dev articles (default 60)")
    parser.add_argument("--model", default="md", help="spaCy model: md (default), sm, or a package name/path")
    parser.add_argument("--workers", help="comma-separated worker counts (default: 1, 2 and all cores)")
    parser.add_argument("--pg", default=os.environ.get(PG_ENV), help=f"PostgreSQL server URL (default ${PG_ENV})")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best is kept (default 1)")
    parser.add_argument("--data", type=Path, default=DATA, help="JSON-lines file with id and text (PolNeAR dev)")
    args = parser.parse_args(argv)

    if not args.data.is_file():
        print(f"ingest benchmark: {args.data} not found; it needs the shared PolNeAR dev set", file=sys.stderr)
        return 2
    cores = os.cpu_count() or 1
    counts = [int(w) for w in args.workers.split(",")] if args.workers else [1, 2, cores]
    workers_list = sorted(set(counts))

    load_model(args.model)  # once, in this process
    rows = []
    with tempfile.TemporaryDirectory(prefix="qg-bench-") as tmp:
        sample = Path(tmp) / "articles.jsonl"
        n = write_sample(args.data, args.n, sample)
        warm_up = Path(tmp) / "warm-up.jsonl"
        write_sample(args.data, 5, warm_up)
        extract(warm_up, args.model, 1)  # first-use costs (lexicons, caches) paid before any timing
        for workers in workers_list:
            row: dict[str, tuple[float, float]] = {}
            row["extract"], done = best_of(args.repeat, lambda w=workers: extract(sample, args.model, w))

            def sqlite_run(w: int = workers) -> int:
                db = Path(tmp) / f"bench-{uuid.uuid4().hex[:8]}.db"
                return store_into(str(db), sample, args.model, w)

            row["sqlite"], stored = best_of(args.repeat, sqlite_run)
            assert stored == done == n, (stored, done, n)
            if args.pg:

                def pg_run(w: int = workers) -> int:
                    with pg_database(args.pg) as url:
                        return store_into(url, sample, args.model, w)

                row["postgres"], stored = best_of(args.repeat, pg_run)
                assert stored == n
            rows.append((workers, row))
            print(f"  workers {workers}: done", file=sys.stderr)

    modes = ["extract", "sqlite"] + (["postgres"] if args.pg else [])
    print(f"{args.model}: {n} PolNeAR dev articles, {cores} cores, best of {args.repeat} (by wall time)")
    header = f"  {'workers':>7}" + "".join(f" {m + ' a/s':>13}" for m in modes)
    header += "".join(f" {m + '/extract':>16}" for m in modes[1:])
    header += "".join(f" {m + '/extract CPU':>20}" for m in modes[1:])
    print(header)
    worst = 0.0
    for workers, row in rows:
        line = f"  {workers:>7}" + "".join(f" {n / row[m][0]:>13.2f}" for m in modes)
        for mode in modes[1:]:
            ratio = row[mode][0] / row["extract"][0]
            worst = max(worst, ratio)
            line += f" {ratio:>16.3f}"
        line += "".join(f" {row[m][1] / row['extract'][1]:>20.3f}" for m in modes[1:])
        print(line)
    verdict = "ok" if worst < GOAL else "ABOVE GOAL"
    print(f"  worst ingest/extract wall-time ratio {worst:.3f} (goal < {GOAL}: storing costs < 15%): {verdict}")
    print("  (CPU: this process and its finished workers; a PostgreSQL server's own work is not in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
