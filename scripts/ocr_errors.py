"""OCR errors as differences between two texts: character alignment (rapidfuzz's Levenshtein
opcodes) grouped into error spans, each given a class. Used to estimate the corrector's
channel from the real-OCR corpus (`scripts/ocr_channel.py`) and to score it (`make eval`).

Classes:

- `spacing`: only whitespace differs (a space lost or added);
- `hangul_jamo`: Hangul syllables read as other syllables differing in one jamo each
  (초성, 중성 or 받침: 시업화 for 사업화, 하가 for 허가);
- `hangul_glyph`: other Hangul-for-Hangul readings (a syllable lost, two merged, a whole glyph
  read as another);
- `latin_digit`: Latin letters and digits on both sides (Al for AI, O for 0, l for 1);
- `symbol`: a bullet or punctuation mark read as something else (○ as O, △ as A, · as -);
- `garbage`: anything else (Hangul read as Latin letters, text lost or invented).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

CLASSES = ("hangul_jamo", "hangul_glyph", "latin_digit", "symbol", "spacing", "garbage")
TARGETED = ("hangul_jamo", "hangul_glyph", "latin_digit")
"""The classes the word corrector targets; `spacing`, `symbol` and `garbage` are reported
but left to layout code (or to nobody): see the README's OCR correction section."""

_HANGUL = re.compile(r"^[가-힣]+$")
_ALNUM = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Diff:
    """`a[a_start:a_end]` stands where `b[b_start:b_end]` stands."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int

    def seen(self, a: str) -> str:
        return a[self.a_start:self.a_end]

    def meant(self, b: str) -> str:
        return b[self.b_start:self.b_end]


def diffs(a: str, b: str) -> list[Diff]:
    """The differing stretches of a and b; adjacent edits merge unless one of them is only
    whitespace (a lost space next to a misread syllable are two errors)."""
    out: list[Diff] = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        d = Diff(op.src_start, op.src_end, op.dest_start, op.dest_end)
        if out and out[-1].a_end == d.a_start and out[-1].b_end == d.b_start \
                and not _blank(out[-1], a, b) and not _blank(d, a, b):
            last = out.pop()
            d = Diff(last.a_start, d.a_end, last.b_start, d.b_end)
        out.append(d)
    return out


def _blank(d: Diff, a: str, b: str) -> bool:
    return not (d.seen(a) + d.meant(b)).strip()


def classify(seen: str, meant: str) -> str:
    if not (seen + meant).strip() or seen.split() == meant.split():
        return "spacing"
    s, m = seen.strip(), meant.strip()
    if _HANGUL.match(s) and _HANGUL.match(m):
        if len(s) == len(m) and all(_one_jamo(x, y) for x, y in zip(s, m, strict=True)
                                    if x != y):
            return "hangul_jamo"
        return "hangul_glyph"
    if _ALNUM.search(s) and _ALNUM.search(m) and not re.search(r"[가-힣]", s + m):
        return "latin_digit"
    if m and not re.search(r"[가-힣A-Za-z0-9]", m):
        return "symbol"
    return "garbage"


def _one_jamo(x: str, y: str) -> bool:
    a, b = ord(x) - 0xAC00, ord(y) - 0xAC00
    parts_a = (a // 588, (a % 588) // 28, a % 28)
    parts_b = (b // 588, (b % 588) // 28, b % 28)
    return sum(p != q for p, q in zip(parts_a, parts_b, strict=True)) == 1
