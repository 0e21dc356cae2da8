"""The store commands of the CLI: ingest, search, people, show, export."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
from typing import Any

from quotegraph.batch.local import Progress, ingest
from quotegraph.store import DEFAULT_DB, Store
from quotegraph.store.filters import KINDS, QuoteFilter
from quotegraph.store.queries import export_rows
from quotegraph.types import Failure


def add_store_commands(sub: Any, model_options: Any) -> None:
    """Register the store subcommands on the CLI's subparsers."""
    ing = sub.add_parser("ingest", help="analyse files, directories or WARCs and store the results")
    ing.add_argument("inputs", nargs="+", metavar="PATH")
    _db_option(ing)
    model_options(ing, default_workers=0)

    search = sub.add_parser("search", help="full-text search over stored quotes")
    search.add_argument("query", nargs="?", default="", metavar="QUERY")
    search.add_argument("--speaker", help="only quotes by this person (canonical name or alias)")
    search.add_argument("--about", help="only quotes that mention this person")
    search.add_argument("--since", metavar="DATE", help="first published on or after (ISO 8601)")
    search.add_argument("--until", metavar="DATE", help="first published on or before (ISO 8601)")
    search.add_argument("--kind", choices=KINDS)
    search.add_argument("--limit", type=int, default=20, help="how many quotes at most (1 to 1000, default 20)")
    search.add_argument("--offset", type=int, default=0, help="quotes to skip, for the next page (default 0)")
    search.add_argument("--json", action="store_true", help="one JSON object per quote")
    _db_option(search)

    ppl = sub.add_parser("people", help="speakers ranked by number of quotes")
    ppl.add_argument("--limit", type=int, default=30)
    _db_option(ppl)

    show = sub.add_parser(
        "show", help="one person: aliases, quotes, people named alongside (and others of the same name)"
    )
    show.add_argument("person", metavar="PERSON", help="a name, an alias, or 'Chris Walker #2' for one of several")
    show.add_argument("--json", action="store_true")
    _db_option(show)

    export = sub.add_parser("export", help="every stored quote with its article, as JSONL, CSV or Parquet")
    export.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    export.add_argument("--output", "-o", help="file to write (default: stdout; required for parquet)")
    _db_option(export)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or postgresql:// URL (default: {DEFAULT_DB})")


def run_store_command(args: argparse.Namespace) -> int:
    filt = search_filter(args) if args.command == "search" else None
    with Store(args.db) as store:
        if args.command == "ingest":
            return _ingest(args, store)
        if filt is not None:
            return _search(args, store, filt)
        if args.command == "people":
            for name, n, roles in store.people_roles(args.limit):
                print(f"{n:>6}  {name}" + (f"  ({', '.join(roles)})" if roles else ""))
            return 0
        if args.command == "show":
            return _show(args, store)
        return _export(args, store)


def _ingest(args: argparse.Namespace, store: Store) -> int:
    import os

    workers = args.workers or os.cpu_count() or 1

    def report(failure: Failure) -> None:
        print(f"\nquotegraph: {failure.message()}", file=sys.stderr)

    result = ingest(
        args.inputs,
        store,
        model=args.model,
        workers=workers,
        progress=Progress(),
        on_failure=report,
        time_budget=args.time_budget,
        max_chars=args.max_chars,
    )
    print(f"quotegraph: {result.summary()}", file=sys.stderr)
    return 1 if result.failed else 0


def search_filter(args: argparse.Namespace) -> QuoteFilter:
    """The ``search`` command's options as a filter (checked before the database is opened)."""
    return QuoteFilter(
        args.query or None, args.speaker, args.about, args.since, args.until, args.kind, args.limit, args.offset
    )


def _search(args: argparse.Namespace, store: Store, filt: QuoteFilter) -> int:
    hits = store.quotes(filt)
    for hit in hits:
        if args.json:
            print(json.dumps(hit.to_dict(), ensure_ascii=False))
            continue
        who = " & ".join(hit.speakers) or "(unknown)"
        where = hit.article_title or hit.article_url or f"article {hit.article_id}"
        text = " ".join(hit.text.split())
        print(f"{who} [{hit.kind}]: {text}\n    — {where}" + (f" ({hit.sources} sources)" if hit.sources > 1 else ""))
    if not hits and not args.json:
        print("no quotes found", file=sys.stderr)
    return 0


def _show(args: argparse.Namespace, store: Store) -> int:
    """The person (a JSON line with --json); people who share the name follow, each headed by
    their reference and roles (``Chris Walker #2 (f) — chemist, professor``)."""
    found = store.persons(args.person)
    if not found:
        print(f"quotegraph: no person named {args.person!r} in {args.db}", file=sys.stderr)
        return 1
    for person in found:
        if args.json:
            print(json.dumps(person, ensure_ascii=False))
            continue
        shared = len(found) > 1 or person["ref"] != person["name"]
        roles = f" — {', '.join(person['roles']) or 'no known role'}" if shared else ""
        print(person["ref"] + (f" ({person['gender']})" if person["gender"] else "") + roles)
        print("  aliases: " + (", ".join(person["aliases"]) or "-"))
        print("  named alongside: " + (", ".join(c["name"] for c in person["co_mentioned"]) or "-"))
        print(f"  {len(person['quotes'])} quotes:")
        for quote in person["quotes"]:
            print(f"    [{quote['kind']}] {' '.join(quote['text'].split())}")
    return 0


def _export(args: argparse.Namespace, store: Store) -> int:
    rows = export_rows(store.db)
    if args.format == "parquet":
        if not args.output:
            print("quotegraph: --output is required for parquet", file=sys.stderr)
            return 2
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            print("quotegraph: parquet export needs pyarrow: pip install pyarrow", file=sys.stderr)
            return 2
        pq.write_table(pa.Table.from_pylist(rows), args.output)
        return 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(args.output, "w", encoding="utf-8", newline="")) if args.output else sys.stdout
        if args.format == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["quote_id"])
            writer.writeheader()
            writer.writerows(rows)
    return 0
