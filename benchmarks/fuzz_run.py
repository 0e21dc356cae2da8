"""Fuzz the pipeline at volume: N generated hostile texts through ``Pipeline("sm").pipe``.

    .venv/bin/python benchmarks/fuzz_run.py                  # 100,000 inputs, seed 0
    .venv/bin/python benchmarks/fuzz_run.py -n 5000 --seed 7 --minutes 2 --save /tmp/fuzz-finds

Inputs come from ``fuzz/generate.py`` (random unicode, quotation-mark soups, nested quotes,
zero-width and bidi controls, sentence mashups, mutations of the committed seed corpus, long
articles), in batches through ``pipe`` as ``extract`` runs them. Each result is checked with
``fuzz/invariants.py``. Printed: inputs and rate, crashes (exceptions escaping ``pipe``; the
batch is then re-run one input at a time to find the culprits), failures by code (``internal``
means an exception the pipeline caught: a bug as well), out-of-bounds offsets and the other
oracle violations, by generator. ``--known`` also generates lone surrogates, a known crash
(SECURITY.md). Exit status 1 if anything was found.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))

from generate import generate
from invariants import CATEGORIES, category, problems

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis, Article, Failure


def crash_kind(exc: Exception) -> str:
    """The exception's type and the last clause of its message, numbers blanked, so that crashes of
    one kind count together (``UnicodeEncodeError: surrogates not allowed``)."""
    return f"{type(exc).__name__}: {re.sub(r'[0-9]+', '…', str(exc).rsplit(': ', 1)[-1])[:80]}"


class Tally:
    """What the run found, overall and by generator."""

    def __init__(self, save: Path | None) -> None:
        self.inputs: Counter[str] = Counter()
        self.crashes: Counter[str] = Counter()
        self.crash_kinds: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.problems: Counter[str] = Counter()
        self.by_generator: dict[str, Counter[str]] = {}
        self.chars = 0
        self.save = save
        self.saved = 0

    def note(self, generator: str, what: str) -> None:
        self.by_generator.setdefault(generator, Counter())[what] += 1

    def keep(self, kind: str, text: str, detail: str) -> None:
        if self.save is None or self.saved >= 200:
            return
        self.save.mkdir(parents=True, exist_ok=True)
        record = {"kind": kind, "detail": detail, "text": text}
        (self.save / f"{kind}-{self.saved:03d}.json").write_text(json.dumps(record, ensure_ascii=True) + "\n")
        self.saved += 1


def run_batch(pipeline: Pipeline, batch: list[tuple[str, str]], tally: Tally) -> None:
    articles = [Article(f"fuzz-{i}", text) for i, (_, text) in enumerate(batch)]
    try:
        results: list[Any] = list(pipeline.pipe(articles))
    except Exception:  # a crash: find the inputs that cause it, one at a time
        results = []
        for article in articles:
            try:
                results.extend(pipeline.pipe([article]))
            except Exception as exc:
                results.append(exc)
    if len(results) != len(articles):
        raise SystemExit(f"pipe returned {len(results)} results for {len(articles)} inputs")
    for (generator, text), result in zip(batch, results, strict=True):
        tally.inputs[generator] += 1
        tally.chars += len(text)
        if isinstance(result, Exception):
            kind = crash_kind(result)
            tally.crashes[generator] += 1
            tally.crash_kinds[kind] += 1
            tally.note(generator, "crash")
            tally.keep("crash", text, kind)
            continue
        if isinstance(result, Failure):
            tally.failures[result.code] += 1
            tally.note(generator, f"failure:{result.code}")
            if result.code in ("internal", "timeout"):
                tally.keep(result.code, text, result.detail)
        found = problems(result, text)
        if not isinstance(result, Analysis | Failure):
            found.append(f"shape: {type(result).__name__}")
        for problem in found:
            tally.problems[category(problem)] += 1
            tally.note(generator, category(problem))
        if found:
            tally.keep(category(found[0]), text, "; ".join(found[:5]))


def report(tally: Tally, seconds: float, args: argparse.Namespace, stopped_early: bool) -> int:
    total = sum(tally.inputs.values())
    crashes = sum(tally.crashes.values())
    rows = [
        ("inputs", f"{total:,}" + (f" (stopped at the {args.minutes:g}-minute limit)" if stopped_early else "")),
        ("characters", f"{tally.chars:,}"),
        ("seconds", f"{seconds:,.1f}"),
        ("inputs/s", f"{total / seconds:,.1f}" if seconds else "-"),
        ("crashes (exceptions escaping pipe)", str(crashes)),
        ("analyses", str(total - crashes - sum(tally.failures.values()))),
    ]
    rows += [(f"failures [{code}]", str(n)) for code, n in sorted(tally.failures.items())] or [("failures", "0")]
    rows += [(f"{name} offsets" if name == "out-of-bounds" else name, str(tally.problems[name])) for name in CATEGORIES]
    width = max(len(k) for k, _ in rows)
    print(
        f"fuzz_run: seed {args.seed}, batch {args.batch_size}, model {args.model},"
        f" known bugs {'in' if args.known else 'out'}"
    )
    for key, value in rows:
        print(f"  {key:<{width}}  {value}")
    print("\n  by generator:")
    for name in sorted(tally.inputs):
        findings = ", ".join(f"{k} {v}" for k, v in sorted(tally.by_generator.get(name, Counter()).items())) or "clean"
        print(f"    {name:<11} {tally.inputs[name]:>8,}  {findings}")
    for kind, n in tally.crash_kinds.most_common(10):
        print(f"  crash x{n}: {kind}")
    if tally.saved:
        print(f"\n  {tally.saved} offending inputs saved in {tally.save}")
    bad = crashes + sum(tally.problems.values()) + tally.failures["internal"] + tally.failures["timeout"]
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--inputs", type=int, default=100_000, help="inputs to generate (default 100,000)")
    parser.add_argument("--batch-size", type=int, default=256, help="articles per pipe() call (default 256)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", default="sm")
    parser.add_argument("--minutes", type=float, default=0, help="stop after this many minutes (0: no limit)")
    parser.add_argument("--known", action="store_true", help="also generate lone surrogates (a known crash)")
    parser.add_argument("--save", type=Path, help="write offending inputs (JSON) into this folder")
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    pipeline = Pipeline(args.model)
    tally = Tally(args.save)
    started = time.monotonic()
    limit = started + args.minutes * 60 if args.minutes else float("inf")
    done, stopped_early, last_line = 0, False, started
    while done < args.inputs:
        if time.monotonic() > limit:
            stopped_early = True
            break
        size = min(args.batch_size, args.inputs - done)
        run_batch(pipeline, [generate(rng, surrogates=args.known) for _ in range(size)], tally)
        done += size
        if time.monotonic() - last_line > 30:
            last_line = time.monotonic()
            rate = done / (last_line - started)
            print(f"  ... {done:,} inputs, {rate:,.0f}/s, {sum(tally.crashes.values())} crashes", file=sys.stderr)
    return report(tally, time.monotonic() - started, args, stopped_early)


if __name__ == "__main__":
    sys.exit(main())
