"""Analyse archives on Spark with the same :class:`~quotegraph.pipeline.Pipeline`, into Parquet.

    quotegraph spark INPUT... --output OUT.parquet [--model md] [--partitions N] [--master local[2]]
    python -m quotegraph.batch.spark INPUT... --output OUT.parquet        (the same, without the CLI)
    PYSPARK_PYTHON=.venv/bin/python .venv/bin/spark-submit --master spark://HOST:7077 \\
        "$(.venv/bin/python -c 'import quotegraph.batch.spark as m; print(m.__file__)')" INPUT... --output OUT

The driver lists the input files (directories expanded as ``read_inputs`` expands them) into an
RDD of paths, one partition per file unless ``--partitions`` says otherwise (a file is the unit
of work: give at least as many shards as cores). ``mapPartitions`` runs :func:`analyze_paths` in
every Python worker: it loads ``Pipeline(model)`` once per process (a module-level cache; Spark
reuses Python workers across tasks), reads each path with ``read_inputs([path], dedupe=False)``
and yields one row per article or failure. The rows are persisted to local disk, so analysis
runs once, and written twice:

- ``OUT``: one row per analysed article, the record ``quotegraph extract`` prints. Scalar string
  columns ``id source url title published language text quotegraph_version model``; the nested
  lists ``residue quotes entities relations events`` are JSON strings (the lists of
  ``Analysis.to_dict()``), not typed nested columns: the round trip through ``to_dict`` /
  ``from_dict`` is exact and has one definition (``types.py``), where a Spark schema would be a
  second description of every dataclass, drifting the day a field is added; nested Python rows
  are also PySpark's slowest serialisation path. Query them with ``from_json`` in Spark or
  ``json_extract`` in DuckDB, or store them with ``quotegraph load``.
- ``OUT/_failures``: ``source code detail`` of every input or record that failed or was skipped
  (readers of ``OUT``, Spark and pyarrow alike, ignore ``_`` directories).

Nothing is de-duplicated across files (a worker sees only its own files); the store consolidates
repeats by content when loading. Paths are made absolute on the driver (``source`` holds them)
and must be readable by every worker: local disk in local mode, a shared filesystem on a cluster,
where each executor also needs quotegraph and the model installed in its Python. Locally (the
default, ``local[*]``) the driver binds to 127.0.0.1, workers run this Python (PYSPARK_PYTHON),
the UI is off and Spark's logs are silenced; under ``spark-submit`` its own settings stand.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotegraph.errors import InputError, QuotegraphError

# _KNOWN and _suffix: the one definition of which files read_inputs reads in a directory
from quotegraph.ingest.sources import _KNOWN, MAX_TEXT_CHARS, SKIP_CODES, _suffix, read_inputs, read_warc_shard
from quotegraph.ingest.warc import warc_shards
from quotegraph.types import Analysis, Article, Failure

SHARD_BYTES = 256 * 2**20  # a WARC archive larger than this is analysed in byte ranges of this size

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from quotegraph.pipeline import Pipeline

SCALAR_COLUMNS = ("id", "source", "url", "title", "published", "language", "text", "quotegraph_version", "model")
JSON_COLUMNS = ("residue", "quotes", "entities", "relations", "events")
COLUMNS = SCALAR_COLUMNS + JSON_COLUMNS
FAILURES = "_failures"
INSTALL = 'pip install "pyspark>=4,<5"   (or: pip install "quotegraph[spark]")'
_RECORD_ORDER = ("id", "text", "source", "url", "title", "published", "language", *JSON_COLUMNS, *SCALAR_COLUMNS[-2:])
_INTERNAL = ("failure_code", "failure_detail", "n_quotes")  # dropped before writing
_LOG4J = """rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.native.name = org.apache.hadoop.util.NativeCodeLoader
logger.native.level = error
"""  # WARN while starting (the level the Python shell sets, so no "Setting default log level" banner), then
# FATAL: a failed task is reported once, in one line, by run_spark, not as JVM stack traces

Row = tuple[str | int | None, ...]


class SparkUnavailable(QuotegraphError):
    """pyspark or Java is not installed, or Spark could not start."""

    code = "spark-missing"


class SparkJobFailed(QuotegraphError):
    """A task failed for good (a missing model, a worker out of memory): the job stopped."""

    code = "spark-job"


def job_error(exc: BaseException) -> SparkJobFailed:
    """The error a worker raised, in one line, from Spark's wrapped exception and tracebacks."""
    text = str(exc)
    python = text.split(" SQLSTATE")[0] if "Traceback" in text else text
    lines = [line for line in python.splitlines() if re.match(r"[A-Za-z_][\w.]*: \S", line)]
    reason = lines[-1] if lines else (text.strip().splitlines() or [type(exc).__name__])[0]
    return SparkJobFailed(f"the Spark job failed: {reason[:300]}")


# --- the record layout ---------------------------------------------------------------------------


def to_row(analysis: Analysis) -> dict[str, str | None]:
    """The Parquet columns of one analysis: scalars as they are, nested lists as JSON strings."""
    record = analysis.to_dict()
    row: dict[str, str | None] = {name: record[name] for name in SCALAR_COLUMNS}
    for name in JSON_COLUMNS:
        row[name] = json.dumps(record[name], ensure_ascii=False, separators=(",", ":"))
    return row


def to_record(row: dict[str, Any]) -> dict[str, Any]:
    """Inverse of :func:`to_row`: the dict ``Analysis.to_dict()`` gives (``extract``'s line)."""
    record = {name: row.get(name) for name in _RECORD_ORDER}
    for name in JSON_COLUMNS:
        record[name] = json.loads(row[name]) if row.get(name) else []
    return record


# --- what runs in every Python worker ------------------------------------------------------------

_PIPELINES: dict[tuple[str, float | None], Pipeline] = {}


def worker_pipeline(model: str, time_budget: float | None) -> Pipeline:
    """The pipeline of this process, loaded on first use and kept for the next tasks."""
    key = (model, time_budget)
    if key not in _PIPELINES:
        from quotegraph.pipeline import Pipeline

        _PIPELINES[key] = Pipeline(model, time_budget=time_budget)
    return _PIPELINES[key]


Unit = str | tuple[str, int, int | None]  # a file, or a byte range of a WARC archive


def _read_unit(unit: Unit, max_chars: int) -> Iterator[Article | Failure]:
    if isinstance(unit, str):
        return read_inputs([unit], dedupe=False, max_chars=max_chars)
    path, start, end = unit
    return read_warc_shard(path, start, end, max_chars=max_chars)


def work_units(path: str, shard_bytes: int) -> list[Unit]:
    """A WARC archive larger than ``shard_bytes`` as byte ranges cut between records (one task
    each, so one big archive keeps every core busy); any other file whole."""
    if shard_bytes <= 0 or _suffix(Path(path)) not in (".warc", ".warc.gz"):
        return [path]
    try:
        if os.path.getsize(path) <= shard_bytes:
            return [path]
        shards = warc_shards(path, shard_bytes)
    except Exception:  # unreadable or damaged: read it whole, where the failure is reported
        return [path]
    return [(path, start, end) for start, end in shards] if len(shards) > 1 else [path]


def analyze_paths(
    paths: Iterable[Unit], model: str = "md", time_budget: float | None = 60.0, max_chars: int = MAX_TEXT_CHARS
) -> Iterator[Row]:
    """One partition: every article of every path, analysed, as a row (``COLUMNS`` + internal)."""
    paths = iter(paths)
    first = next(paths, None)
    if first is None:  # an empty partition (more partitions than files) loads no model
        return
    pipeline = worker_pipeline(model, time_budget)
    items = (item for unit in chain([first], paths) for item in _read_unit(unit, max_chars))
    for result in pipeline.pipe(items):
        if isinstance(result, Failure):
            yield (*(result.source if name == "source" else None for name in COLUMNS), result.code, result.detail, 0)
        else:
            row = to_row(result)
            yield (*(row[name] for name in COLUMNS), None, None, len(result.quotes))


# --- the driver ----------------------------------------------------------------------------------


def input_files(inputs: Sequence[str]) -> list[str]:
    """Absolute paths of the files to read, directories expanded in ``read_inputs``' order."""
    files: list[str] = []
    for given in inputs:
        if given == "-":
            raise InputError("spark reads files, not stdin (-)")
        path = Path(os.path.abspath(given))
        if path.is_dir():
            files += [str(p) for p in sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in _KNOWN)]
        else:
            files.append(str(path))  # a missing file becomes an 'unreadable' failure, as in extract
    return files


@dataclass(slots=True)
class JobReport:
    """What one Spark run produced."""

    articles: int = 0
    quotes: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    examples: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(n for code, n in self.codes.items() if code not in SKIP_CODES)

    @property
    def skipped(self) -> int:
        return sum(n for code, n in self.codes.items() if code in SKIP_CODES)

    def summary(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"{self.articles} articles, {self.skipped} skipped, {self.failed} failed; {self.quotes} quotes;"
            f" {self.seconds:.1f}s ({rate:.1f} articles/s)"
        )


def spark_session(master: str | None = None, app: str = "quotegraph") -> SparkSession:
    """A Spark session: local on 127.0.0.1 with quiet logs, or the one ``spark-submit`` set up."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkUnavailable(f"the spark command needs pyspark; install it with: {INSTALL}") from exc
    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started the JVM with its own settings
    log4j: str | None = None
    if master or not submitted:
        builder = builder.master(master or "local[*]")
    if not submitted:
        if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
            raise SparkUnavailable("Spark needs Java 17 or later: install a JDK and put java on PATH or set JAVA_HOME")
        if (master or "local").startswith("local"):
            os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run this Python, where quotegraph is
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        handle, log4j = tempfile.mkstemp(prefix="quotegraph-log4j2-", suffix=".properties")
        with os.fdopen(handle, "w", encoding="utf-8") as config:
            config.write(_LOG4J)
        builder = builder.config("spark.ui.enabled", "false").config(
            "spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={Path(log4j).as_uri()}"
        )
    try:
        spark = builder.getOrCreate()
    except Exception as exc:  # PySparkRuntimeError / Py4JError: the JVM did not come up
        raise SparkUnavailable(f"Spark could not start ({type(exc).__name__}: {str(exc).strip()[:200]})") from exc
    finally:
        if log4j is not None:
            os.unlink(log4j)  # read once, when the JVM started
    if not submitted:  # under spark-submit, its log settings stand
        spark.sparkContext.setLogLevel("FATAL")
    return spark


def run_job(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    model: str = "md",
    partitions: int = 0,
    time_budget: float | None = 60.0,
    max_chars: int = MAX_TEXT_CHARS,
    overwrite: bool = False,
    shard_bytes: int = SHARD_BYTES,
) -> JobReport:
    """Analyse every article of ``inputs`` on ``spark``; write ``output`` and ``output/_failures``."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    started = time.monotonic()
    files = input_files(inputs)
    if not files:
        raise InputError("no input files (directories hold no .txt, .jsonl, .html or .warc files)")
    schema = StructType(
        [StructField(name, StringType()) for name in COLUMNS + _INTERNAL[:2]]
        + [StructField(_INTERNAL[2], IntegerType())]
    )
    work = partial(analyze_paths, model=model, time_budget=time_budget, max_chars=max_chars)
    units: list[Unit] = list(files)
    if shard_bytes > 0 and any(_suffix(Path(f)) in (".warc", ".warc.gz") for f in files):
        index = partial(work_units, shard_bytes=shard_bytes)  # archives indexed on the executors
        units = spark.sparkContext.parallelize(files, len(files)).flatMap(index).collect()
    rdd = spark.sparkContext.parallelize(units, max(1, partitions or len(units))).mapPartitions(work)
    rows = spark.createDataFrame(rdd, schema, verifySchema=False).persist(StorageLevel.DISK_ONLY)
    try:
        failed = F.col("failure_code").isNotNull()
        rows.where(~failed).select(*COLUMNS).write.mode("overwrite" if overwrite else "errorifexists").option(
            "compression", "zstd"
        ).option("parquet.block.size", 32 * 1024 * 1024).parquet(output)  # 32 MiB row groups: load reads one at a time
        rows.where(failed).select(
            "source", F.col("failure_code").alias("code"), F.col("failure_detail").alias("detail")
        ).coalesce(1).write.mode("overwrite").parquet(f"{output.rstrip('/')}/{FAILURES}")
        report = JobReport()
        for code, count, quotes in rows.groupBy("failure_code").agg(F.count(F.lit(1)), F.sum("n_quotes")).collect():
            if code is None:
                report.articles, report.quotes = int(count), int(quotes or 0)
            else:
                report.codes[str(code)] = int(count)
        report.examples = [
            Failure(r[0], r[1], r[2])
            for r in rows.where(failed & ~F.col("failure_code").isin(*SKIP_CODES))
            .select("source", "failure_code", "failure_detail")
            .limit(20)
            .collect()
        ]
    finally:
        rows.unpersist()
    report.seconds = time.monotonic() - started
    return report


# --- the command line ----------------------------------------------------------------------------


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="WARC, JSONL, HTML or text files (optionally .gz), or directories"
    )
    parser.add_argument("--output", "-o", required=True, metavar="OUT.parquet", help="Parquet directory to write")
    parser.add_argument("--model", default="md", help="spaCy model: md (default), sm, or a package name/path")
    parser.add_argument("--partitions", type=int, default=0, help="Spark partitions (default: one per input file)")
    parser.add_argument(
        "--master", help="Spark master URL (default local[*], all cores here; under spark-submit, its own --master)"
    )
    parser.add_argument(
        "--time-budget", type=float, default=60.0, metavar="SECONDS", help="per-article time limit (default 60)"
    )
    parser.add_argument(
        "--max-chars", type=int, default=MAX_TEXT_CHARS, help="longer articles are reported and skipped"
    )
    parser.add_argument("--overwrite", action="store_true", help="replace OUT if it exists")
    parser.add_argument(
        "--shard-mb",
        type=int,
        default=SHARD_BYTES // 2**20,
        metavar="MB",
        help="analyse a WARC archive larger than this in byte ranges of this size, one task each (default 256;"
        " 0 reads every file whole)",
    )


def add_spark_command(sub: Any) -> None:
    """Register ``spark`` on the CLI's subparsers."""
    parser = sub.add_parser(
        "spark",
        help="analyse files on Spark (local by default) into Parquet; store it with `quotegraph load`",
        description="Run the extract pipeline on Spark: one row per article in OUT, failures in OUT/_failures.",
        epilog="On a cluster (every executor with quotegraph and the model in its Python, inputs on a shared"
        " filesystem):\n  PYSPARK_PYTHON=.venv/bin/python .venv/bin/spark-submit --master spark://HOST:7077 \\\n"
        "    \"$(.venv/bin/python -c 'import quotegraph.batch.spark as m; print(m.__file__)')\" INPUT... -o OUT",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _options(parser)


def run_spark(args: argparse.Namespace) -> int:
    """Run the job; exit status 1 if some inputs failed, as ``extract``."""
    output = args.output
    if "://" not in output and Path(output).exists() and not args.overwrite:
        raise InputError(f"{output} exists; pass --overwrite to replace it")
    started = time.monotonic()
    files = input_files(args.inputs)
    spark = spark_session(args.master)
    try:
        report = run_job(
            spark,
            files,
            output,
            model=args.model,
            partitions=args.partitions,
            time_budget=args.time_budget,
            max_chars=args.max_chars,
            overwrite=args.overwrite,
            shard_bytes=args.shard_mb * 2**20,
        )
    except (QuotegraphError, KeyboardInterrupt):
        raise
    except Exception as exc:  # Py4JJavaError and PySpark's captured exceptions
        if "://" not in output:
            shutil.rmtree(output, ignore_errors=True)  # a partial output would only block the next run
        raise job_error(exc) from exc
    finally:
        spark.stop()
    report.seconds = time.monotonic() - started  # Spark's start-up included
    for failure in report.examples:
        print(f"quotegraph: {failure.message()}", file=sys.stderr)
    if report.failed > len(report.examples):
        print(f"quotegraph: ... {report.failed - len(report.examples)} more failures", file=sys.stderr)
    by_code = ", ".join(f"{code} {n}" for code, n in sorted(report.codes.items()))
    print(f"quotegraph: {report.summary()}", file=sys.stderr)
    print(f"quotegraph: wrote {output}; failures ({by_code or 'none'}) in {output}/{FAILURES}", file=sys.stderr)
    return 1 if report.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m quotegraph.batch.spark`` and ``spark-submit .../spark.py``: the spark command alone."""
    parser = argparse.ArgumentParser(prog="quotegraph.batch.spark", description=__doc__.splitlines()[0])
    _options(parser)
    args = parser.parse_args(argv)
    try:
        return run_spark(args)
    except QuotegraphError as exc:
        print(f"quotegraph: error: {exc.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    from quotegraph.batch.spark import main as _main  # the importable module, so workers share its cache

    sys.exit(_main())
