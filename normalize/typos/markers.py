"""The line-opening mark proposer: a bullet OCR printed as something else (`O` or `(>` for ○,
`ㅁ` for □), from `data/ocr_markers.tsv`, estimated on the dev OCR corpus by
`scripts/ocr_channel.py` per (token, line shape): the same token stands for ○ before an item
(`O 사업기간 : 2023년~`), for □ before a short section heading (`O 사업개요`) and for nothing
before a row of numbers, so the rule is kept only for the shapes where it was reliable."""

from __future__ import annotations

import re
from functools import cache

from ..resources import read_table
from .arbiter import Edit

HEADING_MAX_SYLLABLES = 10
"""A line of at most this many Hangul syllables after its opening token (and no colon) is a
section heading (`□ 추진실적(성과)`, `□ 재원투자 실적 및 계획`); a longer one is an item. On
dev the □ headings after an `O` had at most 8 syllables (`국가별 동향(상위 5개)`), the ○ items
without a colon at least 11 (`전문 인력 확보 방안 마련 필요`) but for two lines of OCR garbage
(`O Aaa HA 19동 조정`): any bound from 8 to 10 separates them, and the widest is taken (the
card's `재원투자 실적 및 계획` has 9). A short line with Latin letters is not a heading."""

SHAPES = ("item", "heading", "text", "other")
"""Line shapes after the opening token: `item` a label and a colon (`사업기간 : ...`),
`heading` a short Hangul line (no Latin letters), `text` a longer Hangul line, `other` no
Hangul (a row of numbers: `0 0 12`)."""


def line_shape(rest: str) -> str:
    """The shape of a line after its opening token (one of `SHAPES`)."""
    syllables = len(re.findall(r"[가-힣]", rest))
    if not syllables:
        return "other"
    if ":" in rest:
        return "item"
    if syllables <= HEADING_MAX_SYLLABLES and not re.search(r"[A-Za-z]", rest):
        return "heading"
    return "text"


def opening_token(text: str) -> tuple[str, str] | None:
    """The line's first token and the rest after it, or None for a one-token line."""
    token, sep, rest = text.partition(" ")
    if not token or not sep:
        return None
    return token, rest


def marker_edits(text: str) -> list[Edit]:
    """The opening token read as the mark it stood for on dev, in this line's shape; its
    confidence is the dev precision of the rule."""
    opened = opening_token(text)
    if opened is None:
        return []
    token, rest = opened
    shape = line_shape(rest)
    found = _markers().get((token, shape))
    if found is None and shape != "other":
        found = _markers().get((token, "*"))  # the token's pooled rule (`ocr_markers.tsv`)
    if found is None:
        return []
    mark, precision = found
    return [Edit(0, len(token), mark, f"marker:{token}→{mark}", precision)]


@cache
def _markers() -> dict[tuple[str, str], tuple[str, float]]:
    """(token, shape) -> (the mark it stands for, its dev precision)."""
    return {(r[0], r[1]): (r[2], int(r[3]) / int(r[4])) for r in read_table("ocr_markers.tsv")
            if len(r) == 5}


def marker_tokens() -> frozenset[str]:
    """The OCR tokens that stand for a mark in some line shape."""
    return frozenset(token for token, _ in _markers())
