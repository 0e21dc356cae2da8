"""In-article coreference: names, surnames, pronouns and descriptions -> entities.

No coreference model runs offline on our stack, so this is a deterministic, rule-based resolver
in the tradition of the Stanford multi-pass sieve (Lee et al., CL 2013): exact and partial name
matching first (``Kunis`` -> ``Mila Kunis``), then pronouns by gender, number, sentence distance
and grammatical role (main-clause subjects first, as in Hobbs-style salience), then definite
descriptions (``the Ted actress``, ``the senator``, ``the 45-year-old``) and group nouns
(``the couple`` -> the two people last named together).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quotegraph.nlp.model import doc_text
from quotegraph.people import names
from quotegraph.quotes.cues import speech_verbs
from quotegraph.types import Entity, EntityLabel, Mention

_LABELS: dict[str, EntityLabel] = {"PERSON": "PERSON", "ORG": "ORG", "WORK_OF_ART": "WORK"}
_ORG_NOUNS = {
    "organization", "organisation", "company", "group", "charity", "foundation", "firm", "nonprofit",
    "network", "agency", "party", "union", "band", "club", "team", "outlet", "newspaper", "magazine",
    "startup", "brand", "institute", "university", "bank", "campaign", "studio",
}  # fmt: skip
# publications whose name carries its article: "The New York Times", "The Post"
_TITLED_WITH_THE = {"Times", "Post", "Journal", "Guardian", "Economist", "Atlantic", "Hill", "Telegraph", "Independent"}
# nouns by which news refers back to an organisation it named ("BC Hydro ... the utility said")
_ORG_DESCRIPTIONS = {
    "company", "firm", "agency", "utility", "organization", "organisation", "union", "department",
    "ministry", "university", "bank", "retailer", "airline", "network", "club", "team", "league",
    "charity", "foundation", "automaker", "carmaker", "insurer", "broadcaster", "startup", "publisher",
}  # fmt: skip
_WORK_NOUNS = {"show", "sitcom", "series", "film", "movie", "album", "song", "book", "novel", "play"}
_PRONOUNS = {
    "he": ("m", 1), "him": ("m", 1), "his": ("m", 1), "himself": ("m", 1),
    "she": ("f", 1), "her": ("f", 1), "hers": ("f", 1), "herself": ("f", 1),
    "they": (None, 2), "them": (None, 2), "their": (None, 2), "theirs": (None, 2), "themselves": (None, 2),
}  # fmt: skip
_EVIDENCE_PRONOUNS = {"his": "m", "himself": "m", "her": "f", "herself": "f"}
_AGE_DESCRIPTION = re.compile(r"\d+-year-old")
_WINDOW_SENTENCES = 4
_DESCRIPTION_WINDOW_SENTENCES = 10  # "the actress", "the president" reach further back than "she"
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_MODIFIER_ROLE = 3  # an organisation's name as a noun modifier: "a Netflix documentary"


@dataclass(slots=True)
class _Cluster:
    label: EntityLabel
    forms: Counter[tuple[str, ...]] = field(default_factory=Counter)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender_votes: Counter[str] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)

    @property
    def words(self) -> tuple[str, ...]:
        # "HOME DEPOT INC" (a ticker line, a headline) only when the article has no other form
        return max(self.forms, key=lambda f: (not all(w.isupper() for w in f), len(f), self.forms[f]))

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def guessed_gender(self) -> bool:
        """The gender rests on the first-name lexicon alone (``Robin`` is mostly female in the
        US census, often male elsewhere): a prior that a pronoun may overrule."""
        return sum(self.gender_votes.values()) <= 1

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        (top, n), *rest = self.gender_votes.most_common()
        return top if not rest or rest[0][1] < n else None


@dataclass(frozen=True, slots=True)
class _Seen:
    """A resolved mention, kept in reading order for antecedent search."""

    token: int
    sentence: int
    clusters: tuple[int, ...]
    role: int  # 0 main-clause subject, 1 other subject, 2 anything else


@dataclass(slots=True)
class People:
    """The entities of one article and, per token, which entities it refers to."""

    clusters: list[_Cluster]
    by_token: dict[int, tuple[int, ...]]
    span_of: dict[int, tuple[int, int]]
    quoted: list[bool] = field(default_factory=list)  # per token: inside quotation marks

    def is_quoted(self, token: Token) -> bool:
        return token.i < len(self.quoted) and self.quoted[token.i]

    def names_for(self, token: Token) -> tuple[str, ...]:
        return tuple(self.clusters[c].name for c in self.by_token.get(token.i, ()))

    def label_for(self, token: Token) -> EntityLabel | None:
        ids = self.by_token.get(token.i, ())
        return self.clusters[ids[0]].label if ids else None

    def entities(self, text: str) -> tuple[Entity, ...]:
        out = []
        for cluster in self.clusters:
            if not cluster.mentions:
                continue  # merged into another
            mentions = tuple(Mention(s, e, text[s:e]) for s, e in sorted(set(cluster.mentions)))
            gender = cluster.gender if cluster.label == "PERSON" else None
            out.append(Entity(cluster.name, cluster.label, mentions, gender))  # type: ignore[arg-type]
        return tuple(out)


def resolve_people(doc: Doc, quote_chars: list[tuple[int, int]]) -> People:
    """Cluster the article's names and resolve pronouns and descriptions to them."""
    people = People([], {}, {}, _char_mask(doc, quote_chars))
    _collect_names(doc, people)
    _attach_known_forms(doc, people)
    _merge_short_org_names(people)
    _attach_bare_names(doc, people)
    _gender_evidence(doc, people)
    _resolve_references(doc, people)
    return people


def _name_tokens(ent: Span) -> list[Token]:
    tokens = list(ent)
    while tokens and (tokens[-1].dep_ == "case" or tokens[-1].is_punct or tokens[-1].text in ("’s", "'s")):
        tokens.pop()
    while tokens and (tokens[0].is_punct or (tokens[0].lower_ == "the" and ent.label_ == "PERSON")):
        tokens.pop(0)
    while tokens and ent.label_ == "PERSON" and tokens[0].i > 0:
        before = ent.doc[tokens[0].i - 1]  # a first name the tagger left out: "Aseem [Prakash]"
        if not (before.pos_ == "PROPN" and before.is_title and before.dep_ == "compound" and before.ent_type_ == ""):
            break
        if before.head not in tokens or before.lower_.rstrip(".") in names.titles():
            break
        tokens.insert(0, before)
    return tokens


def _entity_label(spacy_label: str, tokens: list[Token]) -> EntityLabel | None:
    label = _LABELS.get(spacy_label)
    head = tokens[-1]
    if label == "PERSON" and len(tokens) == 1:
        # "organization Thorn", "the Ted actress": the noun it hangs on says what it names
        before = head.doc[head.i - 1] if head.i > 0 else None
        if (head.dep_ == "appos" and head.head.lemma_.lower() in _ORG_NOUNS) or (
            before is not None and before.lemma_.lower() in _ORG_NOUNS
        ):
            return "ORG"
        if head.dep_ == "compound" and head.head.lemma_.lower() in names.person_nouns():
            return "WORK"
        if any(c.dep_ == "compound" and c.lemma_.lower() in _ORG_NOUNS for c in head.children):
            return "ORG"
    if label == "PERSON" and names.is_org_name([t.text for t in tokens]):
        return "ORG"
    if label == "WORK" and len(tokens) > 1 and tokens[0].lower_.rstrip(".") in names.titles():
        return "PERSON"  # "Coach (Frank) Vogel" tagged as a title of a work
    if label is None and spacy_label == "PRODUCT" and head.dep_ == "compound" and head.head.lower_ in _WORK_NOUNS:
        return "WORK"
    return label


def _collect_names(doc: Doc, people: People) -> None:
    """Full names (two words or more) become clusters; organisations and works by their text."""
    index: dict[tuple[str, tuple[str, ...]], int] = {}
    deferred: list[tuple[Token, EntityLabel]] = []
    for ent in doc.ents:
        tokens = _name_tokens(ent)
        if not tokens:
            continue
        label = _entity_label(ent.label_, tokens)
        if label is None:
            continue
        if label != "PERSON" and len(tokens) == 1 and tokens[0].pos_ == "PROPN":
            deferred.append((tokens[0], label))  # may be a surname the tagger took for an ORG
            continue
        if label == "PERSON":
            words, title_gender = names.split_title([t.text for t in tokens])
            words = names.clean_name(words)
        else:
            if (
                label == "ORG"
                and len(tokens) > 1
                and tokens[0].lower_ in ("the", "a", "an")
                and tokens[-1].text not in _TITLED_WITH_THE
            ):
                tokens = tokens[1:]  # "the Republican National Committee" -> "Republican National Committee"
            words, title_gender = [t.text for t in tokens], None
        if not words or (label == "PERSON" and len(words) < 2):
            continue
        start_token = next((t for t in reversed(tokens) if t.text == words[0]), tokens[0])
        if start_token.is_punct or len(words) > len(tokens):
            start_token = tokens[0]
        # keep the name as written ("Holtz-Eakin", not "Holtz - Eakin")
        written = doc_text(doc)[start_token.idx : tokens[-1].idx + len(names.strip_possessive(tokens[-1].text))]
        if not any(c in written for c in "()[]"):
            words = written.split() or words
        key = (label, tuple(w.lower() for w in words))
        cid = index.get(key)
        if cid is None and label == "PERSON":
            cid = _match_full_name(people, words)
        if cid is None:
            cid = len(people.clusters)
            people.clusters.append(_Cluster(label))
            index[key] = cid
        cluster = people.clusters[cid]
        cluster.forms[tuple(words)] += 1
        if title_gender:
            cluster.gender_votes[title_gender] += 2
        cluster.titles.update(t.lower_.rstrip(".") for t in tokens[: len(tokens) - len(words)])
        cluster.titles.update(_role_nouns(tokens[-1]))
        _add_mention(doc, people, cid, start_token.i, tokens[-1].i)
    person_words = {w.lower() for c in people.clusters if c.label == "PERSON" for w in c.words}
    for token, label in deferred:
        word = names.strip_possessive(token.text)
        if word.lower() in person_words:
            continue  # left for _attach_bare_names
        key = (label, (word.lower(),))
        if key not in index:
            index[key] = len(people.clusters)
            people.clusters.append(_Cluster(label))
        people.clusters[index[key]].forms[(word,)] += 1
        _add_mention(doc, people, index[key], token.i, token.i)


def _merge_short_org_names(people: People) -> None:
    """``Disney`` after ``Walt Disney Co.``, ``Take-Two`` after ``Take-Two Interactive``: a short
    organisation name whose words all occur in exactly one longer one is that organisation."""
    orgs = [cid for cid, c in enumerate(people.clusters) if c.label == "ORG" and c.mentions]
    into: dict[int, int] = {}
    for cid in orgs:
        words = {w.lower() for w in people.clusters[cid].words}
        longer = [
            other
            for other in orgs
            if other != cid
            and len(people.clusters[other].words) > len(words)
            and (
                words <= {w.lower().rstrip(".,") for w in people.clusters[other].words}
                or _is_acronym_of(people.clusters[cid].name, people.clusters[other].words)
            )
        ]
        if longer:  # several ("Big Machine Records", "Big Machine Label Group"): the first introduced
            into[cid] = min(longer, key=lambda other: min(people.clusters[other].mentions))
    for short, long in into.items():
        while long in into:
            long = into[long]
        people.clusters[long].mentions.extend(people.clusters[short].mentions)
        people.clusters[short].mentions.clear()
        if all(w.isupper() for form in people.clusters[long].forms for w in form):
            people.clusters[long].forms.update(people.clusters[short].forms)  # "HOME DEPOT INC" -> "Home Depot"
    for token, ids in list(people.by_token.items()):
        if any(c in into for c in ids):
            people.by_token[token] = tuple(dict.fromkeys(_final(into, c) for c in ids))


def _attach_known_forms(doc: Doc, people: People) -> None:
    """A multi-word name the tagger missed in one place (``accused Braun, Borchetta and Big
    Machine``) is the entity it names elsewhere: exact string match, the first sieve of Lee et al.
    (2013)."""
    forms: dict[tuple[str, ...], int] = {}
    for cid, cluster in enumerate(people.clusters):
        for form in cluster.forms:
            if len(form) > 1:
                forms.setdefault(tuple(w.lower() for w in form), cid)
    if not forms:
        return
    longest = max(len(f) for f in forms)
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in people.by_token or not token.is_title:
            i += 1
            continue
        for size in range(min(longest, len(doc) - i), 1, -1):
            words = tuple(names.strip_possessive(t.text).lower() for t in doc[i : i + size])
            known = forms.get(words)
            if known is not None and not any(j in people.by_token for j in range(i, i + size)):
                _add_mention(doc, people, known, i, i + size - 1)
                i += size - 1
                break
        i += 1


def _is_acronym_of(short: str, words: tuple[str, ...]) -> bool:
    """``CDC`` of ``Chinese Center for Disease Control and Prevention``, ``PG&E`` of ``Pacific Gas
    & Electric Co.``: the letters run through the initials of the longer name's capitalised words."""
    letters = "".join(c for c in short if c.isalpha())
    if len(letters) < 2 or not short.replace("&", "").replace(".", "").isupper():
        return False
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return letters in initials


def _final(into: dict[int, int], cid: int) -> int:
    while cid in into:
        cid = into[cid]
    return cid


def _role_nouns(head: Token) -> set[str]:
    """Role nouns attached to a name: ``actor Giovanni Ribisi``, ``Jane Roe, the judge``."""
    roles = {
        c.lemma_.lower()
        for c in head.children
        if c.dep_ in ("compound", "appos")
        and (c.pos_ == "NOUN" or (c.pos_ == "PROPN" and c.lower_ in names.person_nouns()))  # "US President X"
    }
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        roles.add(head.head.lemma_.lower())
    return roles


def _match_full_name(people: People, words: list[str]) -> int | None:
    """A person cluster with the same first and last name (``Hillary Rodham Clinton``,
    ``Pat Carlineo`` = ``Patrick W. Carlineo Jr.``)."""
    for cid, cluster in enumerate(people.clusters):
        if cluster.label != "PERSON":
            continue
        known = cluster.words
        same_surname = names.surname(list(known)).lower() == names.surname(words).lower()
        if same_surname and _same_first_name(known[0], words[0]):
            return cid
        if same_surname and _particle_surname(known, words):
            return cid
    return None


def _particle_surname(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """``Van Der Beek`` in ``James Van Der Beek``: a surname with a particle, alone, is the person."""
    short, long = sorted(([w.lower() for w in a], [w.lower() for w in b]), key=len)
    return len(short) < len(long) and short[0] in names.PARTICLES and long[-len(short) :] == short


def _same_first_name(a: str, b: str) -> bool:
    """``Pat``/``Patrick``, ``J.``/``John``, ``Chris``/``Christopher``: one given name, two forms."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) == 1 and long[0] == short) or (len(short) >= 3 and long.startswith(short))


def _add_mention(doc: Doc, people: People, cid: int, first: int, last: int) -> None:
    span = (doc[first].idx, doc[last].idx + len(names.strip_possessive(doc[last].text)))
    people.clusters[cid].mentions.append(span)
    for i in range(first, last + 1):
        people.by_token[i] = (cid,)
        people.span_of[i] = span


def _attach_bare_names(doc: Doc, people: People) -> None:
    """Single names (``Kunis``, ``Mila``) -> the full name they shorten, else a cluster of their own."""
    surnames: dict[str, list[int]] = {}
    firsts: dict[str, list[int]] = {}
    for cid, cluster in enumerate(people.clusters):
        if cluster.label == "PERSON":
            surnames.setdefault(names.surname(list(cluster.words)).lower(), []).append(cid)
            firsts.setdefault(cluster.words[0].lower(), []).append(cid)
    singles: dict[str, int] = {}
    for token in doc:
        if token.i in people.by_token or token.pos_ != "PROPN" or (not token.is_title and not token.is_upper):
            continue
        word = names.strip_possessive(token.text)
        key = word.lower()
        in_person_ent = token.ent_type_ == "PERSON"
        candidates = surnames.get(key) or firsts.get(key)
        family = surnames.get(key[:-1], []) if key.endswith("s") and not candidates else []
        if family:  # "the Vargas": everyone of that surname named in the article
            span = (token.idx, token.idx + len(word))
            people.by_token[token.i] = tuple(family)
            people.span_of[token.i] = span
            for cid in family:
                people.clusters[cid].mentions.append(span)
            continue
        if candidates:
            cid = _most_recent(people, candidates, token.idx)
        elif in_person_ent and token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"):
            if _entity_label("PERSON", [token]) != "PERSON" or key in names.titles():
                continue
            cid = singles.get(key, -1)
            if cid < 0:
                cid = singles[key] = len(people.clusters)
                people.clusters.append(_Cluster("PERSON"))
            people.clusters[cid].forms[(word,)] += 1
        else:
            continue
        _add_mention(doc, people, cid, token.i, token.i)


def _most_recent(people: People, candidates: list[int], position: int) -> int:
    if len(candidates) == 1:
        return candidates[0]

    def key(cid: int) -> tuple[int, int]:
        before = [s for s, _ in people.clusters[cid].mentions if s < position]
        return (max(before) if before else -1, len(people.clusters[cid].mentions))

    return max(candidates, key=key)


def _clause_verb(token: Token) -> Token:
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head


def _gender_evidence(doc: Doc, people: People) -> None:
    """Votes from the text: first-name lexicon (1), ``his``/``herself`` in the person's own clause (3)."""
    for cluster in people.clusters:
        if cluster.label == "PERSON":
            guess = names.gender_of_first_name(cluster.words[0]) if len(cluster.words) > 1 else None
            if guess:
                cluster.gender_votes[guess] += 1
    for token in doc:
        gender = _EVIDENCE_PRONOUNS.get(token.lower_)
        if gender is None or (token.lower_ == "her" and token.dep_ != "poss"):
            continue
        verb = _clause_verb(token)
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i in people.by_token]
        persons = {c for c in people.by_token.get(subjects[0].i, ())} if len(subjects) == 1 else set()
        if len(persons) == 1 and not any(c.dep_ == "conj" for c in subjects[0].children):
            (cid,) = persons
            if people.clusters[cid].label == "PERSON":
                people.clusters[cid].gender_votes[gender] += 3


def _role(token: Token) -> int:
    if token.dep_ in _SUBJECT_DEPS:
        return 0 if token.head.dep_ == "ROOT" else 1
    if token.dep_ == "conj" and token.head.dep_ in _SUBJECT_DEPS:
        return _role(token.head)
    return 2


def _group_of(token: Token, people: People) -> tuple[int, ...]:
    """Person clusters named together by coordination with ``token`` as the first conjunct."""
    members = [token, *token.conjuncts] if token.dep_ != "conj" else []
    ids: list[int] = []
    for member in members:
        for cid in people.by_token.get(member.i, ()):
            if people.clusters[cid].label == "PERSON" and cid not in ids:
                ids.append(cid)
    return tuple(ids)


def _resolve_references(doc: Doc, people: People) -> None:
    """One left-to-right pass over the tokens resolving pronouns, descriptions and groups."""
    in_quote = people.quoted
    sentence_of = {}
    n = 0
    for sent in doc.sents:
        # distance counts narrative sentences: a sentence wholly inside quotation marks is the
        # speaker's, and "she said" after three of them still refers to the same person
        if any(not in_quote[t.i] and not t.is_punct and not t.is_space for t in sent):
            n += 1
        for token in sent:
            sentence_of[token.i] = n
    seen: list[_Seen] = []
    orgs: list[_Seen] = []
    for token in doc:
        s = sentence_of[token.i]
        ids = people.by_token.get(token.i)
        if ids is not None:
            if token.i + 1 < len(doc) and people.by_token.get(token.i + 1) == ids:
                continue  # record a name once, at its last token
            if in_quote[token.i]:
                continue  # a name inside a quotation is not what "he said" after it refers to
            head = _name_head(token, people)
            group = _group_of(head, people)
            if len(group) > 1:
                seen.append(_Seen(token.i, s, group, _role(head)))
            if people.clusters[ids[0]].label == "PERSON":
                seen.append(_Seen(token.i, s, ids, _role(head)))
            elif people.clusters[ids[0]].label == "ORG":
                modifier = head.dep_ in ("compound", "amod", "nmod")  # "a Netflix documentary"
                orgs.append(_Seen(token.i, s, ids, _MODIFIER_ROLE if modifier else _role(head)))
            continue
        if in_quote[token.i]:
            continue
        resolved = _plural_or_org_pronoun(token, s, seen, orgs, people)
        resolved = resolved or _resolve_token(doc, token, s, seen, people) or _resolve_org(token, s, orgs)
        if resolved:
            first, last, ids = resolved
            span = (doc[first].idx, doc[last].idx + len(doc[last].text))
            people.by_token[token.i] = ids
            people.span_of[token.i] = span
            for cid in ids:
                people.clusters[cid].mentions.append(span)
            if people.clusters[ids[0]].label == "PERSON":
                seen.append(_Seen(token.i, s, ids, _role(token)))


def _plural_or_org_pronoun(
    token: Token, sentence: int, seen: list[_Seen], orgs: list[_Seen], people: People
) -> tuple[int, int, tuple[int, ...]] | None:
    """``they`` may be a group of people or an organisation (``Big Machine have ... they said``);
    ``it`` as the source of a statement is an organisation. The nearer sentence wins; on a tie
    the group of people. Returns None to let the person resolver decide."""
    lower = token.lower_
    if token.pos_ != "PRON" or lower not in ("they", "them", "their", "it", "its"):
        return None
    org = next((o for o in reversed(orgs) if o.token < token.i and sentence - o.sentence <= 2), None)
    if org is None:
        return None
    if lower in ("it", "its"):
        speaking = token.dep_ == "nsubj" and token.head.lemma_.lower() in speech_verbs()
        return (token.i, token.i, org.clusters) if speaking or lower == "its" else None
    group = _antecedent(seen, sentence, token.i, None, 2, people, set())
    group_sentence = next((g.sentence for g in reversed(seen) if g.clusters == group), -1) if group else -1
    if group and group_sentence >= org.sentence:
        return None
    return (token.i, token.i, org.clusters)


def _resolve_org(token: Token, sentence: int, orgs: list[_Seen]) -> tuple[int, int, tuple[int, ...]] | None:
    """``the company`` -> the organisation named last, within a few sentences."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() not in _ORG_DESCRIPTIONS:
        return None
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or any(c.dep_ == "poss" for c in token.children):
        return None  # "the production company" refers back; "its parent company" does not
    window = [o for o in orgs if o.token < token.i and sentence - o.sentence <= _WINDOW_SENTENCES]
    for item in reversed(window):
        if item.role != _MODIFIER_ROLE:  # a name used as a modifier is the weaker antecedent
            return (det.i, token.i, item.clusters)
    return (det.i, token.i, window[-1].clusters) if window else None


def _name_head(token: Token, people: People) -> Token:
    """The syntactic head of a multi-token name (``Kunis`` in ``Mila Kunis``), never a word outside
    it: ``Netflix`` in ``a Netflix documentary`` stays a modifier."""
    ids = people.by_token.get(token.i)
    while token.dep_ in ("compound", "flat") and token.head.i > token.i and people.by_token.get(token.head.i) == ids:
        token = token.head
    return token


def _char_mask(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * len(doc)
    for start, end in spans:
        region = doc.char_span(start, end, alignment_mode="expand")
        if region is not None:
            for t in region:
                mask[t.i] = True
    return mask


def _resolve_token(
    doc: Doc, token: Token, sentence: int, seen: list[_Seen], people: People
) -> tuple[int, int, tuple[int, ...]] | None:
    """(first token, last token, clusters) of a pronoun or description at ``token``, if resolvable."""
    lower = token.lower_
    if token.pos_ == "PRON" and lower in _PRONOUNS:
        gender, number = _PRONOUNS[lower]
        exclude = _same_clause_subjects(token, people) if token.dep_ in ("dobj", "pobj", "dative") else set()
        ids = _antecedent(seen, sentence, token.i, gender, number, people, exclude)
        return (token.i, token.i, ids) if ids else None
    if token.pos_ != "NOUN" or not token.lemma_:
        return None
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in ("the", "this", "that"):
        return None
    lemma = token.lemma_.lower()
    first = min(det.i, token.left_edge.i)
    if lemma in names.group_nouns() and token.tag_ != "NNS":
        ids = _antecedent(seen, sentence, token.i, None, 2, people, set())
        return (first, token.i, ids) if ids else None
    is_age = _AGE_DESCRIPTION.fullmatch(doc[first + 1 : token.i + 1].text.replace(" ", "")) is not None
    if token.tag_ == "NN" and (lemma in names.person_nouns() or is_age):
        if token.head.lower_ == "as" or any(
            c.dep_ in ("appos", "compound") and people.label_for(c) == "PERSON" for c in token.children
        ):
            return None  # "role as the producer" is a predicate; "actor Giovanni Ribisi" a name
        tags = names.person_nouns().get(lemma, "").split(",")
        gender = next((t for t in tags if t in ("m", "f")), None)
        # "the chairman of the Conservative Party" says whose chairman: only someone given that title
        anchored = any(c.dep_ == "prep" and c.lower_ in ("of", "for", "at") for c in token.children)
        need_title = "new" in tags or anchored
        ids = _antecedent(seen, sentence, token.i, gender, 1, people, set(), title=lemma, need_title=need_title)
        return (first, token.i, ids) if ids else None
    return None


def _same_clause_subjects(token: Token, people: People) -> set[int]:
    verb = _clause_verb(token)
    return {cid for c in verb.children if c.dep_ in _SUBJECT_DEPS for cid in people.by_token.get(c.i, ())}


def _antecedent(
    seen: list[_Seen],
    sentence: int,
    position: int,
    gender: str | None,
    number: int,
    people: People,
    exclude: set[int],
    title: str | None = None,
    need_title: bool = False,
) -> tuple[int, ...]:
    """The most salient earlier mention agreeing in gender and number, within a few sentences."""
    best: tuple[tuple[int, int, int, int, int, int], tuple[int, ...]] | None = None
    for item in reversed(seen):
        distance = sentence - item.sentence
        if distance > (_DESCRIPTION_WINDOW_SENTENCES if title else _WINDOW_SENTENCES):
            break
        if item.token >= position or (len(item.clusters) > 1) != (number > 1):
            continue
        if set(item.clusters) & exclude:
            continue
        genders = {people.clusters[c].gender for c in item.clusters}
        against = number == 1 and gender is not None and genders != {gender} and genders != {None}
        if against and not all(people.clusters[c].guessed_gender for c in item.clusters):
            continue
        unknown = 1 if number == 1 and gender is not None and genders == {None} else 0
        titled = 0 if title and any(title in people.clusters[c].titles for c in item.clusters) else 1
        if need_title and titled:
            continue
        key = (titled, int(against), distance, unknown, item.role, -item.token)
        if best is None or key < best[0]:
            best = (key, item.clusters)
    return best[1] if best else ()
