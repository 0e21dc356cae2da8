"""The command line, through ``quotegraph.cli.main``: bad input, help and version."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

import quotegraph
from quotegraph.cli import _parser, main

GOOD_TEXT = "“The new bridge opens on Friday,” Mayor Dana Whitfield said."


pytestmark = pytest.mark.usefixtures("nlp_sm")  # the small model, loaded once per session


def stdout_records(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def stderr_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_TEXT_INPUTS = {
    "empty": (b"", "empty"),
    "blank": (b"  \n\n \t\n", "empty"),
    "huge": (b"word " * 300_000, "1,500,000 characters (limit 1,000,000)"),
    "binary": (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00junk\x00\xff", "binary"),
    "latin1": ("Café crème, déjà vu.".encode("latin-1"), "not valid UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BAD_TEXT_INPUTS))
def test_bad_text_file_gives_one_stderr_line_and_the_good_file_is_still_written(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, reason = BAD_TEXT_INPUTS[name]
    bad = write_bytes(tmp_path / f"{name}.txt", data)
    good = good_file(tmp_path)
    code = main(["extract", "--model", "sm", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = stderr_lines(err)
    assert len(lines) == 1, err
    assert f"{bad}:" in lines[0]
    assert reason in lines[0]
    assert "Traceback" not in err
    records = stdout_records(out)
    assert [r["id"] for r in records] == ["good"]
    assert records[0]["text"] == GOOD_TEXT
    assert records[0]["quotes"][0]["text"] == "“The new bridge opens on Friday,”"


def test_bad_jsonl_records_are_reported_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        '{"id": "broken", "text": ',
        json.dumps({"id": "textless", "title": "A headline only"}),
        json.dumps({"id": "ok", "text": GOOD_TEXT}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["extract", "--model", "sm", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    errors = stderr_lines(err)
    assert len(errors) == 2, err
    assert f"{path}:1:" in errors[0]
    assert "not valid JSON" in errors[0]
    assert f"{path}:2:" in errors[1]
    assert "'text'" in errors[1]
    records = stdout_records(out)
    assert [r["id"] for r in records] == ["ok"]
    assert records[0]["source"] == f"{path}:3"
    assert records[0]["quotes"][0]["speaker"] == "Dana Whitfield"


def test_all_bad_inputs_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [write_bytes(tmp_path / f"{name}.txt", data) for name, (data, _) in sorted(BAD_TEXT_INPUTS.items())]
    good = good_file(tmp_path)
    code = main(["extract", "--model", "sm", *map(str, paths), str(good)])
    out, err = capsys.readouterr()
    assert code == 1
    errors = stderr_lines(err)
    assert len(errors) == len(paths)
    for path, line in zip(paths, errors, strict=True):
        assert f"{path}:" in line
    assert [r["id"] for r in stdout_records(out)] == ["good"]


def test_good_input_exits_zero_with_one_record_per_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = good_file(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("“We have no comment,” said Priya Raman, a spokesperson for the port.", encoding="utf-8")
    code = main(["extract", "--model", "sm", str(good), str(other)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    records = stdout_records(out)
    assert [r["id"] for r in records] == ["good", "other"]
    for record in records:
        assert record["quotegraph_version"] == quotegraph.__version__
        assert record["model"].startswith("en_core_web_sm")
        for q in record["quotes"]:
            assert record["text"][q["start"] : q["end"]] == q["text"]


def test_who_prints_speaker_and_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = good_file(tmp_path)
    bad = write_bytes(tmp_path / "empty.txt", b"")
    code = main(["who", "--model", "sm", str(good), str(bad)])
    out, err = capsys.readouterr()
    assert code == 1
    assert str(good) in out
    assert "Dana Whitfield" in out
    assert "The new bridge opens on Friday" in out
    assert len(stderr_lines(err)) == 1
    assert str(bad) in err


def test_missing_model_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", "--model", "no_such_spacy_model_xyz", str(good_file(tmp_path))])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = stderr_lines(err)
    assert len(lines) == 1
    assert "no_such_spacy_model_xyz" in lines[0]
    assert "not installed" in lines[0]


def test_eval_with_unreadable_gold_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x", "quotes": []}\n{oops\n', encoding="utf-8")
    code = main(["eval", str(gold), "--pred", str(gold)])
    _, err = capsys.readouterr()
    assert code == 2
    lines = stderr_lines(err)
    assert len(lines) == 1
    assert f"{gold}:2" in lines[0]
    assert "Traceback" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"quotegraph {quotegraph.__version__}"


HELP = {
    "extract": ["--model", "--workers"],
    "eval": ["--pred", "--json", "--model", "--workers"],
    "who": ["--model", "--workers"],
}


def declared_arguments(command: str) -> list[str]:
    """Every option string and positional metavar the subcommand declares."""
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    names = []
    for action in sub.choices[command]._actions:
        if action.option_strings:
            names.append(max(action.option_strings, key=len))
        else:
            names.append(action.metavar or action.dest)
    return names


@pytest.mark.parametrize("command", sorted(HELP))
def test_subcommand_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: quotegraph {command}")
    declared = declared_arguments(command)
    assert set(HELP[command]) <= set(declared)
    assert any(not name.startswith("-") for name in declared), "each subcommand takes a positional argument"
    for word in declared:
        assert word in out, f"{command} --help does not mention {word}"


def test_top_level_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in HELP:
        assert command in out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["extract"])
    assert exc.value.code == 2
    positional = next(name for name in declared_arguments("extract") if not name.startswith("-"))
    assert f"required: {positional}" in capsys.readouterr().err


def test_workers_keep_input_order_and_match_one_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "many.jsonl"
    speakers = ["Dana Whitfield", "Priya Raman", "Tomas Eklund", "Grace Obi"]
    records = [
        {"id": f"n{i:02d}", "text": f"“Pier {i} reopens in {2030 + i},” {speakers[i % 4]} said on Tuesday."}
        for i in range(24)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert main(["extract", "--model", "sm", str(path)]) == 0
    single = capsys.readouterr().out
    assert main(["extract", "--model", "sm", "--workers", "2", str(path)]) == 0
    multi = capsys.readouterr().out
    assert [r["id"] for r in stdout_records(multi)] == [r["id"] for r in records]
    assert multi == single


def eval_gold_with(tmp_path: Path, bad: dict[str, Any]) -> Path:
    gold = tmp_path / "gold.jsonl"
    good = {"id": "good", "text": GOOD_TEXT, "quotes": [{"start": 0, "end": 33, "speakers": ["Dana Whitfield"]}]}
    gold.write_text(json.dumps(bad) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    return gold


def test_eval_gold_record_without_text_is_one_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = eval_gold_with(tmp_path, {"id": "textless", "text": None, "quotes": []})
    code = main(["eval", "--model", "sm", "--json", str(gold)])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(stderr_lines(err)) == 1
    assert "textless" in err or f"{gold}:1" in err
    assert json.loads(out)["quote@0.3"]["r"] == 1.0


def test_eval_gold_record_too_large_is_one_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = eval_gold_with(tmp_path, {"id": "huge", "text": "word " * 250_000, "quotes": []})
    code = main(["eval", "--model", "sm", "--json", str(gold)])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(stderr_lines(err)) == 1
    assert "huge" in err or f"{gold}:1" in err
    assert json.loads(out)["quote@0.3"]["r"] == 1.0
