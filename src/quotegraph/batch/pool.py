"""Analyse a stream of articles in this process or in worker processes, keeping input order.

Each worker loads the model once (spawned processes, no state shared with the parent). A
sliding window of chunks is in flight instead of ``Pool.imap``, which reads its whole input
ahead and would hold a 1 GB WARC in memory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult
from typing import Any

from quotegraph.types import Analysis, Article, Failure

_CHUNK = 16


def analyze_all(
    items: Iterable[Article | Failure], model: str, workers: int, time_budget: float | None = 60.0
) -> Iterator[Analysis | Failure]:
    """Analyses in input order, in this process or in ``workers`` processes (model loaded once each)."""
    if workers <= 1:
        from quotegraph.pipeline import Pipeline

        yield from Pipeline(model, time_budget=time_budget).pipe(items)
        return
    window: deque[AsyncResult[list[Analysis | Failure]]] = deque()
    with get_context("spawn").Pool(workers, initializer=_worker_init, initargs=(model, time_budget)) as pool:
        for chunk in _chunks(items, _CHUNK):
            window.append(pool.apply_async(_worker_run, (chunk,)))
            if len(window) >= 2 * workers:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()


_WORKER: dict[str, Any] = {}


def _worker_init(model: str, time_budget: float | None) -> None:
    from quotegraph.pipeline import Pipeline

    _WORKER["pipeline"] = Pipeline(model, time_budget=time_budget)


def _worker_run(batch: list[Article | Failure]) -> list[Analysis | Failure]:
    return list(_WORKER["pipeline"].pipe(batch))


def _chunks(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
