"""The entities of one article as coreference builds them: clusters of name forms and mentions,
and, per token, the entities it refers to (the contract between people/ and the stages after it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

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
