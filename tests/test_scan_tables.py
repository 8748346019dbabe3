"""Tables on scans: cells read apart from each other, and tables found from OCR'd text.

The Tesseract tests draw small tables with Nanum Gothic at 300 dpi (a few seconds each) and
skip cleanly without the engine; the canvas tests need no engine.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from gongmun.extract import read_document
from gongmun.extract.ocr import OcrWord, engine_available
from gongmun.extract.pdf import RawTable
from gongmun.extract.scan import isolate_cells, restore_cells

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
DPI = 300
SCALE = 72 / DPI
needs_engine = pytest.mark.skipif(not engine_available("kor"),
                                  reason="Tesseract with Korean is not installed")


def _pt(*pixels: float) -> tuple[float, ...]:
    return tuple(p * SCALE for p in pixels)


# --- the reading canvas -------------------------------------------------------------------------


def test_cells_are_blanked_on_the_page_and_stacked_below_it() -> None:
    grey = np.full((400, 600), 255, dtype=np.uint8)
    grey[50:70, 40:120] = 0  # ink in the first cell
    grey[60:80, 340:400] = 0  # ink in the second
    grey[300:320, 40:200] = 0  # a paragraph under the table
    cells = [_pt(20, 20, 300, 120), _pt(300, 20, 580, 120), _pt(20, 120, 300, 200)]  # 3rd blank
    table = RawTable(_pt(20, 20, 580, 200), cells)  # type: ignore[arg-type]
    canvas, slots = isolate_cells(grey, [table], SCALE, DPI)
    assert len(slots) == 2  # the blank cell is not read
    assert canvas[:400].shape == grey.shape
    assert (canvas[50:70, 40:120] == 255).all()  # the cell's text left the page...
    assert (canvas[300:320, 40:200] == 0).all()  # ...the paragraph stayed
    first = slots[0]
    assert first.top >= 400 and (canvas[first.top:first.bottom] == 0).any()
    assert slots[1].top > first.bottom  # apart: a gap between any two cells


def test_words_read_on_the_canvas_go_back_to_their_cell() -> None:
    grey = np.full((400, 600), 255, dtype=np.uint8)
    grey[50:70, 40:120] = 0
    table = RawTable(_pt(20, 20, 580, 120), [_pt(20, 20, 300, 120),  # type: ignore[arg-type]
                                             _pt(300, 20, 580, 120)])
    grey[60:80, 340:400] = 0
    _, slots = isolate_cells(grey, [table], SCALE, DPI)
    slot = slots[0]
    on_canvas = OcrWord("추진중", (60, slot.top + 27, 140, slot.top + 47), 90.0,
                        (1, 1, 3))
    on_page = OcrWord("재원투자", (40, 300, 200, 320), 95.0, (1, 1, 3))
    back = restore_cells([on_page, on_canvas], slots, 400)
    assert back[0] == on_page
    x0, top, _, _ = back[1].bbox
    assert 20 <= x0 <= 300 and 20 <= top <= 120  # inside its cell on the page
    assert back[1].line_key != on_page.line_key  # its own line, not the page's third


# --- Tesseract on drawn tables -------------------------------------------------------------------


def _draw(lines: list[tuple[str, int, int]], rules: list[tuple[int, int, int, int]],
          size: tuple[int, int] = (1400, 560)) -> bytes:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(NANUM, 38)  # 9 pt at 300 dpi
    for x0, y0, x1, y1 in rules:
        draw.rectangle((x0, y0, x1, y1), fill=0)
    for text, x, y in lines:
        draw.text((x, y), text, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI))
    return out.getvalue()


@needs_engine
def test_a_cell_centred_beside_a_two_line_cell_keeps_its_text() -> None:
    # Two columns; the body row's left cell holds two lines, the right one a word centred
    # between them: read in place, Tesseract joined it into the left cell's lines.
    left, mid, right, top, head, bottom = 40, 700, 1360, 40, 120, 320
    rules = [(left, y, right, y + 3) for y in (top, head, bottom)]
    rules += [(x, top, x + 3, bottom) for x in (left, mid, right)]
    data = _draw([("주요사업", 80, 60), ("추진상황", 740, 60),
                  ("기본계획 수립 및 부지 선정", 80, 150), ("실증단지 착공 및 준공", 80, 230),
                  ("추진중", 740, 190)], rules, size=(1400, 380))
    doc = read_document(data, "table.png")
    assert len(doc.tables) == 1
    rows = [[c.replace(" ", "") for c in row] for row in doc.tables[0].rows]
    assert rows[0][0].startswith("주요사업") and rows[0][1] == "추진상황"
    assert rows[1][1] == "추진중"
    assert "기본계획" in rows[1][0] and "착공" in rows[1][0] and "추진" not in rows[1][0]


@needs_engine
def test_a_scanned_table_without_rules_is_found_from_its_text() -> None:
    body = [("구 분", 60, 40), ("총사업비", 330, 40), ("기투자", 640, 40), ("2024년", 930, 40),
            ("국 비", 60, 130), ("6,000", 350, 130), ("0", 690, 130), ("1,500", 950, 130),
            ("도 비", 60, 220), ("3,600", 350, 220), ("0", 690, 220), ("1,000", 950, 220),
            ("□ 추진실적", 40, 380)]
    doc = read_document(_draw(body, [], size=(1400, 480)), "unruled.png")
    assert len(doc.tables) == 1
    rows = [[c.replace(" ", "") for c in row] for row in doc.tables[0].rows]
    assert len(rows) == 3 and len(rows[0]) == 4
    assert rows[0][:2] == ["구분", "총사업비"] and rows[1][0] == "국비" and rows[2][0] == "도비"
    assert all("추진실적" not in cell for row in rows for cell in row)


def test_a_ghost_line_over_a_cell_line_is_dropped() -> None:
    from gongmun.extract.scan import ghost_lines

    line = [OcrWord("주요사업", (80, 448, 221, 483), 95.0, (1001, 1, 2))]
    ghost = [OcrWord("즈", (88, 448, 114, 463), 86.0, (1001, 1, 1))]
    below = [OcrWord("추진중", (80, 500, 200, 535), 95.0, (1001, 1, 3))]
    other_cell = [OcrWord("0", (80, 450, 90, 460), 95.0, (2001, 1, 1))]
    keys = ghost_lines({(1001, 1, 1): ghost, (1001, 1, 2): line, (1001, 1, 3): below,
                        (2001, 1, 1): other_cell})
    assert keys == {(1001, 1, 1)}
