"""Pages whose Hangul is drawn as outlines are told and read by pdfium, not parsed by
pdfminer (`extract.outline_pages`); every other page is left to pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pytest
from real_files import shared_real

from gongmun.extract import pdf
from gongmun.extract.outline_pages import outline_pages

REPO = Path(__file__).resolve().parents[1]
HOUSEHOLD_LOANS = "(250813) (보도자료) 2025년 7월중 가계대출 동향-hwp-2022.pdf"


def outlined_pdf(glyphs: int, pages: int = 1) -> bytes:
    """One page: `glyphs` small filled paths in rows (syllables drawn as outlines) and a
    text layer holding only figures, as an HWP export with outline Hangul writes it."""
    from fpdf import FPDF

    doc = FPDF(unit="pt", format=(400, 400))
    for _ in range(pages):
        _outlined_page(doc, glyphs)
    return bytes(doc.output())


def _outlined_page(doc: object, glyphs: int) -> None:
    from fpdf import FPDF

    assert isinstance(doc, FPDF)
    doc.add_page()
    for i in range(glyphs):
        x, y = 20 + (i % 30) * 12, 60 + (i // 30) * 14
        with doc.new_path() as path:
            path.style.fill_color = "#000000"
            path.style.stroke_color = None
            path.move_to(x, y)
            for dx, dy in ((9, 0), (9, 9), (3, 9), (0, 4)):
                path.line_to(x + dx, y + dy)
            path.close()
    doc.set_font("helvetica", size=10)
    doc.text(20, 30, "2025 7.2")


def test_a_page_of_outline_glyphs_is_read_by_pdfium_with_its_figures() -> None:
    found = outline_pages(outlined_pdf(200))
    page = found[1]
    assert [w.text for w in page.words] == ["2025", "7.2"]
    assert page.text_problem is not None and "drawn as outlines" in page.text_problem
    assert page.tables == []
    first = page.words[0]
    assert 15 < first.x0 < first.x1 < 60 and 15 < first.top < first.bottom < 35


def test_figures_without_outline_glyphs_are_left_to_pdfplumber() -> None:
    # A page of figures alone is no outline page: too few glyph paths for its text.
    assert outline_pages(outlined_pdf(2)) == {}


def test_a_card_with_a_hangul_text_layer_has_no_outline_page() -> None:
    card = REPO / "samples" / "cards" / "card_smart_farm.pdf"
    assert outline_pages(card.read_bytes()) == {}


def test_load_pages_takes_outline_pages_after_the_first_from_pdfium_when_asked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = outlined_pdf(200, pages=3)
    slow, _ = pdf.load_pages(data)
    parsed: list[int] = []
    load_page = pdf._load_page

    def counted(page: object) -> pdf.RawPage:
        raw = load_page(page)
        parsed.append(raw.number)
        return raw

    monkeypatch.setattr(pdf, "_load_page", counted)
    fast, _ = pdf.load_pages(data, outlines_by_pdfium=True)
    # The first page tells (pdfium opens only a file whose first page is outlines).
    assert parsed == [1]
    assert [[w.text for w in p.words] for p in fast] == [[w.text for w in p.words] for p in slow]
    assert all(p.text_problem is not None for p in fast)
    parsed.clear()
    pdf.load_pages(data)
    assert parsed == [1, 2, 3]


def _real() -> Path | None:
    return shared_real(f"press_release/{HOUSEHOLD_LOANS}")


@pytest.mark.slow
@pytest.mark.skipif(_real() is None, reason="shared/real not beside the repository")
def test_the_real_outline_release_pages_agree_with_pdfplumber_on_their_text_layer() -> None:
    path = _real()
    assert path is not None
    data = path.read_bytes()
    found = outline_pages(data)
    assert sorted(found) == [1, 2, 3, 4, 5]
    slow, _ = pdf.load_pages(data)
    for page in slow:
        assert page.text_problem is not None and "drawn as outlines" in page.text_problem
        ours = {w.text for w in found[page.number].words}
        theirs = {w.text for w in page.words}
        assert len(ours & theirs) >= 0.8 * len(theirs)
