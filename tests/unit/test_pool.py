"""batch/pool.py: worker processes that die are seen, their articles reported, and replaced.

Each test starts real spawned workers with the small model. The kills are placed without any
timing: the input iterator itself kills a worker (and waits for it to be gone) at the moment the
input runs out, before the pool hands out any chunk, so the dead worker is the one given the
first chunk.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from quotegraph.batch.pool import _CHUNK, _chunks, _Pool, analyze_all
from quotegraph.errors import QuotegraphError
from quotegraph.types import Analysis, Article, Failure


def articles(n: int) -> list[Article | Failure]:
    items: list[Article | Failure] = [
        Article(f"a{i}", f"“Pier {i} reopens in May,” Dana Whitfield said.", source=f"in.jsonl:{i + 1}")
        for i in range(n)
    ]
    items[3] = Failure("in.jsonl:4", "bad-json", "not valid JSON")  # a failure read earlier passes through
    return items


def test_a_worker_killed_holding_a_chunk_fails_its_articles_and_is_replaced() -> None:
    items = articles(3 * _CHUNK)
    pool = _Pool("sm", 2, 60.0)
    victim = pool.workers[0].process

    def feed() -> Iterator[Article | Failure]:
        yield from items
        assert victim.pid is not None
        os.kill(victim.pid, signal.SIGKILL)
        victim.join()

    try:
        results = list(pool.run(_chunks(feed(), _CHUNK)))
        replaced = victim not in [w.process for w in pool.workers]
    finally:
        pool.close()
    assert len(results) == len(items)
    sources = [r.source if isinstance(r, Failure) else r.article.source for r in results]
    assert sources == [i.source for i in items]  # input order kept, one result per input
    first, rest = results[:_CHUNK], results[_CHUNK:]
    assert first[3] == items[3]
    died = [r for i, r in enumerate(first) if i != 3]
    assert all(isinstance(r, Failure) and r.code == "worker-died" for r in died), died
    assert "killed by SIGKILL" in died[0].detail  # type: ignore[union-attr]
    assert all(isinstance(r, Analysis) for r in rest), [r for r in rest if isinstance(r, Failure)]
    assert replaced


def test_workers_that_cannot_load_the_model_are_one_error_not_a_hang() -> None:
    with pytest.raises(QuotegraphError, match="no-such-model"):
        list(analyze_all(articles(4), "no-such-model", 2))
