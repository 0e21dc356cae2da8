"""Hostile articles through the real pipeline, then the record read back: escaped pages, inert SQL.

What is covered elsewhere and not repeated here: every API and page filter with injection
strings (tests/web/test_injection.py), a hand-built hostile analysis rendered on every page
(tests/web/test_pages.py), the store and ``search`` command with injection strings on SQLite and
PostgreSQL (tests/integration/test_store_faults.py). What this adds: articles carrying markup and
script analysed by ``quotegraph ingest`` itself (so the model's own spans, which may cut through
the markup, are what gets highlighted), and the ``show`` and ``people`` commands.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from quotegraph.cli import main

from .helpers import Rows, cli, run, sqlite_dump, sqlite_ok, tail

SCRIPT = "<script>alert(1)</script>"
PAGE = f"""<!doctype html><html><head><title>Harbour vote &lt;script&gt;alert(2)&lt;/script&gt;</title></head>
<body><nav><a href="javascript:alert(3)">Home</a></nav><article><h1>Harbour vote</h1>
<p>&ldquo;We will not allow {SCRIPT.replace("<", "&lt;").replace(">", "&gt;")} on our harbour,&rdquo; said Ada Okafor,
the mayor of Eastbrook, on Monday. <img src=x onerror="alert(4)"></p>
<script>document.write("<p>injected</p>")</script>
<p>Okafor said that the &lt;b&gt;vote&lt;/b&gt; would take place in May, and that the
<a href="javascript:alert(5)">council</a> agreed.</p></article></body></html>"""
TEXT = (
    f"Mayor of Millford on {SCRIPT}\n\n"
    f"“The {SCRIPT} is not a plan, <img src=x onerror=alert(6)> is not a plan,” Bruno Lindqvist,"
    " the mayor of Millford, said on Tuesday.\n\n"
    "Lindqvist said that <b onmouseover=alert(7)>nobody</b> had read the report. "
    "“<a href='javascript:alert(8)'>Click</a> here,” he added.\n"
)
RECORD = {
    "id": "record",
    "title": "<svg onload=alert(9)> Council minutes",
    "url": "javascript:alert(10)",
    "published": "2024-05-02",
    "text": "“We will <iframe src=javascript:alert(11)> vote again,” Carmen Moreau, the fire chief of"
    " Southvale, said on Wednesday.\n\nMoreau said that ${7*7} and {{7*7}} were not numbers.",
}


class Markup(HTMLParser):
    """What a browser would make of a page: every element and attribute that could run script."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "img", "object", "embed", "b"):  # none of these is in our templates
            self.dangers.append(f"<{tag}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.dangers.append("<script> without a /static/ src")
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.dangers.append(f"<{tag} {name}={value!r}>")


INJECTIONS = [
    "' OR '1'='1",
    "Ada Okafor' --",
    '"; DROP TABLE quotes; --',
    "Robert'); DROP TABLE entities;--",
    "' UNION SELECT name, 1 FROM entities --",
    "%",
    "_",
    "\\",
    "\u202eevil",
    "<script>alert(12)</script>",
    "x" * 3000,
]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An HTML page, a text file and a JSONL record full of markup, ingested with the small model."""
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp / "text.txt").write_text(TEXT, encoding="utf-8")
    (tmp / "record.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    db = tmp / "hostile.db"
    paths = [str(tmp / name) for name in ("page.html", "text.txt", "record.jsonl")]
    done = run(cli("ingest", *paths, "--db", str(db), "--workers", "1", "--model", "sm"))
    assert done.returncode == 0, tail(done.stderr)
    assert "3 new articles" in done.stderr, tail(done.stderr)
    return db


@pytest.fixture(scope="module")
def client(hostile_db: Path) -> Iterator[object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from quotegraph.api.app import create_app

    with TestClient(create_app(str(hostile_db))) as test_client:
        yield test_client


def test_ingested_markup_is_text_on_every_page(client: object, hostile_db: Path) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    articles = client.get("/api/articles", params={"limit": 10}).json()["items"]
    assert len(articles) == 3
    quotes = client.get("/api/quotes", params={"limit": 100}).json()["items"]
    assert any("<" in q["text"] for q in quotes), "no quote carries markup: nothing was tested"
    speakers = {s for q in quotes for s in q["speakers"]}
    pages = ["/", "/people", "/articles", "/graph", "/?q=alert", "/?q=script"]
    pages += [f"/articles/{a['id']}" for a in articles]
    pages += [f"/people/{quote(name, safe='')}" for name in speakers]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert Markup(response.text).dangers == [], path
    text_page = next(a for a in articles if "Millford" in (a.get("title") or ""))
    html = client.get(f"/articles/{text_page['id']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    sqlite_ok(hostile_db)


def test_the_api_returns_markup_as_json_strings(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    for item in client.get("/api/articles").json()["items"]:
        response = client.get(f"/api/articles/{item['id']}")
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-content-type-options"] == "nosniff"


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_show_and_people_commands_with_injection_strings(hostile_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before: Rows = sqlite_dump(hostile_db)
    for value in INJECTIONS:
        code, out, err = run_main(["show", value, "--db", str(hostile_db)], capsys)
        assert (code, out) == (1, ""), value
        assert err.startswith("quotegraph: no person named") and "Traceback" not in err, value
        code, out, err = run_main(["show", "--json", value, "--db", str(hostile_db)], capsys)
        assert (code, out) == (1, ""), value
        code, out, err = run_main(["search", "--json", "--speaker", value, "--db", str(hostile_db)], capsys)
        assert (code, out) == (0, ""), value
    code, out, _ = run_main(["people", "--db", str(hostile_db)], capsys)
    assert code == 0 and "Ada Okafor" in out
    code, out, _ = run_main(["show", "--json", "ada okafor", "--db", str(hostile_db)], capsys)
    assert code == 0 and json.loads(out)["name"] == "Ada Okafor"
    assert sqlite_dump(hostile_db) == before
