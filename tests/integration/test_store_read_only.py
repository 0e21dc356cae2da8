"""A database that cannot be written: one clear error naming what is read-only, nothing stored is
lost, and the ingest resumes once the path is writable again.

Read-only is made with read-only bind mounts (root ignores permission bits, a read-only mount it
does not), so these tests need ``mount``; they skip where mounting is not allowed. The ingest
stops before the model is loaded; only the resumed runs analyse an article (small model).
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotegraph import __version__
from quotegraph.cli import main
from quotegraph.store import Store
from quotegraph.types import Analysis, Article, Entity, Mention, Quote

STORED = "“We will rebuild the bridge,” Mayor Dana Whitfield said on Monday."
NEW = "“The library opens in May,” councillor Omar Haddad said on Tuesday."
SUMMARY = "1 new articles, 0 already stored"


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` (a file or a folder) bind-mounted read-only onto itself."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    done = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount (needs root with CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        done = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(path)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        yield path
    finally:  # lazily if busy (a file the failed run left open): never leave a mount behind
        if subprocess.run(["umount", str(path)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def stored_db(path: Path) -> Path:
    """A database holding one hand-made article (no model)."""
    start, end = 0, STORED.index(" Mayor")
    who = STORED.index("Dana Whitfield")
    article = Article(id="bridge", text=STORED, source="bridge.txt", language="en")
    quote = Quote(start, end, STORED[start:end], "direct", "said", "Dana Whitfield", ("Dana Whitfield",))
    entity = Entity("Dana Whitfield", "PERSON", (Mention(who, who + 14, "Dana Whitfield"),))
    with Store(str(path)) as store:
        assert store.write(Analysis(article, (quote,), (entity,), version=__version__, model="handmade"))
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ingest(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    text = tmp_path / "library.txt"
    text.write_text(NEW, encoding="utf-8")
    code = main(["ingest", str(text), "--db", str(db), "--model", "sm", "--workers", "1"])
    return code, capsys.readouterr().err


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("quotegraph: error: ")]
    assert len(lines) == 1, err
    return lines[0]


def articles(db: Path) -> int:
    with Store(str(db)) as store:
        return store.counts()["articles"]


def test_a_read_only_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = stored_db(tmp_path / "quotes.db")
    before = digest(db)
    with read_only(db):
        code, err = ingest(db, tmp_path, capsys)
        assert code == 2
        line = one_error_line(err)
        assert "readonly" in line and f"not writable: {db}" in line, line
    assert digest(db) == before
    code, err = ingest(db, tmp_path, capsys)
    assert code == 0 and SUMMARY in err, err
    assert articles(db) == 2


def test_a_read_only_shm_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The database file is writable but its ``-shm`` is not (left so by a reader of a read-only
    file): SQLite's message names only the database, which the user can see is writable. Until
    verify45 that was all the error said."""
    db = stored_db(tmp_path / "quotes.db")
    shm = Path(f"{db}-shm")
    shm.touch()
    before = digest(db)
    with read_only(shm):
        code, err = ingest(db, tmp_path, capsys)
        assert code == 2
        line = one_error_line(err)
        assert line.endswith(f"(not writable: {shm})"), line
    assert digest(db) == before
    code, err = ingest(db, tmp_path, capsys)
    assert code == 0 and SUMMARY in err, err
    assert articles(db) == 2


def test_a_new_database_in_a_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "quotes.db"
    with read_only(folder):
        code, err = ingest(db, tmp_path, capsys)
        assert code == 2
        line = one_error_line(err)
        assert str(db) in line and f"not writable: the folder {folder}" in line, line
    assert list(folder.iterdir()) == []
    code, err = ingest(db, tmp_path, capsys)
    assert code == 0 and SUMMARY in err, err
