"""Scans: the pieces without OCR (text-layer checks, skew, rules, spacing) and small OCR runs.

The whole-card scans are scored in `test_scan_samples.py` (against the generator's truth).
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from gongmun.extract import read_document
from gongmun.extract.errors import UnsupportedFormat
from gongmun.extract.ocr import OcrWord, engine_available
from gongmun.extract.scan import (
    blank_run,
    estimate_skew,
    find_rules,
    otsu_threshold,
    tables_from_edges,
    text_layer_problem,
    using_ocr_mode,
)
from gongmun.schemas.card import split_subtitle

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
needs_engine = pytest.mark.skipif(not engine_available("kor"),
                                  reason="Tesseract with Korean is not installed")

KOREAN = ("스마트농업 혁신지구 조성 사업은 노지와 시설 스마트농업을 실증하고 청년농업인의 정착 "
          "기반을 마련하기 위하여 추진되었으며 올해 실증단지 준공을 목표로 한다")


# --- is a text layer usable? ------------------------------------------------------------------


def test_real_korean_text_is_usable() -> None:
    assert text_layer_problem(list(KOREAN), n_curves=0) is None


def test_number_heavy_page_with_some_hangul_is_usable() -> None:
    chars = list("1,234 5,678 9,012 △0.3 +4.5 " * 20) + list("합계 소계 은행 국비 도비")
    assert text_layer_problem(chars, n_curves=5000) is None


@pytest.mark.parametrize(("chars", "curves", "reason"), [
    ([], 0, "no text layer"),
    (["(cid:12)"] * 40 + list("가나다"), 0, "(cid:N)"),
    (["\ue000"] * 40 + list("가나다"), 0, "private-use"),
    (list("2025. 8. 13.( ) 15:00 ( ) +2.2 (+6.5 ) DSR"), 800, "outlines"),
])
def test_unusable_text_layers(chars: list[str], curves: int, reason: str) -> None:
    problem = text_layer_problem(chars, curves)
    assert problem is not None and reason in problem


def test_glyph_ids_read_as_symbols_are_unusable() -> None:
    chars = list("(①%'(①),-.0123(①45①78%'/),9:<>~・>《》※○3(□①012②①가(①간감개건결계3(공과관")
    problem = text_layer_problem(chars, 0)
    assert problem is not None and "symbols" in problem


def test_random_syllables_are_implausible_hangul() -> None:
    rng = random.Random(7)
    garbage = [chr(0xAC00 + rng.randrange(11172)) for _ in range(300)]
    problem = text_layer_problem(garbage, 0)
    assert problem is not None and "implausible Hangul" in problem


def test_rare_syllables_without_final_consonants_are_implausible_hangul() -> None:
    from gongmun.extract.decipher import is_common_syllable

    assert is_common_syllable("월") and not is_common_syllable("똠")  # 똠 is not in KS X 1001
    # Only the common-syllable rule can tell these: none has a final consonant.
    open_rare = [chr(0xAC00 + 28 * k) for k in range(399)
                 if not is_common_syllable(chr(0xAC00 + 28 * k))]
    rng = random.Random(7)
    problem = text_layer_problem([rng.choice(open_rare) for _ in range(300)], 0)
    assert problem is not None and "common ones" in problem


def test_english_page_without_outlines_is_left_alone() -> None:
    # Few Hangul alone is no reason: only with glyph outlines or unmapped characters.
    assert text_layer_problem(list("Annual report of the provincial office " * 5), 3) is None


# --- image geometry ---------------------------------------------------------------------------


def text_image(angle: float = 0.0) -> Image.Image:
    image = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(NANUM, 32)
    for i in range(12):
        draw.text((60, 60 + i * 60), KOREAN[i * 5: i * 5 + 30], font=font, fill=0)
    return image.rotate(angle, fillcolor=255, resample=Image.Resampling.BICUBIC)


def test_otsu_threshold_splits_ink_from_paper() -> None:
    grey = np.asarray(text_image())
    assert 60 < otsu_threshold(grey) < 200


@pytest.mark.parametrize("angle", [0.0, 1.5, -2.2])
def test_skew_estimate_undoes_the_rotation(angle: float) -> None:
    grey = np.asarray(text_image(angle))
    assert estimate_skew(grey < 128) == pytest.approx(-angle, abs=0.15)


def grid_image() -> Image.Image:
    """A 3 x 2 ruled table, 300 px columns and 80 px rows, lines 3 px thick."""
    image = Image.new("L", (1000, 400), 255)
    draw = ImageDraw.Draw(image)
    for x in (50, 350, 650, 950):
        draw.line([(x, 50), (x, 210)], fill=0, width=3)
    for y in (50, 130, 210):
        draw.line([(50, y), (950, y)], fill=0, width=3)
    draw.text((80, 70), "구분", font=ImageFont.truetype(NANUM, 30), fill=0)
    return image


def test_rules_found_and_turned_into_cells() -> None:
    ink = np.asarray(grid_image()) < 128
    scale = 72 / 300
    h_mask, h_edges = find_rules(ink, 100, scale, "h")
    v_mask, v_edges = find_rules(ink.T, 60, scale, "v")
    tables = tables_from_edges(h_edges + v_edges)
    assert len(tables) == 1
    assert len(tables[0].cells) == 6
    x0, top, x1, bottom = tables[0].bbox
    assert (x0, top) == pytest.approx((50 * scale, 50 * scale), abs=1.5)
    assert (x1, bottom) == pytest.approx((950 * scale, 210 * scale), abs=1.5)
    # the text is not a rule and is not erased
    assert not h_mask[60:110, 80:200].any() and not v_mask.T[60:110, 80:200].any()


def test_blank_run_measures_the_gap_between_words() -> None:
    ink = np.zeros((40, 200), dtype=bool)
    ink[5:35, 10:50] = True   # word 1
    ink[5:35, 56:90] = True   # syllable gap 6 px
    ink[5:35, 120:160] = True  # space 30 px
    assert blank_run(ink, (10, 5, 50, 35), (56, 5, 90, 35), 5, 35) == 6
    assert blank_run(ink, (56, 5, 90, 35), (120, 5, 160, 35), 5, 35) == 30


# --- sub-title in the pledge name's cell ------------------------------------------------------


def test_subtitle_on_its_own_line_is_split_off() -> None:
    assert split_subtitle("스마트농업 혁신지구 조성\n(청년농업인 창업 지원)", []) == (
        "스마트농업 혁신지구 조성", ["(청년농업인 창업 지원)"])
    assert split_subtitle("도로 (국도 7호선) 확장", []) == ("도로 (국도 7호선) 확장", [])
    assert split_subtitle("A\n(b)", ["(c)"]) == ("A\n(b)", ["(c)"])


# --- small OCR runs ---------------------------------------------------------------------------


def table_scan() -> bytes:
    """A 300 dpi PNG: a heading line and a ruled 2 x 3 table of Korean words and numbers."""
    image = Image.new("L", (1300, 500), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(NANUM, 40)
    draw.text((60, 30), "재원투자 실적 및 계획", font=font, fill=0)
    for x in (50, 450, 850, 1250):
        draw.line([(x, 150), (x, 400)], fill=0, width=3)
    for y in (150, 275, 400):
        draw.line([(50, y), (1250, y)], fill=0, width=3)
    for row, cells in enumerate([("구분", "국비", "도비"), ("총사업비", "6,000", "3,600")]):
        for col, text in enumerate(cells):
            draw.text((90 + col * 400, 190 + row * 125), text, font=font, fill=0)
    out = io.BytesIO()
    image.rotate(0.7, fillcolor=255, resample=Image.Resampling.BICUBIC).save(
        out, format="PNG", dpi=(300, 300))
    return out.getvalue()


@needs_engine
def test_scanned_table_is_read_into_cells_and_marked_ocr() -> None:
    doc = read_document(table_scan(), "table.png")
    assert doc.source.format == "image" and doc.source.ocr_pages == (1,)
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert rows[0] == ["구분", "국비", "도비"] and len(rows) == 2 and len(rows[1]) == 3
    # cell structure exact; the text as OCR reads it (the corrector's business)
    assert "사업" in rows[1][0] and [re.sub(r"\D", "", c) for c in rows[1][1:]] == ["6000",
                                                                                  "3600"]
    assert doc.tables[0].ocr and all(b.ocr for b in doc.blocks)
    assert any("재원투자" in b.text.replace(" ", "") for b in doc.blocks if b.type != "table")
    # 300 dpi pixels -> points: the table's left rule at x = 50 px is ~12 pt
    assert doc.tables[0].bbox is not None and doc.tables[0].bbox[0] == pytest.approx(12, abs=2)


def test_image_under_ocr_never_is_a_clear_error() -> None:
    with using_ocr_mode("never"), pytest.raises(UnsupportedFormat, match="--ocr never"):
        read_document(table_scan(), "table.png")


@needs_engine
def test_blank_image_is_a_clear_error() -> None:
    out = io.BytesIO()
    Image.new("L", (300, 300), 255).save(out, format="PNG")
    with pytest.raises(Exception, match="OCR found no text"):
        read_document(out.getvalue(), "blank.png")


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError), using_ocr_mode("sometimes"):  # type: ignore[arg-type]
        pass


def test_low_confidence_words_name_their_cell() -> None:
    from gongmun.extract.model import Document, Source, Table
    from gongmun.extract.pdf import RawPage, Word
    from gongmun.extract.scan import ScanPage, scan_notes

    table = Table("t1", [["계", "12,000"], ["국비", "6.000"]], page=1, bbox=(0, 0, 100, 40))
    doc = Document(Source("x.png", "0", "image", 1), tables=[table])
    word = Word("6.000", 60, 25, 90, 35, 9)
    page = ScanPage(RawPage(1, 100, 100, [word], []), [(word, 41.0)], 0.0)
    notes = scan_notes(doc, [page])
    cell_notes = [n for n in notes if n.code == "ocr_low_confidence_cell"]
    assert len(cell_notes) == 1 and "table t1 row 2 column 2" in cell_notes[0].message
    assert "'6.000' (41)" in cell_notes[0].message


def test_words_of_one_line_keep_their_order() -> None:
    from gongmun.extract.scan import respace

    ink = np.zeros((60, 400), dtype=bool)
    ink[10:40, 10:40] = ink[10:40, 44:74] = True   # "스", "마": one word
    ink[10:40, 120:150] = True                       # "팜": after a space
    words = [OcrWord("팜", (120, 12, 150, 40), 90, (1, 1, 1)),
             OcrWord("스", (10, 10, 40, 40), 90, (1, 1, 1)),
             OcrWord("마", (44, 8, 74, 40), 90, (1, 1, 1))]
    out = respace(words, ink)
    assert [w.text for w in out] == ["스마", "팜"]
    assert len({w.bbox[1] for w in out}) == 1


@pytest.mark.slow
def test_cli_ocr_never_refuses_an_image_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "scan.png").write_bytes(table_scan())
    result = subprocess.run(
        [sys.executable, "-m", "gongmun.cli", "extract", "--ocr", "never", "scan.png"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "error: scan.png: an image needs OCR, and --ocr never was given"


def test_batch_passes_the_ocr_mode_to_its_workers(tmp_path: Path) -> None:
    from gongmun.batch import Task, process_task

    path = tmp_path / "scan.png"
    path.write_bytes(table_scan())
    outcome = process_task(Task(rel="scan.png", path=str(path)), ocr="never")
    assert not outcome.ok and "--ocr never" in (outcome.error or "")


def test_pages_ocr_concurrently_in_order_and_in_the_callers_context(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time as _time

    from gongmun.extract import scan

    def fake_page(image: object, number: int, dpi: float) -> tuple[int, str]:
        _time.sleep(0.05 * (4 - number))  # later pages finish first
        return number, scan.ocr_mode()

    monkeypatch.setattr(scan, "ocr_page", fake_page)
    monkeypatch.setenv(scan.OCR_THREADS_ENV, "3")
    with scan.using_ocr_mode("always"):
        got = scan.ocr_pages([(None, n, 300.0) for n in (1, 2, 3)])  # type: ignore[misc]
    assert got == [(1, "always"), (2, "always"), (3, "always")]
    monkeypatch.setenv(scan.OCR_THREADS_ENV, "1")
    assert scan.ocr_threads(5) == 1
