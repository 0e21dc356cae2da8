"""People of one name across articles, on SQLite and PostgreSQL: merged when their contexts fit,
kept apart when gender or roles clash, and shown apart by ``people``, ``show``, the API and the
person page. Also: a later copy of an article fills in the URL, title and date it lacked.

The articles are made up and analysed by hand (no model): the roles come from the store's own
reading of the text (``people/roles.py``).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any, Literal
from urllib.parse import quote

import pytest

from quotegraph import __version__
from quotegraph.api.app import create_app
from quotegraph.cli import main
from quotegraph.store import Store
from quotegraph.store.writer import add_source, content_key
from quotegraph.types import Analysis, Article, Entity, Mention, Quote

QUARTERBACK = (
    "Chris Walker threw three touchdown passes as the Harbor City Gulls won on Sunday. “We trusted the plan,”"
    " the quarterback said. He has started every game this season."
)
PROFESSOR = (
    "Professor Chris Walker, a chemist at Northfield University, said the coral samples had surprised her team."
    " “Nobody expected the reef to recover so fast,” she said."
)
CONTRACT = (
    "Chris Walker, the Gulls quarterback, signed a new contract on Friday. “I want to finish my career here,”"
    " Walker said."
)
SENATOR = "Sen. Maria Lopez said on Tuesday that the water bill would pass. “We have the votes,” she said."
LAWMAKER = "Maria Lopez, a lawmaker from the coast, voted against the budget. “It starves the ports,” Lopez said."
REYES_HE = "Jordan Reyes opened a bakery on Main Street. “Bread is a promise,” he said."
REYES_SHE = "Jordan Reyes ran the marathon in record time. “My legs gave up before I did,” she said."


def _span(text: str, piece: str, after: int = 0) -> Mention:
    start = text.index(piece, after)
    return Mention(start, start + len(piece), piece)


def article(
    text: str,
    source: str,
    name: str,
    gender: Literal["m", "f"] | None,
    said: list[str],
    also: tuple[str, ...] = (),
    **meta: Any,
) -> Analysis:
    """One person (name, gender, further mentions ``also``) saying each of ``said``."""
    mentions = (_span(text, name), *(_span(text, m, text.index(name) + 1) for m in also))
    quotes = tuple(
        Quote(m.start, m.end, m.text, "direct" if m.text.startswith("“") else "indirect", "said", name, (name,))
        for m in (_span(text, piece) for piece in said)
    )
    return Analysis(
        Article(id=source, text=text, source=source, language="en", **meta),
        quotes,
        (Entity(name, "PERSON", mentions, gender),),
        version=__version__,
        model="handmade",
    )


def walkers() -> list[Analysis]:
    return [
        article(QUARTERBACK, "gulls.txt", "Chris Walker", "m", ["“We trusted the plan,”"], ("the quarterback", "He")),
        article(
            PROFESSOR,
            "reef.txt",
            "Chris Walker",
            "f",
            ["the coral samples had surprised her team", "“Nobody expected the reef to recover so fast,”"],
            ("she",),
        ),
        article(CONTRACT, "contract.txt", "Chris Walker", None, ["“I want to finish my career here,”"], ("Walker",)),
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("people") / "quotes.db")
    return str(request.getfixturevalue("pg_factory")())


def people_of(store: Store, name: str) -> dict[str, tuple[Any, ...]]:
    """entity key -> (gender, homonym, roles, sources of its mentions) of every person of ``name``."""
    out = {}
    for entity_id, key, gender, homonym in store.db.query(
        "SELECT id, entity_key, gender, homonym FROM entities WHERE name = ? ORDER BY homonym", (name,)
    ):
        roles = {r[0] for r in store.db.query("SELECT role FROM entity_roles WHERE entity_id = ?", (entity_id,))}
        sources = {
            r[0]
            for r in store.db.query(
                "SELECT DISTINCT s.source FROM mentions m JOIN article_sources s ON s.article_id = m.article_id"
                " WHERE m.entity_id = ?",
                (entity_id,),
            )
        }
        out[key] = (gender, homonym, frozenset(roles), frozenset(sources))
    return out


def test_a_quarterback_and_a_professor_of_one_name_are_two_people(db_url: str) -> None:
    with Store(db_url) as store:
        assert all(store.write(a) for a in walkers())
        assert people_of(store, "Chris Walker") == {
            "PERSON:chris walker": ("m", 1, {"quarterback"}, {"gulls.txt", "contract.txt"}),
            "PERSON:chris walker#2": ("f", 2, {"chemist", "professor"}, {"reef.txt"}),
        }
        hers = store.quotes(speaker="Chris Walker #2")
        assert {h.text for h in hers} == {
            "the coral samples had surprised her team",
            "“Nobody expected the reef to recover so fast,”",
        }
        assert all(h.speakers == ("Chris Walker #2",) for h in hers)
        assert len(store.quotes(speaker="Chris Walker")) == 4  # the bare name: every person of it
        assert sorted(store.people()) == [("Chris Walker", 2), ("Chris Walker #2", 2)]


def test_people_of_one_name_whose_contexts_fit_are_one_person(db_url: str) -> None:
    """Same gender, different role words of one domain (senator, lawmaker); unknown context fits any."""
    with Store(db_url) as store:
        store.write(article(SENATOR, "bill.txt", "Maria Lopez", "f", ["“We have the votes,”"], ("she",)))
        store.write(article(LAWMAKER, "budget.txt", "Maria Lopez", "f", ["“It starves the ports,”"], ("Lopez",)))
        for analysis in walkers():
            store.write(analysis)
        lopez = people_of(store, "Maria Lopez")
        assert lopez == {"PERSON:maria lopez": ("f", 1, {"sen", "lawmaker"}, {"bill.txt", "budget.txt"})}
        # the contract article (no gender, a quarterback) joins the quarterback, not the professor
        assert "contract.txt" in people_of(store, "Chris Walker")["PERSON:chris walker"][3]
        assert store.person("Maria Lopez") is not None
        assert len(store.persons("Maria Lopez")) == 1


def test_known_genders_that_differ_keep_people_apart(db_url: str) -> None:
    with Store(db_url) as store:
        store.write(article(REYES_HE, "bakery.txt", "Jordan Reyes", "m", ["“Bread is a promise,”"], ("he",)))
        store.write(article(REYES_SHE, "race.txt", "Jordan Reyes", "f", ["“My legs gave up before I did,”"]))
        assert sorted(people_of(store, "Jordan Reyes")) == ["PERSON:jordan reyes", "PERSON:jordan reyes#2"]


def test_a_batch_decides_as_the_same_articles_written_one_by_one(db_url: str, tmp_path: Any) -> None:
    analyses = [*walkers(), article(SENATOR, "bill.txt", "Maria Lopez", "f", ["“We have the votes,”"])]
    one_by_one = str(tmp_path / "one.db")
    with Store(one_by_one) as store:
        for analysis in analyses:
            store.write(analysis)
        want = {name: people_of(store, name) for name in ("Chris Walker", "Maria Lopez")}
        want_quotes = store.db.query("SELECT quote_key FROM quotes ORDER BY quote_key")
    with Store(db_url) as store:
        assert store.write_many(analyses) == [True] * len(analyses)
        assert {name: people_of(store, name) for name in ("Chris Walker", "Maria Lopez")} == want
        assert store.db.query("SELECT quote_key FROM quotes ORDER BY quote_key") == want_quotes
        assert store.write_many(analyses) == [False] * len(analyses)  # idempotent
        assert {name: people_of(store, name) for name in ("Chris Walker", "Maria Lopez")} == want


@pytest.fixture
def walkers_db(db_url: str) -> Iterator[str]:
    with Store(db_url) as store:
        for analysis in walkers():
            store.write(analysis)
    yield db_url


def test_show_and_people_tell_the_two_apart(walkers_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["people", "--db", walkers_db]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "     2  Chris Walker  (quarterback)",
        "     2  Chris Walker #2  (chemist, professor)",
    ]
    assert main(["show", "Chris Walker", "--db", walkers_db]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert heads == ["Chris Walker (m) — quarterback", "Chris Walker #2 (f) — chemist, professor"]
    assert main(["show", "chris walker #2", "--db", walkers_db]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Chris Walker #2 (f) — chemist, professor"
    assert main(["show", "chris walker #2", "--json", "--db", walkers_db]) == 0
    (only,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (only["ref"], only["gender"], only["roles"]) == ("Chris Walker #2", "f", ["chemist", "professor"])
    assert {q["text"] for q in only["quotes"]} == {
        "the coral samples had surprised her team",
        "“Nobody expected the reef to recover so fast,”",
    }


def test_the_api_and_the_person_page_tell_the_two_apart(walkers_db: str) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    with TestClient(create_app(walkers_db)) as client:
        people = client.get("/api/people").json()["items"]
        assert people == [
            {"name": "Chris Walker", "count": 2, "roles": ["quarterback"]},
            {"name": "Chris Walker #2", "count": 2, "roles": ["chemist", "professor"]},
        ]
        first = client.get("/api/people/Chris Walker").json()
        assert (first["ref"], first["roles"], first["quote_count"]) == ("Chris Walker", ["quarterback"], 2)
        assert first["namesakes"] == [{"name": "Chris Walker #2", "count": 2, "roles": ["chemist", "professor"]}]
        second = client.get("/api/people/" + quote("Chris Walker #2", safe="")).json()
        assert (second["ref"], second["gender"], second["quote_count"]) == ("Chris Walker #2", "f", 2)
        assert {q["text"] for q in second["quotes"]} == {
            "the coral samples had surprised her team",
            "“Nobody expected the reef to recover so fast,”",
        }
        page = client.get("/people/Chris Walker").text
        assert 'href="/people/Chris%20Walker%20%232"' in page and "chemist, professor" in page
        assert "<h1>Chris Walker #2</h1>" in client.get("/people/Chris%20Walker%20%232").text


def test_a_later_copy_fills_the_url_title_and_date_an_article_lacked(db_url: str) -> None:
    bare = article(SENATOR, "html/bill.html", "Maria Lopez", "f", ["“We have the votes,”"])
    full = article(
        SENATOR, "news.warc.gz:7", "Maria Lopez", "f", ["“We have the votes,”"],
        url="https://example.org/bill", title="The water bill", published="2024-03-05",
    )  # fmt: skip
    other = article(LAWMAKER, "html/budget.html", "Maria Lopez", "f", ["“It starves the ports,”"])
    with Store(db_url) as store:
        assert store.write(bare) and store.write(other)
        assert not store.write(full)  # a further source, through the writer
        row = store.db.one(
            "SELECT url, title, published FROM articles WHERE content_key = ?", (content_key(full.article),)
        )
        assert row == ("https://example.org/bill", "The water bill", "2024-03-05")
        assert [h.first_published for h in store.quotes("votes")] == ["2024-03-05"]
        # through ingest's path for stored articles; a URL already known is kept
        add_source(
            store.db, content_key(other.article), Article("x", LAWMAKER, "feed.jsonl:2", url="https://example.org/b")
        )
        add_source(
            store.db, content_key(other.article), Article("y", LAWMAKER, "feed.jsonl:3", url="https://other.org/b")
        )
        row = store.db.one(
            "SELECT url, title, published FROM articles WHERE content_key = ?", (content_key(other.article),)
        )
        assert row == ("https://example.org/b", None, None)
        assert store.counts()["article_sources"] == 5


def test_a_batch_fills_a_missing_url_from_a_copy_later_in_it(db_url: str) -> None:
    bare = article(REYES_HE, "html/bakery.html", "Jordan Reyes", "m", ["“Bread is a promise,”"])
    full = article(REYES_HE, "news.warc.gz:9", "Jordan Reyes", "m", ["“Bread is a promise,”"], url="https://ex.org/b")
    with Store(db_url) as store:
        assert store.write_many([bare, full]) == [True, False]
        assert store.db.one("SELECT url FROM articles") == ("https://ex.org/b",)
