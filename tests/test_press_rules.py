"""The press builder's rules on small made-up pages it has never seen."""

from __future__ import annotations

import pytest

from gongmun.pipeline import extract_bytes
from gongmun.schemas.press import copyright_holder
from gongmun.schemas.press_quotes import find_quotes, split_sentences
from gongmun.schemas.press_text import furniture_kind


def press_of(text: str):  # type: ignore[no-untyped-def]
    record = extract_bytes(text.encode("utf-8"), "page.txt")
    assert record.doc_type == "press_release"
    assert record.press is not None
    return record.press


@pytest.mark.parametrize(("line", "holder"), [
    ("[저작권자ⓒ 뉴스스텝. 무단전재-재배포 금지]", "뉴스스텝"),
    ("<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "연합뉴스"),
    ("Copyright © 한빛뉴스 All rights reserved.", "한빛뉴스"),
    ("ⓒ 강원도민일보(www.kado.net), 무단전재 및 재배포 금지", "강원도민일보"),
    ("Copyright © 2025 동해경제신문. All rights reserved.", "동해경제신문"),
])
def test_copyright_holder(line: str, holder: str) -> None:
    assert copyright_holder(line) == holder


@pytest.mark.parametrize(("text", "kind"), [
    ("최신뉴스", "end"), ("많이 본 기사", "end"), ("PHOTO NEWS", "end"), ("뉴스댓글 >", "end"),
    ("댓글 3", "end"), ("관련기사", "end"), ("더보기", "drop"), ("인쇄", "drop"), ("+", "drop"),
    ("URL복사", "drop"), ("[저작권자ⓒ 뉴스스텝. 무단전재-재배포 금지]", "copyright"),
    ("▲ 강원도청 전경", "photo"), ("도청 전경 /사진=강원도 제공", "photo"), ("끝.", "signoff"),
    ("도는 최신뉴스를 모아 제공한다고 밝혔다.", None),
    ("사진 공모전 수상작 200점을 전시한다고 밝혔다.", None),
])
def test_furniture_kind(text: str, kind: str | None) -> None:
    assert furniture_kind(text) == kind


def test_sentences_do_not_split_inside_quotes() -> None:
    text = "그는 “잘 됐다. 고맙다”고 말했다. 이어 떠났다."
    assert split_sentences(text) == ["그는 “잘 됐다. 고맙다”고 말했다.", "이어 떠났다."]


def test_speaker_after_the_quote() -> None:
    quotes = find_quotes(["“군민과 함께 하겠다”고 박영수 군수는 말했다."])
    assert [(q.speaker, q.role) for q in quotes] == [("박영수", "군수")]


def test_surname_and_role_refer_back() -> None:
    quotes = find_quotes(["최민호 시장이 현장을 찾았다.", "최 시장은 “끝까지 챙기겠다”고 말했다."])
    assert [(q.speaker, q.role) for q in quotes] == [("최민호", "시장")]


def test_pronoun_keeps_the_speaker() -> None:
    quotes = find_quotes(["한지민 대표는 “수출을 늘리겠다”고 밝혔다.",
                          "그는 “인력도 뽑겠다”고 덧붙였다."])
    assert [q.speaker for q in quotes] == ["한지민", "한지민"]


def test_a_new_subject_is_not_the_previous_speaker() -> None:
    quotes = find_quotes(["한지민 대표는 “수출을 늘리겠다”고 밝혔다.",
                          "참석자들은 “기대가 크다”고 말했다."])
    assert quotes[1].speaker is None


def test_org_glued_to_the_role() -> None:
    quotes = find_quotes(["김진태 강원특별자치도지사는 “최선을 다하겠다”고 말했다."])
    assert [(q.speaker, q.role) for q in quotes] == [("김진태", "도지사")]


def test_a_title_in_quotes_is_not_a_quote() -> None:
    assert find_quotes(["시는 “스마트 도시”를 내세웠다고 밝혔다."]) == []


YONHAP_STYLE = """홈 > 전국 > 강원
춘천 레고랜드 인근 도로 확장…내년 완공
송고 2025-06-02 14:05
(춘천=가상통신) 오지훈 기자 = 강원 춘천시는 레고랜드 인근 도로 1.2㎞ 구간을 확장한다고 2일 밝혔다.
사업비는 85억 원이며, 내년 6월 완공이 목표다.
jihoon@example.com
<저작권자(c) 가상통신, 무단 전재-재배포 금지>
2025/06/02 14:05 송고
이 시각 헤드라인
다른 기사가 여기에 있다고 밝혔다.
"""


def test_dateline_article_without_a_byline_name() -> None:
    press = press_of(YONHAP_STYLE)
    assert press.headline == "춘천 레고랜드 인근 도로 확장…내년 완공"
    assert press.outlet == "가상통신"
    assert press.reporter == "오지훈"
    assert press.published_at == "2025-06-02T14:05:00+09:00"
    assert press.paragraphs == [
        "강원 춘천시는 레고랜드 인근 도로 1.2㎞ 구간을 확장한다고 2일 밝혔다.",
        "사업비는 85억 원이며, 내년 6월 완공이 목표다.",
    ]
    assert [a.krw for a in press.amounts] == [8_500_000_000]
    assert ("내년 6월", "2026-06") in [(d.text, d.date_start) for d in press.dates]


def test_a_second_dateline_starts_another_article() -> None:
    page = ("도, 새 사업 착수\n김철수 기자 / 기사승인 : 2025-02-03 10:00:00\n"
            "[가상일보] 도는 새 사업에 착수했다고 밝혔다.\n"
            "[가상일보] 시는 다른 사업을 마쳤다고 밝혔다.\n")
    assert press_of(page).paragraphs == ["도는 새 사업에 착수했다고 밝혔다."]


# --- layouts the builder was not written against (issue 9) -----------------------------------

PORTAL_PAGE = """가상일보
로그인 | 회원가입 | 구독신청
홈 정치 경제 사회 전국
홈 > 전국 > 강원
양양군, 해변 산책로 정비 마무리…15억 원 투입
내년 여름 개장, 주민 설명회 잇따라
이도윤 기자 | 입력 2025.07.01 09:05 | 수정 2025.07.01 13:40
페이스북 트위터 카카오톡 URL복사
가 가
양양군은 해변 산책로 정비 사업에 15억 원을 투입해 올해 안에 마무리한다고 1일 밝혔다.
김진하 양양군수는 “주민이 즐겨 찾는 길로 만들겠다”고 말했고, \
박수빈 도의원은 “예산을 꼼꼼히 살피겠다”고 밝혔다.
이도윤 기자 doyun@example.com
Copyright © 가상일보 All rights reserved.
"""


def test_login_menu_and_share_bar_are_never_headline_or_subheadline() -> None:
    press = press_of(PORTAL_PAGE)
    assert press.headline == "양양군, 해변 산책로 정비 마무리…15억 원 투입"
    assert press.subheadline == "내년 여름 개장, 주민 설명회 잇따라"


def test_byline_with_input_and_edit_times_prefers_input() -> None:
    press = press_of(PORTAL_PAGE)
    assert press.reporter == "이도윤"
    assert press.published_at == "2025-07-01T09:05:00+09:00"


def test_two_speakers_in_one_sentence_give_two_quotes() -> None:
    quotes = [(q.speaker, q.role, q.text) for q in press_of(PORTAL_PAGE).quotes]
    assert quotes == [("김진하", "군수", "주민이 즐겨 찾는 길로 만들겠다"),
                      ("박수빈", "도의원", "예산을 꼼꼼히 살피겠다")]


def test_one_speakers_segments_stay_one_quote() -> None:
    quotes = find_quotes(["김 지사는 인사했다.", "김진태 지사는 “하나다”며, “둘이다”고 밝혔다."])
    assert [(q.speaker, q.text) for q in quotes] == [("김진태", "하나다 둘이다")]


def test_an_office_before_관계자_is_not_a_name() -> None:
    quotes = find_quotes(["경상북도 관계자는 “서두르겠다”고 전했다."])
    assert [(q.speaker, q.role) for q in quotes] == [(None, "관계자")]


def test_statement_broken_over_two_paragraphs() -> None:
    quotes = find_quotes(["윤호중 장관은 “목적이 있다”라며,", "“집중하겠다”고 밝혔다."])
    assert [(q.speaker, q.text) for q in quotes] == [("윤호중", "목적이 있다 집중하겠다")]


KICKER_PAGE = """월간가상
매거진 | 인터뷰 | 기획
김민수 원주시장
원주 도심 공원 녹지축 첫 삽, 주민 숙원 풀린다
기사입력 2025년 9월 8일 16:40
글 안지훈 기자
원주시는 도심 공원 녹지축 조성 사업을 시작한다고 8일 밝혔다.
[ⓒ 월간가상] 무단전재 재배포 금지
"""


def test_a_kicker_is_not_the_headline_and_a_verb_headline_is_not_body() -> None:
    press = press_of(KICKER_PAGE)
    assert press.headline == "원주 도심 공원 녹지축 첫 삽, 주민 숙원 풀린다"
    assert press.published_at == "2025-09-08T16:40:00+09:00"
    assert press.paragraphs == ["원주시는 도심 공원 녹지축 조성 사업을 시작한다고 8일 밝혔다."]


def test_bare_date_under_the_headline_is_the_publication_time() -> None:
    page = ("우리마을 이야기\n카테고리: 지역소식\n괴산 체류형 농촌관광 마을 문을 연다\n"
            "2026. 3. 4. 14:05\n괴산군은 체류형 농촌관광 마을 조성을 마쳤다고 4일 밝혔다.\n"
            "군수는 “기쁘다”고 말했다.\n"
            "© 우리마을 이야기\n")
    press = press_of(page)
    assert press.headline == "괴산 체류형 농촌관광 마을 문을 연다"
    assert press.published_at == "2026-03-04T14:05:00+09:00"
    assert press.outlet == "우리마을 이야기"


def test_date_only_release_gives_the_day() -> None:
    page = ("가상시\n보도자료\n가상시, 새 도서관 착공\n담당부서 도서관과 | 등록일 2025-03-14\n"
            "시는 새 도서관을 착공한다고 14일 밝혔다.\n")
    assert press_of(page).published_at == "2025-03-14"


def test_foreign_money_keeps_its_currency() -> None:
    from gongmun.schemas.press import find_foreign_money

    assert find_foreign_money("기준 141.5억 달러로, 14억불, $10억") == [
        (3, 12, 14_150_000_000, "USD"), (15, 19, 1_400_000_000, "USD"),
        (21, 25, 1_000_000_000, "USD")]
    assert find_foreign_money("사업비 350억 원") == []


def test_contact_cell_parts() -> None:
    from gongmun.schemas.press_contacts import parse_person

    assert parse_person("과 장 강병중(044-215-7630)") == ("과장", "강병중", "044-215-7630", None)
    assert parse_person("사무관 황예진(yejin1210@korea.kr") == (
        "사무관", "황예진", None, "yejin1210@korea.kr")


def test_speaker_organisation_as_the_text_names_it() -> None:
    quotes = find_quotes(["이상훈 원주시장은 “가겠다”고 말했다.",
                          "김진태 강원특별자치도지사는 “하겠다”고 말했다.",
                          "한편 강원특별자치도 관계자는 “돕겠다”고 전했다.",
                          "김 지사는 “또 하겠다”고 말했다."])
    assert [(q.speaker, q.role, q.organization) for q in quotes] == [
        ("이상훈", "시장", "원주시"), ("김진태", "도지사", "강원특별자치도"),
        (None, "관계자", "강원특별자치도"), ("김진태", "도지사", "강원특별자치도")]


def test_html_structure_reaches_the_builder() -> None:
    page = ("<html><head><title>가상신문</title></head><body>"
            "<div class='top'>로그인 | 회원가입</div>"
            "<h1>동해시, 묵호항 수산물센터 새 단장…30억 원 투입</h1>"
            "<p>정하늘 기자 | 입력 2025.05.02 08:10</p>"
            "<p>동해시는 묵호항 수산물센터를 새로 단장한다고 2일 밝혔다.</p>"
            "<p>ⓒ 가상신문, 무단전재 및 재배포 금지</p></body></html>")
    from gongmun.extract import read_document

    doc = read_document(page.encode("utf-8"), "page.html")
    assert doc.metadata["h1"] == "동해시, 묵호항 수산물센터 새 단장…30억 원 투입"
    assert "tf:title" in doc.metadata
    record = extract_bytes(page.encode("utf-8"), "page.html")
    assert record.press is not None
    assert record.press.headline == "동해시, 묵호항 수산물센터 새 단장…30억 원 투입"
    assert record.press.published_at == "2025-05-02T08:10:00+09:00"
    assert record.press.outlet == "가상신문"
