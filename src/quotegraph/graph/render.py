"""A sentence as text with every resolved mention replaced by a placeholder ``<k>``.

Relation and event patterns are regular expressions over this rendering. Surface patterns over
resolved mentions hold up where the parse of appositions and possessives does not (``Kutcher's
anti-human trafficking organization Thorn`` comes out of the parser as nested ``nmod``s), in the
spirit of Hearst-style lexico-syntactic patterns (Hearst, COLING 1992).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from quotegraph.nlp.model import doc_text
from quotegraph.people.entities import People

_PLACE_LABELS = {"GPE", "LOC", "NORP"}
_NOMINAL = {"PROPN", "NOUN", "ADJ", "X"}
PLACEHOLDER = re.compile(r"<(\d+)>")
# A title as printed: capitalised words, digits and apostrophes (That ‘70s Show), with short
# function words inside (Luckiest Girl Alive, Game of Thrones).
TITLE = r"(?:[A-Z0-9‘’'][\w‘’'!?:-]*)(?: (?:(?:of|the|and|in|on|a|an|to|for|with) )*[A-Z0-9‘’'][\w‘’'!?:-]*)*"


@dataclass(frozen=True, slots=True)
class Slot:
    """A mention in a rendered sentence: which entities, of what kind, where in the article."""

    names: tuple[str, ...]
    label: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    slots: tuple[Slot, ...]
    start: int
    end: int
    # Words the tagger named as places or groups (GPE, LOC, NORP): never an employer.
    places: tuple[str, ...] = ()
    # Capitalised words outside mentions tagged as nouns or adjectives (``Wild``, ``Goddard``),
    # not verbs or pronouns (``Named for``, ``I``): the words that may name an untagged employer.
    nominal: tuple[str, ...] = ()

    def names(self, slot: str) -> tuple[str, ...]:
        return self.slots[int(slot)].names

    def label(self, slot: str) -> str:
        return self.slots[int(slot)].label


def render_sentences(doc: Doc, people: People) -> Iterator[Rendered]:
    """Each sentence of ``doc`` rendered with placeholders for its resolved mentions."""
    places = [(e.start_char, e.text) for e in doc.ents if e.label_ in _PLACE_LABELS]  # once: Span.ents scans them all
    starts = [start for start, _ in places]
    for sent in doc.sents:
        if len(sent) < 3 or sent.text.isspace():
            continue
        first, last = bisect_left(starts, sent.start_char), bisect_left(starts, sent.end_char)
        yield render(sent, people, tuple(text for _, text in places[first:last]))


def _restated_role(text: str, ordered: list[tuple[tuple[int, int], tuple[int, ...]]], k: int) -> bool:
    """A description the resolver linked to a name that is also written beside it is a role, not a
    mention: ``X, the former executive director for ...`` (apposition to the same entity) and
    ``the writer and jewelry designer X`` (a title before the name)."""
    (start, end), ids = ordered[k]
    if not text[start:end][:1].islower() or " " not in text[start:end]:
        return False  # a name, or a lone pronoun
    before = ordered[k - 1] if k > 0 else None
    after = ordered[k + 1] if k + 1 < len(ordered) else None
    restates = before is not None and before[1] == ids and text[before[0][1] : start].strip() == ","
    titles = after is not None and text[end : after[0][0]] == " " and text[after[0][0] : after[0][1]][:1].isupper()
    return restates or titles


def render(sent: Span, people: People, places: tuple[str, ...] | None = None) -> Rendered:
    spans: dict[tuple[int, int], tuple[int, ...]] = {}
    for token in sent:
        ids = people.by_token.get(token.i)
        if ids:
            spans[people.span_of[token.i]] = ids
    pieces: list[str] = []
    slots: list[Slot] = []
    pos = sent.start_char
    text = doc_text(sent.doc)
    inside = sorted(spans.items())
    ordered = [(span, ids) for span, ids in inside if sent.start_char <= span[0] and span[1] <= sent.end_char]
    for k, ((start, end), ids) in enumerate(ordered):
        if start < pos:
            continue
        if _restated_role(text, ordered, k):
            continue  # stays text: the role is what the patterns read
        pieces.append(text[pos:start])
        clusters = [people.clusters[c] for c in ids]
        pieces.append(f"<{len(slots)}>")
        slots.append(Slot(tuple(c.name for c in clusters), clusters[0].label, start, end))
        pos = end
    pieces.append(text[pos : sent.end_char])
    rendered = " ".join("".join(pieces).split())
    if places is None:
        places = tuple(e.text for e in sent.ents if e.label_ in _PLACE_LABELS)
    nominal = tuple(
        dict.fromkeys(
            t.text for t in sent if t.text[:1].isupper() and t.pos_ in _NOMINAL and t.i not in people.by_token
        )
    )
    return Rendered(rendered, tuple(slots), sent.start_char, sent.end_char, places, nominal)
