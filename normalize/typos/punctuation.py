"""Punctuation proposers: marks and the spaces around them that OCR misreads in the fixed
patterns of reports. Each is a function of the text alone; the dev figures are on the dev
documents of the real-OCR corpus (`scripts/eval_ocr.py --split dev`).

- `triangle_edits`: `A` before a decimal number is the minus sign △ of Korean statistics
  (`전년동기비A11.3%` -> △11.3%);
- `year_apostrophe_edits`: a two-digit year after an item's colon lost its apostrophe
  (`: 23. 10월` -> `: '23. 10월`);
- `item_colon_edits`: an item line's label lost the space before its colon (`○ 사업량: ...`);
- `quote_space_edits`: a space OCR put inside quotation marks (`" 주민과`, `것" 이라며`);
- `paren_space_edits`: a space OCR put before a parenthesis of a count, an office or an
  item's qualifier (`개최 (1회)`, `착수 (중소벤처기업부)`), or just inside one (`확보( 산림청)`).
"""

from __future__ import annotations

import re
from functools import cache

from ..resources import read_table
from .arbiter import Edit

TRIANGLE_CONFIDENCE = 0.96
"""`A` read for △ before a decimal: 29 of 29 right on dev."""

YEAR_APOSTROPHE_CONFIDENCE = 0.95
"""The apostrophe of a two-digit year after an item's colon: 8 of 8 right on dev."""

ITEM_COLON_CONFIDENCE = 0.93
"""A space before an item label's colon: on dev 57 of 65 right over every `word: ` (the wrong
ones `(단위:`, `하절기:`, `공문제출번호:` do not open a bulleted item), so only item lines, a
mark and a short label before the colon, are proposed."""

QUOTE_SPACE_CONFIDENCE = 0.95
"""A space inside quotation marks: 25 of 25 right on dev (15 after an opening mark, 10 after a
closing one before the quoting ending 이라며/라고/고)."""

PAREN_SPACE_CONFIDENCE = 0.95
"""A space before a parenthesis of a count or an office, or of an item's qualifier before its
colon (`완료 (영월군) :`): 17 of 17 and 7 more of 7 right on dev; a space just inside an
opening parenthesis glued to a word (`확보( 산림청)`): 16 of 16 (the one wrong, `( 환경...` at
a line's start, was a bullet, so the parenthesis must follow a character)."""

@cache
def _rows() -> dict[str, str]:
    return {r[0]: r[1] for r in read_table("ocr_punctuation.tsv") if len(r) == 2}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The layout patterns of `data/ocr_punctuation.tsv`, by name."""
    return {name: re.compile(p) for name, p in _rows().items() if name != "item_marks"}


def item_marks() -> str:
    """The marks that open a report's item (`item_marks` in `data/ocr_punctuation.tsv`): a
    colon after the label that follows is the item's."""
    return _rows()["item_marks"]


def punctuation_edits(text: str, markers: frozenset[str] = frozenset()) -> list[Edit]:
    """Every punctuation proposal for one text; `markers` are OCR tokens known to stand for
    an item's mark (`O`, `(>`), so an item still opened by one is an item."""
    return [*triangle_edits(text), *year_apostrophe_edits(text),
            *item_colon_edits(text, markers), *quote_space_edits(text),
            *paren_space_edits(text)]


def triangle_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.end(), "△", "punct:A→△", TRIANGLE_CONFIDENCE)
            for m in _patterns()["triangle"].finditer(text)]


def year_apostrophe_edits(text: str) -> list[Edit]:
    return [Edit(m.start(), m.start(), "'", "punct:year_apostrophe", YEAR_APOSTROPHE_CONFIDENCE)
            for m in _patterns()["year_apostrophe"].finditer(text)]


def item_colon_edits(text: str, markers: frozenset[str] = frozenset()) -> list[Edit]:
    m = _patterns()["item_colon"].match(text)
    if m is None:
        return []
    mark = m.group(1)
    if not (len(mark) == 1 and mark in item_marks()) and mark not in markers:
        return []
    at = m.end(2)
    return [Edit(at, at, " ", "punct:item_colon", ITEM_COLON_CONFIDENCE)]


def quote_space_edits(text: str) -> list[Edit]:
    spaces = [*_patterns()["quote_open"].finditer(text),
              *_patterns()["quote_close"].finditer(text)]
    return [Edit(m.start(), m.end(), "", "punct:quote_space", QUOTE_SPACE_CONFIDENCE)
            for m in spaces]


def paren_space_edits(text: str) -> list[Edit]:
    spaces = [*_patterns()["paren"].finditer(text),
              *_patterns()["paren_inside"].finditer(text)]
    return [Edit(m.start(), m.end(), "", "punct:paren_space", PAREN_SPACE_CONFIDENCE)
            for m in spaces]
