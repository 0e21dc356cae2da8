"""From a cue to its speaker: the subject, its conjuncts, and what coreference makes of them.

The speaker contract (DESIGN.md): a person's full canonical name, never ``he`` or a bare surname
when the article gives more; an organisation's name; for an unnamed or collective source the
noun phrase as written, with its determiner (``a spokesperson for the camp``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph.nlp.model import doc_text, name_conjuncts
from quotegraph.people.entities import People
from quotegraph.people.names import group_nouns, org_name_heads, person_nouns, titles
from quotegraph.quotes.cues import speech_verbs

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NOT_SPEAKERS = {"there", "this", "that", "which", "what", "you"}
_RELATIVE = {"who", "which", "that"}
# "Some said they felt dejected": a collective source, kept as written (AEB_QUOTES_GOLD.md)
_INDEFINITE_SOURCES = {"some", "many", "others", "several", "most", "few", "both", "all", "one", "none"}
# "by telling them that ...", "after saying ...": a speech act that is how or when the subject acted;
# not "pleaded guilty to threatening", "convicted of threatening", "including calling for"
_MANNER_PREPS = {"by", "after", "before", "while"}
_CUT_DEPS = {"relcl", "appos", "punct", "advcl", "cc"}
# "according to a new report by E! News": the document stands for whoever produced it
_DOCUMENT_NOUNS = {"report", "analysis", "statement", "study", "survey", "data", "figures", "guidance",
                   "release", "letter", "post", "memo", "filing", "reports", "estimates", "poll", "review",
                   "account", "document", "transcript", "testimony", "remarks", "speech", "op-ed",
                   "column", "story", "article", "website", "site", "guideline", "version", "response",
                   "message", "notice", "editorial", "datum", "video", "order", "ruling", "plan",
                   "proposal", "ad", "advertisement", "email", "tweet"}  # fmt: skip


# singular nouns for a body that speaks for its owner: "Paul Ryan's office", "the Clinton campaign"
_SPEAKING_BODIES = {"office", "campaign", "administration", "team", "staff", "family", "government", "camp", "side",
                    "party", "committee", "board", "department", "ministry", "embassy", "spokesperson", "company",
                    "firm", "agency", "network", "newspaper", "paper", "website", "magazine", "union", "court",
                    "council", "foundation", "organization", "organisation", "group", "management", "leadership",
                    "panel"}  # fmt: skip
# written or pictured things that "say", "show" or "suggest" on behalf of whoever made them, besides
# the documents above ("the policy manual of the service notes", "the suit claims", "the flyer suggests")
_WRITTEN_THINGS = {"manual", "handbook", "guide", "textbook", "book", "page", "column", "constitution",
                  "memorandum", "document", "record", "note", "headline", "caption", "label", "sign", "law",
                  "bill", "rule", "policy", "platform", "resolution", "charter", "treaty", "amendment", "code",
                  "contract", "notice", "flyer", "mailer", "brochure", "leaflet", "poster", "image", "photo",
                  "picture", "footage", "clip", "map", "chart", "profile", "biography", "agreement", "indictment",
                  "complaint", "lawsuit", "suit", "motion", "affidavit", "verdict", "measure"}  # fmt: skip


def owned_thing(token: Token) -> bool:
    """``The timing of Sanders’ surge``, ``Republicans' reaction``, ``her menstrual cycle``: a
    singular common noun owned by someone (a possessor or an ``of`` phrase) that names neither a
    person, a group, an organisation nor a document cannot say anything; the parse made it the
    subject of a cue that belongs to someone else (PolNeAR-canon, dev)."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.ent_type_:
        return False
    lemma = token.lemma_.lower()
    if lemma in _SPEAKING_BODIES or lemma in _DOCUMENT_NOUNS or lemma in _WRITTEN_THINGS:
        return False
    if lemma in person_nouns() or lemma in titles():
        return False
    if lemma in group_nouns() or lemma in org_name_heads():
        return False
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in token.children)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: canonical names (one or several) and where the mention stands."""

    names: tuple[str, ...]
    start: int | None
    end: int | None

    @property
    def name(self) -> str | None:
        return self.names[0] if self.names else None


NO_SPEAKER = Speaker((), None, None)


def subject_of(verb: Token, people: People | None = None) -> Token | None:
    """The subject of a cue verb, looking through ``xcomp``/``conj``/participles to the head;
    with ``people``, also a name the parser took for an adverb (``Early says ...``)."""
    seen = 0
    while seen < 4:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if people is not None and len(subjects) > 1:  # "“‘House of Cards,’” she said": not the title
            subjects = [c for c in subjects if not people.is_quoted(c)] or subjects
        # "said study co-author Ana Reyes": a mis-tokenised hyphen can give the verb several
        # subjects; the name among them is the speaker
        for child in sorted(subjects, key=lambda c: c.pos_ != "PROPN")[:1]:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                antecedent = verb.head
                predicate = antecedent
                while predicate.dep_ == "conj" and predicate.head.i != predicate.i:
                    predicate = predicate.head  # "a liar, racist and birther who ..."
                if predicate.dep_ == "attr" and antecedent.pos_ == "NOUN" and predicate.head.i != verb.i:
                    # "X is a serial fibber who has pledged ...": X pledged
                    antecedent = subject_of(predicate.head) or antecedent
                return antecedent  # "Stevie Wonder, who joked, ..."
            return None if child.lower_ in _NOT_SPEAKERS else child
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head  # "the couple called Masterson ..."
        if verb.dep_ == "pcomp" and verb.head.lower_ in _MANNER_PREPS and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "pitched himself by telling them that ...": the subject of "pitched"
            if any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children):
                return None  # "We'll start by noting that ...": the author's own voice
            seen += 1
            continue
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            head = verb.head
            participle = verb.dep_ == "advcl" and verb.tag_ == "VBG"
            if (
                (verb.dep_ == "conj" or participle)
                and head.dep_ == "ccomp"
                and head.head.lemma_.lower() in speech_verbs()
            ):
                # "X said Y was sound and urged ...", "X said, “We are relieved,” adding that ...":
                # the parser hung the speaker's second act on what was said
                head = head.head
            verb = head
            seen += 1
            continue
        break
    return _adjacent_name(verb) or (_adjacent_surname(verb, people) if people is not None else None)


def _adjacent_surname(verb: Token, people: People) -> Token | None:
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.dep_ not in ("advmod", "npadvmod") or people.label_for(before) is None:
        return None
    return before


def _adjacent_name(verb: Token) -> Token | None:
    """A name right before the verb that the parse failed to make its subject (``... Trump said``)."""
    if verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ == "PROPN" and before.ent_type_ in ("PERSON", "ORG") and before.dep_ != "compound":
        return before
    return None


def _np_extent(token: Token) -> tuple[Token, Token]:
    """First and last token of the noun phrase headed by ``token``, without clauses or appositions."""
    left = token.left_edge
    right = token
    for child in token.rights:
        attached = child.dep_ == "appos" and not _set_off(token, child)  # "... in the journal JAMA Psychiatry"
        if child.dep_ == "relcl" and _restrictive(token, child):
            right = child.right_edge  # "analysts who have done the calculations say"
            break
        if (child.dep_ in _CUT_DEPS and not attached) or child.dep_ == "conj":
            break
        if child.dep_ == "acl" and not _short_modifier(child):
            break
        if token.pos_ == "PROPN" and child.dep_ == "prep" and _place(child):
            break  # "the Argus Leader of Sioux Falls": the name, not where it is
        right = _edge_before_clauses(child)
    # "Even the policy manual of ...": a focusing adverb is not part of the source
    while (left.is_punct or (left.pos_ == "ADV" and left.dep_ == "advmod")) and left.i < token.i:
        left = left.doc[left.i + 1]
    if right.dep_ == "case" and right.i > token.i:  # "the senator's claims": the possessor alone
        right = right.doc[right.i - 1]
    return left, right


_RESTRICTIVE_MAX_TOKENS = 10
# "officials who asked not to be named": why a source is anonymous, not which one it is
_ANONYMITY = {"name", "identify", "authorize", "anonymity", "permit", "allow"}


def _restrictive(noun: Token, relcl: Token) -> bool:
    """A short relative clause that says which ones (``consumers who sought help on launch day``,
    ``people I spoke to``): part of a collective unnamed source's description, unlike a clause
    set off by a comma or one that says why the source is anonymous (AEB_HELDOUT_GOLD.md,
    unnamed sources "as in the text")."""
    doc = noun.doc
    start, end = relcl.left_edge.i, relcl.right_edge.i
    return (
        noun.tag_ == "NNS"
        and start > 0
        and not doc[start - 1].is_punct
        and end - start < _RESTRICTIVE_MAX_TOKENS
        and not any(
            t.is_punct or t.is_quote or t.lemma_.lower() in speech_verbs() or t.lemma_.lower() in _ANONYMITY
            for t in doc[start : end + 1]
        )
    )


def _edge_before_clauses(token: Token) -> Token:
    """The last token of ``token``'s subtree before any relative clause or apposition inside it:
    ``one user on Weibo[, which is essentially China's Twitter]``."""
    starts = [
        t.left_edge.i
        for t in token.subtree
        if t.i > token.i and (t.dep_ == "relcl" or (t.dep_ == "appos" and _set_off(t.head, t)))
    ]
    if not starts:
        return token.right_edge
    doc, last = token.doc, min(starts) - 1
    while last > token.i and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    return doc[last]


def _place(prep: Token) -> bool:
    places = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC")]
    return prep.lower_ in ("of", "in") and bool(places)


def _short_modifier(acl: Token) -> bool:
    """``a group representing rural counties`` keeps its modifier; ``a statement warning that
    ...`` and ``reports corroborated by video`` do not (a clause, or a document's provenance)."""
    if acl.head.lemma_.lower() in _DOCUMENT_NOUNS or any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in acl.children):
        return False
    return acl.right_edge.i - acl.left_edge.i < 6


def _naming_appositive(member: Token, people: People) -> Token | None:
    """The name in apposition to a common noun (``his wife Kali``); a name stays itself, and a
    possessive is never a renaming (``Morrison, Vindman's superior``, parsed as ``Vindman``)."""
    if member.pos_ == "PROPN" and people.names_for(member):
        return None
    if member.pos_ == "NOUN" and (trailing := _name_after_place(member, people)) is not None:
        return trailing  # "China's ambassador to Britain Liu Xiaming": parsed as the object of "to"
    for child in member.children:
        possessive = any(c.dep_ == "case" for c in child.children)
        if child.dep_ == "appos" and not possessive and people.names_for(child) and _set_off(member, child):
            return child
        if child.dep_ == "appos" and not any(c.dep_ == "det" for c in child.children):
            # "Another diplomat, former special envoy to Ukraine Kurt Volker,": the same misparse
            trailing = _name_after_place(child, people)
            if trailing is not None:
                return trailing
    return _comma_appositive(member, people)


_PLACES = ("GPE", "LOC", "NORP", "ORG")


def _set_off(member: Token, appositive: Token) -> bool:
    """An apposition stands right after its noun (``his wife Kali``) or after a comma, bracket or
    dash; the parser's long-distance ``appos`` (``The authors of the research published in the
    journal JAMA Psychiatry``) is not one."""
    start = appositive.left_edge.i
    before = member.doc[start - 1] if start > 0 else None
    return start == member.i + 1 or (before is not None and before.text in (",", "(", "—", "–", "-", "--"))


def _name_after_place(phrase: Token, people: People) -> Token | None:
    """The person's name that ends ``phrase`` right after a place (``envoy to Ukraine Kurt
    Volker``), or None."""
    last = phrase.right_edge
    if people.label_for(last) != "PERSON":
        return None
    first = last
    while first.i > 0 and people.by_token.get(first.i - 1) == people.by_token.get(last.i):
        first = first.doc[first.i - 1]
    return last if first.i > 0 and first.doc[first.i - 1].ent_type_ in _PLACES else None


def _comma_appositive(member: Token, people: People) -> Token | None:
    """``According to his aunt, Jane Starner, ...``: a person's name set off by commas right after
    a common noun, which the parse did not make its appositive."""
    if member.pos_ != "NOUN":
        return None
    doc = member.doc
    i = member.i + 1
    if i + 1 >= len(doc) or doc[i].text != "," or people.label_for(doc[i + 1]) != "PERSON":
        return None
    ids = people.by_token[doc[i + 1].i]
    j = i + 1
    while j + 1 < len(doc) and people.by_token.get(j + 1) == ids:
        j += 1
    after = doc[j + 1] if j + 1 < len(doc) else None
    return doc[j] if after is None or after.is_punct else None


def speaker_from_subject(subject: Token, people: People) -> Speaker:
    """Canonical speaker(s) for a subject token, with the mention's character span."""
    doc = subject.doc
    subject = _name_after_abbreviated_title(subject, people)
    named = _naming_appositive(subject, people) if subject.pos_ == "NOUN" else None
    if named is None and not people.names_for(subject) and owned_thing(subject):
        return NO_SPEAKER
    if named is not None:
        subject = named  # "The island's school principal, Henrik Sato, said"
    author = _document_author(subject, people)
    if author is not None:
        subject = author
    members = sorted([subject, *name_conjuncts(subject)], key=lambda t: t.i)  # "Nadia and Omar Haddad"
    found: list[str] = []
    for member in members:
        if member is not members[0] and _same_person_role(members[0], member):
            continue  # "the singer and guitarist told": one person, two roles
        appositive = _naming_appositive(member, people)
        member_names = people.names_for(appositive or member)  # "Roberge and his wife Kali"
        if not member_names and found and member.pos_ == "NOUN":
            first_word, last_word = _np_extent(member)  # "Paganini and his team reported"
            member_names = (doc_text(doc)[first_word.idx : last_word.idx + len(last_word.text)],)
        for name in member_names:
            if name not in found:
                found.append(name)
    first, last = _np_extent(subject)
    if len(members) > 1:
        first, last = _np_extent(members[0])[0], _np_extent(members[-1])[1]
    if subject.i in people.span_of and len(members) == 1:
        start, end = people.span_of[subject.i]
        if subject.pos_ == "PRON":
            start, end = subject.idx, subject.idx + len(subject.text)
    else:
        start, end = first.idx, last.idx + len(last.text)
    if found:
        return Speaker(tuple(found), start, end)
    if subject.pos_ == "PRON" and subject.lower_ not in _INDEFINITE_SOURCES:
        return Speaker((), start, end)
    titled = _only_titled_person(subject, people)
    if titled is not None:
        return Speaker((titled,), start, end)
    text = _unnamed_source(doc, first, subject, people, doc_text(doc)[start:end].strip())
    return Speaker((text,) if text else (), start, end)


def _name_after_abbreviated_title(subject: Token, people: People) -> Token:
    """``said Army Capt. Christian Pardo``: the sentence splitter ends a sentence at ``Capt.`` and
    the parse makes the title the subject; the speaker is the name after it."""
    doc = subject.doc
    if subject.lower_ not in titles() or subject.i + 2 >= len(doc) or doc[subject.i + 1].text != ".":
        return subject
    name = doc[subject.i + 2]
    if people.label_for(name) != "PERSON":
        return subject
    while name.i + 1 < len(doc) and people.by_token.get(name.i + 1) == people.by_token.get(name.i):
        name = doc[name.i + 1]
    return name


def _only_titled_person(head: Token, people: People) -> str | None:
    """``Austria's interior minister said ...`` with ``Interior Minister Wolfgang Peschorn`` named
    later (or earlier, out of coreference's reach): a definite role description is the one person
    the article gives that title (cataphora the left-to-right resolver cannot see)."""
    lemma = head.lemma_.lower()
    if head.pos_ != "NOUN" or head.tag_ != "NN" or lemma not in titles():
        return None
    det = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
    if det is None or (det.dep_ == "det" and det.lower_ != "the") or (det.dep_ == "poss" and det.pos_ == "PRON"):
        return None  # "a spokesman", "his lawyer"
    found = [c.name for c in people.clusters if c.label == "PERSON" and c.mentions and lemma in c.titles]
    return found[0] if len(found) == 1 else None


def _same_person_role(first: Token, member: Token) -> bool:
    roles = person_nouns()
    return (
        member.pos_ == "NOUN"
        and member.tag_ == "NN"
        and first.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss") for c in member.children)
        and any(c.dep_ == "det" for c in first.children)
        and first.lemma_.lower() in roles
    )


def _unnamed_source(doc: Doc, first: Token, head: Token, people: People, text: str) -> str:
    """An unnamed source as written, made to stand alone: ``his office`` -> ``Eric Holcomb's
    office`` (the possessor resolved); ``the UK``, ``the US military`` -> without the article, as
    organisations are named (AEB_QUOTES_GOLD.md, speakers)."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None and first.i == owner.i and len(people.names_for(owner)) == 1:
        return people.names_for(owner)[0] + "’s" + text[len(owner.text) :]
    whose = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    if whose is not None and head.head.dep_ == "relcl" and first.i == whose.i:
        antecedent = head.head.head  # "Trump, whose attorneys argued": Trump's attorneys
        if len(people.names_for(antecedent)) == 1:
            return people.names_for(antecedent)[0] + "’s" + text[len(whose.text) :]
    if first.lower_ == "the" and first.i + 1 == head.i and head.pos_ == "NOUN":
        introduced = _introduced_as(head, people)
        if introduced is not None:
            return introduced  # "A UK man fell ill ... the man said": the form he was introduced with
    name_start = _name_after_description(first, head)
    if name_start is not None:
        return text[name_start.idx - first.idx :].strip()
    if first.lower_ == "the" and first.i < head.i:
        modifiers = doc[first.i + 1 : head.i + 1]
        # "the Clinton campaign", "the Obama administration" are named like organisations
        proper = (head.pos_ == "PROPN" and not head.is_lower) or any(
            t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for t in modifiers
        )
        if proper and all(t.pos_ in ("PROPN", "NOUN", "ADJ", "PUNCT") for t in modifiers):
            return text[len(first.text) :].lstrip()
    return text


def _name_after_description(first: Token, head: Token) -> Token | None:
    """``Developer Valve called ...``, ``a recently formed group Doctors for Camp Closure``: the
    first word of a name that follows the common noun describing it."""
    if head.pos_ != "PROPN" or first.i >= head.i:
        return None
    doc = head.doc
    nouns = [t for t in doc[first.i : head.i] if t.pos_ == "NOUN" or t.lower_ in person_nouns()]
    if not nouns or not all(t.pos_ == "PROPN" or not t.is_alpha for t in doc[nouns[-1].i + 1 : head.i + 1]):
        return None
    start = nouns[-1].i + 1
    # "co-Anchor DeMarco Morgan": the rest of a hyphenated role is not the name
    while start < head.i and (not doc[start].is_alpha or doc[start].lower_ in person_nouns()):
        start += 1
    return doc[start]


_INTRODUCTION_WINDOW_TOKENS = 1500


def _introduced_as(head: Token, people: People) -> str | None:
    """The indefinite noun phrase that introduced ``the <noun>`` (``a UK man``), if near before."""
    doc = head.doc
    for i in range(max(0, head.i - _INTRODUCTION_WINDOW_TOKENS), head.i):
        token = doc[i]
        if token.lower_ != head.lower_ or token.pos_ != "NOUN" or people.is_quoted(token):
            continue
        if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
            if len(people.names_for(token)) == 1:
                return people.names_for(token)[0]  # "a recently formed group Doctors for Camp Closure"
            first, last = _np_extent(token)
            if last.dep_ == "case":  # "a UK man’s symptoms"
                last = doc[last.i - 1]
            return doc_text(doc)[first.idx : last.idx + len(last.text)]

    return None


def _document_author(subject: Token, people: People) -> Token | None:
    """Who stands behind a document that is the source: ``a new report by E! News`` -> ``E! News``,
    ``analysis from Poynter`` -> ``Poynter``, ``its statement`` -> ``its``; and, for ``the statement
    read``, whoever issued the statement last mentioned (``Big Machine Records issued a statement``,
    ``the company denied it in a statement``)."""
    noun_like = subject.pos_ == "NOUN" or (subject.pos_ == "VERB" and subject.dep_ in ("pobj", "nsubj", "dobj"))
    if not noun_like or subject.lemma_.lower() not in _DOCUMENT_NOUNS:  # "the TexAuto Facts report", tagged a verb
        return None
    author = _named_author(subject, people)
    if author is not None:
        return author
    issuer = _issuer(subject, people)
    if issuer is not None or subject.dep_ not in _SUBJECT_DEPS:
        return issuer
    if not any(c.lower_ == "the" for c in subject.children):
        return None
    doc, lemma = subject.doc, subject.lemma_.lower()
    earliest = max(0, subject.sent.start - _ISSUER_WINDOW_TOKENS)
    for i in range(subject.i - 1, earliest - 1, -1):
        if doc[i].lemma_.lower() == lemma and doc[i].pos_ == "NOUN" and not people.is_quoted(doc[i]):
            issuer = _named_author(doc[i], people) or _issuer(doc[i], people)
            if issuer is not None:
                return issuer
    return None


def _named_author(subject: Token, people: People) -> Token | None:
    """``a report by E! News``, ``a report in the Argus Leader``, ``reports received by Amnesty``,
    ``data available from the FBI``, ``the Associated Press report``, ``a story by the website
    Politco``."""
    preps = [c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of", "in")]
    for modifier in (c for c in subject.children if c.dep_ in ("acl", "amod")):  # "reports received by Amnesty"
        preps += [c for c in modifier.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "from")]
    for prep in preps:
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            owned = any(c.dep_ in ("compound", "poss") and people.names_for(c) for c in obj.children)
            if people.names_for(obj) or obj.pos_ == "PROPN" or _is_person_noun(obj) or owned:
                return obj  # "a letter from his doctor": the doctor wrote it; "by the Obama administration"
            named = obj.doc[obj.i + 1] if obj.i + 1 < len(obj.doc) else None
            if named is not None and obj.pos_ == "NOUN" and people.names_for(named):
                return named  # "by the website Politco"
    # "the Associated Press report", "a National Autistic Society survey"; a "by"/"from" above wins
    # over a name that modifies it ("the AutoFacts report from CarData")
    return next((c for c in subject.children if c.dep_ in ("compound", "nmod") and people.names_for(c)), None)


_ISSUER_WINDOW_TOKENS = 600
_ISSUE_PREPS = {"in", "through", "via"}
# "X issued a statement"; not "X noted published reports" (X cites the document, did not issue it)
_ISSUE_VERBS = {"issue", "release", "publish", "send", "post", "deliver", "put", "give", "share", "make",
                "write", "sign", "file", "submit", "circulate", "distribute", "tweet", "email", "fire"}  # fmt: skip


def is_document(token: Token) -> bool:
    """``the advertisement``, ``the flyer``, ``it``: a thing that can "suggest" or "say" only on
    behalf of whoever made it."""
    if token.pos_ == "PRON":
        return token.lower_ in ("it", "this", "that")
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and not token.ent_type_ and (lemma in _DOCUMENT_NOUNS or lemma in _WRITTEN_THINGS)


def _is_person_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in person_nouns()


def _issuer(document: Token, people: People) -> Token | None:
    """The one who issued ``document`` in its own clause: its possessor (``the company's
    statement``), or the subject of the verb it is the object of (``X issued a statement``) or
    that it is the means of (``X said in a statement``)."""
    for child in document.children:
        # "the company's statement", "his remarks"; not "the state's finances website"
        if child.dep_ == "poss" and (child.pos_ in ("PRON", "PROPN") or people.names_for(child)):
            return child
    verb = document.head
    if document.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in _ISSUE_PREPS:
        verb = verb.head
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
            verb = verb.head  # "denied the allegations in a statement": the parse hangs it on the noun
    elif document.dep_ != "dobj" or verb.lemma_.lower() not in _ISSUE_VERBS:
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.i == document.i:
        return None
    found = subject_of(verb)
    if found is None or found.lemma_.lower() in _DOCUMENT_NOUNS:
        return None
    return found


def speaker_of_cue(verb: Token, people: People) -> Speaker:
    subject = subject_of(verb, people)
    return speaker_from_subject(subject, people) if subject is not None else NO_SPEAKER
