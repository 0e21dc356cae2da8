"""Server-rendered pages: the seed article's highlights, a person page, search, graph, escaping."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from .helpers import HOSTILE_QUOTE, HOSTILE_SPEAKER, HOSTILE_TITLE, Elements

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def highlights(page: Elements) -> list[dict[str, str]]:
    """The one focusable element of each highlighted quote (continuation fragments left out)."""
    return [m for m in page.find("mark", class_="q") if "cont" not in m["class"].split()]


def colour(attrs: dict[str, str]) -> str:
    return next(c for c in attrs["class"].split() if c.startswith("sp"))


def test_seed_article_highlights_all_nine_quotes_in_two_speaker_colours(client: TestClient, seed_id: int) -> None:
    response = client.get(f"/articles/{seed_id}")
    assert response.status_code == 200
    page = Elements(response.text)
    marks = highlights(page)
    assert len(marks) == 9
    assert len({colour(m) for m in marks}) == 2
    quotes = client.get(f"/api/articles/{seed_id}").json()["quotes"]
    by_speaker: dict[str, set[str]] = {q["speaker"]: set() for q in quotes}
    for quote_, mark in zip(quotes, marks, strict=True):
        by_speaker[quote_["speaker"]].add(colour(mark))
    assert set(by_speaker) == {"Ashton Kutcher", "Mila Kunis"}
    assert all(len(c) == 1 for c in by_speaker.values())
    ids = {attrs.get("id") for _, attrs in page.tags}
    for mark in marks:
        assert mark["tabindex"] == "0"
        assert mark["aria-describedby"] in ids
        assert mark["data-attribution"].split(" — ")[0] in {
            "Ashton Kutcher",
            "Mila Kunis",
            "Ashton Kutcher & Mila Kunis",
        }
    assert len(page.find("span", class_="cue")) >= 8
    assert len(page.find("span", class_="who")) >= 8
    assert page.find("main") and page.find("nav") and page.find("header")


def test_graph_page_draws_speakers_and_the_people_they_quote_about(client: TestClient) -> None:
    page = Elements(client.get("/graph").text)
    nodes = {a["data-name"]: a for a in page.find("a", class_="node")}
    assert {"Ashton Kutcher", "Danny Masterson"} <= set(nodes)
    assert nodes["Mila Kunis"]["href"] == "/people/Mila%20Kunis"
    edges = {(e["data-source"], e["data-target"]) for e in page.find("line", class_="edge")}
    assert ("Ashton Kutcher", "Danny Masterson") in edges
    assert page.find("table")  # the same graph as a table, for screen readers


def test_mila_kunis_page_lists_her_six_quotes(client: TestClient) -> None:
    response = client.get("/people/" + quote("Mila Kunis"))
    assert response.status_code == 200
    page = Elements(response.text)
    items = [attrs for tag, attrs in page.tags if tag == "li" and "data-quote-id" in attrs]
    assert len(items) == 6
    text = "".join(page.text)
    assert "Kunis" in text and "Danny Masterson" in text
    svg = page.find("svg", class_="timeline")
    assert svg and svg[0]["role"] == "img"
    assert len(page.find("rect", class_="bar")) >= 1


def test_search_page_with_filters_and_errors(client: TestClient) -> None:
    page = Elements(client.get("/", params={"q": "victims"}).text)
    items = [attrs for tag, attrs in page.tags if tag == "li" and "data-quote-id" in attrs]
    assert items
    assert {"f-q", "f-speaker", "f-about", "f-since", "f-until", "f-kind"} <= {a["for"] for a in page.find("label")}
    home = client.get("/").text
    assert "Ashton Kutcher" in home and "Most quoted" in home
    bad = client.get("/", params={"since": "last week", "kind": "shouted"})
    assert bad.status_code == 200
    assert Elements(bad.text).find("div", role="alert")
    assert client.get("/", params={"speaker": "Mila Kunis", "offset": "25"}).status_code == 200


def test_other_pages_render(client: TestClient) -> None:
    for path in ("/people", "/people?q=kun", "/articles", "/graph", "/graph?limit=5", "/static/style.css"):
        assert client.get(path).status_code == 200, path
    for path in ("/people/Nobody%20Atall", "/articles/999999", "/articles/abc"):
        response = client.get(path)
        assert response.status_code == 404 and "text/html" in response.headers["content-type"], path


def test_pages_have_a_strict_content_security_policy(client: TestClient, seed_id: int) -> None:
    policy = client.get(f"/articles/{seed_id}").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_hostile_article_renders_as_text(client: TestClient, hostile_id: int) -> None:
    response = client.get(f"/articles/{hostile_id}")
    assert response.status_code == 200
    html = response.text
    assert "<script>alert" not in html and "<b>that</b>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;that&lt;/b&gt;" in html
    page = Elements(html)
    assert all(attrs.get("src", "").startswith("/static/") for attrs in page.find("script"))
    assert not page.find("b") and not page.find("img")
    assert not [a for a in page.find("a") if a.get("href", "").lower().startswith("javascript:")]
    marks = highlights(page)
    assert len(marks) == 1
    text = "".join(page.text)
    assert HOSTILE_QUOTE in text and HOSTILE_TITLE in text


def test_hostile_text_is_escaped_on_every_page_it_reaches(client: TestClient) -> None:
    for path, params in (
        ("/", {"q": "never wrote"}),
        ("/", {"speaker": HOSTILE_SPEAKER}),
        ("/people/" + quote(HOSTILE_SPEAKER), {}),
        ("/articles", {}),
        ("/", {"q": "<script>alert(9)</script>"}),
    ):
        response = client.get(path, params=params)
        assert response.status_code == 200, path
        assert "<script>alert" not in response.text, (path, params)
        assert "<b>" not in response.text, (path, params)
