"""The JSON API over the seed + samples database: search, people, articles and their spans."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from .helpers import HOSTILE_QUOTE, HOSTILE_SPEAKER

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SEED_SPEAKERS = {"Ashton Kutcher", "Mila Kunis"}


def test_search_victims_finds_the_seed_speakers(client: TestClient) -> None:
    response = client.get("/api/quotes", params={"q": "victims"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items
    assert {item["speaker"] for item in items} <= SEED_SPEAKERS
    assert {"Ashton Kutcher", "Mila Kunis"} <= {s for item in items for s in item["speakers"]}
    for item in items:
        assert "victim" in item["text"].lower()
        assert item["article"]["id"] >= 1


def test_filters_match_the_cli_semantics(client: TestClient) -> None:
    kunis = client.get("/api/quotes", params={"speaker": "Mila Kunis", "limit": 100}).json()["items"]
    assert len(kunis) == 6
    assert all("Mila Kunis" in q["speakers"] for q in kunis)
    by_alias = client.get("/api/quotes", params={"speaker": "kunis", "limit": 100}).json()["items"]
    assert {q["id"] for q in kunis} <= {q["id"] for q in by_alias}
    direct = client.get("/api/quotes", params={"speaker": "Mila Kunis", "kind": "direct"}).json()["items"]
    assert direct and all(q["kind"] == "direct" for q in direct)
    about = client.get("/api/quotes", params={"about": "Danny Masterson"}).json()["items"]
    assert about and {q["speaker"] for q in about} <= SEED_SPEAKERS
    assert client.get("/api/quotes", params={"since": "2999"}).json()["items"] == []


def test_pagination_is_bounded_and_consistent(client: TestClient) -> None:
    first = client.get("/api/quotes", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    second = client.get("/api/quotes", params={"limit": 3, "offset": 3}).json()
    assert not {q["id"] for q in first["items"]} & {q["id"] for q in second["items"]}
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"offset": 10**12}, {"limit": "x"}):
        assert client.get("/api/quotes", params=bad).status_code == 422, bad
    last = client.get("/api/quotes", params={"limit": 1000}).json()
    assert last["next_offset"] is None


def test_csv_export_has_a_header_and_every_quote(client: TestClient) -> None:
    response = client.get("/api/quotes", params={"speaker": "Mila Kunis", "format": "csv", "limit": 100})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 6
    assert {"id", "text", "speaker", "speakers", "article_id", "start", "end"} <= set(rows[0])


def test_people_list_and_person_detail(client: TestClient) -> None:
    people = client.get("/api/people", params={"limit": 100}).json()["items"]
    counts = {p["name"]: p["count"] for p in people}
    assert counts["Mila Kunis"] == 6
    assert counts["Ashton Kutcher"] >= 6
    assert client.get("/api/people", params={"q": "kun"}).json()["items"][0]["name"] == "Mila Kunis"
    kunis = client.get("/api/people/Mila Kunis").json()
    assert kunis["name"] == "Mila Kunis" and kunis["gender"] == "f"
    assert "Kunis" in kunis["aliases"]
    assert kunis["quote_count"] == 6 and len(kunis["quotes"]) == 6
    assert kunis["undated"] + sum(p["count"] for p in kunis["timeline"]) == 6
    assert "Danny Masterson" in {p["name"] for p in kunis["talks_about"]}
    assert "Ashton Kutcher" in {p["name"] for p in kunis["co_mentioned"]}
    assert kunis["relations"] == [] or all("head" in r for r in kunis["relations"])
    masterson = client.get("/api/people/danny masterson").json()
    assert SEED_SPEAKERS & {p["name"] for p in masterson["talked_about_by"]}
    assert client.get("/api/people/Nobody Atall").status_code == 404


def test_article_detail_has_every_span_at_its_offsets(client: TestClient, seed_id: int) -> None:
    article = client.get(f"/api/articles/{seed_id}").json()
    text = article["text"]
    assert len(article["quotes"]) == 9
    for quote in article["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] in SEED_SPEAKERS
        if quote["speaker_start"] is not None:
            assert text[quote["speaker_start"] : quote["speaker_end"]].strip()
        if quote["cue_start"] is not None:
            assert text[quote["cue_start"] : quote["cue_end"]].lower() == quote["cue"].lower()
    assert sum(q["cue_start"] is not None for q in article["quotes"]) == 9
    assert article["mentions"]
    for mention in article["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    assert article["relations"] == [] or all(r["article_id"] == seed_id for r in article["relations"])
    assert isinstance(article["events"], list)
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/api/articles/0").status_code == 422


def test_lists_health_and_graph(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["counts"]["articles"] >= 5 and health["ingest"] is False
    articles = client.get("/api/articles").json()["items"]
    assert len(articles) >= 5
    for path in ("/api/relations", "/api/events"):
        page = client.get(path, params={"person": "Mila Kunis"}).json()
        assert isinstance(page["items"], list)
    graph = client.get("/api/graph").json()
    edges = {(e["source"], e["target"]) for e in graph["edges"] if e["kind"] == "mentions"}
    assert ("Ashton Kutcher", "Danny Masterson") in edges
    assert set(graph["nodes"]) >= {"Ashton Kutcher", "Danny Masterson"}


def test_untrusted_text_is_returned_as_data(client: TestClient, hostile_id: int) -> None:
    article = client.get(f"/api/articles/{hostile_id}").json()
    assert article["quotes"][0]["text"] == HOSTILE_QUOTE
    assert article["quotes"][0]["speaker"] == HOSTILE_SPEAKER


def test_openapi_describes_typed_models_and_no_writes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"QuotePage", "PersonOut", "ArticleOut", "QuoteSpanOut", "Health"} <= set(schema["components"]["schemas"])
    methods = {m for path in schema["paths"].values() for m in path}
    assert methods == {"get"}
    assert not any(p.startswith(("/people", "/articles/{")) for p in schema["paths"])


def test_responses_carry_security_headers_and_no_cors(client: TestClient) -> None:
    response = client.get("/api/health", headers={"Origin": "https://evil.example"})
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/quotes", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers
