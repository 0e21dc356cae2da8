"""Which stored person a person of a new article is: the cross-article rule, in one place.

Only people with a full name take part (``Chris Walker``; a surname alone stays in its article,
see :func:`quotegraph.store.writer.entity_key`). A person of a new article is merged into a
stored person of the same canonical name only if their contexts are compatible:

- their genders, where both are known, are the same;
- their roles (:mod:`quotegraph.people.roles`: ``senator``, ``quarterback``), where both have
  some, share a domain (``politics``, ``sport`` ...; ``lexicons/role_domains.tsv``).

Of several compatible people of that name, the one sharing the most role words wins (then the
first stored). If none is compatible, the person is new: a *homonym* of the others, numbered
2, 3 ... (``entity_key`` ``PERSON:chris walker#2``). A merge adds the article's roles to the
person and fills a gender not known before. Unknown context is compatible with any: a person
only becomes two when the articles say so. A person whose roles change domain over the years
(an actor turned senator) is taken for two; that is the price of keeping namesakes apart.

Decisions are made in the order of the articles, inside the transaction that stores them (on
PostgreSQL under a lock per name), so a batch gives what its articles written one by one give,
and a resumed ingest what a clean one gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quotegraph.eval import norm_name
from quotegraph.people.roles import domains_of
from quotegraph.store.db import POSTGRES, Database
from quotegraph.types import Analysis

_LOCK_SPACE = 7252432  # pg_advisory_xact_lock(space, hash of a name): two writers decide one name in turn
_CHUNK = 500


@dataclass(slots=True)
class Person:
    """A stored person (or one this batch creates) as the rule sees them."""

    key: str
    homonym: int
    gender: str | None = None
    roles: set[str] = field(default_factory=set)


def name_key(name: str) -> str | None:
    """The key of a full name (``PERSON:chris walker``); None for a single name."""
    norm = norm_name(name)
    return f"PERSON:{norm}" if len(norm.split()) >= 2 else None


def compatible(person: Person, gender: str | None, roles: frozenset[str]) -> bool:
    """Could a person of this gender and these roles be ``person``? Unknowns never conflict."""
    if person.gender and gender and person.gender != gender:
        return False
    mine, theirs = domains_of(person.roles), domains_of(roles)
    return not (mine and theirs and not mine & theirs)


def choose(people: list[Person], base: str, gender: str | None, roles: frozenset[str]) -> Person:
    """The person of ``people`` (all of one name) this one is, or a new homonym appended to them;
    the chosen person takes on this gender (if theirs is unknown) and these roles."""
    fits = [p for p in people if compatible(p, gender, roles)]
    if fits:
        best = max(fits, key=lambda p: (len(p.roles & roles), -p.homonym))
    else:
        number = max((p.homonym for p in people), default=0) + 1
        best = Person(base if number == 1 else f"{base}#{number}", number)
        people.append(best)
    best.gender = best.gender or gender
    best.roles |= roles
    return best


Context = tuple[str | None, frozenset[str]]  # gender, roles


def article_people(analysis: Analysis, roles: dict[str, frozenset[str]]) -> dict[str, Context]:
    """Name key -> (gender, roles) of each full-named person of the article (two spellings of one
    name, ``José Díaz`` and ``Jose Diaz``, are one person)."""
    out: dict[str, Context] = {}
    for entity in analysis.entities:
        key = name_key(entity.name) if entity.label == "PERSON" else None
        if key is None:
            continue
        gender, known = out.get(key, (None, frozenset()))
        out[key] = (gender or entity.gender, known | roles.get(entity.name, frozenset()))
    return out


def resolve(
    db: Database, batch: Sequence[tuple[int, Analysis, dict[str, frozenset[str]]]]
) -> dict[int, dict[str, Person]]:
    """For each new article (seq, analysis, roles by name), in order: name key -> the person."""
    wanted = {seq: article_people(analysis, roles) for seq, analysis, roles in batch}
    names = sorted({key for people in wanted.values() for key in people})
    if not names:
        return {}
    if db.dialect is POSTGRES:
        db.query(
            "SELECT pg_advisory_xact_lock(?, h) FROM (SELECT DISTINCT hashtext(k) AS h"
            " FROM unnest(CAST(? AS text[])) AS k ORDER BY h OFFSET 0) AS x",
            (_LOCK_SPACE, names),
        )
    known = stored(db, names)
    out: dict[int, dict[str, Person]] = {}
    for seq, _, _ in batch:
        out[seq] = {
            key: choose(known.setdefault(key, []), key, gender, roles) for key, (gender, roles) in wanted[seq].items()
        }
    return out


def stored(db: Database, names: Sequence[str]) -> dict[str, list[Person]]:
    """Every stored person of these name keys, with gender and roles, by name key."""
    found: dict[str, dict[str, Person]] = {}
    for i in range(0, len(names), _CHUNK):
        chunk = names[i : i + _CHUNK]
        rows = db.query(
            "SELECT e.name_key, e.entity_key, e.homonym, e.gender, r.role FROM entities e"
            " LEFT JOIN entity_roles r ON r.entity_id = e.id"
            f" WHERE e.label = 'PERSON' AND e.name_key IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
        for base, key, homonym, gender, role in rows:
            person = found.setdefault(base, {}).setdefault(key, Person(key, int(homonym), gender))
            if role:
                person.roles.add(role)
    return {base: sorted(people.values(), key=lambda p: p.homonym) for base, people in found.items()}
