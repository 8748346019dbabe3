"""A 보도자료 read by OCR: its release-time label and weekday may be misread."""

from __future__ import annotations

from gongmun.extract.model import Block, BlockType, Document, Source, Table
from gongmun.schemas.press import build_press
from gongmun.schemas.press_layout import ocr_release_time


def test_release_label_one_syllable_off_and_misread_weekday() -> None:
    # Tesseract's readings of the household-loans release header (shared/real)
    assert ocr_release_time("보도시접 2025. 8. 13.(?) 15:00 비프 2025. 8. 13.(?) 09:00") \
        == "2025. 8. 13. 15:00"
    assert ocr_release_time("보 도 시점 (온라인) 2025. 12. 2.(화) 16:00") \
        == "2025. 12. 2.(화) 16:00"


def test_two_syllables_off_is_no_label() -> None:
    assert ocr_release_time("최고시점 2025. 8. 13.(수) 15:00") is None
    assert ocr_release_time("시점 2025. 8. 13.(수) 15:00") is None


def _release(ocr: bool) -> Document:
    lines = ["보도시접 2025. 8. 13.(?) 15:00", "가계대출 동향 점검회의 개최",
             "□ 금융위원회는 13일 가계부채 점검회의를 개최하였다."]
    source = Source(path="x.pdf", sha256="0", format="pdf", size_bytes=0)
    return Document(source, [Block(BlockType.PARAGRAPH, t, page=1, ocr=ocr) for t in lines])


def test_misread_label_gives_the_time_only_in_ocr_text() -> None:
    assert build_press(_release(ocr=True))[0].published_at == "2025-08-13T15:00:00+09:00"
    assert build_press(_release(ocr=False))[0].published_at is None


def _pdf_line(text: str, top: float, marker: str | None = None,
              kind: BlockType = BlockType.PARAGRAPH) -> Block:
    return Block(kind, text, page=1, bbox=(60.0, top, 540.0, top + 14.0), marker=marker)


def test_enumeration_of_triangles_runs_on_across_lines() -> None:
    from gongmun.schemas.press import logical_blocks

    blocks = [_pdf_line("▲국민 주도 참여·소통 거버넌스 구현, ▲포용과 균형의 기본사회 구현,", 100,
                        "○", BlockType.LIST_ITEM),
              _pdf_line("성과로 신뢰받는 일 잘하는 정부 구현, ▲공공부문 인공지능 대전환 등", 118,
                        "▲", BlockType.CAPTION),
              _pdf_line("4대 핵심 전략으로 구성됐다.", 136)]
    joined, origins = logical_blocks(blocks)
    assert [b.text for b in joined] == [
        "▲국민 주도 참여·소통 거버넌스 구현, ▲포용과 균형의 기본사회 구현, "
        "▲성과로 신뢰받는 일 잘하는 정부 구현, ▲공공부문 인공지능 대전환 등 "
        "4대 핵심 전략으로 구성됐다."]
    assert origins == [[0, 1, 2]]


def test_photo_caption_after_a_sentence_stays_apart() -> None:
    from gongmun.schemas.press import logical_blocks

    blocks = [_pdf_line("도지사는 현장을 둘러보고 관계자를 격려했다.", 100),
              _pdf_line("도지사가 현장을 둘러보고 있다.", 118, "▲", BlockType.CAPTION)]
    assert len(logical_blocks(blocks)[0]) == 2


# --- OCR-tolerant evidence (schemas/press_ocr.py) --------------------------------------------


def test_public_body_a_few_jamo_off() -> None:
    from gongmun.schemas.press_ocr import near_public_body

    # Tesseract's reading of the household-loans release's contact table (shared/real)
    assert near_public_body("그응위워회") == "금융위원회"
    assert near_public_body("(> 해양수산부 보도ㅅ :료") == "해양수산부"
    assert near_public_body("행정알정부") == "행정안전부"
    assert near_public_body("주민 설명회") is None
    assert near_public_body("정책과") is None


def test_banner_and_header_lines_as_ocr_reads_them() -> None:
    from gongmun.schemas.press_ocr import has_banner, is_banner_or_header

    assert is_banner_or_header("보 도 ㅅ 료")
    assert is_banner_or_header("보도시접 2025. 8. 13.(?) 15:00")
    assert has_banner("(_) 재정경제부 보도ㅅ: 료")
    assert not is_banner_or_header("세종 공공 산후조리원 첫 삽, 주민 숙원 풀린다")
    assert not has_banner("보도블록 정비 사업 착수")


def test_spaced_phone_numbers() -> None:
    from gongmun.schemas.press_ocr import ocr_phone

    assert ocr_phone("과 장 컷99 (0 2-2100-2830)") == "02-2100-2830"
    assert ocr_phone("다 (02-2 100-16 90)") == "02-2100-1690"
    assert ocr_phone("사무과 2 (044-205.3947)") == "044-205-3947"
    assert ocr_phone("044 209-4326") == "044-209-4326"
    assert ocr_phone("044-202 3500") == "044-202-3500"
    assert ocr_phone("사무관 황예진 (46) 1012100<068.「)") is None


def test_only_names_that_look_like_names() -> None:
    from gongmun.schemas.press_ocr import looks_like_name

    assert looks_like_name("김정희") and looks_like_name("배하유")
    # garbles of 김대영, 김영상 and `사무관 이…`, and a label one jamo off
    assert not any(looks_like_name(n) for n in ("기영", "경상", "사무과이", "책입자", None))


def _line(text: str, top: float, height: float, marker: str | None = None,
          kind: BlockType = BlockType.PARAGRAPH) -> Block:
    return Block(kind, text, page=1, bbox=(60.0, top, 530.0, top + height), marker=marker,
                 ocr=True)


BODY = [_line("□ 정부는 외국인 주민 지원센터 건립 사업에 총사업비 35억 원을 투입해",
              274, 12),
        _line("2029년까지 마무리한다고 11일 밝혔다.", 295, 12),
        _line("□ 사업비는 국비 17억 원과 지방비 18억 원으로 마련되며, 올해 하반기", 327, 12),
        _line("실시설계를 마칠 계획이다.", 348, 12)]


def test_headline_is_the_tall_lines_under_the_banner() -> None:
    from gongmun.schemas.press_ocr import body_line_height, tall_headline

    blocks = [_line("(_) 해양수산부 보도ㅅ: 료", 50, 18),  # logo and banner: tall, not a title
              _line("보도시점 2025. 10. 11.(토) 09:00", 94, 12),
              _line("해양수산부 외국인 주민 지원센터 건립 착수…2029년", 141, 19,
                    kind=BlockType.HEADING),
              _line("완공 목표", 169, 17, kind=BlockType.HEADING),
              _line("고", 190, 9),  # a speck
              _line("외국인 주민 지원센터 추진 계획 발표", 215, 12, "-"), *BODY]
    assert tall_headline(blocks, body_line_height(blocks)) == [2, 3]
    # the same page with the headline set no larger than the body: no headline by size
    flat = [b if i not in (2, 3) else _line(b.text, b.bbox[1], 12) for i, b in enumerate(blocks)
            if b.bbox is not None]
    assert tall_headline(flat, body_line_height(flat)) == []


def test_a_two_line_paragraph_is_not_a_headline() -> None:
    from gongmun.schemas.press_ocr import tall_headline

    blocks = [_line("보도시점 2025. 10. 11.(토) 09:00", 94, 12),
              _line("□ 해양수산부는 11일 오후 3시 군청 상황실에서 주민 설명회를 열고 "
                    "사업 내용을 공개했다.", 141, 31), *BODY]
    assert tall_headline(blocks, 12.0) == []


def test_headline_in_a_box_is_the_first_line_under_the_header() -> None:
    from gongmun.schemas.press_ocr import first_title_line

    blocks = [_line("보도시접 2025. 8. 13.(?) 15:00", 120, 8),
              _line("7월중 가계대출 동향(잠정) 및 가계부채 점검회의 개최", 145, 12),
              _line("25.7월 가계대출은 +2.2조원 증가하여 전월 대비 증가폭 대폭 축소", 160, 12),
              *BODY]
    assert first_title_line(blocks) == [1]
    assert first_title_line(blocks[1:]) == []  # no header above: not a 보도자료


def _ocr_table(rows: list[list[str]], ocr: bool = True) -> Table:
    return Table("t1", rows, page=1, ocr=ocr)


# The household-loans release's contact table as Tesseract read it (labels 책입자, 달당자).
_LOANS = [["달닷버\n(홍과)", "그응위워회\n정책과", "책입자", "과 장 컷99 (0 2-2100-2830)"],
          ["", "", "달당자", "다 (02-2 100-16 90)"],
          ["", "", "", "무과 2 지 (02-2100-1692)"],
          ["", "기회재정부\n자금시장과", "책입자", "과 장 김희곤 (044-215-2750)"]]


def test_contacts_from_an_ocr_table_with_misread_labels() -> None:
    from gongmun.schemas.press_contacts import find_contacts

    got = [(c.name, c.phone) for c in find_contacts([_ocr_table(_LOANS)])]
    assert got == [(None, "02-2100-2830"), (None, "02-2100-1690"), (None, "02-2100-1692"),
                   ("김희곤", "044-215-2750")]
    # labels one jamo off count only where OCR read them
    assert find_contacts([_ocr_table(_LOANS, ocr=False)]) == []


def test_phone_on_a_row_of_its_own_label() -> None:
    from gongmun.schemas.press_contacts import find_contacts

    rows = [["보도일시", "2026. 2. 26.(목) 15:00"], ["담당부서", "소방청 기반시설과"],
            ["담당자", "국장 이혜원"], ["연락처", "044-201-9662"]]
    got = [(c.department, c.name, c.phone) for c in find_contacts([_ocr_table(rows, False)])]
    assert got == [("소방청 기반시설과", "이혜원", "044-201-9662")]


def test_ocr_page_record_headline_subheadline_office_contacts() -> None:
    from gongmun.extract.model import table_block

    table = _ocr_table([["담당부서", "직위", "담당자", "연락저"],
                        ["안전정책과", "국장", "박경민", "044 210-2206"]])
    table = Table("t1", table.rows, page=1, bbox=(57.0, 450.0, 538.0, 491.0), ocr=True)
    blocks = [_line("보 도 ㅅ 료", 50, 18),
              _line("보도시점 2025. 10. 11.(토) 09:00", 94, 12),
              _line("외국인 주민 지원센터 건립 착수…2029년 완공 목표", 141, 19,
                    kind=BlockType.HEADING),
              _line("외국인 주민 지원센터 추진 계획 발표", 215, 12, "-"), *BODY,
              table_block(table), _line("해양수산부 대 변 인", 520, 12)]
    source = Source(path="x.png", sha256="0", format="image", size_bytes=0, pages=1,
                    ocr_pages=(1,))
    press = build_press(Document(source, blocks, [table]))[0]
    assert press.headline == "외국인 주민 지원센터 건립 착수…2029년 완공 목표"
    assert press.subheadline == "외국인 주민 지원센터 추진 계획 발표"
    assert press.published_at == "2025-10-11T09:00:00+09:00"
    assert press.outlet == "해양수산부"  # the 대변인 line: the body names no office
    assert [(c.name, c.phone) for c in press.contacts] == [("박경민", "044-210-2206")]


def test_body_line_height_ignores_blocks_of_wrapped_lines() -> None:
    from gongmun.schemas.press_ocr import body_line_height

    blocks = [_line("사업비는 국비 48억 원과 지방비 72억 원으로 마련되며 올해 하반기", 100, 31),
              _line("주민 설명회를 열고 사업 내용을 공개했다 이번 사업은 단계적으로", 140, 33),
              _line("부산광역시는 4일 오전 11시 문화예술회관에서 주민 설명회를 열었다.", 180, 12),
              _line("사업이 끝나면 일자리 300개가 새로 생길 것으로 보고 있다.", 200, 11),
              _line("내년 상반기 중 시공사를 선정하고 착공에 들어갈 예정이다.", 220, 12)]
    assert body_line_height(blocks) == 12


def test_sub_headline_lines_a_reader_kept_together_come_apart() -> None:
    from gongmun.schemas.press_ocr import split_marked_lines

    block = _line("ㅡ도심 공원 녹지축 추진 계획 발표 ㅡ 충청남도 등 관계기관과 협력 강화", 200, 31)
    assert [(b.marker, b.text) for b in split_marked_lines(block)] == [
        ("ㅡ", "도심 공원 녹지축 추진 계획 발표"), ("ㅡ", "충청남도 등 관계기관과 협력 강화")]
    number = _line("-3.2% 감소한 수치", 200, 12)
    assert split_marked_lines(number) == [number]
    text_layer = Block(BlockType.PARAGRAPH, "ㅡ 추진 계획 발표", page=1)
    assert split_marked_lines(text_layer) == [text_layer]


def test_a_sub_headline_whose_dash_ocr_lost() -> None:
    from gongmun.schemas.press_layout import analyse

    blocks = [_line("보도일시 2024. 2. 22.(목) 17:00", 60, 8),
              _line("조달청 수소 충전 인프라 구축 착수…2026년 완공 목표", 90, 18,
                    kind=BlockType.HEADING),
              _line("수소 충전 인프라 추진 계획 발표", 130, 12),
              _line("전라남도 등 관계기관과 협력 강화", 150, 12, "ㅡ"), *BODY]
    layout = analyse(blocks, None, frozenset(), [1])
    assert layout.subheadlines == [2, 3]
    assert layout.body[0] == 4
