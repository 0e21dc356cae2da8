"""``quotegraph search|people|show|export`` on a small ingested database: well-formed output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from quotegraph.cli import main
from quotegraph.store import Store

from .support import REPO_ROOT, SEED, shared_path

DATED = [
    {
        "id": "council-2021",
        "published": "2021-03-02",
        "title": 'Council, budget and "the bridge"',
        "text": "“We will not raise taxes, not this year, not next year,” Mayor Dana Whitfield said on Monday.\n\n"
        "Councillor Omar Reyes said that the budget, as written, left the ferry service short of money.",
    },
    {
        "id": "ferry-2024",
        "published": "2024-07-15",
        "text": "“The ferry will run every hour from June,” said Priya Natarajan, the harbour director.",
    },
]
QUOTE_KEYS = {"id", "text", "kind", "speaker", "speakers", "first_published", "sources", "article", "start", "end"}
EXPORT_KEYS = [
    "quote_id", "text", "kind", "speaker", "first_published", "article_id", "url", "title", "published",
    "start", "end", "cue",
]  # fmt: skip


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, the repo's sample articles and two dated JSONL records, ingested with the small model."""
    folder = tmp_path_factory.mktemp("small")
    dated = folder / "dated.jsonl"
    dated.write_text("".join(json.dumps(r) + "\n" for r in DATED), encoding="utf-8")
    db = folder / "quotes.db"
    paths = [str(shared_path(*SEED)), str(REPO_ROOT / "samples"), str(dated)]
    code = main(["ingest", *paths, "--db", str(db), "--model", "sm", "--workers", "1"])
    assert code == 0
    return db


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def jsonl(out: str) -> list[dict[str, Any]]:
    assert out == "" or out.endswith("\n")
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("command", ["ingest", "search", "people", "show", "export"])
def test_help_exits_0(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    out, _ = capsys.readouterr()
    assert exit_info.value.code == 0
    assert out.startswith(f"usage: quotegraph {command}")
    assert "--db" in out


@pytest.mark.slow
def test_search_json_is_one_well_formed_object_per_quote(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["search", "support victims", "--json", "--db", str(small_db)], capsys)
    assert code == 0
    hits = jsonl(out)
    assert hits
    with Store(str(small_db)) as store:
        for hit in hits:
            assert set(hit) == QUOTE_KEYS
            assert set(hit["article"]) == {"id", "title", "url"}
            assert hit["kind"] in ("direct", "indirect", "mixed")
            assert isinstance(hit["speakers"], list) and isinstance(hit["sources"], int) and hit["sources"] >= 1
            row = store.db.one("SELECT text FROM articles WHERE id = ?", (hit["article"]["id"],))
            assert row is not None and row[0][hit["start"] : hit["end"]] == hit["text"]
    assert {"Ashton Kutcher", "Mila Kunis"} <= {name for hit in hits for name in hit["speakers"]}


@pytest.mark.slow
def test_search_filters_from_the_command_line(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(small_db)]
    _, out, _ = run(["search", "--kind", "direct", "--limit", "1000", "--json", *db], capsys)
    direct = jsonl(out)
    assert direct and all(h["kind"] == "direct" for h in direct)
    _, out, _ = run(["search", "--since", "2024-01-01", "--json", *db], capsys)
    assert {h["first_published"] for h in jsonl(out)} == {"2024-07-15"}
    _, out, _ = run(["search", "--until", "2021-12-31", "--json", *db], capsys)
    until = jsonl(out)
    assert until and all(h["first_published"] == "2021-03-02" for h in until)
    _, out, _ = run(["search", "--speaker", "Kunis", "--json", *db], capsys)  # an alias
    assert jsonl(out) and all("Mila Kunis" in h["speakers"] for h in jsonl(out))
    code, out, err = run(["search", "zebra crossings of Neptune", *db], capsys)
    assert (code, out) == (0, "")
    assert err.strip() == "no quotes found"


@pytest.mark.slow
def test_search_text_output_is_two_lines_per_quote(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["search", "ferry", "--db", str(small_db)], capsys)
    _, out_json, _ = run(["search", "ferry", "--json", "--db", str(small_db)], capsys)
    lines = out.splitlines()
    hits = jsonl(out_json)
    assert hits and len(lines) == 2 * len(hits)
    for (first, second), hit in zip(zip(lines[::2], lines[1::2], strict=True), hits, strict=True):
        assert first.startswith((" & ".join(hit["speakers"]) or "(unknown)") + f" [{hit['kind']}]: ")
        assert second.startswith("    — ")


@pytest.mark.slow
def test_people_lists_speakers_by_number_of_quotes(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["people", "--limit", "100", "--db", str(small_db)], capsys)
    assert code == 0
    rows = [re.fullmatch(r"\s*(\d+)  (\S.*)", line) for line in out.splitlines()]
    assert rows and all(rows), out
    listed = [(m.group(2), int(m.group(1))) for m in rows if m]
    with Store(str(small_db)) as store:
        assert listed == store.people(100)
    counts = [n for _, n in listed]
    assert counts == sorted(counts, reverse=True)
    assert {"Ashton Kutcher", "Mila Kunis", "Dana Whitfield"} <= {name for name, _ in listed}


@pytest.mark.slow
def test_show_a_person(small_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", "mila kunis", "--json", "--db", str(small_db)], capsys)
    assert code == 0
    (person,) = jsonl(out)
    assert set(person) == {"name", "ref", "label", "gender", "roles", "aliases", "quotes", "co_mentioned"}
    assert person["ref"] == "Mila Kunis"
    assert (person["name"], person["label"], person["gender"]) == ("Mila Kunis", "PERSON", "f")
    assert "Kunis" in person["aliases"]
    assert person["quotes"] and all("Mila Kunis" in q["speakers"] for q in person["quotes"])
    assert "Ashton Kutcher" in {c["name"] for c in person["co_mentioned"]}

    code, out, _ = run(["show", "Mila Kunis", "--db", str(small_db)], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Mila Kunis (f)"
    assert lines[1].startswith("  aliases: ") and lines[2].startswith("  named alongside: ")
    assert lines[3] == f"  {len(person['quotes'])} quotes:"
    assert len(lines) == 4 + len(person["quotes"])

    code, out, err = run(["show", "Nobody Inparticular", "--db", str(small_db)], capsys)
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and "Nobody Inparticular" in err


@pytest.mark.slow
def test_export_jsonl_and_csv_hold_the_same_rows(
    small_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(small_db)]
    code, out, _ = run(["export", "--format", "jsonl", *db], capsys)
    assert code == 0
    rows = jsonl(out)
    with Store(str(small_db)) as store:
        assert len(rows) == store.counts()["quote_sources"] > 0
        for row in rows:
            assert list(row) == EXPORT_KEYS
            text = store.db.one("SELECT text FROM articles WHERE id = ?", (row["article_id"],))
            assert text is not None and text[0][row["start"] : row["end"]] == row["text"]
    assert any("\n" in r["text"] or "," in r["text"] or '"' in r["text"] for r in rows), "no row tests CSV quoting"

    code, out_csv, _ = run(["export", "--format", "csv", *db], capsys)
    assert code == 0
    reader = csv.DictReader(io.StringIO(out_csv, newline=""))
    assert reader.fieldnames == EXPORT_KEYS
    parsed = list(reader)
    assert parsed == [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]

    for fmt, expected in (("jsonl", out), ("csv", out_csv)):
        target = tmp_path / f"quotes.{fmt}"
        code, printed, _ = run(["export", "--format", fmt, "--output", str(target), *db], capsys)
        assert (code, printed) == (0, "")
        assert target.read_text("utf-8").replace("\r\n", "\n") == expected.replace("\r\n", "\n")


@pytest.mark.slow
def test_export_parquet(small_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="parquet export needs pyarrow (the parquet extra)")
    code, _, err = run(["export", "--format", "parquet", "--db", str(small_db)], capsys)
    assert code == 2 and "--output" in err
    target = tmp_path / "quotes.parquet"
    code, _, _ = run(["export", "--format", "parquet", "--output", str(target), "--db", str(small_db)], capsys)
    assert code == 0
    table = pq.read_table(target)
    assert table.column_names == EXPORT_KEYS
    with Store(str(small_db)) as store:
        assert table.num_rows == store.counts()["quote_sources"]


def test_export_of_an_empty_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "empty.db")]
    assert run(["export", "--format", "jsonl", *db], capsys)[:2] == (0, "")
    code, out, _ = run(["export", "--format", "csv", *db], capsys)
    assert code == 0 and list(csv.reader(io.StringIO(out))) == [["quote_id"]]
    code, out, _ = run(["people", *db], capsys)
    assert (code, out) == (0, "")
