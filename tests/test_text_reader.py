from __future__ import annotations

from gongmun.extract import read_document
from gongmun.extract.model import BlockType, Span

CARD = """# 도지사 공약사업 관리카드

### □ 재원투자 실적 및 계획

(단위 : 백만 원)

구 분\t총사업비\t연도별 투자 실적 및 계획\t\t
\t\t기투자\t2023년\t2024년
계\t30\t0\t10\t20
국 비\t30\t\t10\t20

○ 사업기간 : 2023년~2024년
   (연장 검토 중)
- 세부 항목
"""


def read(text: str):  # type: ignore[no-untyped-def]
    return read_document(text.encode(), "x.txt")


def test_tab_rows_become_one_table_with_its_unit_and_title() -> None:
    doc = read(CARD)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.unit == "백만 원"
    assert table.title == "재원투자 실적 및 계획"
    assert table.rows[2] == ["계", "30", "0", "10", "20"]
    assert table.rows[3] == ["국 비", "30", "", "10", "20"]  # blank stays blank
    assert table.row_lines == [7, 8, 9, 10]


def test_two_row_header_spans_are_inferred() -> None:
    spans = read(CARD).tables[0].spans
    assert Span(0, 0, 2, 1) in spans  # 구분 over both header rows
    assert Span(0, 1, 2, 1) in spans  # 총사업비
    assert Span(0, 2, 1, 3) in spans  # 연도별 ... over the year columns
    assert len(spans) == 3


def test_body_blanks_are_not_spans() -> None:
    doc = read("a\tb\tc\n1\t\t3\n")
    assert doc.tables[0].spans == []


def test_blocks_keep_reading_order_markers_and_lines() -> None:
    doc = read(CARD)
    kinds = [(b.type, b.marker, b.line) for b in doc.blocks]
    assert kinds[0] == (BlockType.HEADING, None, 1)
    assert kinds[1] == (BlockType.HEADING, "□", 3)
    assert doc.blocks[2].type is BlockType.TABLE and doc.blocks[2].table_id == "t1"
    assert doc.blocks[3].text == "사업기간 : 2023년~2024년 (연장 검토 중)"  # indented: wrapped
    assert (doc.blocks[4].type, doc.blocks[4].marker) == (BlockType.LIST_ITEM, "-")


def test_unindented_lines_stay_separate_blocks() -> None:
    doc = read("제목\n기자 / 기사승인 : 2025-12-08\n부제목\n")
    assert [b.text for b in doc.blocks] == ["제목", "기자 / 기사승인 : 2025-12-08", "부제목"]


def test_unit_line_without_table_is_kept_as_text() -> None:
    doc = read("(단위 : 억 원)\n\n본문\n")
    assert [b.text for b in doc.blocks] == ["(단위 : 억 원)", "본문"]
    assert doc.tables == []


def test_unit_line_without_table_is_kept_as_written_on_its_own_line() -> None:
    doc = read("본문\n단위: 억원\n\n다음 본문\n")
    assert [(b.text, b.line) for b in doc.blocks] == [
        ("본문", 1), ("단위: 억원", 2), ("다음 본문", 4)]
    doc = read("단위 : 천원\n")
    assert [(b.text, b.line) for b in doc.blocks] == [("단위 : 천원", 1)]
