"""Evaluation of the OCR typo corrector on real OCR errors it has never seen.

`python scripts/eval_ocr.py` (`make eval`) prints:

1. **Held-out real OCR**: precision, recall and F1 per error class (`scripts/ocr_errors.py`) on
   the held-out documents of the real-OCR corpus (`tests/data/ocr_corpus/lines.jsonl`: varied
   cards and press releases written for the corpus and the text layers of real public
   documents, rendered in several fonts, degraded and read back by Tesseract; see
   `scripts/ocr_corpus.py`). The split is by document and was fixed before anything was tuned;
   the channel and thresholds come from the dev documents only.
2. **Injected** (reported separately, never as the corrector's quality): clean held-out lines
   with one real confusion each, taken from the held-out OCR pairs.
3. **Clean set**: held-out true lines, real public text and hand-written sentences full of
   look-alikes (`tests/data/ocr_corpus/clean_lookalikes.txt`); every one must come back
   unchanged.
4. **Born-digital**: corrections made on the PDF and HTML samples and the real PDFs (text
   layers): must be 0.

Scoring: each change the corrector makes (an aligned stretch of OCR text -> corrected text) is
a true positive when, applied alone, it brings the line closer to the truth by every edit it
makes (Levenshtein distance), else a false positive; each error (an aligned stretch OCR ->
truth) is recalled when a true positive touches it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ocr_errors import CLASSES, TARGETED, classify, diffs
from rapidfuzz.distance import Levenshtein
from real_files import shared_real

from gongmun.normalize.corrections import Correction, Corrector, TextContext, restore_original

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "ocr_corpus"
LINES = CORPUS / "lines.jsonl"
LOOKALIKES = CORPUS / "clean_lookalikes.txt"
BORN_DIGITAL_SAMPLES = ("cards/card_coastal_tourism.pdf", "cards/card_smart_farm.pdf",
                        "cards/lo_hydrogen_card.html", "cards/lo_hydrogen_card.pdf",
                        "press/donghae_article.html", "press/gangwon_release.pdf")
REAL_PDFS = ("press_release/2025년 2분기 해외직접투자 (최종)-2022.pdf",
             "press_release/table-vpos-01-2022.pdf", "work_report/table-complex-2022.pdf")
SEED = 20251208


@dataclass(frozen=True)
class Pair:
    doc: str
    kind: str
    split: str
    ocr: str
    truth: str


def load_pairs(path: Path = LINES) -> list[Pair]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        out.append(Pair(row["doc"], row["kind"], row["split"], row["ocr"], row["truth"]))
    return out


@dataclass
class Scores:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    recalled: Counter[str] = field(default_factory=Counter)
    lines: int = 0
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    by_proposer: dict[str, Counter[str]] = field(default_factory=dict)
    """Rule family (`space_join`, `marker`, `confusion`, ...) -> right/wrong corrections."""

    def precision(self, classes: Iterable[str] = CLASSES) -> float:
        tp, fp = sum(self.tp[c] for c in classes), sum(self.fp[c] for c in classes)
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, classes: Iterable[str] = CLASSES) -> float:
        classes = list(classes)
        n = sum(self.errors[c] for c in classes)
        return sum(self.recalled[c] for c in classes) / n if n else 1.0

    def f1(self, classes: Iterable[str] = CLASSES) -> float:
        classes = list(classes)
        p, r = self.precision(classes), self.recall(classes)
        return 2 * p * r / (p + r) if p + r else 0.0


def score_line(ocr: str, truth: str, corrected: str, scores: Scores) -> None:
    """Add one line's true and false positives and its errors to `scores`."""
    scores.lines += 1
    errors = diffs(ocr, truth)
    error_class = [classify(e.seen(ocr), e.meant(truth)) for e in errors]
    for cls in error_class:
        scores.errors[cls] += 1
    if corrected == ocr:
        return
    before = Levenshtein.distance(ocr, truth)
    for change in diffs(ocr, corrected):
        a, b = change.a_start, change.a_end
        made = change.meant(corrected)
        # Right when this change alone brings the line closer to the truth by every edit it
        # makes (a change that fixes one character and breaks another is wrong).
        alone = ocr[:a] + made + ocr[b:]
        gain = before - Levenshtein.distance(alone, truth)
        right = gain >= Levenshtein.distance(change.seen(ocr), made)
        touched = [k for k, e in enumerate(errors)
                   if (e.a_start < b and a < e.a_end) or (e.a_start == e.a_end == a == b)]
        cls = error_class[touched[0]] if touched else classify(change.seen(ocr), made)
        if right and touched:
            scores.tp[cls] += 1
            for k in touched:
                scores.recalled[error_class[k]] += 1
        else:
            scores.fp[cls] += 1
            scores.false_positives.append((ocr, corrected, truth))


def correct(corrector: Corrector, text: str, n: int) -> str:
    return run_corrector(corrector, text, n)[0]


def run_corrector(corrector: Corrector, text: str, n: int) -> tuple[str, list[Correction]]:
    context = TextContext(location={"block": n, "page": None, "line": None},
                          block_type="paragraph")
    return corrector(text, context)


def score_pairs(corrector: Corrector, pairs: Sequence[Pair]) -> Scores:
    scores = Scores()
    for n, pair in enumerate(pairs):
        corrected, made = run_corrector(corrector, pair.ocr, n)
        score_line(pair.ocr, pair.truth, corrected, scores)
        score_proposers(pair.ocr, pair.truth, corrected, made, scores)
    return scores


def score_proposers(ocr: str, truth: str, corrected: str, made: Sequence[Correction],
                    scores: Scores) -> None:
    """Each correction alone (every other one undone), right or wrong, by its rule family. A
    correction that only repairs another's over-reach (a space the second pass puts back
    after the first took it out) counts wrong alone, though the pair is right."""
    before = Levenshtein.distance(ocr, truth)
    for fix in made:
        alone = restore_original(corrected, [c for c in made if c is not fix])
        gain = before - Levenshtein.distance(alone, truth)
        family = re.split(r"[:\s]", fix.rule, maxsplit=1)[0]
        right = gain >= Levenshtein.distance(fix.original, fix.corrected)
        scores.by_proposer.setdefault(family, Counter())["right" if right else "wrong"] += 1


# --- the injected set: held-out confusions put into clean held-out lines -------------------


def injected_pairs(pairs: Sequence[Pair], seed: int = SEED, limit: int = 400) -> list[Pair]:
    """Clean held-out lines with one real held-out confusion (a Hangul or Latin/digit stretch
    of 1-3 characters, as Tesseract misread it) put where the same true text stands."""
    confusions: list[tuple[str, str]] = []
    for p in pairs:
        for d in diffs(p.ocr, p.truth):
            seen, meant = d.seen(p.ocr), d.meant(p.truth)
            if classify(seen, meant) in TARGETED and 1 <= len(meant) <= 3 and seen:
                confusions.append((seen, meant))
    clean = [p for p in pairs if p.ocr == p.truth]
    rng = random.Random(seed)
    out: list[Pair] = []
    for seen, meant in rng.sample(confusions, len(confusions)):
        hosts = [p for p in clean if meant in p.truth]
        if not hosts:
            continue
        host = rng.choice(hosts)
        at = host.truth.index(meant)
        noisy = host.truth[:at] + seen + host.truth[at + len(meant):]
        out.append(Pair(host.doc, "injected", host.split, noisy, host.truth))
        if len(out) == limit:
            break
    return out


# --- the clean set and born-digital documents ------------------------------------------------


def clean_sentences(pairs: Sequence[Pair]) -> list[str]:
    """Held-out true lines (real public text and corpus text), and the look-alike sentences."""
    seen: set[str] = set()
    out: list[str] = []
    lookalikes = [line.strip() for line in LOOKALIKES.read_text("utf-8").splitlines()
                  if line.strip() and not line.startswith("#")]
    for text in [p.truth for p in pairs] + lookalikes:
        if len(text) >= 6 and text not in seen:
            seen.add(text)
            out.append(text)
    return out


def find_shared_real() -> Path | None:
    return shared_real()


def born_digital_corrections() -> dict[str, int]:
    """Corrections made, with correction on, on documents that are not OCR output."""
    from gongmun.pipeline import extract as extract_record

    paths = [REPO / "samples" / p for p in BORN_DIGITAL_SAMPLES]
    real = find_shared_real()
    if real is not None:
        paths += [real / p for p in REAL_PDFS if (real / p).exists()]
    return {p.name: len(extract_record(p, correct=True).corrections) for p in paths}


# --- report ------------------------------------------------------------------------------------


def print_scores(title: str, scores: Scores) -> None:
    print(f"{title}: {scores.lines} lines")
    print(f"  {'class':13} {'errors':>6} {'fixed':>6} {'wrong':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for cls in CLASSES:
        mark = "*" if cls in TARGETED else " "
        print(f"  {cls:12}{mark} {scores.errors[cls]:6} {scores.recalled[cls]:6} "
              f"{scores.fp[cls]:6} {scores.precision([cls]):6.3f} {scores.recall([cls]):6.3f} "
              f"{scores.f1([cls]):6.3f}")
    for name, classes in (("targeted*", TARGETED), ("all", CLASSES)):
        print(f"  {name:13} {sum(scores.errors[c] for c in classes):6} "
              f"{sum(scores.recalled[c] for c in classes):6} "
              f"{sum(scores.fp[c] for c in classes):6} {scores.precision(classes):6.3f} "
              f"{scores.recall(classes):6.3f} {scores.f1(classes):6.3f}")


def print_proposers(scores: Scores) -> None:
    parts = []
    for family, counts in sorted(scores.by_proposer.items()):
        n = counts["right"] + counts["wrong"]
        parts.append(f"{family} {counts['right']}/{n}")
    print("  by proposer (right/made, each correction alone): " + ", ".join(parts))


def main(argv: Sequence[str] | None = None) -> int:
    from gongmun.normalize.typos import get_corrector

    parser = argparse.ArgumentParser(prog="python scripts/eval_ocr.py",
                                     description="The OCR corrector on held-out real OCR.")
    parser.add_argument("--split", default="heldout", choices=("heldout", "dev"),
                        help="score the dev documents instead (for tuning)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives")
    parser.add_argument("--no-born-digital", action="store_true")
    args = parser.parse_args(argv)
    corrector = get_corrector()
    pairs = [p for p in load_pairs() if p.split == args.split]
    docs = {p.doc for p in pairs}
    print(f"real-OCR corpus, {args.split} split: {len(docs)} documents, {len(pairs)} lines")
    scores = score_pairs(corrector, pairs)
    print_scores(f"real OCR ({args.split})", scores)
    print_proposers(scores)
    injected = score_pairs(corrector, injected_pairs(pairs))
    print_scores("injected (held-out confusions in clean lines; not the headline)", injected)
    clean = clean_sentences(pairs)
    changed = [s for n, s in enumerate(clean) if correct(corrector, s, n) != s]
    print(f"clean set: {len(clean) - len(changed)} of {len(clean)} sentences unchanged")
    if not args.no_born_digital:
        made = born_digital_corrections()
        print(f"born-digital corrections: {sum(made.values())} "
              f"({', '.join(f'{k}: {v}' for k, v in made.items())})")
    if args.verbose:
        for ocr, out, truth in scores.false_positives + injected.false_positives:
            print(f"- ocr   {ocr}\n  made  {out}\n  truth {truth}")
        for s in changed:
            print(f"- clean {s}\n  made  {correct(corrector, s, 0)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
