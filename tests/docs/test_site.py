"""The documentation site: it builds with --strict, its generated parts are complete, and the
version the CLI reports is the one the changelog and the docs name."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from docs_blocks import REPO, SHARED

import quotegraph
from quotegraph.cli import main


def test_cli_reference_lists_every_command(hooks: ModuleType) -> None:
    reference = hooks.render("<!-- generated: cli-reference -->")
    parser = hooks.cli_parser()
    progs = [sub.prog for sub, _ in hooks.commands(parser)]
    assert {"quotegraph extract", "quotegraph who", "quotegraph eval"} <= set(progs)
    for sub, _ in hooks.commands(parser):
        assert f"## `{sub.prog}`" in reference, f"{sub.prog} is missing from the CLI reference"
        assert hooks.help_text(sub) in reference
        for action in sub._actions:
            for option in action.option_strings:
                assert option in reference, f"{sub.prog} {option} is missing from the CLI reference"


def test_cli_reference_is_wrapped_the_same_everywhere(hooks: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    narrow = hooks.render("<!-- generated: cli-reference -->")
    monkeypatch.setenv("COLUMNS", "200")
    assert hooks.render("<!-- generated: cli-reference -->") == narrow
    assert os.environ["COLUMNS"] == "200"


def test_one_command_or_a_note(hooks: ModuleType) -> None:
    assert "usage: quotegraph who" in hooks.render("<!-- generated: cli-command who -->")
    assert "is not in this build" in hooks.render("<!-- generated: cli-command no-such-command -->")


def test_unknown_generated_part_is_an_error(hooks: ModuleType) -> None:
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="unknown generated part"):
        hooks.render("<!-- generated: no-such-part -->", "page.md")


def test_api_function_reads_the_package_source(hooks: ModuleType) -> None:
    text = hooks.render("<!-- generated: api-function quotegraph.analyze -->")
    assert "analyze(text_or_html: str, *, url: str | None=None, model: str | None=None) -> Analysis" in text
    assert "model loaded once" in text


def test_table_cells_are_escaped(hooks: ModuleType) -> None:
    assert hooks.cell("a | b <i>*x*</i>\nc") == r"a \| b &lt;i&gt;\*x\*&lt;/i&gt; c"
    assert hooks.cell(None) == "–"


def test_the_cli_reports_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotegraph {quotegraph.__version__}"


def test_the_changelog_names_the_current_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE)
    assert releases, "CHANGELOG.md has no numbered release"
    assert releases[0] == quotegraph.__version__, (
        f"quotegraph.__version__ is {quotegraph.__version__} but the newest CHANGELOG.md entry is {releases[0]}"
    )
    assert "## [Unreleased]" in changelog


def test_strict_build(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the docs extra is not installed: pip install -e '.[docs]'")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    assert not (site / "hooks.py").exists() and not (site / "griffe_rst.py").exists()
    assert quotegraph.__version__ in (site / "index.html").read_text(encoding="utf-8")
    cli = (site / "cli.html").read_text(encoding="utf-8")
    for prog in ("quotegraph extract", "quotegraph who", "quotegraph eval", "quotegraph ingest"):
        assert f"usage: {prog}" in cli
    api = (site / "api.html").read_text(encoding="utf-8")
    for name in quotegraph.__all__:
        if name != "__version__":
            assert name in api, f"{name} is missing from the API reference"
    data_model = (site / "data-model.html").read_text(encoding="utf-8")
    if (SHARED / "seed" / "article.txt").is_file():
        assert "Generated when this site was built" in data_model
    if (REPO / "tests" / "eval" / "floors.json").is_file():
        assert "polnear_dev" in (site / "evaluation.html").read_text(encoding="utf-8")
