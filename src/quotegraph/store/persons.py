"""Naming a person when two share a name: the reference the CLI, API and pages use.

The first stored person of a name is referred to by the name (``Chris Walker``); later people
of that name whose context ruled the earlier ones out (:mod:`quotegraph.store.consolidate`) by
the name and their number (``Chris Walker #2``). A name without a number matches every person
of that name in searches; a person page or ``show`` without a number starts with the first and
lists the others, told apart by their roles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotegraph.store.db import Database

_REF = re.compile(r"(.*?\S)\s*#(\d{1,6})")


@dataclass(frozen=True, slots=True)
class PersonCount:
    """A person's reference, number of quotes and, when others share the name, their roles."""

    name: str
    count: int
    roles: tuple[str, ...] = ()


def person_ref(name: str, homonym: int | None) -> str:
    """``Chris Walker`` for the first person of a name, ``Chris Walker #2`` for the second."""
    return name if not homonym or homonym <= 1 else f"{name} #{homonym}"


def parse_ref(text: str) -> tuple[str, int | None]:
    """(name, number or None) of a reference: ``Chris Walker #2`` -> (``Chris Walker``, 2)."""
    match = _REF.fullmatch(text.strip())
    return (match.group(1), int(match.group(2))) if match else (text, None)


def name_match(alias: str, ref: str) -> tuple[str, list[Any]]:
    """SQL (and its parameters) matching entities ``alias`` of this reference's name and number."""
    name, number = parse_ref(ref)
    if number is None:
        return f"lower({alias}.name) = lower(?)", [name]
    return f"(lower({alias}.name) = lower(?) AND {alias}.homonym = ?)", [name, number]


def roles_of(db: Database, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """Entity id -> its role words, the most often given first (then alphabetical)."""
    if not ids:
        return {}
    rows = db.query(
        f"SELECT entity_id, role FROM entity_roles WHERE entity_id IN ({', '.join('?' * len(ids))})", list(ids)
    )
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for entity_id, role in rows:
        counts[int(entity_id)][str(role)] += 1
    return {eid: tuple(sorted(c, key=lambda r: (-c[r], r))) for eid, c in counts.items()}


def namesakes(db: Database, entity_id: int) -> list[tuple[int, str, int]]:
    """(entity id, name, number) of the other people of this person's name, in order."""
    rows = db.query(
        "SELECT o.id, o.name, o.homonym FROM entities e JOIN entities o ON o.name_key = e.name_key"
        " WHERE e.id = ? AND o.id <> e.id AND o.label = 'PERSON' ORDER BY o.homonym, o.id",
        (entity_id,),
    )
    return [(int(r[0]), str(r[1]), int(r[2])) for r in rows]


def ref_sql(alias: str) -> str:
    """SQL for the reference of entity ``alias`` (:func:`person_ref`), to select or group by."""
    number = f"' #' || CAST({alias}.homonym AS TEXT)"
    return f"CASE WHEN {alias}.homonym > 1 THEN {alias}.name || {number} ELSE {alias}.name END"


def numbered(name: str, homonym: int) -> str:
    """A reference with its number even for the first person (``Chris Walker #1``): matches that
    person only, where the bare name matches every person of it."""
    return f"{name} #{homonym}"


def people(db: Database, q: str | None = None, limit: int = 50, offset: int = 0) -> list[PersonCount]:
    """Speakers ranked by number of quotes (every entity of a name and number counted as one
    person); ``q`` keeps names containing those letters. People who share a name come with roles."""
    where, params = "", []
    if q:
        where, params = " WHERE lower(e.name) LIKE ? ESCAPE '\\'", [_like(q)]
    rows = db.query(
        f"SELECT {ref_sql('e')} AS who, count(DISTINCT qs.quote_id) AS n, min(e.id), min(e.name_key)"
        " FROM quote_speakers qs JOIN entities e ON e.id = qs.entity_id"
        + where
        + " GROUP BY e.name, e.homonym ORDER BY n DESC, e.name, e.homonym LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    keys = shared_names(db, [str(r[3]) for r in rows if r[3]])
    roles = roles_of(db, [int(r[2]) for r in rows if r[3] in keys])
    return [PersonCount(str(r[0]), int(r[1]), roles.get(int(r[2]), ())) for r in rows]


def shared_names(db: Database, keys: Sequence[str]) -> set[str]:
    """The name keys among ``keys`` that more than one stored person has."""
    if not keys:
        return set()
    rows = db.query(
        f"SELECT name_key FROM entities WHERE label = 'PERSON' AND name_key IN ({', '.join('?' * len(keys))})"
        " GROUP BY name_key HAVING count(*) > 1",
        list(keys),
    )
    return {str(r[0]) for r in rows}


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
