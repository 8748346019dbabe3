"""Generate the press samples in `samples/press/` from the stories in `STORIES`.

Three made-up articles, each in a form the pipeline must read:

- `hanbit_dump.txt`: a scraped page dump of a news site (menus, breadcrumb, byline on two
  lines, share buttons, photo caption, a `(원주=한빛뉴스) 기자 =` dateline, reporter sign-off,
  copyright, related and most-read lists, footer);
- `donghae_article.html`: a saved HTML page (navigation, breadcrumb, `og:`/JSON-LD metadata,
  figure caption, HTML entities and inline markup in the body, related articles, a 많이 본
  기사 ranking, PHOTO NEWS, footer);
- `gangwon_release.pdf`: an official 보도자료 (issuing office, 보도일시, a ruled 담당부서 /
  직위 / 담당자 / 연락처 table with a merged department cell, □/○ body, 붙임 … 끝).

`STORIES` is the truth the tests compare the records against: what a reader of the page
sees as headline, outlet, reporter, time and body, and the values in the body.

Run: `python samples/make_press_samples.py [OUT_DIR]` (default: samples/press). The PDF needs
fpdf2 and the Nanum Gothic font (Debian fonts-nanum); every output is byte-for-byte
reproducible.
"""

from __future__ import annotations

import html
import json
import logging
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

OUT_DIR = Path(__file__).resolve().parent / "press"
FONT_PATH = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
FONT = "NanumGothic"
CREATION_DATE = datetime(2025, 9, 22, 1, 0, 0, tzinfo=UTC)
BODY_PT = 10.5
LINE_MM = 5.5


@dataclass(frozen=True)
class Story:
    file: str
    headline: str
    subheadline: str | None
    outlet: str
    reporter: str | None
    published_at: str
    paragraphs: list[str]
    quotes: list[tuple[str | None, str | None, str]]
    """(speaker, role, text) in order."""
    amounts_krw: list[int]
    """Every money amount in the body, in order."""
    counts: list[tuple[int, str]]
    """Large counts that are not money: (value, unit)."""
    budget_items: list[tuple[str, int | None, int | None, int | None]]
    """(name, start_year, end_year, amount_krw)."""
    dates: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    """Some of the body's date mentions: (text, date_start, date_end)."""
    contacts: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(department, position, name, phone) of a 보도자료's contact table."""
    furniture: list[str] = field(default_factory=list)
    """Text on the page that must never reach the body."""


HANBIT = Story(
    file="hanbit_dump.txt",
    headline="원주시, 스마트팜 혁신밸리 조성 본격화…총사업비 120억 원 투입",
    subheadline="내년 3월 착공, 2027년 준공 목표…청년 농업인 100명 육성",
    outlet="한빛뉴스",
    reporter="박민수",
    published_at="2025-03-14T10:32:00+09:00",
    paragraphs=[
        "원주시는 문막읍 일원에 ‘스마트팜 혁신밸리’를 조성하는 사업이 농림축산식품부 공모에 "
        "최종 선정돼 본격 추진된다고 14일 밝혔다.",
        "스마트팜 혁신밸리 조성(’25~’27년, 120억 원)은 국비 60억 원, 도비 36억 원, 시비 24억 "
        "원이 투입되며, 청년 창업 보육센터와 임대형 스마트팜, 실증단지 등이 들어선다.",
        "시는 내년 3월 착공해 2027년 준공할 계획이며, 준공 후에는 연간 방문객 30만 명이 찾을 "
        "것으로 기대하고 있다.",
        "이상훈 원주시장은 “스마트팜 혁신밸리는 원주 농업의 체질을 바꾸는 출발점이 될 것”"
        "이라고 말했다.",
        "그는 “청년 농업인 100명이 이곳에서 자리를 잡을 수 있도록 지원을 아끼지 않겠다”며 "
        "“지역 농가와 상생하는 모델을 만들겠다”고 강조했다.",
        "한편 강원특별자치도 관계자는 “도 차원에서도 행정 절차를 신속히 지원하겠다”고 전했다.",
    ],
    quotes=[
        ("이상훈", "시장", "스마트팜 혁신밸리는 원주 농업의 체질을 바꾸는 출발점이 될 것"),
        ("이상훈", "시장", "청년 농업인 100명이 이곳에서 자리를 잡을 수 있도록 지원을 "
                          "아끼지 않겠다 지역 농가와 상생하는 모델을 만들겠다"),
        (None, "관계자", "도 차원에서도 행정 절차를 신속히 지원하겠다"),
    ],
    amounts_krw=[12_000_000_000, 6_000_000_000, 3_600_000_000, 2_400_000_000],
    counts=[(300_000, "명")],
    budget_items=[("스마트팜 혁신밸리 조성", 2025, 2027, 12_000_000_000)],
    dates=[("내년 3월", "2026-03", "2026-03"), ("2027년", "2027", "2027")],
    furniture=["로그인", "홈 > 지역 > 강원", "공유하기", "문막읍 스마트팜 혁신밸리 조성 예정지",
               "minsu@hanbitnews.example", "Copyright", "춘천시, 수소 시범도시", "해양치유센터",
               "국비 9조 원", "회사소개"],
)

DONGHAE = Story(
    file="donghae_article.html",
    headline="춘천시, 수소 특화단지 지정…2030년까지 1조 2,000억 원 투자 유치",
    subheadline="연료전지 부품 기업 30곳 유치 목표…내년 상반기 기반시설 착공",
    outlet="동해경제신문",
    reporter="정다은",
    published_at="2025-11-20T09:30:00+09:00",
    paragraphs=[
        "춘천시가 산업통상자원부의 수소 특화단지에 최종 지정돼 2030년까지 1조 2,000억 원 "
        "규모의 민간 투자를 유치한다.",
        "시는 동산면 일원에 ‘수소 연료전지 부품 실증센터’(’26~’29년, 450억 원)와 ‘수소 "
        "모빌리티 기술지원 허브’(’26~’28년, 280억 원)를 차례로 구축할 계획이다.",
        "연료전지 부품 기업 30곳을 유치하고 R&D 일자리 1,500개를 만드는 것이 목표로, 시는 "
        "내년 상반기 기반시설 공사에 들어간다.",
        "정하윤 춘천시장은 20일 기자회견에서 “수소 특화단지는 춘천 경제 지도를 바꿀 기회”라며 "
        "“기업들이 안심하고 투자할 수 있도록 인허가를 신속히 처리하겠다”고 밝혔다.",
        "정 시장은 이어 “수소 충전소 12곳을 추가로 설치해 시민 체감도를 높이겠다”고 덧붙였다.",
        "업계에서는 특화단지 지정으로 수소 충전소 이용 건수가 연간 12만 건으로 늘어날 것으로 "
        "보고 있다.",
    ],
    quotes=[
        ("정하윤", "시장", "수소 특화단지는 춘천 경제 지도를 바꿀 기회 기업들이 안심하고 "
                          "투자할 수 있도록 인허가를 신속히 처리하겠다"),
        ("정하윤", "시장", "수소 충전소 12곳을 추가로 설치해 시민 체감도를 높이겠다"),
    ],
    amounts_krw=[1_200_000_000_000, 45_000_000_000, 28_000_000_000],
    counts=[(120_000, "건")],
    budget_items=[("수소 연료전지 부품 실증센터", 2026, 2029, 45_000_000_000),
                  ("수소 모빌리티 기술지원 허브", 2026, 2028, 28_000_000_000)],
    dates=[("2030년", "2030", "2030")],
    furniture=["전체메뉴", "오피니언", "홈 > 경제", "URL복사", "춘천시청 전경", "daeun@",
               "무단전재", "강릉 관광객", "속초항", "많이 본 기사", "PHOTO NEWS", "설악산 단풍",
               "대표전화", "청소년보호"],
)

GANGWON = Story(
    file="gangwon_release.pdf",
    headline="강원, 반도체 공유대학 2기 출범…5년간 240억 원 투입",
    subheadline="도내 대학 6곳 참여, 2030년까지 전문인력 1,200명 양성\n"
                "내년 1월 공동 교육과정 개설, 기업 연계 실습 확대",
    outlet="강원특별자치도",
    reporter=None,
    published_at="2025-09-22T10:00:00+09:00",
    paragraphs=[
        "강원특별자치도는 도내 대학 6곳이 참여하는 ‘강원 반도체 공유대학’ 2기 사업이 교육부 "
        "평가를 통과해 본격 출범한다고 22일 밝혔다.",
        "2기 사업은 ‘반도체 공유대학 운영’(’26~’30년, 240억 원)으로 국비 168억 원과 도비 72억 "
        "원이 투입된다.",
        "1기 사업(’21~’25년)에서는 누적 수강생 2만 명이 반도체 교육을 이수했다.",
        "도는 내년 1월 공동 교육과정을 개설하고, 2030년까지 반도체 전문인력 1,200명을 양성할 "
        "계획이다.",
        "윤재호 경제부지사는 “반도체 공유대학은 강원 첨단산업의 인재 기반”이라며 “기업과 "
        "대학이 함께 인재를 키우는 구조를 만들겠다”고 말했다.",
        "또한 “졸업생의 도내 취업률을 60%까지 끌어올리겠다”고 덧붙였다.",
    ],
    quotes=[
        ("윤재호", "경제부지사", "반도체 공유대학은 강원 첨단산업의 인재 기반 기업과 대학이 "
                               "함께 인재를 키우는 구조를 만들겠다"),
        ("윤재호", "경제부지사", "졸업생의 도내 취업률을 60%까지 끌어올리겠다"),
    ],
    amounts_krw=[24_000_000_000, 16_800_000_000, 7_200_000_000],
    counts=[(20_000, "명")],
    budget_items=[("반도체 공유대학 운영", 2026, 2030, 24_000_000_000)],
    dates=[("내년 1월", "2026-01", "2026-01")],
    contacts=[("미래산업과", "과장", "최윤석", "033-249-3180"),
              ("미래산업과", "주무관", "한서윤", "033-249-3184")],
    furniture=["붙임", "끝", "033-249-3180"],
)

STORIES = [HANBIT, DONGHAE, GANGWON]
# The body's markers in the 보도자료 (□ for a top paragraph, ○ under it), by paragraph.
RELEASE_MARKERS = ["□", "○", "○", "○", "□", "○"]
RELEASE_TIME_TEXT = "2025. 9. 22.(월) 10:00"


# --- the scraped page dump ------------------------------------------------------------------


def render_dump(s: Story) -> str:
    lead = f"(원주={s.outlet}) {s.reporter} 기자 = "
    lines = [
        s.outlet, "로그인 | 회원가입", "홈 정치 경제 사회 지역 문화 오피니언", "홈 > 지역 > 강원",
        "", s.headline, s.subheadline or "", "", f"{s.reporter} 기자",
        "입력 2025.03.14 10:32 | 수정 2025.03.14 11:05", "댓글 0", "공유하기", "글자크기", "",
        "▲ 원주시 문막읍 스마트팜 혁신밸리 조성 예정지 전경. (사진=원주시 제공)", "",
    ]
    for i, paragraph in enumerate(s.paragraphs):
        lines += [(lead if i == 0 else "") + paragraph, ""]
    lines += [
        f"{s.reporter} 기자 minsu@hanbitnews.example", "", f"Copyright © {s.outlet} All rights "
        "reserved.", "", "관련기사", "춘천시, 수소 시범도시 2단계 사업 착수",
        "강릉시, 해양치유센터 개관…연 5만 명 방문 기대", "", "많이 본 뉴스",
        "1 도, 내년도 국비 9조 원 시대 열었다고 밝혔다.", "2 속초시, 설악산 케이블카 착공식 개최",
        "", "회사소개 | 광고문의 | 개인정보처리방침 | 청소년보호정책",
    ]
    return "\n".join(lines) + "\n"


# --- the saved HTML page --------------------------------------------------------------------


def render_html(s: Story) -> str:
    e = html.escape
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": s.headline,
          "datePublished": s.published_at, "author": {"@type": "Person", "name": s.reporter},
          "publisher": {"@type": "Organization", "name": s.outlet}}
    body = "\n".join(f"<p>{_html_paragraph(p)}</p>" for p in s.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>{e(s.headline)} - {e(s.outlet)}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{e(s.headline)}">
<meta property="og:site_name" content="{e(s.outlet)}">
<meta property="og:description" content="{e(s.paragraphs[0][:60])}">
<meta property="article:published_time" content="{s.published_at}">
<meta name="author" content="{e(s.reporter or '')} 기자">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<style>.hidden {{ display: none; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() {{}}</script>
</head>
<body>
<header id="header">
  <div class="logo"><a href="/">{e(s.outlet)}</a></div>
  <nav id="gnb"><ul><li><a href="/news">뉴스</a></li><li><a href="/economy">경제</a></li>
    <li><a href="/society">사회</a></li><li><a href="/opinion">오피니언</a></li></ul></nav>
  <button type="button" class="all-menu">전체메뉴</button>
</header>
<div class="breadcrumb"><a href="/">홈</a> &gt; <a href="/economy">경제</a></div>
<main id="container">
<article class="article-view">
  <header class="article-head">
    <h1 class="headline">{e(s.headline)}</h1>
    <h2 class="subheadline">{e(s.subheadline or '')}</h2>
    <ul class="infomation">
      <li>{e(s.reporter or '')} 기자</li>
      <li>승인 2025.11.20 09:30</li>
      <li><a href="#comments">댓글 0</a></li>
    </ul>
    <div class="share-box"><a href="#">페이스북</a> <a href="#">트위터</a>
      <a href="#">카카오톡</a> <button type="button">URL복사</button></div>
  </header>
  <div id="article-view-content-div" itemprop="articleBody">
    <figure class="photo-layout"><img src="/photo/city-hall.jpg" alt="">
      <figcaption>춘천시청 전경 /사진=춘천시 제공</figcaption></figure>
{body}
    <p class="byline">{e(s.reporter or '')} 기자 daeun@donghae.example</p>
  </div>
  <div class="copyright">저작권자 © {e(s.outlet)} 무단전재 및 재배포 금지</div>
  <section class="related-news"><h3>관련기사</h3>
    <ul><li><a href="/n/101">강릉 관광객 2천만 명 돌파…역대 최대</a></li>
      <li><a href="/n/102">속초항 크루즈 터미널 확장 공사 착공</a></li></ul></section>
</article>
<aside class="side-ranking"><h3>많이 본 기사</h3>
  <ol><li><a href="/n/201">원주 의료기기 수출 10억 달러 돌파했다고 밝혔다</a></li>
    <li><a href="/n/202">동해안 해수욕장 피서객 역대 최대</a></li></ol></aside>
<section class="photo-news"><h3>PHOTO NEWS</h3>
  <ul><li><a href="/p/1">설악산 단풍 절정</a></li></ul></section>
</main>
<footer id="footer"><p>회사소개 | 광고문의 | 대표전화 033-000-0000</p>
  <p>청소년보호책임자 : 홍길동 | Copyright &copy; 2025 {e(s.outlet)}. All rights reserved.</p>
</footer>
</body>
</html>
"""


def _html_paragraph(text: str) -> str:
    """A paragraph as a CMS writes it: entities, a non-breaking space, bold inline text."""
    escaped = html.escape(text, quote=False)
    escaped = escaped.replace("규모의 ", "규모의&nbsp;", 1)
    return escaped.replace("수소 특화단지에", "<b>수소 특화단지</b>에", 1)


# --- the official 보도자료 PDF --------------------------------------------------------------


def release_contact_rows(s: Story) -> list[list[str]]:
    """The contact table as a reader should return it (merged department: "" below)."""
    rows = [["담당부서", "직위", "담당자", "연락처"]]
    for i, (dept, position, name, phone) in enumerate(s.contacts):
        rows.append([dept if i == 0 else "", position, name, phone])
    return rows


def render_release(s: Story) -> bytes:
    pdf = _new_pdf()
    pdf.set_font(FONT, size=14)
    pdf.cell(90, 10, s.outlet, new_x="RIGHT", new_y="TOP")
    pdf.cell(0, 10, "보도자료", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    pdf.cell(0, 7, f"보도일시: {RELEASE_TIME_TEXT}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    _contact_table(pdf, s)
    pdf.ln(6)
    pdf.set_font(FONT, size=16)
    pdf.multi_cell(0, 9, s.headline, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=11)
    for line in (s.subheadline or "").splitlines():
        pdf.multi_cell(0, 7, f"- {line}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT, size=BODY_PT)
    for marker, paragraph in zip(RELEASE_MARKERS, s.paragraphs, strict=True):
        indent = 0 if marker == "□" else 5
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.epw - indent, LINE_MM, f"{marker} {paragraph}", new_x="LMARGIN",
                       new_y="NEXT")
        pdf.ln(2)
    pdf.ln(4)
    pdf.cell(0, 7, "붙임 : 행사 사진 1부.", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "끝.", align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _contact_table(pdf: FPDF, s: Story) -> None:
    from fpdf.fonts import FontFace

    rows = release_contact_rows(s)
    pdf.set_font(FONT, size=10)
    with pdf.table(col_widths=(45, 30, 40, 45), width=160, text_align="C",
                   line_height=6, first_row_as_headings=True,
                   headings_style=FontFace(emphasis="", fill_color=(230, 230, 230))) as table:
        for r, cells in enumerate(rows):
            row = table.row()
            for c, text in enumerate(cells):
                if r >= 2 and c == 0:
                    continue  # covered by the merged department cell
                rowspan = len(rows) - 1 if (r == 1 and c == 0) else 1
                row.cell(text, rowspan=rowspan)


def _new_pdf() -> FPDF:
    from fpdf import FPDF

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title("보도자료")
    pdf.set_author("gongmun sample generator")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font(FONT, "", str(FONT_PATH))
    pdf.add_page()
    return pdf


def generate(out_dir: Path = OUT_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in ((HANBIT.file, render_dump(HANBIT).encode("utf-8")),
                       (DONGHAE.file, render_html(DONGHAE).encode("utf-8")),
                       (GANGWON.file, render_release(GANGWON))):
        path = out_dir / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    for path in generate(target):
        print(path)
