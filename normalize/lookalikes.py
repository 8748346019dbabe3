"""Readings of OCR'd numbers: letters that OCR prints for digits (O for 0, l for 1, from the
`digit` rows of `data/ocr_confusions.tsv`), `.` printed for the thousands comma, and digits
inserted by a touching rule or speck. Light on purpose (no Kiwi, no spaCy): the card builder
uses it on OCR'd funding tables even when typo correction is off, and keeps a reading only
where the table's cross-foot proves it (or, for `53.036,400`, the grouping itself)."""

from __future__ import annotations

import re
from functools import cache

from .resources import read_table


@cache
def digit_lookalikes() -> dict[str, str]:
    """Letter seen -> the digit it stands for."""
    return {r[1]: r[2] for r in read_table("ocr_confusions.tsv") if r[0] == "digit"}


def digit_reading(text: str) -> str | None:
    """The number a cell would be with its letter look-alikes read as digits (`1,5OO` ->
    `1,500`, `l2` -> `12`), or None when it has none or is not number-shaped. Only a
    reading: a caller that has proof (a cross-foot) decides whether it stands."""
    table = digit_lookalikes()
    cell = text.strip()
    if not any(c in table for c in cell) or not any(c.isdigit() for c in cell):
        return None
    if not all(c.isdigit() or c in ",." or c in table for c in cell):
        return None
    return "".join(table.get(c, c) for c in cell)


_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_SEPARATOR_RUN = re.compile(r"[.,]{2,}")


def grouping_reading(text: str) -> str | None:
    """The number with `.` read as the thousands comma it stands for, when the text itself
    proves it: every separator is followed by exactly three digits and a `,` follows a `.`
    (`53.036,400` -> `53,036,400`: no decimal point comes before a thousands comma). None
    otherwise, `1.500` included: that is 1.5 or a misread 1,500, which only a cross-foot
    can tell (see `separator_readings`)."""
    cell = text.strip()
    if not _GROUPED.fullmatch(cell) or "." not in cell or "," not in cell[cell.index("."):]:
        return None
    return cell.replace(".", ",")


def separator_readings(text: str) -> list[str]:
    """Readings of an OCR'd number whose separators may be misread: `.` for the thousands
    comma (`1.500` -> `1,500`), and a doubled mark (`12.,000` -> `12,000`). Only readings:
    a caller with proof (a cross-foot) decides."""
    cell = _SEPARATOR_RUN.sub(",", text.strip())
    if not _GROUPED.fullmatch(cell):
        return []
    reading = cell.replace(".", ",")
    return [reading] if reading != text.strip() else []


MIN_DIGITS_FOR_INSERTED_DIGIT = 3
"""Dropping a digit from a one- or two-digit cell leaves almost any small number, which a
cross-foot could match by chance; the insertions seen in OCR'd tables (`37,100` for
`3,100`) are in amounts of three or more digits."""


def dropped_digit_readings(text: str) -> list[str]:
    """The numbers an OCR'd amount would be without one of its digits (`37,100` -> `3,100`,
    `7,100`, `3,700`, ...), regrouped by thousands: OCR inserts a digit where a rule or
    speck touched the text. Only readings: a caller with proof decides."""
    cell = text.strip()
    if not _GROUPED.fullmatch(cell) and not cell.isdigit():
        return []
    digits = cell.replace(",", "").replace(".", "") if "." not in cell or "," in cell \
        else None
    if digits is None or len(digits) < MIN_DIGITS_FOR_INSERTED_DIGIT:
        return []
    out: list[str] = []
    for i in range(len(digits)):
        rest = digits[:i] + digits[i + 1:]
        if rest.startswith("0"):
            continue
        grouped = f"{int(rest):,}"
        if grouped not in out:
            out.append(grouped)
    return out
