"""MkDocs hooks: the parts of the documentation that are computed when the site is built.

A page asks for a generated part with an HTML comment::

    <!-- generated: cli-reference -->          every command's --help, from quotegraph.cli._parser()
    <!-- generated: cli-command spark -->      one command's --help (a note if it does not exist yet)
    <!-- generated: seed-example -->           quotegraph's output on ../shared/seed/article.txt
    <!-- generated: floors -->                 the quality floors of tests/eval/floors.json
    <!-- generated: version -->                quotegraph.__version__
    <!-- generated: api-function quotegraph.analyze -->   a package-level function's reference

Nothing generated is written to the repository: the seed article is read from ``../shared`` at
build time and only quotegraph's output on it (names, quotes, offsets) reaches the built site.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
FLOORS = ROOT / "tests" / "eval" / "floors.json"
HELP_WIDTH = 80
PLACEHOLDER = re.compile(r"<!-- generated: ([\w-]+)(?: ([^>]*?))? -->")


# --- the command line ---------------------------------------------------------------------


@contextmanager
def _columns(width: int) -> Iterator[None]:
    """argparse wraps help to the terminal width; fix it so the reference is the same everywhere."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width + 2)  # argparse subtracts 2
    try:
        yield
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def cli_parser() -> argparse.ArgumentParser:
    from quotegraph.cli import _parser

    return _parser()


def commands(parser: argparse.ArgumentParser) -> Iterator[tuple[argparse.ArgumentParser, str]]:
    """Every subcommand parser below ``parser`` (depth first) with its one-line help."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        summaries = {a.dest: a.help or "" for a in action._choices_actions}
        seen: set[int] = set()
        for name, sub in action.choices.items():
            if id(sub) in seen:  # an alias
                continue
            seen.add(id(sub))
            yield sub, summaries.get(name, "")
            yield from commands(sub)


def help_text(parser: argparse.ArgumentParser) -> str:
    with _columns(HELP_WIDTH):
        return parser.format_help().rstrip()


def _command_section(parser: argparse.ArgumentParser, summary: str, level: str) -> str:
    parts = [f"{level} `{parser.prog}`", ""]
    if summary:
        parts += [summary[:1].upper() + summary[1:] + ".", ""]
    parts += ["```text", help_text(parser), "```", ""]
    return "\n".join(parts)


def cli_reference(arg: str) -> str:
    parser = cli_parser()
    out = ["## `quotegraph`", "", "```text", help_text(parser), "```", ""]
    out += [_command_section(sub, summary, "##") for sub, summary in commands(parser)]
    return "\n".join(out)


def cli_command(arg: str) -> str:
    parser = cli_parser()
    for sub, summary in commands(parser):
        if sub.prog == f"quotegraph {arg}":
            return _command_section(sub, summary, "###")
    return (
        f'!!! note "`quotegraph {arg}` is not in this build"\n\n'
        f"    This version of quotegraph has no `{arg}` command yet; the [command line reference](cli.md)"
        " lists the commands it has.\n"
    )


# --- the seed article ---------------------------------------------------------------------


def cell(value: object) -> str:
    """``value`` as the text of a Markdown table cell: one line, Markdown and HTML escaped."""
    text = " ".join(str(value).split()) if value not in (None, "") else "–"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", text)


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _outline(record: dict[str, Any]) -> dict[str, Any]:
    """The JSON record with the article text left out and every list cut to its first item."""

    def cut(value: Any) -> Any:
        if isinstance(value, list) and len(value) > 1:
            return [cut(value[0]), f"… {len(value) - 1} more"]
        if isinstance(value, list):
            return [cut(v) for v in value]
        if isinstance(value, dict):
            return {k: cut(v) for k, v in value.items()}
        return value

    out = cut(record)
    out["text"] = f"<the article text, {len(record['text']):,} characters>"
    return dict(out)


def _note(title: str, body: str) -> str:
    return f'!!! note "{title}"\n\n    {body}\n'


def seed_example(arg: str) -> str:
    if not SEED.is_file():
        return _note(
            "The seed article was not found when this site was built",
            f"The running example is generated from `../shared/seed/article.txt` ({SEED}); build the"
            " site from a checkout with `shared/` beside it to see it.",
        )
    import quotegraph
    from quotegraph.errors import ModelNotInstalled

    try:
        pipeline = quotegraph.Pipeline("md")
    except ModelNotInstalled as exc:
        return _note("The md model was not installed when this site was built", exc.message)
    text = SEED.read_text(encoding="utf-8")
    analysis = pipeline.analyze(quotegraph.Article(id="seed", text=text, source="../shared/seed/article.txt"))
    kinds = Counter(q.kind for q in analysis.quotes)
    labels = Counter(e.label for e in analysis.entities)
    parts = [
        f"Generated when this site was built, by quotegraph {analysis.version} with the model"
        f" `{analysis.model}`, from the {len(text):,} characters of `../shared/seed/article.txt`:"
        f" {len(analysis.quotes)} quotes ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}),"
        f" {len(analysis.entities)} entities ({', '.join(f'{n} {k}' for k, n in sorted(labels.items()))}),"
        f" {len(analysis.relations)} relations, {len(analysis.events)} events and"
        f" {len(analysis.article.residue)} residue spans.",
        "",
        "#### Quotes",
        "",
        table(
            ["#", "kind", "speakers", "cue", "start–end", "text (shortened)"],
            [
                [n, q.kind, " & ".join(q.speakers), q.cue, f"{q.start}–{q.end}", _short(q.text)]
                for n, q in enumerate(analysis.quotes, 1)
            ],
        ),
        "#### Entities",
        "",
        table(
            ["name", "label", "gender", "mentions", "as written"],
            [
                [
                    e.name,
                    e.label,
                    e.gender,
                    len(e.mentions),
                    ", ".join(
                        f"{form} ×{n}" if n > 1 else form
                        for form, n in Counter(" ".join(m.text.split()) for m in e.mentions).items()
                    ),
                ]
                for e in analysis.entities
            ],
        ),
    ]
    if analysis.relations:
        parts += [
            "#### Relations",
            "",
            table(
                ["head", "relation", "tail", "detail", "confidence"],
                [[r.head, r.relation, r.tail, r.detail, r.confidence] for r in analysis.relations],
            ),
        ]
    if analysis.events:
        parts += [
            "#### Events",
            "",
            table(
                ["type", "participants", "detail", "when", "date"],
                [[e.type, ", ".join(e.participants), e.detail, e.when, e.date] for e in analysis.events],
            ),
        ]
    record = analysis.to_dict()
    parts += [
        "#### The record",
        "",
        "What `quotegraph extract` writes for this article, with the text left out and each list cut"
        " to its first item:",
        "",
        "```json",
        json.dumps(_outline(record), indent=2, ensure_ascii=False),
        "```",
        "",
    ]
    return "\n".join(parts)


# --- evaluation and version ---------------------------------------------------------------


def floors(arg: str) -> str:
    if not FLOORS.is_file():
        return _note(
            "No floors file in this build",
            "`tests/eval/floors.json` is missing; run `quotegraph eval ../shared/seed/gold.jsonl` and"
            " `quotegraph eval ../shared/data/polnear/dev.jsonl` for the current scores.",
        )
    data = json.loads(FLOORS.read_text(encoding="utf-8"))
    parts = []
    for name, spec in data.items():
        if name.startswith("_") or not isinstance(spec, dict):
            continue
        gold = f"../shared/{spec['gold']}" if "gold" in spec else spec.get("repo_gold", "?")
        command = " ".join(["quotegraph eval", gold, *spec.get("args", []), "--model", spec.get("model", "md")])
        rows: list[list[object]] = [
            [metric, measured, spec.get("min", {}).get(metric)] for metric, measured in spec.get("measured", {}).items()
        ]
        parts += [f"**{cell(name)}**: `{command}`", "", table(["metric", "measured", "floor"], rows)]
    return "\n".join(parts)


def version(arg: str) -> str:
    import quotegraph

    return quotegraph.__version__


def api_function(arg: str) -> str:
    """Reference of a function defined in a package's ``__init__.py``, read from its source.

    mkdocstrings cannot show ``quotegraph.analyze``: the submodule ``quotegraph/pipeline.py``
    has the same name and wins. Until one of them is renamed, this renders the function itself.
    """
    import ast
    import sys

    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from griffe_rst import plain_roles

    package, _, name = arg.rpartition(".")
    path = ROOT / "src" / Path(*package.split(".")) / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    if not found:
        raise PluginError(f"api-function: no function {name!r} in {path}")
    node = found[0]
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    doc = plain_roles(ast.get_docstring(node) or "")
    return "\n".join(
        [f"#### `{arg}`", "", "```python", f"{name}({ast.unparse(node.args)}){returns}", "```", "", doc, ""]
    )


GENERATORS: dict[str, Callable[[str], str]] = {
    "cli-reference": cli_reference,
    "cli-command": cli_command,
    "seed-example": seed_example,
    "floors": floors,
    "version": version,
    "api-function": api_function,
}


def render(markdown: str, where: str = "page") -> str:
    """``markdown`` with every ``<!-- generated: ... -->`` line replaced by what it asks for."""

    def replace(match: re.Match[str]) -> str:
        name, arg = match.group(1), (match.group(2) or "").strip()
        generate = GENERATORS.get(name)
        if generate is None:
            raise PluginError(f"{where}: unknown generated part {name!r} (known: {', '.join(GENERATORS)})")
        return generate(arg)

    return PLACEHOLDER.sub(replace, markdown)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return render(markdown, page.file.src_path)
