"""A page turned by its /Rotate entry alone (the content drawn upright, the viewer turns it)
reads like the upright page: pdfminer applies /Rotate to every glyph's matrix, and the reader
turns the text back (`pdf.page_turn`). The rotated-table sample covers a text matrix turn."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gongmun.extract import read_document
from gongmun.extract.pdf import page_turn

CARD = Path(__file__).resolve().parents[1] / "samples" / "cards" / "card_smart_farm.pdf"


def with_rotate(data: bytes, degrees: int) -> bytes:
    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            pdf[index].set_rotation(degrees)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()
    finally:
        pdf.close()


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_page_turned_by_rotate_alone_reads_like_the_upright_page(degrees: int) -> None:
    upright = read_document(CARD.read_bytes(), str(CARD))
    turned = read_document(with_rotate(CARD.read_bytes(), degrees), "turned.pdf")
    assert [b.text for b in turned.blocks] == [b.text for b in upright.blocks]
    assert [t.rows for t in turned.tables] == [t.rows for t in upright.tables]
    assert any(r and r[0].replace(" ", "") == "국비" for t in turned.tables for r in t.rows)


def test_upside_down_glyphs_are_a_half_turn() -> None:
    upside_down = [{"matrix": (-9.0, 0.0, 0.0, -9.0, 0.0, 0.0)}] * 3
    assert page_turn(upside_down) == 180
    assert page_turn([{"matrix": (9.0, 0.0, 0.0, 9.0, 0.0, 0.0)}] * 3) == 0
