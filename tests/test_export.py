"""`gongmun export` and `gongmun.load`: tidy tables from records, in every format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from recordmaker import MILLION, card_record, press_record, write_record

import gongmun
from gongmun.export import COLUMNS, TABLES, ExportError, export, load

GONGMUN = [sys.executable, "-c", "from gongmun.cli import app; app()"]


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    write_record(out, "cards/a.txt", card_record("in/cards/a.txt", "2-14-2"))
    write_record(out, "cards/b.pdf", card_record("in/cards/b.pdf", "1-3-1", status="완료"))
    write_record(out, "press/p.pdf", press_record("in/press/p.pdf"))
    (out / "summary.json").write_text("{}")  # batch bookkeeping, not a record
    return out


def test_load_gives_one_row_per_thing_with_typed_columns(out_dir: Path) -> None:
    tables = gongmun.load(out_dir)
    assert set(tables) == set(TABLES)
    for name, df in tables.items():
        assert list(df.columns) == list(COLUMNS[name]), name
    cards = tables["cards"].set_index("management_no")
    assert list(cards.index) == ["2-14-2", "1-3-1"]
    assert cards.loc["1-3-1", "status"] == "완료"
    assert cards.loc["2-14-2", "total_budget_krw"] == 45_000 * MILLION
    assert cards.loc["2-14-2", "cooperating_departments"] == "바이오헬스과; 미래산업과"
    assert bool(cards.loc["2-14-2", "checks_ok"]) is True
    assert str(tables["cards"]["total_budget_krw"].dtype) == "Int64"
    assert list(tables["documents"]["doc"]) == ["cards/a.txt", "cards/b.pdf", "press/p.pdf"]
    press = tables["press"]
    assert list(press["doc"]) == ["press/p.pdf"]
    assert press.loc[0, "body"] == "5,800억 원 규모의 사업.\n\n기획 예산 10억 원 확보."
    amounts = tables["amounts"]
    assert list(amounts["krw"][:2]) == [580_000_000_000, 1_000_000_000]
    assert amounts["krw"].isna().iloc[2]  # dollars are never won
    assert list(amounts["currency"]) == ["KRW", "KRW", "USD"]
    assert amounts.loc[2, "value"] == 14_150_000_000
    assert list(tables["quotes"]["speaker"]) == ["김진태"]


def test_funding_is_long_with_blank_cells_kept_as_null(tmp_path: Path) -> None:
    write_record(tmp_path, "c.txt", card_record("c.txt", national={"2023": 9000, "2024": None}))
    funding = load(tmp_path)["funding"]
    national = funding[funding["source"] == "national"].set_index("year")["krw"]
    assert list(national.index) == ["total", "prior", "2023", "2024", "after_term"]
    assert national["2023"] == 9000 * MILLION
    assert national["total"] == 9000 * MILLION
    assert pd.isna(national["2024"]) and pd.isna(national["after_term"])
    pivot = funding.pivot_table(index="source", columns="year", values="krw", aggfunc="sum")
    assert pivot.loc["total", "2023"] == (9000 + 4500) * MILLION


def test_card_lists_become_rows_keyed_by_management_no(out_dir: Path) -> None:
    tables = load(out_dir)
    goals = tables["goals"]
    assert list(goals["status"]) == ["완료", "추진중"] * 2
    assert goals.loc[0, "details"] == "협약체결\n연차평가"
    assert set(tables["achievements"]["management_no"]) == {"2-14-2", "1-3-1"}
    assert list(tables["plans"]["date_start"]) == ["2025-04", "2025-04"]
    corrections = tables["corrections"]
    assert corrections.loc[0, ["original", "corrected", "page", "line"]].tolist() == [
        "시업화", "사업화", 1, 40]
    warnings = tables["warnings"]
    assert pd.isna(warnings.loc[0, "page"]) and warnings.loc[0, "line"] == 4


@pytest.mark.parametrize("fmt", ["parquet", "csv", "duckdb", "xlsx"])
def test_every_format_round_trips(out_dir: Path, fmt: str) -> None:
    written = export(out_dir, fmt)  # type: ignore[arg-type]
    assert all(p.is_file() for p in written)
    assert not list((out_dir / "export").rglob("*.tmp"))
    cards = read_back(out_dir / "export", fmt, "cards")
    funding = read_back(out_dir / "export", fmt, "funding")
    assert list(cards["management_no"].astype(str)) == ["2-14-2", "1-3-1"]
    assert list(cards["status"]) == ["추진중(정상)", "완료"]
    assert int(cards["total_budget_krw"].iloc[0]) == 45_000 * MILLION
    assert len(funding) == len(load(out_dir)["funding"])
    empty = read_back(out_dir / "export", fmt, "quotes")
    assert list(empty.columns) == list(COLUMNS["quotes"])


def read_back(base: Path, fmt: str, table: str) -> pd.DataFrame:
    if fmt == "parquet":
        return pd.read_parquet(base / "parquet" / f"{table}.parquet")
    if fmt == "csv":
        return pd.read_csv(base / "csv" / f"{table}.csv", dtype={"management_no": str},
                           encoding="utf-8-sig")
    if fmt == "duckdb":
        with duckdb.connect(str(base / "gongmun.duckdb"), read_only=True) as db:
            return db.execute(f"SELECT * FROM {table}").df()
    return pd.read_excel(base / "gongmun.xlsx", sheet_name=table, dtype={"management_no": str})


def test_load_reads_jsonl_and_single_records(tmp_path: Path) -> None:
    lines = [card_record("x.txt", "3-1-1"), press_record("y.pdf")]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("\n".join(r.model_dump_json() for r in lines) + "\n", encoding="utf-8")
    assert list(load(jsonl)["documents"]["doc"]) == ["x.txt", "y.pdf"]
    single = tmp_path / "one.json"
    single.write_text(lines[0].model_dump_json(), encoding="utf-8")
    assert list(load(single)["cards"]["management_no"]) == ["3-1-1"]


@pytest.mark.slow
def test_bad_inputs_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such file"):
        load(tmp_path / "missing")
    bad = tmp_path / "records" / "bad.txt.json"
    bad.parent.mkdir(parents=True)
    bad.write_text(json.dumps({"doc_type": "card"}))
    done = subprocess.run([*GONGMUN, "export", str(tmp_path), "--to", "csv"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {bad}: not a record (")
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.slow
def test_cli_export_prints_the_files_written(out_dir: Path, tmp_path: Path) -> None:
    done = subprocess.run([*GONGMUN, "export", str(out_dir), "--to", "parquet", "--dest",
                           str(tmp_path / "x")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = done.stdout.split()
    assert written == [str(tmp_path / "x" / "parquet" / f"{t}.parquet") for t in TABLES]


def test_achievements_and_plans_carry_page_and_line_from_the_record(tmp_path: Path) -> None:
    from gongmun.pipeline import extract

    record = extract(Path(__file__).parents[1] / "samples" / "cards" / "card_smart_farm.pdf",
                     correct=False)
    out = tmp_path / "out"
    write_record(out, "card.pdf", record)
    tables = load(out)
    assert record.card is not None
    pages = [a.source.page for a in record.card.achievements if a.source]
    assert list(tables["achievements"]["page"]) == pages and all(p == 1 for p in pages)
    assert tables["plans"]["page"].notna().all()


FORMULA_TITLES = ['=HYPERLINK("http://x","y")', "+82-33-249-2000", "-2+3", "@SUM(A1)",
                  "= 1", "사업 개요"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_like_text_is_never_a_live_formula(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    for n, title in enumerate(FORMULA_TITLES):
        record = press_record(f"in/p{n}.pdf").model_copy(update={"title": title})
        write_record(out, f"p{n}.pdf", record)
    export(out, fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        text = (out / "export" / "csv" / "documents.csv").read_text(encoding="utf-8-sig")
        titles = list(pd.read_csv(pd.io.common.StringIO(text))["title"])
        assert titles == [f"'{t}" if t[0] in "=+-@" else t for t in FORMULA_TITLES]
        return
    from openpyxl import load_workbook

    sheet = load_workbook(out / "export" / "gongmun.xlsx")["documents"]
    column = [c.value for c in sheet[1]].index("title")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == FORMULA_TITLES  # the text itself, unchanged
    assert all(c.data_type == "s" for c in cells)  # and stored as text, never a formula
