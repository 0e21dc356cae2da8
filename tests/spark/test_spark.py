"""``quotegraph spark`` in local mode gives the records ``extract`` gives; ``load`` stores what ``ingest`` stores.

Slow: starts a JVM and two Python workers with the small model (about a minute in all).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quotegraph.batch.spark import COLUMNS, FAILURES, to_record
from quotegraph.cli import main
from quotegraph.store import Store

from .conftest import REPO_ROOT, write_warc

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("spark_ready")]


def parquet_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a Parquet directory, part files in order (pyarrow skips _ and . names, as Spark does)."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for file in sorted(ds.dataset(str(path), format="parquet").files):
        rows += pq.read_table(file).to_pylist()
    return rows


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=REPO_ROOT, capture_output=True, text=True, timeout=240, env={**os.environ, **env}, check=False
    )


def test_spark_matches_extract_and_load_matches_ingest(
    small_inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.parquet"
    options = ["--output", str(out), "--model", "sm", "--master", "local[2]"]
    job = run([sys.executable, "-m", "quotegraph.cli", "spark", *small_inputs, *options])
    assert job.returncode == 1, job.stderr  # the bad JSONL line, as extract
    assert "Traceback" not in job.stderr
    assert "wire.jsonl:2: not valid JSON" in job.stderr

    assert main(["extract", "--model", "sm", *small_inputs]) == 1
    extracted = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rows = parquet_rows(out)
    assert list(rows[0]) == list(COLUMNS)
    records = [to_record(row) for row in rows]
    assert [r["id"] for r in records] == [r["id"] for r in extracted]
    assert [r["text"] for r in records] == [r["text"] for r in extracted]
    assert [r["quotes"] for r in records] == [r["quotes"] for r in extracted]
    assert records == extracted  # every field, entities and events included
    assert sum(len(r["quotes"]) for r in records) >= 8
    failures = parquet_rows(out / FAILURES)
    assert [(Path(f["source"]).name, f["code"]) for f in failures] == [("wire.jsonl:2", "bad-json")]

    loaded_db, ingested_db = tmp_path / "loaded.db", tmp_path / "ingested.db"
    assert main(["load", str(out), "--db", str(loaded_db)]) == 1
    loaded = capsys.readouterr().err.splitlines()[-1]
    assert main(["ingest", *small_inputs, "--db", str(ingested_db), "--model", "sm", "--workers", "1"]) == 1
    ingested = capsys.readouterr().err.splitlines()[-1]
    assert loaded.split(";")[:2] == ingested.split(";")[:2]  # new / existing / skipped / failed; quotes
    with Store(str(loaded_db)) as a, Store(str(ingested_db)) as b:
        assert a.counts() == b.counts()
        assert a.counts()["quotes"] > 0
        speakers = {name for name, _ in a.people(100)}
        assert {"Marta Okonkwo", "Helen Baptiste"} <= speakers

    assert main(["load", str(out), "--db", str(loaded_db)]) == 1  # again: nothing new, nothing doubled
    assert f"0 new articles, {len(records)} already stored" in capsys.readouterr().err
    with Store(str(loaded_db)) as a, Store(str(ingested_db)) as b:
        assert a.counts() == b.counts()


def test_spark_submit_runs_the_module(tmp_path: Path) -> None:
    """The documented ``spark-submit .../quotegraph/batch/spark.py`` form."""
    import quotegraph.batch.spark as job

    warc = write_warc(tmp_path / "pages.warc.gz")
    out = tmp_path / "submitted.parquet"
    submit = Path(sys.executable).parent / "spark-submit"
    if not submit.is_file():
        pytest.skip(f"{submit} not found (pyspark installs it next to the venv's python)")
    local = ["--master", "local[1]", "--conf", "spark.driver.host=127.0.0.1"]
    local += ["--conf", "spark.driver.bindAddress=127.0.0.1"]
    done = run(
        [str(submit), *local, str(job.__file__), str(warc), "--output", str(out), "--model", "sm"],
        PYSPARK_PYTHON=sys.executable,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        SPARK_LOCAL_IP="127.0.0.1",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = parquet_rows(out)
    assert sorted(r["id"] for r in rows) == sorted(
        ["https://news.example.org/2024/harbour-ferry", "https://news.example.org/2024/library-hours",
         "https://news.example.org/2024/orchard-frost"]
    )  # fmt: skip
    assert all(json.loads(r["quotes"]) for r in rows)


def test_spark_on_the_aeb_archive_in_byte_ranges_gives_extracts_quotes(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 7's must-show: the 181-page WARC, here cut into 1 MB byte ranges (7 tasks) as a big
    archive would be, gives the records ``extract`` gives on the whole file."""
    warc = str(shared_dir / "data" / "warc" / "aeb-news.warc.gz")
    out = tmp_path / "aeb.parquet"
    options = ["--output", str(out), "--model", "sm", "--master", "local[2]", "--shard-mb", "1"]
    job = run([sys.executable, "-m", "quotegraph.cli", "spark", warc, *options])
    assert job.returncode in (0, 1), job.stderr[-3000:]
    assert "Traceback" not in job.stderr
    main(["extract", "--model", "sm", warc])
    extracted = {r["id"]: r for r in (json.loads(line) for line in capsys.readouterr().out.splitlines())}
    records = {r["id"]: r for r in (to_record(row) for row in parquet_rows(out))}
    assert len(records) >= 170
    assert records.keys() == extracted.keys()
    assert all(records[k]["quotes"] == extracted[k]["quotes"] for k in records)
