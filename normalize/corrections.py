"""What a correction is, and what a corrector looks like (the hook the OCR corrector fills)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

Location = dict[str, int | str | None]
"""Where text sits: `{block, page, line}` or `{table, row, col, page, line}`, plus the
character span `{start, end}` of the corrected text within that block or cell."""


@dataclass(frozen=True)
class Correction:
    """One change to the text that is more than formatting.

    `location["start"]:location["end"]` spans `corrected` in the final text of its block or
    cell; putting `original` back there, last correction first, restores the source text.
    """

    original: str
    corrected: str
    rule: str
    location: Location
    confidence: float


@dataclass(frozen=True)
class TextContext:
    """Where a piece of text sits, so that a corrector can use the layout as evidence."""

    location: Location
    block_type: str | None = None
    """A block's type (`paragraph`, `list_item`, `heading`, ...) or `table_cell`."""
    column_header: str | None = None
    row_label: str | None = None
    column_values: tuple[str, ...] = field(default_factory=tuple)
    """Every cell of the same column, header included (a status column, say)."""
    row_values: tuple[str, ...] = field(default_factory=tuple)
    """Every cell of the same row (a form row: label, value, label, value ...)."""


class Corrector(Protocol):
    """A normalization component: text in, corrected text and the corrections made out."""

    def __call__(self, text: str, context: TextContext) -> tuple[str, list[Correction]]: ...


def restore_original(text: str, corrections: list[Correction]) -> str:
    """Undo `corrections` (all made to this one text) to get the text before correction."""
    for fix in sorted(corrections, key=lambda c: int(c.location.get("start") or 0), reverse=True):
        start, end = int(fix.location["start"] or 0), int(fix.location["end"] or 0)
        text = text[:start] + fix.original + text[end:]
    return text
