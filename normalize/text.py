"""Formatting-only normalization: NFC, HTML entities, inline markup, spaced-out labels.

Nothing here changes a word, so nothing here is a correction; typo fixes live in `typos`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from gongmun.extract.lines import squash

from .resources import read_table

# Inline markup that OCR and HTML exports leave in text; its content is kept.
_TAG = re.compile(r"</?(?:sup|sub|b|i|u|em|strong|span|font|br|mark|small|big)\b[^>]*>", re.I)
_SPACES = re.compile(r"[ \u00a0\u2002-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\ufeff]")


def clean_text(text: str) -> str:
    """NFC, entities decoded, inline tags removed, runs of spaces collapsed, ends trimmed."""
    text = unicodedata.normalize("NFC", text)
    # Tags first, then entities: `&lt;'23년&gt;` is text, not a tag, and must survive.
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=1)
def label_aliases() -> dict[str, str]:
    """Every written form of a label (joined and spaced out) -> its canonical label."""
    aliases: dict[str, str] = {}
    for row in read_table("labels.tsv"):
        canonical = row[0]
        variants = [canonical, *(v.strip() for v in row[1].split(",") if v.strip())] \
            if len(row) > 1 else [canonical]
        for variant in variants:
            aliases[squash(variant)] = canonical
    return aliases


def canonical_label(text: str) -> str | None:
    """The canonical label `text` spells (`공 약 명` -> `공약명`), or None."""
    return label_aliases().get(squash(clean_text(text)))


def join_spaced_label(text: str) -> str:
    """Join a spaced-out label standing alone or leading the text (`국 비 30,000`).

    Only the spaces go: an alias keeps its own spelling (`합 계` -> `합계`, never `계`), since
    replacing one word by another is a correction, not formatting.
    """
    if canonical_label(text) is not None:
        return squash(text)
    match = _LEADING_SPACED.match(text)
    if match and canonical_label(match.group(1)) is not None:
        return squash(match.group(1)) + text[match.end(1):]
    return text


# Two or more single syllables separated by single spaces, then a delimiter or the end.
_LEADING_SPACED = re.compile(r"^((?:[가-힣] ){1,5}[가-힣])(?=\s*(?:[:：]|\s|$))")
