"""Indirect speech: ``X said (that) ...``, ``..., X said``, ``according to X, ...``.

Content is the clausal complement of a verb of saying (PolNeAR's "content" span, Newell et al.
LREC 2018), or the clause a trailing ``X said`` hangs on, or the clause that an ``according to
X`` phrase modifies. A cue needs a subject (or an ``according to`` object): ``it was revealed
that ...`` names no source and is not speech by anyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from quotegraph.lexicon import load_lexicon
from quotegraph.people.entities import People
from quotegraph.quotes.cues import according_to_source, is_speech_verb
from quotegraph.quotes.speakers import subject_of

_MIN_TOKENS = 4
_MIN_PIECE_TOKENS = 2  # "Acts of protest, Mr. Obama said, are acts of patriotism": both halves count
# verbs whose direct object is the addressee or a genre, not what was said ("told reporters")
_CONTENT_PREPOSITIONS = {"for", "about", "of", "to", "on"}  # "called for X", "warned of X"
_TOPIC_PREPOSITIONS = {"about", "on"}  # their noun objects are topics (AEB_QUOTES_GOLD.md: "spoke out about X")
# speech acts that commit the speaker to a deed: what follows "to" is what was said
# ("pledged to", tests/eval/AEB_QUOTES_GOLD.md p11#4)
_COMMITMENT_VERBS = {"pledge", "promise", "vow", "threaten", "swear"}
_NO_OBJECT_CONTENT = {"say", "tell", "ask", "inform", "answer", "call", "speak", "sing", "text", "post", "write"}


@dataclass(frozen=True, slots=True)
class IndirectCandidate:
    start: int
    end: int
    cue: Token
    source: Token


def _trim(doc: Doc, first: int, last: int, skip: set[int], min_tokens: int = _MIN_TOKENS) -> tuple[int, int] | None:
    """Character span of tokens first..last without edge punctuation or skipped tokens."""
    while first <= last and (doc[first].is_punct or doc[first].is_space or first in skip):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or last in skip):
        last -= 1
    if last - first + 1 < min_tokens:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _without(doc: Doc, head: Token, cut: Token, cut_range: tuple[int, int] | None = None) -> list[tuple[int, int]]:
    """``head``'s subtree minus ``cut``'s (or minus ``cut_range``): one span, or two when the cut
    sits in the middle (``But to prevent problems, he said, local officials should be vigilant``).
    A trailing ``according to Y`` of the same clause is cut too: it names a second, outer source."""
    first, last = head.left_edge.i, head.right_edge.i
    cut_first, cut_last = cut_range or (cut.left_edge.i, cut.right_edge.i)
    pieces = [(first, cut_first - 1), (cut_last + 1, last)]
    outer = [c for c in head.children if c is not cut and according_to_source(c) is not None and c.i > cut_last]
    if outer:
        pieces[1] = (cut_last + 1, outer[0].left_edge.i - 1)
    spans = [_trim(doc, a, b, set(), _MIN_PIECE_TOKENS) for a, b in pieces if b >= a]
    return [s for s in spans if s is not None]


def _inner_source(head: Token) -> bool:
    """``X said Y, according to Z`` / ``As X noted, Y, according to Z``: the clause already has a
    speaker of its own, and the innermost source is the one that said it (our annotation
    convention, tests/eval/AEB_QUOTES_GOLD.md "Nested attribution")."""
    verbs = [head, *(c for c in head.children if c.dep_ in ("advcl", "parataxis", "ccomp") and c.i < head.i)]
    if head.dep_ == "ccomp":
        verbs.append(head.head)  # "As X noted, Y meant Z, according to W"
    return any(
        is_speech_verb(v) and (subject := subject_of(v)) is not None and _plausible_source(subject) for v in verbs
    )


def _is_clause(head: Token) -> bool:
    """A complement with a subject, complementiser or auxiliary: a reported proposition."""
    return head.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "mark", "aux", "advmod") for c in head.children
    )


def find_indirect(
    doc: Doc, in_quote: list[bool], used_cues: set[int], people: People | None = None
) -> Iterator[IndirectCandidate]:
    """Indirect-speech candidates in reading order."""
    for token in doc:
        if in_quote[token.i] or token.i in used_cues:
            continue
        source = according_to_source(token)
        if source is not None:
            head = token.head if token.head.i != token.i else token
            if _inner_source(head) or not _plausible_source(source):
                continue
            for span in _without(doc, head, token):
                yield IndirectCandidate(span[0], span[1], token, source)
            continue
        if not is_speech_verb(token):
            continue
        subject = subject_of(token, people)
        if subject is None or not _plausible_source(subject):
            continue
        for span in _content(doc, token, subject):
            yield IndirectCandidate(span[0], span[1], token, subject)


def _plausible_source(subject: Token) -> bool:
    """Could this subject say something? Not the author's own ``I``/``you``, not an all-capitals
    dateline (``HONOLULU confirmed``), not a market or weather noun (``the stock added``,
    ``forecasts called for``; ``lexicons/non_sources.txt``)."""
    if subject.pos_ == "PRON":
        return subject.lower_ not in ("i", "you", "me")
    if subject.is_upper and len(subject) > 3 and subject.ent_type_ not in ("PERSON", "ORG"):
        return False
    if subject.ent_type_ == "PERCENT" or subject.like_num:
        return False  # "59 percent said", "34% agree": a poll result
    return subject.lemma_.lower() not in _non_sources()


@lru_cache(maxsize=1)
def _non_sources() -> dict[str, str]:
    return load_lexicon("quotegraph.quotes.lexicons", "non_sources.txt")


def _content(doc: Doc, verb: Token, subject: Token) -> list[tuple[int, int]]:
    """What was said: the clausal complement, the object (with its infinitive for ``urge X to``),
    or, for a parenthetical ``, X said``, the clause it interrupts or follows."""
    children = list(verb.children)
    clauses = [c for c in children if c.dep_ == "ccomp" and _is_clause(c)]
    clauses += _misattached_clauses(verb)
    after = [c for c in clauses if c.i > verb.i]
    cue_after_comma = _parenthetical(doc, _cue_phrase(verb, subject)[0])
    before = [
        c
        for c in clauses
        if c.i < verb.i and (doc[c.right_edge.i + 1 : verb.i].text.startswith(",") or cue_after_comma)
    ]
    for child in after[:1] or before[-1:]:
        last = child.right_edge.i
        outer = [c for c in child.children if c.i > child.i and according_to_source(c) is not None]
        if outer:  # "X said Y, according to Z": Y without the outer source
            last = outer[0].left_edge.i - 1
        second = [c for c in child.children if c.dep_ == "conj" and _second_cue(c)]
        if second:  # "said the deaths were caused by gunfire and called on ...": a cue of its own
            last = min(last, min(c.left_edge.i for c in child.children if c.dep_ == "cc" and c.i < second[0].i) - 1)
        spans = [_trim(doc, child.left_edge.i, last, set())]
        if child.i < verb.i:  # "Lenox thrived, he said, until it went bankrupt": the clause goes on
            rest = [c for c in children if c.dep_ == "advcl" and c.left_edge.i > verb.i]
            rest = [c for c in rest if _parenthetical(doc, c.left_edge.i)]
            spans += [_trim(doc, c.left_edge.i, c.right_edge.i, set(), _MIN_PIECE_TOKENS) for c in rest[:1]]
        return [span for span in spans if span]
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and subject.head.i == verb.i:
        phrase = _cue_phrase(verb, subject)
        if _parenthetical(doc, phrase[0]):
            return _without(doc, verb.head, verb, phrase)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPOSITIONS and child.i == verb.i + 1:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects and child.lower_ in _TOPIC_PREPOSITIONS and not _clausal(objects[0]):
                return []  # "wrote about such cases": a topic, not what was said
            if objects:  # "called for a ban", "warned of a crisis", "talked about how ..."
                span = _trim(doc, objects[0].left_edge.i, objects[0].right_edge.i, set())
                return [span] if span else []
    commitments = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i and _to_infinitive(c)]
    if commitments and verb.lemma_.lower() in _COMMITMENT_VERBS:  # "pledged to push for an amendment"
        first = next(c for c in commitments[0].children if c.dep_ == "aux" and c.lower_ == "to")
        span = _trim(doc, first.i, commitments[0].right_edge.i, set())
        return [span] if span else []
    complements = [c for c in children if c.dep_ in ("xcomp", "ccomp", "oprd")]
    if verb.lemma_.lower() in _NO_OBJECT_CONTENT and not complements:
        return []  # "told reporters"; but "told his advisers to find a way", "called it a sham"
    for child in children:
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN", "NUM") and child.i > verb.i:
            extra = [
                c
                for c in children
                if c.i > child.i and (c in complements or (c.dep_ == "prep" and c.lower_ in ("of", "over", "as")))
            ]
            if not extra and verb.lemma_.lower() not in _NOUN_CONTENT_VERBS:
                return []  # "NASA announced the selection of ...", "attacked a former Miss Universe": a topic
            last = max([child.right_edge.i] + [c.right_edge.i for c in extra])  # "accused China of using coercion"
            span = _trim(doc, child.left_edge.i, last, set())
            return [span] if span else []
    return []


def _misattached_clauses(verb: Token) -> list[Token]:
    """Reported clauses the parser hung elsewhere: on the noun of a cue's phrase (``said in an
    interview that police ...``: an ``acl`` of *interview*), or a garden path that made the
    clause's subject the cue's object (``said more than 15,000 people registered``)."""
    found = []
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i:
            for obj in child.children:
                found += [
                    c
                    for c in obj.children
                    if c.dep_ in ("acl", "relcl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children)
                ]
        if child.dep_ == "dobj" and child.i > verb.i and verb.lemma_.lower() in _GARDEN_PATH_VERBS:
            clause = [c for c in child.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.i > child.i]
            if clause and not any(c.dep_ == "agent" for c in clause[0].children):
                found.append(child)  # the whole "more than 15,000 people registered for the rally"
    return found


_GARDEN_PATH_VERBS = {"say", "claim", "report", "insist"}  # not "told reporters gathered outside"
# verbs whose bare noun object is itself what was said ("reported $2.53 in per-share earnings",
# "claimed responsibility"); for the others a bare object is a topic or a deed, not speech
# (tests/eval/AEB_DEV6_GOLD.md: "announced the selection of", "acknowledged ... shortages")
_NOUN_CONTENT_VERBS = _GARDEN_PATH_VERBS


def _second_cue(verb: Token) -> bool:
    """A verb of saying coordinated into a reported clause with no subject of its own: the parser
    hung the speaker's second act on the content (``said X and called on Y``)."""
    has_cc = any(c.dep_ == "cc" for c in verb.head.children if c.i < verb.i)
    return has_cc and is_speech_verb(verb) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _clausal(token: Token) -> bool:
    """``how online businesses grow`` / ``making a plan``: a clause, not a noun phrase."""
    return token.dep_ == "pcomp" or token.pos_ in ("VERB", "AUX") or any(c.tag_.startswith("W") for c in token.subtree)


def _to_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i for c in verb.children)


def _cue_phrase(verb: Token, subject: Token) -> tuple[int, int]:
    """First and last token of the interrupting ``, Mr. Clarke said in a statement,``: the subject
    and the verb with its own modifiers, but not a clause piece the parser hung on the verb
    (``Back in Virginia, Mr. Clarke said, he ...``: ``Back`` is the reported clause's)."""
    first = min(subject.left_edge.i, verb.i)
    last = verb.i
    for child in verb.rights:
        if child.dep_ in ("ccomp", "parataxis", "advcl", "conj", "punct", "cc"):
            break
        last = child.right_edge.i
    return first, last


def _parenthetical(doc: Doc, first: int) -> bool:
    """``..., she said`` / ``The truth, the senator said, ...``: the cue's phrase follows a comma."""
    return first > 0 and doc[first - 1].text in (",", "—", "–", "--")
