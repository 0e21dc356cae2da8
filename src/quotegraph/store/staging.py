"""Staging tables: the rows of a batch of articles, keyed by text keys, before the merge.

Every write goes the same way (see :mod:`quotegraph.store.writer`): the batch's rows are put in
these temporary tables (PostgreSQL: ``COPY``; SQLite: ``executemany``), then a fixed set of
``INSERT ... SELECT ... ON CONFLICT`` statements merges them into the record. The tables are
per connection, created on first use and emptied at the start of every batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# (name, columns with types); the column order is the order of the rows the writer stages
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "stage_articles": (
        ("seq", "INTEGER"), ("content_key", "TEXT"), ("url", "TEXT"), ("title", "TEXT"), ("published", "TEXT"),
        ("language", "TEXT"), ("text", "TEXT"), ("pipeline_version", "TEXT"), ("model", "TEXT"),
        ("ingested_at", "TEXT"), ("source", "TEXT"),
    ),
    "stage_new": (("article_seq", "INTEGER"), ("article_id", "BIGINT")),
    "stage_entities": (
        ("seq", "INTEGER"), ("article_seq", "INTEGER"), ("entity_key", "TEXT"), ("name", "TEXT"), ("label", "TEXT"),
        ("gender", "TEXT"), ("name_key", "TEXT"), ("homonym", "INTEGER"),
    ),
    "stage_roles": (("article_seq", "INTEGER"), ("entity_key", "TEXT"), ("role", "TEXT")),
    "stage_mentions": (
        ("article_seq", "INTEGER"), ("entity_key", "TEXT"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("text", "TEXT"),
    ),
    "stage_aliases": (("article_seq", "INTEGER"), ("entity_key", "TEXT"), ("alias", "TEXT")),
    "stage_quotes": (
        ("seq", "INTEGER"), ("article_seq", "INTEGER"), ("quote_key", "TEXT"), ("text", "TEXT"), ("kind", "TEXT"),
        ("speaker", "TEXT"), ("published", "TEXT"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("cue", "TEXT"), ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"),
    ),
    "stage_quote_links": (
        ("article_seq", "INTEGER"), ("link", "TEXT"), ("quote_key", "TEXT"), ("entity_key", "TEXT"),
    ),
    "stage_relations": (
        ("seq", "INTEGER"), ("article_seq", "INTEGER"), ("head_key", "TEXT"), ("relation", "TEXT"),
        ("tail_key", "TEXT"), ("detail", "TEXT"), ("start_char", "INTEGER"), ("end_char", "INTEGER"),
        ("confidence", "REAL"),
    ),
}  # fmt: skip

CREATE = [
    f"CREATE TEMP TABLE IF NOT EXISTS {name} ({', '.join(f'{col} {kind}' for col, kind in columns)})"
    for name, columns in STAGES.items()
]
EMPTY = [f"DELETE FROM {name}" for name in STAGES]


def columns(table: str) -> tuple[str, ...]:
    return tuple(col for col, _ in STAGES[table])


@dataclass(slots=True)
class StagedRows:
    """The rows of one batch, table by table, in the order they were planned."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {name: [] for name in STAGES})

    def add(self, table: str, *row: Any) -> None:
        self.rows[table].append(row)


# The merge, in order. Only articles that are new in this batch (stage_new) bring entities,
# mentions, quotes and relations; every article of the batch brings its source.
NEW = "JOIN stage_new n ON n.article_seq = {alias}.article_seq"
MERGE = [
    "INSERT INTO article_sources (article_id, source, url) SELECT a.id, s.source, s.url FROM stage_articles s"
    " JOIN articles a ON a.content_key = s.content_key WHERE true ORDER BY s.seq ON CONFLICT DO NOTHING",
    "INSERT INTO entities (entity_key, name, label, gender, name_key, homonym)"
    " SELECT e.entity_key, e.name, e.label, e.gender, e.name_key, e.homonym"
    f" FROM stage_entities e {NEW.format(alias='e')} WHERE true ORDER BY e.seq ON CONFLICT DO NOTHING",
    # a person merged from an article that knows their gender, when it was not known before
    "UPDATE entities SET gender = (SELECT min(e.gender) FROM stage_entities e"
    f" {NEW.format(alias='e')} WHERE e.entity_key = entities.entity_key)"
    " WHERE gender IS NULL AND label = 'PERSON' AND entity_key IN (SELECT e.entity_key FROM stage_entities e"
    f" {NEW.format(alias='e')} WHERE e.gender IS NOT NULL)",
    "INSERT INTO entity_roles (entity_id, article_id, role) SELECT en.id, n.article_id, r.role"
    f" FROM stage_roles r {NEW.format(alias='r')} JOIN entities en ON en.entity_key = r.entity_key"
    " WHERE true ON CONFLICT DO NOTHING",
    "INSERT INTO mentions (article_id, entity_id, start_char, end_char, text)"
    " SELECT n.article_id, en.id, m.start_char, m.end_char, m.text"
    f" FROM stage_mentions m {NEW.format(alias='m')} JOIN entities en ON en.entity_key = m.entity_key"
    " WHERE true ON CONFLICT DO NOTHING",
    "INSERT INTO aliases (entity_id, alias) SELECT en.id, al.alias"
    f" FROM stage_aliases al {NEW.format(alias='al')} JOIN entities en ON en.entity_key = al.entity_key"
    " WHERE true ON CONFLICT DO NOTHING",
    "INSERT INTO quotes (quote_key, text, kind, speaker, first_published)"
    " SELECT q.quote_key, q.text, q.kind, q.speaker, q.published"
    f" FROM stage_quotes q {NEW.format(alias='q')} WHERE true ORDER BY q.seq ON CONFLICT DO NOTHING",
    # the earliest publication of a quote over all its sources
    "UPDATE quotes SET first_published = (SELECT min(q.published) FROM stage_quotes q"
    f" {NEW.format(alias='q')} WHERE q.quote_key = quotes.quote_key)"
    f" WHERE quote_key IN (SELECT q.quote_key FROM stage_quotes q {NEW.format(alias='q')}"
    " WHERE q.published IS NOT NULL)"
    " AND (first_published IS NULL OR first_published > (SELECT min(q.published) FROM stage_quotes q"
    f" {NEW.format(alias='q')} WHERE q.quote_key = quotes.quote_key))",
    "INSERT INTO quote_sources (quote_id, article_id, start_char, end_char, cue, speaker_start, speaker_end)"
    " SELECT qt.id, n.article_id, q.start_char, q.end_char, q.cue, q.speaker_start, q.speaker_end"
    f" FROM stage_quotes q {NEW.format(alias='q')} JOIN quotes qt ON qt.quote_key = q.quote_key"
    " WHERE true ORDER BY q.seq ON CONFLICT DO NOTHING",
    *(
        f"INSERT INTO {table} (quote_id, entity_id) SELECT qt.id, en.id FROM stage_quote_links l"
        f" {NEW.format(alias='l')} JOIN quotes qt ON qt.quote_key = l.quote_key"
        f" JOIN entities en ON en.entity_key = l.entity_key WHERE l.link = '{link}' ON CONFLICT DO NOTHING"
        for table, link in (("quote_speakers", "speaker"), ("quote_about", "about"))
    ),
    "INSERT INTO relations (article_id, head_id, relation, tail_id, detail, start_char, end_char, confidence)"
    " SELECT n.article_id, h.id, r.relation, t.id, r.detail, r.start_char, r.end_char, r.confidence"
    f" FROM stage_relations r {NEW.format(alias='r')} JOIN entities h ON h.entity_key = r.head_key"
    " JOIN entities t ON t.entity_key = r.tail_key ORDER BY r.seq",
]
