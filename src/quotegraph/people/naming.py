"""Name sieves: the article's names become entity clusters before any pronoun is resolved.

Exact and partial name matching, the first passes of the Stanford multi-pass sieve (Lee et al.,
CL 2013): full names from the tagger, the same forms where the tagger missed them, short
organisation names and acronyms folded into the long ones, then bare surnames and first names
(``Kunis`` -> ``Mila Kunis``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from quotegraph.nlp.model import doc_text
from quotegraph.people import names
from quotegraph.people.entities import Cluster, People, add_mention, fold
from quotegraph.people.orgs import extend_org_names, merge_short_org_names, org_acronyms, org_first_words
from quotegraph.quotes.cues import speech_verbs
from quotegraph.types import EntityLabel

_LABELS: dict[str, EntityLabel] = {"PERSON": "PERSON", "ORG": "ORG", "WORK_OF_ART": "WORK"}
_ORG_NOUNS = {
    "organization", "organisation", "company", "group", "charity", "foundation", "firm", "nonprofit",
    "network", "agency", "party", "union", "band", "club", "team", "outlet", "newspaper", "magazine",
    "startup", "brand", "institute", "university", "bank", "campaign", "studio",
}  # fmt: skip
# publications whose name carries its article: "The New York Times", "The Post"
# nouns by which news refers back to an organisation it named ("BC Hydro ... the utility said")
_WORK_NOUNS = {"show", "sitcom", "series", "film", "movie", "album", "song", "book", "novel", "play"}
_OWNED_ORG_HEADS = {"Office", "Department", "Bureau", "Division", "Ministry", "Commission", "Agency", "Council"}
_PRIZE_NOUNS = {"award", "awards", "prize", "prizes", "medal", "trophy", "cup"}
_NICKNAME_VERBS = {"call", "nickname", "dub"}
_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as"}


def collect_names(doc: Doc, people: People) -> None:
    """Every name of the article into ``people``: clusters, mentions and title words."""
    _collect_names(doc, people)
    _shared_surnames(doc, people)
    nicknames = _merge_nicknames(doc, people)
    extend_org_names(doc, people)
    _attach_known_forms(doc, people)
    merge_short_org_names(people)
    _attach_bare_names(doc, people, nicknames)
    _complete_single_names(doc, people)
    org_first_words(doc, people)
    org_acronyms(doc, people)


def _name_tokens(ent: Span) -> list[Token]:
    tokens = list(ent)
    if ent.label_ == "WORK_OF_ART" and _sentence_case(tokens):
        return []  # "[Trump told The Associated Press of the prospects for peace]": a clause, not a title
    while ent.label_ == "WORK_OF_ART" and len(tokens) > 1 and tokens[-1].lemma_.lower() in names.person_nouns():
        tokens.pop()  # 'the "Pose" actor': the work, then a description of a person
        if tokens[0].lower_ == "the" and len(tokens) > 1 and tokens[1].is_quote:
            tokens.pop(0)
    while tokens and (tokens[-1].dep_ == "case" or tokens[-1].is_punct or tokens[-1].text in ("’s", "'s")):
        tokens.pop()
    while tokens and (tokens[0].is_punct or (tokens[0].lower_ == "the" and ent.label_ == "PERSON")):
        tokens.pop(0)
    if ent.label_ == "ORG" and len(tokens) > 2 and tokens[1].lower_ == "of" and tokens[0].lower_ in names.titles():
        tokens = tokens[2:]  # "CEO and [Founder of Ceres Robotics Inc.]": the role is not the name
    while tokens and ent.label_ == "PERSON" and tokens[0].i > 0:
        before = ent.doc[tokens[0].i - 1]  # a first name the tagger left out: "Aseem [Prakash]"
        # a capitalised "pronoun" compounded to a name is a surname that looks like one: "[He] Jianxiong"
        given = before.pos_ == "PROPN" or (before.pos_ == "PRON" and before.i + 1 == tokens[0].i)
        if not (given and before.is_title and before.dep_ == "compound" and before.ent_type_ == ""):
            break
        if before.head not in tokens or before.lower_.rstrip(".") in names.titles():
            break
        tokens.insert(0, before)
    if tokens and ent.label_ == "PERSON" and tokens[0].i > 0:
        before = ent.doc[tokens[0].i - 1]  # "[Prince] Andrew": a styled title the tagger left out
        if before.is_title and before.lower_ in names.STYLED_TITLES:
            tokens.insert(0, before)
    if ent.label_ == "PERSON" and len(tokens) > 2 and tokens[0].i > 0 and ent.doc[tokens[0].i - 1].lower_ == "of":
        tokens = _after_office(tokens)
    while ent.label_ == "PERSON" and len(tokens) > 2 and tokens[0].lower_ in names.person_nouns():
        if not _given_name(tokens[1].text):
            break
        tokens = tokens[1:]  # "[Billionaire Donald Trump]": a description the tagger ran into the name
    if tokens and ent.label_ == "ORG" and tokens[0].text in _OWNED_ORG_HEADS and tokens[0].i > 1:
        # "the [California Governor's] Office of Emergency Services": the owner is part of the name
        case, owner = ent.doc[tokens[0].i - 1], ent.doc[tokens[0].i - 2]
        if case.dep_ == "case" and owner.pos_ == "PROPN" and owner.is_title and owner.ent_type_ != "PERSON":
            first = owner.left_edge
            while first.i < owner.i and not (first.pos_ == "PROPN" or first.is_title):
                first = ent.doc[first.i + 1]
            tokens = list(ent.doc[first.i : tokens[0].i]) + tokens
    comma = next((k for k, t in enumerate(tokens) if t.text == ","), None)
    if ent.label_ == "ORG" and comma is not None and len(tokens) - comma == 2 and tokens[-1].is_upper:
        tokens = tokens[:comma]  # "Doctors for Camp Closure, D4CC": the acronym is an apposition
    if ent.label_ == "ORG" and tokens and not any(names.capitalised(t.text) for t in tokens):
        return []  # "commerce ministry": a description the tagger took for a name
    return tokens


def _sentence_case(tokens: list[Token]) -> bool:
    """Two or more lower-case content words: running text, not a title in title case."""
    lower = [t for t in tokens if t.is_alpha and t.is_lower and len(t) > 3 and t.lower_ not in _SMALL_WORDS]
    return len(lower) >= 2


def _given_name(word: str) -> bool:
    return names.gender_of_first_name(word.split("-")[0]) is not None


def _after_office(tokens: list[Token]) -> list[Token]:
    """``Director of [Public Prosecution Eva-Marie Persson]``: the tagger ran the office into the
    name; the name starts at its given name."""
    if _given_name(tokens[0].text):
        return tokens
    start = next((k for k, t in enumerate(tokens[:-1]) if _given_name(t.text)), None)
    return tokens if start is None else tokens[start:]


def _starts_clause(token: Token) -> bool:
    """At a sentence start, or after a dateline dash (``BERLIN -- The European Space Agency``)."""
    return token.is_sent_start or (token.i > 0 and token.doc[token.i - 1].text in ("--", "—", "–", ":"))


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
    if label == "PERSON" and len(tokens) > 1 and head.lower_ in _PRIZE_NOUNS:
        return None  # "the Philip K. Dick Award" names a prize, not a person
    if label == "ORG" and 1 < len(tokens) < 4 and _person_apposition(tokens):
        return "PERSON"  # "[Eswar Prasad], a trade professor at Cornell"
    if label == "WORK" and len(tokens) > 1 and tokens[0].lower_.rstrip(".") in names.titles():
        return "PERSON"  # "Coach (Frank) Vogel" tagged as a title of a work
    if label is None and spacy_label == "PRODUCT" and head.dep_ == "compound" and head.head.lower_ in _WORK_NOUNS:
        return "WORK"
    return label


def _collect_names(doc: Doc, people: People) -> None:
    """Full names (two words or more) become clusters; organisations and works by their text."""
    index: dict[tuple[str, tuple[str, ...]], int] = {}
    deferred: list[tuple[Token, EntityLabel]] = []
    place_person = _place_then_person(doc)
    for ent in doc.ents:
        tokens = _name_tokens(ent)
        if not tokens:
            continue
        label = _entity_label(ent.label_, tokens)
        if label is None or (label == "ORG" and place_person(tokens)):
            continue
        if label != "PERSON" and len(tokens) == 1 and (tokens[0].pos_ == "PROPN" or tokens[0].is_title):
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
                and not (tokens[0].text == "The" and not _starts_clause(tokens[0]))  # "said The We Company's"
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
            people.clusters.append(Cluster(label))
            index[key] = cid
        cluster = people.clusters[cid]
        cluster.forms[tuple(words)] += 0 if _in_headline(ent) else 1  # "Google Bets On ...": a form only
        if title_gender:
            cluster.gender_votes[title_gender] += 2
        cluster.titles.update(t.lower_.rstrip(".") for t in tokens[: len(tokens) - len(words)])
        cluster.titles.update(_role_nouns(tokens[-1]))
        add_mention(doc, people, cid, start_token.i, tokens[-1].i)
    person_words = {w.lower() for c in people.clusters if c.label == "PERSON" for w in c.words}
    for token, label in deferred:
        word = names.strip_possessive(token.text)
        if word.lower() in person_words:
            continue  # left for _attach_bare_names
        key = (label, (word.lower(),))
        if key not in index:
            index[key] = len(people.clusters)
            people.clusters.append(Cluster(label))
        people.clusters[index[key]].forms[(word,)] += 1
        add_mention(doc, people, index[key], token.i, token.i)


def _place_then_person(doc: Doc) -> Callable[[list[Token]], bool]:
    """``outside [Wisconsin Trump] rally``: an "organisation" made of place names and the surname
    of a person the article names in full is two names the tagger ran together."""
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    places = {t.text for ent in doc.ents if ent.label_ in ("GPE", "NORP", "LOC") for t in ent}

    def test(tokens: list[Token]) -> bool:
        return len(tokens) > 1 and tokens[-1].text in surnames and all(t.text in places for t in tokens[:-1])

    return test


def _shared_surnames(doc: Doc, people: People) -> None:
    """``Nadia and Omar Haddad``: a given name coordinated with a full name shares its surname, a
    second person (only a given name the first-name lexicon knows, so ``Obama and Joe Biden``
    stays two names)."""
    for cluster in list(people.clusters):
        if cluster.label != "PERSON" or len(cluster.words) < 2:
            continue
        surname = cluster.words[1:]
        for start, _ in list(cluster.mentions):
            first = doc.char_span(start, start + 1, alignment_mode="expand")
            if first is None or first.start < 2:
                continue
            conj, given = doc[first.start - 1], doc[first.start - 2]
            if conj.lower_ not in ("and", "&") or given.i in people.by_token or not given.is_title:
                continue
            if names.gender_of_first_name(given.text) is None or given.text in surname:
                continue
            words = [given.text, *surname]
            new = _match_full_name(people, words)
            if new is None:
                new = len(people.clusters)
                people.clusters.append(Cluster("PERSON"))
            people.clusters[new].forms[tuple(words)] += 1
            add_mention(doc, people, new, given.i, given.i)


def _person_apposition(tokens: list[Token]) -> bool:
    """A title-cased name, no organisation word in it, followed by an apposition that names a
    person's role (``X, a trade professor``): the name is a person's whatever the tagger's label."""
    head = tokens[-1]
    return (
        all(names.capitalised(t.text) and t.pos_ == "PROPN" for t in tokens)
        and not names.is_org_name([t.text for t in tokens])
        and any(c.dep_ == "appos" and c.i > head.i and c.lemma_.lower() in names.person_nouns() for c in head.children)
    )


def _in_headline(ent: Span) -> bool:
    """The name stands in a title-cased line (``Google Bets On Cloud Gaming``), where the tagger
    often takes the next capitalised word into the name."""
    text = doc_text(ent.doc)
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    small = [w for w in words if w.lower() in _SMALL_WORDS]
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return all(w[:1].isupper() for w in content) and (not small or any(w[:1].isupper() for w in small))


def _merge_nicknames(doc: Doc, people: People) -> dict[str, int]:
    """``John Milo Ford ... Everyone called him Mike``: the name a person was called by, alone or
    with the surname (``Mike Ford``), is that person. The person is the latest one named before
    the pronoun, in its sentence or the one before. Returns nickname (lowercase) -> cluster."""
    found: dict[str, int] = {}
    for token in doc:
        if token.lemma_.lower() not in _NICKNAME_VERBS:
            continue
        pronoun = [c for c in token.children if c.dep_ == "dobj" and c.lower_ in ("him", "her")]
        called = [c for c in token.children if c.dep_ in ("oprd", "xcomp", "attr", "dobj") and c.pos_ == "PROPN"]
        if not pronoun or len(called) != 1 or not called[0].is_title:
            continue
        start = doc[token.sent.start - 1].sent.start if token.sent.start > 0 else 0
        before = [
            cid
            for i in range(pronoun[0].i - 1, start - 1, -1)
            for cid in people.by_token.get(i, ())
            if people.clusters[cid].label == "PERSON" and len(people.clusters[cid].words) > 1
        ]
        if before:
            found[names.strip_possessive(called[0].text).lower()] = before[0]
    into: dict[int, int] = {}
    for nick, target in found.items():
        last = names.surname(list(people.clusters[target].words)).lower()
        for cid, cluster in enumerate(people.clusters):
            words = list(cluster.words) if cluster.forms else []
            same = bool(words) and words[0].lower() == nick and names.surname(words).lower() == last
            if cid != target and cluster.label == "PERSON" and cluster.mentions and same:
                into[cid] = target
    fold(people, into)
    return found


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
        if i in people.by_token or not names.capitalised(token.text):
            i += 1
            continue
        for size in range(min(longest, len(doc) - i), 1, -1):
            words = tuple(names.strip_possessive(t.text).lower() for t in doc[i : i + size])
            known = forms.get(words)
            if known is not None and not any(j in people.by_token for j in range(i, i + size)):
                add_mention(doc, people, known, i, i + size - 1)
                i += size - 1
                break
        i += 1


def _role_nouns(head: Token) -> set[str]:
    """Role nouns attached to a name: ``actor Giovanni Ribisi``, ``Jane Roe, the judge``. A role
    of something (``John Roe, the president of the regional bank``) is not the bare role: ``the
    president`` later means the one the article calls that plainly."""
    roles = {
        c.lemma_.lower()
        for c in head.children
        if c.dep_ in ("compound", "appos")
        # "US President X", "Sen. X"
        and (c.pos_ == "NOUN" or (c.pos_ == "PROPN" and (c.lower_ in names.person_nouns() or names.office(c.lower_))))
        and not _qualified(c)
    }
    if head.dep_ == "appos" and head.head.pos_ == "NOUN" and not _qualified(head.head):
        roles.add(head.head.lemma_.lower())
        if _former(head.head):
            roles.add(f"former {head.head.lemma_.lower()}")
    roles |= {f"former {c.lemma_.lower()}" for c in head.children if c.lemma_.lower() in roles and _former(c)}
    role = head.head.head  # "ambassador to Britain Liu Xiaming", parsed as the object of "to"
    role_word = role.lemma_.lower()
    if head.dep_ == "pobj" and head.head.lower_ == "to" and role.pos_ == "NOUN" and role_word in names.titles():
        roles.add(role_word)
    return roles


def _former(role: Token) -> bool:
    """``a former Clinton pollster``: the role is recorded as ``former pollster`` too, for ``the
    former pollster`` later."""
    return any(c.lower_ in ("former", "ex", "onetime") for c in role.children)


def _qualified(role: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("of", "at", "for") for c in role.children)


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
    """``Van Der Beek`` in ``James Van Der Beek``, ``Hawk Sawyer`` in ``Kathleen Hawk Sawyer``: the
    last two words or more of a longer name are a compound surname, alone the person."""
    short, long = sorted(([w.lower() for w in a], [w.lower() for w in b]), key=len)
    return len(short) < len(long) and long[-len(short) :] == short and (short[0] in names.PARTICLES or len(short) > 1)


def _same_first_name(a: str, b: str) -> bool:
    """``Pat``/``Patrick``, ``J.``/``John``, ``Chris``/``Christopher``: one given name, two forms."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) == 1 and long[0] == short) or (len(short) >= 3 and long.startswith(short))


def _attach_bare_names(doc: Doc, people: People, nicknames: dict[str, int]) -> None:
    """Single names (``Kunis``, ``Mila``) -> the full name they shorten, else a cluster of their own."""
    surnames: dict[str, list[int]] = {}
    firsts: dict[str, list[int]] = {nick: [cid] for nick, cid in nicknames.items()}
    for cid, cluster in enumerate(people.clusters):
        if cluster.label == "PERSON" and cluster.mentions:
            surnames.setdefault(names.surname(list(cluster.words)).lower(), []).append(cid)
            firsts.setdefault(cluster.words[0].lower(), []).append(cid)
    singles: dict[str, int] = {}
    for token in doc:
        if token.i in people.by_token or not names.capitalised(token.text):
            continue
        word = names.strip_possessive(token.text)
        key = word.lower()
        tagged = token.ent_type_ == "PERSON" and not token.is_sent_start  # "investigating WeWork" (a NOUN)
        if token.pos_ != "PROPN" and not tagged and not (key in surnames and _surname_as_word(token)):
            continue
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
            cid = _most_recent(doc, people, candidates, token.idx)
        elif in_person_ent and token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I"):
            if _entity_label("PERSON", [token]) != "PERSON" or key in names.titles():
                continue
            cid = singles.get(key, -1)
            if cid < 0:
                cid = singles[key] = len(people.clusters)
                people.clusters.append(Cluster("PERSON"))
            people.clusters[cid].forms[(word,)] += 1
        else:
            continue
        add_mention(doc, people, cid, token.i, token.i)
        people.clusters[cid].titles.update(_role_nouns(token))  # "President Trump" with no first name


def _complete_single_names(doc: Doc, people: People) -> None:
    """``Eyamba Sowers didn't know ...`` untagged, then ``said Sowers``: a one-word person whose
    word follows a capitalised given name somewhere in the article has that full name."""
    singles = {c.words[0]: cid for cid, c in enumerate(people.clusters) if c.label == "PERSON" and len(c.words) == 1}
    for token in doc[1:]:
        cid = singles.get(names.strip_possessive(token.text))
        given = doc[token.i - 1]
        if cid is None or people.by_token.get(given.i) or people.is_quoted(token):
            continue
        if (
            given.pos_ == "PROPN"
            and given.is_title
            and given.ent_type_ in ("", "PERSON")
            and given.lower_.rstrip(".") not in names.titles()
        ):
            people.clusters[cid].forms[(given.text, names.strip_possessive(token.text))] += 1
            add_mention(doc, people, cid, given.i, token.i)


def _surname_as_word(token: Token) -> bool:
    """A known surname the tagger read as a word (``Doctor asks``, ``says Early``, ``Early says``):
    capitalised where a word would not be, or a subject, or right before a verb of saying."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    before_cue = following is not None and following.lemma_.lower() in speech_verbs()
    return token.pos_ in ("NOUN", "ADV", "ADJ") and (
        not token.is_sent_start or token.dep_ in ("nsubj", "nsubjpass") or before_cue
    )


def _most_recent(doc: Doc, people: People, candidates: list[int], position: int) -> int:
    """The person a bare surname shortens: the one named last; of two named in the same sentence,
    the subject (``Patricia Smith, mother of victim Sean Smith, rejected ...  Smith said``)."""
    if len(candidates) == 1:
        return candidates[0]

    def key(cid: int) -> tuple[int, int, int]:
        before = [(s, e) for s, e in people.clusters[cid].mentions if s < position]
        if not before:
            return (-1, 0, len(people.clusters[cid].mentions))
        start, end = max(before)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return (start, 0, start)
        root = span.root
        subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ == "nsubj")
        return (span.sent.start, int(subject), start)

    return max(candidates, key=key)
