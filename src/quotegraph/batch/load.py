"""``quotegraph load``: store the Parquet that ``quotegraph spark`` wrote, as ``ingest`` would.

Rows are read with pyarrow one record batch at a time (one file and one row group at a time, so
memory stays bounded whatever the archive's size), rebuilt with ``Analysis.from_dict`` and written
``--batch-rows`` articles to a transaction with ``Store.write_many``: the writer ``ingest`` uses
(one consolidation, keyed by content), its rows sent with COPY on PostgreSQL and executemany on
SQLite. A batch that fails is written again article by article, so one bad row fails alone; an
interrupted load is finished by running it again (articles already stored are counted, not
written twice). The job's ``_failures`` are reported and counted as ``ingest`` counts its own.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from quotegraph.batch.local import IngestReport, Progress, store_results
from quotegraph.batch.spark import COLUMNS, FAILURES, to_record
from quotegraph.errors import InputError, QuotegraphError
from quotegraph.store import DEFAULT_DB, Store
from quotegraph.types import Analysis, Failure

BATCH_ROWS = 256


def _pyarrow() -> Any:
    try:
        import pyarrow.dataset
        import pyarrow.parquet
    except ImportError as exc:
        raise QuotegraphError('loading Parquet needs pyarrow; install it with: pip install "pyarrow>=15"') from exc
    return pyarrow


def parquet_files(paths: Sequence[str]) -> list[str]:
    """The Parquet files of ``paths`` (files, or directories as Spark writes them), in order; an
    :class:`InputError` if one is missing or was not written by ``quotegraph spark``."""
    pa = _pyarrow()
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{given}: no such file or directory")
        if path.is_dir():  # pyarrow skips _SUCCESS, _failures/ and .crc files: names starting with _ or .
            files += sorted(pa.dataset.dataset(str(path), format="parquet").files)
        else:
            files.append(str(path))
    for file in files:
        try:
            names = pa.parquet.read_schema(file).names
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"{file}: not a readable Parquet file ({exc})") from exc
        missing = [name for name in COLUMNS if name not in names]
        if missing:
            raise InputError(f"{file}: not written by quotegraph spark (no column {', '.join(missing)})")
    return files


def read_analyses(paths: Sequence[str], batch_rows: int = BATCH_ROWS) -> Iterator[Analysis | Failure]:
    """Every stored row as an analysis (a row that cannot be rebuilt becomes a failure)."""
    pa = _pyarrow()
    for file in parquet_files(paths):
        number = 0
        for batch in pa.parquet.ParquetFile(file).iter_batches(batch_size=batch_rows, columns=list(COLUMNS)):
            for row in batch.to_pylist():
                number += 1
                try:
                    yield Analysis.from_dict(to_record(row))
                except (ValueError, TypeError, KeyError) as exc:
                    yield Failure(f"{file}#{number}", "bad-row", f"cannot rebuild the analysis: {exc}"[:200])


def recorded_failures(paths: Sequence[str]) -> Iterator[Failure]:
    """The failures the Spark job wrote next to its output (``OUT/_failures``)."""
    pa = _pyarrow()
    for given in paths:
        folder = Path(given) / FAILURES
        if not folder.is_dir():
            continue
        for batch in pa.dataset.dataset(str(folder), format="parquet").to_batches(batch_size=BATCH_ROWS):
            for row in batch.to_pylist():
                yield Failure(row["source"] or "", row["code"] or "", row["detail"] or "")


def load(
    paths: Sequence[str],
    store: Store,
    *,
    batch_rows: int = BATCH_ROWS,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    copy: bool = True,
) -> IngestReport:
    """Write every analysis under ``paths`` not yet stored, ``batch_rows`` to a transaction (with
    COPY on PostgreSQL unless ``copy`` is False); count as ``ingest`` counts."""
    report = IngestReport()
    started = time.monotonic()
    parquet_files(paths)  # fail on a bad input before writing anything
    store_results(
        chain(recorded_failures(paths), read_analyses(paths, batch_rows)),
        store,
        report,
        progress,
        on_failure,
        batch=batch_rows,
        copy=copy,
    )
    report.seconds = time.monotonic() - started
    if progress is not None:
        progress.update(report, final=True)
    return report


def add_load_command(sub: Any) -> None:
    """Register ``load`` on the CLI's subparsers."""
    parser = sub.add_parser(
        "load",
        help="store the Parquet written by `quotegraph spark` (no analysis; resumable, like ingest)",
        description="Store the articles of Parquet files written by `quotegraph spark`, in batches"
        " (PostgreSQL: bulk COPY), consolidated as `ingest` consolidates them.",
    )
    parser.add_argument("inputs", nargs="+", metavar="PARQUET", help="Parquet files or directories (OUT.parquet)")
    parser.add_argument("--db", default=DEFAULT_DB, help=f"SQLite path or postgresql:// URL (default: {DEFAULT_DB})")
    parser.add_argument(
        "--batch-rows",
        type=int,
        default=BATCH_ROWS,
        help=f"rows stored per transaction (default {BATCH_ROWS})",
    )


def run_load(args: argparse.Namespace) -> int:
    """Load and report; exit status 1 if some articles failed (in the job or here), as ``ingest``."""

    def report_failure(failure: Failure) -> None:
        print(f"quotegraph: {failure.message()}", file=sys.stderr)

    parquet_files(args.inputs)  # a bad input is an error before the database is created
    with Store(args.db) as store:
        report = load(
            args.inputs, store, batch_rows=max(1, args.batch_rows), progress=Progress(), on_failure=report_failure
        )
    print(f"quotegraph: {report.summary()}", file=sys.stderr)
    return 1 if report.failed else 0
