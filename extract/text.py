"""Reader for text documents: OCR output (markdown with tab-separated table rows) and
scraped page dumps. Lines become blocks; runs of tab-separated lines become tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import EmptyInput
from .lines import classify_line
from .model import Block, BlockType, Document, Source, Span, Table, table_block
from .units import UNIT_LINE as UNIT_LINE  # where the other readers have imported it from
from .units import PendingUnit

OCR_FORMATS = frozenset({"ocr_text", "text"})
"""Text dumps are the OCR-output channel (an OCR engine's markdown, a plain text export of a
scan): their blocks and tables are flagged `ocr`, so the OCR corrector may touch them."""
# Blocks that a following indented, unmarked line continues (a wrapped paragraph or bullet).
# Unindented lines always start a block: scraped pages put a headline, a byline and a
# sub-headline on consecutive lines, and gluing them would mix them up.
_CONTINUABLE = {BlockType.PARAGRAPH, BlockType.LIST_ITEM}


def read(data: bytes, source: Source, text: str | None) -> Document:
    if text is None:
        text = data.decode(source.encoding or "utf-8", errors="replace")
    builder = _Builder(source)
    for number, line in enumerate(text.splitlines(), start=1):
        builder.feed(number, line)
    doc = builder.finish()
    if source.format in OCR_FORMATS:
        for block in doc.blocks:
            block.ocr = True
        for table in doc.tables:
            table.ocr = True
    if not doc.blocks:
        raise EmptyInput("no text in file")
    return doc


@dataclass
class _Builder:
    source: Source
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    table_rows: list[tuple[int, list[str]]] = field(default_factory=list)
    unit: PendingUnit = field(default_factory=PendingUnit)
    continuable: bool = False

    def feed(self, number: int, line: str) -> None:
        if "\t" in line and line.strip():
            self.table_rows.append((number, line.rstrip("\r\n").split("\t")))
            return
        self._flush_table()
        if not line.strip():
            self.continuable = False
            return
        if self.unit.hold(line, number):
            return
        self._add_line(number, line)

    def _add_line(self, number: int, line: str) -> None:
        kind = classify_line(line)
        last = self.blocks[-1] if self.blocks else None
        indented = line[:1].isspace()
        if (kind.type is BlockType.PARAGRAPH and indented and self.continuable
                and last is not None and last.type in _CONTINUABLE):
            last.text = f"{last.text} {kind.text}"
            return
        self._release_unit()
        self.blocks.append(Block(kind.type, kind.text, line=number, marker=kind.marker,
                                 level=kind.level))
        self.continuable = kind.type in _CONTINUABLE

    def _release_unit(self) -> None:
        if (block := self.unit.release()) is not None:
            self.blocks.append(block)

    def _flush_table(self) -> None:
        if not self.table_rows:
            return
        table = build_table(f"t{len(self.tables) + 1}", self.table_rows, self.unit.take(),
                            self._title())
        self.tables.append(table)
        self.blocks.append(table_block(table))
        self.table_rows, self.continuable = [], False

    def _title(self) -> str | None:
        heading = next((b for b in reversed(self.blocks) if b.type is not BlockType.TABLE), None)
        return heading.text if heading and heading.type is BlockType.HEADING else None

    def finish(self) -> Document:
        self._flush_table()
        self._release_unit()
        return Document(self.source, self.blocks, self.tables)


def build_table(table_id: str, numbered_rows: list[tuple[int, list[str]]], unit: str | None,
                title: str | None) -> Table:
    rows = [[cell.strip() for cell in cells] for _, cells in numbered_rows]
    rows = _rectangular(rows)
    return Table(
        id=table_id,
        rows=rows,
        spans=infer_header_spans(rows),
        unit=unit,
        title=title,
        line=numbered_rows[0][0],
        row_lines=[n for n, _ in numbered_rows],
    )


def _rectangular(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    padded = [r + [""] * (width - len(r)) for r in rows]
    while width > 1 and not any(r[width - 1] for r in padded):
        width -= 1
    return [r[:width] for r in padded]


def infer_header_spans(rows: list[list[str]]) -> list[Span]:
    """Merged header cells of a text table, from where the OCR left cells empty.

    A two-row header shows as a first row whose group title is followed by empty cells
    that the second row fills (`연도별 ...` over the years), and a second row that is
    empty under the single-row titles (`구분`, `총사업비`). Body rows are left alone: an
    empty body cell is a blank value, not a merge.
    """
    if len(rows) < 2:
        return []
    top, second = rows[0], rows[1]
    groups = _column_groups(top, second)
    if not groups or second[0]:
        return []
    spans = [Span(0, start, 1, end - start) for start, end in groups]
    grouped = {c for start, end in groups for c in range(start, end)}
    spans += [Span(0, c, 2, 1) for c, cell in enumerate(top)
              if cell and not second[c] and c not in grouped]
    return sorted(spans, key=lambda s: (s.row, s.col))


def _column_groups(top: list[str], second: list[str]) -> list[tuple[int, int]]:
    groups = []
    for c, cell in enumerate(top):
        if not cell:
            continue
        end = c + 1
        while end < len(top) and not top[end]:
            end += 1
        if end - c > 1 and all(second[k] for k in range(c, end)):
            groups.append((c, end))
    return groups
