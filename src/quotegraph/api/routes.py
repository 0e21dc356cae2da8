"""Read-only JSON endpoints under ``/api``: quotes, people, articles, relations, events, graph, health.

Handlers are synchronous (FastAPI runs them on its thread pool) and open their own read-only
connection: see :mod:`quotegraph.api.app` for why. Every filter is length- or pattern-bounded
and reaches SQL only as a bound parameter.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response

from quotegraph.api.app import Settings, settings
from quotegraph.api.models import (
    DATE_PATTERN,
    ArticleOut,
    ArticlePage,
    ErrorOut,
    EventPage,
    Graph,
    GraphEdge,
    Health,
    PeoplePage,
    PersonOut,
    QuoteKind,
    QuoteOut,
    QuotePage,
    RelationPage,
)
from quotegraph.store import views
from quotegraph.store.filters import MAX_LIMIT, MAX_NAME, MAX_WORDS, QuoteFilter
from quotegraph.store.filters import until_bound as until_bound  # the web pages and their tests use it here
from quotegraph.store.queries import QuoteHit, counts, search_quotes

router = APIRouter(prefix="/api", tags=["read"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
Words = Annotated[
    str | None, Query(max_length=MAX_WORDS, description="words to find (full text, stemmed, all must match)")
]
Name = Annotated[str | None, Query(max_length=MAX_NAME)]
Date = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
PersonName = Annotated[str, Path(min_length=1, max_length=200, description="canonical name")]
ArticleId = Annotated[int, Path(ge=1, le=2**62)]
Deps = Annotated[Settings, Depends(settings)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "not in the record"}}
CSV_COLUMNS = (
    "id", "text", "kind", "speaker", "speakers", "first_published", "sources",
    "article_id", "article_title", "article_url", "start", "end",
)  # fmt: skip


def _next(count: int, limit: int, offset: int) -> int | None:
    return offset + limit if count == limit else None


@router.get(
    "/quotes",
    response_model=QuotePage,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "quotes"}},
    summary="Search quotes",
)
def quotes(
    cfg: Deps,
    q: Words = None,
    speaker: Annotated[str | None, Query(max_length=MAX_NAME, description="canonical name or alias")] = None,
    about: Annotated[str | None, Query(max_length=MAX_NAME, description="a person the quote mentions")] = None,
    since: Date = None,
    until: Date = None,
    kind: QuoteKind | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
    format: Annotated[Literal["json", "csv"], Query(description="csv: the page as a CSV file")] = "json",
) -> QuotePage | Response:
    """Full-text search with the filters of ``quotegraph search``; newest first."""
    filt = QuoteFilter(q, speaker, about, since, until, kind, limit, offset)
    with cfg.read() as db:
        hits = search_quotes(db, filt)
    if format == "csv":
        return Response(
            to_csv(hits),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="quotes.csv"'},
        )
    return QuotePage(
        items=[QuoteOut.from_hit(h) for h in hits], limit=limit, offset=offset,
        next_offset=_next(len(hits), limit, offset),
    )  # fmt: skip


def _cell(value: object) -> object:
    """Neutralise spreadsheet formulas in untrusted text (OWASP CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(hits: list[QuoteHit]) -> str:
    """Quotes as CSV with a header row; speakers joined with ``; ``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for h in hits:
        row = (
            h.id, h.text, h.kind, h.speaker, "; ".join(h.speakers), h.first_published, h.sources,
            h.article_id, h.article_title, h.article_url, h.start, h.end,
        )  # fmt: skip
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


@router.get("/people", response_model=PeoplePage, summary="List speakers")
def people(
    cfg: Deps,
    q: Annotated[str | None, Query(max_length=200, description="part of a name")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> PeoplePage:
    """Speakers ranked by number of quotes."""
    with cfg.read() as db:
        rows = views.people(db, q, limit, offset)
    return PeoplePage.model_validate(
        {"items": rows, "limit": limit, "offset": offset, "next_offset": _next(len(rows), limit, offset)}
    )


@router.get("/people/{name:path}", response_model=PersonOut, responses=NOT_FOUND, summary="One person")
def person(cfg: Deps, name: PersonName, limit: Limit = 50, offset: Offset = 0) -> PersonOut:
    """Aliases, quotes over time (``limit``/``offset`` page the quotes), who they talk about, relations."""
    with cfg.read() as db:
        found = views.person(db, name)
        if found is None:
            raise HTTPException(404, f"no person named {name!r}")
        hits = views.person_quotes(db, found.ref, limit, offset)
    return PersonOut.model_validate({**asdict(found), "quotes": [QuoteOut.from_hit(h) for h in hits]})


@router.get("/articles", response_model=ArticlePage, summary="List articles")
def articles(cfg: Deps, limit: Limit = 50, offset: Offset = 0) -> ArticlePage:
    """Articles, newest first, with their number of quotes."""
    with cfg.read() as db:
        rows = views.articles(db, limit, offset)
    return ArticlePage.model_validate(
        {"items": rows, "limit": limit, "offset": offset, "next_offset": _next(len(rows), limit, offset)}
    )


@router.get("/articles/{article_id}", response_model=ArticleOut, responses=NOT_FOUND, summary="One article")
def article(cfg: Deps, article_id: ArticleId) -> ArticleOut:
    """The text and every span in it: quotes (cue, speaker mention), entity mentions, relations, events."""
    with cfg.read() as db:
        found = views.article(db, article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return ArticleOut.model_validate(found)


@router.get("/relations", response_model=RelationPage, summary="Relations between entities")
def relations(cfg: Deps, person: Name = None, limit: Limit = 50, offset: Offset = 0) -> RelationPage:
    """Relations the articles state, optionally those of one person."""
    with cfg.read() as db:
        rows = views.relations(db, person=person, limit=limit, offset=offset)
    return RelationPage.model_validate(
        {"items": rows, "limit": limit, "offset": offset, "next_offset": _next(len(rows), limit, offset)}
    )


@router.get("/events", response_model=EventPage, summary="Events")
def events(cfg: Deps, person: Name = None, limit: Limit = 50, offset: Offset = 0) -> EventPage:
    """Events the articles report, optionally those one person took part in."""
    with cfg.read() as db:
        rows = views.events(db, person=person, limit=limit, offset=offset)
    return EventPage.model_validate(
        {"items": rows, "limit": limit, "offset": offset, "next_offset": _next(len(rows), limit, offset)}
    )


@router.get("/graph", response_model=Graph, summary="The people graph")
def graph(cfg: Deps, limit: Annotated[int, Query(ge=1, le=500)] = 60) -> Graph:
    """Speaker -> person their quotes mention (weight: quotes), and stated relations (labelled)."""
    with cfg.read() as db:
        edges = views.graph(db, limit)
    nodes = list(dict.fromkeys(n for e in edges for n in (e.source, e.target)))
    return Graph(nodes=nodes, edges=[GraphEdge.model_validate(e) for e in edges])


@router.get("/health", response_model=Health, summary="Health")
def health(cfg: Deps) -> Health:
    """Whether the database answers, its schema version and row counts."""
    with cfg.read() as db:
        return Health(status="ok", schema_version=db.schema_version(), counts=counts(db), ingest=cfg.token is not None)
