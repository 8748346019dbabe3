"""Evaluation of the OCR typo corrector on a test set built from the project's own text.

`python -m gongmun.evaluate` (`make eval`) prints precision, recall and F1 of the corrector,
and how many clean sentences it changed.

The test set, built deterministically (a seeded RNG) from the seed card and article in
`samples/`:

- clean sentences: the samples' lines and sentences, without the lines that hold genuine OCR
  errors (`tests/data/typo_eval/dirty_lines.txt`), plus hand-written sentences full of valid
  look-alike words (`tests/data/typo_eval/lookalikes.txt`: 시업식, 원료, 하가영, 2전 3기 ...);
- noisy sentences: each clean sample sentence with one OCR error injected from the confusion
  model (`normalize/data/ocr_confusions.tsv`, used backwards): a syllable or jamo confusion in
  an administrative word of the lexicon, a counter after a number (건 -> 전/간), a Latin
  look-alike in an acronym (AI -> Al), a letter in a number (0 -> O), or a space lost after a
  particle. An injection that makes a valid word (완료 -> 원료) is not an error anyone can
  tell from the text alone; it is left out and counted.

Scoring, sentence by sentence: a noisy sentence corrected back to the clean one is a true
positive; left as it was, a false negative; changed into anything else, a false positive and
a false negative. A clean sentence changed at all is a false positive.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gongmun.normalize.corrections import Corrector, TextContext
from gongmun.normalize.korean import kiwi_morphs
from gongmun.normalize.text import clean_text
from gongmun.normalize.typos import _FINALS as FINALS
from gongmun.normalize.typos import _INITIALS as INITIALS
from gongmun.normalize.typos import _VOWELS as VOWELS
from gongmun.normalize.typos import (
    ConfusionModel,
    Vocabulary,
    compose,
    decompose,
    get_corrector,
    is_syllable,
    word_is_valid_at,
)

REPO = Path(__file__).resolve().parents[1]
SOURCES = (REPO / "samples" / "cards" / "001_3d71a2a9b0fba71b.txt",
           REPO / "samples" / "press" / "000_6bcb5439693b9bf5.txt")
EVAL_DATA = REPO / "tests" / "data" / "typo_eval"
SEED = 20251208
KINDS = ("word", "counter", "latin", "digit", "spacing")
PER_KIND = 2
"""Noisy copies of each sentence per kind of error (at different places)."""


@dataclass(frozen=True)
class Case:
    text: str
    expected: str
    kind: str
    """`clean`, `lookalike`, or the kind of injected error."""


@dataclass
class TestSet:
    cases: list[Case]
    skipped_valid: int = 0
    """Injections left out because they made a valid word."""

    @property
    def noisy(self) -> list[Case]:
        return [c for c in self.cases if c.text != c.expected]

    @property
    def clean(self) -> list[Case]:
        return [c for c in self.cases if c.text == c.expected]


@dataclass
class Report:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    clean_changed: int = 0
    n_noisy: int = 0
    n_clean: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    fixed_by_kind: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[Case, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


# --- the test set -------------------------------------------------------------------------------


def _data_lines(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


_MARKER = re.compile(r"^(?:[#\s]*[□○●◦ㅇ\-※•▲]+\s*|[#\s]*[①-⑳]\s*|[#\s]*\d\s+(?=[가-힣A-Z]))")
_SENTENCE_END = re.compile(r"(?<=다\.)\s+|(?<=[다요]\.”)\s+")


def source_sentences(sources: Sequence[Path] = SOURCES) -> list[str]:
    """Clean sentences of the sample texts: lines, table cells and sentences of 8-200
    characters with Korean in them, without the lines known to hold OCR errors."""
    dirty = _data_lines(EVAL_DATA / "dirty_lines.txt")
    out: list[str] = []
    for path in sources:
        for raw in path.read_text("utf-8").splitlines():
            if any(d in raw for d in dirty):
                continue
            for cell in raw.split("\t"):
                text = _MARKER.sub("", clean_text(cell)).strip()
                for sentence in _SENTENCE_END.split(text):
                    sentence = sentence.strip()
                    if 8 <= len(sentence) <= 200 and re.search(r"[가-힣]", sentence) \
                            and sentence not in out:
                        out.append(sentence)
    return out


def build_test_set(seed: int = SEED) -> TestSet:
    """The test set: clean sentences, look-alike sentences, and noisy copies."""
    rng = random.Random(seed)
    injector = _Injector(ConfusionModel.load(), Vocabulary.load())
    sentences = source_sentences()
    cases = [Case(s, s, "clean") for s in sentences]
    cases += [Case(s, s, "lookalike") for s in _data_lines(EVAL_DATA / "lookalikes.txt")]
    skipped = 0
    for sentence in sentences:
        for kind in KINDS:
            noisy, n_valid = injector.inject(sentence, kind, rng, PER_KIND)
            skipped += n_valid
            cases += [Case(n, sentence, kind) for n in noisy]
    return TestSet(cases, skipped)


class _Injector:
    """Puts one OCR error of a kind into a sentence, using the confusion model backwards."""

    def __init__(self, model: ConfusionModel, vocab: Vocabulary) -> None:
        self.model = model
        self.vocab = vocab
        # meant -> [seen]: every written form the model says a character can turn into.
        self.reverse_latin = [(meant, seen) for seen, meant, _ in model.latin]
        self.reverse_digit = {meant: seen for seen, (meant, _) in model.digit.items()}

    def inject(self, sentence: str, kind: str, rng: random.Random, n: int
               ) -> tuple[list[str], int]:
        """Up to n noisy copies of `sentence`, each with one error of `kind` at a different
        place, and how many injections were left out for making a valid word."""
        options = sorted(set(getattr(self, f"_{kind}")(sentence)))
        rng.shuffle(options)
        out: list[str] = []
        places: set[int] = set()
        skipped = 0
        for start, end, replacement in options:
            if len(out) == n:
                break
            if start in places:
                continue
            noisy = sentence[:start] + replacement + sentence[end:]
            if kind in ("word", "counter") and self._makes_valid_word(noisy, start):
                skipped += 1
                continue
            out.append(noisy)
            places.add(start)
        return out, skipped

    def _makes_valid_word(self, noisy: str, pos: int) -> bool:
        return word_is_valid_at(noisy, pos)

    def _seen_forms(self, ch: str) -> list[str]:
        """Characters OCR may print for `ch` (the model read from meant to seen)."""
        out = []
        for candidate in _hangul_neighbours(ch):
            if any(v.text == ch for v in self.model.variants(candidate)):
                out.append(candidate)
        return [c for c in out if is_syllable(c) or not c.isalnum()] or []

    def _word(self, sentence: str) -> Iterable[tuple[int, int, str]]:
        for word in self.vocab.lexicon:
            if not re.fullmatch(r"[가-힣]{2,}", word):
                continue
            for m in re.finditer(re.escape(word), sentence):
                for k in range(len(word)):
                    for seen in self._seen_forms(word[k]):
                        yield m.start() + k, m.start() + k + 1, seen

    def _counter(self, sentence: str) -> Iterable[tuple[int, int, str]]:
        for m in re.finditer(r"\d([가-힣])(?=[)\],:·/\s]|$)", sentence):
            if m.group(1) in self.vocab.counters:
                for seen in self._seen_forms(m.group(1)):
                    yield m.start(1), m.end(1), seen

    def _latin(self, sentence: str) -> Iterable[tuple[int, int, str]]:
        for m in re.finditer(r"(?<![A-Za-z])[A-Za-z&]{2,}(?![A-Za-z])", sentence):
            if m.group() not in self.vocab.lexicon:
                continue
            for meant, seen in self.reverse_latin:
                for k in [i for i in range(len(m.group())) if m.group().startswith(meant, i)]:
                    if seen.isalpha():
                        yield m.start() + k, m.start() + k + len(meant), seen

    def _digit(self, sentence: str) -> Iterable[tuple[int, int, str]]:
        for m in re.finditer(r"\d+(?=\s*(?:[년월일건개회억원명]|백만))", sentence):
            for k, ch in enumerate(m.group()):
                if ch in self.reverse_digit and (k > 0 or len(m.group()) > 1):
                    yield m.start() + k, m.start() + k + 1, self.reverse_digit[ch]

    def _spacing(self, sentence: str) -> Iterable[tuple[int, int, str]]:
        morphs = kiwi_morphs(sentence)
        for left, right in itertools.pairwise(morphs):
            gap = sentence[left.end:right.start]
            if gap == " " and left.tag.startswith(("J", "E")) and right.tag.startswith("NN") \
                    and right.form in self.vocab.lexicon and right.end - right.start >= 2:
                yield left.end, right.start, ""


def _hangul_neighbours(ch: str) -> list[str]:
    """Syllables one initial/vowel/final change away from `ch`, and non-Hangul glyphs."""
    from gongmun.normalize.typos import is_syllable

    if not is_syllable(ch):
        return []
    i, v, f = decompose(ch)
    out = {compose(x, v, f) for x in INITIALS} | {compose(i, x, f) for x in VOWELS} \
        | {compose(i, v, x) for x in FINALS}
    out.discard(ch)
    return [*sorted(out), "Э", "э"]


# --- scoring -------------------------------------------------------------------------------------


def evaluate(corrector: Corrector, test_set: TestSet) -> Report:
    report = Report()
    for i, case in enumerate(test_set.cases):
        context = TextContext(location={"block": i, "page": None, "line": None},
                              block_type="paragraph")
        output, _ = corrector(case.text, context)
        report.by_kind[case.kind] += 1
        if case.text == case.expected:
            report.n_clean += 1
            if output != case.expected:
                report.fp += 1
                report.clean_changed += 1
                report.failures.append((case, output))
            continue
        report.n_noisy += 1
        if output == case.expected:
            report.tp += 1
            report.fixed_by_kind[case.kind] += 1
        else:
            report.fn += 1
            if output != case.text:
                report.fp += 1
            report.failures.append((case, output))
    return report


def run(seed: int = SEED) -> tuple[TestSet, Report]:
    test_set = build_test_set(seed)
    return test_set, evaluate(get_corrector(), test_set)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gongmun.evaluate",
                                     description="Precision/recall of the OCR typo corrector.")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-v", "--verbose", action="store_true", help="list the failures")
    args = parser.parse_args(argv)
    test_set, report = run(args.seed)
    print(f"test set: {len(test_set.cases)} sentences: {report.n_noisy} with one injected OCR "
          f"error, {report.n_clean} clean ({report.by_kind['lookalike']} with look-alike "
          f"valid words); {test_set.skipped_valid} injections that made a valid word left out")
    for kind in KINDS:
        print(f"  {kind:8} {report.fixed_by_kind[kind]:4} / {report.by_kind[kind]:4} fixed")
    print(f"precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}"
          f"  (tp {report.tp}, fp {report.fp}, fn {report.fn})")
    print(f"clean sentences changed: {report.clean_changed} of {report.n_clean}")
    if args.verbose:
        for case, output in report.failures:
            print(f"- [{case.kind}] {case.text!r}\n  expected {case.expected!r}\n  got      "
                  f"{output!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
