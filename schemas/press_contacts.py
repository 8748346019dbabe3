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
from .press_ocr import LABEL_JAMO_EDITS, looks_like_name, near_term, ocr_phone
from .press_text import contact_fields, term_set

_PHONE = re.compile(r"\(?0\d{1,2}\)?[-.\s]?\d{3,4}[-.\s]?\d{4}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_QUALIFIER = re.compile(r"\([^()]{1,10}\)")
_BRACKETS = re.compile(r"[()\[\]]")
_NAME = re.compile(r"[가-힣]{2,4}")
_SPACE = re.compile(r"\s+")


MIN_NEAR_LABEL = 3
"""An OCR'd label is matched a jamo off only from this length on (부서, 전화: 2-letter labels
one jamo off are ordinary words)."""


def find_contacts(tables: list[Table]) -> list[PressContact]:
    """The contacts of the first table that has any. In a table read by OCR, labels may be
    one jamo off, phone numbers have spaces inside, and a name is kept only when it looks
    like one (a garbled name is left out, never invented)."""
    for table in tables:
        contacts = [c for c in _by_header(table) or _by_pairs(table) if c.name or c.phone]
        if contacts:
            return contacts
    return []


def _field(cell: str, ocr: bool = False) -> str | None:
    """The field a label fills; a qualifier in parentheses is not part of it (`담당부서(총괄)`)."""
    label = _SPACE.sub("", _QUALIFIER.sub("", cell))
    exact = contact_fields().get(label)
    if exact or not ocr or not 0 < len(label) <= max(map(len, contact_fields())):
        return exact
    near = {f for known, f in contact_fields().items()
            if len(known) >= MIN_NEAR_LABEL and len(known) == len(label)
            and near_term(label, known, LABEL_JAMO_EDITS)}
    return near.pop() if len(near) == 1 else None


def _by_header(table: Table) -> list[PressContact]:
    for r, row in enumerate(table.rows):
        columns = {c: f for c, cell in enumerate(row) if (f := _field(cell, table.ocr))}
        # A header row is labels only; labels between values are label/value pairs.
        filled = sum(1 for cell in row if cell.strip())
        if len(columns) >= 2 and len(columns) == filled and "name" in columns.values():
            return _rows_below(table.rows[r + 1:], columns, table.ocr)
    return []


def _rows_below(rows: list[list[str]], columns: dict[int, str],
                ocr: bool = False) -> list[PressContact]:
    contacts: list[PressContact] = []
    carried: dict[str, str] = {}
    for row in rows:
        values = {f: row[c].strip() for c, f in columns.items() if c < len(row)}
        # A merged 담당부서 cell stands in its first row only: later rows inherit it.
        for key in ("department",):
            values[key] = values.get(key) or carried.get(key, "")
        carried.update({k: v for k, v in values.items() if v})
        if values.get("name"):
            contacts.append(_contact(values, ocr))
    return contacts


def _by_pairs(table: Table) -> list[PressContact]:
    """Label/value cells: `담당부서 | 국제경제과 | 책임자 | 과장 강병중(044-…)`. A value runs from
    its label to the next label, so a person split over cells (`과  장 | 강병중 | (044-…)`)
    is one value; a row below with no labels and a person in it (`사무관 | 신새리 | …`) is one
    more contact; the 담당부서 value may go on in its column on later rows (국 / 과) until the
    next 담당부서 label starts another office (a joint release lists several)."""
    people: list[tuple[int, dict[str, str]]] = []
    offices: list[list[str]] = [[]]
    dept_col: int | None = None
    for row in table.rows:
        cells = [c.strip() for c in row]
        labels = [i for i, c in enumerate(cells) if _field(c, table.ocr)]
        if dept_col is not None and dept_col < len(cells) and dept_col not in labels \
                and cells[dept_col] and not any(i < dept_col for i in labels):
            # Under one merged 담당부서 label, each office's block opens with its head (책임자).
            heads = any(_is_head_label(cells[i], table.ocr) for i in labels)
            if heads:
                offices.append([])
            offices[-1].append(cells[dept_col])
        for k, i in enumerate(labels):
            stop = labels[k + 1] if k + 1 < len(labels) else len(cells)
            span = [c for c in cells[i + 1:stop] if c]
            field = _field(cells[i], table.ocr) or ""
            if field == "department" and span:
                dept_col = next(j for j in range(i + 1, stop) if cells[j])
                offices.append([span[0]])
            elif field == "name" and span:
                people.append((len(offices) - 1, {"name": " ".join(span)}))
            elif field in ("phone", "position") and span and people \
                    and field not in people[-1][1]:
                # `연락처 | 044-…` on a row of its own: the last person's number
                people[-1][1][field] = " ".join(span)
        if not labels and people:
            rest = [c for j, c in enumerate(cells) if c and j != dept_col]
            person = " ".join(rest)
            if rest and (parse_person(person)[1] or (table.ocr and ocr_phone(person))):
                people.append((len(offices) - 1, {"name": person}))
    return [_contact({**p, "department": " ".join(offices[o])}, table.ocr) for o, p in people]


def _is_head_label(cell: str, ocr: bool) -> bool:
    label = _SPACE.sub("", cell)
    heads = term_set("contact_head_label")
    return label in heads or (ocr and any(len(h) >= MIN_NEAR_LABEL and len(h) == len(label)
                                          and near_term(label, h, LABEL_JAMO_EDITS)
                                          for h in heads))


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
    if position is None:  # `용찬재 사무관`: the position after the name
        position = next((r for r in _positions() if squashed.endswith(r)
                         and _NAME.fullmatch(squashed[:-len(r)])), None)
        name = squashed[:-len(position)] if position else squashed
    return (position, name if _NAME.fullmatch(name) else None,
            phone.group(0).strip("() ") if phone else None, email.group(0) if email else None)


def _positions() -> tuple[str, ...]:
    return tuple(sorted({*term_set("role"), *term_set("position")}, key=len, reverse=True))


def _contact(values: dict[str, str], ocr: bool = False) -> PressContact:
    position, name, phone, email = parse_person(values.get("name", ""))
    given_phone = values.get("phone", "")
    found = _PHONE.search(given_phone)
    if ocr:
        name = name if looks_like_name(name) else None
        phone = ocr_phone(values.get("name", ""))
        given = ocr_phone(given_phone)
        return PressContact(
            department=_SPACE.sub(" ", values.get("department", "")).strip() or None,
            position=values.get("position") or position, name=name,
            phone=given or phone, email=email)
    return PressContact(
        department=_SPACE.sub(" ", values.get("department", "")).strip() or None,
        position=values.get("position") or position,
        name=name,
        phone=found.group(0).strip("() ") if found else (phone or given_phone or None),
        email=email,
    )
