"""Reader for PDFs with a text layer: text lines and ruled tables, in reading order.

pdfplumber gives the page's words and the cells of its ruled tables; everything else here
is plain geometry on those, so that it can be followed and tested without a PDF:

1. words inside a table belong to its cells; the others are grouped into lines by `top`;
2. each table's cells are placed on the grid of its distinct cell edges, which gives the
   merged cells (spans) and a rectangular `rows` grid;
3. a unit line right above a table becomes the table's `unit`; a table that fills the end
   of one page and the start of the next, with the same columns, is one table;
4. lines are classified (heading, list item, ...) and wrapped lines joined into blocks.

Pages without a usable text layer (a scan, `(cid:N)` placeholders, Hangul drawn as outlines
or decoded through a wrong map) are rendered and OCR'd by `extract.scan` under `--ocr auto`;
`--ocr always` OCRs every page, `--ocr never` none (a scan is then refused with a reason).
"""

from __future__ import annotations

import io
import itertools
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from .errors import EncryptedInput, ExtractError, UnreadableInput
from .limits import current as current_limits
from .lines import classify_line
from .model import BBox, Block, BlockType, Document, ExtractNote, Source, Span, Table, table_block
from .scan import ScanPage, text_layer_problem
from .text import UNIT_LINE

if TYPE_CHECKING:
    from .glyphs import OutlineReading

# --- tolerances (PDF points) ------------------------------------------------------------------

# Table finding: ruled tables only, from drawn lines and rectangle edges. Edges this close
# are snapped/joined into one (cell borders are often drawn twice, once per cell).
TABLE_SNAP_TOLERANCE = 3.0
TABLE_JOIN_TOLERANCE = 3.0
TABLE_INTERSECTION_TOLERANCE = 3.0
TABLE_EDGE_MIN_LENGTH = 3.0
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": TABLE_SNAP_TOLERANCE,
    "join_tolerance": TABLE_JOIN_TOLERANCE,
    "intersection_tolerance": TABLE_INTERSECTION_TOLERANCE,
    "edge_min_length": TABLE_EDGE_MIN_LENGTH,
}
# A table found from its text replaces the ruled tables inside it when they cover less than
# this share of it: shaded header or label cells closed into tables of their own cover a
# row or a column (<= 1/3 of the sample cards' tables); a ruled table read whole, all of it.
PARTIAL_RULED_SHARE = 0.5
# A framed box around a paragraph is found as a one-cell "table"; it is text, not a table.
MIN_TABLE_CELLS = 2

# Copies of one glyph (same text, font and size) within this of each other are one glyph:
# report writers fake bold by drawing a title two or three times, offset by < 1 pt.
DEDUPE_TOLERANCE = 1.0
# A row of a table body ruled only between rows is at most this high (six lines of 9 pt
# text with leading); a wider gap between two rules ends the table.
MAX_BODY_ROW_HEIGHT = 80.0
# A page is read turned when more than this share of its characters run up or down.
TURNED_TEXT_SHARE = 0.5
# A table is a shaded header when filled rectangles cover this share of it; a fill this
# light (grey or RGB, 0-1) or lighter is paper, not shading.
SHADED_HEADER_SHARE = 0.9
WHITE_LEVEL = 0.99
# Characters closer than this (horizontally / vertically) form one word.
WORD_X_TOLERANCE = 3.0
WORD_Y_TOLERANCE = 3.0
# Words this close (points; negative: overlapping) with no space written between them are
# one word split by a change of font size (the real 보도자료's `분기(`, `업(`: -0.5 to 0 pt).
TOUCHING_GAP_PT = 0.5
# A line ends flush with the right text edge when it stops within this many of its font
# sizes of it (the real 보도자료: lines broken inside a word stop 0-0.33 em short, a
# paragraph's last line that happened to be nearly full 0.96 em).
FLUSH_RIGHT_EMS = 0.5
# Words whose tops differ by at most this stand on one line.
LINE_TOLERANCE = 3.0
# Cell edges closer than this are one grid line of the table.
GRID_TOLERANCE = 2.0
# A table continued on the next page has its column edges within this of the first part's.
COLUMN_TOLERANCE = 3.0
# An unmarked line continues the block above it when it starts no further left than this
# and the gap above it is at most this fraction of its height (a wrapped line, not a new
# paragraph after a blank line).
INDENT_TOLERANCE = 2.0
CONTINUATION_MAX_GAP_RATIO = 0.6
# A line whose text is this much larger than the body text is a heading (the card's title).
HEADING_SIZE_RATIO = 1.3
# A unit line belongs to the table below it when the gap between them is at most this.
UNIT_MAX_GAP = 24.0
# Page numbers and running headers live in this fraction of the page height at the top and
# bottom; they do not stop a table from "ending at the bottom of the page".
PAGE_FURNITURE_RATIO = 0.06
# The trailer's end-of-file marker must be within this many bytes of the end of the file.
EOF_SEARCH_BYTES = 1024
# A reason shown to users is one short line.
MAX_REASON_CHARS = 100

_CONTINUABLE = frozenset({BlockType.PARAGRAPH, BlockType.LIST_ITEM})


# --- plain data pulled out of pdfplumber -------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    space_after: bool | None = None
    """Whether the text layer writes a space right after the word on its line (None: not
    known, e.g. OCR). A producer that writes the space at a line's end (HWP does) breaks a
    line without one inside a word: Korean wraps by syllable as well as by word."""

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2


@dataclass(frozen=True)
class RawTable:
    """A ruled table as pdfplumber found it: its bbox and the bbox of every cell."""

    bbox: BBox
    cells: list[BBox]


@dataclass(frozen=True)
class RawPage:
    number: int
    width: float
    height: float
    words: list[Word]
    tables: list[RawTable]
    text_problem: str | None = None
    """Why the page's text layer cannot be trusted (see `scan.text_layer_problem`), or None."""


# --- layout built from the raw data ------------------------------------------------------------


@dataclass
class Line:
    words: list[Word]

    @property
    def text(self) -> str:
        parts = [self.words[0].text] if self.words else []
        for before, word in zip(self.words, self.words[1:], strict=False):
            parts += ["" if _one_word(before, word) else " ", word.text]
        return "".join(parts)

    @property
    def bbox(self) -> BBox:
        return _union(_word_bbox(w) for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)


@dataclass
class PageTable:
    """A table on one page (or, once merged, starting on it)."""

    page: int
    bbox: BBox
    rows: list[list[str]]
    spans: list[Span]
    col_edges: list[float]
    unit: str | None = None
    title: str | None = None
    pages: list[int] = field(default_factory=list)
    stray_text: list[str] = field(default_factory=list)
    """Text inside the table's frame but in no cell (dropped from the table; noted)."""


PageItem = Line | PageTable


@dataclass
class PageLayout:
    number: int
    height: float
    items: list[PageItem]
    """Lines outside tables and the tables, top to bottom."""


# --- the reader ----------------------------------------------------------------------------------


def read(data: bytes, source: Source, text: str | None = None) -> Document:
    """Read a PDF's text layer, OCR'ing the pages that need it (see `scan.ocr_mode`);
    raises `ExtractError` for encrypted or corrupt PDFs, and scans under `--ocr never`."""
    from .scan import OUTLINE_CELLS_APART, PdfPageOcr, is_outline_problem, ocr_mode

    mode = ocr_mode()

    def needs_ocr(page: RawPage) -> bool:
        return mode == "always" or (mode == "auto" and page.text_problem is not None)

    background = PdfPageOcr(data)
    try:
        raw_pages, metadata = load_pages(
            data, on_page=lambda page: background.submit(
                page.number, OUTLINE_CELLS_APART or not is_outline_problem(page.text_problem)
            ) if needs_ocr(page) else None,
            outlines_by_pdfium=mode != "never")
        if not any(page.words for page in raw_pages) and not has_eof_marker(data):
            raise UnreadableInput("corrupt or truncated PDF: no text and no end-of-file marker")
        to_ocr = {p.number: p.text_problem or "--ocr always" for p in raw_pages if needs_ocr(p)}
        source = replace(source, pages=len(raw_pages))
        if to_ocr:
            from .glyphs import OutlineReading

            prepared = OutlineReading(data, sorted(to_ocr))  # while the OCR still runs
            return read_with_ocr(data, source, raw_pages, metadata, to_ocr,
                                 background.results(), prepared)
    finally:
        background.close()
    if not any(page.words for page in raw_pages):
        raise UnreadableInput("PDF has no text layer (a scan needs OCR: --ocr auto)")
    return assemble(source, raw_pages, metadata)


def read_with_ocr(data: bytes, source: Source, raw_pages: list[RawPage],
                  metadata: dict[str, str], to_ocr: dict[int, str],
                  scanned: list[ScanPage], prepared: OutlineReading | None = None) -> Document:
    """The text-layer pages as they are, the pages `to_ocr` replaced by their OCR
    (`scanned`)."""
    from .glyphs import reread_outline_pages
    from .scan import mark_ocr, scan_notes

    scanned = reread_outline_pages(data, scanned, {p.number: p.words for p in raw_pages},
                                   prepared)
    scans = {page.raw.number: page for page in scanned}
    pages = [scans[p.number].raw if p.number in scans else p for p in raw_pages]
    if not any(page.words for page in pages):
        raise UnreadableInput("PDF has no text layer and OCR found no text on its pages")
    document = assemble(replace(source, ocr_pages=tuple(sorted(scans))), pages, metadata)
    mark_ocr(document, set(scans))
    document.notes = [n for n in document.notes if n.code != "pdf_page_without_text"]
    document.notes += [ExtractNote("ocr_reason", f"page {n} OCR'd: {reason}", n)
                       for n, reason in sorted(to_ocr.items())]
    document.notes += scan_notes(document, list(scans.values()))
    return document


def assemble(source: Source, raw_pages: list[RawPage],
             metadata: dict[str, str] | None = None) -> Document:
    """The Document from the pages' words and table cells (no PDF needed: tests use it)."""
    layouts = [layout_page(page) for page in raw_pages]
    join_continued_tables(layouts)
    blocks, tables = build_blocks(layouts, body_text_size(raw_pages))
    return Document(source, blocks, tables, notes=layout_notes(raw_pages, layouts),
                    metadata=metadata or {})


def load_pages(data: bytes, on_page: Callable[[RawPage], None] | None = None,
               outlines_by_pdfium: bool = False) -> tuple[list[RawPage], dict[str, str]]:
    """Every page's words and ruled tables, each handed to `on_page` as soon as it is read.
    pdfplumber/pdfminer errors become ExtractErrors. `outlines_by_pdfium`: pages whose
    Hangul is drawn as outlines (to be OCR'd) are read by pdfium, not parsed by pdfminer
    (`outline_pages`)."""
    import pdfplumber

    password = current_limits().password or ""
    # Decided on the first page, read by pdfplumber: pdfium aborts the process on some
    # hostile files pdfminer reads (cyclic XObjects), so it opens only a file whose first
    # page is outlines, which pdfium renders for OCR anyway.
    outlined: dict[int, RawPage] | None = None if outlines_by_pdfium else {}
    try:
        with pdfplumber.open(io.BytesIO(data), password=password) as pdf:
            metadata = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
            pages = []
            for page in pdf.pages:
                if outlined and page.page_number in outlined:
                    pages.append(outlined[page.page_number])
                    page.close()
                else:
                    pages.append(_load_page(page))
                if outlined is None:
                    outlined = _outline_pages(data, password, pages[0])
                if on_page is not None:
                    on_page(pages[-1])
    except ExtractError:
        raise
    except Exception as err:  # pdfminer raises many kinds on damaged files (and plain ones)
        raise pdf_error(err, data) from err
    if not pages:
        raise UnreadableInput("corrupt or truncated PDF: no pages")
    return pages, metadata


def _outline_pages(data: bytes, password: str, first: RawPage) -> dict[int, RawPage]:
    from .outline_pages import outline_pages
    from .scan import is_outline_problem

    return outline_pages(data, password) if is_outline_problem(first.text_problem) else {}


def _load_page(page: Any) -> RawPage:

    try:
        # Bold titles drawn as the same glyph several times over (고고고...) read once.
        text_page = dedupe_chars(page)
        turn = page_turn(text_page.chars)
        if turn:
            return _load_turned_page(page, text_page, turn)
        chars = text_page.chars
        position = {id(c): i for i, c in enumerate(chars)}
        words = [
            Word(unicodedata.normalize("NFC", w["text"]), w["x0"], w["top"], w["x1"],
                 w["bottom"], float(w.get("size", 0)),
                 _space_after(w["chars"][-1], chars, position))
            for w in text_page.extract_words(x_tolerance=WORD_X_TOLERANCE,
                                             y_tolerance=WORD_Y_TOLERANCE,
                                             extra_attrs=["size"], return_chars=True)
        ]
        problem = text_layer_problem([c["text"] for c in text_page.chars], len(page.curves))
        frame = missing_frame_edges(page.edges)
        settings = {**TABLE_SETTINGS, "explicit_vertical_lines": frame["v"],
                    "explicit_horizontal_lines": frame["h"]}
        found = page.find_tables(settings)
        headers = [t for t in found if shaded(t.bbox, page.rects)]
        body = body_columns([t.bbox for t in headers], [t.cells for t in headers],
                            [e for e in page.edges if e.get("stroke", True)], words)
        if body["v"]:  # tables whose body has no vertical rules: read again with them drawn in
            settings["explicit_vertical_lines"] = frame["v"] + body["v"]
            settings["explicit_horizontal_lines"] = frame["h"] + body["h"]
            found = page.find_tables(settings)
        tables = [RawTable(tuple(t.bbox), [tuple(c) for c in t.cells]) for t in found]
        tables = unruled_tables(words, tables)
        return RawPage(page.page_number, float(page.width), float(page.height), words,
                       [t for t in tables if len(t.cells) >= MIN_TABLE_CELLS], problem)
    finally:
        page.close()  # frees the page's parsed objects; a long PDF would otherwise pile up


def unruled_tables(words: list[Word], ruled: list[RawTable],
                   ocr_tolerances: tuple[float, float] | None = None) -> list[RawTable]:
    """`ruled` with the tables set without rules added, found from the alignment of their
    text (`text_tables`). A text table replaces the ruled ones inside it when they cover
    less than PARTIAL_RULED_SHARE of it (shaded header or label cells pdfplumber closed
    into a table of their own); a text table over a ruled one is dropped otherwise.
    `ocr_tolerances`: (size tolerance, column gap in ems) for OCR'd words."""
    from .text_tables import text_tables

    tables = list(ruled)
    found_tables = text_tables(words, *ocr_tolerances) if ocr_tolerances else text_tables(words)
    for found in found_tables:
        inside = [t for t in tables if _overlap(t.bbox, found.bbox) > 0]
        partial = sum(_overlap(t.bbox, found.bbox) for t in inside) \
            < PARTIAL_RULED_SHARE * _overlap(found.bbox, found.bbox)
        finer = _more_rows_same_columns if ocr_tolerances else _finer_grid
        if partial or any(finer(found, t) for t in inside):
            tables = [t for t in tables if t not in inside] + [_framed(found, inside)]
    return tables


def _framed(table: RawTable, ruled: list[RawTable]) -> RawTable:
    """`table` reaching out to the frame of the ruled parts it replaces (their fills or
    rules mark where the table's outer columns and first row begin; its text does not)."""
    if not ruled:
        return table
    x0, top, x1, bottom = table.bbox
    left, upper = min(x0, *(t.bbox[0] for t in ruled)), min(top, *(t.bbox[1] for t in ruled))
    right = max(x1, *(t.bbox[2] for t in ruled))

    def moved(cell: BBox) -> BBox:
        return (left if cell[0] == x0 else cell[0], upper if cell[1] == top else cell[1],
                right if cell[2] == x1 else cell[2], cell[3])

    return RawTable((left, upper, right, bottom), [moved(c) for c in table.cells])


def _grid(table: RawTable) -> tuple[int, int]:
    return (len(cluster_edges(y for c in table.cells for y in (c[1], c[3]))),
            len(cluster_edges(x for c in table.cells for x in (c[0], c[2]))))


def _more_rows_same_columns(text_table: RawTable, ruled: RawTable) -> bool:
    """A ruled table with column rules but rows left unruled (fpdf2's MINIMAL layout, forms
    ruled by column only) reads several rows into one: its text table has the same number
    of columns and more rows. (What OCR'd text may overrule: its geometry is rougher.)"""
    (text_rows, text_cols), (ruled_rows, ruled_cols) = _grid(text_table), _grid(ruled)
    return text_cols == ruled_cols and text_rows > ruled_rows


def _finer_grid(text_table: RawTable, ruled: RawTable) -> bool:
    """The text table parts rows or columns the ruled one merged, and merges none of its
    own: rules drawn only where a row's cells change (fpdf2's NO_HORIZONTAL_LINES, a
    header table whose rows differ in columns) close a grid coarser than the text's."""
    (text_rows, text_cols), (ruled_rows, ruled_cols) = _grid(text_table), _grid(ruled)
    return text_rows >= ruled_rows and text_cols >= ruled_cols \
        and (text_rows, text_cols) != (ruled_rows, ruled_cols)


def _overlap(a: BBox, b: BBox) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _one_word(before: Word, word: Word) -> bool:
    """Two pieces of one word that a change of size or baseline split (`2분기` `(4~6월)`,
    `｢` `가칭` `시민`): the text layer writes no space between them and they touch."""
    return before.space_after is False and word.x0 - before.x1 <= TOUCHING_GAP_PT


def _space_after(last: dict[str, Any], chars: list[dict[str, Any]],
                 position: dict[int, int]) -> bool | None:
    """Whether the character after `last` in the text stream is a space on its line."""
    i = position.get(id(last))
    if i is None:
        return None
    following = chars[i + 1] if i + 1 < len(chars) else None
    return (following is not None and following["text"].isspace()
            and abs(following["top"] - last["top"]) <= WORD_Y_TOLERANCE)


def page_turn(chars: list[dict[str, Any]]) -> int:
    """90 or 270 when most of the page's text runs bottom-to-top or top-to-bottom (a
    landscape table set on a portrait page, by /Rotate or by the text matrix), 180 when it
    stands upside down, else 0."""
    turns: Counter[int] = Counter()
    for char in chars:
        a, b, c, d = (round(v) for v in char["matrix"][:4])
        if a == 0 and d == 0 and b and c:
            turns[90 if b > 0 else 270] += 1
        elif b == 0 and c == 0 and a < 0 and d < 0:  # upside down (/Rotate 180)
            turns[180] += 1
        else:
            turns[0] += 1
    turn, count = turns.most_common(1)[0] if turns else (0, 0)
    return turn if count > TURNED_TEXT_SHARE * len(chars) else 0


def turn_box(box: BBox, turn: int, width: float, height: float) -> BBox:
    """A box in the coordinates of the page turned so that its text runs left to right."""
    x0, top, x1, bottom = box
    if turn == 90:  # text runs upward: the page's bottom edge becomes its left edge
        return height - bottom, x0, height - top, x1
    if turn == 180:
        return width - x1, height - bottom, width - x0, height - top
    return top, width - x1, bottom, width - x0


def _load_turned_page(page: Any, text_page: Any, turn: int) -> RawPage:
    """A page whose text runs up or down: chars and rules turned, words and ruled tables
    found in the turned coordinates (pdfplumber's word and grid functions on plain dicts)."""
    from pdfplumber.utils import extract_words

    from .scan import tables_from_edges

    width, height = float(page.width), float(page.height)
    chars = []
    for char in text_page.chars:
        x0, top, x1, bottom = turn_box((char["x0"], char["top"], char["x1"], char["bottom"]),
                                       turn, width, height)
        chars.append({**char, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                      "doctop": top, "upright": True, "matrix": (1.0, 0.0, 0.0, 1.0, x0, bottom),
                      # pdfminer sizes a turned glyph by its advance; its text size is its
                      # extent across the line, as for upright text
                      "size": bottom - top})
    words = [Word(unicodedata.normalize("NFC", w["text"]), w["x0"], w["top"], w["x1"],
                  w["bottom"], float(w.get("size", 0)))
             for w in extract_words(sorted(chars, key=lambda c: (c["top"], c["x0"])),
                                    x_tolerance=WORD_X_TOLERANCE,
                                    y_tolerance=WORD_Y_TOLERANCE, extra_attrs=["size"])]
    edges = []
    for edge in page.edges:
        if _length(edge) < TABLE_EDGE_MIN_LENGTH:
            continue
        x0, top, x1, bottom = turn_box((edge["x0"], edge["top"], edge["x1"], edge["bottom"]),
                                       turn, width, height)
        orientation = "v" if edge["orientation"] == "h" else "h"
        if turn == 180:
            orientation = edge["orientation"]
        edges.append(_edge(orientation, x0, top, x1, bottom))
    problem = text_layer_problem([c["text"] for c in text_page.chars], len(page.curves))
    if turn == 180:
        width, height = height, width
    return RawPage(page.page_number, height, width, words, tables_from_edges(edges), problem)


def shaded(bbox: BBox, rects: list[dict[str, Any]]) -> bool:
    """Whether filled, non-white rectangles cover (nearly) all of `bbox`: a table found with
    header rows only is a shaded header whose body has no vertical rules; a table whose
    body was found too is not all shaded."""
    x0, top, x1, bottom = bbox
    area = max((x1 - x0) * (bottom - top), 1e-6)
    covered = 0.0
    for rect in rects:
        if not rect.get("fill") or _is_white(rect.get("non_stroking_color")):
            continue
        w = min(x1, rect["x1"]) - max(x0, rect["x0"])
        h = min(bottom, rect["bottom"]) - max(top, rect["top"])
        if w > 0 and h > 0:
            covered += w * h
    return covered >= SHADED_HEADER_SHARE * area


def _is_white(color: Any) -> bool:
    values = color if isinstance(color, (list, tuple)) else [color]
    return all(isinstance(v, (int, float)) and v >= WHITE_LEVEL for v in values) \
        and len(values) in (1, 3)


def body_columns(bboxes: list[BBox], cells: list[list[BBox]], edges: list[dict[str, Any]],
                 words: list[Word]) -> dict[str, list[dict[str, Any]]]:
    """Rules for table bodies drawn with horizontal rules only.

    A template that rules only between rows (or fills only its header cells) gives
    pdfplumber a table of header rows and leaves the body as loose text. When horizontal
    rules reaching the table's right edge continue below it, each no further below the last
    than a row can be high, the header's column edges are drawn down to the last of them
    (a rule under a merged cell starts right of it, hence only the right edge must match).
    A last row left open at the bottom is closed one row height below the last rule when
    text stands there. With no rule at all below the header, the table is left to
    `unruled_tables`, which finds it from its text.
    """
    rules = horizontal_rules(edges)
    added: dict[str, list[dict[str, Any]]] = {"v": [], "h": []}
    for bbox, table_cells in zip(bboxes, cells, strict=True):
        x0, _, x1, bottom = bbox
        ends = [bottom]
        for top, left, right in rules:
            if top <= ends[-1] + GRID_TOLERANCE:
                continue
            if top - ends[-1] > MAX_BODY_ROW_HEIGHT or any(
                    abs(top - other[1]) <= GRID_TOLERANCE for other in bboxes):
                break  # too far for a row, or the next table starts
            if left >= x0 - COLUMN_TOLERANCE and abs(right - x1) <= COLUMN_TOLERANCE:
                ends.append(top)
        row_height = sorted(b - a for a, b in itertools.pairwise(ends))[(len(ends) - 1) // 2] \
            if len(ends) > 1 else 0.0
        xs = cluster_edges([x for c in table_cells for x in (c[0], c[2])])
        if len(ends) == 1:  # no rule at all below the header: rows from the text's lines
            continue
        below = [w for w in words if x0 <= w.center[0] <= x1
                 and ends[-1] < w.center[1] < ends[-1] + row_height]
        if not in_columns(below, xs):
            below = []  # a heading or paragraph after the table, not a row of it
        end = ends[-1]
        if below and not any(abs(top - (end + row_height)) <= GRID_TOLERANCE
                             and abs(right - x1) <= COLUMN_TOLERANCE
                             for top, _, right in rules):
            end = max(end + row_height, max(w.bottom for w in below) + GRID_TOLERANCE)
            added["h"].append(_edge("h", x0, end, x1, end))
        added["v"] += [_edge("v", x, bottom, x, end) for x in xs]
    return added


def in_columns(words: list[Word], edges: list[float], min_columns: int = 2) -> bool:
    """Words that stand in `min_columns` or more of the columns and cross none of their
    edges."""
    columns = set()
    for word in words:
        if any(word.x0 < x - GRID_TOLERANCE and word.x1 > x + GRID_TOLERANCE for x in edges):
            return False
        columns.add(sum(1 for x in edges if x <= word.center[0]))
    return len(columns) >= min_columns


def horizontal_rules(edges: list[dict[str, Any]]) -> list[tuple[float, float, float]]:
    """(top, x0, x1) of each horizontal rule, top to bottom; a rule drawn as one segment
    per cell (most templates) is joined into one."""
    rules: list[tuple[float, float, float]] = []
    for e in sorted((e for e in edges if e["orientation"] == "h"),
                    key=lambda e: (e["top"], e["x0"])):
        if rules and e["top"] - rules[-1][0] <= GRID_TOLERANCE \
                and e["x0"] <= rules[-1][2] + TABLE_JOIN_TOLERANCE:
            top, left, right = rules[-1]
            rules[-1] = (top, left, max(right, e["x1"]))
        else:
            rules.append((e["top"], e["x0"], e["x1"]))
    return rules


def missing_frame_edges(edges: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The outer border of every grid of crossing rules, for tables drawn without one.

    Report tables often leave out the left and right border (or draw inner rules only);
    pdfplumber then finds no cell in the outer columns. Closing the frame around each group
    of touching horizontal and vertical rules recovers them; where the border is drawn, the
    added edge coincides with it and is merged away.
    """
    rules = [e for e in edges if _length(e) >= TABLE_EDGE_MIN_LENGTH]
    frame: dict[str, list[dict[str, Any]]] = {"h": [], "v": []}
    for group in crossing_groups(rules):
        x0, top = min(e["x0"] for e in group), min(e["top"] for e in group)
        x1, bottom = max(e["x1"] for e in group), max(e["bottom"] for e in group)
        frame["v"] += [_edge("v", x, top, x, bottom) for x in (x0, x1)]
        frame["h"] += [_edge("h", x0, y, x1, y) for y in (top, bottom)]
    return frame


def crossing_groups(rules: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Groups of rules connected by a horizontal rule touching a vertical one."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Vertical rules by x, so each horizontal rule meets only those within its span (a page
    # of outline glyphs has thousands of short edges; all pairs took seconds).
    verticals = sorted((rule["x0"], j) for j, rule in enumerate(rules)
                       if rule["orientation"] == "v")
    xs = [x for x, _ in verticals]
    tol = TABLE_INTERSECTION_TOLERANCE
    for i, a in enumerate(rules):
        if a["orientation"] != "h":
            continue
        for _, j in verticals[bisect_left(xs, a["x0"] - tol):bisect_right(xs, a["x1"] + tol)]:
            if _touch(a, rules[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(root(i), []).append(rule)
    return [g for g in groups.values() if {e["orientation"] for e in g} == {"h", "v"}]


def _touch(h: dict[str, Any], v: dict[str, Any]) -> bool:
    tol = TABLE_INTERSECTION_TOLERANCE
    return (h["x0"] - tol <= v["x0"] <= h["x1"] + tol
            and v["top"] - tol <= h["top"] <= v["bottom"] + tol)


def _length(edge: dict[str, Any]) -> float:
    return float(edge["x1"] - edge["x0"] if edge["orientation"] == "h"
                 else edge["bottom"] - edge["top"])


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"object_type": "frame_edge", "orientation": orientation, "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top}


def dedupe_chars(page: Any) -> Any:
    """The page without repeated copies of a glyph: `page.dedupe_chars(tolerance=
    DEDUPE_TOLERANCE)`'s result, without its quadratic step (it restores the chars' order
    with `list.index`, ~0.1 s on a one-page card, more than pdfplumber's own extraction)."""
    keep = unique_char_ids(page.chars, DEDUPE_TOLERANCE)
    return page.filter(lambda obj: obj["object_type"] != "char" or id(obj) in keep)


def unique_char_ids(chars: list[dict[str, Any]], tolerance: float) -> set[int]:
    """The ids of the chars pdfplumber's `dedupe_chars` keeps: among chars of the same text,
    font, size and direction, one per cluster of positions (`tolerance` apart in `doctop`,
    then in `x0`), the first at the smallest (doctop, x0)."""
    same_glyph: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for char in chars:
        key = (char["upright"], char["text"], char["fontname"], char["size"])
        same_glyph.setdefault(key, []).append(char)
    position = itemgetter("doctop", "x0")
    keep: set[int] = set()
    for glyphs in same_glyph.values():
        if len(glyphs) == 1:  # most glyphs of a page: nothing to compare
            keep.add(id(glyphs[0]))
            continue
        for row in _chained(glyphs, "doctop", tolerance):
            for copies in _chained(row, "x0", tolerance):
                keep.add(id(min(copies, key=position)))  # min: the first of equals, as sorted
    return keep


def _chained(objs: list[dict[str, Any]], key: str, tolerance: float
             ) -> list[list[dict[str, Any]]]:
    """pdfplumber's `cluster_objects`: the distinct values of `key`, sorted, chained while
    each is within `tolerance` of the one before; each cluster's objects in their order."""
    cluster: dict[Any, int] = {}
    count, last = 0, None
    for value in sorted({obj[key] for obj in objs}):
        if last is None or value > last + tolerance:
            count += 1
        cluster[value], last = count - 1, value
    out: list[list[dict[str, Any]]] = [[] for _ in range(count)]
    for obj in objs:
        out[cluster[obj[key]]].append(obj)
    return out


def pdf_error(err: Exception, data: bytes) -> ExtractError:
    from pdfminer.pdfdocument import PDFEncryptionError

    cause = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err
    if isinstance(cause, PDFEncryptionError):
        return EncryptedInput("encrypted PDF (password required)")
    detail = _one_line(str(cause)) or type(cause).__name__
    if not has_eof_marker(data):
        detail = f"file ends early ({detail})"
    return UnreadableInput(f"corrupt or truncated PDF: {detail}")


def has_eof_marker(data: bytes) -> bool:
    return b"%%EOF" in data[-EOF_SEARCH_BYTES:]


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON_CHARS else line[: MAX_REASON_CHARS - 3] + "..."


# --- one page: lines and tables ------------------------------------------------------------------


def layout_page(page: RawPage) -> PageLayout:
    table_words: list[list[Word]] = [[] for _ in page.tables]
    free_words: list[Word] = []
    for word in page.words:
        index = next((i for i, t in enumerate(page.tables) if _contains(t.bbox, word.center)),
                     None)
        (free_words if index is None else table_words[index]).append(word)
    items: list[PageItem] = [Line(words) for words in group_lines(free_words)]
    items += [build_table(page.number, raw, words)
              for raw, words in zip(page.tables, table_words, strict=True)]
    items.sort(key=lambda item: (_item_bbox(item)[1], _item_bbox(item)[0]))
    attach_units(items)
    return PageLayout(page.number, page.height, items)


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words in lines, top to bottom; each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def build_table(page: int, raw: RawTable, words: list[Word]) -> PageTable:
    """Place the cells on the grid of distinct edges: merged cells span several grid cells."""
    col_edges = cluster_edges([x for c in raw.cells for x in (c[0], c[2])])
    row_edges = cluster_edges([y for c in raw.cells for y in (c[1], c[3])])
    rows = [[""] * (len(col_edges) - 1) for _ in range(len(row_edges) - 1)]
    spans: list[Span] = []
    placed: set[int] = set()
    for cell in sorted(raw.cells, key=lambda c: (c[1], c[0])):
        row, col = _nearest(row_edges, cell[1]), _nearest(col_edges, cell[0])
        rowspan = max(1, _nearest(row_edges, cell[3]) - row)
        colspan = max(1, _nearest(col_edges, cell[2]) - col)
        inside = [i for i, w in enumerate(words) if _contains(cell, w.center)]
        placed.update(inside)
        rows[row][col] = cell_text([words[i] for i in inside])
        if rowspan > 1 or colspan > 1:
            spans.append(Span(row, col, rowspan, colspan))
    stray = [w.text for i, w in enumerate(words) if i not in placed]
    return PageTable(page, _rounded(raw.bbox), rows, spans, col_edges, pages=[page],
                     stray_text=stray)


def cell_text(words: list[Word]) -> str:
    """A cell's lines joined with "\\n": where a cell's text breaks is kept for the normalizer."""
    return "\n".join(" ".join(w.text for w in line) for line in group_lines(words))


def cluster_edges(values: Iterable[float]) -> list[float]:
    """Distinct coordinates: values within GRID_TOLERANCE of the previous one are the same."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > GRID_TOLERANCE:
            edges.append(value)
    return edges


def _nearest(edges: Sequence[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


# --- unit lines -------------------------------------------------------------------------------


def attach_units(items: list[PageItem]) -> None:
    """A unit line (`(단위 : 백만 원)`) right above a table, alone or at the right end of the
    line above it, becomes the table's unit and leaves the text."""
    for i, item in enumerate(items):
        if not isinstance(item, PageTable) or i == 0:
            continue
        above = items[i - 1]
        if not isinstance(above, Line) or item.bbox[1] - above.bbox[3] > UNIT_MAX_GAP:
            continue
        split = unit_start(above.words)
        if split is None:
            continue
        item.unit = unit_of(above.words[split:])
        if split == 0:
            items[i - 1] = Line([])  # consumed; dropped when blocks are built
        else:
            above.words = above.words[:split]


def unit_start(words: list[Word]) -> int | None:
    """Index of the word where a trailing unit phrase starts, or None."""
    for start in range(len(words)):
        if words[start].text.startswith("(") and unit_of(words[start:]) is not None:
            return start
    return None


def unit_of(words: list[Word]) -> str | None:
    match = UNIT_LINE.match(" ".join(w.text for w in words))
    return match.group(1) if match else None


# --- tables continued on the next page -------------------------------------------------------


def join_continued_tables(layouts: list[PageLayout]) -> None:
    """A table ending page N and one starting page N+1 with the same columns are one table;
    a header row repeated on the new page is dropped."""
    # A part stays on its page until all pages are seen: a table over three pages is found
    # as page 1 -> 2, then 2 -> 3, and both continuations go to the part on page 1.
    joined_into: dict[int, PageTable] = {}
    for current, following in itertools.pairwise(layouts):
        last, first = _last_table(current), _first_table(following)
        if last is None or first is None or not same_columns(last, first):
            continue
        head = joined_into.get(id(last), last)
        append_rows(head, first)
        joined_into[id(first)] = head
    for layout in layouts:
        layout.items = [i for i in layout.items if id(i) not in joined_into]


def _last_table(layout: PageLayout) -> PageTable | None:
    limit = layout.height * (1 - PAGE_FURNITURE_RATIO)
    items = [i for i in layout.items if _item_bbox(i)[1] < limit and _has_content(i)]
    return items[-1] if items and isinstance(items[-1], PageTable) else None


def _first_table(layout: PageLayout) -> PageTable | None:
    limit = layout.height * PAGE_FURNITURE_RATIO
    items = [i for i in layout.items if _item_bbox(i)[3] > limit and _has_content(i)]
    return items[0] if items and isinstance(items[0], PageTable) else None


def same_columns(a: PageTable, b: PageTable) -> bool:
    """Same column edges, or as many columns under a repeated header row (a table found from
    its text has edges where its text leaves gaps, which differ from page to page)."""
    if len(a.col_edges) != len(b.col_edges):
        return False
    return all(abs(x - y) <= COLUMN_TOLERANCE
               for x, y in zip(a.col_edges, b.col_edges, strict=True)) or (
        bool(a.rows and b.rows and any(a.rows[0])) and a.rows[0] == b.rows[0])


def append_rows(table: PageTable, continuation: PageTable) -> None:
    repeated = 0
    while (repeated < min(len(table.rows), len(continuation.rows)) - 1
           and any(continuation.rows[repeated])  # blank rows are data, not a header
           and continuation.rows[repeated] == table.rows[repeated]):
        repeated += 1
    offset = len(table.rows) - repeated
    table.rows += continuation.rows[repeated:]
    table.spans += [replace(s, row=s.row + offset) for s in continuation.spans
                    if s.row >= repeated]
    table.pages += [p for p in continuation.pages if p not in table.pages]
    table.stray_text += continuation.stray_text


# --- notes for a reviewer -----------------------------------------------------------------------


def layout_notes(pages: list[RawPage], layouts: list[PageLayout]) -> list[ExtractNote]:
    notes = [ExtractNote("pdf_page_without_text",
                         f"page {p.number} has no text layer (a scanned page needs OCR)", p.number)
             for p in pages if not p.words]
    for layout in layouts:
        for item in layout.items:
            if isinstance(item, PageTable) and item.stray_text:
                notes.append(ExtractNote(
                    "pdf_table_text_outside_cells",
                    f"text inside a table but in no cell was left out: "
                    f"{_one_line(' '.join(item.stray_text))}", item.page))
    return notes


# --- blocks in reading order --------------------------------------------------------------------


def body_text_size(pages: list[RawPage]) -> float:
    """The most common text size, by characters."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for word in page.words:
            sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def build_blocks(layouts: list[PageLayout], body_size: float) -> tuple[list[Block], list[Table]]:
    blocks: list[Block] = []
    tables: list[Table] = []
    for layout in layouts:
        spaced = writes_line_end_spaces(layout)
        right = max((w.x1 for i in layout.items if isinstance(i, Line) for w in i.words),
                    default=0.0)
        for item in layout.items:
            if isinstance(item, PageTable):
                table = _to_table(item, f"t{len(tables) + 1}", _title_above(blocks))
                tables.append(table)
                blocks.append(table_block(table))
            elif item.words:
                add_line(blocks, item, layout.number, body_size)
                blocks[-1].ends_inside_word = spaced and broke_inside_word(item, right)
    return blocks, tables


def writes_line_end_spaces(layout: PageLayout) -> bool:
    """Whether the page's producer writes the space at the end of a line broken between
    words (HWP and its PDF export do); only then does a line without one end mid-word."""
    return any(isinstance(item, Line) and item.words and item.words[-1].space_after
               for item in layout.items)


def broke_inside_word(line: Line, right: float) -> bool:
    """A line broken inside a word: no space written after it, and it runs to the page's
    right text edge `right` (a justified line broken by syllable ends flush with it; a
    paragraph's last line stops short; a line broken between words has its space)."""
    return (line.words[-1].space_after is False
            and right - line.words[-1].x1 < FLUSH_RIGHT_EMS * line.size)


def add_line(blocks: list[Block], line: Line, page: int, body_size: float) -> None:
    kind = classify_line(line.text)
    bbox = _rounded(line.bbox)
    last = blocks[-1] if blocks else None
    large = body_size > 0 and line.size >= body_size * HEADING_SIZE_RATIO
    if last is not None and kind.type is BlockType.PARAGRAPH and not large \
            and continues(last, bbox, page):
        glue = "" if last.ends_inside_word else " "
        last.text = f"{last.text}{glue}{kind.text}"
        last.bbox = _union([last.bbox, bbox]) if last.bbox else bbox
        return
    if large and kind.type is BlockType.PARAGRAPH:
        blocks.append(Block(BlockType.HEADING, kind.text, page, bbox, level=1))
        return
    blocks.append(Block(kind.type, kind.text, page, bbox, marker=kind.marker, level=kind.level))


def continues(last: Block, bbox: BBox, page: int) -> bool:
    """A wrapped line: right under the block, on its page, not further left than its start."""
    if last.type not in _CONTINUABLE or last.page != page or last.bbox is None:
        return False
    height = bbox[3] - bbox[1]
    gap = bbox[1] - last.bbox[3]
    return bbox[0] >= last.bbox[0] - INDENT_TOLERANCE and gap <= height * \
        CONTINUATION_MAX_GAP_RATIO


def _title_above(blocks: list[Block]) -> str | None:
    last = blocks[-1] if blocks else None
    return last.text if last is not None and last.type is BlockType.HEADING else None


def _to_table(item: PageTable, table_id: str, title: str | None) -> Table:
    return Table(id=table_id, rows=item.rows, spans=item.spans, page=item.page, bbox=item.bbox,
                 title=title, unit=item.unit, pages=item.pages)


# --- geometry ------------------------------------------------------------------------------------


def _word_bbox(word: Word) -> BBox:
    return word.x0, word.top, word.x1, word.bottom


def _item_bbox(item: PageItem) -> BBox:
    if isinstance(item, PageTable):
        return item.bbox
    return item.bbox if item.words else (0.0, 0.0, 0.0, 0.0)


def _has_content(item: PageItem) -> bool:
    return isinstance(item, PageTable) or bool(item.words)


def _contains(bbox: BBox, point: tuple[float, float]) -> bool:
    x, y = point
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _union(boxes: Iterable[BBox]) -> BBox:
    x0s, tops, x1s, bottoms = zip(*boxes, strict=True)
    return min(x0s), min(tops), max(x1s), max(bottoms)


def _rounded(bbox: BBox) -> BBox:
    """Two decimals: stable output across runs, far below a point's precision that matters."""
    x0, top, x1, bottom = (round(v, 2) for v in bbox)
    return x0, top, x1, bottom


__all__ = ["TABLE_SETTINGS", "RawPage", "RawTable", "Word", "assemble", "read"]
