"""Pair quotation marks in raw text, never giving up on an article.

Unlike textacy's direct-quote extractor, an odd number of marks does not abort anything:
following BookNLP (Bamman et al.), a quote still open at the end of a paragraph is closed there,
unless the next paragraph opens with a quotation mark, the news convention for a quotation that
runs over several paragraphs (then the quote continues). Single quotes count as quotation marks
only outside double quotes, only when they open before a letter (so ``‘70s`` and ``'90s`` are
apostrophes) and only when a closing mark follows in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
_BEFORE_OPEN = set(" \t\n\r\u00a0([{—–-/:;,") | {""}
_MAX_SINGLE = 300  # a single-quoted stretch longer than this is apostrophes, not a quote
_PAIR_TAIL = "\u200b"  # stands in for the second half of a two-character mark
_LINE_BREAK = re.compile(r"\n+")


@dataclass(frozen=True, slots=True)
class MarkSpan:
    """A quoted stretch: ``start`` at the opening mark, ``end`` after the closing one.

    ``closed`` is False when the quote was closed by a paragraph end rather than a mark.
    """

    start: int
    end: int
    closed: bool
    single: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: every line break ends one (scraped news mixes single and blank-line
    breaks; a quotation that runs on re-opens its mark on the next line, see module doc)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before in _BEFORE_OPEN and after != "" and not after.isspace()


def _is_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before != "" and not before.isspace() and not after.isalnum()


def _double_singles(text: str) -> str:
    """Wire text writes a double quote as two single ones (``''Hi,''``, ``‘‘Hi,’’``): make each
    pair one mark plus a placeholder, keeping every offset."""
    if not any(pair in text for pair in ("''", "``", "’’", "‘‘")):
        return text
    text = text.replace("’’", "”" + _PAIR_TAIL).replace("‘‘", "“" + _PAIR_TAIL)
    return text.replace("''", '"' + _PAIR_TAIL).replace("``", '"' + _PAIR_TAIL)


def find_quotes(text: str) -> list[MarkSpan]:
    """Every quoted stretch of ``text`` in order; spans never overlap."""
    text = _double_singles(text)
    spans: list[MarkSpan] = []
    paras = paragraphs(text)
    k = 0
    while k < len(paras):
        k = _scan_paragraph(text, paras, k, spans)
    return spans


def _scan_paragraph(text: str, paras: list[tuple[int, int]], k: int, out: list[MarkSpan]) -> int:
    """Scan paragraph ``k`` (and any it runs into); return the next paragraph to scan."""
    start, end = paras[k]
    i = start
    open_at = -1
    while True:
        while i < end:
            ch = text[i]
            if open_at < 0:
                if ch in DOUBLE_OPEN or (ch == STRAIGHT_DOUBLE and _is_opening(text, i)):
                    open_at = i
                elif ch in DOUBLE_CLOSE and _is_opening(text, i) and not _is_closing(text, i):
                    open_at = i  # a scraper's ” used as an opening mark
                elif ch in SINGLE_OPEN + STRAIGHT_SINGLE and _is_opening(text, i) and text[i + 1].isalpha():
                    close = _single_close(text, i, end)
                    if close > 0:
                        out.append(MarkSpan(i, close + 1, True, single=True))
                        i = close
            elif ch in DOUBLE_CLOSE or (ch == STRAIGHT_DOUBLE and (_is_closing(text, i) or not _is_opening(text, i))):
                close_end = i + 2 if i + 1 < end and text[i + 1] == _PAIR_TAIL else i + 1
                out.append(MarkSpan(open_at, close_end, True))
                open_at = -1
            i += 1
        if open_at < 0:
            return k + 1
        # still open at the paragraph end: continue into the next paragraph if it opens a mark
        if k + 1 < len(paras) and _opens_with_mark(text, paras[k + 1][0]):
            k += 1
            start, end = paras[k]
            i = start + 1
            continue
        out.append(MarkSpan(open_at, end, False))
        return k + 1


def _opens_with_mark(text: str, pos: int) -> bool:
    return text[pos] in DOUBLE_OPEN or text[pos] == STRAIGHT_DOUBLE


def _single_close(text: str, i: int, end: int) -> int:
    """Index of the mark closing the single quote opened at ``i``, or -1."""
    pair = SINGLE_CLOSE + STRAIGHT_SINGLE
    limit = min(end, i + _MAX_SINGLE)
    j = i + 2
    while j < limit:
        if text[j] in pair and _is_closing(text, j):
            return j
        if text[j] in DOUBLE_OPEN or text[j] == STRAIGHT_DOUBLE:
            return -1
        j += 1
    return -1
