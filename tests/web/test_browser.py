"""The pages in a real browser: Playwright driving Debian's chromium against a live uvicorn server.

The database holds the seed article, the aeb HTML pages (small model) and the hand-made hostile
article. Screenshots are saved under the test's tmp_path and must not be blank; no script from
an article may run (the page's ``dialog`` event never fires). Install chromium with
``.ci/browser.sh``; without it these tests are skipped.
"""

from __future__ import annotations

import io
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from quotegraph.api.app import create_app
from quotegraph.store import Store

from .helpers import AEB_HTML, HOSTILE_SPEAKER, SEED, add_hostile, build_db

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("browser") / "aeb.db"
    build_db(path, [SEED, AEB_HTML], workers=os.cpu_count() or 1)
    return path, add_hostile(path)


@pytest.fixture(scope="module")
def server(browser_db: tuple[Path, int]) -> Iterator[str]:
    """A uvicorn server on 127.0.0.1 with a free port, in a background thread."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(browser_db[0])), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: run .ci/browser.sh (apt-get install chromium) for the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(params=[(1280, 900), (375, 812)], ids=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert dialogs == [], "a script from an article ran"
    assert errors == [], "page JavaScript failed"


def distinct_colours(png: bytes) -> int:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    return len(colours or [])


def shoot(page: Any, path: Path) -> None:
    png = page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    assert distinct_colours(png) > 20, f"{path.name} looks blank"


def no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def test_search_then_person_then_article(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.get_by_label("Words in the quote").fill("victims")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?q=victims*")
    results = page.locator("li.quote")
    assert results.count() >= 1
    assert "Kutcher" in page.locator("ol.quotes").inner_text() or "Kunis" in page.locator("ol.quotes").inner_text()
    shoot(page, tmp_path / "search.png")
    no_horizontal_scroll(page)

    page.locator("li.quote .meta a", has_text="Mila Kunis").first.click()
    page.wait_for_url("**/people/Mila%20Kunis")
    assert page.locator("h1").inner_text() == "Mila Kunis"
    assert page.locator("li.quote").count() == 6
    assert page.locator("svg.timeline rect.bar").count() >= 1
    shoot(page, tmp_path / "person.png")
    no_horizontal_scroll(page)

    page.locator("li.quote .meta a[href^='/articles/']").first.click()
    page.wait_for_load_state()
    marks = page.locator("mark.q:not(.cont)")
    assert marks.count() == 9
    marks.nth(3).focus()
    panel = page.locator("#attribution")
    assert panel.is_visible() and "Ashton Kutcher" in panel.inner_text()
    assert page.locator("mark.q.active").count() >= 1 and page.locator(".who.active").count() == 1
    marks.nth(4).click()
    assert "Mila Kunis" in panel.inner_text()
    shoot(page, tmp_path / "article.png")
    no_horizontal_scroll(page)


def test_graph_page(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "/graph")
    nodes = page.locator("svg.graph a.node")
    assert nodes.count() >= 5
    nodes.first.hover()
    assert page.locator("svg.graph.focus").count() == 1
    shoot(page, tmp_path / "graph.png")
    nodes.first.click()
    page.wait_for_url("**/people/**")
    assert page.locator("h1").inner_text()


def test_no_script_from_an_article_runs(page: Any, server: str, browser_db: tuple[Path, int], tmp_path: Path) -> None:
    _, hostile = browser_db
    for path in (f"/articles/{hostile}", "/?q=never+wrote", "/people/" + quote(HOSTILE_SPEAKER), "/articles"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.locator("b").count() == 0 and page.locator("main img").count() == 0
    page.goto(server + f"/articles/{hostile}")
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<b>that</b>" in text
    page.locator("mark.q").first.click()
    shoot(page, tmp_path / "hostile.png")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_no_article_page_scrolls_sideways_on_a_phone(browser: Any, server: str, browser_db: tuple[Path, int]) -> None:
    """Every article of the aeb pages at 375 px. The seed's source is a short path; an aeb page's is a
    long URL or a path with a 64-character hash, which pushed 107 of the 173 article pages sideways
    (by up to 600 px) until the sources list could break its lines."""
    with Store(str(browser_db[0])) as store:
        ids = [int(row[0]) for row in store.db.query("SELECT id FROM articles ORDER BY id")]
    assert len(ids) > 100
    context = browser.new_context(viewport={"width": 375, "height": 812})
    try:
        tab = context.new_page()
        wide = []
        for article_id in ids:
            tab.goto(f"{server}/articles/{article_id}")
            overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                wide.append((article_id, overflow))
    finally:
        context.close()
    assert wide == [], f"{len(wide)} of {len(ids)} article pages scroll sideways (id, px): {wide[:10]}"
