"""The spacing proposer: spaces OCR put inside words (사 업 -> 사업), removed where Kiwi's
language model says the two pieces are one word."""

from __future__ import annotations

import itertools
import re
from functools import cache

from ..resources import read_table
from .analysis import kiwi_score
from .arbiter import Edit, sigmoid
from .hangul import HANGUL, is_syllable

SPACE_JOIN_MIN_GAIN = 6.0
"""Kiwi log-score gain (nats) that removing a space between two Hangul syllables must bring.
Chosen on the dev documents of the real-OCR corpus (`python scripts/eval_ocr.py --split dev`):
valid spaces gain 0; see the README's OCR correction section for the sweep."""


def join_edits(text: str, min_gain: float = SPACE_JOIN_MIN_GAIN) -> list[Edit]:
    """Spaces between two Hangul syllables that Kiwi's language model says split a word:
    joining the two eojeols raises Kiwi's score by at least `min_gain` (a real
    space between words costs Kiwi nothing, so valid spacing scores a gain of 0). A text
    of lone syllables only (`구 분`, `국 비`: a letter-spaced form label) is left alone."""
    words = text.split(" ")
    if len(words) < 2 or _letter_spaced(words):
        return []
    edits: list[Edit] = []
    starts = list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))
    current, fragment = words[0], _lone_syllable(words[0])
    for start, right in zip(starts[1:], words[1:], strict=True):
        left = current
        # Only a piece cut off a word may be joined: a lone syllable, or what earlier
        # joins built from pieces; two whole words stay apart (바이오헬스 클러스터).
        if left and right and is_syllable(left[-1]) and is_syllable(right[0]) \
                and (fragment or _lone_syllable(right)) \
                and not _in_lone_run(words, start) and left + right not in _roles():
            gain = kiwi_score(left + right) - kiwi_score(f"{left} {right}")
            if gain >= min_gain:
                edits.append(Edit(start - 1, start, "", "space_join",
                                  sigmoid(gain - min_gain + 2)))
                current, fragment = left + right, True
                continue
        current, fragment = right, _lone_syllable(right)
    return edits


def _letter_spaced(words: list[str]) -> bool:
    """A form label set with a space between its letters (`구 분`, `보 도 자 료`, `금 융 66.8
    ...`): the Hangul words before the first non-Hangul word are all lone syllables but at most
    one, and nothing Hangul follows them."""
    head = list(itertools.takewhile(lambda w: bool(HANGUL.fullmatch(w)), words))
    rest = words[len(head):]
    lone = sum(_lone_syllable(w) for w in head)
    if len(head) >= 2 and lone >= len(head) - 1 and lone >= 2 \
            and not any(HANGUL.search(w) for w in rest):
        return True
    # Or the whole text is letters set apart (과 학 ·기 술), one word at most excepted.
    hangul = [h for h in (re.sub(r"[^가-힣]", "", w) for w in words) if h]
    return len(hangul) >= 2 and sum(len(h) > 1 for h in hangul) <= 1


def _in_lone_run(words: list[str], start: int) -> bool:
    """The space before the word at character `start` sits in a run of three or more lone
    syllables opening the text (`관 항 목 당초 추경`, a letter-spaced header): layout, not OCR
    damage we can tell apart. Inside a line such runs are OCR's (바 이 오 헬스)."""
    starts = list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))
    k = starts.index(start)
    head = len(list(itertools.takewhile(_lone_syllable, words)))
    return head >= 3 and k < head


@cache
def _roles() -> frozenset[str]:
    """Titles (과장, 국장: `entities.tsv`), which forms letter-space (과 장)."""
    return frozenset(r[1] for r in read_table("entities.tsv") if r[0] == "role" and len(r) > 1)


def _lone_syllable(word: str) -> bool:
    return len(word) == 1 and is_syllable(word)
