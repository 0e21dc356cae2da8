"""The package as a user gets it: ``python3 -m venv`` (the pip that ships with Python, not
upgraded) and ``pip install`` of a copy of the repository, not editable.

The development venv hides two kinds of breakage that this catches: data files missing from
the wheel (the store's SQL migrations were: ``ingest`` made an empty database) and
dependencies that only a newer pip resolves (justext asks for ``lxml[html_clean]``, an extra
that pip 23.2, Python 3.11's own, does not match to lxml's ``html-clean``: trafilatura could not
be imported and every HTML page and WARC record failed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")}

pytestmark = pytest.mark.slow  # builds a venv and installs the package with its dependencies

NO_INDEX = ("No matching distribution", "Could not find a version", "NewConnectionError", "Network is unreachable")

CHECK = textwrap.dedent(
    """
    import sys
    import quotegraph

    page = (
        "<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1>"
        "<p>The Millrace Bridge will reopen to traffic on Friday after six months of repairs, the"
        " town council announced on Monday evening.</p><p>“We will reopen the bridge on Friday,”"
        " Mayor Jane Doe said at the town hall.</p></article></body></html>"
    )
    analysis = quotegraph.analyze(page, url="https://example.org/bridge", model="sm")
    assert analysis.article.title == "Bridge to reopen", analysis.article
    assert "Jane Doe" in [q.speaker for q in analysis.quotes], analysis.quotes
    with quotegraph.open(sys.argv[1]) as store:
        assert store.write(analysis)
        assert "Jane Doe" in [hit.speaker for hit in store.quotes("bridge")]
    print("ok", quotegraph.__version__)
    """
)


def test_a_fresh_install_reads_html_and_stores_quotes(tmp_path: Path) -> None:
    source = tmp_path / "quotegraph"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=ENV,
    )
    if install.returncode != 0 and any(sign in install.stderr for sign in NO_INDEX):
        pytest.skip(f"no package index to install from: {install.stderr.strip().splitlines()[-1]}")
    assert install.returncode == 0, install.stderr

    done = subprocess.run(
        [str(python), "-c", CHECK, str(tmp_path / "fresh.db")], capture_output=True, text=True, cwd=tmp_path, env=ENV
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["ok", version(python)]


def version(python: Path) -> str:
    out = subprocess.run(
        [str(python.parent / "quotegraph"), "--version"], capture_output=True, text=True, check=True, env=ENV
    )
    return out.stdout.split()[-1]
