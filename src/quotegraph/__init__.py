"""quotegraph: who said what, about whom, in the news.

>>> import quotegraph
>>> analysis = quotegraph.analyze("“We will win,” Jane Doe said.")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from quotegraph.analyze import Pipeline

from quotegraph.types import Analysis, Article, Entity, Failure, Mention, Quote, Span

__all__ = [
    "Analysis",
    "Article",
    "Entity",
    "Failure",
    "Mention",
    "Pipeline",
    "Quote",
    "Span",
    "__version__",
    "analyze",
]


def analyze(text: str, *, model: str = "md") -> Analysis:
    """Quotes and entities of one article's text (loads the model once per process)."""
    return _pipeline(model).analyze(text)


_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(model: str) -> Pipeline:
    from quotegraph.analyze import Pipeline

    if model not in _PIPELINES:
        _PIPELINES[model] = Pipeline(model)
    return _PIPELINES[model]


def __getattr__(name: str) -> object:
    if name == "Pipeline":
        from quotegraph.analyze import Pipeline

        return Pipeline
    raise AttributeError(name)
