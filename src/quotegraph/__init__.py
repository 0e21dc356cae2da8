"""quotegraph: who said what, about whom, in the news.

The public API is exactly ``__all__`` (a test keeps it so)::

    import quotegraph
    analysis = quotegraph.analyze(text_or_html)     # quotes, entities, relations, events
    pipeline = quotegraph.Pipeline("md")            # .analyze(text), .pipe(articles)
    store = quotegraph.open("quotegraph.db")        # .quotes(q=..., speaker=...), .person(name)

Nothing happens at import: the model loads on first use, once per process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotegraph.types import Analysis, Article, Entity, Event, Failure, Mention, Quote, Relation, Span

__version__ = "0.6.0"

if TYPE_CHECKING:
    from quotegraph.pipeline import Pipeline
    from quotegraph.store import Store

__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "Event",
    "Failure",
    "Mention",
    "Pipeline",
    "Quote",
    "Relation",
    "Span",
    "Store",
    "__version__",
    "analyze",
    "open",
]

_PIPELINES: dict[str, Pipeline] = {}


def analyze(text_or_html: str, *, url: str | None = None, model: str | None = None) -> Analysis:
    """Quotes, entities, relations and events of one article's text (model loaded once).

    An HTML page is read as ``quotegraph extract`` reads an ``.html`` file: trafilatura extracts
    the article text (which the offsets index into), title and date. ``url`` is recorded with
    the article.

    ``model`` defaults to ``md``; when only the package is installed (md comes from its own
    pip command), it falls back to ``sm`` with a warning that names the command for md.
    """
    key = model or "default"
    if key not in _PIPELINES:
        from quotegraph.pipeline import Pipeline

        _PIPELINES[key] = Pipeline(model) if model else _default_pipeline()
    return _PIPELINES[key].analyze(text_or_html, url=url)


def _default_pipeline() -> Pipeline:
    import warnings

    from quotegraph.errors import ModelNotInstalled
    from quotegraph.pipeline import Pipeline

    try:
        return Pipeline("md")
    except ModelNotInstalled as exc:
        warnings.warn(f"{exc.message}; using the smaller 'sm' model meanwhile", UserWarning, stacklevel=3)
        return Pipeline("sm")


def open(db_url: str = "quotegraph.db") -> Store:
    """The quote database at ``db_url`` (a SQLite path or a ``postgresql://`` URL)."""
    from quotegraph.store import Store

    return Store(db_url)


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from quotegraph.pipeline import Pipeline

        return Pipeline
    if name == "Store":
        from quotegraph.store import Store

        return Store
    raise AttributeError(f"module 'quotegraph' has no attribute {name!r}")
