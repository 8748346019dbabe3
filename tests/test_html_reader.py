"""The HTML reader: blocks typed by markup, page furniture as `other`, metadata, tables."""

from __future__ import annotations

import pytest

from gongmun.extract import read_document
from gongmun.extract.errors import ExtractError
from gongmun.extract.model import BlockType, Span


def read(page: str):  # type: ignore[no-untyped-def]
    return read_document(page.encode("utf-8"), "page.html")


def types_of(doc) -> dict[str, BlockType]:  # type: ignore[no-untyped-def]
    return {b.text: b.type for b in doc.blocks}


PAGE = """<!DOCTYPE html><html><head><title>제목 - 가상일보</title>
<meta property="og:site_name" content="가상일보">
<meta property="article:published_time" content="2025-01-02T09:00:00+09:00">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"},
 {"@type": "NewsArticle", "headline": "도, 청년 일자리 사업 추진",
  "datePublished": "2025-01-02T09:00:00+09:00",
  "author": [{"@type": "Person", "name": "홍길동"}], "publisher": {"name": "가상일보"}}]}
</script>
<style>p { color: red }</style></head>
<body>
<header><nav class="gnb"><ul><li><a href="/">홈</a></li><li>정치</li></ul></nav></header>
<article>
<h1>도, 청년 일자리 사업 추진</h1>
<p class="sub-title">내년까지 1,000명 채용</p>
<div class="share"><a>페이스북</a></div>
<div class="article_body">
<p>도는 청년 일자리 사업을 &lt;본격&gt; 추진한다고 <b>2일</b> 밝혔다.</p>
<p>첫째 줄<br>둘째 줄</p>
<figure><img src="a.jpg"><figcaption>사진 설명</figcaption></figure>
<table><tr><th>구분</th><th colspan="2">예산</th></tr>
<tr><td rowspan="2">국비</td><td>10</td><td>20</td></tr>
<tr><td>30</td><td>40</td></tr></table>
</div>
<div class="related"><h3>관련기사</h3><ul><li>다른 기사 제목입니다</li></ul></div>
</article>
<aside><h3>많이 본 기사</h3><ol><li>인기 기사</li></ol></aside>
<footer><p>회사소개 | Copyright 가상일보</p></footer>
<script>var x = "스크립트 텍스트";</script>
</body></html>"""


def test_html_is_read_by_content() -> None:
    assert read(PAGE).source.format == "html"


def test_headings_keep_their_level() -> None:
    doc = read(PAGE)
    h1 = next(b for b in doc.blocks if b.text == "도, 청년 일자리 사업 추진")
    assert (h1.type, h1.level) == (BlockType.HEADING, 1)


def test_subtitle_class_is_a_second_level_heading() -> None:
    block = next(b for b in read(PAGE).blocks if b.text == "내년까지 1,000명 채용")
    assert (block.type, block.level) == (BlockType.HEADING, 2)


def test_body_paragraphs_are_paragraphs() -> None:
    assert types_of(read(PAGE))["도는 청년 일자리 사업을 <본격> 추진한다고 2일 밝혔다."] \
        is BlockType.PARAGRAPH


def test_br_splits_lines_but_source_newlines_do_not() -> None:
    texts = [b.text for b in read(PAGE).blocks]
    assert "첫째 줄" in texts and "둘째 줄" in texts


def test_figure_caption_is_a_caption() -> None:
    assert types_of(read(PAGE))["사진 설명"] is BlockType.CAPTION


def test_navigation_lists_and_footer_are_other() -> None:
    types = types_of(read(PAGE))
    for text in ("홈", "정치", "페이스북", "다른 기사 제목입니다", "인기 기사",
                 "회사소개 | Copyright 가상일보"):
        assert types[text] is BlockType.OTHER, text


def test_furniture_headings_are_other() -> None:
    assert types_of(read(PAGE))["많이 본 기사"] is BlockType.OTHER


def test_scripts_and_styles_are_not_text() -> None:
    text = " ".join(b.text for b in read(PAGE).blocks)
    assert "스크립트" not in text and "color" not in text


def test_table_with_merged_cells() -> None:
    doc = read(PAGE)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows == [["구분", "예산", ""], ["국비", "10", "20"], ["", "30", "40"]]
    assert set(table.spans) == {Span(0, 1, 1, 2), Span(1, 0, 2, 1)}
    assert any(b.type is BlockType.TABLE and b.table_id == table.id for b in doc.blocks)


def test_meta_tags_and_json_ld_become_metadata() -> None:
    meta = read(PAGE).metadata
    assert meta["title"] == "제목 - 가상일보"
    assert meta["og:site_name"] == "가상일보"
    assert meta["article:published_time"] == "2025-01-02T09:00:00+09:00"
    assert meta["ld:headline"] == "도, 청년 일자리 사업 추진"
    assert meta["ld:author"] == "홍길동"
    assert meta["ld:publisher"] == "가상일보"


# A page that does not mark its body: trafilatura's main-content extraction decides.
UNMARKED = """<html><head><title>t</title></head><body>
<div id="top"><a href="/">처음으로</a> <a href="/a">기관소개</a></div>
<div class="wrap">
<h1>시, 도서관 3곳 신축</h1>
<div>
<p>시는 내년까지 도서관 3곳을 새로 짓는다고 밝혔다. 총사업비는 300억 원이며 국비와 시비가
함께 투입된다. 도서관에는 어린이 열람실과 디지털 자료실이 들어선다.</p>
<p>시는 설계 공모를 거쳐 올해 하반기 착공할 계획이며, 주민 의견을 반영해 운영 시간을
늘리기로 했다. 완공 후에는 하루 평균 2천 명이 찾을 것으로 예상된다.</p>
<p>시 관계자는 “주민 누구나 가까이에서 책을 읽을 수 있도록 하겠다”고 말했다.</p>
</div>
</div>
<div class="box"><p>오늘의 날씨 맑음</p></div>
</body></html>"""


def test_without_a_body_container_main_content_decides() -> None:
    doc = read(UNMARKED)

    def type_of(start: str) -> BlockType:
        return next(b.type for b in doc.blocks if b.text.startswith(start))

    assert type_of("시는 내년까지") is BlockType.PARAGRAPH
    assert type_of("시 관계자는") is BlockType.PARAGRAPH
    assert type_of("처음으로") is BlockType.OTHER


def test_xml_declaration_and_empty_pages() -> None:
    doc = read('<?xml version="1.0" encoding="utf-8"?>' + PAGE)
    assert doc.metadata["og:site_name"] == "가상일보"
    with pytest.raises(ExtractError):
        read("<html><head><title></title></head><body><div> </div></body></html>")


def test_unit_line_goes_to_the_table_below_or_stays_as_written() -> None:
    table = "<table><tr><th>구분</th><th>예산</th></tr><tr><td>국비</td><td>10</td></tr></table>"
    doc = read(f"<html><body><main><p>단위: 억원</p>{table}<p>단위 : 천원</p>"
               f"<p>본문입니다</p></main></body></html>")
    assert doc.tables[0].unit == "억원"
    assert [b.text for b in doc.blocks if b.type is not BlockType.TABLE] == [
        "단위 : 천원", "본문입니다"]
