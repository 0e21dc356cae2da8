"""QuoteFilter: the one definition of a quote search checks its fields with errors that name them."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from quotegraph.errors import FilterError, QuotegraphError
from quotegraph.store import QuoteFilter, Store
from quotegraph.store.filters import KINDS, until_bound


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"speaker": 5}, "quote filter speaker: expected text or None, got int 5"),
        ({"q": b"victims"}, "quote filter q: expected text or None, got bytes b'victims'"),
        ({"kind": ["direct"]}, "quote filter kind: expected text or None, got list ['direct']"),
        ({"limit": 0}, "quote filter limit: must be from 1 to 1000, got 0"),
        ({"limit": 1001}, "quote filter limit: must be from 1 to 1000, got 1001"),
        ({"limit": "20"}, "quote filter limit: expected a whole number, got str '20'"),
        ({"limit": True}, "quote filter limit: expected a whole number, got bool True"),
        ({"offset": -1}, "quote filter offset: must be 0 or more, got -1"),
        ({"offset": 2.5}, "quote filter offset: expected a whole number, got float 2.5"),
    ],
)
def test_a_bad_field_is_a_filter_error_naming_it(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(FilterError) as caught:
        QuoteFilter(**fields)
    assert caught.value.message == message
    assert caught.value.code == "bad-filter"
    assert isinstance(caught.value, QuotegraphError) and isinstance(caught.value, ValueError)


def test_good_fields_are_kept_as_given_and_the_filter_is_frozen() -> None:
    filt = QuoteFilter("support", speaker="Kunis", since="2019", until="2019-11", kind="direct", limit=1000, offset=7)
    assert (filt.q, filt.speaker, filt.since, filt.until, filt.kind, filt.limit, filt.offset) == (
        "support", "Kunis", "2019", "2019-11", "direct", 1000, 7,
    )  # fmt: skip
    with pytest.raises(dataclasses.FrozenInstanceError):
        filt.limit = 5  # type: ignore[misc]
    assert QuoteFilter(limit=1).limit == 1 and QuoteFilter(offset=0).offset == 0


def test_until_includes_the_whole_period_it_names() -> None:
    assert QuoteFilter(until="2019").until_inclusive == "2019-99-99"
    assert QuoteFilter(until="2019-11").until_inclusive == "2019-11-99"
    assert (QuoteFilter(until="2019-11").until_inclusive or "") >= "2019-11-30"
    assert (QuoteFilter(until="2019-11-19").until_inclusive or "") >= "2019-11-19T10:00"
    assert (QuoteFilter(until="2019-11").until_inclusive or "") < "2019-12-01"
    assert QuoteFilter().until_inclusive is None and QuoteFilter(until="").until_inclusive is None
    assert until_bound(None) is None


def test_format_problems_name_each_bad_date_and_kind() -> None:
    assert QuoteFilter(since="2019-01-01", until="2020", kind="mixed").format_problems() == ()
    assert QuoteFilter(since="yesterday", until="2019/11", kind="quoted").format_problems() == (
        "“yesterday” is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        "“2019/11” is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
        "“quoted” is not a kind of quote (direct, indirect or mixed)",
    )
    assert KINDS == ("direct", "indirect", "mixed")


def test_empty_and_query() -> None:
    assert QuoteFilter(limit=5, offset=10).is_empty
    assert QuoteFilter(q="", speaker="").is_empty
    assert not QuoteFilter(kind="direct").is_empty
    assert QuoteFilter("victims", about="Danny", since="", limit=3).query() == {"q": "victims", "about": "Danny"}


def test_store_takes_a_filter_or_keywords_but_not_both(tmp_path: Path) -> None:
    with Store(str(tmp_path / "quotes.db")) as store:
        assert store.quotes(QuoteFilter("victims")) == store.quotes("victims") == []
        with pytest.raises(FilterError, match="either a QuoteFilter or keyword filters"):
            store.quotes(QuoteFilter("victims"), speaker="Mila Kunis")
        with pytest.raises(FilterError, match="limit: must be from 1 to 1000, got 5000"):
            store.quotes("victims", limit=5000)
