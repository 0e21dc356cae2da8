"""Rendered sentences built by hand (no model): ``[Name|LABEL]`` marks a resolved mention."""

from __future__ import annotations

import re

from quotegraph.graph.render import Rendered, Slot

_SLOT = re.compile(r"<\d+>")
_MARK = re.compile(r"\[([^|\]]+)\|([A-Z]+)(?:\|([^\]]+))?\]")


def rendered(
    marked: str, offset: int = 0, places: tuple[str, ...] = (), verbs: tuple[str, ...] = ()
) -> tuple[Rendered, str]:
    """``[Ana Ruiz|PERSON]`` is a mention of Ana Ruiz; ``[his|PERSON|Ana Ruiz]`` a pronoun resolved to her.

    Capitalised words outside mentions count as nouns (``Rendered.nominal``) unless listed in
    ``verbs``; ``places`` are the words a tagger would call GPE/NORP."""
    text, pieces, slots, pos = "", [], [], 0
    for m in _MARK.finditer(marked):
        text += marked[pos : m.start()]
        pieces.append(marked[pos : m.start()])
        surface, label, name = m.group(1), m.group(2), m.group(3) or m.group(1)
        slots.append(Slot((name,), label, offset + len(text), offset + len(text) + len(surface)))
        pieces.append(f"<{len(slots) - 1}>")
        text += surface
        pos = m.end()
    text += marked[pos:]
    pieces.append(marked[pos:])
    plain = "".join(p for p in pieces if not _SLOT.fullmatch(p))
    nominal = tuple(dict.fromkeys(w.strip(".,;:") for w in plain.split() if w[:1].isupper() and w not in verbs))
    return Rendered("".join(pieces), tuple(slots), offset, offset + len(text), places, nominal), text


def article(*marked: str, places: tuple[str, ...] = (), verbs: tuple[str, ...] = ()) -> tuple[list[Rendered], str]:
    """Several marked sentences joined by spaces into one article text."""
    sents, text = [], ""
    for m in marked:
        sent, sent_text = rendered(m, len(text), places, verbs)
        sents.append(sent)
        text += sent_text + " "
    return sents, text
