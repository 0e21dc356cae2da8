"""``load`` in batches (COPY on PostgreSQL) stores exactly the rows that writing the same articles
one at a time (as ``ingest`` does) stores; twice changes nothing; an interrupted load, resumed,
ends with a clean load's rows; a bad article in a batch fails alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quotegraph import __version__
from quotegraph.batch.load import load
from quotegraph.batch.local import IngestReport, store_results
from quotegraph.batch.spark import to_row
from quotegraph.store import Store
from quotegraph.types import Analysis, Article, Entity, Event, Mention, Quote, Relation

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def _analysis(n: int, published: str | None, source: str | None = None) -> Analysis:
    speaker, other = f"Dana Whitfield{n % 3}", "Omar Castillo"
    text = f"“The bridge opens on day {n},” {speaker} said. {other} said that {speaker} was right."
    start = text.index(speaker)
    quotes = (
        Quote(0, text.index(",”") + 2, text[: text.index(",”") + 2], "direct", "said", speaker, (speaker,)),
        Quote(text.index("that"), len(text) - 1, text[text.index("that") : -1], "indirect", "said", other, (other,),
              about=(speaker,)),
    )  # fmt: skip
    entities = (
        Entity(speaker, "PERSON", (Mention(start, start + len(speaker), speaker),), gender="f"),
        Entity(other, "PERSON", (Mention(text.index(other), text.index(other) + len(other), other),)),
    )
    relations = (Relation(other, "colleague", speaker, 0, 10),)
    events = (Event("statement", (speaker, other), 0, 10, when="day"),)
    article = Article(f"a{n}", text, source=source or f"s{n}.txt", published=published, language="en")
    return Analysis(article, quotes, entities, relations, events, version=__version__, model="handmade")


ANALYSES = [_analysis(n, f"2024-0{1 + n % 9}-1{n % 10}" if n % 5 else None) for n in range(23)]
ANALYSES.append(_analysis(3, "2023-01-01", source="syndicated.txt"))  # same text as a3: one article, two sources


def _rows(store: Store) -> dict[str, Any]:
    """Every stored row, without ids and ingestion times (which differ from run to run)."""
    db = store.db
    tables = {
        "quotes": "SELECT q.text, q.kind, q.speaker, q.first_published, a.content_key, s.start_char FROM quotes q"
        " JOIN quote_sources s ON s.quote_id = q.id JOIN articles a ON a.id = s.article_id",
        "sources": "SELECT a.content_key, s.source FROM article_sources s JOIN articles a ON a.id = s.article_id",
        "entities": "SELECT entity_key, name, label, gender FROM entities",
        "aliases": "SELECT e.entity_key, al.alias FROM aliases al JOIN entities e ON e.id = al.entity_id",
        "speakers": "SELECT q.quote_key, e.entity_key FROM quote_speakers x JOIN quotes q ON q.id = x.quote_id"
        " JOIN entities e ON e.id = x.entity_id",
        "about": "SELECT q.quote_key, e.entity_key FROM quote_about x JOIN quotes q ON q.id = x.quote_id"
        " JOIN entities e ON e.id = x.entity_id",
        "relations": "SELECT a.content_key, h.entity_key, r.relation, t.entity_key FROM relations r"
        " JOIN articles a ON a.id = r.article_id JOIN entities h ON h.id = r.head_id"
        " JOIN entities t ON t.id = r.tail_id",
        "participants": "SELECT a.content_key, ev.type, e.entity_key FROM event_participants p"
        " JOIN events ev ON ev.id = p.event_id JOIN articles a ON a.id = ev.article_id"
        " JOIN entities e ON e.id = p.entity_id",
        "mentions": "SELECT a.content_key, e.entity_key, m.start_char FROM mentions m"
        " JOIN articles a ON a.id = m.article_id JOIN entities e ON e.id = m.entity_id",
    }  # fmt: skip
    rows: dict[str, Any] = {name: sorted(map(tuple, db.query(sql)), key=repr) for name, sql in tables.items()}
    rows["counts"] = store.counts()
    return rows


def _parquet(folder: Path) -> Path:
    folder.mkdir()
    for n, part in enumerate((ANALYSES[:10], ANALYSES[10:])):
        pq.write_table(pa.Table.from_pylist([to_row(a) for a in part]), folder / f"part-{n:05d}.parquet")
    return folder


@pytest.fixture(params=["sqlite", "postgresql"])
def urls(request: pytest.FixtureRequest, tmp_path: Path) -> list[str]:
    if request.param == "sqlite":
        return [str(tmp_path / f"{n}.db") for n in range(3)]
    factory = request.getfixturevalue("pg_factory")
    return [factory() for _ in range(3)]


def test_bulk_load_stores_what_one_by_one_stores_and_resumes(urls: list[str], tmp_path: Path) -> None:
    out = _parquet(tmp_path / "out.parquet")
    one_by_one, bulk, resumed = urls
    with Store(one_by_one) as store:
        assert [store.write(a) for a in ANALYSES] == [True] * 23 + [False]
        expected = _rows(store)
    assert expected["counts"]["articles"] == 23 and expected["counts"]["article_sources"] == 24
    assert ("“The bridge opens on day 3,”",) in {r[:1] for r in expected["quotes"]}
    # the copy adds a source only, as ingest does: the stored article (and its date) stays
    assert {r[3] for r in expected["quotes"] if r[0] == "“The bridge opens on day 3,”"} == {"2024-04-13"}

    with Store(bulk) as store:
        report = load([str(out)], store, batch_rows=7)
        assert (report.new, report.existing, report.failed) == (23, 1, 0)
        assert _rows(store) == expected
        again = load([str(out)], store, batch_rows=7)  # twice: nothing new, nothing doubled
        assert (again.new, again.existing) == (0, 24)
        assert _rows(store) == expected

    with Store(resumed) as store:  # "killed" after the first part file, then run again
        load([str(out / "part-00000.parquet")], store, batch_rows=4)
        load([str(out)], store, batch_rows=4)
        assert _rows(store) == expected


def test_a_bad_article_in_a_batch_fails_alone(urls: list[str], tmp_path: Path) -> None:
    bad = _analysis(99, "2024-01-01")
    bad = Analysis(
        Article("bad", bad.article.text + "\udcff", source="bad.txt", language="en"), bad.quotes, bad.entities,
        version=__version__, model="handmade",
    )  # fmt: skip  # a lone surrogate cannot be encoded for any database
    with Store(urls[0]) as store:
        report = IngestReport()
        store_results([*ANALYSES[:3], bad, *ANALYSES[3:6]], store, report, batch=4)
        assert (report.new, report.failed) == (6, 1)
        assert report.failures[0].source == "bad.txt" and report.failures[0].code == "store"
        assert store.counts()["articles"] == 6
