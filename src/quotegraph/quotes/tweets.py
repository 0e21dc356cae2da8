"""Embedded posts: a tweet pasted into a news page, signed ``— Name (@handle) Month D, YYYY``.

Twitter's embed markup (a ``blockquote`` with the text, then the signature line) reaches the
extracted article text as a paragraph with no quotation marks and no verb of saying. The
signature is the cue: the text before it, without its trailing ``pic.twitter.com`` or ``t.co``
link, is what the named account wrote (tests/eval/AEB_HELDOUT_GOLD.md, "Embedded tweets").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
SIGNATURE = re.compile(
    rf"[—–]\s*(?P<name>[^\n—–()@]{{1,80}}?)\s*\(@(?P<handle>\w{{1,15}})\)\s*(?:(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}})"
)
_TRAILING_LINK = re.compile(r"(?:\s*(?:https?://)?(?:pic\.twitter\.com|t\.co)/\S*)+\s*$")
_MIN_CHARS = 8


@dataclass(frozen=True, slots=True)
class EmbeddedPost:
    """Character spans of the post's text and of the signer's name."""

    start: int
    end: int
    name_start: int
    name_end: int
    cue_start: int


def embedded_posts(text: str) -> Iterator[EmbeddedPost]:
    """Each signed post in ``text``: the text runs from the start of its paragraph (or of the
    signature's line when the signature stands alone) to the signature, links trimmed."""
    for match in SIGNATURE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if text[line_start : match.start()].strip():
            start = line_start  # "text pic.twitter.com/x — Name (@handle) date" on one line
        else:
            previous_end = line_start - 1
            while previous_end > 0 and text[previous_end - 1] == "\n":
                previous_end -= 1
            start = text.rfind("\n", 0, previous_end) + 1
        body = text[start : match.start()]
        trimmed = _TRAILING_LINK.sub("", body.rstrip())
        lead = len(trimmed) - len(trimmed.lstrip())
        end = start + len(trimmed)
        start += lead
        if end - start < _MIN_CHARS:
            continue
        yield EmbeddedPost(start, end, match.start("name"), match.end("name"), match.start())
