"""The document-kind classifier on OCR'd text of real 보도자료 (tests/data/ocr_releases: the
first page, and for the household-loans release its contact page, of the PDFs in
shared/real/press_release as Tesseract read them; the household-loans PDF draws its Hangul
as outlines, so OCR is its only text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongmun.extract.model import Block, BlockType, Document, Source
from gongmun.schemas.classify import classify

DATA = Path(__file__).parent / "data" / "ocr_releases"
RELEASES = sorted(p.name for p in DATA.glob("*.txt"))
_EXACT_HEADER = re.compile(r"보\s*도\s*(?:참\s*고\s*)?자\s*료")


def _doc(lines: list[str], ocr: bool = True) -> Document:
    source = Source(path="x.pdf", sha256="0", format="pdf", size_bytes=0)
    return Document(source, [Block(BlockType.PARAGRAPH, line, page=1, ocr=ocr)
                             for line in lines if line.strip()])


def _lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def test_there_are_ocr_releases() -> None:
    assert len(RELEASES) >= 3


@pytest.mark.parametrize("name", RELEASES)
def test_ocr_text_of_a_release_is_a_press_release(name: str) -> None:
    assert classify(_doc(_lines(name))).doc_type == "press_release"


@pytest.mark.parametrize("name", RELEASES)
def test_a_release_whose_header_ocr_missed_is_still_one(name: str) -> None:
    """Without any line that reads 보도자료 exactly: the header's other labels, read one
    syllable off or not, and the contact table still tell."""
    lines = [line for line in _lines(name) if not _EXACT_HEADER.search(line)]
    assert classify(_doc(lines)).doc_type == "press_release"


def test_misread_labels_count_only_in_ocr_text() -> None:
    lines = ["보도시접 2025. 8. 13.(수) 15:00", "과 장 권유이 (02-2100-2830)",
             "사무관 윤덕기 (02-2100-1690)"]
    assert classify(_doc(lines, ocr=True)).doc_type == "press_release"
    # A born-digital text layer is not misread: the same words are no header there.
    assert classify(_doc(lines, ocr=False)).doc_type == "unknown"


def test_phone_numbers_without_titles_are_no_contact_table() -> None:
    lines = ["문의 02-2100-2830", "팩스 02-2100-1690", "안내 044-215-2750"]
    assert classify(_doc(lines)).doc_type == "unknown"


def test_a_contact_table_alone_is_not_enough() -> None:
    lines = ["과 장 권유이 (02-2100-2830)", "사무관 윤덕기 (02-2100-1690)"]
    assert classify(_doc(lines)).doc_type == "unknown"
