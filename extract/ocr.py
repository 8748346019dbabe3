"""The OCR engine: one page image in, words with boxes and confidences out.

Tesseract (Debian `tesseract-ocr` + `tesseract-ocr-kor`) is the engine. It is an optional,
external program: nothing here runs until a document needs OCR, and a machine without it
gets a one-line `UnsupportedFormat` that says what to install (docling's pattern for
optional extras). Both the scan reader and the corpus of real OCR errors use this module,
so the corrector learns from the same engine that reads scans.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import LimitExceeded, UnreadableInput, UnsupportedFormat

if TYPE_CHECKING:
    from PIL import Image

TESSERACT = "tesseract"
INSTALL_HINT = "OCR needs Tesseract with Korean: apt-get install tesseract-ocr tesseract-ocr-kor"

DEFAULT_LANGUAGES = "kor+eng"
"""Korean first; English for Latin abbreviations (IRB, AI, R&D) common in cards."""

DEFAULT_PAGE_SEGMENTATION = 6
"""Tesseract's `--psm 6`: one uniform block of text. Automatic segmentation (3) drops table
cells that stand alone; 6 keeps every line, which the layout code then splits by geometry."""

DEFAULT_TIMEOUT_S = 120.0
"""One page at 300 dpi takes 2-10 s on one core here; a page that takes minutes is hostile."""

THREADS_PER_ENGINE = "1"
"""OMP_THREAD_LIMIT for each Tesseract process: its OpenMP threads fight batch workers for the
same cores and make it slower, not faster (Tesseract's own advice for parallel runs)."""


@dataclass(frozen=True)
class OcrSettings:
    languages: str = DEFAULT_LANGUAGES
    page_segmentation: int = DEFAULT_PAGE_SEGMENTATION
    dpi: int = 300
    """The image's resolution, passed to Tesseract so it sizes its text model right."""
    timeout_s: float = DEFAULT_TIMEOUT_S

    def __post_init__(self) -> None:
        if not 0 <= self.page_segmentation <= 13:
            raise ValueError(f"page_segmentation must be 0..13, not {self.page_segmentation}")
        if self.dpi <= 0 or self.timeout_s <= 0:
            raise ValueError("dpi and timeout_s must be positive")


@dataclass(frozen=True)
class OcrWord:
    text: str
    bbox: tuple[float, float, float, float]
    """`(x0, top, x1, bottom)` in image pixels, origin top-left."""
    confidence: float
    """Tesseract's word confidence, 0-100."""
    line_key: tuple[int, int, int] = (0, 0, 0)
    """(block, paragraph, line) numbers as Tesseract grouped the word."""


@dataclass
class OcrLine:
    words: list[OcrWord] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (
            min(w.bbox[0] for w in self.words),
            min(w.bbox[1] for w in self.words),
            max(w.bbox[2] for w in self.words),
            max(w.bbox[3] for w in self.words),
        )

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)


@lru_cache(maxsize=1)
def engine_languages() -> frozenset[str]:
    """The languages the installed Tesseract has; empty when there is no Tesseract."""
    if shutil.which(TESSERACT) is None:
        return frozenset()
    try:
        done = subprocess.run(
            [TESSERACT, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = done.stdout.splitlines()[1:]  # the first line names the tessdata folder
    return frozenset(line.strip() for line in lines if line.strip())


def engine_available(languages: str = DEFAULT_LANGUAGES) -> bool:
    return set(languages.split("+")) <= engine_languages()


def require_engine(languages: str = DEFAULT_LANGUAGES) -> None:
    if not engine_available(languages):
        raise UnsupportedFormat(INSTALL_HINT)


def ocr_image(image: Image.Image, settings: OcrSettings | None = None) -> list[OcrWord]:
    """Run Tesseract on one page image; words in Tesseract's reading order."""
    settings = settings or OcrSettings()
    require_engine(settings.languages)
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG")
    command = [
        TESSERACT, "stdin", "stdout",
        "-l", settings.languages,
        "--psm", str(settings.page_segmentation),
        "--dpi", str(settings.dpi),
        "-c", "preserve_interword_spaces=1",
        "tsv",
    ]
    env = {**os.environ, "OMP_THREAD_LIMIT": THREADS_PER_ENGINE}
    try:
        done = subprocess.run(
            command, input=buffer.getvalue(), capture_output=True,
            timeout=settings.timeout_s, env=env, check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise LimitExceeded(f"OCR of one page took longer than {settings.timeout_s:g} s") from err
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["failed"]
        raise UnreadableInput(f"OCR failed: {reason[0][:200]}")
    return parse_tsv(done.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Tesseract's TSV output -> words (level 5 rows with text)."""
    words: list[OcrWord] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        left, top = float(row["left"]), float(row["top"])
        words.append(OcrWord(
            text=text,
            bbox=(left, top, left + float(row["width"]), top + float(row["height"])),
            confidence=max(0.0, float(row["conf"])),
            line_key=(int(row["block_num"]), int(row["par_num"]), int(row["line_num"])),
        ))
    return words


def group_lines(words: list[OcrWord]) -> list[OcrLine]:
    """Words grouped into Tesseract's lines, in its order."""
    lines: dict[tuple[int, int, int], OcrLine] = {}
    for word in words:
        lines.setdefault(word.line_key, OcrLine()).words.append(word)
    return list(lines.values())
