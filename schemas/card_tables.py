"""The management card's tables: 재원투자 (funding), 목표달성 (goals), 도민소통 (communication),
and the checks that can be made on their numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gongmun.extract.model import Table
from gongmun.normalize.lookalikes import (
    digit_reading,
    dropped_digit_readings,
    grouping_reading,
    separator_readings,
)
from gongmun.normalize.text import canonical_label
from gongmun.normalize.values import money_in_unit, parse_number, unit_multiplier

from .form import field_for_label, fields_in_header, form_fields
from .models import Card, Check, Communication, Funding, FundingRow, Goal, GoalTarget
from .warnings import WarningLog

_YEAR_HEADER = re.compile(r"^(?:19|20)(\d{2})\s*년?(?:도)?$")
# `<'23년>` / `<2023년>` opens one year's target inside a goals cell.
_YEAR_MARKER = re.compile(r"<\s*[’'‘]?(\d{2}|\d{4})\s*년\s*>")
_PARENTHETICAL = re.compile(r"\s*\(.*\)\s*$")


# --- finding the tables -------------------------------------------------------------------


def find_funding_table(tables: list[Table]) -> Table | None:
    return next((t for t in tables if _row_field(t, "funding", "total") is not None
                 and _funding_columns(t)[1]), None)


def find_goals_table(tables: list[Table]) -> Table | None:
    return next((t for t in tables if {"project", "target"} <= set(_goals_columns(t))), None)


def find_communication_table(tables: list[Table]) -> Table | None:
    keys = ("resident_meetings", "satisfaction_surveys", "expert_consultations")
    return next((t for t in tables if t.rows and sum(
        _communication_field(c) in keys for c in t.rows[0]) >= 2), None)


def _row_field(table: Table, form_table: str, wanted: str) -> int | None:
    return next((r for r, row in enumerate(table.rows)
                 if row and field_for_label(form_table, row[0]) == wanted), None)


# --- 재원투자 ---------------------------------------------------------------------------------


def _funding_columns(table: Table) -> tuple[int, dict[int, str]]:
    """(index of the last header row, column -> `total` | `prior` | `after_term` | "2023")."""
    for r, row in enumerate(table.rows[:4]):
        columns: dict[int, str] = {}
        for c, cell in enumerate(row):
            year = _YEAR_HEADER.match(cell.replace(" ", ""))
            key = (cell[:4] if year else None) or field_for_label("funding_column", cell)
            if key:
                columns[c] = key
        if sum(k.isdigit() for k in columns.values()) >= 2:
            for upper in table.rows[:r]:  # 총사업비 can stand in the row above (merged)
                for c, cell in enumerate(upper):
                    if c not in columns and field_for_label("funding_column", cell) == "total":
                        columns[c] = "total"
            return r, columns
    return 0, {}


def parse_funding(table: Table, log: WarningLog) -> Funding:
    unit_krw = unit_multiplier(table.unit or "")
    if unit_krw is None:
        log.add("funding_unit_unknown", f"unit {table.unit!r} of the funding table is not "
                "recognized; amounts read as won", table=table.id)
    header_row, columns = _funding_columns(table)
    rows = []
    for r, row in enumerate(table.rows[header_row + 1:], start=header_row + 1):
        source = field_for_label("funding", row[0]) if row else None
        if source is None:
            if any(row):
                log.add("funding_row_skipped", f"funding row {row[0]!r} is not a known source",
                        table=table.id, row=r)
            continue
        rows.append(_funding_row(source, row, columns, unit_krw or 1, table, r, log))
    funding = Funding(unit_label=table.unit, unit_krw=unit_krw, rows=rows)
    if table.ocr:
        _repair_lookalike_amounts(funding, table, columns, header_row, unit_krw or 1, log)
    return funding


def _repair_lookalike_amounts(funding: Funding, table: Table, columns: dict[int, str],
                              header_row: int, unit_krw: int, log: WarningLog) -> None:
    """OCR'd amounts misread in ways the table can prove, each repair logged with the cell,
    its text and the proof (`amount_read_by_check`):

    - letters for digits (`1,5OO`: O/0, l/1, I/1, S/5, B/8, Z/2), and `.` for the thousands
      comma or a doubled mark (`1.500` read as 1.5, `12.,000`), are read as the digits and
      comma only when its row's other cells and 총사업비, or its column's other sources and
      계, add up to exactly that reading;
    - a digit OCR inserted (`37,100` for `3,100`) is dropped on the same proof, once the
      cheaper readings are settled;
    - a `.` between groups of three digits before a comma (`53.036,400`) is a comma by the
      grouping alone (`amount_read_by_grouping`).

    A cell that no cross-foot proves keeps its value (null if it has none; `unparsed_amount`
    names it), and one shaped like a misread comma gets `amount_doubtful`."""
    by_source = [r for r in table.rows[header_row + 1:]
                 if r and field_for_label("funding", r[0]) is not None]
    texts = [{key: (row[c] if c < len(row) else "").strip() for c, key in columns.items()}
             for row in by_source[:len(funding.rows)]]
    cells = [(k, c, key, texts[k][key]) for k in range(len(texts))
             for c, key in columns.items() if texts[k][key]]
    for k, c, key, cell in cells:
        reading = grouping_reading(cell) if _cells(funding.rows[k]).get(key) is None else None
        value = money_in_unit(reading, unit_krw) if reading else None
        if value is not None:
            _set_cell(funding.rows[k], key, value)
            log.add("amount_read_by_grouping", f"funding cell {cell!r} read as {reading!r}: "
                    "a '.' before a thousands comma is a misread comma",
                    table=table.id, row=header_row + 1 + k, col=c)
    for readings in (_misread_readings, dropped_digit_readings):
        changed = True
        while changed:
            changed = False
            for k, c, key, cell in cells:
                repaired = _repair_cell(funding, texts, k, key, cell, readings, unit_krw)
                if repaired:
                    reading, proof = repaired
                    log.add("amount_read_by_check", f"funding cell {cell!r} read as "
                            f"{reading!r}: {proof} adds up to it",
                            table=table.id, row=header_row + 1 + k, col=c)
                    changed = True
    for k, c, key, cell in cells:
        current = _cells(funding.rows[k]).get(key)
        doubtful = separator_readings(cell)
        if doubtful and (current is None or not _proof(funding, texts, k, key, current)):
            log.add("amount_doubtful", f"funding cell {cell!r} may be {doubtful[0]!r} (a "
                    "comma read as '.'); no cross-foot of the table proves either",
                    table=table.id, row=header_row + 1 + k, col=c)
        elif current is not None and _crossing_failure(funding, texts, k, key):
            log.add("amount_doubtful", f"funding cell {cell!r}: neither its row nor its "
                    "column adds up, and this cell is where they cross",
                    table=table.id, row=header_row + 1 + k, col=c)


def _crossing_failure(funding: Funding, texts: list[dict[str, str]], k: int, key: str
                      ) -> bool:
    """Whether row k's years miss its 총사업비 and column `key`'s sources miss its 계, every
    cell of both read: the one cell in both is the likeliest misread (each check alone
    cannot say which cell; an unreadable cell makes either check say nothing)."""

    def unreadable(j: int, col: str) -> bool:
        return bool(texts[j].get(col)) and _cells(funding.rows[j]).get(col) is None

    if any(unreadable(k, col) for col in texts[k]) or any(
            unreadable(j, key) for j in range(len(texts))):
        return False
    row = funding.rows[k]
    spread = [row.prior_krw, *row.by_year_krw.values(), row.after_term_krw]
    row_fails = row.total_krw is not None and sum(v or 0 for v in spread) != row.total_krw
    total = next((r for r in funding.rows if r.source == "total"), None)
    parts = [r for r in funding.rows if r.source != "total"]
    if not row_fails or total is None or not parts:
        return False
    expected = _cells(total).get(key)
    return expected is not None and sum(_cells(r).get(key) or 0 for r in parts) != expected


def _misread_readings(cell: str) -> list[str]:
    letters = digit_reading(cell)
    return ([letters] if letters else []) + separator_readings(letters or cell)


def _repair_cell(funding: Funding, texts: list[dict[str, str]], k: int, key: str, cell: str,
                 readings: Callable[[str], list[str]], unit_krw: int
                 ) -> tuple[str, str] | None:
    """(reading, proof) when a reading of `cell` is proved and its current value is not."""
    current = _cells(funding.rows[k]).get(key)
    if current is not None and _proof(funding, texts, k, key, current):
        return None
    for reading in readings(cell):
        value = money_in_unit(reading, unit_krw)
        if value is None or value == current:
            continue
        proof = _proof(funding, texts, k, key, value)
        if proof:
            _set_cell(funding.rows[k], key, value)
            return reading, proof
    return None


def _proof(funding: Funding, texts: list[dict[str, str]], k: int, key: str, value: int
           ) -> str | None:
    """Which cross-foot, if any, gives exactly `value` for cell (row k, column key). Blank
    cells count 0; a cell with unreadable text in the sum proves nothing."""

    def known(j: int, col: str) -> int | None:
        v = _cells(funding.rows[j]).get(col)
        if v is None and j < len(texts) and texts[j].get(col):
            return None  # unreadable
        return v or 0

    row = funding.rows[k]
    columns = [col for col in _cells(row) if col != key]
    if key == "total":
        spread = [known(k, col) for col in columns]
        if spread and None not in spread and sum(v or 0 for v in spread) == value:
            return f"{row.label}'s years"
    else:
        others = [known(k, col) for col in columns if col != "total"]
        total = known(k, "total")
        if total and None not in others and total - sum(v or 0 for v in others) == value:
            return f"{row.label}'s 총사업비 less its other years"
    total_index = next((j for j, r in enumerate(funding.rows) if r.source == "total"), None)
    parts = [j for j, r in enumerate(funding.rows) if r.source != "total"]
    if total_index is None or not parts:
        return None
    if k == total_index:
        column = [known(j, key) for j in parts]
        if None not in column and sum(v or 0 for v in column) == value:
            return f"the sources of column {key}"
        return None
    expected = known(total_index, key)
    rest = [known(j, key) for j in parts if j != k]
    if expected and None not in rest and expected - sum(v or 0 for v in rest) == value:
        return f"계 less the other sources in column {key}"
    return None


def _set_cell(row: FundingRow, key: str, value: int) -> None:
    if key == "total":
        row.total_krw = value
    elif key == "prior":
        row.prior_krw = value
    elif key == "after_term":
        row.after_term_krw = value
    else:
        row.by_year_krw[key] = value


def _funding_row(source: str, row: list[str], columns: dict[int, str], unit_krw: int,
                 table: Table, r: int, log: WarningLog) -> FundingRow:
    values: dict[str, int | None] = {}
    for c, key in columns.items():
        cell = row[c] if c < len(row) else ""
        values[key] = money_in_unit(cell, unit_krw)
        if cell and values[key] is None:
            log.add("unparsed_amount", f"funding cell {cell!r} is not a number",
                    table=table.id, row=r, col=c)
    return FundingRow(
        source=source,  # type: ignore[arg-type]
        label=row[0],
        total_krw=values.get("total"),
        prior_krw=values.get("prior"),
        by_year_krw={k: v for k, v in values.items() if k.isdigit()},
        after_term_krw=values.get("after_term"),
    )


def funding_checks(card: Card, table: Table, log: WarningLog) -> list[Check]:
    funding = card.funding
    unit = funding.unit_krw or 1
    checks = _column_checks(funding, unit) + _row_checks(funding, unit)
    total_row = next((r for r in funding.rows if r.source == "total"), None)
    if card.total_budget_krw is not None and total_row and total_row.total_krw is not None:
        checks.append(_check("total_budget_matches_table", card.total_budget_krw,
                             total_row.total_krw, "총사업비 in 사업개요 vs 계 in the table", unit))
    for source, stated in card.budget_sources_krw.model_dump().items():
        row = next((r for r in funding.rows if r.source == source), None)
        if stated is not None and row and row.total_krw is not None:
            checks.append(_check(f"budget_source_matches_table:{source}", stated,
                                 row.total_krw, f"{row.label} in 사업개요 vs the table", unit))
    for check in checks:
        if not check.ok:
            log.add("check_failed", f"{check.name}: {check.detail}", table=table.id)
    return checks


def _cells(row: FundingRow) -> dict[str, int | None]:
    return {"total": row.total_krw, "prior": row.prior_krw, **row.by_year_krw,
            "after_term": row.after_term_krw}


def _column_checks(funding: Funding, unit: int) -> list[Check]:
    total = next((r for r in funding.rows if r.source == "total"), None)
    parts = [r for r in funding.rows if r.source != "total"]
    if total is None or not parts:
        return []
    checks = []
    for column, expected in _cells(total).items():
        found = [_cells(r).get(column) for r in parts]
        if expected is None and all(v is None for v in found):
            continue
        labels = "+".join(r.label for r in parts)
        checks.append(_check(f"sources_sum_to_total:{column}", expected or 0,
                             sum(v or 0 for v in found), f"{labels} = 계 ({column})", unit))
    return checks


def _row_checks(funding: Funding, unit: int) -> list[Check]:
    checks = []
    for row in funding.rows:
        if row.total_krw is None and not any(_cells(row).values()):
            continue
        spread = [row.prior_krw, *row.by_year_krw.values(), row.after_term_krw]
        checks.append(_check(f"years_sum_to_total:{row.source}", row.total_krw or 0,
                             sum(v or 0 for v in spread),
                             f"{row.label}: 기투자 + years + 임기이후 = 총사업비", unit))
    return checks


def _check(name: str, expected: int, found: int, what: str, unit: int) -> Check:
    ok = expected == found
    detail = f"{what}: {_fmt(found, unit)} {'=' if ok else '≠'} {_fmt(expected, unit)}"
    return Check(name=name, ok=ok, detail=detail)


def _fmt(value: int, unit: int) -> str:
    if unit > 1 and value % unit == 0:
        return f"{value // unit:,} (×{unit:,} won)"
    return f"{value:,}"


# --- 목표달성 ---------------------------------------------------------------------------------


def _goals_columns(table: Table) -> dict[str, int]:
    if not table.rows:
        return {}
    columns: dict[str, int] = {}
    for c, cell in enumerate(table.rows[0]):
        label = canonical_label(_PARENTHETICAL.sub("", cell)) or cell
        key = field_for_label("goals_column", label)
        if key and key not in columns:
            columns[key] = c
    return columns


@dataclass
class _GoalRows:
    """The rows of one 주요사업: a project runs until a year marker starts over."""

    name_parts: list[str]
    target_parts: list[str]
    statuses: list[str]
    details: list[str]


def parse_goals(table: Table, log: WarningLog) -> list[Goal]:
    columns = _goals_columns(table)
    cells = [{key: row[c] if c < len(row) else "" for key, c in columns.items()}
             for row in table.rows[1:]]
    starts = _project_starts(table, cells, columns.get("project"))
    groups: list[_GoalRows] = []
    for i, cell in enumerate(cells):
        if not groups or i in starts:
            groups.append(_GoalRows([], [], [], []))
        group = groups[-1]
        for key, parts in (("project", group.name_parts), ("target", group.target_parts),
                           ("status", group.statuses), ("details", group.details)):
            if cell.get(key):
                parts.extend(line.strip() for line in cell[key].split("\n") if line.strip())
    return [_goal(g, table, log) for g in groups if g.name_parts or g.target_parts]


def _project_starts(table: Table, cells: list[dict[str, str]], project_col: int | None) -> set[int]:
    """The body rows (0 = first row under the header) where a new 주요사업 begins.

    A PDF's merged 주요사업 cell says it exactly: its text stands in its first row. An OCR'd
    table spreads a project's name over several lines, often starting below its first
    target, so there a project begins where the yearly targets start over (`<'23년>` after
    `<'24년>`); with neither, each named row is a project.
    """
    merged = any(s.col == project_col and s.rowspan > 1 for s in table.spans)
    years = [[_full_year(y) for y in _YEAR_MARKER.findall(c.get("target", ""))] for c in cells]
    if merged or not any(years):
        return {i for i, c in enumerate(cells) if c.get("project")}
    starts, last_year = set(), 0
    for i, found in enumerate(years):
        if found and found[0] <= last_year:
            starts.add(i)
        last_year = found[-1] if found else last_year
    return starts


def _goal(group: _GoalRows, table: Table, log: WarningLog) -> Goal:
    targets = _split_targets(" ".join(group.target_parts))
    statuses = [_status(s, table, log) for s in group.statuses]
    if len(statuses) != len(targets):
        log.add("goal_status_mismatch", f"{len(targets)} yearly targets but {len(statuses)} "
                f"statuses for {' '.join(group.name_parts)!r}", table=table.id)
    for target, status in zip(targets, statuses, strict=False):
        target.status = status  # type: ignore[assignment]
    return Goal(project=" ".join(group.name_parts), targets=targets, details=group.details)


def _split_targets(text: str) -> list[GoalTarget]:
    marks = list(_YEAR_MARKER.finditer(text))
    if not marks:
        return [GoalTarget(text=text.strip())] if text.strip() else []
    targets = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        targets.append(GoalTarget(year=_full_year(mark.group(1)),
                                  text=text[mark.end():end].strip()))
    return targets


def _status(cell: str, table: Table, log: WarningLog) -> str | None:
    allowed = form_fields("status")
    if cell in allowed:
        return allowed[cell]
    found = [word for word in allowed if word in cell]
    if len(found) == 1:
        log.add("status_cell_extra_text", f"status cell {cell!r} read as {found[0]!r}",
                table=table.id)
        return allowed[found[0]]
    log.add("status_unknown", f"status cell {cell!r} is not one of {list(allowed)}",
            table=table.id)
    return None


def _full_year(two_or_four: str) -> int:
    year = int(two_or_four)
    return 2000 + year if year < 100 else year


# --- 도민소통 ---------------------------------------------------------------------------------


def parse_communication(table: Table, log: WarningLog) -> Communication:
    header, values = table.rows[0], table.rows[1] if len(table.rows) > 1 else []
    fields: dict[str, int | None] = {}
    unknown: list[int] = []
    for c, cell in enumerate(header):
        key = _communication_field(cell)
        if key is None:
            unknown.append(c)
            continue
        count = _count(values[c] if c < len(values) else "")
        if key in fields and fields[key] is not None:
            # Two columns of one field (주민간담회 | 공청회): both are counted, not the last.
            count = (fields[key] or 0) + (count or 0)
        fields[key] = count
    if unknown == [0] and "total" not in fields:
        # The form's first column is 계; an unreadable header there is still the total,
        # and the sum check below says whether the numbers agree.
        fields["total"] = _count(values[0] if values else "")
        log.add("header_by_position", f"도민소통 header {header[0]!r} not recognized; read as "
                "계 (the form's first column)", table=table.id, row=0, col=0)
    elif unknown:
        log.add("unparsed_header_cell", f"도민소통 headers not recognized: "
                f"{[header[c] for c in unknown]!r}", table=table.id)
    return Communication(**fields)


def communication_check(communication: Communication, table: Table,
                        log: WarningLog) -> Check | None:
    """계 of 도민소통 against the sum of its parts (blank parts count as zero)."""
    parts = communication.model_dump()
    total = parts.pop("total")
    if total is None:
        return None
    check = _check("communication_sum_to_total", total, sum(v or 0 for v in parts.values()),
                   "도민소통: 주민간담회 + 만족도 조사 + 자문 + 언론 + 기타 = 계", 1)
    if not check.ok:
        log.add("check_failed", f"{check.name}: {check.detail}", table=table.id)
    return check


def _communication_field(header: str) -> str | None:
    """The field a 도민소통 header names; None if it names none or several."""
    found = fields_in_header("communication", header)
    return found[0] if len(found) == 1 else None


def _count(cell: str) -> int | None:
    number = parse_number(cell)
    return int(number) if number is not None else None
