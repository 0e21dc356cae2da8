"""The code examples of the documentation, as the docs tests see them.

Every fenced ``python`` and ``sh`` block in ``docs/*.md`` is an example that runs. The blocks of
one page run in order in one Python session (``run_blocks.py``), the way a reader would try
them, in a sandbox holding ``samples/`` with ``../shared`` beside it. A ``text`` block titled
``Output`` right after an example is the output it must print. HTML comments right above a
block tune it::

    <!-- docs-test skip: why it cannot run here -->   not run (the reason is required)
    <!-- docs-test slow -->                           only in the slow run (with the md model)
    <!-- docs-test model: md -->                      only with this model (its output differs)
    <!-- docs-test requires: pyspark -->              skipped unless the module is importable
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
RUNNABLE = {"python", "sh"}
SHARED = REPO.parent / "shared"
VENV_BIN = Path(sys.executable).parent

_WRAPPER = '''#!{python}
"""quotegraph with --model {model} added to every command that takes --model and was given none."""
import argparse
import sys

from quotegraph.cli import _parser, main


def with_model(argv):
    if not argv or any(a == "--model" or a.startswith("--model=") for a in argv):
        return argv
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction) and argv[0] in action.choices:
            if any("--model" in a.option_strings for a in action.choices[argv[0]]._actions):
                return [argv[0], "--model", "{model}", *argv[1:]]
    return argv


if __name__ == "__main__":  # worker processes are spawned and import this file again
    sys.exit(main(with_model(sys.argv[1:])))
'''


def example_env(tmp_path: Path, model: str) -> dict[str, str]:
    """The environment examples run in: the venv first on PATH, and for ``sm`` a ``quotegraph``
    wrapper before it that adds ``--model sm``."""
    path = [str(VENV_BIN)]
    if model == "sm":
        bin_dir = tmp_path / "bin"
        bin_dir.mkdir(exist_ok=True)
        wrapper = bin_dir / "quotegraph"
        wrapper.write_text(_WRAPPER.format(python=sys.executable, model=model), encoding="utf-8")
        wrapper.chmod(0o755)
        path.insert(0, str(bin_dir))
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([*path, env.get("PATH", "")])
    env["PYSPARK_PYTHON"] = sys.executable
    env.pop("COLUMNS", None)
    return env


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})[ \t]*(?P<lang>[\w+-]*)(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\s*<!-- docs-test (?P<key>[\w-]+)(?::\s*(?P<value>.*?))?\s*-->\s*$")
_KEYS = {"skip", "slow", "model", "requires"}


@dataclass
class Block:
    """One fenced code block of a page."""

    page: str
    line: int  # 1-based line of the opening fence
    lang: str
    info: str
    code: str
    directives: dict[str, str] = field(default_factory=dict)
    expected: str | None = None  # the Output block that follows, if any

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def runnable(self) -> bool:
        return self.lang in RUNNABLE

    @property
    def is_output(self) -> bool:
        return self.lang == "text" and 'title="Output"' in self.info


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def parse(path: Path) -> list[Block]:
    """The fenced blocks of ``path`` with their directives; Output blocks attached to examples."""
    lines = path.read_text(encoding="utf-8").splitlines()
    page = path.relative_to(REPO).as_posix()
    blocks: list[Block] = []
    pending: dict[str, str] = {}
    previous: Block | None = None  # the last block, while only blank lines follow it
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = _DIRECTIVE.match(line)
        fence = _FENCE.match(line)
        if directive:
            key = directive["key"]
            if key not in _KEYS:
                raise ValueError(f"{page}:{i + 1}: unknown docs-test directive {key!r} (known: {sorted(_KEYS)})")
            pending[key] = directive["value"] or ""
            previous = None
        elif fence:
            indent, ticks = fence["indent"], fence["ticks"]
            body: list[str] = []
            j = i + 1
            while j < len(lines) and lines[j].strip() != ticks:
                body.append(lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j].lstrip())
                j += 1
            if j == len(lines):
                raise ValueError(f"{page}:{i + 1}: code block never closed")
            block = Block(page, i + 1, fence["lang"], fence["info"].strip(), "\n".join(body) + "\n", pending)
            pending = {}
            if block.is_output and previous is not None and previous.runnable:
                previous.expected = block.code
            blocks.append(block)
            previous = block
            i = j
        elif line.strip():
            pending = {} if not line.lstrip().startswith("<!--") else pending
            previous = None
        i += 1
    return blocks


def all_blocks() -> list[Block]:
    return [block for path in pages() for block in parse(path)]


def output_matches(expected: str, actual: str) -> bool:
    """Line by line, trailing spaces ignored; a line ``...`` stands for any number of lines."""
    pattern = []
    for line in expected.rstrip("\n").splitlines():
        pattern.append(r"(?:[^\n]*\n)*?" if line.strip() == "..." else re.escape(line.rstrip()) + r"\n")
    normalised = "".join(line.rstrip() + "\n" for line in actual.rstrip("\n").splitlines())
    return re.fullmatch("".join(pattern), normalised) is not None
