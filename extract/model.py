"""The document model every reader produces: blocks in reading order and tables.

Readers know layout and formats, not Korean or record shapes. Text here is the text as it
stands in the source (markup and entities included); `gongmun.normalize` cleans it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

BBox = tuple[float, float, float, float]
"""`(x0, top, x1, bottom)` in PDF points, origin top-left (pdfplumber's convention)."""


class BlockType(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"
    CAPTION = "caption"
    OTHER = "other"


@dataclass(frozen=True)
class Source:
    path: str
    sha256: str
    format: str
    size_bytes: int
    pages: int | None = None
    encoding: str | None = None
    ocr_pages: tuple[int, ...] = ()
    """Pages whose text was read by OCR (a scan, or a text layer that could not be trusted)."""


@dataclass
class Block:
    type: BlockType
    text: str
    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None
    """1-based line in the source text, for text formats."""
    level: int | None = None
    """Heading depth (1 = top), when the source says."""
    marker: str | None = None
    """The bullet or heading marker that opened the block (○, -, ※, □, 《, ①, 1 ...)."""
    table_id: str | None = None
    """For `BlockType.TABLE`: the id of the table this block stands for."""
    ocr: bool = False
    """True when the text was produced by OCR (an OCR text dump, a scanned page): only such
    text may go through the OCR typo corrector; a born-digital text layer or HTML never does."""
    ends_inside_word: bool = False
    """The block's last line broke inside a word: its PDF text layer writes the spaces at
    line ends (HWP's export does) and wrote none here (`국민주권` | `정부`). A line that
    continues the block is joined to it without a space."""

    def with_text(self, text: str) -> Block:
        return replace(self, text=text)


@dataclass(frozen=True)
class Span:
    """A merged cell: its text stands at (row, col); the cells it covers hold ""."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    id: str
    rows: list[list[str]]
    spans: list[Span] = field(default_factory=list)
    page: int | None = None
    bbox: BBox | None = None
    title: str | None = None
    unit: str | None = None
    """The unit as written in the unit line, e.g. "백만 원" from `(단위 : 백만 원)`."""
    pages: list[int] = field(default_factory=list)
    """Every page the table is on (a table can continue on the next page)."""
    line: int | None = None
    """1-based source line of the first row, for text formats."""
    row_lines: list[int] = field(default_factory=list)
    """Source line of each row, for text formats."""
    ocr: bool = False
    """True when the cells were produced by OCR (see `Block.ocr`)."""

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, col: int) -> str:
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[col] if col < len(cells) else ""

    def with_rows(self, rows: list[list[str]]) -> Table:
        return replace(self, rows=rows)


def table_text(rows: list[list[str]]) -> str:
    """How a table stands in the text of its block: one row a line, cells tab-separated
    (the layout of the OCR text dumps, so every reader's table block reads alike)."""
    return "\n".join("\t".join(row) for row in rows)


def table_block(table: Table) -> Block:
    """The block that stands for `table` in reading order."""
    return Block(BlockType.TABLE, table_text(table.rows), table.page, table.bbox,
                 line=table.line, table_id=table.id)


@dataclass(frozen=True)
class ExtractNote:
    """Something a reader noticed that a reviewer should see (text dropped, a cell guessed)."""

    code: str
    message: str
    page: int | None = None
    line: int | None = None


@dataclass
class Document:
    source: Source
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[ExtractNote] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    """What the format itself says (a PDF's /Title, an HTML page's <meta>), as strings."""
    logos: list[bytes] = field(default_factory=list)
    """Encoded pictures that may be a 보도자료's header logo (small and wide): the issuing
    office is sometimes named only there. Read by OCR only when the text names no office
    (`pdf_header.logo_readings`, called by the press builder)."""

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)
