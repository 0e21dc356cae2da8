"""The ``quotegraph`` command line.

    quotegraph extract FILE... [--workers N] [--model md|sm]   JSON lines to stdout
    quotegraph eval GOLD.jsonl [--pred PRED.jsonl] [--json]    the reference scorer's figures
    quotegraph who FILE...                                     who said what, for people
    quotegraph ingest PATH... [--db URL]                       analyse and store (SQLite or PostgreSQL)
    quotegraph search QUERY [--speaker --about --since --until --kind]
    quotegraph people | show PERSON | export --format jsonl|csv|parquet

Exit status: 0 all records analysed, 1 some records failed (each reported on stderr in one
line), 2 the command could not run at all (usage, missing model).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quotegraph import __version__
from quotegraph.api.cli import add_serve_command, run_serve
from quotegraph.batch.load import add_load_command, run_load
from quotegraph.batch.pool import analyze_all
from quotegraph.batch.spark import add_spark_command, run_spark
from quotegraph.errors import QuotegraphError
from quotegraph.ingest.sources import MAX_TEXT_CHARS, SKIP_CODES, DuplicateIndex, cap_length, read_inputs
from quotegraph.store_cli import add_store_commands, run_store_command
from quotegraph.types import Failure

_SHARED_DATA = Path("..") / "shared" / "data"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotegraph", description="Who said what, about whom, in the news.")
    parser.add_argument("--version", action="version", version=f"quotegraph {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser("extract", help="extract attributed quotes; one JSON object per article on stdout")
    extract.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH",
        help="files (.txt, .jsonl, .html, .warc, optionally .gz), directories, or - for stdin",
    )
    _model_options(extract)

    evaluate = sub.add_parser("eval", help="score against gold data, as ../shared/eval/score.py does")
    evaluate.add_argument("gold", metavar="GOLD.jsonl")
    evaluate.add_argument("--pred", metavar="PRED.jsonl", help="score these predictions instead of extracting")
    evaluate.add_argument("--json", action="store_true", help="print the summary as one JSON line")
    evaluate.add_argument(
        "--graph",
        action="store_true",
        help="GOLD holds relation/event annotations of pages (tests/eval/graph_gold.jsonl): score those",
    )
    evaluate.add_argument(
        "--data", default=str(_SHARED_DATA), help="folder the graph gold's page paths are relative to"
    )
    _model_options(evaluate)

    who = sub.add_parser("who", help="print who said what in each article, for reading")
    who.add_argument("inputs", nargs="+", metavar="FILE")
    _model_options(who)
    add_store_commands(sub, _model_options)
    add_serve_command(sub)
    add_spark_command(sub)
    add_load_command(sub)
    return parser


def _model_options(parser: argparse.ArgumentParser, default_workers: int = 1) -> None:
    parser.add_argument(
        "--time-budget",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="per-article analysis time limit; an article over it is reported and skipped (default 60)",
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=MAX_TEXT_CHARS,
        help=f"articles longer than this are reported and skipped (default {MAX_TEXT_CHARS:,})",
    )
    parser.add_argument("--model", default="md", help="spaCy model: md (default), sm, or a package name/path")
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers,
        help=f"worker processes (default {default_workers or 'all cores'}); output order is kept",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "who":
            return _who(args)
        if args.command == "serve":
            return run_serve(args)
        if args.command in ("spark", "load"):
            return run_spark(args) if args.command == "spark" else run_load(args)
        return run_store_command(args)
    except QuotegraphError as exc:
        print(f"quotegraph: error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _report(failure: Failure) -> bool:
    """Print one line for a failure or skip; True if it counts as a failure for the exit status."""
    print(f"quotegraph: {failure.message()}", file=sys.stderr)
    return failure.code not in SKIP_CODES


def _report_duplicates(index: DuplicateIndex) -> None:
    for first, others in index.repeats.items():
        print(f"quotegraph: duplicate article {first} also at: {', '.join(others)}", file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    failed = 0
    out = sys.stdout
    seen = DuplicateIndex()
    for result in analyze_all(
        read_inputs(args.inputs, seen, max_chars=args.max_chars), args.model, args.workers, args.time_budget
    ):
        if isinstance(result, Failure):
            failed += _report(result)
            continue
        out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    out.flush()
    _report_duplicates(seen)
    return 1 if failed else 0


def _load_jsonl(path: str) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise QuotegraphError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
                    if not isinstance(record, dict) or "id" not in record:
                        raise QuotegraphError(f"{path}:{number}: record has no id")
                    docs[str(record["id"])] = record
    except OSError as exc:
        raise QuotegraphError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
    return docs


def _eval_graph(args: argparse.Namespace) -> int:
    from quotegraph.eval_graph import format_graph_report, load_graph_gold, score_graph

    docs, articles = load_graph_gold(args.gold, Path(args.data))
    analyses = {}
    failed = 0
    for result in analyze_all(articles, args.model, args.workers, args.time_budget):
        if isinstance(result, Failure):
            failed += _report(result)
        else:
            analyses[result.article.id] = result
    summary = score_graph(docs, analyses)
    print(json.dumps(summary) if args.json else format_graph_report(summary))
    return 1 if failed else 0


def _eval(args: argparse.Namespace) -> int:
    from quotegraph.eval import format_report, score
    from quotegraph.eval_graph import article_from_gold

    if args.graph:
        return _eval_graph(args)

    gold = _load_jsonl(args.gold)
    failed = 0
    if args.pred:
        pred = _load_jsonl(args.pred)
    else:
        pred = {}
        articles = [cap_length(article_from_gold(d, Path(args.data)), args.max_chars) for d in gold.values()]
        for analysis in analyze_all(articles, args.model, args.workers, args.time_budget):
            if isinstance(analysis, Failure):
                failed += _report(analysis)
            else:
                pred[analysis.article.id] = analysis.to_dict()
    summary = score(gold, pred)
    print(json.dumps(summary) if args.json else format_report(summary))
    return 1 if failed else 0


def _who(args: argparse.Namespace) -> int:
    failed = 0
    for result in analyze_all(
        read_inputs(args.inputs, max_chars=args.max_chars), args.model, args.workers, args.time_budget
    ):
        if isinstance(result, Failure):
            failed += _report(result)
            continue
        print(f"\n{result.article.source or result.article.id}")
        for quote in result.quotes:
            who = " & ".join(quote.speakers) or "(unknown)"
            text = " ".join(quote.text.split())
            print(f"  {who:<32} {quote.kind:<8} {text[:90]}{'…' if len(text) > 90 else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
