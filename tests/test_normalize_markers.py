"""An OCR line whose marker the corrector put back becomes the heading or item it is."""

from __future__ import annotations

from gongmun.extract.model import Block, BlockType, Document, Source
from gongmun.normalize.corrections import Correction, TextContext
from gongmun.normalize.document import normalize_document


def square_for_mieum(text: str, context: TextContext) -> tuple[str, list[Correction]]:
    """A stand-in corrector: `ㅁ` at a line's start is `□`; `시업` is `사업`."""
    made: list[Correction] = []
    if text.startswith("ㅁ "):
        text = "□" + text[1:]
        made.append(Correction("ㅁ", "□", "marker", {**context.location, "start": 0, "end": 1},
                               0.9))
    at = text.find("시업")
    if at >= 0:
        text = text[:at] + "사업" + text[at + 2:]
        made.append(Correction("시업", "사업", "typo",
                               {**context.location, "start": at, "end": at + 2}, 0.9))
    return text, made


def document(*blocks: Block) -> Document:
    return Document(source=Source(path="card.pdf", sha256="0" * 64, format="pdf",
                                  size_bytes=0),
                    blocks=list(blocks))


def test_a_corrected_marker_makes_the_ocr_line_a_heading() -> None:
    line = Block(BlockType.PARAGRAPH, "ㅁ 향후 시업계획", page=1, ocr=True)
    result = normalize_document(document(line), [square_for_mieum])
    (block,) = result.document.blocks
    assert (block.type, block.marker, block.text) == (BlockType.HEADING, "□", "향후 사업계획")
    marker_fix, word_fix = result.corrections
    assert marker_fix.location["part"] == "marker"
    # The word's span is counted in the text without its marker, and still points at it.
    start, end = word_fix.location["start"], word_fix.location["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert block.text[start:end] == "사업"


def test_text_that_was_not_ocr_is_never_retyped() -> None:
    line = Block(BlockType.PARAGRAPH, "ㅁ 향후 시업계획", page=1, ocr=False)
    result = normalize_document(document(line), [square_for_mieum])
    (block,) = result.document.blocks
    assert (block.type, block.text) == (BlockType.PARAGRAPH, "ㅁ 향후 시업계획")


def test_an_uncorrected_ocr_paragraph_keeps_its_type() -> None:
    line = Block(BlockType.PARAGRAPH, "○ 사업기간 : 2023년", page=1, ocr=True)
    (block,) = normalize_document(document(line), [square_for_mieum]).document.blocks
    assert (block.type, block.text) == (BlockType.PARAGRAPH, "○ 사업기간 : 2023년")
