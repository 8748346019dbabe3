"""Unit lines: `(단위 : 백만 원)` right above a table says what its numbers count.

One rule for the readers of text, HTML and word processor files (the PDF reader applies it
to the words of a page, by their position): a unit line followed by a table becomes that
table's `unit` and leaves the text; followed by anything else, it is ordinary text, kept as
written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, BlockType

UNIT_LINE = re.compile(r"^\(?\s*단위\s*[:：]\s*([^)]+?)\s*\)?$")
# A unit phrase at the end of a line (a table's title beside it): `□ 지역별 현황 (단위: 억 달러)`.
_TRAILING_UNIT = re.compile(r"\(\s*단위\s*[:：][^()]*\)\s*$")


def split_trailing_unit(line: str) -> tuple[str, str] | None:
    """`(the line before the unit phrase, the phrase)` when `line` ends in one, else None."""
    trailing = _TRAILING_UNIT.search(line)
    if trailing is None or not UNIT_LINE.match(trailing.group(0).strip()):
        return None
    return line[: trailing.start()].strip(), trailing.group(0).strip()


@dataclass
class PendingUnit:
    """A unit line waiting for what follows it."""

    unit: str | None = None
    text: str | None = None
    """The line as written."""
    line: int | None = None
    """Its 1-based source line, for text formats."""

    def hold(self, text: str, line: int | None = None) -> bool:
        """Hold `text` if it is a unit line (and say whether it was)."""
        match = UNIT_LINE.match(text.strip())
        if match is None:
            return False
        self.unit, self.text, self.line = match.group(1), text.strip(), line
        return True

    def take(self) -> str | None:
        """The unit, for the table that follows: the line is used up."""
        unit = self.unit
        self.unit = self.text = self.line = None
        return unit

    def release(self) -> Block | None:
        """The held line as a paragraph (no table followed it), or None."""
        if self.text is None:
            return None
        block = Block(BlockType.PARAGRAPH, self.text, line=self.line)
        self.take()
        return block
