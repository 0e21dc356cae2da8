"""Organisation names inside one article: short and long forms of one organisation.

``Disney`` after ``Walt Disney Co.``, ``Take-Two Interactive`` written once after ``Take-Two``,
``Alden`` after ``Alden Capital``: string sieves in the spirit of the exact and relaxed
string-match passes of Lee et al. (CL 2013).
"""

from __future__ import annotations

from spacy.tokens import Doc

from quotegraph.nlp.model import doc_text
from quotegraph.people import names
from quotegraph.people.entities import People, add_mention, fold


def merge_short_org_names(people: People) -> None:
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
            and not people.clusters[other].words[-1].isdigit()  # "Ascom Myco 2" is a product of Ascom
            and (
                words <= {w.lower().rstrip(".,") for w in people.clusters[other].words}
                or _is_acronym_of(people.clusters[cid].name, people.clusters[other].words)
            )
        ]
        if longer:  # several ("Big Machine Records", "Big Machine Label Group"): the first introduced
            into[cid] = min(longer, key=lambda other: min(people.clusters[other].mentions))
    fold(people, into)


def extend_org_names(doc: Doc, people: People) -> None:
    """``Take-Two`` tagged, ``Take-Two Interactive`` written once but not tagged: the name followed
    by an organisation head word (``lexicons/org_name_heads.txt``) is the organisation's full name."""
    text = doc_text(doc)
    for cid, cluster in enumerate(people.clusters):
        if cluster.label != "ORG" or not cluster.mentions:
            continue
        for form in list(cluster.forms):
            written = " ".join(form)
            pos = text.find(written + " ")
            while pos >= 0:
                end = pos + len(written) + 1
                word = text[end:].split(maxsplit=1)[0].rstrip(".,;:()") if text[end:].strip() else ""
                span = doc.char_span(pos, end + len(word), alignment_mode="expand")
                if (
                    word[:1].isupper()
                    and word.lower() in names.org_name_heads()
                    and span is not None
                    and not any(t.i in people.by_token for t in span)
                ):
                    cluster.forms[(*form, word)] += 1
                    add_mention(doc, people, cid, span.start, span.end - 1)
                pos = text.find(written + " ", end)


def org_first_words(doc: Doc, people: People) -> None:
    """``McClatchy`` after ``McClatchy Co.``, ``Alden`` after ``Alden Capital``: a lone capitalised
    word that begins exactly one organisation's name, introduced before it, is that organisation
    (tagged a person or not at all). A person keeps the word when anything marks them as one:
    a gender, a title, a full name."""
    orgs: dict[str, list[int]] = {}
    for cid, cluster in enumerate(people.clusters):
        named = cluster.mentions and len(cluster.words) > 1 and names.capitalised(cluster.words[0])
        if cluster.label == "ORG" and named:
            orgs.setdefault(cluster.words[0].lower(), []).append(cid)
    into: dict[int, int] = {}
    for cid, cluster in enumerate(people.clusters):
        if cluster.label != "PERSON" or len(cluster.words) != 1 or cluster.gender_votes or cluster.titles:
            continue
        targets = orgs.get(cluster.words[0].lower(), [])
        if len(targets) == 1 and min(people.clusters[targets[0]].mentions) < min(cluster.mentions, default=(0, 0)):
            into[cid] = targets[0]
    fold(people, into)
    for token in doc:
        if token.i in people.by_token or token.pos_ != "PROPN" or token.dep_ in ("compound", "flat"):
            continue
        targets = orgs.get(names.strip_possessive(token.text).lower(), [])
        if len(targets) == 1 and min(people.clusters[targets[0]].mentions)[0] < token.idx:
            add_mention(doc, people, targets[0], token.i, token.i)


def org_acronyms(doc: Doc, people: People) -> None:
    """``According to LN`` after ``Live Nation``: an untagged all-capitals word whose letters are
    exactly the initials of one organisation named before it is that organisation."""
    initials: dict[str, list[int]] = {}
    for cid, cluster in enumerate(people.clusters):
        if cluster.label == "ORG" and cluster.mentions and len(cluster.words) > 1:
            key = "".join(w[0] for w in cluster.words if w[:1].isupper())
            initials.setdefault(key, []).append(cid)
    for token in doc:
        letters = token.text.replace(".", "")
        if token.i in people.by_token or not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()):
            continue
        targets = initials.get(letters, [])
        if len(targets) != 1 or token.ent_type_ in ("GPE", "LOC", "NORP"):
            continue
        if min(people.clusters[targets[0]].mentions)[0] < token.idx:
            add_mention(doc, people, targets[0], token.i, token.i)


def _is_acronym_of(short: str, words: tuple[str, ...]) -> bool:
    """``CDC`` of ``Chinese Center for Disease Control and Prevention``, ``PG&E`` of ``Pacific Gas
    & Electric Co.``: the letters run through the initials of the longer name's capitalised words."""
    letters = "".join(c for c in short if c.isalpha())
    if len(letters) < 2 or not short.replace("&", "").replace(".", "").isupper():
        return False
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return letters in initials
