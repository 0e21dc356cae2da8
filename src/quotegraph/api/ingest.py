"""``POST /api/articles``: analyse one article and store it; only when the server has a token.

The token is compared in constant time (:func:`hmac.compare_digest`). Authentication runs
before the body is read; the body is parsed and validated by hand after it, so an anonymous
caller learns nothing about the payload format and cannot make the server parse anything.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from quotegraph.api.app import Settings, settings
from quotegraph.api.models import ArticleIn, ErrorOut, IngestResult
from quotegraph.ingest.html import article_from_html
from quotegraph.ingest.language import detect_language
from quotegraph.ingest.sources import check_text
from quotegraph.store import Store
from quotegraph.store.writer import content_key
from quotegraph.types import Analysis, Article, Failure

if TYPE_CHECKING:
    from quotegraph.pipeline import Pipeline

router = APIRouter(prefix="/api", tags=["write"])
bearer = HTTPBearer(auto_error=False, description="the token the server was started with (--token)")


class Analyser:
    """The server's pipeline, loaded on first use; one analysis at a time (spaCy is not thread-safe)."""

    def __init__(self, model: str, pipeline: Pipeline | None = None) -> None:
        self.model = model
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def analyze(self, article: Article) -> Analysis:
        with self._lock:
            if self._pipeline is None:
                from quotegraph.pipeline import Pipeline

                self._pipeline = Pipeline(self.model)
            return self._pipeline.analyze(article)


def authorised(
    cfg: Annotated[Settings, Depends(settings)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """401 unless ``Authorization: Bearer <token>`` carries the server's token."""
    given = credentials.credentials.encode() if credentials is not None else b""
    expected = (cfg.token or "").encode()
    if not expected or not hmac.compare_digest(given, expected):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )


@router.post(
    "/articles",
    status_code=status.HTTP_201_CREATED,
    response_model=IngestResult,
    dependencies=[Depends(authorised)],
    summary="Ingest one article",
    responses={
        200: {"model": IngestResult, "description": "already stored by this pipeline version"},
        401: {"model": ErrorOut, "description": "missing or wrong token"},
        413: {"model": ErrorOut, "description": "body over the size limit"},
        422: {"description": "not a valid article"},
    },
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ArticleIn.model_json_schema()}}}
    },
)
async def post_article(request: Request, cfg: Annotated[Settings, Depends(settings)]) -> Any:
    """Analyse an article (``text`` or ``html``) with the server's pipeline and store it."""
    raw = await request.body()
    try:
        payload = ArticleIn.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from None
    analyser: Analyser = request.app.state.analyser
    result = await run_in_threadpool(ingest_one, payload, cfg.db_url, analyser)
    code = status.HTTP_201_CREATED if result.new else status.HTTP_200_OK
    return JSONResponse(result.model_dump(), status_code=code, headers={"Location": result.url})


def to_article(payload: ArticleIn) -> Article | Failure:
    """The payload as an article (HTML through the same extractor as ``quotegraph ingest``)."""
    body = payload.text if payload.text is not None else payload.html or ""
    article_id = payload.id or "api:" + hashlib.sha256(body.encode()).hexdigest()[:16]
    source = f"api:{article_id}"
    if payload.text is not None:
        found = check_text(Article(id=article_id, text=payload.text, source=source, url=payload.url))
    else:
        found = article_from_html(body, source, article_id=article_id, url=payload.url)
    if isinstance(found, Failure):
        return found
    language = detect_language(found.text)
    if language not in (None, "en"):
        return Failure(source, "not-english", f"article is in {language!r}, not English")
    return replace(
        found,
        title=payload.title or found.title,
        published=payload.published or found.published,
        language=language or "en",
    )


def ingest_one(payload: ArticleIn, db_url: str, analyser: Analyser) -> IngestResult:
    """Analyse and write one article; 422 if it cannot be read or analysed."""
    article = to_article(payload)
    if isinstance(article, Failure):
        raise HTTPException(422, f"{article.detail} [{article.code}]")
    try:
        analysis = analyser.analyze(article)
    except ValueError as exc:
        raise HTTPException(422, f"analysis failed: {exc}") from None
    with Store(db_url) as store:
        new = store.write(analysis)
        row = store.db.one("SELECT id FROM articles WHERE content_key = ?", (content_key(article),))
    assert row is not None
    article_id = int(row[0])
    return IngestResult(
        id=article_id,
        new=new,
        quotes=len(analysis.quotes),
        entities=len(analysis.entities),
        url=f"/api/articles/{article_id}",
    )
