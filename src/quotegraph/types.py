"""The contracts between stages: frozen, slotted dataclasses holding plain data.

Offsets are Python ``str`` indices into :attr:`Article.text`, end exclusive. spaCy objects never
appear here; the NLP stages convert to these types once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
EntityLabel = Literal["PERSON", "ORG", "WORK"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as ingested: its text (offsets index into it) and metadata."""

    id: str
    text: str
    source: str = ""
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    residue: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A place where an entity is named, described or referred to by a pronoun."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or work, with every mention in the article resolved to it."""

    name: str
    label: EntityLabel
    mentions: tuple[Mention, ...]
    gender: Literal["m", "f"] | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its content span, its cue and who said it.

    ``speaker`` is the canonical name a reader accepts as "who said it" (or the noun phrase as
    written for an unnamed source, or None); ``speakers`` lists every canonical name for a quote
    said jointly. ``speaker_start``/``speaker_end`` locate the mention nearest the cue;
    ``about`` names the people mentioned inside the quote other than its speakers.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None
    speaker: str | None
    speakers: tuple[str, ...]
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    about: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation the text states between two entities, with its evidence span.

    ``detail`` holds what qualifies it: the kind of relative (``brother-in-law``), the shared
    work of co-stars, a role in an organisation.
    """

    head: str
    relation: str
    tail: str
    start: int
    end: int
    detail: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to or was done by people: a conviction, a firing, a statement.

    ``when`` is the time as written (``Thursday``); ``date`` is it resolved against the
    article's publication date (ISO 8601, possibly partial: ``2017``, ``2023-05``) when known.
    """

    type: str
    participants: tuple[str, ...]
    start: int
    end: int
    detail: str | None = None
    when: str | None = None
    date: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an input (or one record of it) could not be analysed."""

    source: str
    code: str
    detail: str

    def message(self) -> str:
        """One line for stderr: where, why, and the failure code."""
        return f"{self.source}: {self.detail} [{self.code}]"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything quotegraph found in one article."""

    article: Article
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    version: str = ""
    model: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: article fields at top level, then residue, quotes, entities,
        relations, events, the quotegraph version and the model."""
        art = self.article
        out: dict[str, Any] = {"id": art.id, "text": art.text, "source": art.source}
        for key in ("url", "title", "published", "language"):
            out[key] = getattr(art, key)
        out["residue"] = [asdict(r) for r in art.residue]
        out["quotes"] = [_quote_dict(q) for q in self.quotes]
        out["entities"] = [
            {
                "name": e.name,
                "label": e.label,
                "gender": e.gender,
                "mentions": [asdict(m) for m in e.mentions],
            }
            for e in self.entities
        ]
        out["relations"] = [asdict(r) for r in self.relations]
        out["events"] = [{**asdict(e), "participants": list(e.participants)} for e in self.events]
        out["quotegraph_version"] = self.version
        out["model"] = self.model
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Inverse of :meth:`to_dict`."""
        article = Article(
            id=str(data["id"]),
            text=data["text"],
            source=data.get("source", ""),
            url=data.get("url"),
            title=data.get("title"),
            published=data.get("published"),
            language=data.get("language"),
            residue=tuple(Span(**r) for r in data.get("residue", [])),
        )
        quote_keys = {f.name for f in fields(Quote)}
        quotes = tuple(
            Quote(
                **{
                    **{k: v for k, v in q.items() if k in quote_keys},
                    "speakers": tuple(q["speakers"]),
                    "about": tuple(q.get("about", ())),
                }
            )
            for q in data.get("quotes", [])
        )
        entities = tuple(
            Entity(
                name=e["name"],
                label=e["label"],
                gender=e.get("gender"),
                mentions=tuple(Mention(**m) for m in e["mentions"]),
            )
            for e in data.get("entities", [])
        )
        relations = tuple(Relation(**r) for r in data.get("relations", []))
        events = tuple(Event(**{**e, "participants": tuple(e["participants"])}) for e in data.get("events", []))
        return cls(
            article=article,
            quotes=quotes,
            entities=entities,
            relations=relations,
            events=events,
            version=data.get("quotegraph_version", ""),
            model=data.get("model", ""),
        )


def _quote_dict(quote: Quote) -> dict[str, Any]:
    out = asdict(quote)
    out["speakers"] = list(quote.speakers)
    out["about"] = list(quote.about)
    return out
