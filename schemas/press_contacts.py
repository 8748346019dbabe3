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
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BRACKETS = re.compile(r"[()\[\]]")
_NAME = re.compile(r"[가-힣]{2,4}")
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
        # A header row is labels only; labels between values are label/value pairs.
        filled = sum(1 for cell in row if cell.strip())
        if len(columns) >= 2 and len(columns) == filled and "name" in columns.values():
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
    """Label/value cells: `담당부서 | 국제경제과 | 책임자 | 과장 강병중(044-…)`; a row below with
    no labels and a person's cell (`사무관 신새리(044-…)`) is one more contact of that office."""
    contacts: list[PressContact] = []
    department = ""
    for row in table.rows:
        values: dict[str, str] = {}
        people: list[str] = []
        cells = [c.strip() for c in row]
        for i, cell in enumerate(cells):
            field = _field(cell)
            value = next((v for v in cells[i + 1:] if v), "") if field else ""
            if field and value and not _field(value):
                if field == "name":
                    people.append(value)
                values.setdefault(field, value)
        department = values.get("department") or department
        if not values and contacts:
            people = [c for c in cells if c and parse_person(c)[1]]
        for person in people:
            contacts.append(_contact({**values, "name": person, "department": department}))
    return contacts


def parse_person(cell: str) -> tuple[str | None, str | None, str | None, str | None]:
    """`과 장 강병중(044-215-7630)` -> (과장, 강병중, 044-215-7630, None);
    `사무관 황예진(yejin1210@korea.kr` -> (사무관, 황예진, None, yejin1210@korea.kr)."""
    phone = _PHONE.search(cell)
    email = _EMAIL.search(cell)
    text = _EMAIL.sub(" ", _PHONE.sub(" ", cell))
    squashed = _SPACE.sub("", _BRACKETS.sub(" ", text))
    position = next((r for r in _positions() if squashed.startswith(r)
                     and len(squashed) > len(r)), None)
    name = squashed[len(position):] if position else squashed
    return (position, name if _NAME.fullmatch(name) else None,
            phone.group(0).strip("() ") if phone else None, email.group(0) if email else None)


def _positions() -> tuple[str, ...]:
    return tuple(sorted({*term_set("role"), *term_set("position")}, key=len, reverse=True))


def _contact(values: dict[str, str]) -> PressContact:
    position, name, phone, email = parse_person(values.get("name", ""))
    given_phone = values.get("phone", "")
    found = _PHONE.search(given_phone)
    return PressContact(
        department=_SPACE.sub(" ", values.get("department", "")).strip() or None,
        position=values.get("position") or position,
        name=name,
        phone=found.group(0).strip("() ") if found else (phone or given_phone or None),
        email=email,
    )
