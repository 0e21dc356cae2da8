"""Reading real news: the aeb pages as HTML files and as a WARC, and real-world WARC oddities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.ingest.sources import read_inputs
from quotegraph.ingest.warc import WarcStats, read_warc
from quotegraph.types import Article, Failure

from .support import AEB_TRUTH, AEB_WARC, CLIPPED_WARC, EXAMPLE_WARC, shared_path

AEB_PAGES = 181


def page_id(source: str) -> str:
    return Path(source).name.split(".")[0]


def warc_target_uris(path: Path) -> dict[int, str]:
    """WARC-Target-URI of every response record by byte offset, read with warcio directly."""
    from warcio.archiveiterator import ArchiveIterator

    uris: dict[int, str] = {}
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type == "response":
                uris[records.get_record_offset()] = record.rec_headers.get_header("WARC-Target-URI")
    return uris


def warc_offset(source: str) -> int:
    return int(source.rsplit("@", 1)[1])


@pytest.mark.slow
def test_aeb_html_directory_yields_one_item_per_page(aeb_html_items: list[Article | Failure]) -> None:
    truth = json.loads(shared_path(*AEB_TRUTH).read_text("utf-8"))
    assert len(aeb_html_items) == AEB_PAGES == len(truth)
    assert sorted(page_id(item.source) for item in aeb_html_items) == sorted(truth)
    failures = [item for item in aeb_html_items if isinstance(item, Failure)]
    assert {f.code for f in failures} <= {"not-english"}, failures
    assert all(item.text.strip() and item.language == "en" for item in aeb_html_items if isinstance(item, Article))


@pytest.mark.slow
def test_aeb_warc_yields_the_same_texts_as_the_html_files(
    aeb_html_items: list[Article | Failure], aeb_warc_items: list[Article | Failure]
) -> None:
    truth = json.loads(shared_path(*AEB_TRUTH).read_text("utf-8"))
    uris = warc_target_uris(shared_path(*AEB_WARC))
    assert len(aeb_warc_items) == AEB_PAGES == len(uris)

    html_by_url = {truth[page_id(item.source)]["url"]: item for item in aeb_html_items}
    assert len(html_by_url) == AEB_PAGES, "ground-truth URLs are not unique"
    warc_by_url = {uris[warc_offset(item.source)]: item for item in aeb_warc_items}
    assert set(warc_by_url) == set(html_by_url)

    for url, html in html_by_url.items():
        warc = warc_by_url[url]
        assert type(warc) is type(html), f"{url}: {html} from HTML but {warc} from the WARC"
        if isinstance(html, Article):
            assert isinstance(warc, Article)
            assert warc.url == url
            assert warc.text == html.text, f"{url}: WARC text differs from {html.source}"
            assert warc.title == html.title
        else:
            assert isinstance(warc, Failure)
            assert html.code == warc.code == "not-english"


@pytest.mark.slow
def test_non_english_pages_are_skipped_with_a_reason_from_both(
    aeb_html_items: list[Article | Failure], aeb_warc_items: list[Article | Failure]
) -> None:
    for items in (aeb_html_items, aeb_warc_items):
        skipped = [item for item in items if isinstance(item, Failure)]
        assert skipped, "the aeb set has pages in other languages; none was skipped"
        assert all(f.code == "not-english" for f in skipped), skipped
        assert all("not English" in f.detail and "skipped" in f.detail for f in skipped)
    html_skipped = sorted(page_id(f.source) for f in aeb_html_items if isinstance(f, Failure))
    assert len(html_skipped) == sum(isinstance(f, Failure) for f in aeb_warc_items)
    # WARC failures name the archive and the record's byte offset.
    warc_path = str(shared_path(*AEB_WARC))
    uris = warc_target_uris(shared_path(*AEB_WARC))
    for failure in aeb_warc_items:
        if isinstance(failure, Failure):
            assert failure.source.startswith(warc_path + "@")
            assert warc_offset(failure.source) in uris


def test_clipped_warc_gives_exactly_one_truncated_failure() -> None:
    path = shared_path(*CLIPPED_WARC)
    stats = WarcStats()
    items = list(read_warc(str(path), stats))
    assert len(items) == 1, items
    (failure,) = items
    assert isinstance(failure, Failure)
    assert failure.code == "truncated"
    assert failure.source.startswith(f"{path}@")
    assert "bytes missing" in failure.detail
    assert stats.articles == 0
    assert stats.skipped.get("truncated") == 1
    # the same through the general reader
    assert [(type(i), getattr(i, "code", None)) for i in read_inputs([str(path)])] == [(Failure, "truncated")]


def test_warcio_example_is_readable() -> None:
    """The warcio test archive: warcinfo, request, response and revisit records; one HTML page."""
    path = shared_path(*EXAMPLE_WARC)
    stats = WarcStats()
    items = list(read_warc(str(path), stats))
    assert len(items) == 1, items
    (article,) = items
    assert isinstance(article, Article)
    assert article.url == "http://example.com/"
    assert article.title == "Example Domain"
    assert article.text.startswith("This domain is established to be used for illustrative examples")
    assert article.source.startswith(f"{path}@")
    assert stats.articles == 1
    assert stats.skipped == {"warcinfo": 2, "request": 2, "revisit": 1}
    (read,) = read_inputs([str(path)])
    assert isinstance(read, Article) and read.text == article.text and read.language == "en"
