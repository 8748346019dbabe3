"""The contact table of an official 보도자료 (담당부서 / 직위 / 담당자 / 연락처).

Two layouts are common: a header row of labels with one contact per row below it (a merged
담당부서 cell covering several rows), and label/value pairs across a row
(`담당부서 | 바이오헬스과 | 담당자 | 홍길동 | 연락처 | 033-...`). Labels come from
`press_terms.tsv` (`contact_label`).
"""

from __future__ import annotations

import re

from gongmun.extract.model import Table

from .models import PressContact
from .press_text import contact_fields, term_set

_PHONE = re.compile(r"\(?0\d{1,2}\)?[-.\s]?\d{3,4}[-.\s]?\d{4}")
_SPACE = re.compile(r"\s+")


def find_contacts(tables: list[Table]) -> list[PressContact]:
    for table in tables:
        contacts = _by_header(table) or _by_pairs(table)
        if contacts:
            return contacts
    return []


def _field(cell: str) -> str | None:
    return contact_fields().get(_SPACE.sub("", cell))


def _by_header(table: Table) -> list[PressContact]:
    for r, row in enumerate(table.rows):
        columns = {c: f for c, cell in enumerate(row) if (f := _field(cell))}
        if len(columns) >= 2 and "name" in columns.values():
            return _rows_below(table.rows[r + 1:], columns)
    return []


def _rows_below(rows: list[list[str]], columns: dict[int, str]) -> list[PressContact]:
    contacts: list[PressContact] = []
    carried: dict[str, str] = {}
    for row in rows:
        values = {f: row[c].strip() for c, f in columns.items() if c < len(row)}
        # A merged 담당부서 cell stands in its first row only: later rows inherit it.
        for key in ("department",):
            values[key] = values.get(key) or carried.get(key, "")
        carried.update({k: v for k, v in values.items() if v})
        if values.get("name"):
            contacts.append(_contact(values))
    return contacts


def _by_pairs(table: Table) -> list[PressContact]:
    contacts: list[PressContact] = []
    department = ""
    for row in table.rows:
        values: dict[str, str] = {}
        cells = [c.strip() for c in row]
        for i, cell in enumerate(cells):
            field = _field(cell)
            value = next((v for v in cells[i + 1:] if v), "") if field else ""
            if field and value and not _field(value):
                values.setdefault(field, value)
        department = values.get("department") or department
        if values.get("name"):
            values["department"] = department
            contacts.append(_contact(values))
    return contacts


def _contact(values: dict[str, str]) -> PressContact:
    name = values.get("name", "")
    position = values.get("position") or None
    # "과장 김철수" / "주무관 이영희": a title written with the name.
    for role in term_set("role"):
        squashed = _SPACE.sub("", name)
        if squashed.startswith(role) and len(squashed) > len(role):
            position, name = position or role, squashed[len(role):]
            break
    phone = values.get("phone", "")
    found = _PHONE.search(phone) or _PHONE.search(values.get("name", ""))
    return PressContact(
        department=values.get("department") or None,
        position=position,
        name=_PHONE.sub("", name).strip(" ()") or None,
        phone=found.group(0) if found else (phone or None),
    )
