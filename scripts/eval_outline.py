"""Hangul F1 of outline-glyph PDFs read by OCR, with and without the decipherment of
`extract.decipher` (the language model choosing each glyph shape's reading).

Dev inputs: PDFs written by `scripts/outline_pdf.py` (text from the OCR corpus's dev split,
drawn as outlines in fonts-nanum fonts; the truth is the `.txt` beside each). Held out: the
real release in ../shared/real whose Hangul is drawn as outlines, against its HWPX.

    .venv/bin/python scripts/eval_outline.py [DEV.pdf ...] [--real]
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
import zipfile
from pathlib import Path

from real_files import shared_real

REPO = Path(__file__).resolve().parents[1]
PRESS = "(250813) (보도자료) 2025년 7월중 가계대출 동향"


def hangul_f1(found: str, truth: str) -> float:
    a = collections.Counter(c for c in found if "가" <= c <= "힣")
    b = collections.Counter(c for c in truth if "가" <= c <= "힣")
    hits = sum((a & b).values())
    if not hits:
        return 0.0
    precision, recall = hits / sum(a.values()), hits / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def hwpx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        sections = sorted(n for n in archive.namelist()
                          if re.fullmatch(r"Contents/section\d+\.xml", n))
        return "".join("".join(re.findall(r"<hp:t(?:\s[^>]*)?>([^<]*)</hp:t>",
                                          archive.read(n).decode("utf-8")))
                       for n in sections)




def score(pdf: Path, truth: str, decipher: bool) -> tuple[float, float]:
    """Hangul F1 of the record's text against `truth`, and the seconds it took. Without
    `decipher` the reader is given no language model (each shape: its majority reading)."""
    from gongmun.extract import read_document, read_file
    from gongmun.normalize import normalize_document
    from gongmun.pipeline import extract
    from gongmun.schemas.build import build_record

    started = time.perf_counter()
    if decipher:
        record = extract(pdf, correct=False)
    else:
        document = read_document(read_file(pdf), str(pdf))
        record = build_record(normalize_document(document, []), pipeline_version="eval")
    elapsed = time.perf_counter() - started
    return hangul_f1("\n".join(b.text for b in record.blocks), truth), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--real", action="store_true", help="also the held-out real release")
    args = parser.parse_args()
    inputs = [(p, p.with_suffix(".txt").read_text("utf-8")) for p in args.pdfs]
    real = shared_real()
    if args.real and real is not None:
        folder = real / "press_release"
        inputs.append((folder / f"{PRESS}-hwp-2022.pdf", hwpx_text(folder / f"{PRESS}.hwpx")))
    for pdf, truth in inputs:
        without, _ = score(pdf, truth, decipher=False)
        with_lm, elapsed = score(pdf, truth, decipher=True)
        print(f"{pdf.name[:60]:60} F1 without {without:.3f}  with {with_lm:.3f}  "
              f"({elapsed:.1f} s)")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
