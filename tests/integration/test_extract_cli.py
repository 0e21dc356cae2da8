"""``quotegraph extract`` on hostile inputs, scraper residue and repeated articles."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from quotegraph.cli import main

from .support import SEED, shared_path

GOOD_TEXT = "“The new bridge opens on Friday,” Mayor Dana Whitfield said at the town hall."
NESTED_BYTES = 20_000_000 - 64  # 20 MB, just under the HTML size limit, so the parser really sees it

pytestmark = pytest.mark.slow  # loads the small model


def records(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """name -> (path, acceptable reason codes)."""
    body = (
        b"<html><body><article><p>" + b"The council met on Tuesday and argued. " * 400 + b"</p></article></body></html>"
    )
    packed = gzip.compress(body)
    truncated = tmp_path / "truncated.html.gz"
    truncated.write_bytes(packed[: len(packed) // 2])

    no_body = tmp_path / "no-body.html"
    no_body.write_text("<!DOCTYPE html><html><head><title>Nothing here</title></head></html>", encoding="utf-8")

    nested = tmp_path / "nested.html"
    opening = b"<html><body>"
    with nested.open("wb") as handle:
        handle.write(opening)
        handle.write(b"<div>" * ((NESTED_BYTES - len(opening)) // 5))
    assert nested.stat().st_size > 19_900_000

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")

    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "no-such-target.txt")

    return {
        "truncated gzip": (truncated, ("[unreadable]",)),
        "no body": (no_body, ("[no-text]", "[empty]")),
        "nested divs": (nested, ("[no-text]", "[bad-html]", "[too-large]")),
        "wrong extension": (pdf, ("[unsupported]",)),
        "dangling symlink": (dangling, ("[unreadable]",)),
    }


def test_each_bad_input_gets_one_line_and_the_good_article_is_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    paths = [str(path) for path, _ in bad.values()]

    code = main(["extract", "--model", "sm", *paths[:3], str(good), *paths[3:]])

    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    err_lines = lines(err)
    assert len(err_lines) == len(bad), err
    for name, (path, reasons) in bad.items():
        mine = [line for line in err_lines if f"{path}:" in line]
        assert len(mine) == 1, f"{name}: expected one line naming {path}, got {mine}"
        assert any(reason in mine[0] for reason in reasons), f"{name}: {mine[0]}"
    (record,) = records(out)
    assert record["source"] == str(good)
    assert record["text"] == GOOD_TEXT
    assert [q["speaker"] for q in record["quotes"]] == ["Dana Whitfield"]


def test_unsupported_extension_names_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "scan.PDF"
    pdf.write_bytes(b"%PDF-1.7\n")
    assert main(["extract", "--model", "sm", str(pdf)]) == 1
    _, err = capsys.readouterr()
    (line,) = lines(err)
    assert str(pdf) in line and "'.pdf'" in line and "[unsupported]" in line


def test_a_directory_named_like_a_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "x.txt"
    directory.mkdir()
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    code = main(["extract", "--model", "sm", str(directory), str(good)])
    out, err = capsys.readouterr()
    assert len(records(out)) == 1
    assert [line for line in lines(err) if f"{directory}" in line], "nothing said about the directory"
    assert code == 1


def test_seed_residue_is_listed_and_never_analysed(capsys: pytest.CaptureFixture[str]) -> None:
    seed = shared_path(*SEED)
    text = seed.read_text("utf-8")
    assert main(["extract", "--model", "sm", str(seed)]) == 0
    out, err = capsys.readouterr()
    assert lines(err) == []
    (record,) = records(out)
    assert record["text"] == text
    residue = record["residue"]
    for span in residue:
        assert text[span["start"] : span["end"]] == span["text"]

    def count(piece: str) -> int:
        return sum(piece in span["text"] for span in residue)

    for piece in ("Oops!", "Something went wrong.", "Please try again later."):
        assert count(piece) == text.count(piece) == 3, piece
    assert count("(Getty Images)") == text.count("(Getty Images)") == 2
    # the furniture and nothing else: no line of the article body is marked
    furniture = {"Oops!", "Something went wrong.", "Please try again later.", "(Getty Images)"}
    assert {span["text"].lstrip("• ") for span in residue} == furniture

    spans = [(r["start"], r["end"]) for r in residue]

    def overlaps(start: int | None, end: int | None) -> bool:
        return start is not None and end is not None and any(s < end and start < e for s, e in spans)

    assert record["quotes"] and record["entities"]
    for quote in record["quotes"]:
        assert not overlaps(quote["start"], quote["end"]), quote
        assert not overlaps(quote["speaker_start"], quote["speaker_end"]), quote
        assert not overlaps(quote["cue_start"], quote["cue_end"]), quote
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert not overlaps(mention["start"], mention["end"]), (entity["name"], mention)


def test_the_same_article_twice_is_written_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "wire.txt", tmp_path / "reprint.txt"
    first.write_text(GOOD_TEXT, encoding="utf-8")
    second.write_text(GOOD_TEXT, encoding="utf-8")
    code = main(["extract", "--model", "sm", str(first), str(second)])
    out, err = capsys.readouterr()
    assert code == 0
    (record,) = records(out)
    assert record["source"] == str(first)
    naming_both = [line for line in lines(err) if str(first) in line and str(second) in line]
    assert naming_both, err
    assert "Traceback" not in err
