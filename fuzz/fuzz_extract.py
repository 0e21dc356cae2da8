"""Coverage-guided fuzzing of extraction with atheris (libFuzzer for Python).

    .venv/bin/pip install atheris
    mkdir -p /tmp/qg-fuzz && .venv/bin/python fuzz/fuzz_extract.py /tmp/qg-fuzz fuzz/corpus/* -max_total_time=300

libFuzzer writes new inputs into the *first* corpus directory: give it a scratch one, as above,
so the committed seeds in ``fuzz/corpus`` stay as they are. A crash (an exception escaping, or a
result breaking :mod:`invariants`) stops the run and leaves ``crash-<sha1>`` in
``$TMPDIR/qg-fuzz-artifacts/`` (``-artifact_prefix=`` changes it); replay one with
``.venv/bin/python fuzz/fuzz_extract.py PATH/crash-<sha1>``.

The first byte of an input picks what is fuzzed, the rest is the payload:

- ``T`` text: the payload decoded as UTF-8 (bad bytes replaced) -> ``Pipeline("sm").pipe``
- ``H`` HTML: the payload as bytes -> ``article_from_html`` -> the pipeline
- ``J``/``R`` the payload as a ``.jsonl``/``.txt`` file -> ``read_inputs`` (the CLI's reader) -> the pipeline

A known bug is kept out so that the fuzzer looks for new ones (``QG_FUZZ_KNOWN=1`` lets it in;
SECURITY.md lists it): lone surrogates handed to ``Pipeline.pipe`` directly (the readers refuse
them). ``T`` mode decodes with ``errors="replace"``, or ``"surrogateescape"`` when it is let in.

Also reported as crashes: a ``Failure`` with code ``internal`` (an exception the pipeline caught)
and an input of at most ``-max_len`` bytes (8 KB) that takes longer than 10 s. The pipeline runs
without its time budget (``time_budget=None``) so that a slow input is reported by libFuzzer's
``-timeout`` (60 s here) and ``-max_total_time`` rather than skipped.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["quotegraph"]):
    from quotegraph.ingest.html import article_from_html
    from quotegraph.ingest.sources import read_inputs
    from quotegraph.pipeline import Pipeline
    from quotegraph.types import Analysis, Article, Failure

from invariants import problems, read_problems

KNOWN = os.environ.get("QG_FUZZ_KNOWN") == "1"
SLOW_SECONDS = 10.0
PIPELINE: Pipeline | None = None
SCRATCH = Path(tempfile.mkdtemp(prefix="qg-fuzz-files-"))


class InvariantBroken(AssertionError):
    """A result broke the oracle (reported to libFuzzer as a crash)."""


def _pipeline() -> Pipeline:
    global PIPELINE
    if PIPELINE is None:
        PIPELINE = Pipeline("sm", time_budget=None)
    return PIPELINE


def _admissible(item: Article | Failure) -> bool:
    if KNOWN or isinstance(item, Failure):
        return True
    return not any("\ud800" <= c <= "\udfff" for c in item.text)


def _analyse(items: list[Article | Failure], exact: bool) -> None:
    items = [i for i in items if _admissible(i)]
    started = time.monotonic()
    results = list(_pipeline().pipe(items))
    if time.monotonic() - started > SLOW_SECONDS:
        raise InvariantBroken(
            f"slow: {time.monotonic() - started:.1f}s for {sum(len(getattr(i, 'text', '')) for i in items)} characters"
        )
    if len(results) != len(items):
        raise InvariantBroken(f"{len(items)} inputs, {len(results)} results")
    for item, result in zip(items, results, strict=True):
        if isinstance(result, Failure) and result.code == "internal":
            raise InvariantBroken(f"the pipeline gave up on the article: {result.message()}")
        text = item.text if isinstance(item, Article) and exact else None
        found = problems(result, text)
        if found:
            raise InvariantBroken("; ".join(found[:5]))
        if isinstance(item, Article) and isinstance(result, Analysis) and result.article.text != item.text:
            raise InvariantBroken("the article text changed in the pipeline")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    mode, payload = chr(data[0]), data[1:]
    if mode == "T" or mode not in "HJR":
        text = payload.decode("utf-8", errors="surrogateescape" if KNOWN else "replace")
        if text.strip():
            _analyse([Article("fuzz", text)], exact=True)
        return
    if mode == "H":
        item = article_from_html(payload, "fuzz.html", article_id="fuzz")
        found = read_problems(item)
        if found:
            raise InvariantBroken("; ".join(found))
        _analyse([item], exact=True)
        return
    path = SCRATCH / ("input.jsonl" if mode == "J" else "input.txt")
    path.write_bytes(payload)
    items = list(read_inputs([str(path)], dedupe=False))
    for item in items:
        found = read_problems(item)
        if found:
            raise InvariantBroken("; ".join(found))
    _analyse(items, exact=True)


def main() -> None:
    argv = list(sys.argv)
    if not any(a.startswith("-max_len=") for a in argv):
        argv.append("-max_len=8192")
    if not any(a.startswith("-timeout=") for a in argv):
        argv.append("-timeout=60")
    if not any(a.startswith("-artifact_prefix=") for a in argv):
        artifacts = Path(tempfile.gettempdir()) / "qg-fuzz-artifacts"
        artifacts.mkdir(exist_ok=True)
        argv.append(f"-artifact_prefix={artifacts}/")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
