"""The store under fire: broken database files and paths, unreachable servers, hostile search input.

No model is loaded here: the database errors come before analysis, and the searched records
are built by hand and written with ``Store.write``.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotegraph import __version__
from quotegraph.cli import main
from quotegraph.store import Store
from quotegraph.types import Analysis, Article, Entity, Mention, Quote

from .support import TABLES, row_counts, table_names

GOOD_TEXT = "“We will rebuild the bridge,” Mayor Dana Whitfield said."
COMMANDS = {
    "ingest": ["ingest", "--model", "sm", "--workers", "1"],
    "search": ["search", "bridge"],
    "people": ["people"],
    "show": ["show", "Dana Whitfield"],
    "export": ["export", "--format", "csv"],
}


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("quotegraph: error: ")
    return lines[0]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def command(name: str, db: str, tmp_path: Path) -> list[str]:
    argv = [*COMMANDS[name], "--db", db]
    if name == "ingest":
        good = tmp_path / "good.txt"
        good.write_text(GOOD_TEXT, encoding="utf-8")
        argv.append(str(good))
    return argv


# --- broken databases -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_corrupt_sqlite_file_is_one_clear_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(os.urandom(16384))
    before = db.read_bytes()
    code, out, err = run(command(name, str(db), tmp_path), capsys)
    assert code != 0
    assert out == ""
    line = one_error_line(err)
    assert str(db) in line and "not a database" in line
    assert db.read_bytes() == before, "a corrupt database file must be left as it was"


def test_truncated_sqlite_database_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A real database cut short (a half-copied file): its header is valid, its pages are not."""
    db = tmp_path / "half.db"
    with Store(str(db)):
        pass
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db.read_bytes()
    assert len(data) > 4096
    db.write_bytes(data[: len(data) // 2])
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    code, _out, err = run(command("search", str(db), tmp_path), capsys)
    assert code != 0
    line = one_error_line(err)
    assert str(db) in line


@pytest.mark.parametrize("name", ["ingest", "search"])
def test_database_in_a_missing_directory_is_one_clear_error(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "no-such-dir" / "quotes.db"
    code, _, err = run(command(name, str(db), tmp_path), capsys)
    assert code != 0
    line = one_error_line(err)
    assert str(db) in line and "cannot open" in line
    assert not db.parent.exists()


@pytest.mark.parametrize("name", ["ingest", "search"])
def test_database_path_that_is_a_directory_is_one_clear_error(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "quotes.db"
    db.mkdir()
    code, _, err = run(command(name, str(db), tmp_path), capsys)
    assert code != 0
    line = one_error_line(err)
    assert str(db) in line and "directory" in line
    assert list(db.iterdir()) == []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("name", ["ingest", "search"])
def test_postgres_on_a_wrong_port_is_one_clear_error_naming_host_and_port(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    url = f"postgresql://quotegraph:s3cret-pw@127.0.0.1:{port}/quotegraph"
    code, _, err = run(command(name, url, tmp_path), capsys)
    assert code != 0
    line = one_error_line(err)
    assert f"127.0.0.1:{port}" in line and "cannot connect to PostgreSQL" in line
    assert "s3cret-pw" not in err, "the password must not be printed"


# --- hostile search input ---------------------------------------------------------------------

NASTY = [
    "'; DROP TABLE quotes; --",
    "Robert'); DROP TABLE entities;--",
    "' OR '1'='1",
    '" OR ""="',
    "1; DELETE FROM articles WHERE 1=1",
    "' UNION SELECT id, text, kind, speaker, first_published, 1, 1 FROM quotes --",
    "support victims' OR 1=1 --",
    'support" OR "victims',
    "quotes_fts MATCH '*'",
    "NEAR(support victims)",
    "support AND NOT victims",
    "text:support",
    "^support*",
    "support & !victims | bridge",
    "support:* <-> victims",
    "%",
    "_",
    "*",
    "\\",
    "'",
    '"',
    "(",
    "",
    "   ",
    "2019-01-01' OR first_published IS NULL --",
    "direct' OR kind <> '",
    "MILA KUNIS",
    "mila kunis",
    "Mila Kunis' --",
    "Danny Masterson",
    "2019-05-01",
    "2023",
    "direct",
    "Ünïcødé – “quotes” 😀",
    "x" * 5000,
]
NAMED = "Robert'); DROP TABLE entities;--"  # a speaker whose name is itself an injection string


def _article(text: str, article_id: str, published: str | None) -> Article:
    return Article(id=article_id, text=text, source=f"{article_id}.txt", published=published, language="en")


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def _entity(text: str, name: str, gender: str | None = None) -> Entity:
    start, end = _span(text, name)
    return Entity(name=name, label="PERSON", mentions=(Mention(start, end, name),), gender=gender)


def _quote(text: str, content: str, kind: str, speakers: tuple[str, ...], about: tuple[str, ...] = ()) -> Quote:
    start, end = _span(text, content)
    speaker = speakers[0] if speakers else "an official"
    return Quote(start, end, content, kind, "said", speaker, speakers, about=about)


def sample_analyses() -> list[Analysis]:
    one = (
        "“We support victims and we always will,” Mila Kunis said. Ashton Kutcher said that Danny Masterson"
        " had been a role model for the cast."
    )
    two = f"“'; DROP TABLE quotes; -- is not a headline,” said {NAMED}. The remark was support for nobody."
    three = "An official said that the bridge over the river would reopen in spring."
    return [
        Analysis(
            _article(one, "one", "2023-09-08"),
            (
                _quote(one, "“We support victims and we always will,”", "direct", ("Mila Kunis",)),
                _quote(
                    one,
                    "that Danny Masterson had been a role model for the cast",
                    "indirect",
                    ("Ashton Kutcher",),
                    ("Danny Masterson",),
                ),
            ),
            (_entity(one, "Mila Kunis", "f"), _entity(one, "Ashton Kutcher", "m"), _entity(one, "Danny Masterson")),
            version=__version__,
            model="handmade",
        ),
        Analysis(
            _article(two, "two", "2019-05-01"),
            (_quote(two, "“'; DROP TABLE quotes; -- is not a headline,”", "mixed", (NAMED,)),),
            (_entity(two, NAMED),),
            version=__version__,
            model="handmade",
        ),
        Analysis(
            _article(three, "three", None),
            (_quote(three, "that the bridge over the river would reopen in spring", "indirect", ()),),
            (),
            version=__version__,
            model="handmade",
        ),
    ]


SAMPLES = sample_analyses()
QUOTES = [(q, a.article.published) for a in SAMPLES for q in a.quotes]


def texts(hits: list[object]) -> set[str]:
    return {hit.text for hit in hits}  # type: ignore[attr-defined]


def expected_by_name(value: str, field: str) -> set[str]:
    """Quotes whose speaker (or about) entity has this name, ignoring ASCII case (every alias here
    is the full name, the only mention written). An empty filter is no filter."""
    if not value:
        return {q.text for q, _ in QUOTES}
    return {q.text for q, _ in QUOTES if any(n.lower() == value.lower() for n in getattr(q, field))}


@pytest.fixture(params=["sqlite", "postgresql"])
def sample_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = str(tmp_path / "quotes.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store(url) as store:
        for analysis in SAMPLES:
            assert store.write(analysis)
        yield store


def _raw_tables(store: Store) -> tuple[set[str], dict[str, int]]:
    conn = store.db._conn
    conn.commit()
    return table_names(conn, store.db.dialect.name), row_counts(conn, store.db.dialect.name)


def test_hostile_strings_through_every_filter_match_only_what_they_say(sample_store: Store) -> None:
    store = sample_store
    every = texts(store.quotes(limit=1000))
    assert every == {q.text for q, _ in QUOTES}
    dated = {q.text for q, published in QUOTES if published}
    tables_before, counts_before = _raw_tables(store)
    assert tables_before >= set(TABLES)

    for value in NASTY:
        words = " ".join(re.findall(r"\w+", value))
        assert texts(store.quotes(value, limit=1000)) == texts(store.quotes(words or None, limit=1000)), value
        assert texts(store.quotes(speaker=value, limit=1000)) == expected_by_name(value, "speakers"), value
        assert texts(store.quotes(about=value, limit=1000)) == expected_by_name(value, "about"), value
        assert texts(store.quotes(kind=value, limit=1000)) == (
            {q.text for q, _ in QUOTES if q.kind == value} if value else every
        ), value
        since = texts(store.quotes(since=value, limit=1000))
        until = texts(store.quotes(until=value, limit=1000))
        if value:  # whatever the collation: every dated quote is on one side, undated ones on neither
            assert since | until == dated, value
            # until is inclusive of the whole period it names (2023 keeps 2023-09-08), as in the API and web UI
            on_value = {q.text for q, published in QUOTES if published and published.startswith(value)}
            assert since & until == on_value, value
        else:
            assert since == until == every
        # all filters at once
        store.quotes(value, speaker=value, about=value, since=value, until=value, kind=value)

    assert _raw_tables(store) == (tables_before, counts_before)


def test_search_still_finds_what_is_there(sample_store: Store) -> None:
    store = sample_store
    (hit,) = store.quotes("support victims")
    assert hit.speakers == ("Mila Kunis",)
    assert hit.first_published == "2023-09-08"
    assert texts(store.quotes(speaker=NAMED)) == {"“'; DROP TABLE quotes; -- is not a headline,”"}
    assert texts(store.quotes("DROP TABLE quotes")) == {"“'; DROP TABLE quotes; -- is not a headline,”"}
    assert texts(store.quotes(about="danny masterson")) == {"that Danny Masterson had been a role model for the cast"}
    assert texts(store.quotes(since="2020-01-01")) == {
        "“We support victims and we always will,”",
        "that Danny Masterson had been a role model for the cast",
    }
    assert texts(store.quotes(until="2020-01-01", kind="mixed")) == {"“'; DROP TABLE quotes; -- is not a headline,”"}
    assert store.person(NAMED) is not None
    assert store.person("' OR '1'='1") is None


@pytest.mark.parametrize("option", ["query", "--speaker", "--about", "--since", "--until"])
def test_hostile_strings_through_the_search_command(
    option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "quotes.db"
    with Store(str(db)) as store:
        for analysis in SAMPLES:
            store.write(analysis)
        counts = store.counts()
    for value in NASTY:
        argv = ["search", "--json", "--db", str(db), *([value] if option == "query" else [option, value])]
        code, _out, err = run(argv, capsys)
        assert code == 0, (value, err)
        assert "Traceback" not in err
    with Store(str(db)) as store:
        assert store.counts() == counts
        assert table_names(store.db._conn, "sqlite") >= set(TABLES)


def test_a_filter_that_cannot_be_encoded_finds_nothing(tmp_path: Path) -> None:
    with Store(str(tmp_path / "quotes.db")) as store:
        for analysis in SAMPLES:
            store.write(analysis)
        assert store.quotes(speaker="Kunis\udcff") == []


def test_search_command_with_a_non_utf8_argument_does_not_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "quotes.db"
    with Store(str(db)) as store:
        store.write(SAMPLES[0])
    code, _, err = run(["search", "--speaker", "\udcff", "--db", str(db)], capsys)  # argv as Python decodes b"\xff"
    assert code in (0, 2)
    assert "Traceback" not in err


def test_a_nul_character_in_a_filter_is_harmless_on_postgres(pg_url: str) -> None:
    with Store(pg_url) as store:
        for analysis in SAMPLES:
            store.write(analysis)
        for field in ("speaker", "about", "since", "until", "kind"):
            assert store.quotes(**{field: "Mila Kunis\x00"}) == []
        assert store.quotes("support\x00victims") == store.quotes("support victims")


def test_a_nul_character_in_a_filter_is_harmless_on_sqlite(tmp_path: Path) -> None:
    with Store(str(tmp_path / "quotes.db")) as store:
        for analysis in SAMPLES:
            store.write(analysis)
        for field in ("speaker", "about", "since", "until", "kind"):
            hits = store.quotes(**{field: "Mila Kunis\x00"})
            assert field in ("since", "until") or hits == []
        assert texts(store.quotes("support\x00victims")) == texts(store.quotes("support victims"))
