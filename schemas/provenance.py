"""Where each value of a record was read, for reviewers and archivists."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongmun.extract.model import BBox, Block, Document, Table

from .models import Provenance


def _bbox(bbox: BBox | None) -> list[float] | None:
    return [round(v, 2) for v in bbox] if bbox is not None else None


@dataclass
class SourceMap:
    """Turns blocks and cells of one Document into `Provenance`, and collects it by field."""

    doc: Document
    fields: dict[str, Provenance] = field(default_factory=dict)
    _index: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Blocks are plain dataclasses: look them up by identity, not by (equal) value.
        self._index = {id(b): i for i, b in enumerate(self.doc.blocks)}

    def block(self, block: Block) -> Provenance:
        return Provenance(block=self._index.get(id(block)), page=block.page, line=block.line,
                          bbox=_bbox(block.bbox))

    def cell(self, table: Table, row: int, col: int) -> Provenance:
        line = table.row_lines[row] if row < len(table.row_lines) else None
        return Provenance(table=table.id, row=row, col=col, page=table.page, line=line,
                          bbox=_bbox(table.bbox))

    def table(self, table: Table) -> Provenance:
        return Provenance(table=table.id, page=table.page, line=table.line,
                          bbox=_bbox(table.bbox))

    def note(self, name: str, where: Provenance) -> None:
        """Record where `name` was read; the first place wins (a list's first item)."""
        self.fields.setdefault(name, where)
