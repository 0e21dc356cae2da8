"""What ``quotegraph load`` costs: articles/s into SQLite and PostgreSQL, bulk against per article.

The Parquet is made from ``quotegraph extract`` output of ``../shared/data/warc/aeb-news.warc.gz``
(give it with ``--jsonl``, or it is extracted here with ``--model``), written with pyarrow as
``quotegraph spark`` writes it (``to_row`` of each record). Each mode loads it into a fresh
database, ``--copies`` times over with the article texts made distinct (so every copy is new):

* ``bulk``:       ``load(..., batch_rows=256)``: one transaction per 256 articles; PostgreSQL
                  stages the rows with COPY, SQLite with executemany;
* ``executemany`` (PostgreSQL only): the same batches staged with executemany instead of COPY;
* ``per-article``: ``load(..., batch_rows=1)``: one transaction per article, as ``ingest`` writes.

Each figure is the best of ``--repeat`` runs. It prints articles/s and the ratio to per-article.

    .venv/bin/python benchmarks/load.py [--jsonl aeb.jsonl] [--copies 5] [--pg URL] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import pg_database
from quotegraph.batch.load import load
from quotegraph.batch.spark import to_row
from quotegraph.store import Store
from quotegraph.types import Analysis

WARC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "warc" / "aeb-news.warc.gz"
PG_ENV = "QUOTEGRAPH_TEST_PG"


def extracted(jsonl: Path | None, model: str, folder: Path) -> list[dict[str, object]]:
    """The records of ``quotegraph extract`` over the aeb WARC (run here unless ``jsonl`` is given)."""
    if jsonl is None:
        jsonl = folder / "aeb.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            command = [sys.executable, "-m", "quotegraph.cli", "extract", "--model", model, str(WARC)]
            subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, check=False)
    with jsonl.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_parquet(records: list[dict[str, object]], copies: int, target: Path) -> int:
    """``copies`` copies of the records as one Parquet file, each copy's texts made distinct."""
    rows = []
    for copy in range(copies):
        for record in records:
            analysis = Analysis.from_dict(record)
            if copy:
                text = analysis.article.text + f"\n\n(copy {copy})"  # offsets stay valid: appended
                article = replace(analysis.article, text=text, id=f"{analysis.article.id}#{copy}")
                analysis = replace(analysis, article=article)
            rows.append(to_row(analysis))
    pq.write_table(pa.Table.from_pylist(rows), target)
    return len(rows)


@contextmanager
def database(kind: str, server: str | None, folder: Path) -> Iterator[str]:
    """A fresh SQLite file or PostgreSQL database, removed afterwards."""
    if kind == "sqlite":
        path = folder / f"{uuid.uuid4().hex[:8]}.db"
        yield str(path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    assert server is not None
    with pg_database(server) as url:  # the same throw-away database benchmarks/ingest.py uses
        yield url


def timed_load(kind: str, server: str | None, folder: Path, parquet: Path, batch: int, copy: bool) -> float:
    with database(kind, server, folder) as url, Store(url) as store:  # migrations before the clock starts
        started = time.perf_counter()
        report = load([str(parquet)], store, batch_rows=batch, copy=copy)
        seconds = time.perf_counter() - started
    assert report.failed == 0 and report.existing == 0, report.summary()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jsonl", type=Path, help="`quotegraph extract` output of the aeb WARC")
    parser.add_argument("--model", default="sm", help="model for extracting when --jsonl is not given")
    parser.add_argument("--copies", type=int, default=5, help="copies of the articles loaded (default 5)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get(PG_ENV), help=f"PostgreSQL server URL (default ${PG_ENV})")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records = extracted(args.jsonl, args.model, folder)
        parquet = folder / "aeb.parquet"
        n = write_parquet(records, args.copies, parquet)
        print(f"{len(records)} articles from {WARC.name} x {args.copies} copies = {n} articles; best of {args.repeat}")
        modes = [("sqlite", "bulk", 256, True), ("sqlite", "per-article", 1, True)]
        if args.pg:
            modes += [("postgresql", "bulk", 256, True), ("postgresql", "executemany", 256, False)]
            modes += [("postgresql", "per-article", 1, True)]
        else:
            print(f"(no PostgreSQL: give --pg URL or set {PG_ENV})")
        rates: dict[tuple[str, str], float] = {}
        print(f"{'database':<11} {'mode':<12} {'seconds':>8} {'articles/s':>11} {'vs per-article':>15}")
        for kind, mode, batch, copy in sorted(modes, key=lambda m: (m[0], m[1] != "per-article")):
            seconds = min(timed_load(kind, args.pg, folder, parquet, batch, copy) for _ in range(args.repeat))
            rates[kind, mode] = n / seconds
            ratio = rates[kind, mode] / rates[kind, "per-article"]
            print(f"{kind:<11} {mode:<12} {seconds:>8.2f} {rates[kind, mode]:>11.1f} {ratio:>14.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
