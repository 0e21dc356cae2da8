"""Scraper residue in plain text: widget messages, repeated photo credits, share lines.

Residue is *marked*, never cut: offsets keep pointing into the text the user gave, and the NLP
stage sees the residue blanked out (same length), so no quote or entity can come from it. The
rules are data (``quotes/lexicons/residue.txt``) plus a repeated-line detector.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from quotegraph.types import Span

_MAX_REPEATED_WORDS = 8
_MAX_WIDGET_WORDS = 12


@lru_cache(maxsize=1)
def _residue_pattern() -> re.Pattern[str]:
    text = resources.files("quotegraph.quotes.lexicons").joinpath("residue.txt").read_text("utf-8")
    rules = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return re.compile("(?:" + "|".join(f"(?:{r})" for r in rules) + r")\s*", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's stripped content."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            out.append((start, start + len(stripped)))
        pos += len(line) + 1
    return out


def find_residue(text: str) -> tuple[Span, ...]:
    """Lines that match the residue lexicon, and short lines that repeat verbatim."""
    lines = _lines(text)
    counts = Counter(text[s:e] for s, e in lines)
    pattern = _residue_pattern()
    found = []
    for start, end in lines:
        line = text[start:end]
        short = len(line.split()) <= _MAX_REPEATED_WORDS
        repeated = counts[line] > 1 and short and not _is_quote_line(line)
        if repeated or (len(line.split()) <= _MAX_WIDGET_WORDS and pattern.fullmatch(line)):
            found.append(Span(start, end, line))
    return tuple(found)


def _is_quote_line(line: str) -> bool:
    return line[:1] in "\"“‘'" or line[-1:] in "\"”’'"


_CURLY_APOSTROPHE = re.compile(r"(?<=[^\W\d_])’(?=[^\W\d_a-z])")


def straight_apostrophes(text: str) -> str:
    """``D’Souza``, ``O’Brien`` with a straight apostrophe (same length, same offsets): the
    English models were trained on straight ones and tag ``D’Souza`` a noun outside any name.
    Only a ’ between a letter and a capital changes: quotation marks, possessives and
    contractions (``Trump’s``, ``don’t``), which the models read well, are untouched."""
    return _CURLY_APOSTROPHE.sub("'", text) if "’" in text else text


_ODD_SPACES = str.maketrans({"\xa0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u200a": " "})


def plain_spaces(text: str) -> str:
    """No-break and thin spaces as plain ones (same length, same offsets): the models read
    ``racist,\xa0misogynist`` as a word, a space token and another word, and the space token
    breaks the parse of the phrase (PolNeAR pages scraped with ``&nbsp;``)."""
    return text.translate(_ODD_SPACES)


def text_to_parse(text: str, residue: tuple[Span, ...]) -> str:
    """What the parser reads: residue blanked, odd spaces made plain, name apostrophes straight;
    always the same length as ``text``, so every offset holds."""
    return straight_apostrophes(plain_spaces(mask(text, residue)))


def mask(text: str, residue: tuple[Span, ...]) -> str:
    """``text`` with every residue span blanked (same length, same offsets): spaces ending in a
    full stop. A bare run of spaces made the parser split the next sentence at random (``Nadia |
    and | Omar Haddad say``); a full stop closes the blank as a sentence of its own."""
    if not residue:
        return text
    chars = list(text)
    for span in residue:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = " "
        last = max((i for i in range(span.start, span.end) if chars[i] != "\n"), default=None)
        if last is not None:
            chars[last] = "."
    return "".join(chars)
