"""Kiwi's reading of a text: its morphemes, its score, and the score of a candidate."""

from __future__ import annotations

from functools import lru_cache

from ..korean import Morph, get_kiwi, kiwi_morphs

WINDOW_CHARS = 24
"""Characters either side of a candidate that its score reads at most: longer than any word
of the corpus (the longest dev eojeol is well under this), so only runs without spaces are
cut."""

CONTENT_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "MAG", "MM", "XR", "SL")
"""Kiwi tags of words that carry content (a valid word of these is never changed)."""


class Analysis:
    """Kiwi's analysis of one text, and the scores of candidate texts (cached)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._morphs: list[Morph] | None = None
        self._score: float | None = None

    @property
    def morphs(self) -> list[Morph]:
        if self._morphs is None:
            self._morphs = kiwi_morphs(self.text)
        return self._morphs

    @property
    def score(self) -> float:
        if self._score is None:
            self._score = kiwi_score(self.text)
        return self._score

    def eojeol_window(self, start: int, end: int) -> tuple[int, int]:
        """The eojeol around text[start:end], at most `WINDOW_CHARS` either side (a run of
        thousands of characters without a space must not make each candidate's score cost
        the whole run: the work stays linear in the text)."""
        a = max(self.text.rfind(" ", 0, start) + 1, start - WINDOW_CHARS)
        b = self.text.find(" ", end)
        b = len(self.text) if b < 0 else b
        return a, min(b, end + WINDOW_CHARS)

    def local_gain(self, start: int, end: int, replacement: str) -> float:
        """How much Kiwi's score of the eojeol around text[start:end] rises when it is
        replaced (a whole-text score drifts with far-away choices of the analysis)."""
        a, b = self.eojeol_window(start, end)
        before = self.text[a:b]
        after = self.text[a:start] + replacement + self.text[end:b]
        return kiwi_score(after) - kiwi_score(before)

    def fragmented(self, start: int, end: int) -> bool:
        """Kiwi reads text[start:end] only as one-syllable pieces or an unknown word: the
        analysis of something that is not a word."""
        inside = [m for m in self.morphs if m.start < end and start < m.end]
        return bool(inside) and all(m.end - m.start == 1 or m.oov for m in inside)

    def valid_word_at(self, pos: int) -> bool:
        """Kiwi reads a dictionary word of 2+ syllables, as written, through position pos."""
        for m in self.morphs:
            if m.start <= pos < m.end and m.end - m.start >= 2 and not m.oov \
                    and m.tag.startswith(CONTENT_TAGS) and self.text[m.start:m.end] == m.form:
                return True
        return False

    def same_words(self, pos: int, new: str) -> bool:
        """Writing `new` at pos does not merge it into a proper-noun guess (read in the
        eojeol window around pos)."""
        a, b = self.eojeol_window(pos, pos + 1)
        candidate = self.text[a:pos] + new + self.text[pos + 1:b]
        at = pos - a
        return all(not (m.start <= at < m.end and m.oov) for m in kiwi_morphs(candidate))


def word_is_valid_at(text: str, pos: int) -> bool:
    """Kiwi reads a dictionary word of 2+ syllables, as written, through text[pos]."""
    return Analysis(text).valid_word_at(pos)


@lru_cache(maxsize=8192)
def kiwi_score(text: str) -> float:
    """Kiwi's log-probability of its best analysis of `text`."""
    return float(get_kiwi().analyze(text, top_n=1)[0][1])
