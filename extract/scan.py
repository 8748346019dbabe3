"""Scans: page images (PNG, JPEG, TIFF incl. multi-page, scanned PDF pages) -> `Document`.

A page image goes through the same layout code as a text-layer PDF page (`pdf.assemble`):

1. the image is made grey and deskewed (the angle that makes the rows of ink sharpest);
2. ruling lines are found as long runs of ink (a cheap morphological opening), turned into
   edges in PDF points and into cells by pdfplumber's own grid functions; they are then
   erased so that Tesseract does not read them as `|` or `-`;
3. Tesseract reads the page; every word's pixel box is converted to points (72/dpi), so a
   scan gives a `RawPage` like any text-layer page, with the same tolerances.

Everything read here is marked `ocr=True` (blocks and tables), so the OCR corrector may run
on it; words Tesseract is unsure of become notes naming their page, table and cell.

This module also decides, for a PDF with a text layer, which pages need OCR anyway
(`text_layer_problem`), and holds the `--ocr auto|always|never` setting of the current read.
"""

from __future__ import annotations

import contextvars
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from .decipher import is_common_syllable
from .errors import LimitExceeded, UnreadableInput, UnsupportedFormat
from .model import Document, ExtractNote, Source
from .ocr import OcrSettings, OcrWord, ocr_image

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image  # loaded by the functions that use it: a text layer needs none

    from .pdf import RawPage, RawTable, Word

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")

_ocr_mode: ContextVar[OcrMode] = ContextVar("gongmun_ocr_mode", default="auto")


def ocr_mode() -> OcrMode:
    """The `--ocr` setting of the read in progress (default "auto")."""
    return _ocr_mode.get()


@contextmanager
def using_ocr_mode(mode: OcrMode) -> Iterator[None]:
    if mode not in OCR_MODES:
        raise ValueError(f"ocr mode must be one of {OCR_MODES}, not {mode!r}")
    token = _ocr_mode.set(mode)
    try:
        yield
    finally:
        _ocr_mode.reset(token)


# --- constants ------------------------------------------------------------------------------

POINTS_PER_INCH = 72.0
DEFAULT_SCAN_DPI = 300
"""An image that does not say its resolution is taken as 300 dpi, the archival norm."""
RENDER_DPI = 300
"""PDF pages are rendered at this resolution for OCR: Tesseract's Korean model reads 9-10 pt
table text reliably from ~300 dpi; at 200 dpi small Hangul loses strokes."""
OCR_LANGUAGES = "kor"
"""Korean alone: Tesseract's kor model has Latin letters and digits too, and adding eng made
it read small or odd Hangul glyphs as Latin words (real press PDF in ../shared/real:
Hangul F1 0.69 with kor, 0.60 with kor+eng)."""
MAX_PAGES = 500
MAX_PIXELS = 12_000 * 12_000
"""A page larger than this (a 1 m poster at 300 dpi) is refused rather than OCR'd for hours."""

OCR_MIN_DPI = 300
"""Scans below this are upsampled to it before OCR: at 200 dpi 9 pt Hangul is ~22 px high,
below the 30-ish px Tesseract's models are trained on."""
DENOISE_SIZE = 3
DENOISE_MIN_DPI = 250
"""Below this, 1-2 px strokes of small text do not survive a median filter (the 200 dpi
bilevel sample scan lost 14 points of field accuracy with it)."""
MAX_SKEW_DEG = 5.0
COARSE_SKEW_STEP_DEG = 0.5
FINE_SKEW_STEP_DEG = 0.1
SKEW_ESTIMATE_WIDTH_PX = 1000
"""Skew is estimated on a copy this wide: enough rows of ink, a fraction of the work."""
MIN_SKEW_DEG = 0.05
"""Below this the page is left as it is (resampling blurs glyphs for nothing)."""

RULE_MIN_LENGTH_MM = 12.0
"""A ruling line is a run of ink at least this long. Hangul strokes at 9-16 pt are at most
~6 mm; table cells in the cards are >= 16 mm wide, and rules run across several cells."""
RULE_MIN_HEIGHT_MM = 6.0
"""Vertical rules are shorter (one table row, >= 6 mm in the cards); the tallest Hangul
stroke, in a 16 pt title, is ~5 mm."""
RULE_DRIFT_PX = 2
"""Rows this close are OR-ed before finding runs, so a line left 0.1 degree off level (the
residue of deskewing) still reads as one run."""
RULE_ERASE_PX = 2
"""Erase this many pixels around a found rule (anti-aliased edges and blur)."""
RULE_SNAP_PT = 3.0
"""Rules closer than this (points) are one edge (a thick or blurred line gives many rows)."""
RULE_JOIN_PT = 4.0
RULE_INTERSECTION_PT = 4.0
MIN_TABLE_CELLS = 2
CELL_INSET_PX = 3
"""A table cell is read inside its rules by this much (what erasing left of them)."""
GHOST_HEIGHT_RATIO = 0.5
"""A line at most this share as high as a line it overlaps is a ghost of it: on cells read
alone Tesseract's Korean model now and then returns a syllable's upper strokes as a line of
their own (~15 px over ~35 px lines at 300 dpi); no real line overlaps a line twice its
height."""
CELL_GAP_MM = 4.0
"""Table cells are read stacked below the page this far apart: more than a line's leading,
so that Tesseract never joins two cells' lines into one."""

OCR_SIZE_TOLERANCE_PT = 0.75
"""Lines of one table found from OCR'd text differ in size by at most this: OCR sizes are
line-height medians rounded to 0.5 pt (9 pt table text reads 7.5-8.5 on the sample scans,
10 pt body text 9.0-11)."""
OCR_COLUMN_GAP_EMS = 0.65
"""OCR'd words further apart than this share of their size stand in different cells: words
re-cut at blank runs (`respace`) of one cell stand up to ~0.6 of their OCR size apart on
the dev scans (the size is a word box's height, ~0.95 em)."""

SPACE_RATIO = 0.3
"""A blank gap this wide (share of the line's word height) between two words is a space.
Measured on Nanum Gothic at 37 px/em (9 pt, 300 dpi), word height ~35 px: blank runs between
syllables of one word are 2-8 px, across a space 13-18 px; the cut is at ~10.5 px."""
SPECKLE_HEIGHT_RATIO = 0.5
"""A doubted word less than half as high as its line's words is dust, not text."""
LOW_CONFIDENCE = 60.0
"""Tesseract word confidence (0-100) below which a word is flagged for review. On the sample
scans, wrong words sit mostly below 60 and right ones mostly above (tests/test_scan.py)."""
MAX_NOTE_WORDS = 8


_SPECKLE = re.compile(r"[|ㆍ、…_'\".;,`“”‘’^]+")
"""A low-confidence word made only of these marks is speckle, not text."""


@dataclass(frozen=True)
class ScanPage:
    """One OCR'd page: its layout input and the words Tesseract was unsure of (in points)."""

    raw: RawPage
    doubtful: list[tuple[Word, float]]
    skew_deg: float
    ocr_words: tuple[Word, ...] = ()
    """Tesseract's own words in points, before `respace` joins them (mostly one or two
    syllables each: what `glyphs` aligns with outline glyphs)."""


# --- readers ----------------------------------------------------------------------------------


def read(data: bytes, source: Source, text: str | None = None) -> Document:
    """Read an image file (every frame of a TIFF is a page)."""
    if ocr_mode() == "never":
        raise UnsupportedFormat("an image needs OCR, and --ocr never was given")
    pages = ocr_pages([(image, number, dpi) for number, (image, dpi)
                       in enumerate(load_images(data), start=1)])
    if not any(page.raw.words for page in pages):
        raise UnreadableInput("OCR found no text in the image")
    return document_from_scans(replace(source, pages=len(pages)), pages)


def load_images(data: bytes) -> list[tuple[Image.Image, float]]:
    """Every frame of the image with its resolution (dpi)."""
    from PIL import Image, ImageSequence

    try:
        image = Image.open(io.BytesIO(data))
        frames: list[tuple[Image.Image, float]] = []
        for frame in ImageSequence.Iterator(image):
            if len(frames) >= MAX_PAGES:
                raise LimitExceeded(f"more than {MAX_PAGES} pages")
            if frame.width * frame.height > MAX_PIXELS:
                raise LimitExceeded(f"page image larger than {MAX_PIXELS:,} pixels")
            frames.append((frame.convert("L"), image_dpi(frame)))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise UnreadableInput(f"unreadable image: {err}") from err
    if not frames:
        raise UnreadableInput("image has no pages")
    return frames


def image_dpi(image: Image.Image) -> float:
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    # Some writers store 1 or 72 for "unknown"; a page scan is never below 100 dpi.
    return value if value >= 100 else float(DEFAULT_SCAN_DPI)


def render_pdf_pages(data: bytes, numbers: Sequence[int],
                     dpi: int = RENDER_DPI) -> dict[int, Image.Image]:
    """The pages `numbers` (1-based) of a PDF as grey images, /Rotate applied."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise UnreadableInput(f"corrupt PDF: cannot render pages for OCR ({err})") from err
    try:
        images = {}
        for number in numbers:
            page = pdf[number - 1]
            try:
                images[number] = page.render(scale=dpi / POINTS_PER_INCH,
                                             grayscale=True).to_pil().convert("L")
            finally:
                page.close()
        return images
    finally:
        pdf.close()


def document_from_scans(source: Source, pages: list[ScanPage]) -> Document:
    from .pdf import assemble

    document = assemble(replace(source, ocr_pages=tuple(p.raw.number for p in pages)),
                        [p.raw for p in pages])
    mark_ocr(document, {p.raw.number for p in pages})
    document.notes += scan_notes(document, pages)
    return document


def mark_ocr(document: Document, pages: set[int]) -> None:
    """Blocks and tables from OCR'd pages carry `ocr=True` (the corrector may touch them)."""
    for block in document.blocks:
        if block.page in pages:
            block.ocr = True
    for table in document.tables:
        if table.page in pages or pages & set(table.pages):
            table.ocr = True


# --- one page ---------------------------------------------------------------------------------


OCR_THREADS_ENV = "GONGMUN_OCR_THREADS"
"""Pages OCR'd at once. Default: one per core this process may use, since each Tesseract runs
single-threaded (`OMP_THREAD_LIMIT=1`) and a page is seconds of CPU; a multi-page scan then
takes about 1/cores of the time. Set it to 1 where the cores are already shared out (a batch
with one worker per core gives the same throughput either way)."""


def ocr_threads(pages: int) -> int:
    configured = os.environ.get(OCR_THREADS_ENV, "")
    wanted = int(configured) if configured.isdigit() else len(os.sched_getaffinity(0))
    return max(1, min(wanted, pages))


def ocr_pages(jobs: Sequence[tuple[Image.Image, int, float]]) -> list[ScanPage]:
    """`ocr_page` over (image, page number, dpi) jobs, several pages at once, in page order.
    Each page runs in a copy of the caller's context, so the run's limits and OCR mode hold."""
    threads = ocr_threads(len(jobs))
    if threads == 1:
        return [ocr_page(*job) for job in jobs]
    def in_context(job: tuple[Image.Image, int, float]) -> Callable[[], ScanPage]:
        context = contextvars.copy_context()
        return lambda: context.run(ocr_page, *job)

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(in_context(job)) for job in jobs]
        return [future.result() for future in futures]


class PdfPageOcr:
    """PDF pages OCR'd in the background as the reader hands them in, so Tesseract works on
    one page while the reader parses the next page's text layer (pdfminer: one core, seconds
    on a page of outline glyphs). Pages are rendered on the caller's thread (pdfium is not
    thread-safe) and OCR'd in a copy of the caller's context, like `ocr_pages`."""

    def __init__(self, data: bytes, dpi: int = RENDER_DPI) -> None:
        self.data = data
        self.dpi = dpi
        self.pool: ThreadPoolExecutor | None = None
        self.workers = 1
        self.pending: dict[int, Future[ScanPage]] = {}

    def submit(self, number: int, cells_apart: bool = True) -> None:
        if self.pool is None:
            self.workers = ocr_threads(len(os.sched_getaffinity(0)))
            self.pool = ThreadPoolExecutor(max_workers=self.workers)
        # At most one rendered page waits per worker: a page image is ~9 MB at 300 dpi, and
        # a file of thousands of blank pages is read faster than Tesseract reads its pages.
        in_flight = [f for f in self.pending.values() if not f.done()]
        if len(in_flight) >= 2 * self.workers:
            wait(in_flight, return_when=FIRST_COMPLETED)
        image = render_pdf_pages(self.data, [number], self.dpi)[number]
        context = contextvars.copy_context()
        self.pending[number] = self.pool.submit(context.run, ocr_page, image, number, self.dpi,
                                                cells_apart)

    def results(self) -> list[ScanPage]:
        """The OCR'd pages in page order (the first page's error is raised, as `ocr_pages`)."""
        return [self.pending[n].result() for n in sorted(self.pending)]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def ocr_page(image: Image.Image, number: int, dpi: float, cells_apart: bool = True
             ) -> ScanPage:
    """OCR one page image into a `RawPage` in PDF points. `cells_apart`: table cells are
    read apart (`read_tables`); not on a page of outline glyphs (see `OUTLINE_CELLS_APART`)."""
    import numpy as np
    from PIL import Image, ImageFilter

    from .pdf import RawPage

    # A 3x3 median removes dust and paper grain (isolated dark or light pixels) that
    # Tesseract reads as dots and digits; strokes of 9 pt text at >= 200 dpi are wider.
    image = image.convert("L")
    if dpi < OCR_MIN_DPI:  # upsample: Tesseract wants Hangul >= ~30 px high
        factor = OCR_MIN_DPI / dpi
        image = image.resize((round(image.width * factor), round(image.height * factor)),
                             Image.Resampling.BICUBIC)
        dpi = OCR_MIN_DPI
    if dpi >= DENOISE_MIN_DPI:
        image = image.filter(ImageFilter.MedianFilter(DENOISE_SIZE))
    grey = np.asarray(image, dtype=np.uint8)
    ink = grey < otsu_threshold(grey)
    angle = estimate_skew(ink)
    if abs(angle) >= MIN_SKEW_DEG:
        image = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC,
                                          fillcolor=255)
        grey = np.asarray(image, dtype=np.uint8)
        ink = grey < otsu_threshold(grey)
    scale = POINTS_PER_INCH / dpi
    h_mask, h_edges = find_rules(ink, _pixels(RULE_MIN_LENGTH_MM, dpi), scale, "h")
    v_mask, v_edges = find_rules(ink.T, _pixels(RULE_MIN_HEIGHT_MM, dpi), scale, "v")
    cleaned = grey.copy()
    cleaned[h_mask | v_mask.T] = 255
    ruled = tables_from_edges(h_edges + v_edges)
    if cells_apart:
        words, tables = read_tables(cleaned, ruled, scale, dpi)
    else:
        words = ocr_image(Image.fromarray(cleaned), OcrSettings(languages=OCR_LANGUAGES,
                                                                 dpi=round(dpi)))
        tables = ruled
    page_words, doubtful = to_points(respace(words, cleaned < otsu_threshold(cleaned)), scale)
    raw = RawPage(number, grey.shape[1] * scale, grey.shape[0] * scale, page_words, tables)
    return ScanPage(raw, doubtful, angle, tuple(to_points(words, scale)[0]))


def _pixels(mm: float, dpi: float) -> int:
    return max(10, round(mm / 25.4 * dpi))


def otsu_threshold(grey: np.ndarray) -> int:
    """The grey level that best splits ink from paper (Otsu's method)."""
    import numpy as np

    hist = np.bincount(grey.ravel(), minlength=256).astype(float)
    total = hist.sum()
    levels = np.arange(256)
    weight_dark = np.cumsum(hist)
    mean_dark = np.cumsum(hist * levels)
    weight_light = total - weight_dark
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_dark[-1] * weight_dark / total - mean_dark) ** 2 / (
            weight_dark * weight_light)
    between = np.where(np.isfinite(between), between, 0.0)
    return int(np.argmax(between)) + 1


def estimate_skew(ink: np.ndarray) -> float:
    """The rotation (degrees, counter-clockwise) that levels the page's rows of ink.

    Level text gives a horizontal ink profile of sharp peaks (lines) and empty gaps; its
    variance is largest at the right angle. Coarse search, then fine around the best.
    """
    import numpy as np
    from PIL import Image

    width = ink.shape[1]
    factor = max(1, width // SKEW_ESTIMATE_WIDTH_PX)
    small = Image.fromarray((ink[::factor, ::factor] * 255).astype(np.uint8))
    if not np.asarray(small).any():
        return 0.0

    def sharpness(angle: float) -> float:
        rotated = np.asarray(small.rotate(angle, resample=Image.Resampling.NEAREST))
        return float(np.var(rotated.sum(axis=1, dtype=np.float64)))

    def best(angles: np.ndarray) -> float:
        return float(max(angles, key=sharpness))

    coarse = best(np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, COARSE_SKEW_STEP_DEG))
    fine = best(np.arange(coarse - COARSE_SKEW_STEP_DEG, coarse + COARSE_SKEW_STEP_DEG + 1e-9,
                          FINE_SKEW_STEP_DEG))
    return round(fine, 2)


def find_rules(ink: np.ndarray, min_run: int, scale: float,
               orientation: str) -> tuple[np.ndarray, list[dict[str, Any]]]:
    """Runs of ink at least `min_run` long along each row of `ink` (transpose for vertical
    rules): a mask of their pixels and pdfplumber-style edges in points."""
    import numpy as np

    band = ink.copy()
    for shift in range(1, RULE_DRIFT_PX + 1):
        band[shift:] |= ink[:-shift]
        band[:-shift] |= ink[shift:]
    mask = np.zeros_like(ink)
    edges: list[dict[str, Any]] = []
    padded = np.zeros((band.shape[0], band.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = band
    steps = np.diff(padded, axis=1)
    for row in np.nonzero(band.sum(axis=1) >= min_run)[0]:
        starts = np.nonzero(steps[row] == 1)[0]
        ends = np.nonzero(steps[row] == -1)[0]
        for start, end in zip(starts, ends, strict=True):
            if end - start < min_run:
                continue
            lo, hi = max(0, row - RULE_ERASE_PX), row + RULE_ERASE_PX + 1
            mask[lo:hi, start:end] = True
            edges.append(_edge(orientation, start * scale, end * scale, row * scale))
    return mask, edges


def _edge(orientation: str, start: float, end: float, at: float) -> dict[str, Any]:
    start, end, at = float(start), float(end), float(at)
    if orientation == "h":
        x0, x1, top, bottom = start, end, at, at
    else:
        x0, x1, top, bottom = at, at, start, end
    return {"object_type": "scan_rule", "orientation": orientation, "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def tables_from_edges(edges: list[dict[str, Any]]) -> list[RawTable]:
    """Cells and tables from ruling lines, by pdfplumber's own grid functions."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    from .pdf import RawTable, missing_frame_edges

    if not edges:
        return []
    merged = merge_edges(edges, RULE_SNAP_PT, RULE_SNAP_PT, RULE_JOIN_PT, RULE_JOIN_PT)
    frame = missing_frame_edges(merged)
    merged = merge_edges(merged + frame["h"] + frame["v"], RULE_SNAP_PT, RULE_SNAP_PT,
                         RULE_JOIN_PT, RULE_JOIN_PT)
    points = edges_to_intersections(merged, RULE_INTERSECTION_PT, RULE_INTERSECTION_PT)
    tables = []
    for cells in cells_to_tables(intersections_to_cells(points)):
        if len(cells) < MIN_TABLE_CELLS:
            continue
        bbox = (min(c[0] for c in cells), min(c[1] for c in cells),
                max(c[2] for c in cells), max(c[3] for c in cells))
        tables.append(RawTable(bbox, [(float(c[0]), float(c[1]), float(c[2]), float(c[3]))
                                      for c in cells]))
    return tables


@dataclass(frozen=True)
class CellSlot:
    """Where a table cell's pixels were put for reading: `top` on the reading canvas, from
    the page's (`x0`, `y0`)."""

    top: int
    bottom: int
    x0: int
    y0: int
    box: tuple[int, int, int, int] = (0, 0, 0, 0)
    """The cell's pixels on the page (x0, top, x1, bottom)."""


def isolate_cells(grey: np.ndarray, tables: list[RawTable], scale: float, dpi: float
                  ) -> tuple[np.ndarray, list[CellSlot]]:
    """The page with its table cells blanked, each cell's pixels stacked below it, for one
    Tesseract run.

    Read in place, a table's cells are not lines of text: a cell centred beside a two-line
    cell stands between that cell's lines, and Tesseract (one uniform block, `--psm 6`)
    joins its syllables with theirs into lines (`추진중` read as `4` and `증`, a one-line
    header beside a two-line one lost). Stacked apart, every cell is its own lines."""
    import numpy as np

    crops: list[tuple[np.ndarray, int, int]] = []
    blanked = grey.copy()
    threshold = otsu_threshold(grey)
    for table in tables:
        for cell in sorted(table.cells, key=lambda c: (c[1], c[0])):
            x0, y0, x1, y1 = (round(v / scale) for v in cell)
            x0, y0, x1, y1 = x0 + CELL_INSET_PX, y0 + CELL_INSET_PX, x1 - CELL_INSET_PX, \
                y1 - CELL_INSET_PX
            if x1 <= x0 or y1 <= y0:
                continue
            crop = grey[y0:y1, x0:x1].copy()
            if (crop < threshold).any():
                crops.append((crop, x0, y0))
                blanked[y0:y1, x0:x1] = 255
    if not crops:
        return grey, []
    gap = _pixels(CELL_GAP_MM, dpi)
    height = grey.shape[0] + sum(c.shape[0] + gap for c, _, _ in crops) + gap
    width = max(grey.shape[1], max(c.shape[1] for c, _, _ in crops) + 2 * gap)
    canvas = np.full((height, width), 255, dtype=np.uint8)
    canvas[:grey.shape[0], :grey.shape[1]] = blanked
    slots, top = [], grey.shape[0] + gap
    for crop, x0, y0 in crops:
        canvas[top:top + crop.shape[0], gap:gap + crop.shape[1]] = crop
        slots.append(CellSlot(top, top + crop.shape[0], x0 - gap, y0 - top,
                              (x0, y0, x0 + crop.shape[1], y0 + crop.shape[0])))
        top += crop.shape[0] + gap
    return canvas, slots


def read_tables(cleaned: np.ndarray, ruled: list[RawTable], scale: float, dpi: float
                ) -> tuple[list[OcrWord], list[RawTable]]:
    """The page's words, its table cells read apart (`isolate_cells`), and its tables: the
    ruled ones, and those found from the words' alignment (`pdf.unruled_tables`), whose
    cells are then read apart too (a second Tesseract run, on pages with such tables)."""
    from PIL import Image

    from .pdf import unruled_tables

    settings = OcrSettings(languages=OCR_LANGUAGES, dpi=round(dpi))

    def read(tables: list[RawTable]) -> list[OcrWord]:
        canvas, slots = isolate_cells(cleaned, tables, scale, dpi)
        return restore_cells(ocr_image(Image.fromarray(canvas), settings), slots,
                             cleaned.shape[0])

    words = read(ruled)
    points, _ = to_points(respace(words, cleaned < otsu_threshold(cleaned)), scale)
    tables = unruled_tables(points, ruled, (OCR_SIZE_TOLERANCE_PT, OCR_COLUMN_GAP_EMS))
    if tables != ruled:
        words = read(tables)
    return words, tables


def restore_cells(words: list[OcrWord], slots: list[CellSlot], page_height: int
                  ) -> list[OcrWord]:
    """Words read on `isolate_cells`' canvas, back at their place on the page; each cell's
    lines keep their own line keys, and ghost lines are dropped (`ghost_lines`)."""
    out: list[OcrWord] = []
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        x, y = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
        if y < page_height:
            if not any(s.box[0] <= x < s.box[2] and s.box[1] <= y < s.box[3] for s in slots):
                out.append(word)  # in a cell read apart (blanked): a speck, not its text
            continue
        index = next((i for i, s in enumerate(slots) if s.top <= y < s.bottom), None)
        if index is None:
            continue  # between cells: nothing of the page stands there
        slot = slots[index]
        x0, top, x1, bottom = word.bbox
        block, par, line = word.line_key
        key = ((index + 1) * 1000 + block, par, line)
        by_line.setdefault(key, []).append(replace(
            word, bbox=(x0 + slot.x0, top + slot.y0, x1 + slot.x0, bottom + slot.y0),
            line_key=key))
    ghosts = ghost_lines(by_line)
    return out + [w for key, line in by_line.items() if key not in ghosts for w in line]


def ghost_lines(lines: dict[tuple[int, int, int], list[OcrWord]]
                ) -> set[tuple[int, int, int]]:
    """Lines Tesseract made of the upper strokes of the line under them (`즈` over `주요`,
    `차고` over `착공`): at most GHOST_HEIGHT_RATIO as high as a line of the same cell they
    overlap."""
    def box(words: list[OcrWord]) -> tuple[float, float]:
        return min(w.bbox[1] for w in words), max(w.bbox[3] for w in words)

    boxes = {key: box(words) for key, words in lines.items()}
    ghosts = set()
    for key, (top, bottom) in boxes.items():
        for other, (o_top, o_bottom) in boxes.items():
            same_cell = other != key and other[0] // 1000 == key[0] // 1000
            overlap = min(bottom, o_bottom) - max(top, o_top)
            if same_cell and overlap > (bottom - top) / 2 \
                    and bottom - top <= GHOST_HEIGHT_RATIO * (o_bottom - o_top):
                ghosts.add(key)
    return ghosts


def respace(words: list[OcrWord], ink: np.ndarray) -> list[OcrWord]:
    """Words re-cut where the page shows a space.

    Tesseract's Korean model puts a space between most syllables and its word boxes are
    approximate, so word breaks are taken from the image: two neighbouring words of a line
    are one word unless the ink between them leaves a blank run of at least SPACE_RATIO of
    the line's height. Each line's words are also put in left-to-right order and given the
    line's top and bottom, so the layout code keeps a line together."""
    from .ocr import group_lines

    out: list[OcrWord] = []
    for line in group_lines(words):
        heights = sorted(w.bbox[3] - w.bbox[1] for w in line.words)
        ordered = sorted((w for w in line.words if not is_speckle(w, heights[len(heights) // 2])),
                         key=lambda w: w.bbox[0])
        if not ordered:
            continue
        top = sorted(w.bbox[1] for w in ordered)[len(ordered) // 2]
        bottom = sorted(w.bbox[3] for w in ordered)[len(ordered) // 2]
        height = max(1.0, bottom - top)
        merged = [replace(ordered[0], bbox=(ordered[0].bbox[0], top, ordered[0].bbox[2], bottom))]
        for word in ordered[1:]:
            last = merged[-1]
            if blank_run(ink, last.bbox, word.bbox, top, bottom) < SPACE_RATIO * height:
                merged[-1] = replace(last, text=last.text + word.text,
                                     bbox=(last.bbox[0], top, max(last.bbox[2], word.bbox[2]),
                                           bottom),
                                     confidence=min(last.confidence, word.confidence))
            else:
                merged.append(replace(word, bbox=(word.bbox[0], top, word.bbox[2], bottom)))
        out += merged
    return out


def is_speckle(word: OcrWord, line_height: float) -> bool:
    """Dust, and remnants of rules read as `|`: a standalone bar, a mark-only word Tesseract
    doubts, or a doubted word far smaller than its line's text."""
    if word.text == "|":
        return True
    if word.confidence >= LOW_CONFIDENCE:
        return False
    small = (word.bbox[3] - word.bbox[1]) < SPECKLE_HEIGHT_RATIO * line_height
    return small or bool(_SPECKLE.fullmatch(word.text))


def blank_run(ink: np.ndarray, left: tuple[float, float, float, float],
              right: tuple[float, float, float, float], top: float, bottom: float) -> int:
    """The widest run of ink-free columns between the centres of two word boxes."""
    import numpy as np

    x0, x1 = int((left[0] + left[2]) / 2), int((right[0] + right[2]) / 2)
    if x1 <= x0:
        return 0
    band = ink[max(0, int(top)):max(int(top) + 1, int(bottom)), x0:x1]
    blank: list[bool] = (~np.any(band, axis=0)).tolist()
    best = run = 0
    for is_blank in blank:
        run = run + 1 if is_blank else 0
        best = max(best, run)
    return best


def to_points(words: list[OcrWord], scale: float) -> tuple[list[Word], list[tuple[Word, float]]]:
    """OCR words in PDF points. A word's size is the median word height of its Tesseract line
    (one word's box depends on its letters; the line's is the text size), rounded to 0.5 pt so
    that body text has one size."""
    from .ocr import group_lines
    from .pdf import Word

    out: list[Word] = []
    doubtful: list[tuple[Word, float]] = []
    for line in group_lines(words):
        heights = sorted(w.bbox[3] - w.bbox[1] for w in line.words)
        size = round(heights[len(heights) // 2] * scale * 2) / 2
        for w in line.words:
            x0, top, x1, bottom = (v * scale for v in w.bbox)
            word = Word(unicodedata.normalize("NFC", w.text), x0, top, x1, bottom, size)
            out.append(word)
            if w.confidence < LOW_CONFIDENCE:
                doubtful.append((word, w.confidence))
    return out, doubtful


# --- notes for reviewers ----------------------------------------------------------------------


def scan_notes(document: Document, pages: list[ScanPage]) -> list[ExtractNote]:
    notes = [ExtractNote("ocr_page", f"page {p.raw.number} was read by OCR"
                         + (f" (deskewed {p.skew_deg:+.2f}°)" if p.skew_deg else ""),
                         p.raw.number) for p in pages]
    for page in pages:
        cells, free = doubtful_cells(document, page)
        for (table_id, row, col), entries in cells.items():
            words = ", ".join(f"{w!r} ({c:.0f})" for w, c in entries[:MAX_NOTE_WORDS])
            notes.append(ExtractNote(
                "ocr_low_confidence_cell",
                f"table {table_id} row {row + 1} column {col + 1}: OCR unsure of {words}",
                page.raw.number))
        if free:
            words = ", ".join(f"{w.text!r} ({c:.0f})" for w, c in free[:MAX_NOTE_WORDS])
            more = f" and {len(free) - MAX_NOTE_WORDS} more" if len(free) > MAX_NOTE_WORDS \
                else ""
            notes.append(ExtractNote("ocr_low_confidence",
                                     f"OCR unsure of {len(free)} word(s): {words}{more}",
                                     page.raw.number))
    return notes


def doubtful_cells(document: Document, page: ScanPage
                   ) -> tuple[dict[tuple[str, int, int], list[tuple[str, float]]],
                              list[tuple[Word, float]]]:
    """Low-confidence words placed in the table cell that holds them, or left free."""
    cells: dict[tuple[str, int, int], list[tuple[str, float]]] = {}
    free: list[tuple[Word, float]] = []
    for word, confidence in page.doubtful:
        where = _cell_of(document, page.raw.number, word)
        if where is None:
            free.append((word, confidence))
        else:
            cells.setdefault(where, []).append((word.text, confidence))
    return cells, free


def _cell_of(document: Document, number: int, word: Word) -> tuple[str, int, int] | None:
    x, y = word.center
    for table in document.tables:
        box = table.bbox
        if table.page != number or box is None or not (
                box[0] <= x <= box[2] and box[1] <= y <= box[3]):
            continue
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if word.text in cell.split():
                    return table.id, r, c
    return None


# --- is a text layer usable? ----------------------------------------------------------------

MIN_HANGUL_SHARE = 0.01
"""A Korean administrative page has far more Hangul than this share of its characters (the
most number-heavy real report page in ../shared/real has 7.8%); the real PDF whose Hangul is
drawn as outlines has 0%. Low, so that a page of figures keeps its exact text layer."""
MAX_BAD_CHAR_SHARE = 0.25
"""Private-use and replacement characters: HWP bullets use a few private-use code points
(4% on a real report page), a font without a Unicode map gives most of the page."""
MAX_CID_SHARE = 0.1
MAX_SYMBOL_SHARE = 0.15
"""Characters neither Hangul syllables nor ASCII (①, 《, ※, ・, jamo, CJK): 0-5.5% on the
real report pages in ../shared/real and the sample cards (12% on the press release whose
Hangul is drawn as outlines: its △ and ▴), ~21% when a CID font's ToUnicode map is missing
and pdfminer falls back to glyph ids (the cid_* sample)."""
MIN_CHARS_FOR_SYMBOL_SHARE = 50
MIN_SYLLABLES_FOR_STATISTICS = 30
MIN_COMMON_SYLLABLE_SHARE = 0.85
"""Share of syllables among the 2,350 of KS X 1001: ~100% in real Korean text, ~21% in
text decoded through a wrong code map (uniform over the 11,172 syllables)."""
MAX_FINAL_CONSONANT_SHARE = 0.75
"""Syllables with a 받침: 30-45% in Korean prose (Sejong corpus counts), 96% in random
syllables."""


OUTLINE_PROBLEM = "the rest drawn as outlines"
"""The end of `text_layer_problem`'s verdict on a page whose Hangul is drawn as paths."""

OUTLINE_CELLS_APART = False
"""Whether a page of outline glyphs has its table cells read apart (`read_tables`). Not:
on the one real such document (../shared/real, the household-loans 보도자료, Hangul F1
against its HWPX by scripts/eval_outline.py --real) reading its ruled cells apart lowered
the OCR from 0.757 to 0.734 and the deciphered text from 0.877 to 0.811, where it raised
the generated scans' cell accuracy (scripts/eval_tables.py). Vector glyphs rendered at
300 dpi are sharp, and Tesseract's own layout keeps their cells apart; read alone, short
cells lose the line context its model reads with. One document: revisit with more."""


def is_outline_problem(problem: str | None) -> bool:
    return problem is not None and problem.endswith(OUTLINE_PROBLEM)


def text_layer_problem(chars: Sequence[str], n_curves: int) -> str | None:
    """Why a page's text layer cannot be trusted for Korean text, or None if it can.

    `chars` are the page's character texts; `n_curves` its vector curves (glyphs drawn as
    outlines instead of text show up as many curves and no Hangul)."""
    glyphs = [c for c in chars if c and not c.isspace()]
    if not glyphs:
        return "no text layer"
    cids = sum(1 for c in glyphs if c.startswith("(cid:"))
    if cids > MAX_CID_SHARE * len(glyphs):
        return f"{cids} of {len(glyphs)} characters are (cid:N) placeholders"
    text = "".join(c for c in glyphs if not c.startswith("(cid:"))
    bad = sum(1 for ch in text if ch == "\ufffd" or unicodedata.category(ch) == "Co")
    if bad > MAX_BAD_CHAR_SHARE * len(text):
        return f"{bad} of {len(text)} characters are private-use or unmapped"
    odd = sum(1 for ch in text if not ("가" <= ch <= "힣" or ch.isascii()))
    if len(text) >= MIN_CHARS_FOR_SYMBOL_SHARE and odd > MAX_SYMBOL_SHARE * len(text):
        return (f"{odd} of {len(text)} characters are symbols or rare letters "
                "(a font without a usable Unicode map)")
    syllables = [ch for ch in unicodedata.normalize("NFC", text) if "가" <= ch <= "힣"]
    if len(syllables) < MIN_HANGUL_SHARE * len(text) and (n_curves > len(glyphs) or bad):
        return (f"only {len(syllables)} Hangul syllables among {len(text)} characters, "
                + OUTLINE_PROBLEM)
    if len(syllables) >= MIN_SYLLABLES_FOR_STATISTICS:
        common = sum(1 for ch in syllables if is_common_syllable(ch)) / len(syllables)
        if common < MIN_COMMON_SYLLABLE_SHARE:
            return f"implausible Hangul: only {common:.0%} of syllables are common ones"
        finals = sum(1 for ch in syllables if (ord(ch) - 0xAC00) % 28) / len(syllables)
        if finals > MAX_FINAL_CONSONANT_SHARE:
            return f"implausible Hangul: {finals:.0%} of syllables have a final consonant"
    return None


