"""Memory while streaming a 1 GB WARC archive: constant, not growing with the archive.

Builds a ``.warc.gz`` of about ``--size-gb`` GB in a temporary directory by concatenating
``../shared/data/warc/aeb-news.warc.gz`` (a gzip file of one member per record, so copies joined
end to end are a valid archive of repeated records), then, in fresh processes:

1. reads every record of it with ``read_inputs`` (warcio + trafilatura, the ``extract`` reader),
   sampling peak RSS after each tenth of the archive;
2. runs the whole pipeline (``Pipeline.pipe``, model ``--model``) on the first ``--articles``
   articles streamed from the big archive, sampling peak RSS every 10% of them.

Bounded memory means the samples stop growing; the reader's peak must not depend on the size
of the archive. Prints one line per sample and the verdict.

    .venv/bin/python benchmarks/warc_memory.py [--size-gb 1.0] [--articles 1000] [--model sm]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "warc" / "aeb-news.warc.gz"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(path: Path, size_gb: float) -> int:
    chunk = SOURCE.read_bytes()
    copies = max(1, int(size_gb * 2**30 / len(chunk)))
    with path.open("wb") as out:
        for _ in range(copies):
            out.write(chunk)
    return copies


def _read_all(path: str, total_bytes: int, results: Any) -> None:
    from quotegraph.ingest.sources import read_inputs

    samples, n, next_mark, started = [], 0, 0.1, time.monotonic()
    for _ in read_inputs([path], dedupe=False):
        n += 1
        if n % 200 == 0:
            done = _reader_position(path)
            if done / total_bytes >= next_mark:
                samples.append((round(done / total_bytes, 2), n, round(peak_mib(), 1)))
                next_mark += 0.1
    samples.append((1.0, n, round(peak_mib(), 1)))
    results.put(("read", samples, time.monotonic() - started))


def _reader_position(path: str) -> int:
    """How far this process has read ``path`` (its open file's position in /proc)."""
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == path:
                with open(f"/proc/self/fdinfo/{fd}") as info:
                    pos = int(info.readline().split()[1])
                    if pos:
                        return pos
        except OSError:
            continue
    return 0


def _pipeline(path: str, articles: int, model: str, results: Any) -> None:
    from itertools import islice

    from quotegraph.ingest.sources import read_inputs
    from quotegraph.pipeline import Pipeline

    pipeline = Pipeline(model)
    samples, started = [], time.monotonic()
    step = max(1, articles // 10)
    for n, _ in enumerate(pipeline.pipe(islice(read_inputs([path], dedupe=False), articles)), 1):
        if n % step == 0:
            samples.append((n, round(peak_mib(), 1)))
    results.put(("pipeline", samples, time.monotonic() - started))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-gb", type=float, default=1.0)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--model", default="sm")
    args = parser.parse_args(argv)
    if not SOURCE.is_file():
        print(f"benchmark data not found: {SOURCE}", file=sys.stderr)
        return 2
    ctx = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.warc.gz"
        copies = build(big, args.size_gb)
        size = big.stat().st_size
        print(f"archive: {size / 2**30:.2f} GiB ({copies} copies of {SOURCE.name}, {copies * 181:,} HTML records)")
        for target, extra in ((_read_all, (size,)), (_pipeline, (args.articles, args.model))):
            results = ctx.Queue()
            proc = ctx.Process(target=target, args=(str(big), *extra, results))
            proc.start()
            kind, samples, seconds = results.get()
            proc.join()
            if kind == "read":
                print(f"reader (read_inputs, every record): {seconds:.0f}s")
                for share, n, mib in samples:
                    print(f"  {share:>4.0%} of the archive  {n:>7,} articles  peak RSS {mib:7.1f} MiB")
                growth = samples[-1][2] - samples[0][2]
                print(f"  growth from the first sample to the end: {growth:+.1f} MiB (bounded: < 64 MiB)")
            else:
                print(f"pipeline ({args.model}, first {args.articles:,} articles of the archive): {seconds:.0f}s")
                for n, mib in samples:
                    print(f"  {n:>7,} articles  peak RSS {mib:7.1f} MiB")
                growth = samples[-1][1] - samples[len(samples) // 2][1]
                print(f"  growth over the second half: {growth:+.1f} MiB (bounded: < 64 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
