"""Read the record: full-text quote search with filters, people, one person, export.

Full text is SQLite FTS5 (porter stemming) or PostgreSQL ``tsvector`` (English config); every
filter is a bound parameter, never spliced into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quotegraph.store.db import POSTGRES, Database
from quotegraph.store.filters import QuoteFilter


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A consolidated quote with its speakers and the articles that carry it."""

    id: int
    text: str
    kind: str
    speaker: str | None
    speakers: tuple[str, ...]
    first_published: str | None
    sources: int
    article_id: int
    article_title: str | None
    article_url: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speakers": list(self.speakers),
            "first_published": self.first_published,
            "sources": self.sources,
            "article": {"id": self.article_id, "title": self.article_title, "url": self.article_url},
            "start": self.start,
            "end": self.end,
        }


def _fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (AND), so no syntax can be injected."""
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", text))


def search_quotes(db: Database, filt: QuoteFilter) -> list[QuoteHit]:
    """Quotes matching the words ``filt.q`` and every other filter set, best match first."""
    where: list[str] = []
    params: list[Any] = []
    q = filt.q.replace("\x00", " ") if filt.q else None  # words are what is searched; a NUL only separates them
    order = "q.first_published DESC, q.id"
    source = "quotes q"
    if q and re.search(r"\w", q):
        if db.dialect is POSTGRES:
            where.append("q.tsv @@ plainto_tsquery('english', ?)")
            params.append(q)
            order = "ts_rank(q.tsv, plainto_tsquery('english', ?)) DESC, q.id"
        else:
            where.append("quotes_fts MATCH ?")
            source = "quotes q JOIN quotes_fts ON quotes_fts.rowid = q.id"
            order = "quotes_fts.rank, q.id"  # BM25, best match first
            params.append(_fts_query(q))
    if speaker := filt.speaker:
        where.append(
            "q.id IN (SELECT qs.quote_id FROM quote_speakers qs JOIN entities e ON e.id = qs.entity_id"
            " WHERE lower(e.name) = lower(?) OR e.id IN (SELECT entity_id FROM aliases WHERE lower(alias) = lower(?)))"
        )
        params += [speaker, speaker]
    if about := filt.about:
        where.append(
            "q.id IN (SELECT qa.quote_id FROM quote_about qa JOIN entities e ON e.id = qa.entity_id"
            " WHERE lower(e.name) = lower(?))"
        )
        params.append(about)
    if since := filt.since:
        where.append("q.first_published >= ?")
        params.append(since)
    if until := filt.until_inclusive:
        where.append("q.first_published <= ?")
        params.append(until)
    if kind := filt.kind:
        where.append("q.kind = ?")
        params.append(kind)
    if order.startswith("ts_rank"):
        params.append(q)
    sql = (
        "SELECT q.id, q.text, q.kind, q.speaker, q.first_published,"
        " (SELECT count(*) FROM quote_sources s WHERE s.quote_id = q.id),"
        " (SELECT min(s.article_id) FROM quote_sources s WHERE s.quote_id = q.id)"
        f" FROM {source}" + (" WHERE " + " AND ".join(where) if where else "") + f" ORDER BY {order} LIMIT ? OFFSET ?"
    )
    rows = db.query(sql, [*params, filt.limit, filt.offset])
    return [_hit(db, row) for row in rows]


def _hit(db: Database, row: tuple[Any, ...]) -> QuoteHit:
    quote_id, text, kind, speaker, published, sources, article_id = row
    speakers = tuple(
        r[0]
        for r in db.query(
            "SELECT e.name FROM quote_speakers qs JOIN entities e ON e.id = qs.entity_id WHERE qs.quote_id = ?"
            " ORDER BY e.name",
            (quote_id,),
        )
    )
    art = db.one("SELECT title, url FROM articles WHERE id = ?", (article_id,)) or (None, None)
    span = db.one(
        "SELECT start_char, end_char FROM quote_sources WHERE quote_id = ? AND article_id = ? ORDER BY start_char",
        (quote_id, article_id),
    ) or (0, 0)
    return QuoteHit(
        quote_id, text, kind, speaker, speakers or ((speaker,) if speaker else ()), published, sources,
        article_id, art[0], art[1], span[0], span[1],
    )  # fmt: skip


def people(db: Database, limit: int = 50) -> list[tuple[str, int]]:
    """Speakers ranked by how many quotes they have."""
    rows = db.query(
        "SELECT e.name, count(*) AS n FROM quote_speakers qs JOIN entities e ON e.id = qs.entity_id"
        " GROUP BY e.id, e.name ORDER BY n DESC, e.name LIMIT ?",
        (limit,),
    )
    return [(r[0], int(r[1])) for r in rows]


def person(db: Database, name: str, limit: int = 50) -> dict[str, Any] | None:
    """A person's aliases, quotes and the people named in the same articles; ``name`` is the
    canonical name or an alias (``Okafor``), the exact canonical name winning."""
    row = db.one(
        "SELECT id, name, label, gender FROM entities WHERE lower(name) = lower(?)"
        " OR id IN (SELECT entity_id FROM aliases WHERE lower(alias) = lower(?))"
        " ORDER BY lower(name) = lower(?) DESC,"
        " (SELECT count(*) FROM quote_speakers WHERE entity_id = entities.id) DESC LIMIT 1",
        (name, name, name),
    )
    if row is None:
        return None
    entity_id = row[0]
    aliases = [r[0] for r in db.query("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))]
    co = db.query(
        "SELECT e.name, count(DISTINCT m2.article_id) AS n FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id <> m1.entity_id"
        " JOIN entities e ON e.id = m2.entity_id"
        " WHERE m1.entity_id = ? AND e.label = 'PERSON' GROUP BY e.id, e.name ORDER BY n DESC, e.name LIMIT 20",
        (entity_id,),
    )
    quotes = search_quotes(db, QuoteFilter(speaker=row[1], limit=limit))
    return {
        "name": row[1],
        "label": row[2],
        "gender": row[3],
        "aliases": aliases,
        "quotes": [q.to_dict() for q in quotes],
        "co_mentioned": [{"name": r[0], "articles": int(r[1])} for r in co],
    }


def counts(db: Database) -> dict[str, int]:
    """Row counts of the main tables."""
    tables = ("articles", "article_sources", "entities", "aliases", "mentions", "quotes", "quote_sources")
    return {t: int((db.one(f"SELECT count(*) FROM {t}") or (0,))[0]) for t in tables}


def export_rows(db: Database) -> list[dict[str, Any]]:
    """Every quote source as a flat row: quote, speakers, article, offsets."""
    rows = db.query(
        "SELECT q.id, q.text, q.kind, q.speaker, q.first_published, a.id, a.url, a.title, a.published,"
        " s.start_char, s.end_char, s.cue FROM quotes q JOIN quote_sources s ON s.quote_id = q.id"
        " JOIN articles a ON a.id = s.article_id ORDER BY q.id, a.id, s.start_char"
    )
    keys = (
        "quote_id", "text", "kind", "speaker", "first_published", "article_id", "url", "title", "published",
        "start", "end", "cue",
    )  # fmt: skip
    return [dict(zip(keys, r, strict=True)) for r in rows]
