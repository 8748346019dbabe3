"""Letters that OCR prints for digits (O for 0, l for 1), read from the `digit` rows of
`data/ocr_confusions.tsv`. Light on purpose (no Kiwi, no spaCy): the card builder uses it on
OCR'd funding tables even when typo correction is off."""

from __future__ import annotations

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
