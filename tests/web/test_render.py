"""The pieces behind the pages, without a database: spans to HTML, colours, cues, charts."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.api.routes import _cell, until_bound
from quotegraph.store.views import Edge, NameCount, locate_cue
from quotegraph.web.charts import graph_svg, layout, timeline_bars, timeline_svg
from quotegraph.web.render import PALETTE, Mark, assign_colours, colour_of, render_spans

from .helpers import Elements


def mark(start: int, end: int, layer: int = 0, name: str = "x") -> Mark:
    attrs = (("class", f"m {name}"), ("data-n", name))
    return Mark(start, end, layer, "span", attrs, (("class", f"m {name} cont"),))


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def test_spans_are_nested_and_every_piece_escaped() -> None:
    text = "<b>Hi</b> & “bye”"
    out = str(render_spans(text, [mark(0, 9, name="a"), mark(3, 5, 1, "b")]))
    assert out == (
        '<span class="m a" data-n="a">&lt;b&gt;<span class="m b" data-n="b">Hi</span>&lt;/b&gt;</span> &amp; “bye”'
    )


def test_crossing_spans_are_split_with_one_first_fragment_each() -> None:
    out = str(render_spans("abcdefgh", [mark(0, 5, name="a"), mark(3, 8, 1, "b")]))
    assert out == (
        '<span class="m a" data-n="a">abc<span class="m b" data-n="b">de</span></span><span class="m b cont">fgh</span>'
    )
    page = Elements(out)
    assert len([s for s in page.find("span") if "data-n" in s]) == 2


def test_attribute_values_are_escaped() -> None:
    evil = Mark(0, 1, 0, "mark", (("title", '"><script>alert(1)</script>'),), ())
    out = str(render_spans("x", [evil]))
    assert "<script>" not in out and "&#34;&gt;&lt;script&gt;" in out


def test_out_of_range_and_empty_spans_are_ignored() -> None:
    out = str(render_spans("abc", [mark(2, 9), mark(-1, 2), mark(1, 1)]))
    assert out == "abc"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab<>&\"' \n“", max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), st.integers(0, 2)), max_size=8),
)
def test_rendering_keeps_the_text_and_balances_tags(text: str, spans: list[tuple[int, int, int]]) -> None:
    marks = [mark(a, b, layer, f"n{i}") for i, (a, b, layer) in enumerate(spans)]
    out = str(render_spans(text, marks))
    assert plain(out) == text
    assert out.count("<span") == out.count("</span>")
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    assert out.count("data-n=") == len(valid)  # exactly one first fragment per span


def test_speaker_colours_are_deterministic_and_distinct_on_a_page() -> None:
    assert colour_of("Mila Kunis") == colour_of("mila kunis")
    names = [f"Person {i}" for i in range(PALETTE)]
    colours = assign_colours([*names, None, "Person 1"])
    assert len(set(colours.values())) == PALETTE
    assert colours == assign_colours(reversed(names))
    pair = assign_colours(["Ashton Kutcher", "Mila Kunis"])
    assert pair["Ashton Kutcher"] != pair["Mila Kunis"]


def test_cue_is_located_nearest_the_speaker_outside_the_quote() -> None:
    text = "“We said no,” Kutcher said. Later he said more."
    start, end = 0, text.index("”") + 1
    who = text.index("Kutcher")
    found = locate_cue(text, "said", start, end, who)
    assert found is not None and found[0] == text.index("said", who)
    assert locate_cue(text, None, start, end) is None
    assert locate_cue(text, "shouted", start, end) is None
    assert locate_cue("a (b) c", "(b)", 0, 1) == (2, 5)  # cue text is a literal, never a pattern


def test_timeline_fills_gaps_and_keeps_undated_apart() -> None:
    bars = timeline_bars([NameCount("2019-11", 2), NameCount("2020-02", 1)], 3)
    assert bars == [("2019-11", 2), ("2019-12", 0), ("2020-01", 0), ("2020-02", 1), ("undated", 3)]
    years = timeline_bars([NameCount("2001-01", 1), NameCount("2019-05", 4)], 0)
    assert years[0] == ("2001", 1) and years[-1] == ("2019", 4) and len(years) == 19
    svg = str(timeline_svg("<i>Eve</i>", [NameCount("2019-11", 2)], 1))
    assert "<i>" not in svg and "&lt;i&gt;Eve&lt;/i&gt;" in svg
    assert svg.count("<rect") == 2


def test_graph_layout_is_deterministic_and_labels_escaped() -> None:
    edges = [Edge("<A>", "B", "mentions", "quotes", 3), Edge("B", "C", "relation", "sibling", 1)]
    names, links = ("<A>", "B", "C"), (("<A>", "B"), ("B", "C"))
    layout.cache_clear()
    first = layout(names, links)
    layout.cache_clear()
    assert layout(names, links) == first
    assert all(0 <= x <= 1000 and 0 <= y <= 1000 for x, y in first.values())
    svg = str(graph_svg(edges))
    assert "<A>" not in svg and "&lt;A&gt;" in svg and "sibling" in svg
    assert 'href="/people/%3CA%3E"' in svg


def test_until_is_inclusive_and_csv_cells_are_neutralised() -> None:
    assert until_bound("2019") == "2019-99-99" and until_bound("2019-11") == "2019-11-99"
    assert (until_bound("2019-11") or "") >= "2019-11-30"
    assert (until_bound("2019-11-19") or "") >= "2019-11-19T10:00"
    assert until_bound(None) is None
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("fine") == "fine" and _cell(3) == 3
