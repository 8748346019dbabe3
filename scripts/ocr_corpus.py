"""Build the real-OCR corpus: render varied administrative text to degraded page images, read
them back with Tesseract (`gongmun.extract.ocr.ocr_image`) and keep each OCR line beside the
line that was rendered.

    OMP_THREAD_LIMIT=1 .venv/bin/python scripts/ocr_corpus.py [--cards 40 --press 30]

Writes `tests/data/ocr_corpus/lines.jsonl`: one object per rendered line with the document id
and kind, its split (`dev` or `heldout`, fixed per DOCUMENT before anything was tuned), the
rendering settings, the true text and the OCR text. The corrector's channel costs are
estimated from the dev lines only (`scripts/ocr_channel.py`); `make eval` scores held-out.

Every page gets its own degradation: one of the Nanum fonts, 150-300 dpi, 9-12 pt, Gaussian
blur, noise, a slight skew and JPEG compression. Words are assigned to the rendered line whose
band holds their centre (after undoing the skew), so alignment does not depend on Tesseract's
own line grouping.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_texts import SourceDoc, corpus_docs, find_shared, hwpx_docs

from gongmun.extract.ocr import OcrSettings, OcrWord, ocr_image

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "tests" / "data" / "ocr_corpus" / "lines.jsonl"
FONT_DIR = Path("/usr/share/fonts/truetype/nanum")
FONTS = ("NanumGothic.ttf", "NanumMyeongjo.ttf", "NanumBarunGothic.ttf", "NanumSquareR.ttf",
         "NanumGothicBold.ttf", "NanumMyeongjoBold.ttf", "NanumBarunpenR.ttf")
LINES_PER_PAGE = 28
WRAP = 42
"""Characters per rendered line at most (a page column's width at 10 pt)."""
HELDOUT_SHARE = 0.35


@dataclass(frozen=True)
class Look:
    font: str
    dpi: int
    points: float
    blur: float
    noise: float
    skew: float
    jpeg: int

    @classmethod
    def draw(cls, rng: random.Random) -> Look:
        fonts = [f for f in FONTS if (FONT_DIR / f).exists()]
        return cls(rng.choice(fonts), rng.choice([150, 200, 240, 300]),
                   rng.choice([9.0, 10.0, 10.5, 11.0, 12.0]), rng.choice([0, 0.4, 0.7, 1.0]),
                   rng.choice([0, 6, 12, 20]), rng.uniform(-0.8, 0.8), rng.choice([35, 55, 75, 92]))


def split_of(doc_id: str) -> str:
    """dev or heldout, from a hash of the document id (fixed before any tuning); the real
    HWPX documents are all held out (see `ocr_texts.HELDOUT_HWPX`)."""
    if doc_id.startswith("real_hwpx"):
        return "heldout"
    h = int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "heldout" if h < HELDOUT_SHARE else "dev"


def wrap(line: str, width: int = WRAP) -> Iterator[str]:
    words, current = line.split(" "), ""
    for w in words:
        if current and len(current) + 1 + len(w) > width:
            yield current
            current = w
        else:
            current = f"{current} {w}" if current else w
    if current:
        yield current


def render(lines: list[str], look: Look, rng: random.Random) -> tuple[Image.Image, list[float]]:
    """A page image and the y centre of each line (before skew)."""
    px = look.points * look.dpi / 72
    font = ImageFont.truetype(str(FONT_DIR / look.font), round(px))
    margin = int(look.dpi * 0.6)
    pitch = px * 1.9
    width = int(margin * 2 + max(font.getlength(t) for t in lines)) + 10
    height = int(margin * 2 + pitch * len(lines))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    centres = []
    for k, text in enumerate(lines):
        y = margin + k * pitch
        draw.text((margin, y), text, font=font, fill=rng.randint(0, 40))
        centres.append(y + px * 0.6)
    if look.blur:
        image = image.filter(ImageFilter.GaussianBlur(look.blur * look.dpi / 300))
    if look.noise:
        noise = Image.effect_noise(image.size, look.noise)
        image = Image.blend(image, noise, 0.25).point(lambda v: 255 if v > 235 else v)
    image = image.rotate(look.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=look.jpeg)
    return Image.open(io.BytesIO(buffer.getvalue())), centres


def assign(words: list[OcrWord], centres: list[float], size: tuple[int, int], skew: float,
           pitch: float) -> list[str]:
    """OCR words to the rendered line whose band holds their centre (skew undone)."""
    cx, cy = size[0] / 2, size[1] / 2
    a = math.radians(skew)  # PIL rotates counter-clockwise by `skew` degrees
    buckets: list[list[OcrWord]] = [[] for _ in centres]
    for w in words:
        x, y = (w.bbox[0] + w.bbox[2]) / 2 - cx, (w.bbox[1] + w.bbox[3]) / 2 - cy
        y0 = -x * math.sin(a) + y * math.cos(a) + cy
        k = min(range(len(centres)), key=lambda i: abs(centres[i] - y0))
        if abs(centres[k] - y0) < pitch * 0.6:
            buckets[k].append(w)
    return [join_words(sorted(b, key=lambda w: w.bbox[0]), pitch / 1.9) for b in buckets]


SPACE_GAP = 0.22
"""A gap wider than this share of the font size between two OCR words is a space. Tesseract's
Korean model cuts lines into single syllables as often as into words, so its word boundaries
say little; the gap does (a space is about a third of an em, syllables sit closer)."""


def join_words(words: list[OcrWord], em: float) -> str:
    out = ""
    for prev, word in zip([None, *words], words, strict=False):
        if prev is not None:
            out += " " if word.bbox[0] - prev.bbox[2] > SPACE_GAP * em else ""
        out += word.text
    return out


def ocr_doc(doc: SourceDoc, rng: random.Random) -> Iterator[dict[str, object]]:
    rendered = [part for line in doc.lines for part in wrap(line)]
    for page, first in enumerate(range(0, len(rendered), LINES_PER_PAGE)):
        lines = rendered[first:first + LINES_PER_PAGE]
        look = Look.draw(rng)
        image, centres = render(lines, look, rng)
        words = ocr_image(image, OcrSettings(dpi=look.dpi))
        pitch = look.points * look.dpi / 72 * 1.9
        for k, (truth, ocr) in enumerate(zip(lines, assign(words, centres, image.size,
                                                           look.skew, pitch), strict=True)):
            yield {"doc": doc.doc_id, "kind": doc.kind, "split": split_of(doc.doc_id),
                   "page": page, "line": first + k, "font": look.font, "dpi": look.dpi,
                   "pt": look.points, "blur": look.blur, "noise": look.noise,
                   "skew": round(look.skew, 2), "jpeg": look.jpeg, "truth": truth, "ocr": ocr}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=40)
    parser.add_argument("--press", type=int, default=30)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--hwpx-only", action="store_true",
                        help="only the held-out real HWPX documents, appended to --out")
    args = parser.parse_args()
    shared = find_shared(REPO)
    if args.hwpx_only:
        docs = hwpx_docs(shared)
    else:
        docs = corpus_docs(args.cards, args.press, args.seed, shared) + hwpx_docs(shared)
    rng = random.Random(args.seed + (1 if args.hwpx_only else 0))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a" if args.hwpx_only else "w", encoding="utf-8") as out:
        for n, doc in enumerate(docs, start=1):
            for row in ocr_doc(doc, rng):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
            print(f"{n}/{len(docs)} {doc.doc_id}", file=sys.stderr)


if __name__ == "__main__":
    main()
