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
from quotegraph.store.persons import (
    name_match,
    namesakes,
    numbered,
    parse_ref,
    person_ref,
    ref_sql,
    roles_of,
    shared_names,
)


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
    if speaker := filt.speaker:  # a name, an alias, or "Chris Walker #2" for one person of a shared name
        match, args = name_match("e", speaker)
        where.append(
            "q.id IN (SELECT qs.quote_id FROM quote_speakers qs JOIN entities e ON e.id = qs.entity_id"
            f" WHERE {match} OR e.id IN (SELECT entity_id FROM aliases WHERE lower(alias) = lower(?)))"
        )
        params += [*args, speaker]
    if about := filt.about:
        match, args = name_match("e", about)
        where.append(
            f"q.id IN (SELECT qa.quote_id FROM quote_about qa JOIN entities e ON e.id = qa.entity_id WHERE {match})"
        )
        params += args
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
            f"SELECT {ref_sql('e')} FROM quote_speakers qs JOIN entities e ON e.id = qs.entity_id"
            " WHERE qs.quote_id = ? ORDER BY e.name, e.homonym",
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
    """Speakers ranked by how many quotes they have (``Chris Walker #2`` for a second person of a name)."""
    return [(ref, n) for ref, n, _ in people_roles(db, limit)]


def people_roles(db: Database, limit: int = 50) -> list[tuple[str, int, tuple[str, ...]]]:
    """:func:`people` with the role words of each person who shares their name with another."""
    rows = db.query(
        "SELECT e.id, e.name, e.homonym, count(*) AS n, e.name_key FROM quote_speakers qs"
        " JOIN entities e ON e.id = qs.entity_id"
        " GROUP BY e.id, e.name, e.homonym, e.name_key ORDER BY n DESC, e.name, e.homonym LIMIT ?",
        (limit,),
    )
    keys = shared_names(db, [str(r[4]) for r in rows if r[4]])
    roles = roles_of(db, [int(r[0]) for r in rows if r[4] in keys])
    return [(person_ref(r[1], r[2]), int(r[3]), roles.get(int(r[0]), ())) for r in rows]


def person(db: Database, name: str, limit: int = 50) -> dict[str, Any] | None:
    """A person's aliases, roles, quotes and the people named in the same articles; ``name`` is
    the canonical name (the first person of it), an alias (``Okafor``) or a numbered reference
    (``Chris Walker #2``), the exact canonical name winning."""
    wanted, number = parse_ref(name)
    if number is not None:
        row = db.one(
            "SELECT id, name, label, gender, homonym FROM entities WHERE lower(name) = lower(?) AND homonym = ?"
            " ORDER BY label = 'PERSON' DESC, id LIMIT 1",
            (wanted, number),
        )
    else:
        row = db.one(
            "SELECT id, name, label, gender, homonym FROM entities WHERE lower(name) = lower(?)"
            " OR id IN (SELECT entity_id FROM aliases WHERE lower(alias) = lower(?))"
            " ORDER BY lower(name) = lower(?) DESC, homonym,"
            " (SELECT count(*) FROM quote_speakers WHERE entity_id = entities.id) DESC LIMIT 1",
            (name, name, name),
        )
    if row is None:
        return None
    entity_id = row[0]
    aliases = [r[0] for r in db.query("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))]
    co = db.query(
        f"SELECT {ref_sql('e')}, count(DISTINCT m2.article_id) AS n FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id <> m1.entity_id"
        " JOIN entities e ON e.id = m2.entity_id"
        " WHERE m1.entity_id = ? AND e.label = 'PERSON' GROUP BY e.id, e.name, e.homonym"
        " ORDER BY n DESC, e.name, e.homonym LIMIT 20",
        (entity_id,),
    )
    quotes = search_quotes(db, QuoteFilter(speaker=numbered(row[1], row[4]), limit=limit))
    return {
        "name": row[1],
        "ref": person_ref(row[1], row[4]),
        "label": row[2],
        "gender": row[3],
        "roles": list(roles_of(db, [entity_id]).get(entity_id, ())),
        "aliases": aliases,
        "quotes": [q.to_dict() for q in quotes],
        "co_mentioned": [{"name": r[0], "articles": int(r[1])} for r in co],
    }


def persons(db: Database, name: str, limit: int = 50) -> list[dict[str, Any]]:
    """:func:`person`, then every other person of that name (none for a numbered reference)."""
    first = person(db, name, limit)
    if first is None:
        return []
    if parse_ref(name)[1] is not None:
        return [first]
    row = db.one("SELECT id FROM entities WHERE lower(name) = lower(?) AND homonym = 1 AND label = 'PERSON'"
                 " ORDER BY id LIMIT 1", (first["name"],))  # fmt: skip
    others = namesakes(db, int(row[0])) if row else []
    return [first, *(p for _, n, h in others if (p := person(db, person_ref(n, h), limit)) is not None)]


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
