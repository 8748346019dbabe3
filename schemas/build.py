"""A normalized Document -> a Record: classify, run the builder for its kind, validate."""

from __future__ import annotations

from gongmun.extract.model import Block, Document, ExtractNote, Table
from gongmun.normalize import Correction, NormalizedDocument

from .classify import classify
from .models import BlockOut, CorrectionOut, Record, SourceInfo, SpanOut, TableOut, WarningOut


def build_record(normalized: NormalizedDocument, *, pipeline_version: str) -> Record:
    doc = normalized.document
    kind = classify(doc)
    warnings = [_note_warning(n) for n in doc.notes]
    card = press = None
    title = _first_heading(doc)
    if kind.doc_type == "management_card":
        from .card import build_card

        card, card_warnings, card_title = build_card(doc)
        warnings += card_warnings
        title = card_title or title
    elif kind.doc_type == "press_release":
        from .press import build_press

        press, press_warnings = build_press(doc)
        warnings += press_warnings
        title = press.headline or title
    return Record(
        pipeline_version=pipeline_version,
        doc_type=kind.doc_type,
        doc_type_confidence=round(kind.confidence, 3),
        source=_source(doc, normalized.ocr_corrected),
        title=title,
        blocks=[_block(b) for b in doc.blocks],
        tables=[_table(t) for t in doc.tables],
        card=card,
        press=press,
        corrections=[_correction(c) for c in normalized.corrections],
        warnings=warnings,
    )


def _source(doc: Document, ocr_corrected: bool) -> SourceInfo:
    s = doc.source
    return SourceInfo(path=s.path, sha256=s.sha256, format=s.format, pages=s.pages,
                      encoding=s.encoding, size_bytes=s.size_bytes, ocr_corrected=ocr_corrected,
                      ocr_pages=list(s.ocr_pages))


def _block(b: Block) -> BlockOut:
    return BlockOut(type=b.type.value, text=b.text, page=b.page, line=b.line,
                    bbox=_bbox(b.bbox), marker=b.marker, level=b.level, table_id=b.table_id)


def _table(t: Table) -> TableOut:
    return TableOut(
        id=t.id, page=t.page, pages=t.pages, bbox=_bbox(t.bbox), title=t.title, unit=t.unit,
        rows=t.rows,
        spans=[SpanOut(row=s.row, col=s.col, rowspan=s.rowspan, colspan=s.colspan)
               for s in t.spans],
    )


def _bbox(bbox: tuple[float, float, float, float] | None) -> list[float] | None:
    return [round(v, 2) for v in bbox] if bbox is not None else None


def _correction(c: Correction) -> CorrectionOut:
    return CorrectionOut(original=c.original, corrected=c.corrected, rule=c.rule,
                         location=dict(c.location), confidence=round(c.confidence, 3))


def _note_warning(note: ExtractNote) -> WarningOut:
    return WarningOut(code=note.code, message=note.message,
                      location={"page": note.page, "line": note.line})


def _first_heading(doc: Document) -> str | None:
    return next((b.text for b in doc.blocks if b.type.value == "heading" and b.text), None)
