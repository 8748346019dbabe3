"""Records -> tidy tables for analysts: pandas DataFrames, Parquet, CSV, DuckDB, Excel.

    >>> import gongmun
    >>> t = gongmun.load("out/2024Q4")          # a batch output (or records/, *.jsonl, *.json)
    >>> t["funding"].pivot_table(index=["management_no", "source"], columns="year", values="krw")

One row per thing, one column per fact, the same columns whether or not any row exists:

    documents     one row per record (every doc_type)
    cards         one row per management card
    funding       long: one row per cell of the 재원투자 table (management_no, source, year, krw);
                  year is "2023", or "prior" (기투자), "after_term" (임기이후), "total" (총사업비)
    achievements  one row per 추진실적 item        goals   one row per 목표달성 target
    plans         one row per 향후계획 item         press   one row per article
    amounts       one row per money amount in an article's body: krw, or currency + value
                  for money in another currency (억 달러: USD, krw empty)
    quotes        one row per quote                 corrections, warnings   one row per item

`doc` (the input's path relative to the batch's IN_DIR, or the record's source path) joins
them all; the card tables also carry `management_no`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from gongmun.schemas.models import Card, GoalTarget, Provenance, Record

if TYPE_CHECKING:
    import pandas as pd

ExportFormat = Literal["parquet", "csv", "duckdb", "xlsx"]
Row = dict[str, Any]

# Column -> pandas dtype, per table: the contract of the exports (empty tables keep them).
S, N, F, B = "string", "Int64", "Float64", "boolean"  # text, integer, float, bool
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {"doc": S, "doc_type": S, "doc_type_confidence": F, "title": S,
                  "source_path": S, "sha256": S, "format": S, "pages": N, "encoding": S,
                  "size_bytes": N, "pipeline_version": S, "management_no": S, "blocks": N,
                  "tables": N, "corrections": N, "warnings": N},
    "cards": {"doc": S, "management_no": S, "pledge_name": S, "pledge_subtitle": S,
              "department": S, "cooperating_departments": S, "officer_name": S,
              "officer_phone": S, "target": S, "status": S, "start_year": N, "end_year": N,
              "years": N, "total_budget_krw": N, "national_krw": N, "provincial_krw": N,
              "municipal_krw": N, "other_krw": N, "summary": S, "work_items": S,
              "funding_unit_label": S, "funding_unit_krw": N, "checks_ok": B,
              "failed_checks": S, "communication_total": N, "resident_meetings": N,
              "satisfaction_surveys": N, "expert_consultations": N, "media": N,
              "communication_other": N, "achievements": N, "goals": N, "plans": N,
              "expected_effects": S, "title": S, "source_path": S, "sha256": S},
    "funding": {"doc": S, "management_no": S, "source": S, "label": S, "year": S, "krw": N},
    "achievements": {"doc": S, "management_no": S, "seq": N, "section": S, "as_of": S,
                     "date_start": S, "date_end": S, "date_text": S, "text": S, "page": N,
                     "line": N},
    "goals": {"doc": S, "management_no": S, "project": S, "seq": N, "year": N, "target": S,
              "status": S, "details": S},
    "plans": {"doc": S, "management_no": S, "seq": N, "date_start": S, "date_end": S,
              "date_text": S, "text": S, "page": N, "line": N},
    "press": {"doc": S, "headline": S, "subheadline": S, "outlet": S, "reporter": S,
              "published_at": S, "paragraphs": N, "body": S, "quotes": N, "amounts": N,
              "dates": N, "source_path": S, "sha256": S, "format": S, "pages": N},
    "amounts": {"doc": S, "headline": S, "published_at": S, "seq": N, "text": S, "krw": N,
                "currency": S, "value": F, "context": S},
    "quotes": {"doc": S, "seq": N, "speaker": S, "role": S, "text": S},
    "corrections": {"doc": S, "doc_type": S, "management_no": S, "seq": N, "original": S,
                    "corrected": S, "rule": S, "confidence": F, "page": N, "line": N,
                    "location": S},
    "warnings": {"doc": S, "doc_type": S, "management_no": S, "seq": N, "code": S,
                 "message": S, "page": N, "line": N, "location": S},
}
TABLES = tuple(COLUMNS)
EXCEL_CELL_LIMIT = 32767


class ExportError(Exception):
    """Records cannot be read or tables not written. Shown as `error: PATH: REASON`."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


# --- reading records ----------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    doc: str
    record: Record


def iter_records(path: str | Path) -> Iterator[Loaded]:
    """Records from a batch output, a folder of *.json records, a .jsonl file or one .json."""
    source = Path(path)
    if not source.exists():
        raise ExportError(source, "no such file or directory")
    if source.is_dir():
        root = source / "records" if (source / "records").is_dir() else source
        for file in sorted(p for p in root.rglob("*.json") if not p.name.startswith(".")):
            yield Loaded(file.relative_to(root).as_posix().removesuffix(".json"),
                         _parse(file, file.read_bytes()))
    elif source.suffix == ".jsonl":
        with source.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    record = _parse(f"{source}:{number}", line)
                    yield Loaded(record.source.path, record)
    else:
        record = _parse(source, source.read_bytes())
        yield Loaded(record.source.path, record)


def _parse(where: str | Path, data: bytes) -> Record:
    try:
        return Record.model_validate_json(data)
    except ValidationError as err:
        first = err.errors()[0]
        place = ".".join(str(p) for p in first["loc"]) or "record"
        raise ExportError(where, f"not a record ({place}: {first['msg']})") from None


# --- records -> rows ----------------------------------------------------------------------


def page_line(where: Provenance | None) -> Row:
    """Where an item was read, as the two columns an analyst can go back to the page with."""
    return {"page": where.page if where else None, "line": where.line if where else None}


def rows_of(loaded: Loaded) -> dict[str, list[Row]]:
    doc, record = loaded.doc, loaded.record
    card, mno = record.card, record.card.management_no if record.card else None
    out: dict[str, list[Row]] = {name: [] for name in TABLES}
    out["documents"].append(document_row(doc, record, mno))
    if card is not None:
        out["cards"].append(card_row(doc, record, card))
        out["funding"] += funding_rows(doc, card)
        out["achievements"] += [{"doc": doc, "management_no": mno, "seq": n,
                                 **a.model_dump(exclude={"source"}), **page_line(a.source)}
                                for n, a in enumerate(card.achievements, 1)]
        out["goals"] += goal_rows(doc, card)
        out["plans"] += [{"doc": doc, "management_no": mno, "seq": n,
                          **p.model_dump(exclude={"source"}), **page_line(p.source)}
                         for n, p in enumerate(card.plans, 1)]
    if record.press is not None:
        out["press"].append(press_row(doc, record))
        press = record.press
        out["amounts"] += [{"doc": doc, "headline": press.headline,
                            "published_at": press.published_at, "seq": n, **a.model_dump()}
                           for n, a in enumerate(press.amounts, 1)]
        out["quotes"] += [{"doc": doc, "seq": n, **q.model_dump()}
                          for n, q in enumerate(press.quotes, 1)]
    out["corrections"] += [
        {"doc": doc, "doc_type": record.doc_type, "management_no": mno, "seq": n,
         **c.model_dump(exclude={"location"}), **located(c.location)}
        for n, c in enumerate(record.corrections, 1)]
    out["warnings"] += [
        {"doc": doc, "doc_type": record.doc_type, "management_no": mno, "seq": n,
         "code": w.code, "message": w.message, **located(w.location)}
        for n, w in enumerate(record.warnings, 1)]
    return out


def document_row(doc: str, record: Record, management_no: str | None) -> Row:
    s = record.source
    return {"doc": doc, "doc_type": record.doc_type,
            "doc_type_confidence": record.doc_type_confidence, "title": record.title,
            "source_path": s.path, "sha256": s.sha256, "format": s.format, "pages": s.pages,
            "encoding": s.encoding, "size_bytes": s.size_bytes,
            "pipeline_version": record.pipeline_version, "management_no": management_no,
            "blocks": len(record.blocks), "tables": len(record.tables),
            "corrections": len(record.corrections), "warnings": len(record.warnings)}


def card_row(doc: str, record: Record, card: Card) -> Row:
    checks = card.funding.checks
    sources, comm = card.budget_sources_krw, card.communication
    return {
        "doc": doc, "management_no": card.management_no, "pledge_name": card.pledge_name,
        "pledge_subtitle": card.pledge_subtitle, "department": card.department,
        "cooperating_departments": joined(card.cooperating_departments, "; "),
        "officer_name": card.officer.name, "officer_phone": card.officer.phone,
        "target": card.target, "status": card.status, "start_year": card.period.start_year,
        "end_year": card.period.end_year, "years": card.period.years,
        "total_budget_krw": card.total_budget_krw, "national_krw": sources.national,
        "provincial_krw": sources.provincial, "municipal_krw": sources.municipal,
        "other_krw": sources.other, "summary": card.summary,
        "work_items": joined([w.title for w in card.work_items], "\n"),
        "funding_unit_label": card.funding.unit_label, "funding_unit_krw": card.funding.unit_krw,
        "checks_ok": all(c.ok for c in checks) if checks else None,
        "failed_checks": joined([c.name for c in checks if not c.ok], "; "),
        "communication_total": comm.total, "resident_meetings": comm.resident_meetings,
        "satisfaction_surveys": comm.satisfaction_surveys,
        "expert_consultations": comm.expert_consultations, "media": comm.media,
        "communication_other": comm.other, "achievements": len(card.achievements),
        "goals": len(card.goals), "plans": len(card.plans),
        "expected_effects": joined(card.expected_effects, "\n"), "title": record.title,
        "source_path": record.source.path, "sha256": record.source.sha256,
    }


def funding_cells(card: Card) -> Iterator[tuple[str, str, str, int | None]]:
    """(source, label, year, krw) for every cell of the 재원투자 table, blank cells as None."""
    for row in card.funding.rows:
        yield row.source, row.label, "total", row.total_krw
        yield row.source, row.label, "prior", row.prior_krw
        for year, krw in row.by_year_krw.items():
            yield row.source, row.label, year, krw
        yield row.source, row.label, "after_term", row.after_term_krw


def funding_rows(doc: str, card: Card) -> list[Row]:
    return [{"doc": doc, "management_no": card.management_no, "source": source,
             "label": label, "year": year, "krw": krw}
            for source, label, year, krw in funding_cells(card)]


def goal_rows(doc: str, card: Card) -> list[Row]:
    rows = []
    for goal in card.goals:
        base = {"doc": doc, "management_no": card.management_no, "project": goal.project,
                "details": joined(goal.details, "\n")}
        targets: list[GoalTarget | None] = [*goal.targets] or [None]
        for n, target in enumerate(targets, 1):
            rows.append({**base, "seq": n,
                         "year": target.year if target else None,
                         "target": target.text if target else None,
                         "status": target.status if target else None})
    return rows


def press_row(doc: str, record: Record) -> Row:
    press, s = record.press, record.source
    assert press is not None
    return {"doc": doc, "headline": press.headline, "subheadline": press.subheadline,
            "outlet": press.outlet, "reporter": press.reporter,
            "published_at": press.published_at, "paragraphs": len(press.paragraphs),
            "body": "\n\n".join(press.paragraphs), "quotes": len(press.quotes),
            "amounts": len(press.amounts), "dates": len(press.dates), "source_path": s.path,
            "sha256": s.sha256, "format": s.format, "pages": s.pages}


def located(location: dict[str, Any] | None) -> Row:
    location = location or {}
    page, line = location.get("page"), location.get("line")
    return {"page": page if isinstance(page, int) else None,
            "line": line if isinstance(line, int) else None,
            "location": json.dumps(location, ensure_ascii=False) if location else None}


def joined(items: Iterable[str], sep: str) -> str | None:
    text = sep.join(i for i in items if i)
    return text or None


# --- rows -> DataFrames -------------------------------------------------------------------


def tables_of(records: Iterable[Loaded]) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    for loaded in records:
        for name, more in rows_of(loaded).items():
            rows[name] += more
    return {name: frame(name, rows[name]) for name in TABLES}


def frame(name: str, rows: list[Row]) -> pd.DataFrame:
    import pandas as pd

    columns = COLUMNS[name]
    df = pd.DataFrame(rows, columns=list(columns))
    return df.astype(columns)


def load(path: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of the records under `path`, as DataFrames keyed by table name."""
    return tables_of(iter_records(path))


# --- writing ------------------------------------------------------------------------------


def export(path: str | Path, to: ExportFormat, dest: str | Path | None = None) -> list[Path]:
    """Write the tables of `path` as `to` under `dest` (default PATH/export); files written."""
    tables = load(path)
    base = Path(dest) if dest is not None else default_dest(Path(path))
    writer = WRITERS.get(to)
    if writer is None:
        raise ExportError(to, f"unknown format; choose from {', '.join(WRITERS)}")
    try:
        return writer(tables, base)
    except OSError as err:
        raise ExportError(err.filename or base, err.strerror or str(err)) from err


def default_dest(path: Path) -> Path:
    return (path if path.is_dir() else path.parent) / "export"


def write_parquet(tables: dict[str, pd.DataFrame], base: Path) -> list[Path]:
    def writer(df: pd.DataFrame) -> Callable[[Path], object]:
        return lambda tmp: df.to_parquet(tmp, index=False, engine="pyarrow")

    return [_atomic(base / "parquet" / f"{name}.parquet", writer(df))
            for name, df in tables.items()]


def write_csv(tables: dict[str, pd.DataFrame], base: Path) -> list[Path]:
    # utf-8-sig: Excel opens a CSV with a BOM as UTF-8, so Korean text shows as written.
    def writer(df: pd.DataFrame) -> Callable[[Path], object]:
        return lambda tmp: csv_safe(df).to_csv(tmp, index=False, encoding="utf-8-sig")

    return [_atomic(base / "csv" / f"{name}.csv", writer(df)) for name, df in tables.items()]


def write_duckdb(tables: dict[str, pd.DataFrame], base: Path) -> list[Path]:
    import duckdb

    def build(tmp: Path) -> None:
        tmp.unlink()  # duckdb creates the file itself
        with duckdb.connect(str(tmp)) as db:
            for name, df in tables.items():
                db.register("frame", df)
                db.execute(f'CREATE TABLE "{name}" AS SELECT * FROM frame')
                db.unregister("frame")

    return [_atomic(base / "gongmun.duckdb", build)]


def write_xlsx(tables: dict[str, pd.DataFrame], base: Path) -> list[Path]:
    import pandas as pd

    def build(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as book:
            for name, df in tables.items():
                excel_safe(df).to_excel(book, sheet_name=name, index=False)
                text_not_formulas(book.sheets[name])

    return [_atomic(base / "gongmun.xlsx", build)]


def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Excel refuses control characters and cells over 32,767 characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return value[:EXCEL_CELL_LIMIT - 1] + "…" if len(value) > EXCEL_CELL_LIMIT else value

    out = df.copy()
    for column in out.columns:
        if str(out[column].dtype) == S:
            out[column] = out[column].map(clean, na_action="ignore")
    return out


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
# OCR'd and scraped text may start so (`=`, `- 세부 내용`, `@담당자`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula, prefixed with `'` (OWASP's
    advice for CSV, which has no cell types: the quote shows, the formula never runs)."""
    def quote(value: Any) -> Any:
        return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) \
            else value

    out = df.copy()
    for column in out.columns:
        if str(out[column].dtype) == S:
            out[column] = out[column].map(quote, na_action="ignore")
    return out


def text_not_formulas(sheet: Any) -> None:
    """openpyxl stores a string starting with `=` as a formula; xlsx has cell types, so each
    such cell is made a text cell with its value unchanged (and quote-prefixed, so that
    editing it in Excel keeps it text)."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str)
                                         and cell.value.startswith(FORMULA_STARTS)):
                cell.data_type = "s"
                cell.quotePrefix = True


def _atomic(target: Path, write: Callable[[Path], object]) -> Path:
    """Run `write(tmp)` on a temp file beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return target


WRITERS: dict[str, Callable[[dict[str, pd.DataFrame], Path], list[Path]]] = {
    "parquet": write_parquet, "csv": write_csv, "duckdb": write_duckdb, "xlsx": write_xlsx,
}
