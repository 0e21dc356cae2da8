"""Write one analysis in one transaction, consolidating across articles.

- An article is keyed by a hash of its normalised text: the same story from two sources is one
  article with two sources; an article analysed by the current pipeline version is not redone.
- A person with a full name is one entity across articles (``Mila Kunis``); a person known only
  by one name (``Kunis``) stays local to its article, since a surname alone does not identify
  anyone across an archive.
- A quote is keyed by its normalised text and its speakers: syndicated copies are one quote
  with many sources and the earliest publication date.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from quotegraph.eval import norm_name
from quotegraph.ingest.sources import text_key
from quotegraph.store.db import Database
from quotegraph.types import Analysis, Article, Entity, Quote

_PRONOUN_LIKE = re.compile(r"^(he|him|his|she|her|hers|they|them|their|the|a|an|this|that)\b", re.IGNORECASE)


def content_key(article: Article) -> str:
    return text_key(article.text)


def entity_key(entity: Entity, article_key: str) -> str:
    name = norm_name(entity.name)
    if entity.label == "PERSON" and len(name.split()) < 2:
        return f"PERSON:{name}@{article_key[:16]}"
    return f"{entity.label}:{name}"


def quote_key(quote: Quote, occurrence: int = 0) -> str:
    """Normalised words + speakers (+ which repeat within its article: a headline quoting the
    body is two quotes of that article, and each matches its own copy in a syndicated one)."""
    words = " ".join(re.findall(r"\w+", quote.text.casefold()))
    speakers = "|".join(sorted(norm_name(s) for s in quote.speakers))
    return hashlib.sha256(f"{words}\x1f{speakers}\x1f{occurrence}".encode()).hexdigest()


def has_article(db: Database, key: str, version: str) -> bool:
    row = db.one("SELECT pipeline_version FROM articles WHERE content_key = ?", (key,))
    return row is not None and row[0] == version


def add_source(db: Database, key: str, article: Article) -> None:
    """Record another source of an article already stored."""
    with db.transaction():
        row = db.one("SELECT id FROM articles WHERE content_key = ?", (key,))
        if row is not None:
            db.execute(
                "INSERT INTO article_sources (article_id, source, url) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (row[0], article.source or article.id, article.url),
            )


def write_analysis(db: Database, analysis: Analysis) -> bool:
    """Store an analysis; True if the article is new (or re-analysed by a newer pipeline)."""
    article = analysis.article
    key = content_key(article)
    with db.transaction():
        row = db.one("SELECT id, pipeline_version FROM articles WHERE content_key = ?", (key,))
        if row is not None and row[1] != analysis.version:  # analysed by an older pipeline: redo it
            db.execute("DELETE FROM articles WHERE id = ?", (row[0],))
            _delete_orphans(db)
        inserted = _insert_article(db, key, analysis)
        if inserted is None:  # stored already (or just now, by another writer): one more source
            row = db.one("SELECT id FROM articles WHERE content_key = ?", (key,))
            assert row is not None
            _insert_source(db, row[0], article)
            return False
        article_id = inserted
        _insert_source(db, article_id, article)
        entity_ids = _insert_entities(db, article_id, key, analysis.entities)
        _insert_graph(db, article_id, analysis, entity_ids)
        seen: dict[str, int] = {}
        for quote in analysis.quotes:
            base = quote_key(quote)
            seen[base] = seen.get(base, -1) + 1
            _insert_quote(db, article_id, article.published, quote, entity_ids, quote_key(quote, seen[base]))
    return True


def _insert_article(db: Database, key: str, analysis: Analysis) -> int | None:
    """The new article's id, or None if an article with this text is already stored."""
    art = analysis.article
    row = db.one(
        "INSERT INTO articles (content_key, url, title, published, language, text, pipeline_version, model,"
        " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_key) DO NOTHING RETURNING id",
        (
            key,
            art.url,
            art.title,
            art.published,
            art.language,
            art.text,
            analysis.version,
            analysis.model,
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    return int(row[0]) if row is not None else None


def _insert_source(db: Database, article_id: int, article: Article) -> None:
    db.execute(
        "INSERT INTO article_sources (article_id, source, url) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (article_id, article.source or article.id, article.url),
    )


def _insert_entities(db: Database, article_id: int, key: str, entities: tuple[Entity, ...]) -> dict[str, int]:
    """Entity ids by canonical name (as used in quotes' ``speakers``)."""
    ids: dict[str, int] = {}
    for entity in entities:
        ekey = entity_key(entity, key)
        db.execute(
            "INSERT INTO entities (entity_key, name, label, gender) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (ekey, entity.name, entity.label, entity.gender),
        )
        row = db.one("SELECT id FROM entities WHERE entity_key = ?", (ekey,))
        assert row is not None
        entity_id = int(row[0])
        ids.setdefault(entity.name, entity_id)
        for mention in entity.mentions:
            db.execute(
                "INSERT INTO mentions (article_id, entity_id, start_char, end_char, text) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (article_id, entity_id, mention.start, mention.end, mention.text),
            )
            if mention.text[:1].isupper() and not _PRONOUN_LIKE.match(mention.text):
                db.execute(
                    "INSERT INTO aliases (entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (entity_id, mention.text),
                )
    return ids


def _insert_quote(
    db: Database, article_id: int, published: str | None, quote: Quote, entity_ids: dict[str, int], qkey: str
) -> None:
    db.execute(
        "INSERT INTO quotes (quote_key, text, kind, speaker, first_published) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (qkey, quote.text, quote.kind, quote.speaker, published),
    )
    row = db.one("SELECT id, first_published FROM quotes WHERE quote_key = ?", (qkey,))
    assert row is not None
    quote_id = int(row[0])
    if published and (row[1] is None or published < row[1]):
        db.execute("UPDATE quotes SET first_published = ? WHERE id = ?", (published, quote_id))
    db.execute(
        "INSERT INTO quote_sources (quote_id, article_id, start_char, end_char, cue, speaker_start, speaker_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (quote_id, article_id, quote.start, quote.end, quote.cue, quote.speaker_start, quote.speaker_end),
    )
    for table, names in (("quote_speakers", quote.speakers), ("quote_about", quote.about)):
        for name in names:
            if name in entity_ids:
                db.execute(
                    f"INSERT INTO {table} (quote_id, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (quote_id, entity_ids[name]),
                )


def _insert_graph(db: Database, article_id: int, analysis: Analysis, entity_ids: dict[str, int]) -> None:
    """Relations between stored entities, and events with their participants."""
    for rel in analysis.relations:
        if rel.head in entity_ids and rel.tail in entity_ids:
            db.execute(
                "INSERT INTO relations (article_id, head_id, relation, tail_id, detail, start_char, end_char,"
                " confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, entity_ids[rel.head], rel.relation, entity_ids[rel.tail], rel.detail, rel.start,
                 rel.end, rel.confidence),
            )  # fmt: skip
    for event in analysis.events:
        row = db.one(
            "INSERT INTO events (article_id, type, detail, occurred, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?)"
            " RETURNING id",
            (article_id, event.type, event.detail, event.date or event.when, event.start, event.end),
        )
        assert row is not None
        for name in event.participants:
            if name in entity_ids:
                db.execute(
                    "INSERT INTO event_participants (event_id, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (row[0], entity_ids[name]),
                )


def _delete_orphans(db: Database) -> None:
    db.execute("DELETE FROM quotes WHERE id NOT IN (SELECT quote_id FROM quote_sources)")
