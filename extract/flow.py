"""The word processor's document flow -> `Document`: shared by the HWP 5 and HWPX readers.

Both formats store the same thing: paragraphs in reading order, some holding tables whose
cells hold paragraphs (and tables) again. Each reader turns its bytes into this plain flow
(`Para`, `TableData`, `Cell`); `assemble` does the rest the same way for both, with the
line typing the other readers use (`extract.lines`):

1. every line of a paragraph is typed by its marker (□ ○ - ※ ...); text set clearly larger
   than the body text is a heading, as in the PDF reader;
2. a unit line (`(단위 : 백만 원)`) right before a table becomes the table's unit;
3. a table of one cell is a framed box of text, not a table (the PDF reader agrees): its
   paragraphs are read as text;
4. a merged cell's text stands at its first row/column and the cells it covers hold "";
   tables nested in a cell follow their outer table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .errors import LimitExceeded
from .lines import classify_line
from .model import Block, BlockType, Document, ExtractNote, Source, Span, Table, table_block
from .pdf import HEADING_SIZE_RATIO
from .units import UNIT_LINE, PendingUnit, split_trailing_unit

# A table's grid (rows x columns, covered cells included) may hold at most this many cells.
# The largest real table seen (a 화성시 전결 규칙 annex, 100+ pages) has about 10^4; a forged
# row or column count must not make us allocate billions.
MAX_TABLE_GRID_CELLS = 2_000_000
# Tables nested deeper than this are read as text: real documents nest two or three deep.
MAX_TABLE_DEPTH = 32

_CONTINUABLE = frozenset({BlockType.PARAGRAPH, BlockType.LIST_ITEM})


@dataclass
class Para:
    """One paragraph: its text ("\\n" where the author broke the line) and its largest text
    size in points (None when the format does not say)."""

    text: str
    size: float | None = None


@dataclass
class Cell:
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    items: list[Item] = field(default_factory=list)


@dataclass
class TableData:
    n_rows: int
    n_cols: int
    cells: list[Cell]


Item = Para | TableData


def assemble(source: Source, items: list[Item], notes: list[ExtractNote] | None = None,
             metadata: dict[str, str] | None = None) -> Document:
    builder = _Builder(body_size=body_text_size(items))
    builder.add_items(items, depth=0)
    builder.flush_unit()
    return Document(source, builder.blocks, builder.tables, notes=list(notes or []),
                    metadata=metadata or {})


def body_text_size(items: Iterable[Item]) -> float:
    """The most common text size outside tables, by characters (0 when unknown)."""
    sizes: Counter[float] = Counter()
    for item in items:
        if isinstance(item, Para) and item.size:
            sizes[round(item.size, 1)] += len(item.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def iter_paras(items: Iterable[Item]) -> Iterator[Para]:
    """Every paragraph, in tables too, in reading order."""
    for item in items:
        if isinstance(item, Para):
            yield item
        else:
            for cell in item.cells:
                yield from iter_paras(cell.items)


@dataclass
class _Builder:
    body_size: float
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    unit: PendingUnit = field(default_factory=PendingUnit)

    def add_items(self, items: list[Item], depth: int) -> None:
        for item in items:
            if isinstance(item, Para):
                self.add_para(item)
            elif len(item.cells) <= 1 or depth >= MAX_TABLE_DEPTH:
                self.flush_unit()
                for cell in item.cells:  # a framed box: its text is text
                    self.add_items(cell.items, depth + 1)
            else:
                self.add_table(item, depth)

    def add_para(self, para: Para) -> None:
        lines = [line.strip() for line in para.text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        self.flush_unit()
        last_line = lines[-1]
        if UNIT_LINE.match(last_line):
            lines.pop()
            self._add_lines(lines, para.size)
            self.unit.hold(last_line)
            return
        if (split := split_trailing_unit(last_line)) is not None:
            lines[-1] = split[0]
            self._add_lines([line for line in lines if line], para.size)
            self.unit.hold(split[1])
            return
        self._add_lines(lines, para.size)

    def _add_lines(self, lines: list[str], size: float | None) -> None:
        large = bool(size and self.body_size and size >= self.body_size * HEADING_SIZE_RATIO)
        for index, line in enumerate(lines):
            kind = classify_line(line)
            last = self.blocks[-1] if self.blocks else None
            if (index > 0 and kind.type is BlockType.PARAGRAPH and last is not None
                    and (last.type in _CONTINUABLE or large)):
                last.text = f"{last.text} {kind.text}"  # a line broken inside a paragraph
                continue
            if large and kind.type is BlockType.PARAGRAPH:
                self.blocks.append(Block(BlockType.HEADING, kind.text, level=1))
                continue
            self.blocks.append(Block(kind.type, kind.text, marker=kind.marker, level=kind.level))

    def flush_unit(self) -> None:
        """A unit line not followed by a table is ordinary text."""
        if (block := self.unit.release()) is not None:
            self.blocks.append(block)

    def add_table(self, data: TableData, depth: int) -> None:
        rows, spans, nested = table_grid(data)
        last = self.blocks[-1] if self.blocks else None
        title = last.text if last is not None and last.type is BlockType.HEADING else None
        table = Table(id=f"t{len(self.tables) + 1}", rows=rows, spans=spans, title=title,
                      unit=self.unit.take())
        self.tables.append(table)
        self.blocks.append(table_block(table))
        for inner in nested:
            self.add_items([inner], depth + 1)


def table_grid(data: TableData) -> tuple[list[list[str]], list[Span], list[TableData]]:
    """Rows (covered cells ""), the merged cells, and the tables nested in cells."""
    n_rows = max([data.n_rows, *(c.row + 1 for c in data.cells)])
    n_cols = max([data.n_cols, *(c.col + 1 for c in data.cells)])
    if n_rows * n_cols > MAX_TABLE_GRID_CELLS:
        raise LimitExceeded(f"a table of {n_rows} x {n_cols} cells is larger than "
                            f"{MAX_TABLE_GRID_CELLS} cells")
    rows = [[""] * n_cols for _ in range(n_rows)]
    spans: list[Span] = []
    nested: list[TableData] = []
    for cell in sorted(data.cells, key=lambda c: (c.row, c.col)):
        if cell.row < 0 or cell.col < 0:
            continue
        rows[cell.row][cell.col] = cell_text(cell.items)
        nested += [t for t in cell.items if isinstance(t, TableData) and len(t.cells) > 1]
        rowspan = max(1, min(cell.rowspan, n_rows - cell.row))
        colspan = max(1, min(cell.colspan, n_cols - cell.col))
        if rowspan > 1 or colspan > 1:
            spans.append(Span(cell.row, cell.col, rowspan, colspan))
    return rows, spans, nested


def cell_text(items: list[Item]) -> str:
    """A cell's paragraphs joined with "\\n" (framed one-cell boxes inside it included);
    tables of several cells inside it are tables of their own."""
    lines: list[str] = []
    for item in items:
        if isinstance(item, Para):
            lines += [line.strip() for line in item.text.split("\n") if line.strip()]
        elif len(item.cells) <= 1:
            lines += [text for cell in item.cells if (text := cell_text(cell.items))]
    return "\n".join(lines)
