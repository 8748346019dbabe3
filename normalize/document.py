"""The normalization stage over a whole Document: clean every block and cell, then let the
configured correctors fix OCR typos, collecting every change they make."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from gongmun.extract.lines import classify_line
from gongmun.extract.model import Block, BlockType, Document, Table, table_text

from .corrections import Correction, Corrector, Location, TextContext
from .text import clean_text, join_spaced_label


@dataclass
class NormalizedDocument:
    """The Document with clean, corrected text, and every correction made to it."""

    document: Document
    corrections: list[Correction] = field(default_factory=list)
    ocr_corrected: bool = False
    """The correctors ran over some text: only blocks and tables flagged `ocr` (OCR output)
    are corrected; a PDF text layer or HTML gets formatting normalization only."""


def normalize_document(doc: Document, correctors: Sequence[Corrector] = ()) -> NormalizedDocument:
    corrections: list[Correction] = []
    tables = [_normalize_table(t, _for_ocr(t.ocr, correctors), corrections) for t in doc.tables]
    by_id = {t.id: t for t in tables}
    blocks = [
        _table_block(b, by_id) if b.type is BlockType.TABLE
        else _normalize_block(i, b, _for_ocr(b.ocr, correctors), corrections)
        for i, b in enumerate(doc.blocks)
    ]
    corrected = bool(correctors) and (any(b.ocr for b in doc.blocks)
                                      or any(t.ocr for t in doc.tables))
    return NormalizedDocument(replace(doc, blocks=blocks, tables=tables), corrections,
                              corrected)


def _for_ocr(ocr: bool, correctors: Sequence[Corrector]) -> Sequence[Corrector]:
    """OCR correctors apply to OCR output only."""
    return correctors if ocr else ()


def _normalize_block(
    index: int, block: Block, correctors: Sequence[Corrector], out: list[Correction]
) -> Block:
    location: Location = {"block": index, "page": block.page, "line": block.line}
    context = TextContext(location=location, block_type=block.type.value)
    made: list[Correction] = []
    text = apply_correctors(clean_text(block.text), context, correctors, made)
    if block.ocr and block.type is BlockType.PARAGRAPH and made:
        block, made = _marked_after_correction(block, text, made)
        out.extend(made)
        return block
    out.extend(made)
    return block.with_text(text)


def _marked_after_correction(block: Block, text: str, made: list[Correction]
                             ) -> tuple[Block, list[Correction]]:
    """An OCR line the reader took for a paragraph because its marker was misread (`ㅁ 향후계획`)
    is a heading or list item once the corrector has put the marker back (`□ 향후계획`).

    The marker leaves the text, as every reader does with a marker it recognises; the spans
    of the corrections are then counted from the new text's start, and a correction to the
    marker itself says so with `"part": "marker"` (its span counted in the text as it was
    with the marker).
    """
    kind = classify_line(text)
    prefix = len(text) - len(kind.text)
    if kind.type is BlockType.PARAGRAPH or not kind.text or not text.endswith(kind.text):
        return block.with_text(text), made
    moved = [_shifted(fix, prefix) for fix in made]
    return replace(block, type=kind.type, text=kind.text, marker=kind.marker,
                   level=kind.level), moved


def _shifted(fix: Correction, prefix: int) -> Correction:
    start, end = fix.location.get("start"), fix.location.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return fix
    if start < prefix:  # on the marker: its span is counted in the text with the marker
        return replace(fix, location={**fix.location, "part": "marker"})
    return replace(fix, location={**fix.location, "start": start - prefix, "end": end - prefix})


def _table_block(block: Block, tables: dict[str, Table]) -> Block:
    """A table's block shows the table's normalized cells, one row a line, tab-separated."""
    table = tables.get(block.table_id or "")
    if table is None:
        return block.with_text(clean_text(block.text))
    return block.with_text(table_text(table.rows))


def _normalize_table(table: Table, correctors: Sequence[Corrector], out: list[Correction]) -> Table:
    cleaned = [[join_spaced_label(clean_text(cell)) for cell in row] for row in table.rows]
    width = max((len(row) for row in cleaned), default=0)
    columns = [tuple(row[c] for row in cleaned if c < len(row)) for c in range(width)]
    rows: list[list[str]] = []
    for r, row in enumerate(cleaned):
        new_row = []
        row_values = tuple(row)
        for c, cell in enumerate(row):
            location: Location = {
                "table": table.id,
                "row": r,
                "col": c,
                "page": table.page,
                "line": table.row_lines[r] if r < len(table.row_lines) else None,
            }
            context = TextContext(
                location=location,
                block_type="table_cell",
                column_header=cleaned[0][c] if c < len(cleaned[0]) else None,
                row_label=row[0] if row else None,
                column_values=columns[c],
                row_values=row_values,
            )
            new_row.append(apply_correctors(cell, context, correctors, out))
        rows.append(new_row)
    title = clean_text(table.title) if table.title else None
    unit = clean_text(table.unit) if table.unit else None
    return replace(table, rows=rows, title=title, unit=unit)


def apply_correctors(
    text: str, context: TextContext, correctors: Sequence[Corrector], out: list[Correction]
) -> str:
    """Run the correctors over one text in order, appending their corrections to `out`."""
    for corrector in correctors:
        if not text:
            break
        text, made = corrector(text, context)
        out.extend(made)
    return text
