"""Golden tests on our own short sample articles (``articles/*.txt``, fictional people).

``expected/<name>.json`` lists every quote the article holds (``start``, ``end``, ``kind``,
``speakers``; ``text`` for the reader) as a careful reader attributes it. The files were made
from the md pipeline's output and then checked by hand; where the pipeline is wrong the entry
holds the correct expectation plus an ``xfail`` note saying what the pipeline does instead, and
its test is a strict xfail, so it flips to a failure (remove the note) once the pipeline is fixed.

Between them the articles hold curly and straight quotes, a quote split around ``Lee said``, a
multi-paragraph quote, mixed and indirect quotes (``said that``, ``according to``), a joint
speaker, surname, pronoun and description speakers, floating quotes and residue lines.

``pytest -m slow tests/golden --update-golden`` rewrites the expected files from the current
pipeline, keeping every entry that carries an ``xfail`` note; review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotegraph.pipeline import Pipeline
from quotegraph.types import Analysis, Article, Quote

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
EXPECTED = HERE / "expected"
NAMES = sorted(p.stem for p in ARTICLES.glob("*.txt"))

pytestmark = pytest.mark.slow


def load_expected(name: str) -> dict[str, Any]:
    path = EXPECTED / f"{name}.json"
    if not path.exists():
        return {"article": f"{name}.txt", "model": "md", "quotes": []}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def article_text(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def quote_params() -> list[Any]:
    params = []
    for name in NAMES:
        for index, q in enumerate(load_expected(name)["quotes"]):
            marks = [pytest.mark.xfail(strict=True, reason=q["xfail"])] if q.get("xfail") else []
            params.append(pytest.param(name, index, marks=marks, id=f"{name}:{index}"))
    return params


def extra_params() -> list[Any]:
    params = []
    for name in NAMES:
        reason = load_expected(name).get("extra_xfail")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


_CACHE: dict[str, Analysis] = {}


@pytest.fixture
def analysed(pipeline_md: Pipeline, update_golden: bool) -> Any:
    if update_golden:
        pytest.skip("--update-golden: expected files are being rewritten")

    def run(name: str) -> Analysis:
        if name not in _CACHE:
            _CACHE[name] = pipeline_md.analyze(Article(name, article_text(name)))
        return _CACHE[name]

    return run


def entry(text: str, q: Quote) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "speakers": list(q.speakers),
        "text": text[q.start : q.end],
    }


def dump(data: dict[str, Any]) -> str:
    """The expected file: one quote per line, so a diff shows which quote changed."""
    lines = ["{"]
    for key, value in data.items():
        if key != "quotes":
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    quotes = [f"  {json.dumps(q, ensure_ascii=False)}" for q in data["quotes"]]
    lines.append(' "quotes": [\n' + ",\n".join(quotes) + "\n ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def test_update_golden(request: pytest.FixtureRequest, update_golden: bool) -> None:
    if not update_golden:
        pytest.skip("only with --update-golden")
    pipeline_md: Pipeline = request.getfixturevalue("pipeline_md")
    EXPECTED.mkdir(exist_ok=True)
    for name in NAMES:
        text = article_text(name)
        old = load_expected(name)
        kept = [q for q in old["quotes"] if q.get("xfail")]
        analysis = pipeline_md.analyze(Article(name, text))
        fresh = [
            entry(text, q) for q in analysis.quotes if not any(q.start < k["end"] and k["start"] < q.end for k in kept)
        ]
        data = {**old, "article": f"{name}.txt", "model": analysis.model, "quotes": []}
        data["quotes"] = sorted(kept + fresh, key=lambda q: (q["start"], q["end"]))
        (EXPECTED / f"{name}.json").write_text(dump(data), encoding="utf-8")


def test_articles_are_our_own_short_samples() -> None:
    assert len(NAMES) >= 3
    for name in NAMES:
        words = len(article_text(name).split())
        assert 150 <= words <= 300, (name, words)
        assert (EXPECTED / f"{name}.json").exists(), f"no expected file for {name}; run with --update-golden"


@pytest.mark.parametrize("name", NAMES)
def test_expected_files_index_into_their_article(name: str) -> None:
    text = article_text(name)
    quotes = load_expected(name)["quotes"]
    assert quotes
    for q in quotes:
        assert text[q["start"] : q["end"]] == q["text"], q
        assert q["kind"] in ("direct", "indirect", "mixed")
    starts = [q["start"] for q in quotes]
    assert starts == sorted(starts)


@pytest.mark.parametrize(("name", "index"), quote_params())
def test_expected_quote(analysed: Any, name: str, index: int) -> None:
    want = load_expected(name)["quotes"][index]
    analysis = analysed(name)
    found = [q for q in analysis.quotes if (q.start, q.end) == (want["start"], want["end"])]
    assert found, f"no quote at {want['start']}-{want['end']}: {want['text'][:60]!r}"
    got = found[0]
    assert got.kind == want["kind"]
    assert set(got.speakers) == set(want["speakers"])


@pytest.mark.parametrize("name", extra_params())
def test_no_unexpected_quotes(analysed: Any, name: str) -> None:
    expected = {(q["start"], q["end"]) for q in load_expected(name)["quotes"]}
    analysis = analysed(name)
    extra = [q.text for q in analysis.quotes if (q.start, q.end) not in expected]
    assert not extra


@pytest.mark.parametrize("name", NAMES)
def test_residue_lines_are_not_quoted(analysed: Any, name: str) -> None:
    analysis = analysed(name)
    for span in analysis.article.residue:
        assert not any(q.start < span.end and span.start < q.end for q in analysis.quotes)
