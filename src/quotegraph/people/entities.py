"""The entities of one article as coreference builds them: clusters of name forms and mentions,
and, per token, the entities it refers to (the contract between people/ and the stages after it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from quotegraph.people.names import strip_possessive
from quotegraph.types import Entity, EntityLabel, Mention


@dataclass(slots=True)
class Cluster:
    label: EntityLabel
    forms: Counter[tuple[str, ...]] = field(default_factory=Counter)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender_votes: Counter[str] = field(default_factory=Counter)
    titles: set[str] = field(default_factory=set)

    @property
    def words(self) -> tuple[str, ...]:
        # never a form seen only in a title-cased headline, nor an all-capitals one ("HOME DEPOT
        # INC", a ticker line), when the text gives another; then the longest ("John Milo Ford"
        # over "John M. Ford", the gold sets' convention), the most frequent
        def rank(form: tuple[str, ...]) -> tuple[bool, bool, int, int, int]:
            written = sum(len(w) for w in form)
            return (self.forms[form] > 0, not all(w.isupper() for w in form), len(form), written, self.forms[form])

        return max(self.forms, key=rank)

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


@dataclass(slots=True)
class People:
    """The entities of one article and, per token, which entities it refers to."""

    clusters: list[Cluster]
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


def char_mask(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * len(doc)
    for start, end in spans:
        region = doc.char_span(start, end, alignment_mode="expand")
        if region is not None:
            for t in region:
                mask[t.i] = True
    return mask


def add_mention(doc: Doc, people: People, cid: int, first: int, last: int) -> None:
    """Tokens ``first..last`` name cluster ``cid``."""
    span = (doc[first].idx, doc[last].idx + len(strip_possessive(doc[last].text)))
    people.clusters[cid].mentions.append(span)
    for i in range(first, last + 1):
        people.by_token[i] = (cid,)
        people.span_of[i] = span


def fold(people: People, into: dict[int, int]) -> None:
    """Merge each cluster of ``into`` into its target: mentions, forms and tokens move over."""
    for short, long in into.items():
        while long in into:
            long = into[long]
        people.clusters[long].mentions.extend(people.clusters[short].mentions)
        people.clusters[short].mentions.clear()
        for form, count in people.clusters[short].forms.items():  # "HOME DEPOT INC" -> "Home Depot"
            people.clusters[long].forms[form] += count
        people.clusters[long].gender_votes.update(people.clusters[short].gender_votes)
        people.clusters[long].titles.update(people.clusters[short].titles)
    for token, ids in list(people.by_token.items()):
        if any(c in into for c in ids):
            people.by_token[token] = tuple(dict.fromkeys(final_cluster(into, c) for c in ids))


def final_cluster(into: dict[int, int], cid: int) -> int:
    """Where a chain of merges took ``cid``."""
    while cid in into:
        cid = into[cid]
    return cid
