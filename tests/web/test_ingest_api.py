"""``POST /api/articles``: only with a token, constant-time checked; size limit; validation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from quotegraph.api.app import create_app

from .helpers import TOKEN

ARTICLE = (
    "Harbour council approves new sea wall\n\n"
    "“The sea wall will protect the old town for fifty years,” Mayor Dana Whitfield said on Tuesday.\n\n"
    "Residents had asked for the work since the storms of last winter, and the council agreed to fund it "
    "from the reserve that was set aside for repairs to the harbour and its piers."
)

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_post_needs_the_token(token_client: TestClient) -> None:
    body = {"text": ARTICLE}
    assert token_client.post("/api/articles", json=body).status_code == 401
    wrong = token_client.post("/api/articles", json=body, headers={"Authorization": "Bearer " + TOKEN[:-1] + "x"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    basic = token_client.post("/api/articles", json=body, headers={"Authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 401
    # authentication comes first: an anonymous caller cannot learn anything about the body format
    assert token_client.post("/api/articles", content=b"{not json", headers={}).status_code == 401


def test_post_with_the_token_analyses_and_stores_the_article(token_client: TestClient) -> None:
    body = {"id": "sea-wall", "text": ARTICLE, "url": "https://example.org/sea-wall", "published": "2024-03-05"}
    response = token_client.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["new"] is True and result["quotes"] >= 1
    assert response.headers["location"] == result["url"] == f"/api/articles/{result['id']}"
    stored = token_client.get(result["url"]).json()
    assert stored["text"] == ARTICLE and stored["published"] == "2024-03-05"
    assert stored["quotes"][0]["speaker"] == "Dana Whitfield"
    found = token_client.get("/api/quotes", params={"q": "sea wall", "speaker": "Dana Whitfield"}).json()["items"]
    assert [q["article"]["id"] for q in found] == [result["id"]]
    again = token_client.post("/api/articles", json=body, headers=AUTH)
    assert again.status_code == 200 and again.json() == {**result, "new": False}


def test_post_accepts_html(token_client: TestClient) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    body = f"<article><h1>Sea wall</h1>{paragraphs}</article>"
    page = f"<html><head><title>Sea wall</title></head><body>{body}</body></html>"
    response = token_client.post("/api/articles", json={"html": page, "title": "Sea wall"}, headers=AUTH)
    assert response.status_code in (200, 201), response.text
    stored = token_client.get(response.json()["url"]).json()
    assert stored["title"] == "Sea wall" and "sea wall" in stored["text"].lower()


def test_bad_bodies_are_422(token_client: TestClient) -> None:
    bodies: list[object] = [
        {}, {"text": ARTICLE, "html": "<p>x</p>"}, {"text": ""}, {"text": ARTICLE, "published": "soon"},
        {"text": ARTICLE, "extra": 1}, {"text": 5}, [],
    ]  # fmt: skip
    for body in bodies:
        response = token_client.post("/api/articles", json=body, headers=AUTH)
        assert response.status_code == 422, (body, response.text)
    raw = token_client.post("/api/articles", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert raw.status_code == 422
    french = " ".join(["Le maire a dit que la ville va construire un mur pour la mer et les habitants."] * 5)
    assert token_client.post("/api/articles", json={"text": french}, headers=AUTH).status_code == 422


def test_too_large_bodies_are_413(token_client: TestClient) -> None:
    big = {"text": "word " * 500_000}  # 2.5 MB
    assert token_client.post("/api/articles", json=big, headers=AUTH).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        yield b'{"text": "'
        for _ in range(300):
            yield b"x" * 10_000
        yield b'"}'

    streamed = token_client.post(
        "/api/articles", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    lying = token_client.post("/api/articles", content=b"{}", headers={**AUTH, "Content-Length": "abc"})
    assert lying.status_code in (400, 413)


def test_without_a_token_there_is_no_write_endpoint(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": ARTICLE}, headers=AUTH)
    assert response.status_code in (404, 405)
    assert client.put("/api/articles/1", json={}).status_code in (404, 405)
    assert client.delete("/api/articles/1").status_code in (404, 405)
    assert client.post("/api/quotes", json={}).status_code in (404, 405)


def test_an_empty_token_is_refused(writable_db: Path) -> None:
    try:
        create_app(str(writable_db), "  ")
    except ValueError as exc:
        assert "token" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an empty token must not enable writes")


def test_the_token_app_documents_the_write_endpoint(token_client: TestClient) -> None:
    schema = token_client.get("/openapi.json").json()
    post = schema["paths"]["/api/articles"]["post"]
    assert {"201", "401", "413", "422"} <= set(post["responses"])
    assert post["requestBody"]["content"]["application/json"]["schema"]["properties"]["text"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
