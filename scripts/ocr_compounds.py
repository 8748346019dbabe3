"""Estimate the closed compounds of the corpus's text from the DEV documents.

    .venv/bin/python scripts/ocr_compounds.py

Writes `normalize/data/ocr_compounds.tsv`: Hangul words of two nouns or more (Kiwi's
reading, four syllables at least) that the true
text of the dev documents writes solid (`관리카드`, `사업위치`, `탄소중립`, `창업기업`) in at
least `COMPOUND_MIN_DOCS` documents and never with a space between two of its parts of two
syllables or more. Kiwi's model charges nothing for a space between two nouns (`창업 기업`
and `창업기업` score alike), so only usage tells whether OCR put that space in; this file is
that usage. Held-out documents are never read here.

Cross-validated on the dev documents (the table estimated on one random half of them, its
joins (`compound_join_edits`) scored on the other half, both ways, three random halvings): at
2 documents 290 of 294 joins were right, the 4 wrong all `담당 부서`, a real document's own
spacing, which the spaced use in the whole dev set excludes; at 3 documents 273 of 277.

The converse (splitting two nouns the dev text always writes apart, `인허가완료` -> `인허가
완료`) was tried and dropped: 53 of 53 right cross-validated on dev, but the sample cards'
own sources write 시범운영, 전문인력 and 예비타당성조사 solid, so the corpus's habit is not
the document's, and a compound written solid is never an OCR error.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from eval_ocr import Pair, load_pairs

from gongmun.normalize.korean import kiwi_morphs

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "normalize" / "data" / "ocr_compounds.tsv"

COMPOUND_MIN_DOCS = 2
"""Dev documents that must write a compound solid (see the cross-validation above)."""
PART_MIN_SYLLABLES = 2
"""Parts of a compound: two syllables or more (a one-syllable piece is the piece joiner's)."""

_WORD = re.compile(r"(?<![가-힣])[가-힣]+(?![가-힣])")
_SPACED = re.compile(r"(?<![가-힣])([가-힣]{2,}) (?=([가-힣]{2,})(?![가-힣]))")


def compounds(pairs: Iterable[Pair]) -> dict[str, tuple[int, int]]:
    """Compound -> (documents writing it solid, times written solid)."""
    docs: dict[str, set[str]] = defaultdict(set)
    solid: Counter[str] = Counter()
    spaced: set[str] = set()
    for p in pairs:
        for m in _WORD.finditer(p.truth):
            docs[m.group()].add(p.doc)
            solid[m.group()] += 1
        for m in _SPACED.finditer(p.truth):
            right = _WORD.match(p.truth, m.end(1) + 1)
            if right is None:
                continue
            word = right.group()
            # Every prefix of the right word: `사업 기간을` spaces 사업기간 too.
            for cut in range(PART_MIN_SYLLABLES, len(word) + 1):
                spaced.add(m.group(1) + word[:cut])
    out = {}
    for word, where in docs.items():
        if len(where) < COMPOUND_MIN_DOCS or word in spaced:
            continue
        if len(word) < 2 * PART_MIN_SYLLABLES or not _nouns_only(word):
            continue
        out[word] = (len(where), solid[word])
    return out


def _nouns_only(word: str) -> bool:
    """Kiwi reads the word as nouns alone, two at least (a verb or a particle the language
    model weighs itself)."""
    morphs = kiwi_morphs(word)
    return len(morphs) >= 2 and all(m.tag.startswith(NOUN_TAGS) for m in morphs)


NOUN_TAGS = ("NNG", "NNP", "XSN", "XPN")
"""Kiwi tags of a compound's parts: common and proper nouns, noun prefixes and suffixes."""


def main(argv: Sequence[str] | None = None) -> int:
    dev = [p for p in load_pairs() if p.split == "dev"]
    found = compounds(dev)
    lines = [
        "# Closed compounds of the corpus's text (words of 4+ syllables Kiwi reads as nouns",
        "# alone), estimated from the dev documents of",
        "# tests/data/ocr_corpus/lines.jsonl by scripts/ocr_compounds.py (generated: do not edit",
        "# by hand; held-out documents unused). Kept: written solid in >= 2 dev documents and",
        "# never with a space between two of its parts. A space OCR put between the parts is",
        "# taken out (normalize/typos/spacing.py, compound_join_edits).",
        "# Columns: compound<TAB>dev documents writing it solid<TAB>times",
    ]
    lines += [f"{w}\t{d}\t{n}" for w, (d, n) in sorted(found.items())]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(found)} compounds -> {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
