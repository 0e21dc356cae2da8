"""Cue words: verbs of saying and writing, and prepositional cues (``according to``).

The lists are data (``lexicons/*.txt``); this module only answers questions about tokens.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotegraph.lexicon import load_lexicon

_PKG = "quotegraph.quotes.lexicons"


def speech_verbs() -> dict[str, str]:
    return load_lexicon(_PKG, "speech_verbs.txt")


def is_speech_verb(token: Token) -> bool:
    """A verb of saying or writing (by lemma), used as a verb in the active voice.

    ``the letters were written`` is not a cue: its subject is the thing said, not the source.
    """
    if token.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return False
    if token.lemma_.lower() == "put":  # "As Gaiman put it, “...”"
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    return token.lemma_.lower() in speech_verbs()


def according_to_source(token: Token) -> Token | None:
    """For ``according`` in ``according to X``: the token X, else None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def cue_text(verb: Token) -> str:
    """The cue as a reader sees it: the verb with its particle (``pointed out``)."""
    particles = [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return verb.text + (" " + particles[0].text if particles else "")
