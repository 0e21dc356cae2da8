"""Write one analysis in one transaction, consolidating across articles.

- An article is keyed by a hash of its normalised text: the same story from two sources is one
  article with two sources; an article analysed by the current pipeline version is not redone.
- A person with a full name is one entity across articles (``Mila Kunis``) unless their
  contexts clash (:mod:`quotegraph.store.consolidate`: two ``Chris Walker``, a quarterback and a
  professor, are two people); a person known only by one name (``Kunis``) stays local to its
  article, since a surname alone does not identify anyone across an archive.
- A further source of a stored article fills in the URL, title and date the article lacked.
- A quote is keyed by its normalised text and its speakers: syndicated copies are one quote
  with many sources and the earliest publication date.

One way to write, whatever the number of articles: :func:`plan` turns an analysis into rows
keyed by these text keys (people as :func:`quotegraph.store.consolidate.resolve` decided), the
rows go into the staging tables (COPY on PostgreSQL, executemany on SQLite) and the merge
statements of :mod:`quotegraph.store.staging` consolidate them into the record, one transaction
a batch.
``ingest`` writes batches of one article; ``load`` writes batches of many.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from quotegraph.eval import norm_name
from quotegraph.ingest.sources import text_key
from quotegraph.people.roles import person_roles
from quotegraph.store.consolidate import Person, article_people, resolve
from quotegraph.store.db import Database
from quotegraph.store.staging import CREATE, EMPTY, MERGE, StagedRows, columns
from quotegraph.types import Analysis, Article, Entity, Quote

_PRONOUN_LIKE = re.compile(r"^(he|him|his|she|her|hers|they|them|their|the|a|an|this|that)\b", re.IGNORECASE)


def content_key(article: Article) -> str:
    return text_key(article.text)


def entity_key(entity: Entity, article_key: str) -> str:
    name = norm_name(entity.name)
    if entity.label == "PERSON" and len(name.split()) < 2:
        return f"PERSON:{name}@{article_key[:16]}"
    return f"{entity.label}:{name}"


def quote_key(quote: Quote, occurrence: int = 0, homonyms: dict[str, int] | None = None) -> str:
    """Normalised words + speakers (+ which repeat within its article: a headline quoting the
    body is two quotes of that article, and each matches its own copy in a syndicated one).
    ``homonyms``: the number of a speaker who is not the first person of their name."""
    words = " ".join(re.findall(r"\w+", quote.text.casefold()))
    numbers = homonyms or {}
    speakers = "|".join(
        sorted(norm_name(s) + (f"#{n}" if (n := numbers.get(s, 1)) > 1 else "") for s in quote.speakers)
    )
    return hashlib.sha256(f"{words}\x1f{speakers}\x1f{occurrence}".encode()).hexdigest()


def has_article(db: Database, key: str, version: str) -> bool:
    row = db.one("SELECT pipeline_version FROM articles WHERE content_key = ?", (key,))
    return row is not None and row[0] == version


def add_source(db: Database, key: str, article: Article) -> None:
    """Record another source of an article already stored."""
    with db.transaction():
        row = db.one("SELECT id, url, title, published FROM articles WHERE content_key = ?", (key,))
        if row is not None:
            db.execute(
                "INSERT INTO article_sources (article_id, source, url) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (row[0], article.source or article.id, article.url),
            )
            _fill(db, row[0], row[1:], (article.url, article.title, article.published))


def write_analysis(db: Database, analysis: Analysis) -> bool:
    """Store one analysis in one transaction; True if the article is new (or re-analysed by a
    newer pipeline), False if its text was stored already (the source is added)."""
    return write_analyses(db, [analysis])[0]


def write_analyses(db: Database, analyses: Sequence[Analysis], *, copy: bool = True) -> list[bool]:
    """Store a batch of analyses in one transaction; for each, whether its article is new.

    Within a batch the first copy of an article's text is the one stored (the others add their
    sources), as writing them one after another would. ``copy``: stage with COPY on PostgreSQL
    (False: executemany, as on SQLite).
    """
    if not analyses:
        return []
    staged = StagedRows()
    keys = [content_key(analysis.article) for analysis in analyses]
    first_of: dict[str, int] = {}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for seq, analysis in enumerate(analyses):
        first_of.setdefault(keys[seq], seq)
        stage_article(staged, seq, keys[seq], analysis, now)
    with db.transaction():
        for statement in (*CREATE, *EMPTY):
            db.execute(statement)
        db.stage("stage_articles", columns("stage_articles"), staged.rows["stage_articles"], copy=copy)
        _redo_older(db)
        new = _insert_articles(db)
        fresh = [(seq, new[keys[seq]]) for seq in sorted(first_of.values()) if keys[seq] in new]
        db.stage("stage_new", ("article_seq", "article_id"), fresh, copy=False)
        roles = {seq: person_roles(analyses[seq]) for seq, _ in fresh}
        people = resolve(db, [(seq, analyses[seq], roles[seq]) for seq, _ in fresh])
        names = {seq: plan(staged, seq, keys[seq], analyses[seq], people.get(seq, {}), roles[seq]) for seq, _ in fresh}
        for table, rows in staged.rows.items():
            if table not in ("stage_articles", "stage_new") and rows:
                db.stage(table, columns(table), rows, copy=copy)
        for statement in MERGE:
            db.execute(statement)
        _fill_missing(db)
        for seq, article_id in fresh:
            _insert_events(db, article_id, analyses[seq], names[seq])
    fresh_seqs = {seq for seq, _ in fresh}
    return [seq in fresh_seqs for seq in range(len(analyses))]


def _insert_articles(db: Database) -> dict[str, int]:
    """Insert the first staged copy of each text not stored yet; the new ids by content key."""
    inserted = db.query(
        "INSERT INTO articles (content_key, url, title, published, language, text, pipeline_version, model,"
        " ingested_at) SELECT content_key, url, title, published, language, text, pipeline_version, model,"
        " ingested_at FROM stage_articles s WHERE s.seq IN (SELECT min(seq) FROM stage_articles"
        " GROUP BY content_key) ORDER BY s.seq ON CONFLICT (content_key) DO NOTHING RETURNING id, content_key"
    )
    return {str(key): int(article_id) for article_id, key in inserted}


def stage_article(staged: StagedRows, seq: int, key: str, analysis: Analysis, now: str) -> None:
    """The article row of one analysis (every copy in the batch brings its source)."""
    art = analysis.article
    staged.add(
        "stage_articles", seq, key, art.url, art.title, art.published, art.language, art.text, analysis.version,
        analysis.model, now, art.source or art.id,
    )  # fmt: skip


def plan(
    staged: StagedRows,
    seq: int,
    key: str,
    analysis: Analysis,
    people: dict[str, Person],
    roles: dict[str, frozenset[str]],
) -> dict[str, str]:
    """The rows of one new article, keyed by text keys: which entity a name in a quote or relation
    is (``people``: the stored person each full name was resolved to), which mentions are
    aliases, how repeats of a quote within the article are told apart. Returns canonical name ->
    entity key."""
    art = analysis.article
    genders = {base: gender for base, (gender, _) in article_people(analysis, roles).items()}
    entity_keys: dict[str, str] = {}  # canonical name -> key of the article's first entity of that name
    homonyms: dict[str, int] = {}
    for entity in analysis.entities:
        base = entity_key(entity, key)
        person = people.get(base) if entity.label == "PERSON" else None
        ekey, number = (person.key, person.homonym) if person else (base, 1)
        entity_keys.setdefault(entity.name, ekey)
        homonyms.setdefault(entity.name, number)
        gender = genders.get(base, entity.gender) if person else entity.gender
        staged.add("stage_entities", len(staged.rows["stage_entities"]), seq, ekey, entity.name, entity.label, gender,
                   base, number)  # fmt: skip
        for role in sorted(roles.get(entity.name, ())) if entity.label == "PERSON" else ():
            staged.add("stage_roles", seq, ekey, role)
        for mention in entity.mentions:
            staged.add("stage_mentions", seq, ekey, mention.start, mention.end, mention.text)
            if mention.text[:1].isupper() and not _PRONOUN_LIKE.match(mention.text):
                staged.add("stage_aliases", seq, ekey, mention.text)
    for rel in analysis.relations:
        if rel.head in entity_keys and rel.tail in entity_keys:
            staged.add(
                "stage_relations", len(staged.rows["stage_relations"]), seq, entity_keys[rel.head], rel.relation,
                entity_keys[rel.tail], rel.detail, rel.start, rel.end, rel.confidence,
            )  # fmt: skip
    seen: dict[str, int] = {}
    for quote in analysis.quotes:
        base = quote_key(quote, 0, homonyms)
        seen[base] = seen.get(base, -1) + 1
        qkey = quote_key(quote, seen[base], homonyms)
        staged.add(
            "stage_quotes", len(staged.rows["stage_quotes"]), seq, qkey, quote.text, quote.kind, quote.speaker,
            art.published, quote.start, quote.end, quote.cue, quote.speaker_start, quote.speaker_end,
        )  # fmt: skip
        for link, names in (("speaker", quote.speakers), ("about", quote.about)):
            for name in names:
                if name in entity_keys:
                    staged.add("stage_quote_links", seq, link, qkey, entity_keys[name])
    return entity_keys


def _fill_missing(db: Database) -> None:
    """Articles of the batch lacking a URL, title or date take them from a copy that has them
    (the HTML file gave no URL; the WARC record of the same page does)."""
    rows = db.query(
        "SELECT a.id, a.url, a.title, a.published, s.url, s.title, s.published FROM stage_articles s"
        " JOIN articles a ON a.content_key = s.content_key"
        " WHERE (a.url IS NULL OR a.url = '' OR a.title IS NULL OR a.title = '' OR a.published IS NULL"
        " OR a.published = '') AND (s.url <> '' OR s.title <> '' OR s.published <> '') ORDER BY s.seq"
    )
    have: dict[int, tuple[Any, ...]] = {}
    for article_id, *fields in rows:
        have[article_id] = _fill(db, article_id, have.get(article_id, tuple(fields[:3])), tuple(fields[3:]))


def _fill(db: Database, article_id: int, have: Sequence[Any], give: Sequence[Any]) -> tuple[Any, ...]:
    """Set the URL, title and date of an article that lacks them from ``give``; the new values.
    A date filled in dates the article's quotes too (the earliest publication of each)."""
    filled = tuple(new if new and not old else old for old, new in zip(have, give, strict=True))
    if filled != tuple(have):
        db.execute("UPDATE articles SET url = ?, title = ?, published = ? WHERE id = ?", (*filled, article_id))
        if filled[2] and not have[2]:
            db.execute(
                "UPDATE quotes SET first_published = ? WHERE id IN (SELECT quote_id FROM quote_sources"
                " WHERE article_id = ?) AND (first_published IS NULL OR first_published > ?)",
                (filled[2], article_id, filled[2]),
            )
    return filled


def _redo_older(db: Database) -> None:
    """An article stored by another pipeline version is deleted, to be written again."""
    older = db.query(
        "SELECT a.id FROM articles a JOIN stage_articles s ON s.content_key = a.content_key"
        " WHERE a.pipeline_version <> s.pipeline_version"
    )
    if older:
        for (article_id,) in older:
            db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        _delete_orphans(db)


def _insert_events(db: Database, article_id: int, analysis: Analysis, names: dict[str, str]) -> None:
    """Events with their participants (few per article: one statement each); ``names``: canonical
    name -> entity key."""
    for event in analysis.events:
        row = db.one(
            "INSERT INTO events (article_id, type, detail, occurred, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?)"
            " RETURNING id",
            (article_id, event.type, event.detail, event.date or event.when, event.start, event.end),
        )
        assert row is not None
        for name in event.participants:
            if name in names:
                db.execute(
                    "INSERT INTO event_participants (event_id, entity_id) SELECT ?, id FROM entities"
                    " WHERE entity_key = ? ON CONFLICT DO NOTHING",
                    (row[0], names[name]),
                )


def _delete_orphans(db: Database) -> None:
    db.execute("DELETE FROM quotes WHERE id NOT IN (SELECT quote_id FROM quote_sources)")
