"""Decipherment of outline glyphs: one reading per shape, chosen by a language model.

An outline glyph's shape is the same path wherever the syllable stands (`glyphs`), so the
reading of a shape is one decision for all its occurrences. Tesseract misreads some glyphs
of a font the same way every time (월 as 윌, 원 as 윗), which a majority of its readings
cannot undo; the words those readings make, though, are not Korean (`7윌중`, `조윗`). So each
shape's reading is chosen, among the OCR's reading and the syllables one letter (jamo) away
from it, as the one that makes the words it stands in likeliest under Kiwi's language model,
summed over every occurrence: a substitution cipher solved by coordinate ascent over shapes,
with the OCR reading kept unless another wins by a clear margin (`MIN_GAIN`). A reading is
charged the ink it differs by from the OCR's (`INK_COST`), and the channel is re-estimated
as the search goes: a jamo edit already made for other shapes (this font's final ㄴ lost:
저 for 전, 과 for 관) costs less for the next (시 for 신), as in EM decipherment.

Words are templates: literal text (digits and signs from the text layer, letters OCR read
without a glyph under them) and glyph slots filled with their shape's current reading.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
Scorer = Callable[[Sequence[str]], list[float]]
"""Log-probabilities (natural log) of texts under a language model, one per text."""

MIN_GAIN = 10.0
"""Kiwi log-probability (nats) a reading must add over the OCR's, summed over the shape's
occurrences (after `INK_COST`), to replace it. A misread syllable makes its word an unknown
noun or a wrong split, ~10-20 nats worse (7윌중 -34.4 vs 7월중 -19.9; 금융위윗회 -43.1 vs
금융위원회 -21.2); rival valid words differ by a few. Chosen on the dev outline PDFs
(`scripts/outline_pdf.py`, three fonts): at 6 two right words of garbled lines changed
(완->원, 아->이), at 10 and 15 none."""
SHORTLIST = 4
"""Readings of a shape scored in all its windows: the best in its commonest window (see
`shortlist`)."""
MIN_OCCURRENCES = 2
"""Shapes seen once are left to the OCR corrector (normalize/typos), which reads the same
word with more context; the cipher's power is that one choice fixes every occurrence."""
WINDOW_WORDS = 1
"""Words either side of a word that its syllables are judged with."""
MAX_CONTEXTS = 8
"""Distinct words a shape is scored in (its most frequent ones): enough to out-vote one odd
word, and it bounds the work for a syllable seen hundreds of times."""
MAX_ROUNDS = 3
"""Passes of coordinate ascent: a word with two misread syllables (저윌 for 전월) is fixed
one shape per pass; a pass that changes nothing ends the search."""

PER_LEVEL = 4
PAIRED = 2
"""Readings tried for a shape (`neighbours`): 4 per jamo changed and 2 x 2 per pair of jamo
changed, at most 24; they bound the language-model calls, which bound the time."""
INFINITE = float("inf")
INK_COST = 20.0
"""Nats a reading loses per occurrence for each unit of ink it differs from the OCR's
reading (`jamo_distance`): the OCR saw the glyph, so a reading it would have had to misdraw
by a whole letter needs more evidence than one a short stroke away (ㅟ/ㅝ 0.012, ㅟ/ㅣ 0.045,
a final ㄴ added 0.17: 0.2-3.4 nats an occurrence). Set before measuring, not tuned."""

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = "-ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
N_FINALS = 28
LEVELS = (("initial", INITIALS), ("vowel", VOWELS), ("final", FINALS))
FIRST_SYLLABLE, LAST_SYLLABLE = 0xAC00, 0xD7A3


@dataclass(frozen=True)
class Slot:
    """A glyph's place in a word: filled with its shape's reading."""

    shape: Any


Template = tuple[str | Slot, ...]


def is_syllable(char: str) -> bool:
    return len(char) == 1 and FIRST_SYLLABLE <= ord(char) <= LAST_SYLLABLE


@cache
def jamo_distance() -> dict[tuple[str, str, str], float]:
    """(level, jamo, jamo) -> share of a syllable's ink that differs when one is drawn for the
    other: the ink of each that the other lacks (`normalize/data/jamo_similarity.tsv`, from
    the fonts-nanum drawings), both ways."""
    from gongmun.normalize.resources import read_table

    one_way = {(level, a, b): float(value)
               for level, a, b, value in read_table("jamo_similarity.tsv")}
    return {(level, a, b): value + one_way[level, b, a]
            for (level, a, b), value in one_way.items()}


def _letters(syllable: str) -> tuple[str, str, str]:
    index = ord(syllable) - FIRST_SYLLABLE
    return (INITIALS[index // 588], VOWELS[index % 588 // N_FINALS], FINALS[index % N_FINALS])


def _swapped(syllable: str, level: int, letter: str) -> str:
    parts = list(_letters(syllable))
    parts[level] = letter
    return chr(FIRST_SYLLABLE + INITIALS.index(parts[0]) * 588
               + VOWELS.index(parts[1]) * N_FINALS + FINALS.index(parts[2]))


def _nearest(syllable: str, level: int, count: int) -> list[tuple[str, float]]:
    """The `count` common syllables nearest `syllable` with another jamo at `level`."""
    distance = jamo_distance()
    own = _letters(syllable)[level]
    name = LEVELS[level][0]
    ranked = sorted((distance[name, own, letter], letter) for letter in LEVELS[level][1]
                    if letter != own)
    out = []
    for cost, letter in ranked:
        char = _swapped(syllable, level, letter)
        if is_common_syllable(char):
            out.append((char, cost))
        if len(out) == count:
            break
    return out


@cache
def neighbours(syllable: str) -> tuple[tuple[str, float], ...]:
    """Syllables that look like `syllable` (a misread glyph is one that looks like another),
    among the common ones (KS X 1001's 2,350: what Korean text uses): the PER_LEVEL nearest
    with another initial, vowel or final, and the PAIRED nearest with two of them changed
    (윗 -> 원), each with the ink that differs (summed)."""
    best: dict[str, float] = {}
    for level in range(3):
        for char, cost in _nearest(syllable, level, PER_LEVEL):
            best[char] = min(best.get(char, INFINITE), cost)
    for first, second in ((0, 1), (0, 2), (1, 2)):
        for near, cost in _nearest(syllable, first, PAIRED):
            for char, more in _nearest(near, second, PAIRED):
                best[char] = min(best.get(char, INFINITE), cost + more)
    best.pop(syllable, None)
    return tuple(sorted(best.items(), key=lambda c: c[1]))


def is_common_syllable(char: str) -> bool:
    """One of KS X 1001's 2,350 syllables: two bytes in EUC-KR (Python's codec writes the
    others as eight-byte jamo sequences)."""
    try:
        return len(char.encode("euc-kr")) == 2
    except UnicodeEncodeError:
        return False


def render(template: Template, reading: Mapping[Any, str],
           trial: tuple[Any, str] | None = None) -> str:
    """The template's text, with `trial` = (shape, syllable) overriding that shape's reading."""
    return "".join(p if isinstance(p, str)
                   else trial[1] if trial is not None and p.shape == trial[0]
                   else reading[p.shape] for p in template)


Edit = tuple[str, str, str]
"""(level, jamo the OCR read, jamo meant): one letter of a syllable misread."""


def edits(seen: str, meant: str) -> list[Edit]:
    return [(name, x, y) for (name, _), x, y
            in zip(LEVELS, _letters(seen), _letters(meant), strict=True) if x != y]


def ink_between(a: str, b: str) -> float:
    """The ink that differs between two syllables, jamo by jamo (`jamo_distance`)."""
    distance = jamo_distance()
    return sum(distance[name, x, y] for (name, _), x, y
               in zip(LEVELS, _letters(a), _letters(b), strict=True) if x != y)


def windows(lines: Iterable[Sequence[Template]]) -> list[tuple[Template, Template]]:
    """(word, the word with its neighbours on the line) for every word with a glyph slot:
    a syllable is judged in the phrase it stands in (`A 및 B`, not `및` alone)."""
    out = []
    for line in lines:
        for i, word in enumerate(line):
            if any(isinstance(p, Slot) for p in word):
                window = line[max(0, i - WINDOW_WORDS):i + WINDOW_WORDS + 1]
                out.append((word, tuple(p for j, w in enumerate(window)
                                        for p in ((" ",) if j else ()) + w)))
    return out


def decipher(reading: dict[K, str], lines: Iterable[Sequence[Template]], score: Scorer,
             alternatives: Mapping[K, Iterable[str]] | None = None,
             groups: Mapping[K, Hashable] | None = None,
             min_gain: float | None = None) -> dict[K, str]:
    """`reading` (shape -> the OCR's syllable) with each Hangul shape seen MIN_OCCURRENCES
    times read as the syllable that makes its words likeliest (see the module): among the
    OCR's reading, its `neighbours` and the shape's `alternatives` (other readings OCR gave
    some of its occurrences), each charged its ink distance from the OCR's reading.

    Shapes of one `groups` value (one font size) are distinct syllables, as in any
    substitution cipher: a shape is not given a syllable another shape of its group reads
    (the shape read 윌 is not 일 when another shape of its size reads 일)."""
    original, reading = reading, dict(reading)
    margin = MIN_GAIN if min_gain is None else min_gain
    counts = Counter(windows(lines))
    contexts: dict[K, list[tuple[Template, int]]] = {}
    occurrences: Counter[K] = Counter()
    for (word, template), n in counts.most_common():
        for shape in {p.shape for p in word if isinstance(p, Slot)}:
            occurrences[shape] += n
            found = contexts.setdefault(shape, [])
            if len(found) < MAX_CONTEXTS:
                found.append((template, n))
    cached: dict[str, float] = {}

    def likelihood(shape: K, char: str) -> float:
        texts = [render(template, reading, (shape, char)) for template, _ in contexts[shape]]
        missing = [t for t in dict.fromkeys(texts) if t not in cached]
        if missing:
            cached.update(zip(missing, score(missing), strict=True))
        return sum(n * cached[t] for t, (_, n) in zip(texts, contexts[shape], strict=True))

    def candidates(shape: K, learned: Counter[Edit]) -> dict[str, float]:
        """Each reading tried, with what it costs before the language model has a say: its
        ink distance from the OCR's reading, each jamo edit discounted by the other shapes
        already deciphered with it (`learned`)."""
        ocr, seen = original[shape], sum(n for _, n in contexts[shape])
        own = Counter(edits(ocr, reading[shape]))
        found = [char for char, _ in neighbours(ocr)]
        found += [char for char in (alternatives or {}).get(shape, ())
                  if is_syllable(char) and char != ocr]
        costs = {ocr: 0.0}
        for char in found:
            costs[char] = margin + seen * sum(
                INK_COST * jamo_distance()[edit] / (1 + learned[edit] - own[edit])
                for edit in edits(ocr, char))
        return costs

    def shortlist(shape: K, free: dict[str, float]) -> dict[str, float]:
        """The SHORTLIST readings best in the shape's commonest window, and the current one:
        a reading that loses there by more than it could win elsewhere is not worth the
        calls (each window is one language-model call per reading)."""
        if len(contexts[shape]) == 1 or len(free) <= SHORTLIST:
            return free
        first = contexts[shape][:1]
        share = first[0][1] / sum(n for _, n in contexts[shape])

        def in_first(char: str) -> float:
            text = render(first[0][0], reading, (shape, char))
            if text not in cached:
                cached[text] = score([text])[0]
            return cached[text] - share * free[char]

        ranked = sorted(free, key=in_first, reverse=True)[:SHORTLIST]
        return {char: free[char] for char in {*ranked, reading[shape]} if char in free}

    order = [shape for shape, n in occurrences.most_common()
             if n >= MIN_OCCURRENCES and is_syllable(original[shape])]
    group_of = groups or {}
    held = Counter((group_of.get(shape), char) for shape, char in reading.items())
    dirty = set(order)
    learned: Counter[Edit] = Counter()
    for _ in range(MAX_ROUNDS):
        tried = {shape: candidates(shape, learned) for shape in dirty}
        changed: set[K] = set()
        for shape in order:
            if shape not in dirty:
                continue
            group = group_of.get(shape)
            free = {char: cost for char, cost in tried[shape].items()
                    if char == reading[shape] or not held[group, char]}
            best = max(shortlist(shape, free).items(),
                       key=lambda c: likelihood(shape, c[0]) - c[1])[0]
            if best != reading[shape]:
                held[group, reading[shape]] -= 1
                held[group, best] += 1
                reading[shape] = best
                changed.add(shape)
        # The channel as the changes so far show it (what this font's glyphs are misread
        # as): an edit made for one shape is likelier for the next.
        now = Counter(edit for shape in order for edit in edits(original[shape], reading[shape]))
        if not changed and now == learned:
            break
        # Shapes sharing a window with a changed one, and shapes a cheaper edit may reach.
        dirty = {p.shape for s in changed for t, _ in contexts[s]
                 for p in t if isinstance(p, Slot)} - changed
        dirty |= {shape for shape in order if now != learned}
        learned = now
    return reading


LanguageModel = Callable[[], Scorer]
"""Builds the scorer on first need (loading a model takes seconds: only documents with
outline glyphs pay for it)."""

_LANGUAGE_MODEL: ContextVar[LanguageModel | None] = ContextVar("gongmun_language_model",
                                                               default=None)


@contextmanager
def using_language_model(model: LanguageModel | None) -> Iterator[None]:
    """The language model outline glyphs are deciphered with, while reading in this block.
    The reader has none of its own (the pipeline gives normalize's Kiwi scorer): without
    one, each shape keeps the reading most of its occurrences got."""
    token = _LANGUAGE_MODEL.set(model)
    try:
        yield
    finally:
        _LANGUAGE_MODEL.reset(token)


def language_model() -> LanguageModel | None:
    return _LANGUAGE_MODEL.get()
