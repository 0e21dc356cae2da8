"""One filter, one answer: the same QuoteFilter through Python, the CLI ``search`` and ``/api/quotes``,
on SQLite and on PostgreSQL, gives the same quotes in the same order."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

import quotegraph
from quotegraph import __version__
from quotegraph.api.app import create_app
from quotegraph.cli import main
from quotegraph.store import QuoteFilter
from quotegraph.types import Analysis

from .test_store_faults import SAMPLES, _article, _entity, _quote

NOVEMBER = "“The ferry runs until the end of the month,” Mila Kunis said. Officials said that fares would rise."
DECEMBER = "Ashton Kutcher said that Mila Kunis had chosen the route. “It is the only way across,” Kutcher added."
MORE = [
    Analysis(
        _article(NOVEMBER, "november", "2019-11-30"),
        (
            _quote(NOVEMBER, "“The ferry runs until the end of the month,”", "direct", ("Mila Kunis",)),
            _quote(NOVEMBER, "that fares would rise", "indirect", ()),
        ),
        (_entity(NOVEMBER, "Mila Kunis", "f"),),
        version=__version__,
        model="handmade",
    ),
    Analysis(
        _article(DECEMBER, "december", "2019-12-01"),
        (
            _quote(DECEMBER, "that Mila Kunis had chosen the route", "indirect", ("Ashton Kutcher",), ("Mila Kunis",)),
            _quote(DECEMBER, "“It is the only way across,”", "direct", ("Ashton Kutcher",)),
        ),
        (_entity(DECEMBER, "Ashton Kutcher", "m"), _entity(DECEMBER, "Mila Kunis", "f")),
        version=__version__,
        model="handmade",
    ),
]

FILTERS = [
    QuoteFilter(),
    QuoteFilter("support victims"),
    QuoteFilter("ferry"),
    QuoteFilter(speaker="mila kunis"),
    QuoteFilter(about="Mila Kunis"),
    QuoteFilter(about="Danny Masterson", kind="indirect"),
    QuoteFilter(since="2019-12"),
    QuoteFilter(until="2019-11"),  # inclusive: keeps 2019-11-30
    QuoteFilter(until="2019"),
    QuoteFilter(since="2019-05-01", until="2019-11-30"),
    QuoteFilter(kind="direct"),
    QuoteFilter(kind="direct", limit=1, offset=1),
    QuoteFilter(speaker="Ashton Kutcher", since="2019", until="2023", limit=2),
    QuoteFilter(limit=2, offset=3),
    QuoteFilter("route", speaker="Ashton Kutcher", about="Mila Kunis", since="2019", until="2019-12", kind="indirect"),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("surfaces") / "quotes.db")
    else:
        url = request.getfixturevalue("pg_factory")()
    with quotegraph.open(url) as store:
        for analysis in [*SAMPLES, *MORE]:
            assert store.write(analysis)
    yield url


@pytest.fixture(scope="module")
def api(db_url: str) -> Iterator[Any]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    with TestClient(create_app(db_url)) as client:
        yield client


def _cli_args(filt: QuoteFilter) -> list[str]:
    options = [part for name, value in filt.query().items() if name != "q" for part in (f"--{name}", value)]
    return [filt.q or "", *options, "--limit", str(filt.limit), "--offset", str(filt.offset)]


@pytest.mark.parametrize("filt", FILTERS, ids=[repr({**f.query(), "page": (f.limit, f.offset)}) for f in FILTERS])
def test_the_same_filter_gives_the_same_quotes_everywhere(
    filt: QuoteFilter, db_url: str, api: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with quotegraph.open(db_url) as store:
        python = [hit.to_dict() for hit in store.quotes(filt)]
        keywords = [hit.to_dict() for hit in store.quotes(**_keywords(filt))]

    assert main(["search", "--json", "--db", db_url, *_cli_args(filt)]) == 0
    cli = [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    response = api.get("/api/quotes", params={**filt.query(), "limit": filt.limit, "offset": filt.offset})
    assert response.status_code == 200, response.text
    rest = response.json()["items"]

    assert python == keywords == cli == rest


def _keywords(filt: QuoteFilter) -> dict[str, Any]:
    return {name: getattr(filt, name) for name in QuoteFilter.__dataclass_fields__}


def test_the_filters_select_what_they_say(db_url: str) -> None:
    """The answers compared above are not all empty or all alike: each filter picks its quotes."""
    with quotegraph.open(db_url) as store:

        def texts(filt: QuoteFilter) -> list[str]:
            return [hit.text for hit in store.quotes(filt)]

        assert len(texts(QuoteFilter())) == 8
        assert texts(QuoteFilter("ferry")) == ["“The ferry runs until the end of the month,”"]
        assert set(texts(QuoteFilter(until="2019-11"))) == {
            "“The ferry runs until the end of the month,”",
            "that fares would rise",
            "“'; DROP TABLE quotes; -- is not a headline,”",
        }
        assert texts(QuoteFilter(since="2019-12", until="2019-12")) == [
            "that Mila Kunis had chosen the route",
            "“It is the only way across,”",
        ]
        assert texts(QuoteFilter(about="Mila Kunis")) == ["that Mila Kunis had chosen the route"]
        assert texts(QuoteFilter(kind="direct", limit=1, offset=1)) == ["“It is the only way across,”"]
        assert texts(QuoteFilter(kind="quoted")) == []
