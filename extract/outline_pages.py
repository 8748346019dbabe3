"""Pages whose Hangul is drawn as outlines, found and their text layer read with pdfium.

pdfminer interprets a page's content stream in Python: on a page of outline glyphs (the real
보도자료 in ../shared/real draws 2,000-3,000 filled paths a page) that takes one to two
seconds a page, only to find a text layer that the page's OCR replaces. pdfium reads the
same page's characters and paths in C, in a few milliseconds. A page is taken this way only
when the evidence is the same as `scan.text_layer_problem`'s outline rule and the paths are
glyphs (`glyphs.outline_glyphs`' own test), so every other page is read by pdfplumber as
before. What the page's text layer does hold (digits, Latin, symbols) is kept as words: the
outline reading puts them back into the OCR'd words (`glyphs.reread_outline_pages`).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from .glyphs import glyph_paths
from .scan import is_outline_problem, text_layer_problem

if TYPE_CHECKING:
    from .pdf import RawPage, Word

def outline_pages(data: bytes, password: str = "") -> dict[int, RawPage]:
    """The pages (1-based) whose Hangul is outlines, with the words of their text layer
    and no tables (the OCR'd page brings its own). Any page pdfium cannot read is left
    out (pdfplumber reads it and reports what is wrong)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError:
        return {}
    found: dict[int, RawPage] = {}
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                raw = _outline_page(page, index + 1)
            except pdfium.PdfiumError:
                raw = None
            finally:
                page.close()
            if raw is not None:
                found[raw.number] = raw
    finally:
        pdf.close()
    return found


def _outline_page(page: Any, number: int) -> RawPage | None:
    from .pdf import RawPage

    if page.get_rotation() % 360:  # turned pages: pdfplumber's reader turns their text
        return None
    text_page = page.get_textpage()
    try:
        chars = _chars(text_page, page.get_height())
    finally:
        text_page.close()
    paths = glyph_paths(page)
    problem = text_layer_problem([c[0] for c in chars], paths)
    if not is_outline_problem(problem):  # the one problem this reader decides alone
        return None
    return RawPage(number, float(page.get_width()), float(page.get_height()),
                   _words(chars), [], problem)


Char = tuple[str, float, float, float, float, float]
"""(text, x0, top, x1, bottom, size) in points from the page's top left."""


def _chars(text_page: Any, height: float) -> list[Char]:
    import pypdfium2.raw as pdfium_c

    out: list[Char] = []
    for i in range(text_page.count_chars()):
        text = text_page.get_text_range(i, 1)
        left, bottom, right, top = text_page.get_charbox(i, loose=True)
        size = float(pdfium_c.FPDFText_GetFontSize(text_page.raw, i))
        out.append((text, left, height - top, right, height - bottom, size))
    return out


def _words(chars: list[Char]) -> list[Word]:
    """Characters joined into words as pdfplumber's `extract_words` does: a space, a line
    change or a gap wider than the word tolerance ends a word."""
    from .pdf import WORD_X_TOLERANCE, WORD_Y_TOLERANCE, Word

    words: list[Word] = []
    run: list[Char] = []

    def flush() -> None:
        if run:
            text = unicodedata.normalize("NFC", "".join(c[0] for c in run))
            words.append(Word(text, min(c[1] for c in run), min(c[2] for c in run),
                              max(c[3] for c in run), max(c[4] for c in run), run[0][5]))
            run.clear()

    for char in chars:
        if not char[0] or char[0].isspace():
            flush()
            continue
        if run and (char[1] - run[-1][3] > WORD_X_TOLERANCE
                    or abs(char[2] - run[-1][2]) > WORD_Y_TOLERANCE):
            flush()
        run.append(char)
    flush()
    return words
