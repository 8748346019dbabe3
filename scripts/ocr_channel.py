"""Estimate the OCR channel from the DEV documents of the real-OCR corpus.

    .venv/bin/python scripts/ocr_channel.py

Writes `normalize/data/ocr_channel.tsv`: for each confusion seen in the dev pairs (a jamo of
a syllable read as another, a whole glyph read as another character, a Latin/digit look-alike,
a space lost or added), how often it happened (`count`) and how often the true form occurred
(`total`). The corrector turns these into costs (`normalize/typos/channel.py`,
`ConfusionModel.load`). Held-out documents are never read here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from eval_ocr import load_pairs
from ocr_errors import classify, diffs

from gongmun.normalize.typos import decompose, is_syllable
from gongmun.normalize.typos.markers import SHAPES, line_shape, opening_token

REPO = Path(__file__).resolve().parents[1]

OUT = REPO / "normalize" / "data" / "ocr_channel.tsv"
MARKERS_OUT = REPO / "normalize" / "data" / "ocr_markers.tsv"
MARKERS = "○□◦●■▲△※ㅇ-•"
"""Line-opening marks of Korean reports (bullets, notes)."""
MARKER_MIN_SUPPORT = 5
"""Times a line-opening OCR token must stand for a mark in dev before it is a rule."""
MARKER_MIN_PRECISION = 0.95
"""Share of its dev line openings in which the token stood for that one mark."""
MEANINGFUL_LINE_OPENERS = "©ⓒ®™§¶"
"""Signs that open real lines with a meaning of their own (a copyright notice: `© 지역살림
연구소`): never a misread bullet before plain text, however often OCR drew one from ○ in the
corpus, whose documents hold no such lines. Only an item line (`© 사업기간 : 2023년~`, a label
and a colon, 39 of 39 on dev) shows the sign stood for a bullet."""
LEVELS = ("initial", "vowel", "final")


def estimate() -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str]]]:
    """(level, seen, meant) -> times confused; (level, meant) -> times the true form stood."""
    confusions: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[tuple[str, str]] = Counter()
    for pair in load_pairs():
        if pair.split != "dev":
            continue
        for ch in pair.truth:
            if is_syllable(ch):
                for level, part in zip(LEVELS, decompose(ch), strict=True):
                    totals[(level, part or "-")] += 1
                totals[("syllable", ch)] += 1
            elif ch.isascii() and ch.isalnum():
                totals[("latin", ch)] += 1
        for k in range(len(pair.truth) - 1):
            if is_syllable(pair.truth[k]) and is_syllable(pair.truth[k + 1]):
                totals[("space", "-")] += 1  # a place where a space could be added
            if pair.truth[k] == " ":
                totals[("space", " ")] += 1
        for d in diffs(pair.ocr, pair.truth):
            seen, meant = d.seen(pair.ocr), d.meant(pair.truth)
            cls = classify(seen, meant)
            if cls == "spacing":
                if not seen.strip() and seen and not meant:
                    confusions[("space", " ", "-")] += 1  # a space added inside a word
                elif not seen and meant and not meant.strip():
                    confusions[("space", "-", " ")] += 1  # a space lost
            elif cls == "hangul_jamo":
                for s, m in zip(seen.strip(), meant.strip(), strict=True):
                    if s == m:
                        continue
                    for level, a, b in zip(LEVELS, decompose(s), decompose(m), strict=True):
                        if a != b:
                            confusions[(level, a or "-", b or "-")] += 1
                    confusions[("syllable", s, m)] += 1
            elif len(seen) == len(meant) == 1 and is_syllable(meant):
                confusions[("syllable", seen, meant)] += 1
            elif cls == "latin_digit" and len(seen) == len(meant):
                for s, m in zip(seen, meant, strict=True):
                    if s != m:
                        confusions[("latin", s, m)] += 1
    return confusions, totals


def estimate_markers() -> list[tuple[str, str, str, int, int]]:
    """(OCR token, line shape, mark, times it stood for the mark, times it opened a line of
    that shape) for tokens that open dev lines and stand for one mark reliably enough there.
    A sign with a meaning of its own (©) is kept only before an item (`© 사업기간 : ...`),
    never before plain text (`© 지역살림 연구소`)."""
    stood: Counter[tuple[str, str, str]] = Counter()
    opened: Counter[tuple[str, str]] = Counter()
    for pair in load_pairs():
        if pair.split != "dev" or not pair.ocr.strip():
            continue
        found = opening_token(pair.ocr)
        if found is None:
            continue
        token, rest = found
        shape = line_shape(rest)
        opened[(token, shape)] += 1
        first = pair.truth.split()[0] if pair.truth.strip() else ""
        if len(first) == 1 and first in MARKERS and token != first \
                and (token not in MEANINGFUL_LINE_OPENERS or shape == "item"):
            stood[(token, shape, first)] += 1
    out = []
    for (token, shape, mark), n in sorted(stood.items()):
        total = opened[(token, shape)]
        if n >= MARKER_MIN_SUPPORT and n / total >= MARKER_MIN_PRECISION:
            out.append((token, shape, mark, n, total))
    return out + pooled_markers(stood, opened)


def pooled_markers(stood: Counter[tuple[str, str, str]], opened: Counter[tuple[str, str]]
                   ) -> list[tuple[str, str, str, int, int]]:
    """A token that stood for one mark whatever Hangul line it opened (`ㅁ`, `디`: □ before
    headings, items and text alike) stands for it in a shape too rare on dev to be a rule of
    its own (shape `*`: any line with Hangul). Same support and precision as a shape's rule,
    counted over the Hangul shapes together; a token that stood for two marks (`O`: ○ before
    items, □ before headings) gets none."""
    hangul = [s for s in SHAPES if s != "other"]
    out = []
    for token in sorted({t for t, _ in opened}):
        marks = {m for (t, s, m) in stood if t == token and s in hangul}
        total = sum(opened[(token, s)] for s in hangul)
        if len(marks) != 1 or not total:
            continue
        mark = marks.pop()
        n = sum(stood[(token, s, mark)] for s in hangul)
        if n >= MARKER_MIN_SUPPORT and n / total >= MARKER_MIN_PRECISION:
            out.append((token, "*", mark, n, total))
    return out


def write_markers() -> None:
    lines = [
        "# Line-opening marks misread by OCR, estimated from the dev documents of",
        "# tests/data/ocr_corpus/lines.jsonl by scripts/ocr_channel.py",
        "# (generated: do not edit by hand; held-out documents unused).",
        f"# Kept: tokens seen >= {MARKER_MIN_SUPPORT} times for one mark, in >= "
        f"{MARKER_MIN_PRECISION:.0%} of the dev lines of that shape they open.",
        "# Shapes (normalize/typos/markers.py): item (a colon follows), heading (a short line),",
        "# text (a longer line), other (no Hangul); * any shape but other, for a token that",
        "# stood for that one mark in every Hangul shape, pooled (used where no shape row is).",
        "# Columns: seen<TAB>shape<TAB>mark<TAB>times it stood for the mark<TAB>times it",
        "# opened a line of that shape",
    ]
    lines += [f"{t}\t{s}\t{m}\t{n}\t{k}" for t, s, m, n, k in estimate_markers()]
    MARKERS_OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {MARKERS_OUT.relative_to(REPO)}: {len(lines) - 10} marks")


def main() -> None:
    write_markers()
    confusions, totals = estimate()
    lines = [
        "# OCR channel estimated from the dev documents of tests/data/ocr_corpus/lines.jsonl by",
        "# scripts/ocr_channel.py (generated: do not edit by hand; held-out documents unused).",
        "# Columns: level<TAB>seen<TAB>meant<TAB>count<TAB>total",
        "#   count: times the OCR printed `seen` where the text had `meant`;",
        "#   total: times `meant` stood in the dev truth (at that level). space rows: seen ' '",
        "#   where meant '-' (a space added), seen '-' where meant ' ' (a space lost).",
    ]
    for (level, seen, meant), n in sorted(confusions.items()):
        total = totals[(level, meant)] if level != "space" else totals[("space", meant)]
        lines.append(f"{level}\t{seen}\t{meant}\t{n}\t{max(total, n)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {len(confusions)} confusions")


if __name__ == "__main__":
    main()
