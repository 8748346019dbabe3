"""The management-card builder: the seed card's facts, and the builder's rules on small cards."""

from __future__ import annotations

import pytest
from conftest import SEED_CARD

from gongmun.pipeline import extract, extract_bytes
from gongmun.schemas.models import Card, Record

BILLION = 1_000_000_000


@pytest.fixture(scope="module")
def seed(seed_card_record: Record) -> Record:
    return seed_card_record


@pytest.fixture(scope="module")
def card(seed: Record) -> Card:
    assert seed.card is not None
    return seed.card


def test_seed_is_a_card_with_its_title(seed: Record) -> None:
    assert seed.doc_type == "management_card"
    assert seed.title == "도지사 공약사업 관리카드"
    assert seed.source.encoding == "utf-8" and seed.source.format == "ocr_text"


def test_seed_header(card: Card) -> None:
    assert card.pledge_name == "데이터산업 수도 육성"
    assert card.pledge_subtitle == "데이터 활용 의료"
    assert card.management_no == "2-14-2"
    assert card.department == "디지털산업과"
    assert (card.officer.name, card.officer.phone) == ("김은규", "2193")
    assert card.cooperating_departments == ["바이오헬스과"]
    assert card.target == "임기 이후 완료 (임기 내 착수-공정 80%)"
    assert card.status == "추진중(정상)"


def test_seed_overview(card: Card) -> None:
    assert (card.period.start_year, card.period.end_year, card.period.years) == (2023, 2027, 5)
    assert card.total_budget_krw == 45 * BILLION
    assert card.budget_sources_krw.model_dump() == {
        "national": 30 * BILLION, "provincial": 5_130_000_000, "municipal": 9_870_000_000,
        "other": None}
    assert [(w.quantity, w.unit) for w in card.work_items] == [(10, "건"), (10, "건"),
                                                               (1, "개소")]
    first = card.work_items[0]
    assert first.title == "AI 기반 의료 솔루션(예측·진단·처방) 실증 및 사업화"
    assert [(p.name, p.start_year, p.end_year, p.quantity) for p in first.phases] == [
        ("1단계", 2023, 2025, 8), ("2단계", 2025, 2027, 2)]
    assert card.work_items[2].notes == [
        "데이터 기반 개인 맞춤형 치유, 원격의료 협진, AI 의료솔루션·기기 실증 등"]
    assert card.summary == "인공지능(AI) 의료기술 실증 생태계 조성 및 의료산업 육성"


def test_seed_funding_table(card: Card) -> None:
    funding = card.funding
    assert (funding.unit_label, funding.unit_krw) == ("백만 원", 1_000_000)
    rows = {r.source: r for r in funding.rows}
    assert list(rows) == ["total", "national", "provincial", "municipal", "other"]
    assert rows["national"].by_year_krw["2023"] == 9 * BILLION
    assert rows["national"].prior_krw is None  # a blank cell is null, not 0
    assert rows["total"].prior_krw == 0
    assert rows["total"].by_year_krw == {"2022": 0, "2023": 13_500_000_000,
                                         "2024": 9 * BILLION, "2025": 9 * BILLION,
                                         "2026": 7_500_000_000}
    assert rows["municipal"].after_term_krw == 1_820_000_000
    assert rows["other"].total_krw == 0


def test_seed_checks_all_pass(card: Card) -> None:
    names = {c.name for c in card.funding.checks}
    assert {"sources_sum_to_total:2023", "years_sum_to_total:national",
            "total_budget_matches_table", "communication_sum_to_total"} <= names
    assert all(c.ok for c in card.funding.checks)


def test_seed_achievements(card: Card) -> None:
    sections = [(a.section, a.as_of) for a in card.achievements]
    assert sections.count(("기 추진실적", "2024-Q3")) == 14
    assert sections.count(("2024년 4분기 현재", "2024-Q4")) == 5
    first = card.achievements[0]
    assert (first.text, first.date_start, first.date_end) == (
        "인공지능 지역확산 선도사업 계획수립", "2022-05", "2022-05")
    open_ended = card.achievements[3]
    assert (open_ended.date_start, open_ended.date_end) == ("2023-07", None)
    span = next(a for a in card.achievements if a.date_text == "'24. 2 ~ 3월")
    assert (span.date_start, span.date_end) == ("2024-02", "2024-03")


def test_seed_goals_are_three_projects(card: Card) -> None:
    assert [g.project for g in card.goals] == [
        "인공지능 기반 의료 솔루션 사업화", "인공지능 기반 의료기기 사업화",
        "인공지능 기반 암 치유센터 조성"]
    for goal in card.goals:
        assert [(t.year, t.status) for t in goal.targets] == [(2023, "완료"), (2024, "추진중")]
    assert card.goals[0].targets[0].text == "사업공고, 실증과제(8건) 선정, 추진"
    assert card.goals[2].details[1] == "(인제군 원대리→강대병원)"


def test_seed_communication_plans_effects(card: Card) -> None:
    assert card.communication.model_dump() == {
        "total": 19, "resident_meetings": None, "satisfaction_surveys": None,
        "expert_consultations": 1, "media": 14, "other": 4}
    assert [(p.date_start, p.date_end) for p in card.plans] == [
        ("2025-04", "2025-04"), ("2025-06", "2025-06"), ("2025-01", "2025-12")]
    assert len(card.expected_effects) == 3


def test_without_correction_the_form_still_reads_by_position() -> None:
    record = extract(SEED_CARD, correct=False)
    assert record.corrections == []
    card = record.card
    assert card is not None
    assert card.officer.name == "김은규"
    assert card.communication.total == 19
    assert card.goals[1].targets[0].status == "완료"
    codes = {w.code for w in record.warnings}
    assert {"officer_label_not_found", "header_by_position", "status_cell_extra_text"} <= codes


SMALL_CARD = """# 도지사 공약사업 관리카드
공 약 명\t시험 공약\t관리번호\t9-9-9
추진부서\t시험과\t담 당 자 홍길동\t전화번호\t1234

### □ 사업개요
○ 사업량:
① 숲길 정비(120km)
② 치유의 숲 조성(약 3개소)
○ 총사업비 : 1조 2,000억 원(국비 7,000, 도비 5,000)

### □ 재원투자 실적 및 계획
(단위 : 억 원)
구 분\t총사업비\t연도별\t
\t\t2025년\t2026년
계\t12,000\t5,000\t7,000
국 비\t7,000\t3,000\t4,000
도 비\t5,000\t2,000\t2,900
"""


def test_a_card_that_does_not_add_up_is_extracted_with_warnings() -> None:
    record = extract_bytes(SMALL_CARD.encode(), "small.txt", correct=False)
    card = record.card
    assert card is not None
    assert card.officer.name == "홍길동"  # label and value in one cell
    assert [(w.title, w.quantity, w.unit) for w in card.work_items] == [
        ("숲길 정비", 120, "km"), ("치유의 숲 조성(약 3개소)", None, None)]
    assert card.total_budget_krw == 1_200_000_000_000
    assert card.budget_sources_krw.national == 700_000_000_000  # in the amount's unit: 억
    failed = {c.name for c in card.funding.checks if not c.ok}
    assert failed == {"sources_sum_to_total:2026", "years_sum_to_total:provincial"}
    warned = [w.message for w in record.warnings if w.code == "check_failed"]
    assert len(warned) == 2 and any("2026" in m for m in warned)


def test_cp949_card_reads_the_same() -> None:
    record = extract_bytes(SMALL_CARD.encode("cp949"), "small.txt", correct=False)
    assert record.source.encoding == "cp949"
    assert record.card is not None and record.card.management_no == "9-9-9"


def test_every_card_field_says_where_it_was_read(seed: Record, card: Card) -> None:
    where = card.provenance
    assert (where["management_no"].table, where["management_no"].row,
            where["management_no"].col, where["management_no"].line) == ("t1", 0, 6, 3)
    budget = where["total_budget_krw"]
    assert budget.block is not None
    assert "45,000백만 원" in seed.blocks[budget.block].text
    assert where["funding"].table == next(t.id for t in seed.tables if t.unit == "백만 원")
    for item in [*card.achievements, *card.plans]:
        assert item.source is not None and item.source.block is not None
        assert item.text in seed.blocks[item.source.block].text
    expected = {"pledge_name", "management_no", "department", "officer", "target", "status",
                "period", "work_items", "total_budget_krw", "summary", "funding", "goals",
                "communication", "achievements", "plans", "expected_effects"}
    assert expected <= set(where)


GOALS_WITHOUT_YEARS = """# 도지사 공약사업 관리카드
공약명\t시험 공약\t관리번호\t9-9-8

#### 《현재까지 목표달성》

주요사업\t목표치\t추진상황\t추진내용
수소충전소 구축\t충전소 6개소 구축\t추진중\t3개소 준공
수소버스 보급\t버스 40대 보급\t완료\t40대 운행
"""


def test_goals_without_year_markers_are_one_project_per_named_row() -> None:
    card = extract_bytes(GOALS_WITHOUT_YEARS.encode(), "g.txt", correct=False).card
    assert card is not None
    assert [(g.project, [(t.year, t.text, t.status) for t in g.targets], g.details)
            for g in card.goals] == [
        ("수소충전소 구축", [(None, "충전소 6개소 구축", "추진중")], ["3개소 준공"]),
        ("수소버스 보급", [(None, "버스 40대 보급", "완료")], ["40대 운행"])]


@pytest.mark.slow
def test_the_same_card_as_html_and_as_a_libreoffice_pdf_reads_the_same() -> None:
    folder = SEED_CARD.parent
    html = extract(folder / "lo_hydrogen_card.html", correct=False)
    pdf = extract(folder / "lo_hydrogen_card.pdf", correct=False)
    assert (html.source.format, pdf.source.format) == ("html", "pdf")
    assert html.card is not None and pdf.card is not None
    skip = {"provenance", "achievements", "plans"}  # where things stand differs by format
    assert html.card.model_dump(exclude=skip) == pdf.card.model_dump(exclude=skip)
    assert [p.text for p in html.card.plans] == [p.text for p in pdf.card.plans]
    assert html.card.management_no == "5-02-1"
    assert html.card.funding.unit_krw == 1_000_000 and html.card.funding.checks
    assert all(c.ok for c in pdf.card.funding.checks)


def test_an_ocr_card_in_other_wording_reads_whole() -> None:
    """합 계 for 계, a (단위 : 억 원) table, 기투자 filled in, a measured work item."""
    record = extract(SEED_CARD.parent / "ocr_forest_card.md")
    card = record.card
    assert card is not None
    assert (card.management_no, card.status, card.officer.name) == ("1-03-5", "추진중(지연)",
                                                                    "이수진")
    assert card.cooperating_departments == ["관광정책과", "환경과"]
    total = card.funding.rows[0]
    assert (total.source, total.label, total.prior_krw) == ("total", "합계", 5_000_000_000)
    assert card.funding.unit_krw == 100_000_000 and card.total_budget_krw == 30_000_000_000
    assert card.funding.checks and all(c.ok for c in card.funding.checks)
    assert (card.work_items[1].quantity, card.work_items[1].unit) == (120, "km")
    assert record.warnings == [] and record.corrections == []
