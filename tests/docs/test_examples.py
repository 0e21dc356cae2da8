"""Every code example in docs/ runs, and prints what the page says it prints.

The fast run uses the small model (``--model sm``); the slow run (``-m ""``, as CI does) runs
them again with the md model that users get by default. See ``docs_blocks.py`` for the rules.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docs_blocks import DOCS, REPO, SHARED, Block, all_blocks, example_env, output_matches, pages, parse

RUNNER = Path(__file__).resolve().parent / "run_blocks.py"
MODELS = [pytest.param("sm", id="sm"), pytest.param("md", id="md", marks=pytest.mark.slow)]
NOT_RUN_TAGS = {"bash", "shell", "console", "zsh", "py", "python3", "pycon", "ipython"}


def skip_reason(block: Block, model: str) -> str | None:
    """Why ``block`` does not run with ``model`` here, or None if it runs."""
    d = block.directives
    if "skip" in d:
        return d["skip"]
    if "model" in d and d["model"] != model:
        return f"shows the {d['model']} model's output"
    if "slow" in d and model != "md":
        return "slow: runs in the slow run (-m '') with the md model"
    for module in d.get("requires", "").split():
        if importlib.util.find_spec(module) is None:
            return f"needs {module}, which is not installed"
    if "../shared" in block.code and not SHARED.is_dir():
        return f"needs the shared data at {SHARED}"
    return None


def test_docs_have_examples() -> None:
    assert pages(), f"no pages under {DOCS}"
    assert sum(b.runnable for b in all_blocks()) >= 10


@pytest.mark.parametrize("page", [p.relative_to(REPO).as_posix() for p in pages()])
def test_examples_are_well_formed(page: str) -> None:
    blocks = parse(REPO / page)
    for block in blocks:
        assert block.lang not in NOT_RUN_TAGS, (
            f"{block.where}: write shell examples as ```sh and Python as ```python so they run"
        )
        if "skip" in block.directives:
            assert block.directives["skip"].strip(), f"{block.where}: a skipped example must say why"
        if block.directives:
            assert block.runnable, f"{block.where}: docs-test directives apply only to python and sh blocks"
    outputs = [b for b in blocks if b.is_output]
    attached = {b.expected for b in blocks if b.expected is not None}
    for block in outputs:
        assert block.code in attached, f"{block.where}: an Output block must directly follow a python or sh example"


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("page", [p.relative_to(REPO).as_posix() for p in pages() if any(b.runnable for b in parse(p))])
def test_page_examples(page: str, model: str, sandbox: Path, tmp_path: Path) -> None:
    blocks = [b for b in parse(REPO / page) if b.runnable]
    run = [b for b in blocks if skip_reason(b, model) is None]
    if not run:
        reasons = "; ".join(f"{b.where}: {skip_reason(b, model)}" for b in blocks) or "no examples"
        pytest.skip(f"nothing to run with {model}: {reasons}")
    job = {
        "model": model,
        "blocks": [{"where": b.where, "line": b.line, "lang": b.lang, "code": b.code} for b in run],
    }
    result_file = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(RUNNER), str(result_file)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=sandbox,
        env=example_env(tmp_path, model),
        timeout=1800,
    )
    assert done.returncode == 0, f"the example runner failed:\n{done.stderr}"
    results = {r["where"]: r for r in json.loads(result_file.read_text(encoding="utf-8"))}
    for block in run:
        result = results.get(block.where)
        assert result is not None, f"{block.where}: not run (an earlier example failed)"
        assert result["ok"], f"{block.where}: the example failed (model {model}):\n{result['error']}"
        if block.expected is not None and not output_matches(block.expected, result["stdout"]):
            diff = "\n".join(
                difflib.unified_diff(
                    block.expected.splitlines(), result["stdout"].splitlines(), "documented", "printed", lineterm=""
                )
            )
            pytest.fail(f"{block.where}: the output differs from the page's Output block (model {model}):\n{diff}")


def test_analyze_can_be_called_twice() -> None:
    code = (
        "import quotegraph\n"
        "for text in ['“Yes,” Ada Lovelace said.', '“No,” Ada Lovelace said.']:\n"
        "    print(quotegraph.analyze(text, model='sm').quotes[0].speaker)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
