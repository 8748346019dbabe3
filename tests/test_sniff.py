from __future__ import annotations

import pytest

from gongmun.extract.errors import EmptyInput, UnreadableInput
from gongmun.extract.sniff import sniff

CARD_LINE = "공 약 명\t데이터산업 수도 육성\t관리번호\t2-14-2\n"


def test_utf8_ocr_markdown_is_ocr_text() -> None:
    found = sniff(("# 도지사 공약사업 관리카드\n\n" + CARD_LINE).encode())
    assert (found.format, found.encoding) == ("ocr_text", "utf-8")


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_korean_legacy_encodings_are_detected_and_decoded(codec: str) -> None:
    text = "강원특별자치도는 올해 7월부터 기획해 온 사업을 추진한다고 밝혔다.\n" * 3
    found = sniff(text.encode(codec))
    assert found.text is not None and found.text.strip() == text.strip()
    assert found.encoding == "cp949"  # CP949 is the superset that decodes both


def test_plain_prose_is_text() -> None:
    assert sniff("최선경 기자 / 기사승인 : 2025-12-08\n본문입니다.".encode()).format == "text"


def test_html_by_content_not_name() -> None:
    page = b"<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>"
    assert sniff(page).format == "html"


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        sniff(data)


def test_binary_garbage_is_unreadable() -> None:
    with pytest.raises(UnreadableInput):
        sniff(bytes(range(256)) * 8)


def test_pdf_and_images_by_magic() -> None:
    assert sniff(b"%PDF-1.7\n...").format == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n....").format == "image"


def test_nul_bytes_are_binary_even_in_a_short_file() -> None:
    with pytest.raises(UnreadableInput):
        sniff(b"\x81\x82\x00\x83")


def test_utf16_text_with_its_bom_is_decoded() -> None:
    found = sniff("관리번호 2-14-2\n본문".encode("utf-16"))
    assert (found.encoding, found.text) == ("utf-16", "관리번호 2-14-2\n본문")


def test_bytes_that_only_look_like_utf16_are_binary() -> None:
    with pytest.raises(UnreadableInput):
        sniff(b"\xff\xfe\x00\x81\x82\xff")
