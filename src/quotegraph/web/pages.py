"""The pages: search (/), people, one person, articles, one article, the people graph.

Templates are Jinja2 with autoescape on and undefined names as errors. Query parameters of
pages are lenient: a bad date or kind is shown as a message on the page, not a JSON 422. Each
page is sent with a strict Content-Security-Policy (scripts and styles only from /static).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from quotegraph import __version__
from quotegraph.api.app import Settings, settings
from quotegraph.store import views
from quotegraph.store.filters import MAX_NAME, MAX_WORDS, QuoteFilter
from quotegraph.store.queries import search_quotes
from quotegraph.web.charts import graph_svg, person_url, timeline_svg
from quotegraph.web.render import assign_colours, attribution, quote_anchors, render_article

router = APIRouter(include_in_schema=False)
Deps = Annotated[Settings, Depends(settings)]
PAGE = 25
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self';"
    " base-uri 'none'; frame-ancestors 'none'"
)


@lru_cache(maxsize=1)
def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("quotegraph.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(person_url=person_url, version=__version__)
    return env


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = templates().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": CSP})


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page("error.html", status, title=f"Error {status}", message=message)


def _text(value: str | None, limit: int = MAX_NAME) -> str | None:
    value = (value or "").strip()[:limit]
    return value or None


def _int(value: str | None, default: int, high: int) -> int:
    return min(int(value), high) if value and value.isdigit() and len(value) < 10 else default


@router.get("/", response_class=HTMLResponse)
def search(
    cfg: Deps,
    q: str | None = None,
    speaker: str | None = None,
    about: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    offset: str | None = None,
) -> HTMLResponse:
    """Search quotes; with no query, the most quoted people and the latest articles."""
    filt = QuoteFilter(
        _text(q, MAX_WORDS), _text(speaker), _text(about), _text(since, 10), _text(until, 10), _text(kind, 10),
        limit=PAGE + 1, offset=_int(offset, 0, 1_000_000),
    )  # fmt: skip
    errors = filt.format_problems()
    searched = not filt.is_empty
    hits, top, latest = [], [], []
    with cfg.read() as db:
        if searched and not errors:
            hits = search_quotes(db, filt)
        if not searched:
            top = views.people(db, limit=15)
            latest = views.articles(db, limit=10)
    return page(
        "search.html", title="Search quotes" if searched else "quotegraph", form=filt, errors=errors,
        searched=searched, hits=hits[:PAGE], more=len(hits) > PAGE, offset=filt.offset, page_size=PAGE,
        query=filt.query(),
        colours=assign_colours(h.speaker for h in hits), top=top, latest=latest,
    )  # fmt: skip


@router.get("/people", response_class=HTMLResponse)
def people(cfg: Deps, q: str | None = None, offset: str | None = None) -> HTMLResponse:
    start = _int(offset, 0, 1_000_000)
    name = _text(q)
    with cfg.read() as db:
        rows = views.people(db, name, limit=100 + 1, offset=start)
    return page("people.html", title="People", rows=rows[:100], more=len(rows) > 100, offset=start, q=name)


@router.get("/people/{name:path}", response_class=HTMLResponse)
def person(request: Request, cfg: Deps, name: str, offset: str | None = None) -> HTMLResponse:
    start = _int(offset, 0, 1_000_000)
    with cfg.read() as db:
        found = views.person(db, name[:200])
        if found is None:
            return error_page(request, 404, f"No one called “{name[:200]}” is in the record.")
        quotes = views.person_quotes(db, found.ref, PAGE + 1, start)
    return page(
        "person.html", title=found.ref, person=found, quotes=quotes[:PAGE], more=len(quotes) > PAGE,
        offset=start, page_size=PAGE, chart=timeline_svg(found.name, found.timeline, found.undated),
        colours=assign_colours(q.speaker for q in quotes),
    )  # fmt: skip


@router.get("/articles", response_class=HTMLResponse)
def articles(cfg: Deps, offset: str | None = None) -> HTMLResponse:
    start = _int(offset, 0, 1_000_000)
    with cfg.read() as db:
        rows = views.articles(db, limit=50 + 1, offset=start)
    return page("articles.html", title="Articles", rows=rows[:50], more=len(rows) > 50, offset=start)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, cfg: Deps, article_id: str) -> HTMLResponse:
    found = None
    if article_id.isdigit() and len(article_id) < 18:
        with cfg.read() as db:
            found = views.article(db, int(article_id))
    if found is None:
        return error_page(request, 404, "There is no such article in the record.")
    colours = assign_colours(q.speaker for q in found.quotes)
    return page(
        "article.html", title=found.title or f"Article {found.id}", article=found, colours=colours,
        body=render_article(found, colours), anchors=quote_anchors(found.quotes),
        attributions=[attribution(q) for q in found.quotes],
    )  # fmt: skip


@router.get("/graph", response_class=HTMLResponse)
def graph(cfg: Deps, limit: str | None = None) -> HTMLResponse:
    size = max(1, _int(limit, 40, 200))
    with cfg.read() as db:
        edges = views.graph(db, size)
    return page("graph.html", title="People graph", edges=edges, svg=graph_svg(edges), limit=size)
