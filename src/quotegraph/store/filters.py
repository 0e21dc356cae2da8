"""One quote search, defined once: the filters of ``Store.quotes``, the CLI ``search``, ``/api/quotes``
and the search page.

A :class:`QuoteFilter` checks its fields when it is made (a wrong type or a page out of range
is a :class:`~quotegraph.errors.FilterError` naming the field and the reason). Text fields are
searched as given: a ``since`` that is not a date matches by text comparison, an unknown
``kind`` matches nothing. Interfaces that take untrusted form input refuse those first with
:meth:`QuoteFilter.format_problems`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from quotegraph.errors import FilterError

QuoteKind = Literal["direct", "indirect", "mixed"]
KINDS: tuple[str, ...] = get_args(QuoteKind)
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 1000
MAX_WORDS = 500  # characters of ``q`` an interface accepts
MAX_NAME = 200  # characters of ``speaker`` / ``about`` an interface accepts
_DATE = re.compile(DATE_PATTERN)
_TEXT_FIELDS = ("q", "speaker", "about", "since", "until", "kind")


def until_bound(until: str | None) -> str | None:
    """An inclusive upper bound for ISO dates compared as text: ``2019-11`` keeps ``2019-11-30``."""
    if until is None:
        return None
    return until + {4: "-99-99", 7: "-99"}.get(len(until), "T99")


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Which quotes to find and which page of them.

    ``q``: words, all must match (stemmed full text); ``speaker``: canonical name or alias;
    ``about``: a person the quote mentions; ``since``/``until``: first published on or after /
    on or before (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, ``until`` inclusive of the whole
    year or month); ``kind``: direct, indirect or mixed; ``limit``: page size (1 to 1000);
    ``offset``: quotes to skip. An empty text field is no filter.
    """

    q: str | None = None
    speaker: str | None = None
    about: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    limit: int = 20
    offset: int = 0

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise FilterError(f"quote filter {name}: expected text or None, got {type(value).__name__} {value!r}")
        for name, low, high in (("limit", 1, MAX_LIMIT), ("offset", 0, None)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise FilterError(f"quote filter {name}: expected a whole number, got {type(value).__name__} {value!r}")
            if value < low or (high is not None and value > high):
                bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
                raise FilterError(f"quote filter {name}: must be {bounds}, got {value}")

    @property
    def until_inclusive(self) -> str | None:
        """``until`` as the text bound the search compares with (see :func:`until_bound`)."""
        return until_bound(self.until) if self.until else None

    @property
    def is_empty(self) -> bool:
        """True if no text field filters anything (paging aside)."""
        return not any(getattr(self, name) for name in _TEXT_FIELDS)

    def format_problems(self) -> tuple[str, ...]:
        """Each date that is not ``YYYY[-MM[-DD]]`` and a kind that is not one of :data:`KINDS`."""
        problems = [
            f"“{value}” is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
            for value in (self.since, self.until)
            if value and not _DATE.match(value)
        ]
        if self.kind and self.kind not in KINDS:
            problems.append(f"“{self.kind}” is not a kind of quote (direct, indirect or mixed)")
        return tuple(problems)

    def query(self) -> dict[str, str]:
        """The text fields that are set, as URL query parameters."""
        return {name: value for name in _TEXT_FIELDS if (value := getattr(self, name))}
