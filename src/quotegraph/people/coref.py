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
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotegraph.nlp.model import name_conjuncts
from quotegraph.people import names
from quotegraph.people.entities import People, char_mask
from quotegraph.people.naming import collect_names
from quotegraph.quotes.cues import speech_verbs

__all__ = ["People", "resolve_people"]  # People lives in people/entities.py

_ORG_DESCRIPTIONS = {
    "brokerage", "lender", "regulator", "watchdog", "commission", "council", "committee", "board",
    "exchange", "fund", "group", "label", "studio", "manufacturer", "maker", "developer", "newspaper",
    "paper", "outlet", "channel", "ministry", "company", "firm", "agency", "utility", "organization", "organisation",
    "union", "department", "university", "bank", "retailer", "airline", "network", "club", "team",
    "league", "charity", "foundation", "automaker", "carmaker", "insurer", "broadcaster", "startup",
    "publisher", "giant", "chain", "conglomerate", "magazine", "tabloid", "party", "institute", "center",
    "centre", "coalition", "association", "institution", "nonprofit",
}  # fmt: skip
_PUBLIC_BODIES = {
    "ministry", "department", "agency", "commission", "council", "committee", "regulator", "watchdog", "union",
}  # fmt: skip
# the last word of an organisation's name that shows it is the kind a description names
_KIND_HEADS = {
    "group": {"group", "coalition", "alliance", "association", "collective", "network", "campaign", "society",
              "federation", "league", "movement", "caucus", "foundation", "committee", "union", "council"},
    "union": {"union", "federation", "association", "guild"},
    "agency": {"agency", "administration", "service", "bureau", "office", "department", "authority"},
    "company": {"company", "co", "inc", "corp", "corporation", "ltd", "llc", "plc", "holdings", "group"},
    "party": {"party"},
    "bank": {"bank"},
    "university": {"university", "college", "institute"},
    "newspaper": {"times", "post", "journal", "herald", "tribune", "news", "gazette", "chronicle", "telegraph"},
    "institute": {"institute", "institution", "center", "centre"},
    "center": {"center", "centre", "institute"},
    "coalition": {"coalition", "alliance", "group", "network"},
    "association": {"association", "federation", "society"},
}  # fmt: skip
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


@dataclass(frozen=True, slots=True)
class _Seen:
    """A resolved mention, kept in reading order for antecedent search."""

    token: int
    sentence: int
    clusters: tuple[int, ...]
    role: int  # 0 main-clause subject, 1 other subject, 2 anything else


def resolve_people(doc: Doc, quote_chars: list[tuple[int, int]]) -> People:
    """Cluster the article's names and resolve pronouns and descriptions to them."""
    people = People([], {}, {}, char_mask(doc, quote_chars))
    collect_names(doc, people)
    _gender_evidence(doc, people)
    _resolve_references(doc, people)
    return people


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
        _predicate_gender(token, people)
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


def _predicate_gender(token: Token, people: People) -> None:
    """A gendered noun predicated of a name: ``Omar is one of the first two Muslim women``,
    ``Ana Ruiz, a congresswoman`` (2 votes, after the name lexicon, before own-clause pronouns)."""
    ids = people.by_token.get(token.i, ())
    if len(ids) != 1 or people.clusters[ids[0]].label != "PERSON" or people.is_quoted(token):
        return
    if token.dep_ in _SUBJECT_DEPS and token.head.lemma_ == "be":
        predicates = [c for c in token.head.children if c.dep_ == "attr"]
    else:
        predicates = [c for c in token.children if c.dep_ == "appos"]
    for noun in predicates:
        if noun.lower_ == "one":  # "one of the first women"
            noun = next((p for c in noun.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), noun)
        tags = names.person_nouns().get(noun.lemma_.lower(), "").split(",")
        gender = next((t for t in tags if t in ("m", "f")), None)
        if gender:
            people.clusters[ids[0]].gender_votes[gender] += 2
    if token.dep_ in _SUBJECT_DEPS:
        _predicate_titles(token, people.clusters[ids[0]].titles)


def _predicate_titles(subject: Token, titles: set[str]) -> None:
    """``Clinton delivered her speech as the Democratic nominee``, ``Ruiz is the senator``: a role
    the article gives a named person in so many words, so that ``the nominee`` later can be her
    (descriptions of a role that introduces people, ``new`` in person_nouns, need it)."""
    verb = subject.head
    nouns = [c for c in verb.children if c.dep_ == "attr"] if verb.lemma_ == "be" else []
    nouns += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for o in c.children if o.dep_ == "pobj"]
    for noun in nouns:
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        if definite and noun.tag_ == "NN" and noun.lemma_.lower() in names.person_nouns():
            titles.add(noun.lemma_.lower())


def _role(token: Token) -> int:
    if token.dep_ in _SUBJECT_DEPS:
        return 0 if token.head.dep_ == "ROOT" else 1
    if token.dep_ == "conj" and token.head.dep_ in _SUBJECT_DEPS and token in name_conjuncts(token.head):
        return _role(token.head)
    if token.dep_ == "appos" and token.head.dep_ in _SUBJECT_DEPS:
        return _role(token.head)  # "One superdelegate, party chairwoman Nancy Worley, pledged ..."
    return 2


def _group_of(token: Token, people: People) -> tuple[int, ...]:
    """Person clusters named together by coordination with ``token`` as the first conjunct."""
    members = [token, *name_conjuncts(token)] if token.dep_ != "conj" else []
    # "he and his wife Kali": a member may be named by its apposition
    members += [c for m in members[1:] if m.i not in people.by_token for c in m.children if c.dep_ == "appos"]
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
        resolved = resolved or _resolve_token(doc, token, s, seen, people) or _resolve_org(token, s, orgs, seen, people)
        if resolved:
            first, last, ids = resolved
            span = (doc[first].idx, doc[last].idx + len(doc[last].text))
            people.by_token[token.i] = ids
            people.span_of[token.i] = span
            for cid in ids:
                people.clusters[cid].mentions.append(span)
            if len(ids) == 1 and token.pos_ == "NOUN" and people.clusters[ids[0]].label == "PERSON":
                people.clusters[ids[0]].titles.add(token.lemma_.lower())  # "the actor" again: the same one
            pronoun_gender = {"he": "m", "she": "f"}.get(token.lower_) if token.dep_ in _SUBJECT_DEPS else None
            cluster = people.clusters[ids[0]]
            if len(ids) == 1 and pronoun_gender and cluster.gender in (None, pronoun_gender):
                # "Taylor Swift ... she said": a name the lexicon does not know takes the gender of
                # the first subject pronoun resolved to it, and one it guessed is confirmed ("Hillary
                # Clinton ... She contrasted"), so a later "he" does not land on it too
                cluster.gender_votes[pronoun_gender] += 1
            if people.clusters[ids[0]].label == "PERSON":
                seen.append(_Seen(token.i, s, ids, _role(token)))
                group = _group_of(token, people)
                if len(group) > 1:  # "he and his wife Kali explained ... they said"
                    seen.append(_Seen(token.i, s, group, _role(token)))


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
        verbs = [token.head, *token.head.conjuncts]  # "It did not reveal the site and said ..."
        speaking = token.dep_ == "nsubj" and any(v.lemma_.lower() in speech_verbs() for v in verbs)
        return (token.i, token.i, org.clusters) if speaking or lower == "its" else None
    group = _antecedent(seen, sentence, token.i, None, 2, people, set())
    group_sentence = next((g.sentence for g in reversed(seen) if g.clusters == group), -1) if group else -1
    if group and group_sentence >= org.sentence:
        return None
    return (token.i, token.i, org.clusters)


def _resolve_org(
    token: Token, sentence: int, orgs: list[_Seen], seen: list[_Seen], people: People
) -> tuple[int, int, tuple[int, ...]] | None:
    """``the company`` -> the organisation named last, within a few sentences; failing that, a
    one-word "person" with nothing personal about it (``investigating WeWork. The company ...``),
    which the description shows to be an organisation."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() not in _ORG_DESCRIPTIONS:
        return None
    det = next((c for c in token.children if c.dep_ == "det"), None)
    if det is None or det.lower_ != "the" or any(c.dep_ == "poss" for c in token.children):
        return None  # "the production company" refers back; "its parent company" does not
    # "the Inner Mongolia health commission" and "the French foreign ministry" name themselves;
    # "the German automaker" does not
    national = token.lemma_.lower() in _PUBLIC_BODIES
    if any(
        c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "ORG") or (national and c.ent_type_ == "NORP")
        for c in token.lefts
        if c.i > det.i
    ):
        return None
    window = [o for o in orgs if o.token < token.i and sentence - o.sentence <= _WINDOW_SENTENCES]
    bare = next((p for p in reversed(seen) if sentence - p.sentence <= 1 and _impersonal(p, people)), None)
    if bare is not None and (not window or bare.token > window[-1].token):
        people.clusters[bare.clusters[0]].label = "ORG"
        return (det.i, token.i, bare.clusters)
    kinds = _KIND_HEADS.get(token.lemma_.lower())
    # "the group" is the coalition named earlier, not the company named since; "the institute" is
    # the Public Policy Institute however far back, not the party named last (a specific kind only:
    # "the company" may be one whose name does not say so)
    specific = token.lemma_.lower() not in ("company", "group")
    earlier = [o for o in orgs if o.token < token.i] if specific else window
    fitting = [o for o in earlier if kinds and people.clusters[o.clusters[0]].words[-1].lower().rstrip(".") in kinds]
    if fitting:
        return (det.i, token.i, fitting[-1].clusters)
    for item in reversed(window):
        if item.role != _MODIFIER_ROLE:  # a name used as a modifier is the weaker antecedent
            return (det.i, token.i, item.clusters)
    return (det.i, token.i, window[-1].clusters) if window else None


def _impersonal(item: _Seen, people: People) -> bool:
    """A one-word "person" with no gender, title or first name: possibly a company (``WeWork``)."""
    cluster = people.clusters[item.clusters[0]]
    return len(item.clusters) == 1 and len(cluster.words) == 1 and not cluster.gender_votes and not cluster.titles


def _name_head(token: Token, people: People) -> Token:
    """The syntactic head of a multi-token name (``Kunis`` in ``Mila Kunis``), never a word outside
    it: ``Netflix`` in ``a Netflix documentary`` stays a modifier."""
    ids = people.by_token.get(token.i)
    while token.dep_ in ("compound", "flat") and token.head.i > token.i and people.by_token.get(token.head.i) == ids:
        token = token.head
    return token


def _resolve_token(
    doc: Doc, token: Token, sentence: int, seen: list[_Seen], people: People
) -> tuple[int, int, tuple[int, ...]] | None:
    """(first token, last token, clusters) of a pronoun or description at ``token``, if resolvable."""
    lower = token.lower_
    if token.pos_ == "PRON" and lower in _PRONOUNS:
        gender, number = _PRONOUNS[lower]
        exclude = _same_clause_subjects(token, people) if token.dep_ in ("dobj", "pobj", "dative") else set()
        if token.dep_ in _SUBJECT_DEPS:
            exclude |= _named_in_clause(token, people)
        ids = _antecedent(seen, sentence, token.i, gender, number, people, exclude)
        return (token.i, token.i, ids) if ids else None
    # "the 56-year-old" is headed by the adjective "old"
    # "the president added": a lower-case word tagged a proper noun is a common noun
    common = token.pos_ in ("NOUN", "ADJ") or (token.pos_ == "PROPN" and token.is_lower)
    if not common or not token.lemma_:
        return None
    det = next((c for c in token.children if c.dep_ in ("det", "predet")), None)
    if det is None or det.lower_ not in ("the", "this", "that", "both"):
        return None
    lemma = token.lemma_.lower()
    first = min(det.i, token.left_edge.i)
    is_age = _AGE_DESCRIPTION.fullmatch(doc[first + 1 : token.i + 1].text.replace(" ", "")) is not None
    if token.pos_ == "ADJ" and not (is_age and token.dep_ in _SUBJECT_DEPS):
        return None
    if lemma in names.group_nouns() and token.tag_ != "NNS":
        ids = _antecedent(seen, sentence, token.i, None, 2, people, set())
        return (first, token.i, ids) if ids else None
    if token.tag_ == "NNS" and lemma in names.person_nouns() and _two(token):
        ids = _antecedent(seen, sentence, token.i, None, 2, people, set())  # "Both men", "the two women"
        return (min(first, token.left_edge.i), token.i, ids) if ids else None
    introduced = token.tag_ in ("NN", "NNP") and _introduced_role(lemma, people)
    if (token.tag_ in ("NN", "NNP") or is_age) and (lemma in names.person_nouns() or is_age or introduced):
        if (
            token.head.lower_ == "as"
            or any(c.dep_ in ("appos", "compound") and people.label_for(c) == "PERSON" for c in token.children)
            or (token.dep_ == "appos" and people.label_for(token.head) == "PERSON")
        ):
            return None  # "role as the producer": a predicate; "actor Ana Ruiz", "Ana Ruiz, the president": a name
        tags = names.person_nouns().get(lemma, "").split(",")
        gender = next((t for t in tags if t in ("m", "f")), None)
        # "the chairman of the Conservative Party" says whose chairman: only someone given that title
        anchored = any(c.dep_ == "prep" and c.lower_ in ("of", "for", "at") for c in token.children)
        need_title = "new" in tags or anchored
        # "the former mayor" is not the mayor named with that title, whoever was named last
        former = any(c.lower_ in ("former", "ex", "previous", "onetime") for c in token.children)
        title = None if former and not need_title else lemma
        if former and _introduced_role(f"former {lemma}", people):
            title = f"former {lemma}"  # "the former pollster": the one introduced as a former pollster
        ids = _antecedent(seen, sentence, token.i, gender, 1, people, set(), title=title, need_title=need_title)
        if title and not any(_has_title(title, people.clusters[c].titles) for c in ids):
            ids = _titled_earlier(seen, token.i, gender, people, title) or ids
        public_role = lemma in names.titles() or lemma in _CAMPAIGN_ROLES
        if not ids and need_title and public_role and not anchored and not former and token.dep_ in _SPEAKER_DEPS:
            ids = _only_person_just_named(doc, seen, sentence, token.i, gender, people, lemma)
        return (first, token.i, ids) if ids else None
    return None


def _introduced_role(role: str, people: People) -> bool:
    """Did the article give someone this role (``Gawker employee Ashley Feinberg``, ``Douglas
    Schoen, a former Clinton pollster``)? Then ``the Gawker employee`` is a description of a
    person even when the word is in no lexicon."""
    if role in _ORG_DESCRIPTIONS or role in names.org_name_heads() or any(role in k for k in _KIND_HEADS.values()):
        return False  # "the Stadia service", hung on a name by the parse, is not a role
    return any(role in c.titles for c in people.clusters if c.label == "PERSON" and c.mentions)


def _titled_earlier(
    seen: list[_Seen], position: int, gender: str | None, people: People, title: str
) -> tuple[int, ...]:
    """The last person the article gave this very role, however far back: a role given in so many
    words outlasts the few sentences a bare description reaches (``Romanian hacker Marcel Lazar``
    ... thirty sentences on, ``the Romanian hacker``)."""
    for item in reversed(seen):
        if item.token >= position or len(item.clusters) != 1:
            continue
        cluster = people.clusters[item.clusters[0]]
        if cluster.label != "PERSON" or not _has_title(title, cluster.titles):
            continue
        if gender is None or cluster.gender in (None, gender) or cluster.guessed_gender:
            return item.clusters
    return ()


_SPEAKER_DEPS = {"nsubj", "nsubjpass", "poss"}
_CAMPAIGN_ROLES = {"candidate", "nominee", "democrat", "republican"}  # public roles that are not titles
_JUST_NAMED_SENTENCES = 1


def _only_person_just_named(
    doc: Doc, seen: list[_Seen], sentence: int, position: int, gender: str | None, people: People, role: str
) -> tuple[int, ...]:
    """``the Republican presidential candidate’s vow`` right after a paragraph about Donald Trump:
    a role noun that usually introduces someone new (``new`` in person_nouns.txt) is the one
    person named (by name, not a pronoun or a description) in this sentence or the one before,
    when there is exactly one (PolNeAR-canon batch 10). Public roles only: ``the man`` after
    ``Dempsey talked with the man`` is the man the article introduced, not Dempsey."""
    found: set[tuple[int, ...]] = set()
    for item in reversed(seen):
        if sentence - item.sentence > _JUST_NAMED_SENTENCES:
            break
        if item.token < position and len(item.clusters) == 1 and doc[item.token].pos_ == "PROPN":
            found.add(item.clusters)
    if len(found) != 1:
        return ()
    ids = found.pop()
    if any(names.holds_other_office(role, people.clusters[c].titles) for c in ids):
        return ()
    genders = {people.clusters[c].gender for c in ids}
    return ids if gender is None or genders <= {gender, None} else ()


def _named_in_clause(token: Token, people: People) -> set[int]:
    """People named (not by a pronoun) in the clause a subject pronoun governs: ``He urged Mr.
    Trump`` is not Trump, nor is ``he`` in ``"... Trump makes it worse," he said`` (binding
    Principle C, Chomsky 1981; the c-command filter of Hobbs 1978 and Lee et al. 2013)."""
    verb = token.head
    # a fronted adjunct is outside the subject's reach ("When Carlineo was approached, he told
    # police"); a fronted quotation is not ("'Trump makes it worse,' he said"), and of a fronted
    # clause only its quoted words are ("Yet Sondland amended his account — “I now recall,” he said")
    governed = [c for c in verb.children if c.i > token.i or c.dep_ in ("ccomp", "parataxis", "dobj")]
    return {
        cid
        for child in governed
        for t in child.subtree
        if t.pos_ != "PRON"
        and t.i in people.by_token
        and not _in_modifier_clause(t, verb)
        and (child.i > token.i or people.is_quoted(t))
        for cid in people.by_token[t.i]
    }


def _in_modifier_clause(token: Token, top: Token) -> bool:
    """Whether ``token`` sits in a relative clause or appositive below ``top``: journalism binds
    across those (``he kept plans for a conference, which funded Holcomb's campaign``)."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in ("relcl", "acl", "appos"):
            return True
        token = token.head
    return False


def _two(token: Token) -> bool:
    """``both men``, ``the two women``: a plural that counts two people."""
    return any(c.lower_ in ("both", "two") and c.dep_ in ("det", "predet", "nummod") for c in token.children)


def _same_clause_subjects(token: Token, people: People) -> set[int]:
    verb = _clause_verb(token)
    return {cid for c in verb.children if c.dep_ in _SUBJECT_DEPS for cid in people.by_token.get(c.i, ())}


def _has_title(title: str, held: set[str]) -> bool:
    """``the senator`` for someone called ``Sen.``: the same title, or the same office."""
    office = names.office(title)
    return title in held or (office is not None and office in {names.office(t) for t in held})


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
        if set(item.clusters) & exclude or any(people.clusters[c].label != "PERSON" for c in item.clusters):
            continue  # excluded, or found to be an organisation since ("WeWork ... The company")
        genders = {people.clusters[c].gender for c in item.clusters}
        against = number == 1 and gender is not None and genders != {gender} and genders != {None}
        if against and not all(people.clusters[c].guessed_gender for c in item.clusters):
            continue
        unknown = 1 if number == 1 and gender is not None and genders == {None} else 0
        titled = 0 if title and any(_has_title(title, people.clusters[c].titles) for c in item.clusters) else 1
        if need_title and titled:
            continue
        if titled and title and any(names.holds_other_office(title, people.clusters[c].titles) for c in item.clusters):
            continue  # "the mayor" is not the one called "City Attorney"
        key = (titled, int(against), distance, item.role, unknown, -item.token)
        if best is None or key < best[0]:
            best = (key, item.clusters)
    return best[1] if best else ()
