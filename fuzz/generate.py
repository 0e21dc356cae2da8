"""Hostile article text, generated from a seed: the inputs of ``benchmarks/fuzz_run.py``.

Each generator takes a :class:`random.Random` and returns one text; :func:`generate` picks a
generator by weight. ``mutate`` works on the committed seed corpus (``fuzz/corpus``, our own
made-up articles): it inserts, deletes, duplicates and splices stretches and swaps quotation
marks, the way a coverage-guided fuzzer mutates its corpus, without the coverage feedback.

Lone surrogates (``\\ud800``) are left out unless ``surrogates=True``: text read from a file is
decoded UTF-8 and cannot hold them; only a JSON ``\\uXXXX`` escape can (see SECURITY.md).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"


def words(text: str) -> list[str]:
    return text.split()


MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "``", "''", "‹", "›", "‚", "「", "」", "＂", "〝", "〞"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]
BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"]
BIDI += ["\u061c"]
BREAKS = ["\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c", "\x1e", "\t", " \n \n"]
ODD = ["\x00", "\x01", "\x7f", "\ufffd", "\uffff", "\ufffe", "\U0010ffff", "\U000e0001", "e\u0301\u0301\u0301"]
ODD += ["👩\u200d👩\u200d👧", "🇨🇦", "中文", "עברית", "العربية", "ß", "İ", "ﬁ", "Ⅻ", "\u00a0", "\u3000", "…", "—"]
WORDS = words(
    "the mayor said says told reporters according to that she he they it we I you Jane Doe Lee Ortiz Council"
    " city couple spokesperson police minister said: noted added asked replied wrote insisted claimed"
    " Monday budget bridge win not never always and or but , . : ; — – ( ) ? ! ... Mr. Dr. Ms. St. U.S."
)
SENTENCES = [
    "“We will win,” Jane Doe said.",
    "“First part,” Ortiz said, “and the second part.”",
    "Mayor Jane Doe said that the budget was final.",
    "According to Lee, the plan failed.",
    "Jane Doe and Lee Ortiz say they 'support it' now.",
    "The couple called it a “role model” for others.",
    '"It is over," she told reporters.',
    "He added: “Nothing changes.”",
    "“We are done.”",
    "The former mayor said it was ‘a mess.’",
    "A spokesperson for the council said the vote would happen on Monday.",
    "``We need the money,'' the minister said.",
    "„Das ist gut“, sagte er.",
    "« Nous allons gagner », a dit Lee.",
]


def random_unicode(rng: random.Random, surrogates: bool = False) -> str:
    """Code points from everywhere: ASCII, Latin, any plane, controls, marks, private use."""
    ranges = [(0x20, 0x7E), (0x00, 0x1F), (0x80, 0x24F), (0x300, 0x36F), (0x370, 0x2FFF), (0x3000, 0x9FFF)]
    ranges += [(0xE000, 0xFFFF), (0x10000, 0x10FFFF)]
    if surrogates:
        ranges.append((0xD800, 0xDFFF))
    out = []
    for _ in range(rng.randint(1, 200)):
        if rng.random() < 0.35:
            out.append(rng.choice(MARKS + BREAKS + [" "] * 6 + WORDS))
            continue
        low, high = rng.choice(ranges)
        cp = rng.randint(low, high)
        if 0xD800 <= cp <= 0xDFFF and not surrogates:
            cp = 0xFFFD
        out.append(chr(cp))
    return "".join(out)


def mark_soup(rng: random.Random) -> str:
    """Every kind of quotation mark mixed with words, spaces and line breaks."""
    pool = MARKS * 3 + WORDS + BREAKS + [" "] * 10
    return "".join(rng.choice(pool) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(1, 150)))


def nested(rng: random.Random) -> str:
    """Quotes inside quotes, dozens deep, with openers and closers dropped or doubled at random."""
    pairs = [("“", "”"), ("‘", "’"), ('"', '"'), ("'", "'"), ("«", "»"), ("„", "“"), ("``", "''")]
    depth = rng.randint(1, 60)
    chosen = [rng.choice(pairs) for _ in range(depth)]
    words = lambda: " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4)))  # noqa: E731
    opening = "".join((o if rng.random() > 0.1 else o * 2) + words() for o, _ in chosen if rng.random() > 0.1)
    closing = "".join(words() + (c if rng.random() > 0.1 else "") for _, c in reversed(chosen))
    tail = rng.choice(["", " Jane Doe said.", ", she said.", "\n\n", " said Lee Ortiz."])
    return opening + rng.choice(SENTENCES) + closing + tail


def invisible(rng: random.Random) -> str:
    """News sentences with zero-width and bidi controls anywhere, names and marks included."""
    text = list(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))))
    for _ in range(rng.randint(1, 40)):
        text.insert(rng.randint(0, len(text)), rng.choice(ZERO_WIDTH + BIDI))
    return "".join(text)


def sentences(rng: random.Random) -> str:
    """Sentences and words in paragraphs, with odd characters and breaks between them."""
    parts = []
    for _ in range(rng.randint(1, 40)):
        r = rng.random()
        parts.append(
            rng.choice(SENTENCES)
            if r < 0.5
            else rng.choice(WORDS)
            if r < 0.8
            else rng.choice(ODD + MARKS + ZERO_WIDTH + BIDI + BREAKS)
        )
        parts.append(rng.choice([" ", " ", "\n\n", "\n", ""]))
    return "".join(parts)


def many_paragraphs(rng: random.Random) -> str:
    """A long article: 20 to 150 short paragraphs (benchmark-sized; the tests go to 1,000)."""
    return "\n\n".join(rng.choice(SENTENCES) + f" ({i})" for i in range(rng.randint(20, 150)))


@lru_cache(maxsize=1)
def seeds() -> tuple[str, ...]:
    """The committed corpus, text files and HTML alike, without the mode letter each file starts with."""
    found = []
    for path in sorted(CORPUS.glob("*/*")):
        if path.is_file():
            found.append(path.read_bytes()[1:].decode("utf-8", errors="replace"))
    return tuple(found) or tuple(SENTENCES)


def mutate(rng: random.Random, corpus: tuple[str, ...] | None = None) -> str:
    """A corpus entry put through 1-8 mutations (insert, delete, duplicate, splice, swap marks)."""
    corpus = corpus or seeds()
    text = rng.choice(corpus)
    for _ in range(rng.randint(1, 8)):
        n = len(text)
        i, j = sorted((rng.randint(0, n), rng.randint(0, n)))
        op = rng.randrange(7)
        if op == 0:
            text = text[:i] + rng.choice(MARKS + ZERO_WIDTH + BIDI + BREAKS + ODD) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:j] + text[i:j] + text[j:]
        elif op == 3:
            other = rng.choice(corpus)
            k = rng.randint(0, len(other))
            text = text[:i] + other[k : k + rng.randint(1, 200)] + text[j:]
        elif op == 4:
            text = "".join(rng.choice(MARKS) if c in "\"“”‘’'«»„" and rng.random() < 0.5 else c for c in text)
        elif op == 5:
            text = text[:i] + text[i:j].upper() + text[j:]
        else:
            text = text[:i] + chr(rng.randint(0x20, 0x2FFF)) + text[i:]
    return text or " "


GENERATORS: dict[str, tuple[float, Callable[[random.Random], str]]] = {
    "unicode": (0.2, random_unicode),
    "marks": (0.2, mark_soup),
    "nested": (0.15, nested),
    "invisible": (0.1, invisible),
    "sentences": (0.14, sentences),
    "mutate": (0.208, mutate),
    "paragraphs": (0.002, many_paragraphs),
}


def generate(rng: random.Random, *, surrogates: bool = False) -> tuple[str, str]:
    """``(generator name, text)`` for one input, the generator drawn by weight."""
    names = list(GENERATORS)
    name = rng.choices(names, weights=[GENERATORS[n][0] for n in names])[0]
    text = random_unicode(rng, surrogates=True) if name == "unicode" and surrogates else GENERATORS[name][1](rng)
    return name, text
