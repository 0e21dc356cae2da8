"""Analyse a stream of articles in this process or in worker processes, keeping input order.

Each worker (a spawned process, nothing shared with the parent) loads the model once and talks
to the parent over its own pipe: it receives one chunk of articles at a time and sends back one
result per article as soon as it has it. The parent waits on every pipe and every process
sentinel at once, so a worker that dies (``kill -9``, the OOM killer, a crash in native code) is
seen at once: the articles it still held become ``worker-died`` failures naming each article,
a fresh worker takes its place and the run goes on. multiprocessing's ``Pool`` cannot do this:
a dead worker's task never completes and ``.get()`` waits for ever.

At most ``2 * workers`` chunks are read ahead (not the whole input, as ``Pool.imap`` would do).
A worker is only sent a chunk when it holds none, so neither side ever blocks writing to a pipe
the other is not reading.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from quotegraph.errors import QuotegraphError
from quotegraph.types import Analysis, Article, Failure

_CHUNK = 16
_STARTS_IN_A_ROW = 3  # workers dying before their model is loaded: the problem is not an article


def analyze_all(
    items: Iterable[Article | Failure],
    model: str,
    workers: int,
    time_budget: float | None = 60.0,
    batch_size: int | None = None,
) -> Iterator[Analysis | Failure]:
    """Analyses in input order, in this process or in ``workers`` processes (model loaded once each);
    ``batch_size`` is each ``Pipeline.pipe``'s (its default when ``None``)."""
    if workers <= 1:
        from quotegraph.pipeline import Pipeline

        pipeline = Pipeline(model, time_budget=time_budget)
        yield from pipeline.pipe(items) if batch_size is None else pipeline.pipe(items, batch_size)
        return
    pool = _Pool(model, workers, time_budget, batch_size)
    try:
        yield from pool.run(_chunks(items, _CHUNK))
    finally:
        pool.close()


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    seq: int | None = None  # the chunk it holds


@dataclass
class _Chunk:
    items: list[Article | Failure]
    results: list[Analysis | Failure] = field(default_factory=list)
    done: bool = False


class _Pool:
    """Worker processes, each replaced when it dies; chunks handed out and collected in order."""

    def __init__(self, model: str, size: int, time_budget: float | None, batch_size: int | None = None) -> None:
        self.context = get_context("spawn")
        self.args = (model, time_budget, batch_size)
        self.workers = [self._start() for _ in range(size)]
        self.failed_starts = 0

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(*self.args, child), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def run(self, chunks: Iterator[list[Article | Failure]]) -> Iterator[Analysis | Failure]:
        window: dict[int, _Chunk] = {}
        waiting: list[int] = []  # read, not yet sent to a worker
        read = yielded = 0
        exhausted = False
        while True:
            while yielded in window and window[yielded].done:
                yield from window.pop(yielded).results
                yielded += 1
            while not exhausted and len(window) < 2 * len(self.workers):  # after yielding: room was made
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                window[read] = _Chunk(chunk)
                waiting.append(read)
                read += 1
            for worker in self.workers:
                if worker.seq is None and waiting:
                    worker.seq = waiting.pop(0)
                    with suppress(OSError):  # it has just died: _collect sees that and fails the chunk
                        worker.conn.send(window[worker.seq].items)
            if exhausted and not window:
                return
            self._collect(window)  # an unfinished chunk is held by a worker, so this wakes

    def _collect(self, window: dict[int, _Chunk]) -> None:
        """Wait until some worker sends a result or dies, and record what happened."""
        ready = set(wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]))
        for index, worker in enumerate(self.workers):
            dead = worker.process.sentinel in ready or not worker.process.is_alive()
            try:  # what a dying worker sent before it died still counts
                while (dead or worker.conn in ready) and worker.conn.poll():
                    self._receive(worker, worker.conn.recv(), window)
            except (EOFError, OSError):
                dead = True  # the pipe broke mid-message: the worker is gone
            if dead:
                worker.process.join()
                self._fail_held(worker, window)
                worker.conn.close()
                self.workers[index] = self._start()

    def _receive(self, worker: _Worker, message: tuple[Any, ...], window: dict[int, _Chunk]) -> None:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            self.failed_starts = 0
        elif kind == "error":  # the model could not be loaded: no worker ever will
            raise QuotegraphError(str(message[1]))
        elif kind == "result" and worker.seq is not None:
            window[worker.seq].results.append(message[1])
        elif kind == "done" and worker.seq is not None:
            window[worker.seq].done = True
            worker.seq = None

    def _fail_held(self, worker: _Worker, window: dict[int, _Chunk]) -> None:
        """The articles a dead worker held, each a ``worker-died`` failure; the chunk is then done."""
        if not worker.ready:
            self.failed_starts += 1
            if self.failed_starts >= _STARTS_IN_A_ROW:
                raise QuotegraphError(
                    f"{_STARTS_IN_A_ROW} worker processes in a row died while starting ({_how(worker.process)})"
                )
        if worker.seq is None:
            return
        chunk = window[worker.seq]
        reason = f"the worker process analysing it died ({_how(worker.process)}); not analysed"
        for item in chunk.items[len(chunk.results) :]:
            if isinstance(item, Article):
                item = Failure(item.source or item.id, "worker-died", reason)
            chunk.results.append(item)
        chunk.done = True
        worker.seq = None

    def close(self) -> None:
        """Ask each idle worker to stop; kill a busy one (the run ended early) or one that does not stop."""
        for worker in self.workers:
            try:
                if worker.seq is None:
                    worker.conn.send(None)
                else:
                    worker.process.kill()
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def _how(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def _worker_main(model: str, time_budget: float | None, batch_size: int | None, conn: Connection) -> None:
    """A worker: load the model, then analyse chunks until told to stop (``None``)."""
    from quotegraph.pipeline import Pipeline

    try:
        pipeline = Pipeline(model, time_budget=time_budget)
    except QuotegraphError as exc:
        conn.send(("error", exc.message))
        return
    conn.send(("ready",))
    while (chunk := conn.recv()) is not None:
        for result in pipeline.pipe(chunk) if batch_size is None else pipeline.pipe(chunk, batch_size):
            conn.send(("result", result))
        conn.send(("done",))


def _chunks(items: Iterable[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
