"""Speech nouns as cues: ``Trump's claim that ...``, ``her remark that “...”``, ``criticism from
rivals that ...``, ``directives from Xi to “show no mercy”``.

A noun of saying with a content clause (``that`` or a ``to``-infinitive) and a source of its own
(its possessor, or the object of ``from``/``by``) reports what that source said, as the verb would
(PolNeAR's nominal cues, Newell et al. LREC 2018; our gold sets count them: AEB_DEV4_GOLD.md
``announcement that``, POLNEAR_CANON_GOLD.md ``assertion that``, ``promise to``). A noun with no
named source (``the claim that ...``) is left out: it would make the author the speaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Doc, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.quotes.indirect import IndirectCandidate

_MIN_TOKENS = 3
# nouns whose "to"-infinitive is what was said ("a promise to give", "directives to show no
# mercy"); for the others it is a purpose ("his statement to mean ...", "an announcement to expand")
_TO_NOUNS = {"promise", "pledge", "vow", "directive", "demand", "plea", "request", "advice", "warning"}
_SOURCE_PREPS = ("from", "by", "of")


@lru_cache(maxsize=1)
def speech_nouns() -> dict[str, str]:
    return load_lexicon("quotegraph.quotes.lexicons", "speech_nouns.txt")


def find_noun_cues(doc: Doc, in_quote: list[bool]) -> Iterator[IndirectCandidate]:
    """Noun-cue candidates in reading order; the span is the content clause."""
    for token in doc:
        if token.pos_ != "NOUN" or in_quote[token.i] or token.lemma_.lower() not in speech_nouns():
            continue
        source = _source(token)
        if source is None or in_quote[source.i]:
            continue
        clause = _content_clause(token)
        if clause is None:
            continue
        first, last = clause.left_edge.i, clause.right_edge.i
        while last > first and (doc[last].is_punct and not doc[last].is_quote):
            last -= 1
        if last - first + 1 < _MIN_TOKENS:
            continue
        yield IndirectCandidate(doc[first].idx, doc[last].idx + len(doc[last].text), token, source)


def _source(noun: Token) -> Token | None:
    """Who said it: the possessor (``Trump's claim``, ``her remark``) or the object of ``from``/
    ``by``/``of`` (``criticism from rivals``, ``comments from Leon Panetta``)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PRON", "PROPN", "NOUN") and child.lower_ not in ("its", "their"):
            return child
    for child in noun.children:
        if child.dep_ != "prep" or child.lower_ not in _SOURCE_PREPS:
            continue
        for obj in child.children:
            named = obj.pos_ == "PROPN" or bool(obj.ent_type_)
            # "of" names a source only when it names someone ("the claim of Leon Panetta"), not
            # a topic ("the warning of a crisis")
            if obj.dep_ == "pobj" and obj.pos_ in ("PROPN", "NOUN", "PRON") and (child.lower_ != "of" or named):
                return obj
    return None


def _content_clause(noun: Token) -> Token | None:
    """The noun's ``that``-clause (``claims that he is ...``) or ``to``-infinitive (``promise to
    give``), attached to the noun or, across a ``from X`` phrase, to its object."""
    heads = [noun, *(o for c in noun.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj")]
    for head in heads:
        for child in head.children:
            if child.i < noun.i or child.dep_ not in ("acl", "ccomp", "relcl") or child.pos_ not in ("VERB", "AUX"):
                continue
            marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "that" and c.i == child.left_edge.i]
            to = any(c.dep_ == "aux" and c.lower_ == "to" and c.i == child.left_edge.i for c in child.children)
            if marks or (to and child.dep_ == "acl" and noun.lemma_.lower() in _TO_NOUNS):
                return child
    return _clause_after(noun)


def _clause_after(noun: Token) -> Token | None:
    """The parser often hangs the clause elsewhere (``controversy over her remark that “...”``):
    a ``that`` or ``to`` right after the noun phrase that opens a clause."""
    doc = noun.doc
    nxt = noun.right_edge.i + 1
    while nxt < len(doc) and doc[nxt].is_quote:
        nxt += 1
    if nxt >= len(doc):
        return None
    word = doc[nxt]
    to = word.lower_ == "to" and word.dep_ == "aux" and noun.lemma_.lower() in _TO_NOUNS
    opens = (word.lower_ == "that" and word.dep_ == "mark") or to
    head = word.head
    if not opens or head.pos_ not in ("VERB", "AUX") or head.left_edge.i != nxt or head.i < nxt:
        return None
    return head
