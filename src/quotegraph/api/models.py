"""Typed request and response bodies of the JSON API (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from quotegraph.store.filters import DATE_PATTERN as DATE_PATTERN
from quotegraph.store.filters import QuoteKind as QuoteKind
from quotegraph.store.queries import QuoteHit


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ArticleRef(_Out):
    id: int
    title: str | None
    url: str | None


class QuoteOut(_Out):
    """A consolidated quote: its text, speakers and the first article that carries it."""

    id: int
    text: str
    kind: str
    speaker: str | None = Field(description="who said it, as a reader would name them")
    speakers: list[str] = Field(description="every speaker of a joint quote")
    first_published: str | None
    sources: int = Field(description="how many articles carry this quote")
    article: ArticleRef
    start: int = Field(description="offset of the quote in the article's text")
    end: int

    @classmethod
    def from_hit(cls, hit: QuoteHit) -> QuoteOut:
        return cls(
            id=hit.id,
            text=hit.text,
            kind=hit.kind,
            speaker=hit.speaker,
            speakers=list(hit.speakers),
            first_published=hit.first_published,
            sources=hit.sources,
            article=ArticleRef(id=hit.article_id, title=hit.article_title, url=hit.article_url),
            start=hit.start,
            end=hit.end,
        )


class Page(_Out):
    limit: int
    offset: int
    next_offset: int | None = Field(description="offset of the next page, or null on the last page")


class QuotePage(Page):
    items: list[QuoteOut]


class NameCount(_Out):
    name: str
    count: int


class PersonCount(NameCount):
    name: str = Field(description="the person's reference: the name, or `Chris Walker #2` for a second person of it")
    roles: list[str] = Field(default_factory=list, description="role words, given when others share the name")


class PeoplePage(Page):
    items: list[PersonCount] = Field(description="speakers and their number of quotes")


class RelationOut(_Out):
    id: int
    article_id: int
    head: str
    relation: str
    tail: str
    detail: str | None
    start: int | None
    end: int | None
    confidence: float | None


class RelationPage(Page):
    items: list[RelationOut]


class EventOut(_Out):
    id: int
    article_id: int
    type: str
    detail: str | None
    occurred: str | None
    start: int | None
    end: int | None
    participants: list[str]


class EventPage(Page):
    items: list[EventOut]


class PersonOut(_Out):
    """A person with aliases, quotes over time, who they talk about and who talks about them."""

    name: str
    ref: str = Field(description="names this person alone: the name, or `Chris Walker #2` for a second person of it")
    label: str
    gender: str | None
    roles: list[str] = Field(description="role words the articles give them (senator, quarterback)")
    namesakes: list[PersonCount] = Field(description="other people of the same name, with their roles")
    aliases: list[str]
    quote_count: int
    timeline: list[NameCount] = Field(description="quotes per month (YYYY-MM) of first publication")
    undated: int = Field(description="quotes whose publication date is unknown")
    talks_about: list[NameCount]
    talked_about_by: list[NameCount]
    co_mentioned: list[NameCount] = Field(description="people named in the same articles")
    relations: list[RelationOut]
    quotes: list[QuoteOut]


class QuoteSpanOut(_Out):
    """A quote in this article: content, cue and speaker mention as offsets into ``text``."""

    id: int
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speakers: list[str]
    about: list[str]
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None


class MentionOut(_Out):
    entity: str
    label: str
    start: int
    end: int
    text: str


class ArticleOut(_Out):
    """An article's text (offsets index into it) and every span found in it."""

    id: int
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    text: str
    sources: list[str]
    quotes: list[QuoteSpanOut]
    mentions: list[MentionOut]
    relations: list[RelationOut]
    events: list[EventOut]


class ArticleSummary(_Out):
    id: int
    title: str | None
    url: str | None
    published: str | None
    quotes: int


class ArticlePage(Page):
    items: list[ArticleSummary]


class GraphEdge(_Out):
    source: str
    target: str
    kind: Literal["mentions", "relation"]
    label: str
    weight: int


class Graph(_Out):
    nodes: list[str]
    edges: list[GraphEdge]


class Health(_Out):
    status: Literal["ok"]
    schema_version: int
    counts: dict[str, int]
    ingest: bool = Field(description="whether POST /api/articles is enabled (a token is configured)")


class ArticleIn(BaseModel):
    """One article to analyse and store: ``text`` or ``html``, and optional metadata."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200)
    text: str | None = Field(None, min_length=1, max_length=1_000_000)
    html: str | None = Field(None, min_length=1, max_length=2_000_000)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=DATE_PATTERN)

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class IngestResult(_Out):
    id: int = Field(description="the stored article's id")
    new: bool = Field(description="false if this text was already stored by this pipeline version")
    quotes: int
    entities: int
    url: str = Field(description="the API address of the stored article")


class ErrorOut(BaseModel):
    detail: str
