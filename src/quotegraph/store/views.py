"""Read-only views of the record for the API and the web pages.

Each function takes an open :class:`Database` and returns plain frozen dataclasses: an article
with every span (quotes with cue and speaker mention, entity mentions, relations, events), a
person with their timeline and who they talk about, the people graph, lists. Every value is a
bound parameter; nothing here writes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotegraph.store.db import POSTGRES, Database
from quotegraph.store.persons import (
    PersonCount,
    name_match,
    namesakes,
    numbered,
    parse_ref,
    person_ref,
    ref_sql,
    roles_of,
)
from quotegraph.store.persons import people as people
from quotegraph.store.queries import QuoteHit

Row = tuple[Any, ...]
_PERIOD = re.compile(r"^\d{4}-\d{2}")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quote as it appears in one article, with offsets into that article's text."""

    id: int
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speakers: tuple[str, ...]
    about: tuple[str, ...]
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A place where an entity is named or referred to."""

    entity: str
    label: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RelationRow:
    id: int
    article_id: int
    head: str
    relation: str
    tail: str
    detail: str | None
    start: int | None
    end: int | None
    confidence: float | None


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    article_id: int
    type: str
    detail: str | None
    occurred: str | None
    start: int | None
    end: int | None
    participants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    title: str | None
    url: str | None
    published: str | None
    quotes: int


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article with its text and every span found in it."""

    id: int
    title: str | None
    url: str | None
    published: str | None
    language: str | None
    text: str
    sources: tuple[str, ...]
    quotes: tuple[QuoteSpan, ...]
    mentions: tuple[MentionSpan, ...]
    relations: tuple[RelationRow, ...]
    events: tuple[EventRow, ...]


@dataclass(frozen=True, slots=True)
class NameCount:
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class PersonView:
    """A person: aliases, how many quotes and when, who they talk about and who talks about them.
    ``ref`` names this person alone (``Chris Walker #2``); ``namesakes`` are the other people
    of the same name, with their roles (the count is their quotes)."""

    name: str
    ref: str
    label: str
    gender: str | None
    roles: tuple[str, ...]
    namesakes: tuple[PersonCount, ...]
    aliases: tuple[str, ...]
    quote_count: int
    timeline: tuple[NameCount, ...]  # (YYYY-MM, quotes); undated quotes are left out
    undated: int
    talks_about: tuple[NameCount, ...]
    talked_about_by: tuple[NameCount, ...]
    co_mentioned: tuple[NameCount, ...]
    relations: tuple[RelationRow, ...]


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` -> ``target``: quotes by source that mention target, or a stated relation."""

    source: str
    target: str
    kind: str  # "mentions" | "relation"
    label: str
    weight: int


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _entity_ids(db: Database, ref: str) -> tuple[list[int], Row | None]:
    """Every entity of that canonical name and number (the first person of a name without one),
    whatever label the tagger gave it (single-name people are kept per article by the writer),
    and the one to show: a person if any, else the most quoted."""
    name, number = parse_ref(ref)
    best = db.one(
        "SELECT id, name, label, gender, homonym FROM entities WHERE lower(name) = lower(?) AND homonym = ?"
        " ORDER BY CASE WHEN label = 'PERSON' THEN 0 ELSE 1 END,"
        " (SELECT count(*) FROM quote_speakers WHERE entity_id = entities.id) DESC, id LIMIT 1",
        (name, number or 1),
    )
    if best is None:
        return [], None
    rows = db.query("SELECT id FROM entities WHERE lower(name) = lower(?) AND homonym = ?", (name, number or 1))
    return [int(r[0]) for r in rows], best


def _has_column(db: Database, table: str, column: str) -> bool:
    if db.dialect is POSTGRES:
        sql = "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?"
    else:
        sql = "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?"
    row = db.one(sql, (table, column))
    return bool(row and row[0])


def locate_cue(text: str, cue: str | None, start: int, end: int, near: int | None = None) -> tuple[int, int] | None:
    """Offsets of the cue word nearest the speaker mention (or the quote), outside the quote.

    The schema stores the cue's text, not its offsets; the cue is always within a sentence of
    its quote, so the closest whole-word occurrence within 300 characters is the one meant.
    """
    if not cue or not cue.strip():
        return None
    lo, hi = max(0, start - 300), min(len(text), end + 300)
    pattern = re.compile(r"(?<!\w)" + re.escape(cue.strip()) + r"(?!\w)", re.IGNORECASE)
    anchor = near if near is not None else start
    best: tuple[int, int, int] | None = None
    for match in pattern.finditer(text, lo, hi):
        inside = start <= match.start() and match.end() <= end
        score = (1 if inside else 0) * 10_000 + abs(match.start() - anchor)
        if best is None or score < best[0]:
            best = (score, match.start(), match.end())
    return (best[1], best[2]) if best else None


def _names_by_quote(db: Database, table: str, quote_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    if not quote_ids:
        return {}
    rows = db.query(
        f"SELECT t.quote_id, {ref_sql('e')} FROM {table} t JOIN entities e ON e.id = t.entity_id"
        f" WHERE t.quote_id IN ({_marks(len(quote_ids))}) ORDER BY e.name, e.homonym",
        list(quote_ids),
    )
    out: dict[int, list[str]] = defaultdict(list)
    for quote_id, name in rows:
        out[int(quote_id)].append(str(name))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def article(db: Database, article_id: int) -> ArticleView | None:
    """The article with its text and every quote, mention, relation and event, in text order."""
    row = db.one("SELECT id, title, url, published, language, text FROM articles WHERE id = ?", (article_id,))
    if row is None:
        return None
    text = str(row[5])
    sources = tuple(
        str(r[0] or r[1])
        for r in db.query("SELECT url, source FROM article_sources WHERE article_id = ? ORDER BY source", (article_id,))
    )
    cue_cols = "s.cue_start, s.cue_end" if _has_column(db, "quote_sources", "cue_start") else "NULL, NULL"
    rows = db.query(
        f"SELECT q.id, s.start_char, s.end_char, q.text, q.kind, q.speaker, s.cue, {cue_cols},"
        " s.speaker_start, s.speaker_end FROM quote_sources s JOIN quotes q ON q.id = s.quote_id"
        " WHERE s.article_id = ? ORDER BY s.start_char, s.end_char",
        (article_id,),
    )
    ids = sorted({int(r[0]) for r in rows})
    speakers, about = _names_by_quote(db, "quote_speakers", ids), _names_by_quote(db, "quote_about", ids)
    quotes = []
    for qid, start, end, qtext, kind, speaker, cue, cue_start, cue_end, sp_start, sp_end in rows:
        if cue_start is None:
            found = locate_cue(text, cue, start, end, sp_start)
            cue_start, cue_end = found if found else (None, None)
        names = speakers.get(qid) or ((speaker,) if speaker else ())
        quotes.append(
            QuoteSpan(
                qid,
                start,
                end,
                qtext,
                kind,
                speaker,
                names,
                about.get(qid, ()),
                cue,
                cue_start,
                cue_end,
                sp_start,
                sp_end,
            )
        )
    mentions = tuple(
        MentionSpan(str(r[0]), str(r[1]), int(r[2]), int(r[3]), str(r[4]))
        for r in db.query(
            f"SELECT {ref_sql('e')}, e.label, m.start_char, m.end_char, m.text FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start_char, m.end_char",
            (article_id,),
        )
    )
    return ArticleView(
        int(row[0]), row[1], row[2], row[3], row[4], text, sources, tuple(quotes), mentions,
        tuple(relations(db, article_id=article_id, limit=500)), tuple(events(db, article_id=article_id, limit=500)),
    )  # fmt: skip


def articles(db: Database, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """Articles, most recently published first, with their number of quotes."""
    rows = db.query(
        "SELECT a.id, a.title, a.url, a.published, (SELECT count(*) FROM quote_sources s WHERE s.article_id = a.id)"
        " FROM articles a ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [ArticleSummary(int(r[0]), r[1], r[2], r[3], int(r[4])) for r in rows]


def person(db: Database, name: str) -> PersonView | None:
    """One person (every entity of that canonical name and number) with their timeline, who they
    talk about and the other people of the name."""
    ids, best = _entity_ids(db, name)
    if best is None:
        return None
    others = namesakes(db, int(best[0])) if best[2] == "PERSON" else []
    shown = [int(best[0]), *(o[0] for o in others)]
    roles = roles_of(db, shown)
    said = {
        int(r[0]): int(r[1])
        for r in db.query(
            f"SELECT entity_id, count(*) FROM quote_speakers WHERE entity_id IN ({_marks(len(shown))})"
            " GROUP BY entity_id",
            shown,
        )
    }
    marks = _marks(len(ids))
    aliases = db.query(f"SELECT DISTINCT alias FROM aliases WHERE entity_id IN ({marks}) ORDER BY alias", ids)
    dates = db.query(
        "SELECT q.first_published, count(*) FROM quotes q WHERE q.id IN"
        f" (SELECT quote_id FROM quote_speakers WHERE entity_id IN ({marks})) GROUP BY q.first_published",
        ids,
    )
    months: dict[str, int] = defaultdict(int)
    undated = 0
    for published, n in dates:
        if published and _PERIOD.match(str(published)):
            months[str(published)[:7]] += int(n)
        else:
            undated += int(n)
    talks_about = db.query(
        f"SELECT {ref_sql('e')} AS who, count(DISTINCT qa.quote_id) AS n FROM quote_speakers qs"
        " JOIN quote_about qa ON qa.quote_id = qs.quote_id JOIN entities e ON e.id = qa.entity_id"
        f" WHERE qs.entity_id IN ({marks}) AND qa.entity_id NOT IN ({marks})"
        " GROUP BY who ORDER BY n DESC, who LIMIT 30",
        ids + ids,
    )
    talked_about_by = db.query(
        f"SELECT {ref_sql('e')} AS who, count(DISTINCT qs.quote_id) AS n FROM quote_about qa"
        " JOIN quote_speakers qs ON qs.quote_id = qa.quote_id JOIN entities e ON e.id = qs.entity_id"
        f" WHERE qa.entity_id IN ({marks}) AND qs.entity_id NOT IN ({marks})"
        " GROUP BY who ORDER BY n DESC, who LIMIT 30",
        ids + ids,
    )
    co = db.query(
        f"SELECT {ref_sql('e')} AS who, count(DISTINCT m2.article_id) AS n FROM mentions m1"
        " JOIN mentions m2 ON m2.article_id = m1.article_id AND m2.entity_id <> m1.entity_id"
        f" JOIN entities e ON e.id = m2.entity_id WHERE m1.entity_id IN ({marks}) AND m2.entity_id NOT IN ({marks})"
        " AND e.label = 'PERSON' GROUP BY who ORDER BY n DESC, who LIMIT 30",
        ids + ids,
    )
    ref = person_ref(str(best[1]), int(best[4]))
    return PersonView(
        name=str(best[1]),
        ref=ref,
        label=str(best[2]),
        gender=best[3],
        roles=roles.get(int(best[0]), ()),
        namesakes=tuple(PersonCount(person_ref(n, h), said.get(i, 0), roles.get(i, ())) for i, n, h in others),
        aliases=tuple(str(r[0]) for r in aliases if str(r[0]) != best[1]),
        quote_count=sum(months.values()) + undated,
        timeline=tuple(NameCount(k, v) for k, v in sorted(months.items())),
        undated=undated,
        talks_about=_counts(talks_about),
        talked_about_by=_counts(talked_about_by),
        co_mentioned=_counts(co),
        relations=tuple(relations(db, person=numbered(str(best[1]), int(best[4])), limit=200)),
    )


def _counts(rows: list[Row]) -> tuple[NameCount, ...]:
    return tuple(NameCount(str(r[0]), int(r[1])) for r in rows)


def person_quotes(db: Database, name: str, limit: int = 50, offset: int = 0) -> list[QuoteHit]:
    """The quotes a person said (alone or jointly), newest first; ``name``: as :func:`person`."""
    ids, _ = _entity_ids(db, name)
    if not ids:
        return []
    rows = db.query(
        "SELECT q.id FROM quotes q WHERE q.id IN"
        f" (SELECT quote_id FROM quote_speakers WHERE entity_id IN ({_marks(len(ids))}))"
        " ORDER BY q.first_published DESC, q.id LIMIT ? OFFSET ?",
        [*ids, limit, offset],
    )
    return quotes_by_id(db, [int(r[0]) for r in rows])


def quotes_by_id(db: Database, ids: Sequence[int]) -> list[QuoteHit]:
    """Quotes in the order of ``ids``, each with its speakers and first article (five queries in all)."""
    if not ids:
        return []
    marks = _marks(len(ids))
    rows = db.query(
        "SELECT q.id, q.text, q.kind, q.speaker, q.first_published, count(s.article_id), min(s.article_id)"
        f" FROM quotes q JOIN quote_sources s ON s.quote_id = q.id WHERE q.id IN ({marks})"
        " GROUP BY q.id, q.text, q.kind, q.speaker, q.first_published",
        list(ids),
    )
    speakers = _names_by_quote(db, "quote_speakers", ids)
    first = {int(r[0]): int(r[6]) for r in rows}
    arts = {
        int(r[0]): (r[1], r[2])
        for r in db.query(
            f"SELECT id, title, url FROM articles WHERE id IN ({_marks(len(set(first.values())))})",
            sorted(set(first.values())),
        )
    }
    spans: dict[int, tuple[int, int]] = {}
    for quote_id, article_id, start, end in db.query(
        f"SELECT quote_id, article_id, start_char, end_char FROM quote_sources WHERE quote_id IN ({marks})"
        " ORDER BY start_char DESC",
        list(ids),
    ):
        if first.get(int(quote_id)) == int(article_id):
            spans[int(quote_id)] = (int(start), int(end))
    by_id = {}
    for qid, text, kind, speaker, published, sources, article_id in rows:
        names = speakers.get(int(qid)) or ((speaker,) if speaker else ())
        title, url = arts.get(int(article_id), (None, None))
        start, end = spans.get(int(qid), (0, 0))
        by_id[int(qid)] = QuoteHit(
            int(qid), text, kind, speaker, names, published, int(sources), int(article_id), title, url, start, end
        )
    return [by_id[i] for i in ids if i in by_id]


def relations(
    db: Database, *, person: str | None = None, article_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[RelationRow]:
    """Stated relations between entities, optionally of one person or in one article."""
    where: list[str] = []
    params: list[Any] = []
    if person:
        (head, args), (tail, _) = name_match("h", person), name_match("t", person)
        where.append(f"({head} OR {tail})")
        params += args + args
    if article_id is not None:
        where.append("r.article_id = ?")
        params.append(article_id)
    rows = db.query(
        f"SELECT r.id, r.article_id, {ref_sql('h')}, r.relation, {ref_sql('t')}, r.detail, r.start_char, r.end_char,"
        " r.confidence"
        " FROM relations r JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY r.article_id, r.start_char, r.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [
        RelationRow(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5], r[6], r[7], _float(r[8])) for r in rows
    ]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def events(
    db: Database, *, person: str | None = None, article_id: int | None = None, limit: int = 50, offset: int = 0
) -> list[EventRow]:
    """Events with their participants, optionally of one person or in one article."""
    where: list[str] = []
    params: list[Any] = []
    if person:
        match, args = name_match("e", person)
        where.append(
            "ev.id IN (SELECT p.event_id FROM event_participants p JOIN entities e ON e.id = p.entity_id"
            f" WHERE {match})"
        )
        params += args
    if article_id is not None:
        where.append("ev.article_id = ?")
        params.append(article_id)
    rows = db.query(
        "SELECT ev.id, ev.article_id, ev.type, ev.detail, ev.occurred, ev.start_char, ev.end_char FROM events ev"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY ev.occurred DESC, ev.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    ids = [int(r[0]) for r in rows]
    who: dict[int, list[str]] = defaultdict(list)
    if ids:
        for event_id, name in db.query(
            f"SELECT p.event_id, {ref_sql('e')} FROM event_participants p JOIN entities e ON e.id = p.entity_id"
            f" WHERE p.event_id IN ({_marks(len(ids))}) ORDER BY e.name, e.homonym",
            ids,
        ):
            who[int(event_id)].append(str(name))
    return [
        EventRow(int(r[0]), int(r[1]), str(r[2]), r[3], r[4], r[5], r[6], tuple(who.get(int(r[0]), ()))) for r in rows
    ]


def graph(db: Database, limit: int = 60) -> list[Edge]:
    """The heaviest edges: speaker -> person their quotes mention, and stated relations."""
    s_ref, a_ref, h_ref, t_ref = ref_sql("s"), ref_sql("a"), ref_sql("h"), ref_sql("t")
    mentions = db.query(
        f"SELECT {s_ref} AS src, {a_ref} AS dst, count(DISTINCT qs.quote_id) AS n FROM quote_speakers qs"
        " JOIN quote_about qa ON qa.quote_id = qs.quote_id JOIN entities s ON s.id = qs.entity_id"
        f" JOIN entities a ON a.id = qa.entity_id WHERE {s_ref} <> {a_ref}"
        " GROUP BY src, dst ORDER BY n DESC, src, dst LIMIT ?",
        (limit,),
    )
    stated = db.query(
        f"SELECT {h_ref} AS src, {t_ref} AS dst, r.relation, count(*) AS n FROM relations r"
        f" JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id WHERE {h_ref} <> {t_ref}"
        " GROUP BY src, dst, r.relation ORDER BY n DESC, src, dst LIMIT ?",
        (limit,),
    )
    edges = [Edge(str(r[0]), str(r[1]), "mentions", "quotes", int(r[2])) for r in mentions]
    edges += [Edge(str(r[0]), str(r[1]), "relation", str(r[2]), int(r[3])) for r in stated]
    return edges
