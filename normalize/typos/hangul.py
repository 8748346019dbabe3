"""Hangul syllables and their jamo: the units OCR confuses (초성, 중성, 받침)."""

from __future__ import annotations

import re

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ",
           "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
HANGUL = re.compile(r"[가-힣]+")


def is_syllable(ch: str) -> bool:
    return len(ch) == 1 and "가" <= ch <= "힣"


def decompose(ch: str) -> tuple[str, str, str]:
    code = ord(ch) - 0xAC00
    return INITIALS[code // 588], VOWELS[(code % 588) // 28], FINALS[code % 28]


def compose(initial: str, vowel: str, final: str) -> str:
    return chr(0xAC00 + INITIALS.index(initial) * 588 + VOWELS.index(vowel) * 28
               + FINALS.index(final))


def jamo(text: str) -> str:
    """The jamo of a text, syllable by syllable (`담` -> `ㄷㅏㅁ`)."""
    return "".join("".join(decompose(c)) if is_syllable(c) else c for c in text)
