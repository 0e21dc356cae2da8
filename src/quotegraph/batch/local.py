"""Ingest paths into the store with worker processes, resumably.

Each article is written in its own transaction, keyed by a hash of its text: an article already
stored by this pipeline version is never re-analysed (its new source is recorded), so a run that
was killed at any point and is started again ends with exactly the rows of a clean run.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from quotegraph import __version__
from quotegraph.batch.pool import analyze_all
from quotegraph.ingest.sources import MAX_TEXT_CHARS, SKIP_CODES, read_inputs
from quotegraph.store import Store, StoreError
from quotegraph.store.writer import add_source, content_key, has_article
from quotegraph.types import Analysis, Article, Failure

_DATABASE_FAULT = re.compile(r"locked|full|disk|connection|closed|terminat|server|read-only|readonly", re.I)
_MAX_STORE_ERRORS_IN_A_ROW = 5  # then the database itself is the problem: stop and say so


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    new: int = 0
    existing: int = 0
    failed: int = 0
    skipped: int = 0
    quotes: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        rate = (self.new + self.existing) / self.seconds if self.seconds else 0.0
        return (
            f"{self.new} new articles, {self.existing} already stored, {self.skipped} skipped, "
            f"{self.failed} failed; {self.quotes} quotes; {self.seconds:.1f}s ({rate:.1f} articles/s)"
        )


class Progress:
    """One status line on stderr: articles/s, quotes found, errors."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 1.0) -> None:
        self.stream = stream
        self.every = every
        self.start = self.last = time.monotonic()
        self.tty = stream.isatty()

    def update(self, report: IngestReport, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self.last < self.every:
            return
        self.last = now
        done = report.new + report.existing
        rate = done / (now - self.start) if now > self.start else 0.0
        line = f"{done} articles ({rate:.1f}/s), {report.quotes} quotes, {report.failed} errors"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        elif final or int(now - self.start) % 10 == 0:
            self.stream.write(line + "\n")
        self.stream.flush()


def store_results(
    results: Iterable[Analysis | Failure],
    store: Store,
    report: IngestReport,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    *,
    batch: int = 1,
    copy: bool = True,
) -> None:
    """Write the analyses ``batch`` at a time, one transaction a batch, and count everything in
    ``report``. A batch that cannot be stored is written again one article at a time, so an
    article that cannot be stored fails alone; several in a row mean the database is the
    problem, and the run stops with that error. ``copy``: see :meth:`Store.write_many`."""
    for chunk in _chunks(results, max(1, batch)):
        analyses = [r for r in chunk if isinstance(r, Analysis)]
        try:
            stored = store.write_many(analyses, copy=copy) if len(analyses) > 1 else None
        except StoreError as exc:
            if _DATABASE_FAULT.search(exc.message):
                raise  # locked, full, gone: no later article can be stored either
            stored = None
        if stored is None:
            _store_one_by_one(chunk, store, report, progress, on_failure, copy)
            continue
        for failure in (r for r in chunk if isinstance(r, Failure)):
            _count_failure(report, failure, on_failure)
        for analysis, new in zip(analyses, stored, strict=True):
            _count_stored(report, analysis, new)
        if progress is not None:
            progress.update(report)


def _chunks(items: Iterable[Analysis | Failure], size: int) -> Iterator[list[Analysis | Failure]]:
    chunk: list[Analysis | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store_one_by_one(
    results: list[Analysis | Failure],
    store: Store,
    report: IngestReport,
    progress: Progress | None,
    on_failure: Callable[[Failure], None] | None,
    copy: bool,
) -> None:
    store_errors = 0
    for result in results:
        if isinstance(result, Failure):
            _count_failure(report, result, on_failure)
            continue
        try:
            (stored,) = store.write_many([result], copy=copy)
        except StoreError as exc:  # this article only (its transaction was rolled back)
            if _DATABASE_FAULT.search(exc.message):
                raise  # locked, full, gone: no later article can be stored either
            _count_failure(
                report, Failure(result.article.source or result.article.id, "store", exc.message), on_failure
            )
            store_errors += 1
            if store_errors >= _MAX_STORE_ERRORS_IN_A_ROW:
                raise StoreError(
                    f"{_MAX_STORE_ERRORS_IN_A_ROW} articles in a row could not be stored: {exc.message}"
                ) from exc
            continue
        store_errors = 0
        _count_stored(report, result, stored)
        if progress is not None:
            progress.update(report)


def _count_stored(report: IngestReport, analysis: Analysis, new: bool) -> None:
    if new:
        report.new += 1
        report.quotes += len(analysis.quotes)
    else:
        report.existing += 1


def _count_failure(report: IngestReport, failure: Failure, on_failure: Callable[[Failure], None] | None) -> None:
    if failure.code in SKIP_CODES:
        report.skipped += 1
    else:
        report.failed += 1
    report.failures.append(failure)
    if on_failure is not None:
        on_failure(failure)


def ingest(
    paths: list[str],
    store: Store,
    *,
    model: str = "md",
    workers: int = 1,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    time_budget: float | None = 60.0,
    max_chars: int = MAX_TEXT_CHARS,
) -> IngestReport:
    """Analyse every article under ``paths`` not yet stored and write it."""
    report = IngestReport()
    started = time.monotonic()

    def fresh() -> Iterator[Article | Failure]:
        for item in read_inputs(paths, dedupe=False, max_chars=max_chars):
            if isinstance(item, Article):
                key = content_key(item)
                if has_article(store.db, key, __version__):
                    add_source(store.db, key, item)
                    report.existing += 1
                    continue
            yield item

    store_results(analyze_all(fresh(), model, workers, time_budget), store, report, progress, on_failure)
    report.seconds = time.monotonic() - started
    if progress is not None:
        progress.update(report, final=True)
    return report
