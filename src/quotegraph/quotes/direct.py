"""Direct and mixed quotations: attach each pair of quotation marks to its cue.

The cue is found through the dependency tree, not by distance (textacy and the Gender Gap
Tracker take the nearest reporting verb, which picks the wrong Karlsson when two are named):
climb from the quoted tokens to the first verb of saying that governs them, or take a verb of
saying that the quotation itself governs (``“...,” said Kutcher``). A quotation inside a
``that``-clause of a verb of saying makes the whole clause a mixed quote (Kutcher said that the
letters were written a “couple of months ago”). Fallbacks: a verb that introduces the quote
with a comma or colon (``concluded the video with, “...”``), a verb of saying right after it,
and a ``He said:`` paragraph before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotegraph.nlp.model import doc_text
from quotegraph.quotes.cues import according_to_source, is_speech_verb, speech_verbs
from quotegraph.quotes.marks import MarkSpan
from quotegraph.quotes.speakers import is_document, owned_thing

_MAX_CLIMB = 6
_LOOKAHEAD_TOKENS = 8
_MOSTLY = 0.8
_CONTENT_DEPS = {"ccomp", "dobj"}
_INVERTED_DEPS = {"parataxis", "ccomp", "conj", "dep", "advcl", "acl", "relcl"}


@dataclass(frozen=True, slots=True)
class Attachment:
    """How a quoted stretch attaches: its cue verb and, for a mixed quote, the clause span."""

    cue: Token | None
    mixed_start: int | None = None
    mixed_end: int | None = None
    introduced: bool = False  # "X on the ruling: “...”": kept though no verb of saying governs it
    source: Token | None = None  # the source named before the colon, when there is no cue verb
    according: Token | None = None  # "According to X, “...”": the cue word, X is the source


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """First and last token index inside the character span, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end - 1


_TITLE_DEPS = {"pobj", "appos", "compound", "nmod", "amod", "poss", "npadvmod"}
_NAMING_VERBS = {"call", "name", "title", "dub", "label", "brand", "nickname"}
_MAX_TITLE_WORDS = 6
_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as", "&"}


def names_a_title(doc: Doc, mark: MarkSpan) -> bool:
    """A quoted name, not speech: a short title-cased quotation that stands as a noun phrase in the
    sentence (``his book “Musicophilia”``, ``a key role in “War & Peace”``) or that a participle
    names (``a script called “Wild Rose”``). ``called Masterson a “role model”`` (the seed) is the
    verb's own complement and stays a quote."""
    rng = token_range(doc, mark.start, mark.end)
    if rng is None:
        return False
    first, last = rng
    words = [t for t in doc[first : last + 1] if not t.is_punct and not t.is_space]
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    content = [t for t in words if t.is_alpha and t.lower_ not in _SMALL_WORDS]
    if not content or not all(t.text[:1].isupper() for t in content):
        return False  # titles are title-cased; "a “lifetime politician”" is a partial quote
    tops = [t for t in words if not first <= t.head.i <= last or t.head.i == t.i]
    if len(tops) != 1:
        return False
    top = tops[0]
    if top.dep_ in _TITLE_DEPS and top.head.i != top.i:
        return True
    head = top.head
    named = top.dep_ in ("oprd", "dobj", "attr") and head.dep_ == "acl" and head.lemma_.lower() in _NAMING_VERBS
    return named and not any(c.dep_ == "dobj" and c.i != top.i for c in head.children)


def attach(doc: Doc, mark: MarkSpan, in_quote: list[bool]) -> Attachment:
    """The cue of the quoted stretch ``mark``; ``cue`` is None for a quote with no cue."""
    rng = token_range(doc, mark.start, mark.end)
    if rng is None:
        return Attachment(None)
    first, last = rng
    governors: list[tuple[Token, Token]] = []
    hung: list[tuple[Token, Token]] = []  # through an opening mark hung on the sentence before
    for token in doc[first : last + 1]:
        if not first <= token.head.i <= last:
            found = _climb(token, in_quote)
            if found is not None:
                (hung if _hung_on_previous_sentence(token) else governors).append(found)
    for verb, under in governors:
        if is_speech_verb(verb) and not _says_something_else(verb, mark, last, in_quote):
            return _maybe_mixed(doc, verb, under, mark, in_quote)
    for token in doc[first : last + 1]:
        for child in token.children:
            if not first <= child.i <= last and _inverted_cue(child, mark, in_quote):
                return _clause_before(doc, child, mark, first, in_quote)
    # "X said. ''Second sentence.''": with no cue of its own, the mark's verb is the cue after all
    for verb, under in hung:
        if is_speech_verb(verb) and not _says_something_else(verb, mark, last, in_quote):
            return _maybe_mixed(doc, verb, under, mark, in_quote)
    governors += hung
    return _fallback(doc, mark, first, last, governors, in_quote)


_MIN_LEAD_WORDS = 4


def _hung_on_previous_sentence(token: Token) -> bool:
    """``... too objectionable to support. ''He's not the right person,'' said Ms. Leon``: the
    parse hangs the opening marks on the verb of the sentence before (PolNeAR-canon, NYT's doubled
    single quotes), and the quote's own cue comes first; a mark right after its verb (``said,
    “...”``) does show the cue."""
    if not (token.is_quote or token.text in ("''", "``")) or token.head.i >= token.i:
        return False
    return any(t.text in (".", "!", "?") for t in token.doc[token.head.i + 1 : token.i])


def _clause_before(doc: Doc, cue: Token, mark: MarkSpan, first: int, in_quote: list[bool]) -> Attachment:
    """``That message is that anyone using meth is a problem and “we want to help,” Sanborn
    said``: a quote that ends a clause begun in the author's words, with the cue after it, is a
    mixed quote of the whole clause (AEB_DEV6_GOLD.md p1); a quote that opens its sentence stays
    direct."""
    if cue.i < first:
        return Attachment(cue)
    sent = doc[first].sent
    lead = [t for t in doc[sent.start : first] if not t.is_punct and not t.is_space]
    if (
        len(lead) < _MIN_LEAD_WORDS
        or any(in_quote[t.i] or is_speech_verb(t) or t.lower_ == "according" for t in lead)
        or not any(t.pos_ in ("VERB", "AUX") for t in lead)
    ):
        return Attachment(cue)
    return Attachment(cue, lead[0].idx, mark.end)


def _says_something_else(verb: Token, mark: MarkSpan, last: int, in_quote: list[bool]) -> bool:
    """``“... to the mix.” He said his company's lander ...``: a verb after a quote that ends its
    sentence, with a reported clause of its own after it or in a subordinate clause, is not that
    quote's cue (the parser often joins the two sentences)."""
    closing = doc_text(verb.doc)[mark.start : mark.end].rstrip("”\"'’ ")
    if verb.i <= last or not closing.endswith((".", "!", "?")):
        return False
    # "“... at least.” Although he had written a will, ...": a subordinate clause starts a new statement
    if any(c.dep_ == "mark" for c in verb.children):
        return True
    return any(c.dep_ == "ccomp" and c.i > verb.i and not in_quote[c.i] for c in verb.children)


def _inverted_cue(verb: Token, mark: MarkSpan, in_quote: list[bool]) -> bool:
    """``“...,” said Kutcher`` parsed with the cue under the quotation: a verb of saying right
    next to the quote, with a subject of its own."""
    if in_quote[verb.i] or not is_speech_verb(verb) or verb.dep_ not in _INVERTED_DEPS:
        return False
    doc = verb.doc
    left, right = verb.left_edge, verb.right_edge
    gap_after = doc_text(doc)[mark.end : left.idx]
    gap_before = doc_text(doc)[right.idx + len(right.text) : mark.start]
    adjacent = (left.idx >= mark.end and len(gap_after.strip(" ,.;:—–-")) == 0) or (
        right.idx < mark.start and len(gap_before.strip(" ,.;:—–-")) == 0
    )
    return adjacent and any(c.dep_ == "nsubj" for c in verb.children)


def _climb(token: Token, in_quote: list[bool]) -> tuple[Token, Token] | None:
    """(first verb of saying above ``token`` outside quotes, its child on the path), else the
    first verb above it; None if the climb leaves the sentence or enters another quote."""
    child, head = token, token.head
    first_verb: tuple[Token, Token] | None = None
    for _ in range(_MAX_CLIMB):
        if in_quote[head.i] and not in_quote[child.i]:
            return first_verb
        if head.pos_ in ("VERB", "AUX") and not in_quote[head.i]:
            if is_speech_verb(head) and not _reported_by_document(head, in_quote):
                return head, child
            first_verb = first_verb or (head, child)
        if head.head.i == head.i:
            break
        child, head = head, head.head
    return first_verb


def _reported_by_document(verb: Token, in_quote: list[bool]) -> bool:
    """``Holm said in the letter that the advertisement “unmistakably and wrongfully” suggests
    ...``: a verb of saying whose subject is a document, inside what a person says, is part of
    that person's words; the quote belongs to the outer cue (PolNeAR dev, the Phoenix letter)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    outer = verb.head
    return (
        subject is not None
        and is_document(subject)
        and verb.dep_ == "ccomp"
        and is_speech_verb(outer)
        and not in_quote[outer.i]
        and any(c.dep_ == "nsubj" and not is_document(c) for c in outer.children)
    )


def _maybe_mixed(doc: Doc, verb: Token, under: Token, mark: MarkSpan, in_quote: list[bool] | None = None) -> Attachment:
    """A quote inside a reported clause (or object) that it does not fill is part of a mixed
    quote when the clause's verb is outside it or a ``that`` precedes it (``said that the
    letters were written a “couple of months ago”``); a quote holding the verb of a bare clause
    (``say they “support victims”``) is direct."""
    described = _described_as(verb, under, mark)
    if described is not None:
        return described
    continued = _continued_clause(verb, under)
    if continued is not None:
        return _clause_span(doc, verb, continued, under, mark)
    if under.dep_ not in _CONTENT_DEPS:
        return Attachment(verb)
    that = any(c.dep_ == "mark" and c.lower_ == "that" and c.idx < mark.start for c in under.children)
    if mark.start <= under.idx < mark.end and not that and not _clause_outside(under, mark):
        # the quote holds the clause's predicate: the words are quoted as said, unless the
        # author's words begin the sentence and the cue follows ("... and “we want to help,” X said")
        rng = token_range(doc, mark.start, mark.end)
        return _clause_before(doc, verb, mark, rng[0], in_quote) if rng and in_quote else Attachment(verb)
    return _clause_span(doc, verb, under, under, mark)


def _clause_span(doc: Doc, verb: Token, first: Token, last: Token, mark: MarkSpan) -> Attachment:
    """The mixed quote from ``first``'s clause to the end of ``last``'s, unless the quote is
    nearly all of it."""
    start = first.left_edge.idx
    right = last.right_edge
    end = max(right.idx + len(right.text), mark.end)
    text = doc_text(doc)
    while end > start and (text[end - 1] in ",.;: \n" and end > mark.end):
        end -= 1
    clause_chars = end - start
    if clause_chars <= 0 or (mark.end - mark.start) >= _MOSTLY * clause_chars:
        return Attachment(verb)
    return Attachment(verb, start, end)


def _continued_clause(verb: Token, under: Token) -> Token | None:
    """``the mayor also said that it was too early to tell, and there was “no evidence" yet``:
    the parser coordinates the second reported clause with the cue; the quote is in what was
    said, one mixed span from the first clause (PolNeAR dev, the Chelsea explosion)."""
    if under.dep_ != "conj" or is_speech_verb(under) or under.i < verb.i:
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and verb.i < c.i < under.i]
    joined = any(c.dep_ == "cc" and c.i < under.i for c in verb.children)
    return clauses[0] if clauses and joined else None


def _described_as(verb: Token, under: Token, mark: MarkSpan) -> Attachment | None:
    """``slammed the hearings as a “disgrace”``, ``described Clinton as a “disgrace”``: what was
    said is the object with its quoted description, one mixed span (tests/eval/AEB_HELDOUT_GOLD.md,
    "describe X as Y"; PolNeAR's content spans). ``called Masterson a “role model”`` has no
    ``as`` and stays a direct quote of the words (the seed)."""
    if under.dep_ != "prep" or under.lower_ != "as" or under.i < verb.i:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < under.i]
    if not objects:
        return None
    described = next((c for c in under.children if c.dep_ == "pobj"), None)
    if described is not None and mark.start <= described.idx < mark.end:
        return Attachment(verb, objects[0].left_edge.idx, mark.end)  # "... as a “tax” at a rally"
    last = under.right_edge
    return Attachment(verb, objects[0].left_edge.idx, last.idx + len(last.text.rstrip(",.;:")))


def _clause_outside(under: Token, mark: MarkSpan) -> bool:
    """Does the reported clause go on outside the quote, beyond its subject and auxiliaries?
    ``say they “support victims”`` (the seed) quotes the whole predicate: direct; ``said
    politicians have “vilified” educators`` quotes one word of it: mixed."""
    # the subject, and an adverbial clause framing it ("... after their bakery handed out bread"),
    # are not the quoted predicate's own words
    subject = {t.i for c in under.children if c.dep_ in ("nsubj", "nsubjpass", "expl") for t in c.subtree}
    subject |= {t.i for c in under.subtree if c.dep_ == "advcl" and c.i != under.i for t in c.subtree}
    return any(
        not (mark.start <= t.idx < mark.end)
        and t.i not in subject
        and t.dep_ not in ("aux", "auxpass", "neg", "mark", "punct")
        and not t.is_space
        for t in under.subtree
    )


def _fallback(
    doc: Doc, mark: MarkSpan, first: int, last: int, governors: list[tuple[Token, Token]], in_quote: list[bool]
) -> Attachment:
    before = doc_text(doc)[max(0, mark.start - 200) : mark.start].rstrip()
    # "Kunis concluded the video with, “...”" / "He took to Twitter: “...”"
    if before.endswith((",", ":")):
        for verb, _ in governors:
            if verb.i < first and any(c.dep_ == "nsubj" for c in verb.children):
                return Attachment(verb)
    # a verb of saying just after the quote that the parse did not connect or put in a
    # sentence of its own: "“...?” Graham asked."
    stop = min(_after_appositive(doc, last + 1) + _LOOKAHEAD_TOKENS, len(doc))
    after = next((t for t in doc[last + 1 : stop] if not t.is_punct), None)
    if after is not None and _inverted_noun_cue(after):
        return Attachment(after)  # "“...,” comments Robin Biesbroek": the tagger made it a noun
    for token in doc[last + 1 : stop]:
        if in_quote[token.i] or "\n" in token.text:
            break
        if is_speech_verb(token):
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            introduces_next = token.i + 1 < len(doc) and doc[token.i + 1].text == ":"  # "Smith agreed: “...”"
            if (
                (subject is None or subject.i > last)
                and not introduces_next
                and not _says_something_else(token, mark, last, in_quote)
            ):
                return _clause_before(doc, token, mark, first, in_quote)
            break
    if before.endswith(",") and first > 0:
        according = _according_to_lead(doc, first, in_quote)
        if according is not None:
            return Attachment(None, introduced=True, source=according_to_source(according), according=according)
    # a "He said:" sentence or paragraph introducing the quote, or a "Name on topic:" lead-in
    if before.endswith(":") and first > 0:
        lead = doc[first - 1].sent
        for token in reversed(lead):
            if is_speech_verb(token) and not in_quote[token.i]:
                return Attachment(token)
        return Attachment(None, introduced=True, source=_lead_in_source(lead, in_quote))
    return Attachment(None)


_MAX_APPOSITIVE_TOKENS = 25


def _after_appositive(doc: Doc, i: int) -> int:
    """Where to start looking for a cue after a quote: past the speaker's name and the
    description set off after it (``“...,” Howard Gleckman, a senior fellow at the Urban
    Institute, has written.``), which the parser often hangs on the quote."""
    while i < len(doc) and doc[i].is_punct:
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "PERSON":
        return i
    while i < len(doc) and doc[i].ent_type_ == "PERSON":
        i += 1
    if i >= len(doc) or doc[i].text != ",":
        return i
    for j in range(i + 1, min(i + _MAX_APPOSITIVE_TOKENS, len(doc))):
        if doc[j].text == ",":
            return j + 1
        if doc[j].pos_ in ("VERB", "AUX") or "\n" in doc[j].text or doc[j].is_quote:
            break
    return i


def _according_to_lead(doc: Doc, first: int, in_quote: list[bool]) -> Token | None:
    """``According to his aunt, Jane Starner, “...”``: the ``according`` that opens the quote's
    sentence with no verb between it and the quote."""
    sent = doc[first].sent
    for token in doc[sent.start : first]:
        if in_quote[token.i] or token.lower_ != "according" or according_to_source(token) is None:
            continue
        between = doc[token.i + 1 : first]
        if not any(t.pos_ in ("VERB", "AUX") and not in_quote[t.i] for t in between):
            return token
    return None


def _inverted_noun_cue(token: Token) -> bool:
    """A third-person verb of saying right after a quote and before a name, mis-tagged as a
    plural noun (``comments``, ``notes``, ``writes``)."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.tag_ in ("NNS", "VBZ")
        and token.lower_.endswith("s")
        and token.lemma_.lower() in speech_verbs()
        and nxt is not None
        and nxt.pos_ == "PROPN"
    )


def _lead_in_source(lead: Span, in_quote: list[bool]) -> Token | None:
    """The subject of the lead-in's verb, or the one person it names (``A lesson from Lynch:``)."""
    for token in lead:
        if token.dep_ == "nsubj" and not in_quote[token.i] and token.head.pos_ in ("VERB", "AUX"):
            if not owned_thing(token):
                return token
            # "The timing of the surge doesn't surprise pollster Dara Shah:": the one it concerns
            named = [c for c in token.head.children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
            if named:
                return named[0]
            break
    people = [t for t in lead if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and not in_quote[t.i]]
    if len(people) == 1:
        ent = next(e for e in lead.ents if e.start == people[0].i)
        return ent[-1]
    return None


def is_standalone(doc: Doc, mark: MarkSpan, in_quote: list[bool]) -> bool:
    """True when the quote makes up its sentences: a floating quote, not a scare quote."""
    rng = token_range(doc, mark.start, mark.end)
    if rng is None:
        return False
    first, last = rng
    outside = 0
    for sent in {doc[first].sent, doc[last].sent}:
        outside += sum(1 for t in sent if not in_quote[t.i] and not t.is_punct and not t.is_space)
    return outside <= 2
