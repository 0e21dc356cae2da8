"""The pipeline, in one screen: article text -> quotes attributed to canonical speakers.

residue  = find_residue(text)            scraper furniture, marked not cut
parsed   = text_to_parse(text, residue)  residue blanked, same length: offsets never move
marks    = find_quotes(parsed)           quotation marks paired, per paragraph
doc      = nlp(parsed)                   one spaCy pipeline per process
people   = resolve_people(doc, marks)    names, surnames, pronouns, descriptions
quotes   = extract_quotes(doc, ...)      direct, mixed, floating, indirect
-> Analysis(article, quotes, entities)   plain frozen data; spaCy stops here
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import tee

from spacy.language import Language
from spacy.tokens import Doc

from quotegraph import __version__
from quotegraph.batch.pool import analyze_all
from quotegraph.graph.events import extract_events
from quotegraph.graph.relations import extract_relations
from quotegraph.graph.render import render_sentences
from quotegraph.ingest.html import article_from_html, looks_like_html
from quotegraph.ingest.text import find_residue, text_to_parse
from quotegraph.nlp.model import DEFAULT_MODEL, doc_text, forget_text, load_model, model_label, parse_in_pieces
from quotegraph.people.coref import resolve_people
from quotegraph.quotes.extract import extract_quotes
from quotegraph.quotes.marks import find_quotes
from quotegraph.types import Analysis, Article, Entity, Failure, Mention, Quote, Relation

_BATCH = 8  # docs per nlp.pipe batch: 32 long web pages peaked at 1,055 MiB with md, 8 at 664 MiB, same speed
LONG_CHARS = 50_000  # longer texts are parsed alone, PIECE_CHARS at a time, the budget checked between
PIECE_CHARS = 10_000  # about 0.4 s of parsing with the small model on an idle core (benchmarks/scale.py)


class Pipeline:
    """Loads the model once; analyses articles one at a time or as a stream."""

    def __init__(
        self, model: str = DEFAULT_MODEL, *, nlp: Language | None = None, time_budget: float | None = 60.0
    ) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.model = model_label(self.nlp)
        self._model_name = model if nlp is None else None  # what a worker process loads; None: not loadable
        self.time_budget = time_budget

    def analyze(self, text_or_article: str | Article, *, url: str | None = None) -> Analysis:
        """Analyse one article. A string is the article's text (id ``text``), or, when it is an
        HTML page, the page: trafilatura extracts its text, title and date, as ``extract`` does
        for ``.html`` files. ``url`` is recorded with the article. :class:`ValueError` if the
        page holds no article text or the analysis fails."""
        if isinstance(text_or_article, Article):
            article = text_or_article
        elif looks_like_html(text_or_article):
            page = article_from_html(text_or_article, url or "<html>", article_id=url or "html", url=url)
            if isinstance(page, Failure):
                raise ValueError(page.message())
            article = page
        else:
            article = Article("text", text_or_article, url=url)
        result = next(self.pipe([article]))
        if isinstance(result, Failure):
            raise ValueError(result.message())
        return result

    def pipe(
        self, items: Iterable[Article | Failure], batch_size: int = _BATCH, n_process: int = 1
    ) -> Iterator[Analysis | Failure]:
        """Analyses (or failures, passed through) in input order. Texts up to :data:`LONG_CHARS`
        are parsed in batches; a longer one alone, in pieces, within its time budget.

        With ``n_process`` > 1 the articles are analysed in that many spawned worker processes
        (``quotegraph extract --workers``'s pool), each loading this pipeline's model by name,
        with the same time budget and batch size; results still come in input order, and the
        articles a worker held when it died become ``worker-died`` failures. :class:`ValueError`
        if ``n_process`` < 1, or if this pipeline was built from your own ``nlp`` object, which
        a worker cannot load."""
        if n_process < 1:
            raise ValueError(f"n_process must be 1 or more, not {n_process}")
        if n_process == 1:
            return self._pipe_here(items, batch_size)
        if self._model_name is None:
            raise ValueError(
                f"Pipeline.pipe(n_process={n_process}) needs a model each worker process can load by name, "
                "but this Pipeline was built from a user-supplied nlp object, which cannot be re-loaded "
                "in a worker; build it as Pipeline(model=...) or use n_process=1"
            )
        return analyze_all(items, self._model_name, n_process, self.time_budget, batch_size)

    def _pipe_here(self, items: Iterable[Article | Failure], batch_size: int) -> Iterator[Analysis | Failure]:
        prepared = (_prepare(item, self.nlp.max_length) for item in items)
        left, right = tee(prepared)
        texts = (masked for _, masked in left if masked is not None and len(masked) <= LONG_CHARS)
        docs = self.nlp.pipe(texts, batch_size=batch_size)
        for item, masked in right:
            if isinstance(item, Failure):
                yield item
                continue
            if masked is None:
                continue
            budget = Deadline(self.time_budget)
            if len(masked) <= LONG_CHARS:
                yield self._finish(item, next(docs), budget)
                continue
            doc, parsed, total = parse_in_pieces(self.nlp, masked, PIECE_CHARS, budget.expired)
            if doc is None:
                detail = f"parsing took longer than {budget}; stopped after {parsed} of {total} pieces"
                yield Failure(item.source or item.id, "timeout", detail)
                continue
            yield self._finish(item, doc, budget)

    def _finish(self, article: Article, doc: Doc, budget: Deadline) -> Analysis | Failure:
        where = article.source or article.id
        try:
            return analyze_doc(article, doc, version=__version__, model=self.model, deadline=budget)
        except ArticleTimeout as exc:
            return Failure(where, "timeout", f"analysis took longer than {budget}; stopped {exc}")
        except Exception as exc:  # the per-article isolation boundary: one bad article never stops a batch
            return Failure(where, "internal", f"analysis failed: {type(exc).__name__}: {exc}")


class ArticleTimeout(Exception):
    """An article exceeded its time budget."""


class Deadline:
    """An article's time budget, checked cooperatively: between the pieces of a long text's parse
    and between the stages of its analysis, in any thread.

    A SIGALRM timer (what this replaced) works only in the main thread, so the API, which
    analyses on a worker thread, had no budget; and an exception raised at an arbitrary point
    inside spaCy could leave a batch half-consumed. Checking at boundaries instead means the work
    stops at a clean point and the model stays usable; the price is an overshoot of at most one
    step: one piece's parse (:data:`PIECE_CHARS`), one analysis stage, or the parse of a text up
    to :data:`LONG_CHARS` in a batch (those are parsed before their clock starts).
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() > self.at

    def check(self, stage: str) -> None:
        """Raise :class:`ArticleTimeout` (naming the stage reached) if the budget is spent."""
        if self.expired():
            raise ArticleTimeout(f"before {stage}")

    def __str__(self) -> str:
        return f"{self.seconds:g}s" if self.seconds is not None else "no limit"


def _prepare(item: Article | Failure, max_length: int) -> tuple[Article | Failure, str | None]:
    if isinstance(item, Failure):
        return item, None
    if len(item.text) > max_length:  # spaCy would raise inside the batch and lose it
        detail = f"text has {len(item.text):,} characters, more than the model accepts ({max_length:,})"
        return Failure(item.source or item.id, "too-large", detail), None
    try:  # a lone surrogate (built in Python, or a JSON \ud800) makes spaCy's tokenizer raise mid-batch
        item.text.encode("utf-8")
    except UnicodeEncodeError as exc:
        detail = f"text holds an invalid character (lone surrogate at {exc.start})"
        return Failure(item.source or item.id, "encoding", detail), None
    residue = find_residue(item.text)
    article = replace(item, residue=residue)
    return article, text_to_parse(item.text, residue)


_WORK_RELATIONS = {"starred in", "produced", "directed", "wrote", "created", "hosted"}


def _titled_works(relations: list[Relation], entities: tuple[Entity, ...], text: str) -> tuple[Entity, ...]:
    """Works the tagger missed but a relation names (``That ‘70s Show``), with every mention."""
    known = {e.name for e in entities}
    titles = [r.tail for r in relations if r.relation in _WORK_RELATIONS]
    titles += [r.detail for r in relations if r.relation == "co-star" and r.detail]
    found = []
    for title in dict.fromkeys(titles):
        if title in known:
            continue
        mentions, pos = [], text.find(title)
        while pos >= 0:
            mentions.append(Mention(pos, pos + len(title), title))
            pos = text.find(title, pos + len(title))
        if mentions:
            found.append(Entity(title, "WORK", tuple(mentions)))
    return tuple(found)


def _with_about(quote: Quote, entities: tuple[Entity, ...]) -> Quote:
    """People the quote talks about: persons mentioned inside it, other than its speakers."""
    about = tuple(
        e.name
        for e in entities
        if e.label == "PERSON"
        and e.name not in quote.speakers
        and any(quote.start <= m.start and m.end <= quote.end for m in e.mentions)
    )
    return replace(quote, about=about) if about else quote


def analyze_doc(
    article: Article, doc: Doc, *, version: str = __version__, model: str = "", deadline: Deadline | None = None
) -> Analysis:
    """Quotes and entities of an article from its parsed (residue-masked) text; with a
    ``deadline``, :class:`ArticleTimeout` between stages once it has passed."""
    check = deadline.check if deadline is not None else lambda stage: None
    check("quote marks")
    marks = find_quotes(doc_text(doc))
    check("people")
    people = resolve_people(doc, [(m.start, m.end) for m in marks])
    check("quotes")
    quotes = extract_quotes(doc, article.text, marks, people)
    entities = people.entities(article.text)
    check("sentences")
    sentences = list(render_sentences(doc, people))
    check("relations")
    relations = extract_relations(sentences, article.text)
    entities += _titled_works(relations, entities, article.text)
    check("events")
    events = extract_events(sentences, quotes, article.text, article.published, {e.name for e in entities})
    forget_text(doc)
    return Analysis(
        article=article,
        quotes=tuple(_with_about(q, entities) for q in quotes),
        entities=entities,
        relations=tuple(relations),
        events=tuple(events),
        version=version,
        model=model,
    )
