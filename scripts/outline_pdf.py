"""Write a PDF whose text is drawn as filled outlines, with no text layer: a development
input for `extract.glyphs` / `extract.decipher` other than the real outline-glyph release.

Each character is one filled path (its outline from a TrueType font via fontTools), as the
HWP exporter draws the real release's Hangul. The lines come from the dev split of the OCR
corpus (`tests/data/ocr_corpus/lines.jsonl`, real documents only), never the held-out one.

    .venv/bin/python scripts/outline_pdf.py OUT.pdf [--font NanumMyeongjo.ttf] [--doc real_pdf0]
        [--size 10] [--lines 60]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from fpdf import FPDF

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "ocr_corpus" / "lines.jsonl"
FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 56.0
LINE_SPACING = 1.6


class PdfPen(BasePen):
    """fontTools outline -> an fpdf2 path, font units scaled to points at (x, baseline)."""

    def __init__(self, glyph_set: Any, path: Any, x: float, baseline: float, scale: float):
        super().__init__(glyph_set)
        self.path, self.x, self.baseline, self.scale = path, x, baseline, scale

    def _point(self, pt: tuple[float, float]) -> tuple[float, float]:
        return self.x + pt[0] * self.scale, self.baseline - pt[1] * self.scale

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.path.move_to(*self._point(pt))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.path.line_to(*self._point(pt))

    def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float],
                    p3: tuple[float, float]) -> None:
        self.path.curve_to(*self._point(p1), *self._point(p2), *self._point(p3))

    def _closePath(self) -> None:
        self.path.close()


def lines_of(doc: str, count: int) -> list[str]:
    found = []
    for line in CORPUS.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["split"] == "dev" and row["doc"] == doc and row["truth"].strip():
            found.append(row["truth"].strip())
    return found[:count]


def write(out: Path, text: list[str], font_file: Path, size: float) -> None:
    font = TTFont(str(font_file))
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    baseline = MARGIN + size
    for line in text:
        if baseline > PAGE_H - MARGIN:
            pdf.add_page()
            baseline = MARGIN + size
        x = MARGIN
        for char in line:
            name = cmap.get(ord(char))
            if name is None:
                continue
            if not char.isspace() and x + glyphs[name].width * scale < PAGE_W - MARGIN:
                with pdf.new_path() as path:
                    path.style.fill_color = "#000000"
                    path.style.stroke_color = None
                    glyphs[name].draw(PdfPen(glyphs, path, x, baseline, scale))
            x += glyphs[name].width * scale
        baseline += size * LINE_SPACING
    pdf.output(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--font", default="NanumMyeongjo.ttf")
    parser.add_argument("--doc", default="real_pdf0")
    parser.add_argument("--size", type=float, default=10.0)
    parser.add_argument("--lines", type=int, default=60)
    args = parser.parse_args()
    text = lines_of(args.doc, args.lines)
    write(args.out, text, FONT_DIR / args.font, args.size)
    args.out.with_suffix(".txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    print(f"{len(text)} lines -> {args.out}")


if __name__ == "__main__":
    main()
