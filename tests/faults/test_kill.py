"""``kill -9``: of the whole ingest at 20 random points, and of one worker of ``ingest --workers 2``.

batch/local.py promises that an ingest killed at any point and started again ends with exactly
the rows of a clean run. Here each kill point gets a fresh database: the ingest (a child
process, the small model) is killed with SIGKILL at that point, then run again (in this process:
the model is already loaded) and the database compared, row by row and by content key, with an
uninterrupted run's. Slow: about 20 child processes.
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from quotegraph.batch.local import ingest
from quotegraph.store import Store

from .helpers import (
    Rows,
    articles_file,
    children,
    cli,
    cmdline,
    compare,
    kill_group,
    log_text,
    partial_problems,
    run,
    sqlite_count,
    sqlite_dump,
    sqlite_ok,
    start,
    tail,
    wait_for,
)

pytestmark = pytest.mark.slow

KILL_POINTS = 20
SEED = 20_240_501


def ingest_argv(corpus: Path, db: Path, workers: int = 1) -> list[str]:
    return cli("ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--model", "sm")


def rerun(corpus: Path, db: Path) -> tuple[int, int, int]:
    """The ingest started again (in this process): (new, already stored, failed)."""
    with Store(str(db)) as store:
        report = ingest([str(corpus)], store, model="sm", workers=1)
    return report.new, report.existing, report.failed


@dataclass
class KillPoint:
    number: int
    how: str
    committed: int = 0
    ended_first: bool = False
    problems: tuple[str, ...] = ()


def test_kill_9_at_20_random_points_loses_and_duplicates_nothing(
    corpus: Path, clean_rows: Rows, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    # a quarter of the points by time (start-up, migrations, model loading, first articles), the rest
    # when a random number of articles has been committed
    plan = [f"after {rng.uniform(0.05, 2.5):.2f}s" for _ in range(KILL_POINTS // 4)]
    plan += [f"at {k} articles" for k in sorted(rng.sample(range(1, 40), KILL_POINTS - len(plan)))]
    points = []
    for number, how in enumerate(plan):
        point = KillPoint(number, how)
        db, log = tmp_path / f"killed-{number}.db", tmp_path / f"killed-{number}.log"
        proc = start(ingest_argv(corpus, db), log)
        try:
            if how.startswith("after"):
                time.sleep(float(how.split()[1].rstrip("s")))
            else:
                wanted = int(how.split()[1])
                wait_for(lambda db=db, wanted=wanted: sqlite_count(db) >= wanted, 120, every=0.005)
            point.ended_first = proc.poll() is not None
        finally:
            kill_group(proc)
        point.committed = sqlite_count(db)
        problems: list[str] = []
        if point.ended_first and proc.returncode != 0:
            problems.append(f"the ingest failed before the kill: {tail(log_text(log), 3)}")
        if db.exists():
            sqlite_ok(db)
            new, existing, failed = rerun(corpus, db)
            if (existing, new + existing, failed) != (point.committed, 40, 0):
                problems.append(f"re-run: {new} new, {existing} already stored, {failed} failed")
            problems += compare(sqlite_dump(db), clean_rows)
        else:
            problems.append("no database file")
        point.problems = tuple(problems)
        points.append(point)

    table = "\n".join(
        f"  {p.number:>2}  {p.how:<16} {p.committed:>3} committed{' (ended first)' if p.ended_first else ''}"
        f"  {'; '.join(p.problems) or 'ok'}"
        for p in points
    )
    print("kill points:\n" + table)  # shown with -rP
    assert not [p for p in points if p.problems], "kill points:\n" + table
    mid_run = [p for p in points if 0 < p.committed < 40 and not p.ended_first]
    assert len(mid_run) >= KILL_POINTS // 2, "too few kills landed while articles were being written:\n" + table


# --- one worker of a pool killed --------------------------------------------------------------------


@dataclass
class WorkerKill:
    db: Path
    corpus: Path
    clean: Rows
    killed: int
    code: int | None
    output: str
    seconds: float


@pytest.fixture(scope="module")
def worker_kill(tmp_path_factory: pytest.TempPathFactory) -> WorkerKill:
    """300 articles through ``ingest --workers 2``; one worker is killed with SIGKILL once 10 are stored;
    the run gets 120 s to end by itself."""
    tmp = tmp_path_factory.mktemp("workers")
    corpus = articles_file(tmp / "articles.jsonl", 300)
    clean_db = tmp / "clean.db"
    assert rerun(corpus, clean_db) == (300, 0, 0)
    clean = sqlite_dump(clean_db)

    db, log = tmp / "killed.db", tmp / "ingest.log"
    proc = start(ingest_argv(corpus, db, workers=2), log)
    try:
        assert wait_for(lambda: sqlite_count(db) >= 10, 180, every=0.02), tail(log_text(log))
        workers = [pid for pid in children(proc.pid) if "spawn_main" in cmdline(pid)]
        assert len(workers) == 2, [cmdline(pid) for pid in children(proc.pid)]
        os.kill(workers[0], signal.SIGKILL)
        killed_at = time.monotonic()
        try:
            code: int | None = proc.wait(timeout=120)
        except Exception:
            code = None
        seconds = time.monotonic() - killed_at
    finally:
        kill_group(proc)
    return WorkerKill(db, corpus, clean, workers[0], code, log_text(log), seconds)


def test_a_killed_worker_ends_the_run_or_is_recovered(worker_kill: WorkerKill) -> None:
    """The run used to hang for ever (multiprocessing.Pool never completes a dead worker's task); now
    batch/pool.py sees the death, reports the articles the worker held as ``worker-died`` failures
    and carries on with a new worker. 120 s is a hang bound (it takes ~5 s), not a speed goal."""
    run_ = worker_kill
    assert run_.code is not None, f"the run still hung {run_.seconds:.0f}s after its worker was killed"
    died = re.findall(r"quotegraph: (\S+): the worker process analysing it died .*\[worker-died\]", run_.output)
    if run_.code == 0:  # the worker was killed between two chunks
        assert sqlite_count(run_.db) == 300 and not died
    else:
        assert 0 < len(died) <= 16 and sqlite_count(run_.db) == 300 - len(died), tail(run_.output)


def test_after_a_killed_worker_a_rerun_stores_exactly_a_clean_run(worker_kill: WorkerKill) -> None:
    run_ = worker_kill
    sqlite_ok(run_.db)
    committed = sqlite_count(run_.db)
    stored = sqlite_dump(run_.db)
    assert partial_problems(stored, run_.clean) == []
    again = run(ingest_argv(run_.corpus, run_.db, workers=2))
    assert again.returncode == 0, tail(again.stderr)
    assert f"{300 - committed} new articles, {committed} already stored" in again.stderr, tail(again.stderr)
    assert compare(sqlite_dump(run_.db), run_.clean) == []
