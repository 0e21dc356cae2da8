"""How quotegraph scales on one machine: per-core throughput with 1 and 2 workers, and with length.

On the first N PolNeAR dev articles (default 84, the whole dev set) it measures

* (a) bare:    ``nlp.pipe(texts)`` with quotegraph's spaCy pipeline, every doc consumed;
* (b) extract: ``Pipeline(model).pipe(articles)``, the code path of ``quotegraph extract``;
* (c) ingest:  ``batch.local.ingest`` of a JSONL file into a fresh SQLite database (analysis in
  worker processes, every article written in its own transaction by one writer process);
* (d) pool:    ``batch.pool.analyze_all`` over the same file, what ``quotegraph extract --workers N``
  runs (start-up excluded as for (c));

for 1 and 2 workers, and prints articles/s and words/s: in wall-clock time, and per core, i.e.
per CPU second (user + system time of every process doing the work: the workers and, for (c),
the writer), which holds on a busy machine where wall time does not; and the peak RSS of a
worker. For (a) and (b) every worker is a fresh spawned process that loads the model, warms up,
waits at a barrier and times its share (round-robin); the wall time is the slowest worker's.
For (c) the pool's start-up (spawning, loading the model) is measured by ingesting one article
the same way and subtracted: time = (t_N - t_1) * N / (N - 1), likewise for CPU time.

Then it builds articles of 1k, 10k and 100k characters by concatenating the dev texts (the same
first ``--total`` characters cut three ways) and reports CPU seconds per 1,000 characters for
(a) and (b): constant means linear in article length.

    .venv/bin/python benchmarks/scale.py [--model md] [--n 84] [--total 200000] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "dev.jsonl"
LENGTHS = (1_000, 10_000, 100_000)
WORKERS = (1, 2)


def load_texts(path: Path, n: int) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= n:
                break
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (ru_maxrss is KiB on Linux, bytes on macOS); for RUSAGE_CHILDREN
    the largest single child waited for."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def words(texts: Sequence[str]) -> int:
    return sum(len(text.split()) for text in texts)


def runner(mode: str, model: str) -> Callable[[Sequence[str]], int]:
    """A function analysing texts in this process the way ``mode`` does (model loaded now)."""
    from quotegraph.pipeline import Pipeline
    from quotegraph.types import Analysis, Article

    pipeline = Pipeline(model, time_budget=None)

    def bare(texts: Sequence[str]) -> int:
        return sum(1 for _ in pipeline.nlp.pipe(texts, batch_size=32))

    def extract(texts: Sequence[str]) -> int:
        articles = [Article(f"t{i}", text) for i, text in enumerate(texts)]
        done = list(pipeline.pipe(articles))
        failed = [r for r in done if not isinstance(r, Analysis)]
        if failed:
            raise SystemExit(f"scale: {len(failed)} articles failed, first: {failed[0]}")
        return len(done)

    return bare if mode == "bare" else extract


# --- (a) and (b): one spawned process per worker, started together at a barrier -----------------


def cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _timed_worker(mode: str, model: str, share: list[str], warm: list[str], barrier: Any, results: Any) -> None:
    run = runner(mode, model)
    run(warm)
    barrier.wait()
    start, cpu = time.perf_counter(), time.process_time()
    run(share)
    results.put((time.perf_counter() - start, time.process_time() - cpu, peak_rss_mib()))


def measure_workers(mode: str, model: str, texts: list[str], workers: int) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    shares = [texts[i::workers] for i in range(workers)]
    procs = [
        ctx.Process(target=_timed_worker, args=(mode, model, share, texts[:4], barrier, results)) for share in shares
    ]
    for proc in procs:
        proc.start()
    done = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    return {"seconds": max(d[0] for d in done), "cpu": sum(d[1] for d in done), "rss_mib": max(d[2] for d in done)}


# --- (c): ingest in a spawned process, its own pool of workers -----------------------------------


def _ingest_child(model: str, workers: int, full: str, one: str, folder: str, results: Any, store: bool) -> None:
    from quotegraph.batch.local import ingest
    from quotegraph.batch.pool import analyze_all
    from quotegraph.ingest.sources import read_inputs
    from quotegraph.nlp.model import load_model
    from quotegraph.store import Store
    from quotegraph.types import Failure

    load_model(model)  # with 1 worker the analysis runs here: load it now, as (a) and (b) do
    times, cpus = [], []
    for name, path in (("one", one), ("full", full)):
        start, cpu = time.perf_counter(), cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN)
        if store:
            with Store(str(Path(folder) / f"{name}-{workers}.db")) as db:
                report = ingest([path], db, model=model, workers=workers, time_budget=None)
            if report.failed:
                raise SystemExit(f"scale: ingest failed: {report.failures[0]}")
        else:  # (d): what `quotegraph extract --workers N` runs, every result consumed
            for result in analyze_all(read_inputs([path]), model, workers, None):
                if isinstance(result, Failure):
                    raise SystemExit(f"scale: extract failed: {result.message()}")
        times.append(time.perf_counter() - start)  # the pool's workers are reaped: their CPU time is counted
        cpus.append(cpu_seconds() + cpu_seconds(resource.RUSAGE_CHILDREN) - cpu)
    workers_rss = peak_rss_mib(resource.RUSAGE_CHILDREN) if workers > 1 else peak_rss_mib()
    results.put((times, cpus, workers_rss, peak_rss_mib()))


def measure_ingest(model: str, texts: list[str], workers: int, store: bool = True) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    with tempfile.TemporaryDirectory(prefix="qg-scale-") as folder:
        full, one = Path(folder) / "dev.jsonl", Path(folder) / "one.jsonl"
        lines = [json.dumps({"id": f"dev-{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
        full.write_text("\n".join(lines) + "\n", encoding="utf-8")
        one.write_text(lines[0] + "\n", encoding="utf-8")
        proc = ctx.Process(target=_ingest_child, args=(model, workers, str(full), str(one), folder, results, store))
        proc.start()
        (t_one, t_full), (cpu_one, cpu_full), rss, writer_rss = results.get()
        proc.join()
    scale = len(texts) / max(1, len(texts) - 1)  # start-up excluded, scaled back to N articles
    return {
        "seconds": (t_full - t_one) * scale,
        "cpu": (cpu_full - cpu_one) * scale,
        "rss_mib": rss,
        "writer_rss_mib": writer_rss,
        "startup_s": t_one,
        "raw_s": t_full,
    }


# --- length ---------------------------------------------------------------------------------------


def cut(corpus: str, length: int, total: int) -> list[str]:
    """``total // length`` consecutive pieces of about ``length`` characters (ending at whitespace)."""
    pieces, start = [], 0
    for _ in range(max(1, total // length)):
        end = min(start + length, len(corpus))
        if end < len(corpus):
            end = max(corpus.rfind(" ", start, end), corpus.rfind("\n", start, end), start + 1)
        pieces.append(corpus[start:end])
        start = end
    return pieces


def _length_child(model: str, corpus: str, total: int, results: Any) -> None:
    runs = {mode: runner(mode, model) for mode in ("bare", "extract")}
    runs["bare"](cut(corpus, 10_000, total))  # warm-up on every text: the vocabulary holds all its words already
    runs["extract"](cut(corpus, 1_000, 10_000))
    rows = []
    for length in LENGTHS:
        pieces = cut(corpus, length, total)
        chars = sum(len(p) for p in pieces)
        row: dict[str, float] = {"length": length, "articles": len(pieces), "chars": chars}
        for mode, run in runs.items():
            start = time.process_time()
            run(pieces)
            row[f"{mode}_s_per_1k"] = (time.process_time() - start) / chars * 1000
        rows.append(row)
    results.put(rows)


def measure_lengths(model: str, texts: list[str], total: int) -> list[dict[str, float]]:
    corpus = "\n\n".join(texts)
    while len(corpus) < max(total, *LENGTHS):
        corpus += "\n\n" + corpus
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    proc = ctx.Process(target=_length_child, args=(model, corpus, total, results))
    proc.start()
    rows: list[dict[str, float]] = results.get()
    proc.join()
    return rows


# --- report ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--model", default="md", help="spaCy model: md (default), sm, or a package name/path")
    parser.add_argument("--n", type=int, default=84, help="number of dev articles (default 84, all of dev)")
    parser.add_argument("--total", type=int, default=200_000, help="characters per length run (default 200,000)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"scale: {DATA} not found; this benchmark needs the shared PolNeAR dev set", file=sys.stderr)
        return 2
    texts = load_texts(DATA, args.n)
    n, n_words = len(texts), words(texts)

    from quotegraph.nlp.model import load_model, model_label

    label = model_label(load_model(args.model))
    rows: list[dict[str, Any]] = []
    paths = (
        ("(a) bare nlp.pipe", "bare"),
        ("(b) extract: Pipeline.pipe", "extract"),
        ("(c) ingest: SQLite", "ingest"),
        ("(d) extract --workers: pool", "pool"),
    )
    for name, mode in paths:
        for workers in WORKERS:
            if mode in ("bare", "extract"):
                got = measure_workers(mode, args.model, texts, workers)
            else:
                got = measure_ingest(args.model, texts, workers, store=mode == "ingest")
            speed = {"articles_s": n / got["seconds"], "words_s": n_words / got["seconds"]}
            rows.append({"path": name, "workers": workers, **got, **speed})
    lengths = measure_lengths(args.model, texts, args.total)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    if args.json:
        print(json.dumps({"model": label, "articles": n, "words": n_words, "rows": rows, "lengths": lengths}))
        return 0
    print(f"{label}: {n} PolNeAR dev articles, {n_words:,} words; {os.cpu_count()} cores, load average {load:.1f}")
    print(f"  {'':<27} {'workers':>7} {'wall s':>7} {'articles/s':>10} {'words/s':>8}", end="")
    print(f" {'CPU s':>7} {'art/s/core':>10} {'words/s/core':>12} {'RSS/worker':>10}")
    for r in rows:
        print(
            f"  {r['path']:<27} {r['workers']:>7} {r['seconds']:>7.2f} {r['articles_s']:>10.2f} {r['words_s']:>8,.0f}"
            f" {r['cpu']:>7.2f} {n / r['cpu']:>10.2f} {n_words / r['cpu']:>12,.0f} {r['rss_mib']:>6.0f} MiB"
        )
    for r in rows:
        if "startup_s" in r:
            print(
                f"  {r['path'][:3]}, {r['workers']} worker(s): {r['raw_s']:.2f}s in all; start-up {r['startup_s']:.2f}s"
                f" (measured on 1 article) excluded; writer process peak RSS {r['writer_rss_mib']:.0f} MiB"
            )
    by = {(r["path"][:3], r["workers"]): r["seconds"] for r in rows}
    speedups = ", ".join(f"{p} x{by[(p, 1)] / by[(p, 2)]:.2f}" for p in ("(a)", "(b)", "(c)", "(d)"))
    print(f"  wall-clock speed-up 1 -> 2 workers: {speedups} (ideal x2.00 on 2 idle cores)")
    print(f"\n  {'article length':>14} {'articles':>8} {'chars':>8} {'bare CPU s/1k chars':>20}", end="")
    print(f" {'extract CPU s/1k chars':>23}")
    base = lengths[0]
    for row in lengths:
        print(
            f"  {row['length']:>14,} {row['articles']:>8} {row['chars']:>8,}"
            f" {row['bare_s_per_1k']:>14.4f} (x{row['bare_s_per_1k'] / base['bare_s_per_1k']:.2f})"
            f" {row['extract_s_per_1k']:>16.4f} (x{row['extract_s_per_1k'] / base['extract_s_per_1k']:.2f})"
        )
    print("  (xN: relative to 1,000-character articles; about x1 at every length means linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
