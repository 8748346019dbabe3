"""The OCR engine wrapper: Tesseract's TSV parsed into words and lines, on a rendered image."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from gongmun.extract.errors import UnsupportedFormat
from gongmun.extract.ocr import OcrSettings, engine_available, group_lines, ocr_image, parse_tsv

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t10\t5\t30\t20\t91.5\t사업화\n"
    "5\t1\t1\t1\t1\t2\t45\t5\t20\t20\t60.0\t추진\n"
    "5\t1\t1\t1\t2\t1\t10\t30\t40\t20\t-1\t \n"
    "5\t1\t1\t1\t2\t2\t10\t30\t40\t20\t88\t2025\n"
)


def test_parse_tsv_keeps_words_with_text_and_groups_lines() -> None:
    words = parse_tsv(TSV)
    assert [w.text for w in words] == ["사업화", "추진", "2025"]
    assert words[0].bbox == (10.0, 5.0, 40.0, 25.0)
    lines = group_lines(words)
    assert [line.text for line in lines] == ["사업화 추진", "2025"]
    assert lines[0].confidence == 60.0
    assert lines[0].bbox == (10.0, 5.0, 65.0, 25.0)


def test_settings_reject_impossible_values() -> None:
    with pytest.raises(ValueError):
        OcrSettings(page_segmentation=99)
    with pytest.raises(ValueError):
        OcrSettings(dpi=0)


def test_missing_language_is_a_one_line_install_hint() -> None:
    with pytest.raises(UnsupportedFormat, match="apt-get install"):
        ocr_image(Image.new("L", (10, 10), 255), OcrSettings(languages="xxx_nolang"))


@pytest.mark.skipif(not engine_available(), reason="Tesseract with Korean is not installed")
def test_reads_rendered_korean_line() -> None:
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((20, 30), "공약사업 관리카드", font=ImageFont.truetype(NANUM, 48))
    words = ocr_image(image, OcrSettings(dpi=300))
    text = "".join(w.text for w in words)
    assert "관리카드" in text or "공약사업" in text
