"""The PDF reader hands each page to OCR as soon as its text layer is read, so Tesseract
works while the next page is parsed, and the record is the one OCR'ing afterwards gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongmun.extract import pdf
from gongmun.extract.scan import PdfPageOcr

REPO = Path(__file__).resolve().parents[1]
TWO_PAGE_PDF = REPO / "samples" / "cards" / "card_smart_farm.pdf"


def test_each_page_is_handed_on_before_the_next_is_read(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    events: list[str] = []
    load_page = pdf._load_page

    def logged(page: object) -> pdf.RawPage:
        events.append("read")
        return load_page(page)

    monkeypatch.setattr(pdf, "_load_page", logged)
    pages, _ = pdf.load_pages(TWO_PAGE_PDF.read_bytes(),
                              on_page=lambda page: events.append(f"page {page.number}"))
    assert len(pages) >= 2
    assert events == [e for n in range(1, len(pages) + 1) for e in ("read", f"page {n}")]


def test_background_ocr_results_come_in_page_order(monkeypatch: pytest.MonkeyPatch) -> None:
    from gongmun.extract import scan

    monkeypatch.setattr(scan, "render_pdf_pages", lambda data, numbers, dpi: {numbers[0]: None})
    monkeypatch.setattr(scan, "ocr_page", lambda image, number, dpi, cells_apart=True: number)
    background = PdfPageOcr(b"")
    for number in (3, 1, 2):
        background.submit(number)
    try:
        assert background.results() == [1, 2, 3]
    finally:
        background.close()
