"""Is this article English? A function-word profile, no model and no download.

The most frequent function words of a language cover a large share of any running text in it
(Grefenstette, "Comparing two language identification schemes", JADT 1995); comparing those
shares across a handful of languages tells them apart reliably for texts of a few dozen words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotegraph.lexicon import load_lexicon

_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 30
_PKG = "quotegraph.ingest.lexicons"


@lru_cache(maxsize=1)
def _profiles() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in load_lexicon(_PKG, "function_words.tsv").items()}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the best-matching profile, or None if the text is too short to tell."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < _MIN_WORDS:
        return None
    scores = {lang: sum(1 for w in words if w in profile) / len(words) for lang, profile in _profiles().items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 0.05 else None
