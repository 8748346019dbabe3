"""Tables without rules or shading, found from the alignment of their text.

Unit tests build words by hand (one mechanism each); the end-to-end tests generate the dev
documents of `make_samples.TABLE_SET` (the held-out ones are only scored, by
`scripts/eval_tables.py`) and compare every table cell with the generator's truth.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gongmun.extract.model import Source
from gongmun.extract.pdf import PageTable, RawPage, RawTable, Word, assemble, build_table
from gongmun.extract.text_tables import (
    column_edges,
    is_header_line,
    runs_of,
    table_extent,
    table_from_lines,
    text_tables,
)

REPO = Path(__file__).resolve().parents[1]
SIZE = 9.0
H = 9.0  # line height of 9 pt text
SPACE = 2.5  # between words of one cell (~0.28 em)


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def words(text: str, x: float, top: float, size: float = SIZE) -> list[Word]:
    """`text`'s words set left to right from `x`, 9 pt wide per syllable."""
    out = []
    for part in text.split():
        width = size * len(part)
        out.append(Word(part, x, top, x + width, top + H, size))
        x += width + SPACE
    return out


def table_of(ws: list[Word]) -> PageTable:
    found = text_tables(ws)
    assert len(found) == 1
    return build_table(1, found[0], ws)


# --- the header line ------------------------------------------------------------------------


def test_a_line_of_two_known_labels_starts_a_table() -> None:
    assert is_header_line(words("주요사업 목표치 추진내용", 40, 0))
    assert is_header_line(words("기투자 2022년 2023년", 40, 0))
    assert is_header_line(words("구 분 총사업비", 40, 0))  # a label spaced out by syllable


@pytest.mark.parametrize("text", [
    "○ 총사업비 : 12,000백만 원(국비 6,000, 도비 3,600)",  # a list item naming labels
    "공약명 스마트농업 혁신지구 조성",  # one label
    "담당자: 박서연 전화번호 3415",  # a field line
])
def test_lines_that_only_mention_labels_start_no_table(text: str) -> None:
    assert not is_header_line(words(text, 40, 0))


def test_the_table_ends_at_a_line_in_another_size_or_a_wide_gap() -> None:
    lines = [words("(단위 : 백만 원)", 300, 0), words("구 분 총사업비 기투자", 40, 20),
             words("계 12,000 0", 40, 40), words("국 비 6,000 0", 40, 60),
             words("□ 추진실적", 40, 80, size=12.0)]
    assert table_extent(lines, 1) == (1, 4)  # the unit line above is not a row
    gapped = [*lines[1:4], words("기 타 0 0", 40, 60 + H + 3 * H)]
    assert table_extent(gapped, 0) == (0, 3)


# --- columns --------------------------------------------------------------------------------


def test_columns_part_where_no_cell_text_crosses() -> None:
    lines = [runs_of(words("구분", 40, 0) + words("총사업비", 90, 0) + words("2023년", 200, 0)),
             runs_of(words("국비", 40, 20) + words("6,000", 90, 20) + words("1,500", 200, 20))]
    xs = column_edges(lines)
    assert len(xs) == 4
    assert 58 < xs[1] < 90 and 126 < xs[2] < 200  # between 구분|총사업비 and 총사업비|2023년


def test_a_wrapped_or_lone_cell_line_narrows_a_gap_and_a_spanning_one_crosses_it() -> None:
    header = words("주요사업", 40, 0) + words("목표치", 140, 0) + words("추진내용", 380, 0)
    lone_status = words("추진상황", 280, 8)  # centred between the lines beside it
    wrapped = words("스마트팜 실증단지", 40, 30)  # reaches right of 주요사업
    body = words("<'23년> 기본계획", 140, 40) + words("수립(4월)", 380, 40)
    xs = column_edges([runs_of(line) for line in (header, lone_status, wrapped, body)])
    assert len(xs) == 5  # 주요사업 | 목표치 | 추진상황 | 추진내용
    assert wrapped[-1].x1 < xs[1] < 140

    years = words("2023년", 100, 20) + words("2024년", 200, 20) + words("2025년", 300, 20)
    spanning = words("연도별 투자 실적", 160, 0)  # one line, across the years' gaps
    xs = column_edges([runs_of(spanning), runs_of(years)])
    assert len(xs) == 4


# --- rows, spans and multi-line cells ----------------------------------------------------------


def test_funding_header_over_two_lines_with_centred_spanning_cells() -> None:
    pitch = H + 2.5  # lines of one header block touch; rows stand a padding apart
    ws = (words("연도별 투자 실적 및 계획", 284, 0)  # centred over the five year columns
          + words("구 분", 40, pitch) + words("총사업비", 100, pitch)
          + words("기투자", 180, 2 * pitch) + words("2023년", 240, 2 * pitch)
          + words("2024년", 310, 2 * pitch) + words("2025년", 380, 2 * pitch)
          + words("임기이후", 450, 2 * pitch)
          + words("계", 40, 3 * pitch + 12) + words("6,000", 100, 3 * pitch + 12)
          + words("0", 190, 3 * pitch + 12) + words("1,500", 250, 3 * pitch + 12)
          + words("1,500", 320, 3 * pitch + 12) + words("1,500", 390, 3 * pitch + 12)
          + words("1,500", 460, 3 * pitch + 12))
    table = table_of(ws)
    assert len(table.rows) == 3 and len(table.rows[0]) == 7
    assert table.rows[0][0] == "구 분" and table.rows[0][1] == "총사업비"
    assert table.rows[1][2:] == ["기투자", "2023년", "2024년", "2025년", "임기이후"]
    # the centred header over the five year columns starts at the first of them
    assert table.rows[0][2] == "연도별 투자 실적 및 계획"
    assert table.rows[2] == ["계", "6,000", "0", "1,500", "1,500", "1,500", "1,500"]
    spans = {(s.row, s.col): (s.rowspan, s.colspan) for s in table.spans}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 2)] == (1, 5)


def test_a_cell_centred_beside_two_rows_spans_them_and_wrapped_lines_stay_in_their_cell(
        ) -> None:
    step = H + 5  # wrapped lines of one cell: ~0.55 of a line apart
    row1 = H + 12  # two-line rows, two cell paddings apart
    row2 = row1 + step + H + 12
    ws = (words("주요사업", 40, 0) + words("목표치", 140, 0) + words("추진내용", 380, 0)
          + words("<'23년> 부지 선정", 140, row1) + words("기본계획 수립(4월)", 380, row1)
          + words("협약 체결(9월)", 380, row1 + step)
          + words("실증단지 조성", 40, (row1 + row2 + step) / 2)  # centred across both
          + words("<'24년> 착공", 140, row2) + words("준공(8월)", 380, row2)
          + words("시범운영", 380, row2 + step))
    table = table_of(ws)
    assert [row[0] for row in table.rows] == ["주요사업", "실증단지 조성", ""]
    assert table.rows[1][1:] == ["<'23년> 부지 선정", "기본계획 수립(4월)\n협약 체결(9월)"]
    assert table.rows[2][1:] == ["<'24년> 착공", "준공(8월)\n시범운영"]
    assert [(s.row, s.col, s.rowspan) for s in table.spans] == [(1, 0, 2)]


def test_a_tall_cell_beside_a_short_one_spans_no_rows() -> None:
    ws = (words("주요사업", 40, 0) + words("추진내용", 380, 0)
          + words("조성", 40, 21) + words("기본계획 수립(4월)", 380, 21)
          + words("협약 체결(9월)", 380, 35)
          + words("착공", 40, 56) + words("준공(8월)", 380, 56))
    table = table_of(ws)
    assert table.rows[1:] == [["조성", "기본계획 수립(4월)\n협약 체결(9월)"], ["착공", "준공(8월)"]]
    assert table.spans == []


def test_lines_without_two_columns_are_no_table() -> None:
    lines = [words("공약명 관리번호", 40, 0), words("스마트농업 혁신지구", 40, 20)]
    assert table_from_lines(lines) is None


def _goal_rows() -> list[Word]:
    return (words("주요사업", 40, 0) + words("추진내용", 200, 0) + words("조성", 40, 21)
            + words("준공(8월)", 200, 21) + words("착공", 40, 42) + words("설계", 200, 42))


def test_a_shaded_header_closed_into_a_table_of_its_own_gives_way_to_the_text_table() -> None:
    from gongmun.extract.pdf import unruled_tables

    header = RawTable((30, -3, 320, 11), [(30, -3, 150, 11), (150, -3, 320, 11)])
    tables = unruled_tables(_goal_rows(), [header])
    assert len(tables) == 1 and tables[0] is not header
    assert tables[0].bbox[0] == 30 and tables[0].bbox[2] == 320  # out to the shaded frame
    rows = build_table(1, tables[0], _goal_rows()).rows
    assert rows == [["주요사업", "추진내용"], ["조성", "준공(8월)"], ["착공", "설계"]]


def test_rows_left_unruled_between_column_rules_are_split_from_the_text() -> None:
    from gongmun.extract.pdf import unruled_tables

    # column rules only: pdfplumber closes header and body into two rows of two cells
    ruled = RawTable((30, -3, 320, 55), [(30, -3, 150, 12), (150, -3, 320, 12),
                                         (30, 12, 150, 55), (150, 12, 320, 55)])
    tables = unruled_tables(_goal_rows(), [ruled])
    assert len(build_table(1, tables[0], _goal_rows()).rows) == 3


def test_a_coarser_ruled_grid_gives_way_to_a_finer_text_grid() -> None:
    from gongmun.extract.pdf import unruled_tables

    # rules only where cells change: one column of labels, one merged column of the rest
    ws = _goal_rows() + words("비고", 330, 0) + words("없음", 330, 21)
    ruled = RawTable((30, -3, 420, 55), [(30, -3, 150, 55), (150, -3, 420, 55)])
    tables = unruled_tables(ws, [ruled])
    assert tables != [ruled]
    assert build_table(1, tables[0], ws).rows[1] == ["조성", "준공(8월)", "없음"]
    # OCR'd words overrule rules only in the safest case: same columns, more rows
    assert unruled_tables(ws, [ruled], (0.75, 0.65)) == [ruled]


def test_a_table_read_whole_from_its_rules_is_kept() -> None:
    from gongmun.extract.pdf import unruled_tables

    ruled = RawTable((30, -3, 320, 55), [(30, -3, 150, 12), (150, -3, 320, 12),
                                         (30, 12, 150, 33), (150, 12, 320, 33),
                                         (30, 33, 150, 55), (150, 33, 320, 55)])
    assert unruled_tables(_goal_rows(), [ruled]) == [ruled]


def test_a_continuation_under_a_repeated_header_joins_its_table() -> None:
    header = words("주요사업", 40, 0) + words("목표치", 140, 0)
    first = header + words("조성", 40, 20) + words("완료", 140, 20) \
        + words("실증", 40, 40) + words("추진중", 140, 40)
    # the same columns on the next page, their text (hence their gaps) set wider
    second = header + words("청년농업인 창업 지원", 40, 20) + words("완료", 140, 20)
    pages = [RawPage(n, 595, 842, [replace_top(w, 760 if n == 1 else 50) for w in ws],
                     text_tables([replace_top(w, 760 if n == 1 else 50) for w in ws]))
             for n, ws in ((1, first), (2, second))]
    doc = assemble(Source("t.pdf", "0" * 64, "pdf", 0), pages)
    assert len(doc.tables) == 1
    assert [row[0] for row in doc.tables[0].rows] == ["주요사업", "조성", "실증",
                                                      "청년농업인 창업 지원"]


def replace_top(word: Word, offset: float) -> Word:
    return Word(word.text, word.x0, word.top + offset, word.x1, word.bottom + offset, word.size)


# --- end to end: the dev documents of the table-layout set --------------------------------------


@pytest.fixture(scope="module")
def dev_set(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    gen = load("make_samples", REPO / "samples" / "make_samples.py")
    return gen.generate_table_set(tmp_path_factory.mktemp("tables"), scans=False)["dev"]


def test_every_dev_layout_reads_its_tables_cell_for_cell(dev_set: list[Path]) -> None:
    sys.path.insert(0, str(REPO / "samples"))
    ev = load("eval_tables_for_tests", REPO / "scripts" / "eval_tables.py")
    for path in dev_set:
        cells, fields = ev.score(path.name, path.parent)
        assert (path.name, cells, fields) == (path.name, 1.0, 1.0)
