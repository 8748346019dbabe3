"""What one line of text is (heading, list item, caption, paragraph), from its leading marker.

Shared by every reader: OCR markdown, scraped text and the text lines of a PDF page all use
the same markers of Korean administrative writing (□ ○ - ※ 《》 ① ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import BlockType

_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_SECTION = re.compile(r"^([□■◆◇▣])\s*")
_SUBSECTION = re.compile(r"^[《<＜]{1,2}\s*(.+?)\s*[》>＞]{1,2}$")
_DASHED_TITLE = re.compile(r"^[-–]\s*[<＜《]\s*(.+?)\s*[>＞》]\s*[-–]$")  # "- <기대효과> -"
_BULLET = re.compile(r"^([○●◦◎∘ㅇ]|[-–·•▪‧]|※|\*)\s*")
_CAPTION = re.compile(r"^([▲△▶])\s*")
_CIRCLED = re.compile(r"^([\u2460-\u2473])\s*")  # ① .. ⑳
_NUMBERED = re.compile(r"^([1-9]\d?)(?:[.)]\s*|\s+)(?=[^\d\s.,)])")

_WHITESPACE = re.compile(r"\s+")

BULLET_LEVEL = {"○": 1, "●": 1, "◦": 1, "◎": 1, "∘": 1, "ㅇ": 1, "※": 3, "*": 3}


@dataclass(frozen=True)
class LineKind:
    type: BlockType
    text: str
    """The line without its marker."""
    marker: str | None = None
    level: int | None = None


def classify_line(line: str) -> LineKind:
    text = line.strip()
    level: int | None = None
    if m := _MD_HEADING.match(text):
        level = len(m.group(1))
        text = text[m.end():].strip()
        inner = classify_line(text)
        marker = inner.marker if inner.type is BlockType.HEADING else None
        return LineKind(BlockType.HEADING, inner.text if marker else text, marker, level)
    if m := _DASHED_TITLE.match(text):
        return LineKind(BlockType.HEADING, m.group(1), "<>", level)
    if m := _SUBSECTION.match(text):
        return LineKind(BlockType.HEADING, m.group(1), "《》", level)
    if m := _SECTION.match(text):
        return LineKind(BlockType.HEADING, text[m.end():].strip(), m.group(1), level)
    if m := _CAPTION.match(text):
        return LineKind(BlockType.CAPTION, text[m.end():].strip(), m.group(1))
    if m := _CIRCLED.match(text):
        return LineKind(BlockType.LIST_ITEM, text[m.end():].strip(), m.group(1), 1)
    if m := _NUMBERED.match(text):
        return LineKind(BlockType.LIST_ITEM, text[m.end():].strip(), m.group(1), 1)
    if m := _BULLET.match(text):
        marker = m.group(1)
        return LineKind(BlockType.LIST_ITEM, text[m.end():].strip(), marker,
                        BULLET_LEVEL.get(marker, 2))
    return LineKind(BlockType.PARAGRAPH, text)


def squash(text: str) -> str:
    """`text` without any whitespace: how two layouts of the same words are compared (a label
    spaced out as `공 약 명`, a line the page wrapped elsewhere)."""
    return _WHITESPACE.sub("", text)
