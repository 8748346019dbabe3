"""Outline glyphs read consistently: OCR words aligned with the filled paths under them, and
every path shape read as most of its occurrences were (`extract.glyphs`)."""

from __future__ import annotations

import pytest

from gongmun.extract.glyphs import Glyph, consistent_readings, outline_glyphs
from gongmun.extract.pdf import Word

WOL = ((0.0, 0.0, 0), (4.0, 0.0, 1), (4.0, 9.0, 1))  # one syllable's outline
JUNG = ((0.0, 0.0, 0), (3.0, 0.0, 1), (3.0, 9.0, 1), (0.0, 9.0, 1))
HEIGHT = 10.0


def glyph(x: float, shape: tuple[tuple[float, float, int], ...], top: float = 0.0) -> Glyph:
    return Glyph(x, top + 0.5, x + 8.0, top + 9.5, shape)


def word(text: str, x0: float, x1: float, top: float = 0.0) -> Word:
    return Word(text, x0, top, x1, top + HEIGHT, HEIGHT)


def test_a_shape_takes_the_reading_most_of_its_occurrences_got() -> None:
    # 7월 / 6윌 / 5월 / 월중: the second 월 was misread; the shape is one, so is its reading.
    words = [word("7월", 0, 20), word("6윌", 30, 50), word("5월", 60, 80), word("월중", 90, 110)]
    glyphs = [glyph(10, WOL), glyph(40, WOL), glyph(70, WOL), glyph(90, WOL),
              glyph(100, JUNG)]
    out, changed = consistent_readings({1: words}, {1: glyphs})
    assert [w.text for w in out[1]] == ["7월", "6월", "5월", "월중"]
    assert changed == 1
    assert out[1][1].x0 == 30 and out[1][0] is words[0]  # geometry kept, others untouched


def test_a_tie_or_a_lone_reading_changes_nothing() -> None:
    words = [word("월", 0, 10), word("윌", 30, 40)]
    out, changed = consistent_readings({1: words}, {1: [glyph(1, WOL), glyph(31, WOL)]})
    assert changed == 0 and [w.text for w in out[1]] == ["월", "윌"]


def test_word_that_lost_a_letter_is_rebuilt_from_glyphs_and_the_text_layer() -> None:
    # OCR read `중` alone where the page draws 월 and 중, with `+2.2` in the text layer.
    words = [word("월", 0, 10), word("월중", 20, 40), word("+2.2중", 50, 100)]
    glyphs = [glyph(1, WOL), glyph(21, WOL), glyph(31, JUNG), glyph(70, WOL), glyph(80, JUNG)]
    text_layer = {1: [word("+2.2", 51, 68)]}
    out, _ = consistent_readings({1: words}, {1: glyphs}, text_layer)
    assert out[1][2].text == "+2.2월중"


def test_word_with_an_unread_glyph_is_left_as_read() -> None:
    other = ((0.0, 0.0, 0), (1.0, 1.0, 1), (2.0, 0.0, 1))  # a shape no word was aligned with
    words = [word("월", 0, 10), word("월", 20, 30), word("중", 40, 60)]
    glyphs = [glyph(1, WOL), glyph(21, WOL), glyph(41, other), glyph(51, JUNG)]
    out, changed = consistent_readings({1: words}, {1: glyphs})
    assert changed == 0 and out[1][2].text == "중"


def test_rules_and_frames_under_a_word_are_not_its_glyphs() -> None:
    frame = Glyph(-5, -5, 200, 30, WOL)  # a box around the line, same path data by chance
    words = [word("월", 0, 10), word("윌", 20, 30), word("월", 40, 50)]
    out, _ = consistent_readings({1: words}, {1: [glyph(1, WOL), glyph(21, WOL),
                                                  glyph(41, WOL), frame]})
    assert [w.text for w in out[1]] == ["월", "월", "월"]


def test_pdf_without_outline_text_has_no_glyph_paths_on_its_text() -> None:
    from pathlib import Path

    card = Path(__file__).resolve().parents[1] / "samples" / "cards" / "card_smart_farm.pdf"
    found = outline_glyphs(card.read_bytes(), [1])
    assert len(found[1]) < 50  # bullets and marks at most, not one path per syllable


def test_votes_come_from_the_finer_words_when_given() -> None:
    # The joined word `7윌6윌` pairs with its glyphs; the votes come from Tesseract's words.
    joined = [word("7윌6윌", 0, 40)]
    finer = {1: [word("7월", 0, 15), word("6월", 20, 40)]}
    glyphs = [glyph(8, WOL), glyph(30, WOL)]
    out, changed = consistent_readings({1: joined}, {1: glyphs}, voters=finer)
    assert out[1][0].text == "7월6월" and changed == 1


def test_a_page_with_more_paths_than_any_text_is_not_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    import gongmun.extract.glyphs as glyphs_module

    card = Path(__file__).resolve().parents[1] / "samples" / "cards" / "card_smart_farm.pdf"
    assert outline_glyphs(card.read_bytes(), [1])[1]
    monkeypatch.setattr(glyphs_module, "MAX_GLYPHS_PER_PAGE", 1)
    assert outline_glyphs(card.read_bytes(), [1])[1] == []


def test_one_outline_at_two_sizes_is_one_shape() -> None:
    from fpdf import FPDF

    def draw(pdf: FPDF, x: float, y: float, size: float, notch: float) -> None:
        with pdf.new_path() as path:
            path.style.fill_color = "#000000"
            path.style.stroke_color = None
            path.move_to(x, y)
            for dx, dy in ((size, 0), (size, size), (notch * size, size), (0, 0.5 * size)):
                path.line_to(x + dx, y + dy)
            path.close()

    pdf = FPDF(unit="pt", format=(200, 200))
    pdf.add_page()
    draw(pdf, 10, 10, 9.0, 0.3)
    draw(pdf, 40, 10, 13.0, 0.3)
    draw(pdf, 80, 10, 9.0, 0.5)  # another outline: another shape
    found = outline_glyphs(bytes(pdf.output()), [1])[1]
    shapes = [g.shape for g in sorted(found, key=lambda g: g.x0)]
    assert len(shapes) == 3 and shapes[0] == shapes[1] != shapes[2]
