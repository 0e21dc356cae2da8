"""The FastAPI application: JSON API under ``/api``, pages at ``/``, static assets at ``/static``.

Connections: one database connection per request, opened inside the (synchronous) handler and
closed when it returns. sqlite3 connections may not cross threads and FastAPI runs sync handlers
and sync dependencies on different pool threads, so a connection is never shared; opening a
SQLite file costs tens of microseconds, far below a query. Migrations run once, in
:func:`create_app`; request connections skip them and are made read-only (``PRAGMA
query_only`` / ``default_transaction_read_only``), so a GET can never write or take the write
lock. The one writer, ``POST /api/articles``, opens a normal :class:`Store`.

Read-only by default: the ingest endpoint exists only when a token is configured. No CORS
headers are sent, so browsers keep other origins out. Every request body above
``max_body`` bytes is refused with 413 before it is read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from quotegraph import __version__
from quotegraph.store.db import POSTGRES, Database, StoreError

MAX_BODY = 2_000_000

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class ReadOnlyDatabase(Database):
    """A request's connection: schema already migrated at start-up, writes refused."""

    def migrate(self) -> None:
        if self.dialect is POSTGRES:
            with self.transaction():
                self.execute("SET default_transaction_read_only = on")
        else:
            self.execute("PRAGMA query_only = ON")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the handlers need: where the record is, the ingest token, the analyser."""

    db_url: str
    token: str | None
    max_body: int

    @contextmanager
    def read(self) -> Iterator[Database]:
        """A read-only connection for one request, closed afterwards."""
        db = ReadOnlyDatabase(self.db_url)
        try:
            yield db
        finally:
            db.close()


def settings(request: Request) -> Settings:
    """The app's settings (a FastAPI dependency)."""
    found: Settings = request.app.state.settings
    return found


class Guard:
    """Pure ASGI middleware: 413 for bodies over the limit; security headers on every response."""

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    )

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send, self.max_body)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, limited, with_headers)


class BodyTooLarge(Exception):
    """A streamed request body went over the limit (handled as 413)."""


async def _too_large(send: Send, limit: int) -> None:
    body = b'{"detail":"request body too large (limit %d bytes)"}' % limit
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers + list(Guard.HEADERS)})
    await send({"type": "http.response.body", "body": body})


def create_app(
    db_url: str,
    token: str | None = None,
    *,
    model: str = "md",
    pipeline: Any = None,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The application over the database at ``db_url`` (SQLite path or ``postgresql://`` URL).

    With a ``token``, ``POST /api/articles`` ingests one article (``Authorization: Bearer``),
    analysed by ``pipeline`` or, loaded on first use, the pipeline of ``model``.
    """
    from quotegraph.api.ingest import Analyser
    from quotegraph.api.ingest import router as ingest_router
    from quotegraph.api.routes import router as read_router
    from quotegraph.web.pages import router as pages_router

    if token is not None and not token.strip():
        raise ValueError("the ingest token must not be empty")
    Database(db_url).close()  # create or migrate the schema once, before serving
    app = FastAPI(
        title="quotegraph",
        version=__version__,
        summary="Who said what, about whom, in the news: the record, read-only unless a token is set.",
    )
    app.state.settings = Settings(db_url, token, max_body)
    app.include_router(read_router)
    if token is not None:
        app.state.analyser = Analyser(model, pipeline)
        app.include_router(ingest_router)
    app.include_router(pages_router)
    static = resources.files("quotegraph.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(BodyTooLarge, _body_too_large)
    app.add_middleware(Guard, max_body=max_body)
    return app


async def _store_error(request: Request, exc: Exception) -> Response:
    detail = "the database cannot be read right now"
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": detail}, status_code=503)
    from quotegraph.web.pages import error_page

    return error_page(request, 503, detail)


async def _body_too_large(request: Request, exc: Exception) -> Response:
    limit: int = request.app.state.settings.max_body
    return JSONResponse({"detail": f"request body too large (limit {limit} bytes)"}, status_code=413)
