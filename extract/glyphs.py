"""Text drawn as outlines: the same glyph must read the same everywhere.

Some PDF writers draw Hangul as filled paths instead of text (the real 보도자료 in
../shared/real whose HWP export composed every syllable from jamo outlines). Such pages are
OCR'd, and Tesseract reads one glyph differently from one occurrence to the next (`월` as
`월`, `윌`, `잉`). Their outlines, though, are exact: every occurrence of a syllable at one
size is the same path. So each filled path the size of a glyph is given a shape key (its
points relative to its corner), the OCR words are aligned with the paths under them, and
every shape takes the reading most of its aligned occurrences got. A word is rewritten only
where its Hangul letters and the glyph paths under it pair one to one, in left-to-right
order; everywhere else the OCR text is left as it was.
"""

from __future__ import annotations

import ctypes
import threading
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .decipher import LanguageModel, Scorer, Slot, Template, decipher, language_model, render

if TYPE_CHECKING:
    from .pdf import Word
    from .scan import ScanPage

SHAPE_GRID = 100
"""Path points are compared on a grid of 1/100 of the outline's larger side: one syllable
drawn at another size is the same outline scaled (a PDF path is not hinted), so 월 in a
title and in a footnote are one shape; at 6-16 pt a grid step is 0.06-0.16 pt, finer than
the strokes that tell 월 from 윌."""
MIN_GLYPH_SEGMENTS = 4
"""A syllable's outline has at least one closed subpath of three corners; a lone line or a
dot is not a glyph."""
MAX_GLYPH_SEGMENTS = 500
MAX_GLYPH_SIZE_PT = 72.0
"""Paths read at all: no syllable is an inch high or drawn with hundreds of segments (the
real release's largest small fill has 105); a chart line or a drawing is skipped unread."""
MAX_GLYPHS_PER_PAGE = 20_000
"""A dense A4 page of 6 pt text has ~10,000 syllables; past this a page is a drawing (or
hostile) and its paths are not read."""
MAX_GLYPH_HEIGHT_RATIO = 1.6
"""A glyph path is no taller or wider than this share of the OCR word's height over it
(a rule, a chart bar or a frame under the word is not a glyph of it)."""
MIN_SHAPE_VOTES = 1
"""Occurrences read alike that give a shape its reading. One is enough: a shape read once is
a syllable seen once, and its reading is the only evidence there is for rebuilding a word
that lost a letter (on the real release, Hangul F1 0.741 with 2, 0.747 with 1)."""


@dataclass(frozen=True)
class Glyph:
    x0: float
    top: float
    x1: float
    bottom: float
    shape: tuple[tuple[float, float, int], ...]

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


def is_hangul(char: str) -> bool:
    return "가" <= char <= "힣"


def outline_glyphs(data: bytes, numbers: Sequence[int]) -> dict[int, list[Glyph]]:
    """The filled paths of pages `numbers` (1-based), in points from the page's top left.
    Pages turned by /Rotate are left out (their OCR words are in the turned frame)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data)
    try:
        found: dict[int, list[Glyph]] = {}
        for number in numbers:
            page = pdf[number - 1]
            try:
                if page.get_rotation() % 360:
                    continue
                left, _, _, top = page.get_cropbox()
                glyphs: list[Glyph] = []
                for obj in page.get_objects(max_depth=0):
                    if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                        glyph = _glyph(obj, left, top, pdfium_c)
                        glyphs += [glyph] if glyph else []
                    if len(glyphs) > MAX_GLYPHS_PER_PAGE:
                        glyphs = []
                        break
                found[number] = glyphs
            finally:
                page.close()
        return found
    finally:
        pdf.close()


def glyph_paths(page: Any) -> int:
    """How many of a pdfium page's top-level objects are glyph-sized filled paths."""
    import pypdfium2.raw as pdfium_c

    return sum(1 for obj in page.get_objects(max_depth=0)
               if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _glyph_segments(obj, pdfium_c))


def _glyph_segments(obj: Any, pdfium_c: Any) -> int:
    """A path's segment count if it may be a glyph (filled, glyph-sized), else 0."""
    x0, bottom, x1, top_y = obj.get_bounds()
    if x1 - x0 > MAX_GLYPH_SIZE_PT or top_y - bottom > MAX_GLYPH_SIZE_PT:
        return 0
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill_mode, stroke) or not fill_mode.value:
        return 0
    count = int(pdfium_c.FPDFPath_CountSegments(obj.raw))
    return count if MIN_GLYPH_SEGMENTS <= count <= MAX_GLYPH_SEGMENTS else 0


def _glyph(obj: Any, left: float, top: float, pdfium_c: Any) -> Glyph | None:
    count = _glyph_segments(obj, pdfium_c)
    if not count:
        return None
    x0, bottom, x1, top_y = obj.get_bounds()
    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for index in range(count):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        points.append((x.value, y.value, pdfium_c.FPDFPathSegment_GetType(segment)))
    x_min, y_min = min(p[0] for p in points), min(p[1] for p in points)
    extent = max(max(p[0] for p in points) - x_min, max(p[1] for p in points) - y_min, 1e-6)
    grid = SHAPE_GRID / extent
    shape = tuple((round((px - x_min) * grid), round((py - y_min) * grid), kind)
                  for px, py, kind in points)
    return Glyph(x0 - left, top - top_y, x1 - left, top - bottom, shape)


class GlyphIndex:
    """A page's glyphs by the x of their centre, for the glyphs under a word's box."""

    def __init__(self, glyphs: Sequence[Glyph]) -> None:
        self.glyphs = sorted(glyphs, key=lambda g: g.center[0])
        self.xs = [g.center[0] for g in self.glyphs]

    def under(self, word: Word) -> list[Glyph]:
        """The glyph-sized paths whose centre lies in the word's box, left to right."""
        limit = MAX_GLYPH_HEIGHT_RATIO * max(word.bottom - word.top, 1e-6)
        start, end = bisect_left(self.xs, word.x0), bisect_right(self.xs, word.x1)
        return [g for g in self.glyphs[start:end]
                if word.top <= (g.top + g.bottom) / 2 <= word.bottom
                and g.x1 - g.x0 <= limit and g.bottom - g.top <= limit]


def aligned(word: Word, glyphs: GlyphIndex) -> list[tuple[int, Glyph]] | None:
    """(index of a Hangul letter in the word, its glyph) when they pair one to one."""
    letters = [i for i, char in enumerate(word.text) if is_hangul(char)]
    under = glyphs.under(word)
    if not letters or len(letters) != len(under):
        return None
    return list(zip(letters, under, strict=True))


def consistent_readings(pages: dict[int, list[Word]], glyphs: dict[int, list[Glyph]],
                        text_layer: dict[int, list[Word]] | None = None,
                        voters: dict[int, Sequence[Word]] | None = None,
                        scorer: Scorer | None = None) -> tuple[dict[int, list[Word]], int]:
    """Every page's words with each aligned glyph read as most of its shape's occurrences
    were; and how many words changed. The occurrences counted are those aligned in `voters`
    (Tesseract's own words, a syllable or two each, pair with glyphs more often than the
    joined words do), or in the words themselves.

    A word whose letters and glyphs do not pair (OCR dropped or merged a letter) is rebuilt
    from its glyphs' readings and the text-layer words under it (digits and signs the PDF
    still holds as text), in left-to-right order, when every one of its glyphs has a
    reading; otherwise it stays as OCR read it."""
    by_page = {n: GlyphIndex(glyphs.get(n, ())) for n in pages}
    pairs = {n: [aligned(w, by_page[n]) for w in words] for n, words in pages.items()}
    votes: dict[tuple[tuple[float, float, int], ...], Counter[str]] = {}
    for n, words in pages.items():
        voting = voters.get(n, words) if voters else words
        for word in voting:
            for index, glyph in aligned(word, by_page[n]) or ():
                votes.setdefault(glyph.shape, Counter())[word.text[index]] += 1
    reading = {shape: read for shape, count in votes.items()
               if (read := _majority(count)) is not None}
    templates = {n: [_template(word, pairing, by_page[n], reading,
                               (text_layer or {}).get(n, ()))
                     for word, pairing in zip(words, pairs[n], strict=True)]
                 for n, words in pages.items()}
    if scorer is not None:
        lines = [line for n, words in pages.items() for line in _lines(words, templates[n])]
        reading = decipher(reading, lines, scorer,
                           {shape: list(count) for shape, count in votes.items()},
                           _sizes(pages, templates))
    changed = 0
    out: dict[int, list[Word]] = {}
    for n, words in pages.items():
        out[n] = []
        for word, template in zip(words, templates[n], strict=True):
            new = render(template, reading)
            changed += new != word.text
            out[n].append(replace(word, text=new) if new != word.text else word)
    return out, changed


def _sizes(pages: dict[int, list[Word]], templates: dict[int, list[Template]]
           ) -> dict[Any, float]:
    """Each shape's text size: the size most of the words it stands in have."""
    sizes: dict[Any, Counter[float]] = {}
    for n, words in pages.items():
        for word, template in zip(words, templates[n], strict=True):
            for piece in template:
                if isinstance(piece, Slot):
                    sizes.setdefault(piece.shape, Counter())[word.size] += 1
    return {shape: count.most_common(1)[0][0] for shape, count in sizes.items()}


def _lines(words: Sequence[Word], templates: Sequence[Template]) -> list[list[Template]]:
    """The templates of consecutive words that share a line (OCR lines come in order)."""
    lines: list[list[Template]] = []
    last: Word | None = None
    for word, template in zip(words, templates, strict=True):
        if last is None or (word.top, word.bottom) != (last.top, last.bottom):
            lines.append([])
        lines[-1].append(template)
        last = word
    return lines


def _template(word: Word, pairing: list[tuple[int, Glyph]] | None, glyphs: GlyphIndex,
              reading: dict[Any, str], text_layer: Sequence[Word]) -> Template:
    """The word as literal text and slots for its glyphs that have a reading."""
    if pairing is not None:
        pieces: list[str | Slot] = list(word.text)
        for index, glyph in pairing:
            if glyph.shape in reading:
                pieces[index] = Slot(glyph.shape)
        return tuple(pieces)
    return _rebuilt(word, glyphs, reading, text_layer) or (word.text,)


def _majority(count: Counter[str]) -> str | None:
    """The reading most occurrences got, if it has MIN_SHAPE_VOTES and no tie."""
    ranked = count.most_common(2)
    if ranked[0][1] < MIN_SHAPE_VOTES or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _rebuilt(word: Word, glyphs: GlyphIndex, reading: dict[Any, str],
             text_layer: Sequence[Word]) -> Template | None:
    under = glyphs.under(word)
    if not under or any(g.shape not in reading for g in under):
        return None
    pieces: list[tuple[float, str | Slot]] = [(g.x0, Slot(g.shape)) for g in under]
    pieces += [(t.x0, t.text) for t in text_layer
               if word.x0 <= t.center[0] <= word.x1 and word.top <= t.center[1] <= word.bottom]
    return tuple(piece for _, piece in sorted(pieces, key=lambda p: p[0]))


class OutlineReading:
    """The outline glyphs of the pages being OCR'd, found while Tesseract still reads them,
    and the language model the deciphering needs, loaded meanwhile on a thread of its own
    if there are glyphs: Kiwi's start-up and first analysis (about 3 s) then overlap the
    OCR (a subprocess, so the loading thread holding the GIL costs the OCR nothing)."""

    def __init__(self, data: bytes, numbers: Sequence[int]) -> None:
        self.glyphs = outline_glyphs(data, numbers)
        self.model = language_model()  # this thread's context: the loader has its own
        self.scorer: Scorer | None = None
        self.loading: threading.Thread | None = None
        if any(self.glyphs.values()) and self.model is not None:
            self.loading = threading.Thread(target=self._load, args=(self.model,),
                                            daemon=True)
            self.loading.start()

    def _load(self, model: LanguageModel) -> None:
        scorer = model()
        scorer(["가"])  # Kiwi reads its language model on the first analysis
        self.scorer = scorer

    def ready(self) -> tuple[dict[int, list[Glyph]], Scorer | None]:
        """The glyphs and the scorer, once it is loaded (one analyzer: no second is built
        while the thread is still building the first)."""
        if self.loading is not None:
            self.loading.join()
        if self.scorer is None and self.model is not None and any(self.glyphs.values()):
            self.scorer = self.model()  # the loading thread failed: its error shows here
        return self.glyphs, self.scorer


def reread_outline_pages(data: bytes, scanned: list[ScanPage],
                         text_layer: dict[int, list[Word]] | None = None,
                         prepared: OutlineReading | None = None) -> list[ScanPage]:
    """The OCR'd pages of a PDF with their outline glyphs read consistently (see above);
    pages with no glyph paths (scans, broken text layers) and deskewed ones as they were.
    `prepared`: the glyphs of these pages found beforehand (`OutlineReading`)."""
    level = [p for p in scanned if not p.skew_deg]
    numbers = [p.raw.number for p in level]
    if prepared is not None:
        found, scorer = prepared.ready()
        glyphs = {n: found[n] for n in numbers if n in found}
    else:
        glyphs = outline_glyphs(data, numbers) if level else {}
        model = language_model()
        scorer = model() if model is not None and any(glyphs.values()) else None
    if not any(glyphs.values()):
        return scanned
    pages, _ = consistent_readings({p.raw.number: p.raw.words for p in level}, glyphs,
                                   text_layer, {p.raw.number: p.ocr_words or p.raw.words
                                                for p in level}, scorer)
    out = []
    for page in scanned:
        words = pages.get(page.raw.number)
        if words is None:
            out.append(page)
            continue
        new = {id(old): word for old, word in zip(page.raw.words, words, strict=True)}
        doubtful = [(new.get(id(word), word), confidence) for word, confidence in page.doubtful]
        out.append(replace(page, raw=replace(page.raw, words=words), doubtful=doubtful))
    return out
