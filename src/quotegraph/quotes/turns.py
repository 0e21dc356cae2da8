"""Speaker turns: ``Matthews: Well, speculation is bad.`` in an interview or panel transcript, and
the ``Sanders: Clinton Email Story Has Moved`` headline.

A paragraph that opens with a person's name and a colon, followed by unquoted words, reports
what that person said; the colon is the cue (POLNEAR_CANON_GOLD.md, batches 4-6: transcripts
counted as direct quotes with the cue ``:``). The name must resolve to a person of the article,
so ``Photo:`` or ``Read more:`` never qualify.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from quotegraph.people.entities import People
from quotegraph.quotes.marks import paragraphs

_MAX_NAME_TOKENS = 5
_MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker turn: what was said (``start``..``end``), the name and the colon."""

    start: int
    end: int
    names: tuple[str, ...]
    name_start: int
    name_end: int
    colon: int


def speaker_turns(doc: Doc, text: str, people: People) -> Iterator[Turn]:
    """The article's turns. A lone ``Name: words`` line that does not end a sentence is a topic
    label (the BBC's ``Julian Assange: Sweden drops rape investigation``), not speech; two turns
    or more make a transcript."""
    turns = list(_turns(doc, text, people))
    for turn in turns:
        if len(turns) > 1 or text[turn.end - 1] in '.!?…”’"':
            yield turn


def _turns(doc: Doc, text: str, people: People) -> Iterator[Turn]:
    for start, end in paragraphs(text):
        colon = text.find(":", start, min(end, start + 60))
        if colon < 0:
            continue
        said = text[colon + 1 : end].strip()
        if len(said.split()) < _MIN_WORDS or said[:1] in "“\"‘'":
            continue  # "X on the ruling: “...”" is a quotation, found by its marks
        name = doc.char_span(start, colon, alignment_mode="expand")
        if name is None or not 0 < len(name) <= _MAX_NAME_TOKENS:
            continue
        last = name[-1]
        names = people.names_for(last)
        if people.label_for(last) != "PERSON" or len(names) != 1:
            continue
        if not all(t.is_title or t.is_upper or t.is_punct for t in name):
            continue  # "The senator said in a statement:" is a cue phrase, not a name
        said_start = colon + 1 + (len(text[colon + 1 : end]) - len(text[colon + 1 : end].lstrip()))
        first = name[0]
        yield Turn(said_start, end, names, first.idx, last.idx + len(last.text), colon)
