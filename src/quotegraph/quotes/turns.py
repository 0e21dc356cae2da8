"""Speaker turns: ``Matthews: Well, speculation is bad.`` in an interview or panel transcript, and
the ``Sanders: Clinton Email Story Has Moved`` headline.

A paragraph that opens with a person's name and a colon, followed by unquoted words, reports
what that person said; the colon is the cue (POLNEAR_CANON_GOLD.md, batches 4-6: transcripts
counted as direct quotes with the cue ``:``). The name must resolve to a person of the article,
so ``Photo:`` or ``Read more:`` never qualify. A question-and-answer interview (``Q: ...`` /
``A: ...`` paragraphs, two of each at least) is a transcript too: the answers are the words of
the person the introduction is about, the questions an unnamed interviewer's (PolNeAR-canon
batch 12, the Diane Guerrero interview).
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
    yield from _interview_turns(doc, text, people)
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


_QUESTION, _ANSWER = ("Q:", "Q."), ("A:", "A.")
_MIN_EXCHANGES = 2


def _interview_turns(doc: Doc, text: str, people: People) -> Iterator[Turn]:
    """``Q: ...`` and ``A: ...`` paragraphs: the answers go to the person most mentioned before the
    first question (the interview's subject), the questions to no one named."""
    labelled = [(start, end, text[start : start + 2]) for start, end in paragraphs(text)]
    questions = [(s, e) for s, e, label in labelled if label in _QUESTION]
    answers = [(s, e) for s, e, label in labelled if label in _ANSWER]
    if len(questions) < _MIN_EXCHANGES or len(answers) < _MIN_EXCHANGES:
        return
    subject = _interviewee(doc, people, questions[0][0])
    for start, end in sorted(questions + answers):
        said = start + 2 + (len(text[start + 2 : end]) - len(text[start + 2 : end].lstrip()))
        if said >= end:
            continue
        if (start, end) in answers and subject is not None:
            name, (name_start, name_end) = subject
            yield Turn(said, end, (name,), name_start, name_end, start + 1)
        else:
            yield Turn(said, end, (), start, start + 1, start + 1)


def _interviewee(doc: Doc, people: People, before: int) -> tuple[str, tuple[int, int]] | None:
    """The person named most often in the introduction, with the span of their first mention."""
    mentions: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, span in people.span_of.items():
        token = doc[i]
        if span[0] < before and token.pos_ != "PRON" and people.label_for(token) == "PERSON":
            mentions[span] = people.names_for(token)
    counts: dict[str, list[tuple[int, int]]] = {}
    for span, names in sorted(mentions.items()):
        for name in names:
            counts.setdefault(name, []).append(span)
    if not counts:
        return None
    name = max(counts, key=lambda n: (len(counts[n]), -counts[n][0][0]))
    return name, counts[name][0]
