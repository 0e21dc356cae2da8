"""The Spark job's parts without Spark: the per-partition function, the record layout, ``load``.

Fast: the small model only, no JVM; Parquet is written here with pyarrow as Spark would write it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from quotegraph.batch import spark
from quotegraph.batch.load import load, read_analyses
from quotegraph.batch.spark import COLUMNS, FAILURES, analyze_paths, job_error, to_record, to_row, worker_pipeline
from quotegraph.cli import main
from quotegraph.ingest.sources import read_inputs
from quotegraph.pipeline import Pipeline
from quotegraph.store import Store
from quotegraph.types import Analysis, Article, Failure

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

TEXTS = [
    "“The bridge opens on Friday,” Mayor Dana Whitfield said at the town hall.",
    "“We will not raise fares this year,” said transit chief Omar Castillo. Castillo said buses were full.",
    "“Rain is coming,” forecaster Lena Moss warned on Sunday.",
]


def inputs(tmp_path: Path) -> list[str]:
    text = tmp_path / "mayor.txt"
    text.write_text(TEXTS[0], encoding="utf-8")
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text('{"id": "w1", "text": "' + TEXTS[1].replace('"', '\\"') + '"}\n{broken\n', encoding="utf-8")
    return [str(text), str(jsonl)]


def test_partition_rows_are_the_pipeline_records(tmp_path: Path, pipeline_sm: Pipeline) -> None:
    paths = inputs(tmp_path)
    rows = list(analyze_paths(iter(paths), model="sm", time_budget=None))
    assert [len(r) for r in rows] == [len(COLUMNS) + 3] * 3
    article_rows = [dict(zip(COLUMNS, r[: len(COLUMNS)], strict=True)) for r in rows if r[-3] is None]
    failure = next(r for r in rows if r[-3] is not None)
    assert (failure[1], failure[-3], failure[-1]) == (f"{paths[1]}:2", "bad-json", 0)

    results = pipeline_sm.pipe(a for a in _read(paths) if isinstance(a, Article))
    expected = [a.to_dict() for a in results if isinstance(a, Analysis)]
    assert [to_record(r) for r in article_rows] == expected
    assert [r[-1] for r in rows if r[-3] is None] == [len(e["quotes"]) for e in expected]
    assert expected[0]["quotes"][0]["speaker"] == "Dana Whitfield"


def test_worker_pipeline_is_loaded_once_per_process(tmp_path: Path) -> None:
    first = worker_pipeline("sm", 30.0)
    list(analyze_paths(inputs(tmp_path), model="sm", time_budget=30.0))
    assert worker_pipeline("sm", 30.0) is first
    assert list(spark._PIPELINES).count(("sm", 30.0)) == 1
    assert list(analyze_paths(iter([]), model="no-such-model")) == []  # an empty partition loads nothing


def test_row_round_trip(pipeline_sm: Pipeline) -> None:
    analysis = pipeline_sm.analyze(Article("a1", TEXTS[1], source="s", url="https://x.test/a1", title="Fares"))
    row = to_row(analysis)
    assert list(row) == list(COLUMNS)
    assert all(isinstance(row[name], str) for name in ("quotes", "entities", "residue", "relations", "events"))
    assert to_record(row) == analysis.to_dict()
    assert Analysis.from_dict(to_record(row)) == analysis


def write_job_output(folder: Path, analyses: list[Analysis]) -> Path:
    """Two part files and a _failures folder, as ``quotegraph spark`` leaves them."""
    folder.mkdir()
    for n, part in enumerate((analyses[:2], analyses[2:])):
        pq.write_table(pa.Table.from_pylist([to_row(a) for a in part]), folder / f"part-{n:05d}.parquet")
    (folder / "_SUCCESS").write_bytes(b"")
    (folder / FAILURES).mkdir()
    failures = [{"source": "x.jsonl:2", "code": "bad-json", "detail": "not valid JSON"}]
    failures += [{"source": "y.html", "code": "not-english", "detail": "article is in 'de'"}]
    pq.write_table(pa.Table.from_pylist(failures), folder / FAILURES / "part-00000.parquet")
    return folder


def test_load_streams_writes_once_and_resumes(tmp_path: Path, pipeline_sm: Pipeline) -> None:
    analyses = [pipeline_sm.analyze(Article(f"a{i}", t, source=f"s{i}")) for i, t in enumerate(TEXTS)]
    analyses.append(pipeline_sm.analyze(Article("copy", TEXTS[0], source="syndicated")))  # same text: one article
    out = write_job_output(tmp_path / "out.parquet", analyses)
    read = list(read_analyses([str(out)], batch_rows=1))
    assert [a.article.id for a in read if isinstance(a, Analysis)] == ["a0", "a1", "a2", "copy"]
    assert read == analyses

    db = str(tmp_path / "q.db")
    with Store(db) as store:  # an "interrupted" first run: only the first part file
        first = load([str(out / "part-00000.parquet")], store)
    assert (first.new, first.existing, first.failed) == (2, 0, 0)
    with Store(db) as store:
        report = load([str(out)], store, batch_rows=1)
        counts = store.counts()
    assert (report.new, report.existing, report.skipped, report.failed) == (1, 3, 1, 1)
    assert counts["articles"] == 3 and counts["article_sources"] == 4
    assert counts["quotes"] == sum(len(a.quotes) for a in analyses[:3])


def test_load_rejects_other_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "1", "text": "x"}]), other)
    assert main(["load", str(other), "--db", str(tmp_path / "q.db")]) == 2
    assert "not written by quotegraph spark" in capsys.readouterr().err
    assert main(["load", str(tmp_path / "missing"), "--db", str(tmp_path / "q.db")]) == 2
    assert not (tmp_path / "q.db").exists()


def test_spark_without_pyspark_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    code = main(["spark", *inputs(tmp_path), "--output", str(tmp_path / "out.parquet")])
    err = capsys.readouterr().err
    assert code == 2
    assert 'pip install "pyspark>=4,<5"' in err and "Traceback" not in err


def _read(paths: list[str]) -> list[Article | Failure]:
    return list(read_inputs(paths, dedupe=False))


def test_job_error_is_the_workers_exception_in_one_line() -> None:
    wrapped = (
        "An error occurred while calling o87.parquet.\n"
        "org.apache.spark.api.python.PythonException: [PYTHON_EXCEPTION] An exception was thrown from the Python"
        " worker: Traceback (most recent call last):\n"
        '  File "model.py", line 65, in load_model\n'
        "OSError: [E050] Can't find model 'nosuch'.\n\n"
        "quotegraph.errors.ModelNotInstalled: spaCy model 'nosuch' is not installed; install it with: pip install x\n"
        " SQLSTATE: 38000\n\tat org.apache.spark.api.python.BasePythonRunner.handlePythonException(X.scala:1)\n"
    )
    error = job_error(RuntimeError(wrapped))
    assert error.message == (
        "the Spark job failed: quotegraph.errors.ModelNotInstalled: spaCy model 'nosuch' is not installed;"
        " install it with: pip install x"
    )
    assert job_error(RuntimeError("")).message == "the Spark job failed: RuntimeError"
