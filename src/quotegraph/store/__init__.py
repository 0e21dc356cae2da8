"""The record: SQLite by default, PostgreSQL for teams; see ``db.py`` and ``writer.py``."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

from quotegraph.errors import FilterError
from quotegraph.store.db import DEFAULT_DB, Database, StoreError
from quotegraph.store.filters import QuoteFilter
from quotegraph.store.queries import QuoteHit, counts, people, people_roles, person, persons, search_quotes
from quotegraph.store.writer import write_analyses, write_analysis
from quotegraph.types import Analysis

__all__ = ["DEFAULT_DB", "QuoteFilter", "QuoteHit", "Store", "StoreError"]


class Store:
    """An open quote database with query methods matching the CLI."""

    def __init__(self, url: str = DEFAULT_DB) -> None:
        self.db = Database(url)

    def quotes(
        self,
        q: str | QuoteFilter | None = None,
        *,
        speaker: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kind: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Full-text search over quotes with the filters of ``quotegraph search`` (see
        :class:`QuoteFilter`); ``q`` may be a whole ``QuoteFilter`` instead of the words."""
        if isinstance(q, QuoteFilter):
            if (speaker, about, since, until, kind, limit, offset) != (None, None, None, None, None, 20, 0):
                raise FilterError("quote filter: give either a QuoteFilter or keyword filters, not both")
            return search_quotes(self.db, q)
        return search_quotes(self.db, QuoteFilter(q, speaker, about, since, until, kind, limit, offset))

    def person(self, name: str) -> dict[str, Any] | None:
        """One person by canonical name, alias or numbered reference (``Chris Walker #2``):
        roles, aliases, quotes, people named alongside."""
        return person(self.db, name)

    def persons(self, name: str) -> list[dict[str, Any]]:
        """:meth:`person`, then the other people of the same name (told apart by their roles)."""
        return persons(self.db, name)

    def people(self, limit: int = 50) -> list[tuple[str, int]]:
        """(name, number of quotes) of the most quoted speakers; a second person of a name is
        ``Chris Walker #2``."""
        return people(self.db, limit)

    def people_roles(self, limit: int = 50) -> list[tuple[str, int, tuple[str, ...]]]:
        """:meth:`people` with the roles of each person who shares their name."""
        return people_roles(self.db, limit)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return counts(self.db)

    def write(self, analysis: Analysis) -> bool:
        """Store one analysis in one transaction; True if the article was new."""
        return write_analysis(self.db, analysis)

    def write_many(self, analyses: Sequence[Analysis], *, copy: bool = True) -> list[bool]:
        """Store a batch of analyses in one transaction (PostgreSQL: staged with COPY unless
        ``copy`` is False); for each, True if its article was new."""
        return write_analyses(self.db, analyses, copy=copy)

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
