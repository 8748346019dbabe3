"""The PDF reader against the truth the sample cards were generated from.

The expected values come from `samples/make_samples.py` (its `CARDS` and the `*_rows`
functions that say how each table should read back), never from literals here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from real_files import shared_real

from gongmun.extract import read_document
from gongmun.extract.model import BlockType, Document, Source, Span, Table
from gongmun.extract.pdf import (
    PageTable,
    RawPage,
    RawTable,
    Word,
    append_rows,
    assemble,
    build_table,
    cluster_edges,
    group_lines,
)

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "samples" / "make_samples.py"
CARDS_DIR = REPO / "samples" / "cards"
TABLE_ORDER = ("header", "funding", "goals", "communication")


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = load_generator()
CARDS: list[dict[str, Any]] = gen.CARDS
CARD_IDS = [card["file"] for card in CARDS]


def read_pdf(path: Path) -> Document:
    return read_document(path.read_bytes(), str(path))


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {card["file"]: read_pdf(CARDS_DIR / card["file"]) for card in CARDS}


@pytest.fixture(params=CARDS, ids=CARD_IDS)
def card(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def doc(card: dict[str, Any], documents: dict[str, Document]) -> Document:
    return documents[card["file"]]


def table(doc: Document, name: str) -> Table:
    return doc.tables[TABLE_ORDER.index(name)]


def spans(*items: tuple[int, int, int, int]) -> set[Span]:
    return {Span(*item) for item in items}


def squash(text: str) -> str:
    return " ".join(text.split())


def amount(cell: str) -> int:
    return int(cell.replace(",", "")) if cell else 0


# --- tables ----------------------------------------------------------------------------------


def test_every_table_once_in_document_order(doc: Document) -> None:
    assert [t.id for t in doc.tables] == [f"t{i}" for i in range(1, len(TABLE_ORDER) + 1)]
    table_blocks = [b.table_id for b in doc.blocks if b.type is BlockType.TABLE]
    assert table_blocks == [t.id for t in doc.tables]


def test_header_table(card: dict[str, Any], doc: Document) -> None:
    header = table(doc, "header")
    assert header.rows == gen.header_rows(card)
    assert set(header.spans) == spans(*gen.header_spans())
    assert header.title == gen.TITLE


def test_funding_table_rows_and_unit(card: dict[str, Any], doc: Document) -> None:
    funding = table(doc, "funding")
    assert funding.rows == gen.funding_rows(card)
    assert funding.unit == gen.FUNDING_UNIT
    assert funding.title == gen.SECTIONS["funding"]
    assert not any("단위" in b.text for b in doc.blocks if b.type is not BlockType.TABLE)


def test_funding_header_spans(doc: Document) -> None:
    funding = table(doc, "funding")
    n_years = len(gen.FUNDING_COLUMNS)
    # 구분 and 총사업비 over both header rows; 연도별 ... over every year column.
    assert set(funding.spans) == {Span(0, 0, 2, 1), Span(0, 1, 2, 1), Span(0, 2, 1, n_years)}
    assert funding.rows[1][2:] == gen.FUNDING_COLUMNS
    assert funding.n_cols == 2 + n_years


def test_funding_cross_foots(card: dict[str, Any], doc: Document) -> None:
    body = table(doc, "funding").rows[2:]
    total, sources = body[0], body[1:]
    assert len(sources) == len(gen.FUNDING_SOURCES)
    for col in range(1, len(total)):
        assert amount(total[col]) == sum(amount(row[col]) for row in sources)
    for row in body:
        assert amount(row[1]) == sum(amount(cell) for cell in row[2:])
    assert amount(total[1]) == gen.budget(card)["total"]


def test_goals_table_rowspans(card: dict[str, Any], doc: Document) -> None:
    goals = table(doc, "goals")
    assert set(goals.spans) == spans(*gen.goals_spans(card))
    row = 1
    for goal in card["goals"]:
        assert squash(goals.cell(row, 0)) == squash(goal["project"])
        for covered in range(row + 1, row + len(goal["targets"])):
            assert goals.cell(covered, 0) == ""
        row += len(goal["targets"])
    assert len(goals.rows) == row


def test_goals_table_multiline_cells(card: dict[str, Any], doc: Document) -> None:
    goals = table(doc, "goals")
    truth = gen.goals_rows(card)
    assert len(goals.rows) == len(truth)
    for got_row, want_row in zip(goals.rows, truth, strict=True):
        assert [squash(c) for c in got_row] == [squash(c) for c in want_row]
    targets = [t for goal in card["goals"] for t in goal["targets"]]
    for r, target in enumerate(targets, start=1):
        details = goals.cell(r, 3)
        # Each listed detail starts its own line in the cell (a long one may wrap further).
        assert details.count("\n") >= len(target["details"]) - 1
        assert all(line == line.strip() and line for line in details.split("\n"))


def test_table_on_two_pages_is_one_table(card: dict[str, Any], doc: Document) -> None:
    goals = table(doc, "goals")
    assert goals.pages == card["goals_pages"]
    assert goals.page == card["goals_pages"][0]
    # The header row repeated on the second page is not read as a data row.
    assert goals.rows.count(gen.goals_rows(card)[0]) == 1
    assert sum(b.table_id == goals.id for b in doc.blocks) == 1


def test_multi_page_sample_exists() -> None:
    assert any(len(card["goals_pages"]) == 2 for card in CARDS)


def test_communication_table(card: dict[str, Any], doc: Document) -> None:
    communication = table(doc, "communication")
    assert communication.rows == gen.communication_rows(card)
    values = [amount(c) for c in communication.rows[1]]
    assert values[0] == sum(values[1:])


# --- blocks ----------------------------------------------------------------------------------


def test_page_and_bbox_everywhere(doc: Document) -> None:
    assert doc.source.pages is not None and doc.source.pages >= 1
    for item in [*doc.blocks, *doc.tables]:
        assert item.page is not None and 1 <= item.page <= doc.source.pages, item
        assert item.bbox is not None, item
        x0, top, x1, bottom = item.bbox
        assert 0 <= x0 < x1 and 0 <= top < bottom, item


def test_blocks_in_reading_order(card: dict[str, Any], doc: Document) -> None:
    positions = [(b.page, b.bbox[1]) for b in doc.blocks if b.page and b.bbox]
    assert positions == sorted(positions)
    texts = [b.text for b in doc.blocks]
    overview = texts.index(gen.SECTIONS["overview"])
    assert doc.blocks[overview].type is BlockType.HEADING
    assert texts.index(gen.period_line(card)) == overview + 1
    funding_heading = texts.index(gen.SECTIONS["funding"])
    assert doc.blocks[funding_heading + 1].table_id == table(doc, "funding").id


def test_title_is_the_first_block(doc: Document) -> None:
    first = doc.blocks[0]
    assert (first.type, first.text) == (BlockType.HEADING, gen.TITLE)


def test_list_items_keep_marker_and_wrapped_lines_join(card: dict[str, Any],
                                                       doc: Document) -> None:
    items = [b for b in doc.blocks if b.type is BlockType.LIST_ITEM]
    summary = next(b for b in items if b.text.startswith(gen.summary_line(card)[:4]))
    assert summary.text == gen.summary_line(card)
    assert summary.marker == "○"
    plans = [f"{text} : {when}" for _, text, when in card["plans"]]
    assert [b.text for b in items if b.text in plans] == plans


def test_a_wrapped_sample_line_exists(documents: dict[str, Document]) -> None:
    # The joining above only means something if some summary line did wrap in the PDF.
    heights = [b.bbox[3] - b.bbox[1] for d in documents.values() for b in d.blocks
               if b.bbox and b.type is BlockType.LIST_ITEM]
    assert max(heights) > 1.8 * min(heights)


def test_metadata_from_the_pdf(doc: Document) -> None:
    assert doc.metadata.get("Title") == gen.TITLE


# --- regeneration ----------------------------------------------------------------------------


def _generator_ready() -> str | None:
    if importlib.util.find_spec("fpdf") is None:
        return "fpdf2 is not installed (pip install -e '.[dev]')"
    if not gen.FONT_PATH.exists():
        return f"Korean font {gen.FONT_PATH} missing (apt-get install fonts-nanum)"
    return None


def comparable(doc: Document) -> tuple[object, ...]:
    return doc.blocks, doc.tables, doc.source.pages


@pytest.mark.slow
@pytest.mark.skipif(_generator_ready() is not None, reason=str(_generator_ready()))
def test_regenerated_pdfs_read_identically(tmp_path: Path,
                                           documents: dict[str, Document]) -> None:
    first = gen.generate(tmp_path / "a")
    second = gen.generate(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    for path in first:
        if path.name in documents:  # the scans are OCR'd by their own tests
            assert comparable(read_pdf(path)) == comparable(documents[path.name])


# --- the geometry, without a PDF -------------------------------------------------------------


def test_cluster_edges_merges_close_values() -> None:
    assert cluster_edges([10.0, 10.5, 50.0, 49.2, 90.0]) == [10.0, 49.2, 90.0]


def test_build_table_resolves_merged_cells() -> None:
    # A 2x3 grid: the first cell spans both rows, the top of columns 1-2 is one cell.
    cells = [(0.0, 0.0, 10.0, 20.0), (10.0, 0.0, 30.0, 10.0), (10.0, 10.0, 20.0, 20.0),
             (20.0, 10.0, 30.0, 20.0)]
    words = [Word("A", 2, 2, 4, 5), Word("a2", 2, 12, 6, 15), Word("B", 12, 2, 14, 5),
             Word("c", 12, 12, 14, 15), Word("d", 22, 12, 24, 15)]
    built = build_table(1, RawTable((0.0, 0.0, 30.0, 20.0), cells), words)
    assert built.rows == [["A\na2", "B", ""], ["", "c", "d"]]
    assert set(built.spans) == {Span(0, 0, 2, 1), Span(0, 1, 1, 2)}


def test_continued_table_drops_repeated_header() -> None:
    first = PageTable(1, (0, 0, 1, 1), [["h1", "h2"], ["x", "1"]], [Span(1, 0, 2, 1)],
                      [0.0, 1.0], pages=[1])
    rest = PageTable(2, (0, 0, 1, 1), [["h1", "h2"], ["y", "2"], ["", "3"]],
                     [Span(1, 0, 2, 1)], [0.0, 1.0], pages=[2])
    append_rows(first, rest)
    assert first.rows == [["h1", "h2"], ["x", "1"], ["y", "2"], ["", "3"]]
    assert first.spans == [Span(1, 0, 2, 1), Span(2, 0, 2, 1)]
    assert first.pages == [1, 2]


def test_group_lines_orders_words() -> None:
    words = [Word("b", 20, 11, 25, 20), Word("a", 0, 10, 5, 20), Word("c", 0, 30, 5, 40)]
    assert [[w.text for w in line] for line in group_lines(words)] == [["a", "b"], ["c"]]



# --- layout rules on synthetic pages ---------------------------------------------------------

SOURCE = Source(path="synthetic.pdf", sha256="0" * 64, format="pdf", size_bytes=0, pages=1)
BODY = 10.0


def line_words(text: str, x0: float, top: float, size: float = BODY) -> list[Word]:
    """One line of words, each word 6 pt per character, one space (3 pt) between them."""
    words, x = [], x0
    for part in text.split():
        width = 6.0 * len(part)
        words.append(Word(part, x, top, x + width, top + size, size))
        x += width + 3.0
    return words


def grid_table(x0: float, top: float, n_rows: int, n_cols: int,
               cell: float = 20.0) -> RawTable:
    cells = [(x0 + c * cell, top + r * cell, x0 + (c + 1) * cell, top + (r + 1) * cell)
             for r in range(n_rows) for c in range(n_cols)]
    return RawTable((x0, top, x0 + n_cols * cell, top + n_rows * cell), cells)


def page(number: int, words: list[Word], tables: list[RawTable]) -> RawPage:
    return RawPage(number, 600.0, 800.0, words, tables)


def test_unit_line_above_a_table_becomes_its_unit() -> None:
    words = line_words("□ 재원", 50, 100) + line_words("(단위 : 천원)", 300, 120)
    doc = assemble(SOURCE, [page(1, words, [grid_table(50, 140, 2, 2)])])
    assert [b.text for b in doc.blocks] == ["재원", doc.blocks[1].text]
    assert doc.blocks[1].type is BlockType.TABLE
    assert (doc.tables[0].unit, doc.tables[0].title) == ("천원", "재원")


def test_unit_at_the_right_end_of_the_heading_line() -> None:
    words = line_words("□ 재원 (단위: 백만 원)", 50, 100)
    doc = assemble(SOURCE, [page(1, words, [grid_table(50, 125, 2, 2)])])
    assert doc.tables[0].unit == "백만 원"
    heading = doc.blocks[0]
    assert (heading.type, heading.text) == (BlockType.HEADING, "재원")
    assert heading.bbox is not None and heading.bbox[2] < 300


def test_unit_line_far_above_a_table_stays_text() -> None:
    words = line_words("(단위 : 천원)", 300, 100)
    doc = assemble(SOURCE, [page(1, words, [grid_table(50, 100 + BODY + 60, 2, 2)])])
    assert doc.tables[0].unit is None
    assert doc.blocks[0].text == "(단위 : 천원)"


def test_wrapped_lines_join_marked_lines_do_not() -> None:
    gap = BODY * 1.4  # line pitch of wrapped text
    words = (line_words("○ 첫째 항목은 길어서", 60, 100)
             + line_words("다음 줄로 이어짐", 60, 100 + gap)
             + line_words("○ 둘째 항목", 60, 100 + 2 * gap)
             + line_words("왼쪽으로 나온 줄", 40, 100 + 3 * gap)
             + line_words("떨어진 문단", 60, 100 + 6 * gap))
    doc = assemble(SOURCE, [page(1, words, [])])
    assert [(b.type, b.text) for b in doc.blocks] == [
        (BlockType.LIST_ITEM, "첫째 항목은 길어서 다음 줄로 이어짐"),
        (BlockType.LIST_ITEM, "둘째 항목"),
        (BlockType.PARAGRAPH, "왼쪽으로 나온 줄"),
        (BlockType.PARAGRAPH, "떨어진 문단"),
    ]
    first = doc.blocks[0].bbox
    assert first is not None and first[3] == pytest.approx(100 + gap + BODY)


def test_large_text_is_a_heading() -> None:
    words = line_words("Big title", 50, 40, size=BODY * 2) + line_words("body text here", 50, 80)
    doc = assemble(SOURCE, [page(1, words, [])])
    assert [(b.type, b.level) for b in doc.blocks] == [(BlockType.HEADING, 1),
                                                       (BlockType.PARAGRAPH, None)]


def test_table_not_at_page_end_is_not_continued() -> None:
    first = page(1, line_words("intro", 50, 40) + line_words("after the table", 50, 700),
                 [grid_table(50, 600, 2, 3)])
    second = page(2, [], [grid_table(50, 60, 2, 3)])
    doc = assemble(SOURCE, [first, second])
    assert [t.pages for t in doc.tables] == [[1], [2]]


def test_table_continued_with_other_columns_is_two_tables() -> None:
    first = page(1, line_words("intro", 50, 40), [grid_table(50, 600, 2, 3)])
    second = page(2, [], [grid_table(50, 60, 2, 3, cell=25.0)])
    doc = assemble(SOURCE, [first, second])
    assert [t.pages for t in doc.tables] == [[1], [2]]


def test_table_continued_on_the_next_page() -> None:
    first = page(1, line_words("intro", 50, 40), [grid_table(50, 600, 2, 3)])
    second = page(2, line_words("after", 50, 200), [grid_table(50, 60, 2, 3)])
    doc = assemble(SOURCE, [first, second])
    assert [(t.pages, len(t.rows)) for t in doc.tables] == [([1, 2], 4)]
    assert [b.text for b in doc.blocks if b.type is not BlockType.TABLE] == ["intro", "after"]


def test_notes_for_stray_table_text_and_pages_without_text() -> None:
    table = grid_table(50, 100, 1, 2)
    frame = RawTable((50, 100, 90, 140), table.cells)  # the frame reaches below the cells
    words = line_words("in", 55, 105) + line_words("stray", 55, 125)
    doc = assemble(SOURCE, [page(1, words, [frame]), page(2, [], [])])
    assert doc.tables[0].rows == [["in", ""]]
    assert sorted((n.code, n.page) for n in doc.notes) == [
        ("pdf_page_without_text", 2), ("pdf_table_text_outside_cells", 1)]


@pytest.mark.parametrize("borders", ["ALL", "INTERNAL", "NO_HORIZONTAL_LINES"])
def test_table_without_outer_border_keeps_its_outer_columns(borders: str) -> None:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the test PDF")
    cells = [["a", "b", "c"], ["1", "2", "3"], ["4", "5", "6"]]
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.cell(0, 8, "Intro line", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    with pdf.table(borders_layout=borders, first_row_as_headings=False) as grid:
        for cells_of_row in cells:
            grid.row(cells_of_row)
    doc = read_document(bytes(pdf.output()), "borders.pdf")
    assert [t.rows for t in doc.tables] == [cells]
    assert [b.text for b in doc.blocks if b.type is not BlockType.TABLE] == ["Intro line"]


def test_table_over_three_pages() -> None:
    pages = [page(1, line_words("intro", 50, 40), [grid_table(50, 600, 2, 3)]),
             page(2, [], [grid_table(50, 60, 30, 3)]),
             page(3, line_words("after", 50, 200), [grid_table(50, 60, 2, 3)])]
    doc = assemble(SOURCE, pages)
    assert [(t.pages, len(t.rows)) for t in doc.tables] == [([1, 2, 3], 34)]


# --- glyphs drawn twice, decomposed jamo ----------------------------------------------------


def _pdf_with_lines(draw: Any) -> bytes:
    import logging

    from fpdf import FPDF

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = FPDF(unit="pt")
    pdf.add_font("Nanum", "", str(gen.FONT_PATH))
    pdf.add_page()
    pdf.set_font("Nanum", size=16)
    draw(pdf)
    return bytes(pdf.output())


@pytest.mark.skipif(_generator_ready() is not None, reason=str(_generator_ready()))
def test_fake_bold_title_drawn_three_times_reads_once() -> None:
    def draw(pdf: Any) -> None:
        for dx in (0.0, 0.3, 0.6):  # how report writers fake a bold title
            pdf.text(72 + dx, 100, "고용노동부 업무계획")
        pdf.text(72, 140, "본문은 한 번만 그려진다")

    doc = read_document(_pdf_with_lines(draw), "bold.pdf")
    assert [b.text for b in doc.blocks] == ["고용노동부 업무계획", "본문은 한 번만 그려진다"]


@pytest.mark.slow
@pytest.mark.skipif(_generator_ready() is not None, reason=str(_generator_ready()))
def test_decomposed_jamo_come_out_composed() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "한글 공문")
    doc = read_document(_pdf_with_lines(lambda pdf: pdf.text(72, 100, decomposed)), "nfd.pdf")
    assert [b.text for b in doc.blocks] == ["한글 공문"]


# --- table bodies without vertical rules ---------------------------------------------------


def test_borderless_sample_reads_its_bodies_as_cells() -> None:
    doc = read_pdf(CARDS_DIR / "borderless_coastal_tourism.pdf")
    funding = next(t for t in doc.tables if t.rows and t.rows[0][0].replace(" ", "") == "구분")
    assert [r[0].replace(" ", "") for r in funding.rows[2:]] == ["계", "국비", "도비", "시군비",
                                                                  "기타"]
    communication = doc.tables[-1]
    assert communication.rows[1] == ["17", "6", "2", "3", "5", "1"]


def test_only_a_shaded_header_is_extended_downwards() -> None:
    from gongmun.extract.pdf import shaded

    grey = {"fill": True, "non_stroking_color": (0.9, 0.9, 0.9), "x0": 0, "x1": 100,
            "top": 0, "bottom": 20}
    white = {**grey, "non_stroking_color": (1.0, 1.0, 1.0)}
    assert shaded((0, 0, 100, 20), [grey])
    assert not shaded((0, 0, 100, 20), [white])
    assert not shaded((0, 0, 100, 60), [grey])  # a table with its body found too


def _shared_real() -> Path | None:
    return shared_real()


@pytest.mark.slow
@pytest.mark.skipif(_shared_real() is None, reason="../shared/real not present")
def test_real_report_tables_do_not_swallow_the_heading_below() -> None:
    real = _shared_real()
    assert real is not None
    path = real / "press_release" / "2025년 2분기 해외직접투자 (최종)-2022.pdf"
    doc = read_pdf(path)
    first_cells = [row[0] for table in doc.tables for row in table.rows]
    assert not any(cell.startswith(("2. 연도별", "□ 업종별")) for cell in first_cells)
    assert doc.source.ocr_pages == ()
