"""Word lists shipped as data files inside the package (never downloaded)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_lexicon(package: str, name: str) -> dict[str, str]:
    """``{entry: tag}`` from a data file: one entry a line, an optional tab-separated tag.

    Lines starting with ``#`` are comments; entries are kept as written.
    """
    text = resources.files(package).joinpath(name).read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        entry, _, tag = line.partition("\t")
        out[entry.strip()] = tag.strip()
    return out
