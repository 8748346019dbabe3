"""The number punctuation proposer: thousands separators OCR lost or misread, where the number's
own groups or its neighbours prove them.

- `53.036,400`, `1.242.000`: two or more groups of three digits after the first; a decimal
  number has one point, so every point is a misread comma;
- `87.750원`: a won amount has no fractional part of three digits;
- `5.000` and `72000` in a line whose other numbers are written with commas (`국비 15,000,
  도비 5.000, 시군비 72000`): the line's own convention proves the separator.

A bare number whose first two digits are equal (`77200` beside `1,440`) is left: OCR reads a
comma as the digit before it (7,200 -> 77200), and only the table's totals could tell.
"""

from __future__ import annotations

import re

from .arbiter import Edit

GROUPED_CONFIDENCE = 0.97
"""Points inside groups of three digits made commas: 19 of 19 right on dev."""

BARE_CONFIDENCE = 0.94
"""Commas put into a bare number of 4-7 digits in a line of comma-grouped numbers: 17 of 18
right on dev (the wrong one, `12718`, was `12개월` misread)."""

_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?!\d)")
_POINTED = re.compile(r"(?<![\d.,])([1-9]\d{0,2}(?:[.,]\d{3})+)(?!\d|\.\d)")
_BARE = re.compile(r"(?<![\d.,\-:/'’‘])([1-9]\d{3,6})(?![\d\-:/.]|\s?[년월일호번차])")


def number_punct_edits(text: str) -> list[Edit]:
    """Thousands separators restored where the number or its line proves them."""
    grouped = _GROUPED.search(text) is not None
    edits = []
    for m in _POINTED.finditer(text):
        number = m.group(1)
        if "." not in number:
            continue
        several = number.count(".") + number.count(",") >= 2
        won = text[m.end():m.end() + 1] == "원"
        if several or won or grouped:
            edits.append(Edit(m.start(1), m.end(1), number.replace(".", ","),
                              "number_punct:point", GROUPED_CONFIDENCE))
    if grouped:
        for m in _BARE.finditer(text):
            digits = m.group(1)
            if digits[0] == digits[1]:
                continue  # 77200 may be 7,200 with the comma read as a 7: not proved
            if len(digits) == 4 and 1900 <= int(digits) <= 2100:
                continue  # a year (2024 2025 2026 over a table's columns)
            edits.append(Edit(m.start(1), m.end(1), f"{int(digits):,}",
                              "number_punct:comma", BARE_CONFIDENCE))
    return edits
