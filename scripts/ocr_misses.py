"""Where the corrector's misses are: the dev errors it left, bucketed by sub-pattern.

`python scripts/ocr_misses.py [--split dev] [--examples N]` runs the corrector on one split of
the real-OCR corpus (dev by default: tune on dev only) and prints the errors it did not
recall, grouped so that the largest buckets can be attacked first:

- spacing: a space OCR put in (`inserted`), a space it lost (`lost`), a column gap of two
  spaces read as one (`gap`), each by the kinds of the morphemes either side of the space in
  Kiwi's analysis of the true line (noun+noun, noun+particle, number+unit, symbol, ...);
- symbol: the characters OCR wrote and the ones meant;
- the word classes (jamo, glyph, latin/digit) and garbage: the pairs themselves.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from collections.abc import Sequence

from eval_ocr import load_pairs, run_corrector
from ocr_errors import Diff, classify, diffs
from rapidfuzz.distance import Levenshtein

from gongmun.normalize.korean import kiwi_morphs


def recalled_errors(ocr: str, truth: str, corrected: str) -> set[int]:
    """Indexes (in `diffs(ocr, truth)`) of the errors a right change touches (as eval_ocr)."""
    errors = diffs(ocr, truth)
    if corrected == ocr:
        return set()
    before = Levenshtein.distance(ocr, truth)
    out: set[int] = set()
    for change in diffs(ocr, corrected):
        a, b = change.a_start, change.a_end
        made = change.meant(corrected)
        alone = ocr[:a] + made + ocr[b:]
        right = before - Levenshtein.distance(alone, truth) >= \
            Levenshtein.distance(change.seen(ocr), made)
        if not right:
            continue
        out |= {k for k, e in enumerate(errors)
                if (e.a_start < b and a < e.a_end) or (e.a_start == e.a_end == a == b)}
    return out


def morph_kind(tag: str, form: str) -> str:
    if tag.startswith("NNB") or tag == "NR":
        return "bound"
    if tag.startswith("NN") or tag in ("NP", "XR"):
        return "noun"
    if tag == "SN":
        return "number"
    if tag.startswith("J"):
        return "particle"
    if tag.startswith("XSN"):
        return "nsuffix"
    if tag.startswith(("XS", "VCP", "E")):
        return "ending"
    if tag.startswith(("VV", "VA", "VX", "VCN")):
        return "verb"
    if tag in ("SL", "SH"):
        return "latin"
    if tag.startswith("S"):
        return "symbol"
    if tag.startswith(("MM", "MA", "IC")):
        return "adv"
    return tag


def kinds_at(truth: str, at: int) -> tuple[str, str]:
    """The kinds of the morphemes of `truth` ending before and starting after position `at`
    (a position in the true line, next to the space in question)."""
    morphs = kiwi_morphs(truth)
    left = [m for m in morphs if m.end <= at]
    right = [m for m in morphs if m.start >= at]
    lk = morph_kind(left[-1].tag, left[-1].form) if left else "^"
    rk = morph_kind(right[0].tag, right[0].form) if right else "$"
    return lk, rk


def spacing_bucket(ocr: str, truth: str, d: Diff) -> str:
    seen, meant = d.seen(ocr), d.meant(truth)
    if len(meant) > len(seen) and seen.strip() == "" and seen:
        return "gap"
    what = "inserted" if len(seen) > len(meant) else "lost"
    # The true line's position where the space was (lost) or should not be (inserted).
    lk, rk = kinds_at(truth, d.b_start)
    return f"{what} {lk}+{rk}"


def main(argv: Sequence[str] | None = None) -> int:
    from gongmun.normalize.typos import get_corrector

    parser = argparse.ArgumentParser(prog="python scripts/ocr_misses.py")
    parser.add_argument("--split", default="dev", choices=("dev", "heldout"))
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--cls", default=None, help="only this error class")
    args = parser.parse_args(argv)
    corrector = get_corrector()
    buckets: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for n, pair in enumerate(p for p in load_pairs() if p.split == args.split):
        corrected, _ = run_corrector(corrector, pair.ocr, n)
        errors = diffs(pair.ocr, pair.truth)
        hit = recalled_errors(pair.ocr, pair.truth, corrected)
        for k, d in enumerate(errors):
            seen, meant = d.seen(pair.ocr), d.meant(pair.truth)
            cls = classify(seen, meant)
            totals[cls] += 1
            if k in hit or (args.cls and cls != args.cls):
                continue
            if cls == "spacing":
                key = spacing_bucket(pair.ocr, pair.truth, d)
            else:
                key = f"{seen!r}->{meant!r}" if cls != "garbage" else "garbage"
            buckets[cls][key] += 1
            if len(examples[(cls, key)]) < args.examples:
                lo, hi = max(0, d.a_start - 12), d.a_end + 12
                examples[(cls, key)].append(f"{pair.ocr[lo:hi]!r} | truth "
                                            f"{pair.truth[max(0, d.b_start - 12):d.b_end + 12]!r}")
    for cls, counter in sorted(buckets.items(), key=lambda kv: -sum(kv[1].values())):
        missed = sum(counter.values())
        print(f"{cls}: {missed} missed of {totals[cls]}")
        for key, count in counter.most_common(25):
            print(f"  {count:5}  {key}")
            for ex in examples[(cls, key)]:
                print(f"           {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
