"""quotegraph as a spaCy component: ``nlp.add_pipe("quotegraph")``.

Registered through the ``spacy_factories`` entry point, so any English pipeline with a parser
and NER can use it without importing quotegraph first. It adds ``doc.spans["quotes"]`` (each
span with ``._.speaker``, ``._.speakers``, ``._.kind`` and ``._.cue``) and ``doc._.quotegraph``
(the :class:`~quotegraph.types.Analysis`). Everything it stores is plain data in
``doc.user_data``, so docs survive ``DocBin(store_user_data=True)`` and ``nlp.pipe(n_process=2)``.

quotegraph parses with sentence starts at line breaks and scraper residue blanked out. When the
host pipeline did not (its docs lack the ``quotegraph_paragraphs`` mark), the component re-runs
the host's own components on the prepared text so the result equals ``quotegraph extract``; add
``nlp.add_pipe("quotegraph_paragraphs", before="parser")`` to avoid that second pass.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from quotegraph import __version__
from quotegraph.ingest.text import find_residue, text_to_parse
from quotegraph.nlp.model import PARAGRAPHS, model_label, paragraph_sentence_starts
from quotegraph.pipeline import analyze_doc
from quotegraph.types import Analysis, Article

SPANS_KEY = "quotes"


def _register_extensions() -> None:
    if not Doc.has_extension("quotegraph_data"):
        Doc.set_extension("quotegraph_data", default=None)
    if not Doc.has_extension("quotegraph"):
        Doc.set_extension("quotegraph", getter=_analysis_of)
    for name, default in (("speaker", None), ("speakers", None), ("kind", None), ("cue", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def _analysis_of(doc: Doc) -> Analysis | None:
    data = doc._.quotegraph_data
    return Analysis.from_dict(data) if data is not None else None


class QuotegraphComponent:
    """Finds attributed quotes, entities, relations and events in parsed docs."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        residue = find_residue(text)
        prepared = text_to_parse(text, residue)
        parsed = doc if self._prepared(doc, residue) and prepared == text else self._reparse(prepared)
        article = Article(id="doc", text=text, residue=residue)
        analysis = analyze_doc(article, parsed, version=__version__, model=model_label(self.nlp))
        doc._.quotegraph_data = analysis.to_dict()
        spans = []
        for quote in analysis.quotes:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None:
                continue
            span._.speaker = quote.speaker
            span._.speakers = list(quote.speakers)
            span._.kind = quote.kind
            span._.cue = quote.cue
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    @staticmethod
    def _prepared(doc: Doc, residue: tuple[Any, ...]) -> bool:
        return bool(doc.user_data.get(PARAGRAPHS)) and not residue

    def _reparse(self, text: str) -> Doc:
        """Run the host's components on ``text`` with sentence starts at line breaks."""
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            if name == "parser":
                doc = paragraph_sentence_starts(doc)
            if name != "quotegraph_paragraphs":
                doc = proc(doc)
        return doc


@Language.factory(
    "quotegraph",
    requires=["token.dep", "token.head", "token.pos", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc.spans", "doc._.quotegraph_data"],
)
def make_quotegraph(nlp: Language, name: str) -> QuotegraphComponent:
    """The ``quotegraph`` pipeline component."""
    return QuotegraphComponent(nlp, name)
