"""Spaces in a PDF text layer whose producer writes them (HWP's export): a line broken inside
a word joins its next line without a space, and a word split by a change of font size is one
word. Words built by hand, with the geometry of the real 보도자료 in shared/real."""

from __future__ import annotations

from gongmun.extract.model import Source
from gongmun.extract.pdf import RawPage, Word, assemble

SOURCE = Source(path="x.pdf", sha256="0", format="pdf", size_bytes=0)
SIZE = 14.0
RIGHT = 539.0  # the right text edge


def _line(top: float, texts: list[str], x0: float = 60.0, *, end: float | None = None,
          space_after: bool | None = True) -> list[Word]:
    """Words of one line, 14 pt, set one after another with a 4 pt space; the last word
    ends at `end` when given."""
    words, x = [], x0
    for i, text in enumerate(texts):
        width = SIZE * len(text)
        last = i == len(texts) - 1
        if last and end is not None:
            x = end - width
        spaced = space_after if last else True
        words.append(Word(text, x, top, x + width, top + SIZE, SIZE, spaced))
        x += width + 4
    return words


def _text(*lines: list[Word]) -> list[str]:
    page = RawPage(1, 595.0, 842.0, [w for line in lines for w in line], [])
    return [b.text for b in assemble(SOURCE, [page]).blocks]


def test_line_broken_inside_a_word_joins_without_a_space() -> None:
    lines = (_line(100, ["정부혁신", "추진전략을"], end=RIGHT),  # broken between words
             _line(118, ["발표하는", "국민주권"], end=RIGHT, space_after=False),
             _line(136, ["정부의", "청사진이다."]))
    assert _text(*lines) == ["정부혁신 추진전략을 발표하는 국민주권정부의 청사진이다."]


def test_unknown_spaces_keep_the_space() -> None:
    """OCR'd words do not say whether a space was written: the line is joined as before."""
    lines = (_line(100, ["정부혁신", "추진전략을"], end=RIGHT, space_after=None),
             _line(118, ["발표하는", "국민주권"], end=RIGHT, space_after=None),
             _line(136, ["정부의", "청사진이다."]))
    assert _text(*lines) == ["정부혁신 추진전략을 발표하는 국민주권 정부의 청사진이다."]


def test_a_producer_that_writes_no_spaces_keeps_the_space() -> None:
    lines = (_line(100, ["발표하는", "국민주권"], end=RIGHT, space_after=False),
             _line(118, ["정부의", "청사진이다."], space_after=False))
    assert _text(*lines) == ["발표하는 국민주권 정부의 청사진이다."]


def test_a_line_that_stops_short_keeps_the_space() -> None:
    """No space after a paragraph's last line either: only a line flush with the right
    edge broke inside a word."""
    lines = (_line(100, ["정부혁신", "추진전략을"], end=RIGHT),
             _line(118, ["발표하는", "국민주권"], end=RIGHT - SIZE, space_after=False),
             _line(136, ["정부의", "청사진이다."]))
    assert _text(*lines) == ["정부혁신 추진전략을 발표하는 국민주권 정부의 청사진이다."]


def test_touching_words_without_a_space_are_one_word() -> None:
    """`2분기` 14 pt and `(4~6월)` 12 pt: pdfplumber splits them at the change of size."""
    split = [Word("2분기", 123.3, 230.7, 159.6, 244.7, 14.0, False),
             Word("(4~6월)", 159.6, 232.4, 204.0, 244.4, 12.0, True),
             Word("해외직접투자액은", 208.0, 230.7, 320.0, 244.7, 14.0, True)]
    assert _text(split) == ["2분기(4~6월) 해외직접투자액은"]
    apart = [Word("2분기", 123.3, 230.7, 159.6, 244.7, 14.0, False),
             Word("(4~6월)", 163.6, 232.4, 208.0, 244.4, 12.0, True)]
    assert _text(apart) == ["2분기 (4~6월)"]  # a gap drawn is a space
