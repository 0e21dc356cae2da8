"""Helpers of the fault tests: made-up articles, CLI processes, database dumps keyed by content.

The articles are invented for these tests (no third-party text): short local-news stories with
a direct quote, an indirect one and a pronoun, each different from the others so none is taken
for a repeat. Everything here is independent of ``tests/integration`` so the two can change
apart.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

FIRST = ["Ada", "Bruno", "Carmen", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Alvarez", "Novak", "Brennan", "Haddad", "Kowalski", "Reyes"]
ROLES = ["mayor", "harbour master", "school principal", "fire chief", "librarian"]
PLACES = ["Eastbrook", "Millford", "Port Aldine", "Southvale", "Carrow Bay", "Hollins", "Westmere", "Dunmore"]
TOPICS = [
    ("the new bridge", "would open before the winter storms"),
    ("the night bus", "had carried twice as many riders as planned"),
    ("the flood wall", "was finished three weeks early"),
    ("the market hall", "needed a new roof by spring"),
    ("the public pool", "would stay open until ten in the evening"),
    ("the bike lanes", "had cut accidents on the main road"),
    ("the recycling plan", "was saving the town money every month"),
    ("the summer festival", "had drawn a record crowd this year"),
]
SAYINGS = [
    "We listened to every family who wrote to us",
    "Nobody expected the numbers to look this good",
    "This was never going to be easy, and it was not",
    "I am proud of the crews who worked through the night",
    "There is more to do, but we are on our way",
]


def article(i: int) -> dict[str, Any]:
    """Made-up article number ``i`` (distinct for every ``i``): an id, a title, a date and a text."""
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}"
    role = ROLES[i % len(ROLES)]
    place = PLACES[(i * 3) % len(PLACES)]
    topic, fact = TOPICS[(i * 5 + i // 8) % len(TOPICS)]
    saying = SAYINGS[(i * 7) % len(SAYINGS)]
    surname = name.split()[1]
    text = (
        f"{place} {role} speaks about {topic} (story {i})\n\n"
        f"“{saying},” {name}, the {role} of {place}, said on Tuesday.\n\n"
        f"{surname} said that {topic} {fact}. The {role} added that the council would meet again in {i + 1} days.\n\n"
        f"“We will keep our promise to {place},” {surname} told reporters after meeting number {i}."
    )
    return {
        "id": f"story-{i}",
        "title": f"{place}: {topic} (story {i})",
        "published": f"2024-03-{1 + i % 28:02d}",
        "text": text,
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def articles_file(path: Path, n: int = 40) -> Path:
    return write_jsonl(path, [article(i) for i in range(n)])


# --- the command line in a child process ----------------------------------------------------------


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotegraph.cli", *args]


def start(argv: list[str], log: Path) -> subprocess.Popen[bytes]:
    """Start a command in its own process group (so it and its workers can be killed together)."""
    handle = log.open("ab")
    try:
        return subprocess.Popen(argv, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        handle.close()


def run(argv: list[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process group of ``proc`` and reap it (nothing if it already ended)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=30)


def wait_for(condition: Callable[[], bool], timeout: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def children(pid: int) -> list[int]:
    """Direct children of ``pid``, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return sorted(found)


def has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` holds ``path`` open (read from /proc/PID/fd)."""
    target = str(path.resolve())
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.splitlines()[-lines:])


def log_text(log: Path) -> str:
    return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""


# --- what a store holds, independent of row ids -----------------------------------------------------

DUMP = {
    "articles": "SELECT content_key, url, title, published, language, text, pipeline_version, model FROM articles",
    "article_sources": "SELECT a.content_key, s.source, s.url FROM article_sources s"
    " JOIN articles a ON a.id = s.article_id",
    "entities": "SELECT entity_key, name, label, gender, name_key, homonym FROM entities",
    "entity_roles": "SELECT e.entity_key, a.content_key, r.role FROM entity_roles r"
    " JOIN entities e ON e.id = r.entity_id JOIN articles a ON a.id = r.article_id",
    "aliases": "SELECT e.entity_key, x.alias FROM aliases x JOIN entities e ON e.id = x.entity_id",
    "mentions": "SELECT a.content_key, e.entity_key, m.start_char, m.end_char, m.text FROM mentions m"
    " JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id",
    "quotes": "SELECT quote_key, text, kind, speaker, first_published FROM quotes",
    "quote_sources": "SELECT q.quote_key, a.content_key, s.start_char, s.end_char, s.cue, s.speaker_start,"
    " s.speaker_end FROM quote_sources s JOIN quotes q ON q.id = s.quote_id JOIN articles a ON a.id = s.article_id",
    "quote_speakers": "SELECT q.quote_key, e.entity_key FROM quote_speakers x JOIN quotes q ON q.id = x.quote_id"
    " JOIN entities e ON e.id = x.entity_id",
    "quote_about": "SELECT q.quote_key, e.entity_key FROM quote_about x JOIN quotes q ON q.id = x.quote_id"
    " JOIN entities e ON e.id = x.entity_id",
    "relations": "SELECT a.content_key, h.entity_key, r.relation, t.entity_key, r.detail, r.start_char, r.end_char"
    " FROM relations r JOIN articles a ON a.id = r.article_id JOIN entities h ON h.id = r.head_id"
    " JOIN entities t ON t.id = r.tail_id",
    "events": "SELECT a.content_key, v.type, v.detail, v.occurred, v.start_char, v.end_char FROM events v"
    " JOIN articles a ON a.id = v.article_id",
    "event_participants": "SELECT a.content_key, v.type, v.start_char, e.entity_key FROM event_participants p"
    " JOIN events v ON v.id = p.event_id JOIN articles a ON a.id = v.article_id JOIN entities e ON e.id = p.entity_id",
}


Rows = dict[str, list[tuple[Any, ...]]]


def dump(conn: Any) -> Rows:
    """Every table's rows (as sorted tuples, natural keys instead of ids; duplicates kept)."""
    return {table: sorted((tuple(r) for r in conn.execute(sql).fetchall()), key=repr) for table, sql in DUMP.items()}


def sqlite_dump(path: Path) -> Rows:
    conn = sqlite3.connect(path)
    try:
        return dump(conn)
    finally:
        conn.close()


def pg_dump(url: str) -> Rows:
    import psycopg

    with psycopg.connect(url) as conn:
        return dump(conn)


def clean_run(corpus: Path, db: Path, workers: int = 1) -> Rows:
    """Ingest ``corpus`` into a new SQLite file without interruption; what it stores."""
    done = run(cli("ingest", str(corpus), "--db", str(db), "--workers", str(workers), "--model", "sm"))
    assert done.returncode == 0, done.stderr
    return sqlite_dump(db)


def sqlite_ok(path: Path) -> None:
    """The file is a sound SQLite database: integrity, foreign keys and the full-text index check out."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")  # raises if the index is off
    finally:
        conn.close()


def sqlite_count(path: Path, table: str = "articles") -> int:
    """Rows committed so far, read with a fresh connection (0 before the schema exists)."""
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def compare(got: Rows, want: Rows) -> list[str]:
    """Differences between two dumps, table by table: ``[]`` when they hold exactly the same rows."""
    problems = []
    for table in want:
        g, w = got.get(table, []), want[table]
        if g == w:
            continue
        missing = [r for r in w if r not in g][:2]
        extra = [r for r in g if r not in w][:2]
        problems.append(f"{table}: {len(g)} rows, want {len(w)}; missing {_short(missing)}, extra {_short(extra)}")
    return problems


def partial_problems(stored: Rows, clean: Rows) -> list[str]:
    """What ``stored`` (an interrupted run) holds that a clean run does not: ``[]`` when every row
    is a clean run's row. A quote's ``first_published`` is the earliest date among the articles
    stored so far, so it may be later than the clean run's and is left out of the comparison."""
    found = []
    for table, rows in stored.items():
        want = set(clean[table])
        got = set(rows)
        if table == "quotes":
            want, got = {r[:4] for r in want}, {r[:4] for r in got}
        extra = sorted(got - want, key=repr)
        if extra or len(rows) != len(got):
            found.append(f"{table}: {len(extra)} rows a clean run does not have, e.g. {_short(extra[:2])}")
    return found


def _short(rows: list[tuple[Any, ...]]) -> str:
    return repr([tuple(v[:40] + "…" if isinstance(v, str) and len(v) > 40 else v for v in r) for r in rows])


# --- a private PostgreSQL cluster ----------------------------------------------------------------

PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))


@dataclass
class PgCluster:
    """A PostgreSQL server of our own: ``initdb`` in a temporary folder, a free port, user postgres."""

    data: Path
    port: int
    log: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return _as_postgres([str(PGBIN / "pg_ctl"), "-D", str(self.data), *args])

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data.parent} -c fsync=off"
        done = self.ctl("-l", str(self.log), "-w", "-o", options, "start")
        assert done.returncode == 0, done.stdout + done.stderr + self.log.read_text(errors="replace")

    def stop(self, mode: str = "fast") -> None:
        self.ctl("-m", mode, "-w", "stop")

    def new_database(self) -> str:
        import psycopg

        name = f"faults_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_postgres(argv: list[str]) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def pg_cluster() -> Iterator[PgCluster]:
    """Start a throwaway cluster; stop and delete it afterwards. Skips where PostgreSQL is missing."""
    if not (PGBIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PGBIN} (set PGBIN)")
    pytest.importorskip("psycopg")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as user postgres")
    home = Path(tempfile.mkdtemp(prefix="qg-faults-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    cluster = PgCluster(home / "data", _free_port(), home / "server.log")
    try:
        init = [str(PGBIN / "initdb"), "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        done = _as_postgres(init)
        if done.returncode != 0:
            pytest.skip(f"initdb failed: {done.stderr.strip()[-300:]}")
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(home, ignore_errors=True)


# --- a tiny disk ------------------------------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(mount: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``mount`` (needs root; skips the test where mounting is not allowed)."""
    mount.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("no mount command: cannot make a small disk")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a {size} tmpfs (needs root with CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)


def resize(mount: Path, size: str) -> None:
    """Grow (or shrink) a tmpfs in place: space freed on a full disk."""
    done = subprocess.run(
        ["mount", "-o", f"remount,size={size}", str(mount)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
