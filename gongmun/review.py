"""`gongmun review OUT_DIR`: a static site to check each record against its source.

    OUT_DIR/review/index.html          every document, worst first (sortable, filterable)
    OUT_DIR/review/docs/<name>.html    one record beside its source: page images (PDF, scans)
                                       or numbered lines (text, OCR text, HTML) with a box over
                                       each field, table, correction and warning
    OUT_DIR/review/pages/<name>/pN.png the rendered pages
    OUT_DIR/review/assets/             the site's CSS and JS (nothing is fetched from the network)

It reads what `gongmun batch` wrote (records as plain JSON, read defensively: a field it does
not know is ignored, a missing one is shown as missing) and the source files the records name.
Record text is untrusted: every value goes through Jinja2's autoescaping.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from gongmun.batch import ERROR_LOG, RECORDS_DIR
from gongmun.output import write_text_atomic

REVIEW_DIR = "review"
POINTS_PER_INCH = 72.0
RENDER_SCALE = 1.5
"""Page images at 1.5 x 72 dpi = 108 dpi: 10-point Korean text is ~15 px high, readable
without zoom, and an A4 page is ~900 x 1260 px (~150 KB as PNG)."""
SCAN_DEFAULT_DPI = 300.0
SCAN_MIN_DPI = 100.0
"""A scan's boxes are in points of 72/dpi pixels. As the scan reader does (issue 10,
extract/scan.py `image_dpi`): a DPI tag below 100 means "unknown" (writers store 1 or 72), and
an unknown resolution is taken as 300 dpi, the archival norm."""
MAX_IMAGE_PAGES = 500
"""Frames of a multi-page TIFF shown at most (the reader refuses longer scans anyway)."""
BOX_PAD_PT = 1.5
"""Boxes stand this far outside the text's own bbox, so their border does not cover it."""
MIN_BOX_PERCENT = 0.4
"""A degenerate bbox (a zero-width cell) still gets a box one can see and click."""
LOCATE_NEEDLE_CHARS = 40
"""Text looked up on the page or in the source lines is cut to its first line and this many
characters: long enough to be unique in a card, short enough to survive a line break."""
TABLE_ROWS_TRIED = 3
"""A table without a position is placed by the text of a cell in its first rows."""
PAGE_FORMATS = {"pdf"}
IMAGE_FORMATS = {"image"}

Json = dict[str, Any]


class ReviewError(Exception):
    """The site cannot be built (no batch output...). Shown as `error: PATH: REASON`."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


# --- what a page shows ---------------------------------------------------------------------


@dataclass
class Region:
    """Where something sits in the source: a bbox on a page (PDF points, origin top-left),
    or a line of a text source, with the text to highlight there."""

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    line: int | None = None
    needle: str | None = None
    refine: bool = False  # the bbox holds more than the needle (a table): look for its words
    alternatives: list[str] = field(default_factory=list)  # other texts that place it


@dataclass
class Mark:
    """A box over the source, linked to the item of the record it stands for."""

    id: str
    kind: str  # field | table | correction | warning
    label: str
    target: str  # the id of the record item
    region: Region
    style: str = ""  # CSS position over the page image, in percent
    placed: bool = False  # drawn over the source (else the record says where, the source not)


@dataclass
class Item:
    """One entry of the record panel (a field, a table, a correction, a warning)."""

    id: str
    label: str
    lines: list[str]
    marks: list[Mark] = field(default_factory=list)
    detail: str | None = None


@dataclass
class PageView:
    number: int
    image: str  # relative to the doc page
    marks: list[Mark] = field(default_factory=list)


@dataclass
class LineView:
    number: int
    parts: list[tuple[str, str | None]]  # (text, kind of the highlight or None)
    marks: list[Mark] = field(default_factory=list)

    def text(self) -> str:
        return "".join(text for text, _ in self.parts)

    def highlight(self, needle: str, kind: str) -> None:
        """Highlight the first occurrence of `needle` not highlighted yet."""
        for index, (text, marked) in enumerate(self.parts):
            at = text.find(needle) if marked is None else -1
            if at >= 0:
                pieces = [(text[:at], None), (needle, kind), (text[at + len(needle):], None)]
                self.parts[index:index + 1] = [p for p in pieces if p[0]]
                return


@dataclass
class FundingCell:
    text: str
    failed: bool = False
    note: str | None = None


@dataclass
class FundingView:
    unit: str
    columns: list[str]
    rows: list[tuple[str, list[FundingCell]]]


@dataclass
class Doc:
    name: str  # the page's file name, without .html
    record_path: str
    source_path: str | None
    doc_type: str
    title: str
    status: str
    severity: int
    corrections: int
    warnings: int
    failed_checks: int
    error: str | None = None
    batch_status: str | None = None
    source_note: str | None = None

    @classmethod
    def failed(cls, title: str, reason: str, record_path: str = "",
               source_path: str | None = None) -> Doc:
        """An input the batch could not read, or a record this site could not."""
        return cls(name="", record_path=record_path, source_path=source_path, doc_type="—",
                   title=title, status="error", severity=SEVERITY["error"], corrections=0,
                   warnings=0, failed_checks=0, error=reason)


# --- building the site ---------------------------------------------------------------------


def build_site(out_dir: Path, root: Path | None = None) -> Path:
    """Write OUT_DIR/review/ and return the path of its index page."""
    records_dir = out_dir / RECORDS_DIR
    if not out_dir.is_dir():
        raise ReviewError(out_dir, "no such folder (give the --out folder of `gongmun batch`)")
    record_files = sorted(records_dir.rglob("*.json")) if records_dir.is_dir() else []
    errors = list(read_error_log(out_dir / ERROR_LOG))
    if not record_files and not errors:
        raise ReviewError(out_dir, "no records found (expected OUT_DIR/records/*.json)")
    site = out_dir / REVIEW_DIR
    env = environment()
    copy_assets(site / "assets")
    roots = [r for r in (root, Path.cwd(), out_dir.resolve().parent) if r is not None]
    docs: list[Doc] = []
    names: set[str] = set()
    for record_file in record_files:
        rel = record_file.relative_to(records_dir).as_posix()
        name = unique_name(rel.removesuffix(".json"), names)
        docs.append(write_doc_page(env, site, name, record_file, rel, roots))
    for path, reason in errors:
        if not any(d.source_path == path for d in docs):
            docs.append(Doc.failed(Path(path).name or path, reason, source_path=path))
    remove_stale(site / "docs", {d.name for d in docs if d.name})
    docs.sort(key=lambda d: (-d.severity, -d.failed_checks, -d.warnings, -d.corrections,
                             d.record_path))
    index = site / "index.html"
    write_text_atomic(index, env.get_template("index.html").render(
        docs=docs, out_dir=str(out_dir), types=sorted({d.doc_type for d in docs}),
        statuses=[s for s in SEVERITY if any(d.status == s for d in docs)]))
    return index


def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("gongmun", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env


def copy_assets(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("review.css", "review.js"):
        text = resources.files("gongmun").joinpath("templates", name).read_text("utf-8")
        write_text_atomic(dest / name, text)


def unique_name(rel: str, taken: set[str]) -> str:
    """A file name for a record's page: its path with unsafe characters replaced (Korean
    names are kept: browsers and file systems take UTF-8)."""
    base = re.sub(r"[^\w.-]+", "_", rel.replace("/", "__")).strip("._") or "doc"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def remove_stale(docs_dir: Path, keep: set[str]) -> None:
    if not docs_dir.is_dir():
        return
    for page in docs_dir.glob("*.html"):
        if page.stem not in keep:
            page.unlink()
    pages_dir = docs_dir.parent / "pages"
    if pages_dir.is_dir():
        for folder in pages_dir.iterdir():
            if folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)


def read_error_log(path: Path) -> Iterator[tuple[str, str]]:
    """`error: PATH: REASON` lines of the batch's error log."""
    if not path.is_file():
        return
    for line in path.read_text("utf-8", errors="replace").splitlines():
        if line.startswith("error: ") and ": " in line[7:]:
            where, reason = line[7:].split(": ", 1)
            yield where, reason


# --- one document --------------------------------------------------------------------------

SEVERITY = {"error": 4, "failed check": 3, "warnings": 2, "corrected": 1, "clean": 0}


def write_doc_page(env: Any, site: Path, name: str, record_file: Path, rel: str,
                   roots: list[Path]) -> Doc:
    try:
        record = json.loads(record_file.read_text("utf-8"))
        if not isinstance(record, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as err:
        return Doc.failed(rel, f"record unreadable: {err}", record_path=rel)
    try:
        page = DocPage(record, name, site)
        page.show_source(roots)
        try:
            page.collect()
        finally:
            page.close()
        doc = page.doc(rel)
        write_text_atomic(site / "docs" / f"{name}.html",
                          env.get_template("doc.html").render(page=page, doc=doc))
    except OSError:
        raise  # the site itself cannot be written: stop, as for any output
    except Exception as err:  # a record of a shape this page does not expect: listed, not fatal
        return Doc.failed(rel, f"no review page: {type(err).__name__}: {err}", record_path=rel)
    return doc


class DocPage:
    """A record beside its source, with the boxes that link them."""

    def __init__(self, record: Json, name: str, site: Path) -> None:
        self.record, self.name, self.site = record, name, site
        self.source = as_dict(record.get("source"))
        self.blocks = [as_dict(b) for b in as_list(record.get("blocks"))]
        self.tables = {str(t.get("id")): t for t in map(as_dict, as_list(record.get("tables")))}
        self.card = as_dict(record.get("card"))
        self.press = as_dict(record.get("press"))
        self.pages: list[PageView] = []
        self.page_sizes: dict[int, tuple[float, float]] = {}
        self.lines: list[LineView] = []
        self.source_note: str | None = None
        self.fields: list[Item] = []
        self.table_items: list[Item] = []
        self.correction_items: list[Item] = []
        self.warning_items: list[Item] = []
        self.checks = [as_dict(c) for c in as_list(as_dict(self.card.get("funding")).get("checks"))]
        self.funding = funding_view(as_dict(self.card.get("funding")), self.checks)
        self._locator: PdfLocator | None = None
        self._count = 0

    # the source ------------------------------------------------------------------------------

    def show_source(self, roots: list[Path]) -> None:
        path = find_source(str(self.source.get("path") or ""), roots)
        if path is None:
            self.source_note = ("The source file was not found "
                                f"({self.source.get('path') or 'no path in the record'}): "
                                "the record is shown alone.")
            return
        if self.source.get("sha256") and sha256_of(path) != self.source.get("sha256"):
            self.source_note = ("The source file has changed since this record was made "
                                "(its sha256 differs): boxes may not match.")
        fmt = str(self.source.get("format") or "")
        try:
            if fmt in PAGE_FORMATS:
                self.render_pdf(path)
            elif fmt in IMAGE_FORMATS:
                self.render_image(path)
            else:
                self.read_lines(path)
        except Exception as err:  # a source that cannot be shown must not stop the site
            self.pages, self.lines = [], []
            self.source_note = f"The source could not be shown ({type(err).__name__}: {err})."

    def render_pdf(self, path: Path) -> None:
        import pypdfium2 as pdfium

        folder = self.site / "pages" / self.name
        folder.mkdir(parents=True, exist_ok=True)
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                number = index + 1
                self.page_sizes[number] = page.get_size()
                image = folder / f"p{number}.png"
                if not fresh(image, path):
                    page.render(scale=RENDER_SCALE).to_pil().save(image)
                self.pages.append(PageView(number, f"../pages/{self.name}/p{number}.png"))
        finally:
            pdf.close()
        self._locator = PdfLocator(path)

    def render_image(self, path: Path) -> None:
        """A scan: each frame (a multi-page TIFF has several) is a page."""
        from PIL import Image, ImageSequence

        folder = self.site / "pages" / self.name
        folder.mkdir(parents=True, exist_ok=True)
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= MAX_IMAGE_PAGES:
                    break
                number = index + 1
                points = POINTS_PER_INCH / scan_dpi(frame.info.get("dpi"))
                self.page_sizes[number] = (frame.width * points, frame.height * points)
                image_file = folder / f"p{number}.png"
                if not fresh(image_file, path):
                    frame.convert("RGB").save(image_file)
                self.pages.append(PageView(number, f"../pages/{self.name}/p{number}.png"))

    def read_lines(self, path: Path) -> None:
        from gongmun.extract.sniff import decode_text

        text, _ = decode_text(path.read_bytes())
        self.lines = [LineView(n, [(line, None)]) for n, line in
                      enumerate(text.splitlines(), start=1)]

    # the record ------------------------------------------------------------------------------

    def collect(self) -> None:
        for table_id, table in self.tables.items():
            item = Item(f"t-{slug(table_id)}", f"table {table_id}",
                        [str(table.get("title") or "")] if table.get("title") else [],
                        detail=table_caption(table))
            self.add_mark(item, "table", item.label, self.table_region(table_id))
            self.table_items.append(item)
        if self.card:
            self.collect_card()
        if self.press:
            self.collect_press()
        for n, fix in enumerate(map(as_dict, as_list(self.record.get("corrections")))):
            item = Item(f"c-{n}", str(fix.get("rule") or "correction"),
                        [f"{fix.get('original', '')} → {fix.get('corrected', '')}"],
                        detail=f"confidence {fix.get('confidence', '?')} · "
                               f"{format_location(fix.get('location'))}")
            region = self.location_region(as_dict(fix.get("location")))
            if region is not None:
                region.needle = str(fix.get("original") or "") or region.needle
                region.refine = True
            self.add_mark(item, "correction", f"{fix.get('original', '')}→"
                          f"{fix.get('corrected', '')}", region)
            self.correction_items.append(item)
        for n, warning in enumerate(map(as_dict, as_list(self.record.get("warnings")))):
            item = Item(f"w-{n}", str(warning.get("code") or "warning"),
                        [str(warning.get("message") or "")],
                        detail=format_location(warning.get("location")))
            location = as_dict(warning.get("location"))
            self.add_mark(item, "warning", item.label, self.location_region(location))
            self.warning_items.append(item)
        self.place_marks()

    def collect_card(self) -> None:
        provenance = as_dict(self.card.get("provenance"))
        for name, value in self.card.items():
            if name == "provenance":
                continue
            item = Item(f"f-{name}", field_label(name), describe(name, value))
            where = as_dict(provenance.get(name))
            if where:
                self.add_mark(item, "field", field_label(name), self.provenance_region(where))
            self.fields.append(item)

    def collect_press(self) -> None:
        for name, value in self.press.items():
            item = Item(f"f-{name}", field_label(name), describe(name, value))
            for needle in press_needles(name, value):
                self.add_mark(item, "field", field_label(name), self.text_region(needle))
            self.fields.append(item)

    def add_mark(self, item: Item, kind: str, label: str, region: Region | None) -> None:
        if region is None or (region.bbox is None and region.line is None
                              and region.needle is None):
            return
        self._count += 1
        item.marks.append(Mark(f"m{self._count}", kind, label, item.id, region))

    # regions ---------------------------------------------------------------------------------

    def provenance_region(self, where: Json) -> Region:
        region = Region(page=as_int(where.get("page")), bbox=as_bbox(where.get("bbox")),
                        line=as_int(where.get("line")))
        table = self.tables.get(str(where.get("table")))
        row, col = as_int(where.get("row")), as_int(where.get("col"))
        if table is not None and row is not None and col is not None:
            region.needle, region.refine = cell_text(table, row, col), True
        elif table is not None:  # the whole table (funding, goals): where the table is
            whole = self.table_region(str(where.get("table")))
            region.page = region.page or whole.page
            region.bbox = region.bbox or whole.bbox
            region.line = region.line or whole.line
            region.needle, region.alternatives = whole.needle, whole.alternatives
        elif (block := as_int(where.get("block"))) is not None and block < len(self.blocks):
            region.needle = str(self.blocks[block].get("text") or "")
        return region

    def table_region(self, table_id: str) -> Region:
        table = as_dict(self.tables.get(table_id))
        region = Region(page=as_int(table.get("page")), bbox=as_bbox(table.get("bbox")))
        block = next((b for b in self.blocks if b.get("table_id") == table_id), None)
        if block is not None:
            region.line = as_int(block.get("line"))
            region.page = region.page or as_int(block.get("page"))
        if region.line is None and region.bbox is None:
            # no position: the table is where its cells' text is (normalization may have
            # changed some, as 구 분 -> 구분, so several are tried)
            cells = [c for row in as_list(table.get("rows"))[:TABLE_ROWS_TRIED]
                     for c in as_list(row) if isinstance(c, str) and len(c.strip()) > 1]
            region.needle, region.alternatives = (cells[0], cells[1:]) if cells else (None, [])
        return region

    def location_region(self, location: Json) -> Region | None:
        """A correction's or warning's location: a bbox, a block, a table cell, a line."""
        if not location:
            return None
        region = Region(page=as_int(location.get("page")), bbox=as_bbox(location.get("bbox")),
                        line=as_int(location.get("line")))
        if region.bbox is not None or region.line is not None:
            return region
        blocks = location.get("block", location.get("blocks"))
        first = as_int(blocks) if not isinstance(blocks, str) else as_int(
            re.split(r"[-,]", blocks)[0] or None)
        if first is not None and first < len(self.blocks):
            block = self.blocks[first]
            return Region(page=as_int(block.get("page")), bbox=as_bbox(block.get("bbox")),
                          line=as_int(block.get("line")), needle=str(block.get("text") or ""))
        if location.get("table") is not None:
            table_id = str(location["table"])
            row, col = as_int(location.get("row")), as_int(location.get("col"))
            region = self.table_region(table_id)
            if row is not None and col is not None:
                region.needle = cell_text(as_dict(self.tables.get(table_id)), row, col)
                region.refine = True
            return region
        return region if region.page is not None else None

    def text_region(self, needle: str) -> Region | None:
        """Where a press field's text is: the block that holds it."""
        key = first_line(needle)
        if not key:
            return None
        for block in self.blocks:
            text = str(block.get("text") or "")
            if key in text:
                return Region(page=as_int(block.get("page")), bbox=as_bbox(block.get("bbox")),
                              line=as_int(block.get("line")), needle=key,
                              refine=len(needle.strip()) < len(text.strip()))
        return Region(needle=key)

    # placing the boxes -----------------------------------------------------------------------

    def all_items(self) -> Iterator[Item]:
        # tables first: later boxes are drawn on top, and fields sit inside tables
        for items in (self.table_items, self.fields, self.warning_items,
                      self.correction_items):
            yield from items

    def all_marks(self) -> Iterator[Mark]:
        for item in self.all_items():
            yield from item.marks

    def place_marks(self) -> None:
        pages = {p.number: p for p in self.pages}
        for mark in self.all_marks():
            if pages:
                self.place_on_page(mark, pages)
            elif self.lines:
                self.place_on_line(mark)
        for item in self.all_items():
            item.marks = [m for m in item.marks if m.placed]

    def place_on_page(self, mark: Mark, pages: dict[int, PageView]) -> None:
        region = mark.region
        number = region.page or (1 if len(pages) == 1 else None)
        if number not in pages:
            return
        bbox = region.bbox
        if self._locator is not None and region.needle and region.refine:
            bbox = self._locator.find(number, region.needle, bbox) or bbox
        if bbox is None:
            return
        width, height = self.page_sizes[number]
        x0, top, x1, bottom = (bbox[0] - BOX_PAD_PT, bbox[1] - BOX_PAD_PT,
                               bbox[2] + BOX_PAD_PT, bbox[3] + BOX_PAD_PT)
        mark.style = box_style(x0 / width, top / height, (x1 - x0) / width, (bottom - top) / height)
        pages[number].marks.append(mark)
        mark.placed = True

    def place_on_line(self, mark: Mark) -> None:
        region = mark.region
        candidates = [c for c in map(first_line, [region.needle or "", *region.alternatives])
                      if c]
        number = region.line if region.line is not None else best_line(self.lines, candidates)
        if number is None or not 1 <= number <= len(self.lines):
            return
        needle = next((c for c in candidates if c in self.lines[number - 1].text()), "")
        line = self.lines[number - 1]
        line.marks.append(mark)
        region.line, mark.placed = number, True
        if needle and mark.kind in ("field", "correction"):
            line.highlight(needle, mark.kind)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.all_items() if i.id == item_id), None)

    def close(self) -> None:
        if self._locator is not None:
            self._locator.close()

    # the summary for the index ---------------------------------------------------------------

    def doc(self, rel: str) -> Doc:
        failed = sum(1 for c in self.checks if c.get("ok") is False)
        corrections = len(self.correction_items)
        warnings = len(self.warning_items)
        status = ("failed check" if failed else "warnings" if warnings else
                  "corrected" if corrections else "clean")
        named = [self.card.get("pledge_name"), self.press.get("headline"),
                 self.record.get("title")]
        # a title with no letter or digit ("( )", "-") names nothing: the file name does
        title = next((str(t) for t in named if any(ch.isalnum() for ch in str(t or ""))),
                     Path(rel.removesuffix(".json")).name)
        if self.card.get("management_no"):
            title = f"{title} · {self.card['management_no']}"
        batch_status = self.record.get("status")
        return Doc(name=self.name, record_path=rel,
                   source_path=str(self.source.get("path") or "") or None,
                   doc_type=str(self.record.get("doc_type") or "unknown"), title=str(title),
                   status=status, severity=SEVERITY[status], corrections=corrections,
                   warnings=warnings, failed_checks=failed,
                   batch_status=batch_status if isinstance(batch_status, str) else None,
                   source_note=self.source_note)


def best_line(lines: list[LineView], candidates: list[str]) -> int | None:
    """The line holding most of `candidates` (a table's row holds several of its cells; the
    first line wins a tie)."""
    best, best_count = None, 0
    for line in lines:
        text = line.text()
        count = sum(1 for c in candidates if c in text)
        if count > best_count:
            best, best_count = line.number, count
    return best


def scan_dpi(tag: Any) -> float:
    try:
        value = float(tag[0]) if tag else 0.0
    except (TypeError, ValueError, IndexError):
        value = 0.0
    return value if value >= SCAN_MIN_DPI else SCAN_DEFAULT_DPI


def box_style(left: float, top: float, width: float, height: float) -> str:
    def pct(v: float) -> str:
        return f"{max(0.0, min(100.0, v * 100)):.3f}%"

    return (f"left:{pct(left)};top:{pct(top)};"
            f"width:{pct(max(width, MIN_BOX_PERCENT / 100))};"
            f"height:{pct(max(height, MIN_BOX_PERCENT / 100))}")


class PdfLocator:
    """Finds a value's own words on a PDF page, within the box its provenance gives (a table
    cell's provenance is the whole table): the reviewer's box then sits on the value."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None

    def find(self, page_number: int, needle: str,
             within: tuple[float, float, float, float] | None) -> (
            tuple[float, float, float, float] | None):
        key = first_line(needle)
        if not key:
            return None
        try:
            if self._pdf is None:
                import pdfplumber

                self._pdf = pdfplumber.open(str(self.path))
            page = self._pdf.pages[page_number - 1]
            if within is not None:
                page = page.crop(clip_bbox(within, page.bbox), strict=False)
            pattern = r"\s*".join(re.escape(ch) for ch in key if not ch.isspace())
            found = page.search(pattern, regex=True, return_chars=False)
        except Exception:  # a page pdfplumber cannot search: keep the provenance box
            return None
        if not found:
            return None
        hit = found[0]
        return (float(hit["x0"]), float(hit["top"]), float(hit["x1"]), float(hit["bottom"]))

    def close(self) -> None:
        if self._pdf is not None:
            with contextlib.suppress(Exception):
                self._pdf.close()


def clip_bbox(bbox: tuple[float, float, float, float],
              page: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (max(bbox[0], page[0]), max(bbox[1], page[1]),
            min(bbox[2], page[2]), min(bbox[3], page[3]))


# --- the funding table ---------------------------------------------------------------------

FUNDING_COLUMNS = {"total": "총사업비", "prior": "기투자", "after_term": "임기이후"}


def funding_view(funding: Json, checks: list[Json]) -> FundingView | None:
    rows = [as_dict(r) for r in as_list(funding.get("rows"))]
    if not rows:
        return None
    unit = as_int(funding.get("unit_krw")) or 1
    years = sorted({y for r in rows for y in as_dict(r.get("by_year_krw"))})
    columns = ["total", "prior", *years, "after_term"]
    cells = {str(r.get("source")): row_cells(r) for r in rows}
    failed: dict[tuple[str, str], list[str]] = {}
    for check in checks:
        if check.get("ok") is not False:
            continue
        for key, note in failed_cells(str(check.get("name") or ""), rows, cells, unit):
            failed.setdefault(key, []).append(note)
    view_rows = []
    for row in rows:
        source = str(row.get("source"))
        values = cells[source]
        view_rows.append((str(row.get("label") or source), [
            FundingCell(fmt_unit(values.get(c), unit), (source, c) in failed,
                        "; ".join(failed.get((source, c), [])) or None) for c in columns]))
    label = str(funding.get("unit_label") or ("원" if unit == 1 else f"×{unit:,} 원"))
    return FundingView(label, [FUNDING_COLUMNS.get(c, f"{c}년" if c.isdigit() else c)
                               for c in columns], view_rows)


def row_cells(row: Json) -> dict[str, int | None]:
    return {"total": as_int(row.get("total_krw")), "prior": as_int(row.get("prior_krw")),
            **{str(k): as_int(v) for k, v in as_dict(row.get("by_year_krw")).items()},
            "after_term": as_int(row.get("after_term_krw"))}


def failed_cells(name: str, rows: list[Json], cells: dict[str, dict[str, int | None]],
                 unit: int) -> Iterator[tuple[tuple[str, str], str]]:
    """The cells a failed cross-foot check is about, each with the sum it expected there."""
    kind, _, arg = name.partition(":")
    if kind == "sources_sum_to_total":  # a column: the parts against 계
        parts = [r for r in rows if r.get("source") != "total"]
        total = sum(cells[str(r.get("source"))].get(arg) or 0 for r in parts)
        labels = "+".join(str(r.get("label")) for r in parts)
        yield ("total", arg), f"{labels} = {fmt_unit(total, unit)}"
    elif kind == "years_sum_to_total":  # a row: its years against its 총사업비
        row = cells.get(arg, {})
        spread = sum(v or 0 for k, v in row.items() if k != "total")
        yield (arg, "total"), f"기투자+연도별+임기이후 = {fmt_unit(spread, unit)}"
    elif kind == "total_budget_matches_table":
        yield ("total", "total"), "총사업비 in 사업개요 differs"
    elif kind == "budget_source_matches_table":
        yield (arg, "total"), "사업개요 figure differs"


def fmt_unit(value: int | None, unit: int) -> str:
    if value is None:
        return ""
    if value % unit == 0:
        return f"{value // unit:,}"
    return f"{value / unit:,.2f}".rstrip("0").rstrip(".")


# --- describing values ---------------------------------------------------------------------


def field_labels() -> dict[str, str]:
    text = resources.files("gongmun").joinpath("templates", "field_labels.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] for row in rows if len(row) >= 2}


_LABELS: dict[str, str] | None = None


def field_label(name: str) -> str:
    global _LABELS
    if _LABELS is None:
        _LABELS = field_labels()
    label = _LABELS.get(name)
    return f"{label} ({name})" if label else name


def describe(name: str, value: Any) -> list[str]:
    """A field's value as lines of readable text."""
    if value is None or value == [] or value == {}:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, int | float):
        return [won(int(value)) if name.endswith("_krw") else f"{value:,}"]
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [line for item in value for line in (
            [compact(item)] if isinstance(item, dict) else describe(name, item))]
    if isinstance(value, dict):
        if name == "funding":
            return []  # shown as a table of its own
        if name == "period" and value.get("start_year"):
            years = f" ({value['years']}년)" if value.get("years") else ""
            return [f"{value['start_year']}–{value.get('end_year') or ''}{years}"]
        if name == "officer" and value.get("name"):
            return [f"{value['name']}" + (f" (☎ {value['phone']})" if value.get("phone") else "")]
        return [compact(value, money=name.endswith("_krw"))] if any(
            v is not None for v in value.values()) else []
    return [str(value)]


def compact(item: Json, money: bool = False) -> str:
    """A dict on one line: its non-empty values, money in won."""
    parts = []
    for key, value in item.items():
        if value is None or value == [] or value == {} or key == "source":
            continue
        if isinstance(value, list):
            value = ", ".join(compact(v) if isinstance(v, dict) else str(v) for v in value)
        elif isinstance(value, dict):
            value = compact(value)
        elif isinstance(value, int) and (money or key == "krw" or key.endswith("_krw")):
            value = won(value)
        parts.append(f"{key}: {value}")
    return " · ".join(parts)


def won(value: int) -> str:
    return f"{value:,}원"


def press_needles(name: str, value: Any) -> list[str]:
    """The texts of a press field to look for in the source."""
    if isinstance(value, str) and name not in ("published_at",):
        return [value]
    if isinstance(value, list):
        texts = [v if isinstance(v, str) else as_dict(v).get("text") for v in value]
        return [t for t in texts if isinstance(t, str) and t.strip()]
    return []


def table_caption(table: Json) -> str:
    rows = as_list(table.get("rows"))
    width = max((len(as_list(r)) for r in rows), default=0)
    unit = f" · unit {table['unit']}" if table.get("unit") else ""
    pages = as_list(table.get("pages")) or ([table["page"]] if table.get("page") else [])
    where = f" · page {', '.join(map(str, pages))}" if pages else ""
    return f"{len(rows)} × {width}{unit}{where}"


def format_location(location: Any) -> str:
    where = as_dict(location)
    return ", ".join(f"{k} {v}" for k, v in where.items() if v is not None) or "no location"


# --- small helpers -------------------------------------------------------------------------


def find_source(path: str, roots: Iterable[Path]) -> Path | None:
    if not path:
        return None
    given = Path(path)
    candidates = [given] if given.is_absolute() else [r / given for r in roots]
    return next((c for c in candidates if c.is_file()), None)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fresh(output: Path, source: Path) -> bool:
    return output.is_file() and output.stat().st_mtime >= source.stat().st_mtime


def cell_text(table: Json, row: int, col: int) -> str | None:
    rows = as_list(table.get("rows"))
    if 0 <= row < len(rows) and 0 <= col < len(as_list(rows[row])):
        text = rows[row][col]
        return text if isinstance(text, str) and text.strip() else None
    return None


def first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line.split("\t")[0].strip()[:LOCATE_NEEDLE_CHARS]


def slug(text: str) -> str:
    return re.sub(r"[^\w-]+", "_", text)


def as_dict(value: Any) -> Json:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None


def as_bbox(value: Any) -> tuple[float, float, float, float] | None:
    if (isinstance(value, list) and len(value) == 4
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)):
        x0, top, x1, bottom = (float(v) for v in value)
        if x1 >= x0 and bottom >= top:
            return (x0, top, x1, bottom)
    return None


def open_in_browser(index: Path) -> None:
    import webbrowser

    webbrowser.open(index.resolve().as_uri())
