"""Each OCR candidate proposer alone, on made-up text (never lines of the corpus), and the
corrector's work on long lines."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gongmun.normalize.corrections import TextContext, restore_original
from gongmun.normalize.typos.arbiter import Edit
from gongmun.normalize.typos.markers import line_shape, marker_edits
from gongmun.normalize.typos.numbers import number_punct_edits
from gongmun.normalize.typos.punctuation import (
    item_colon_edits,
    item_marks,
    paren_space_edits,
    quote_space_edits,
    triangle_edits,
    year_apostrophe_edits,
)
from gongmun.normalize.typos.spacing import (
    column_gap_edits,
    compound_join_edits,
    field_value_join_edits,
    join_edits,
    label_join_edits,
    lm_join_edits,
    number_split_edits,
    particle_join_edits,
    unit_join_edits,
)


def applied(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out += [text[pos:e.start], e.replacement]
        pos = e.end
    return "".join(out) + text[pos:]


def made(proposer: Callable[[str], list[Edit]], text: str) -> str:
    return applied(text, proposer(text))


# --- spacing ---------------------------------------------------------------------------------


def test_closed_compounds_of_the_dev_text_join() -> None:
    # 창업기업 is in data/ocr_compounds.tsv (written solid in dev, never spaced).
    assert made(compound_join_edits, "올해 창업 기업 지원을 늘린다") == \
        "올해 창업기업 지원을 늘린다"
    # Before a particle, prose may space a compound: left alone.
    assert compound_join_edits("교육 과정을 바꾼다") == []
    # Two words that are not such a compound stay apart.
    assert compound_join_edits("올해 창업 지원을 늘린다") == []


def test_a_header_rows_one_word_values_join() -> None:
    row = "추진부서 미 래 전 략 과  담당자 김 하 늘  전화번호 1234"
    assert made(field_value_join_edits, row) == \
        "추진부서 미래전략과  담당자 김하늘  전화번호 1234"
    # A name and a title (press headers) are more than a name's syllables: left.
    assert field_value_join_edits("담당부서 미래전략과  담당자 김철수 주무관") == []
    # Not a header row: nothing.
    assert field_value_join_edits("오늘 담당자 김 하 늘 씨가 왔다") == []


def test_pieces_of_a_word_join_at_a_small_gain() -> None:
    # Kiwi's spacer splits 보건 정책과; the pieces still make one word.
    assert made(join_edits, "기획팀 보 건 정 책 과 행사") == "기획팀 보건정책과 행사"


def test_a_letter_spaced_first_word_is_prose_when_it_ends_in_a_particle() -> None:
    assert made(join_edits, "광 주 시 는 5월 3일 행사를 열었다").startswith("광주")
    # A header's letter-spaced labels stay as they are.
    assert join_edits("관 항 목 당초 추경") == []


def test_the_layout_patterns_come_from_the_data_file() -> None:
    from gongmun.normalize.resources import read_table

    names = {r[0] for r in read_table("ocr_punctuation.tsv")}
    assert {"triangle", "year_apostrophe", "item_colon", "quote_open", "quote_close", "paren",
            "paren_inside", "item_marks"} <= names
    assert "○" in item_marks() and "□" in item_marks()


def test_a_number_and_its_unit_join() -> None:
    assert made(unit_join_edits, "총 3 개소를 2025 년에 준공") == "총 3개소를 2025년에 준공"
    assert made(unit_join_edits, "5 개월간 3 분기부터") == "5개월간 3분기부터"
    # A word that only starts like a unit is a word: 1 개최, 2 회의.
    assert unit_join_edits("행사 1 개최 예정, 2 회의실") == []


def test_the_language_model_joins_pieces_of_words() -> None:
    assert made(lm_join_edits, "올해 사 업을 추진 한다") == "올해 사업을 추진한다"
    # Two whole nouns stay apart: Kiwi's model charges nothing for that space.
    assert lm_join_edits("바이오헬스 클러스터 조성") == []
    # The threshold is the proposer's: a huge one joins nothing.
    assert lm_join_edits("올해 사 업을 추진 한다", min_gain=1000.0) == []


def test_form_labels_join_only_from_pieces_ocr_cut() -> None:
    assert made(join_edits, "공약명 조성 사업 관 리 번호 7-1-2") == \
        "공약명 조성 사업 관리번호 7-1-2"
    assert made(label_join_edits, "□ 향후 계획") == "□ 향후계획"  # the whole heading
    assert made(join_edits, "시 군비 120 30") == "시군비 120 30"  # one piece cut off
    # Two whole words that spell a label elsewhere are the label written spaced on purpose.
    assert join_edits("담당 부서 민원과 김철수") == []
    assert join_edits("보 도 자 료") == []  # letter-spaced on purpose
    assert made(join_edits, "□ 향 후 계 획 (안)") == "□ 향후계획 (안)"  # a heading after a mark


def test_a_particle_set_apart_joins_the_word_before() -> None:
    assert made(particle_join_edits, "도로 정비 를 마쳤다") == "도로 정비를 마쳤다"
    assert particle_join_edits("책임자 과 장 김철수") == []  # 과 장 is a title set apart


def test_lost_spaces_before_a_number() -> None:
    assert made(number_split_edits, "예산 2024년2025년 편성") == "예산 2024년 2025년 편성"
    assert made(number_split_edits, "이번 사업은2024년부터") == "이번 사업은 2024년부터"
    assert made(number_split_edits, "전화번호3821") == "전화번호 3821"
    assert number_split_edits("제2조 개정, 총3건") == []


def test_a_header_rows_column_gaps_come_back() -> None:
    assert made(column_gap_edits, "추진부서 도로과 담당자 김영수 전화번호 1234") == \
        "추진부서 도로과  담당자 김영수  전화번호 1234"
    assert column_gap_edits("추진부서 도로과  담당자 김영수") == []  # the gap is there
    assert column_gap_edits("담당자 김영수 주무관") == []  # no field label follows a value
    assert column_gap_edits("민원 담당자 김영수 전화번호 1234") == []  # not a header row
    assert column_gap_edits("추진실적 사업 추진상황") == []  # domain terms: prose


# --- numbers, marks and punctuation ----------------------------------------------------------


def test_thousands_separators_proved_by_the_number_or_its_line() -> None:
    assert made(number_punct_edits, "금액 1.242.000원 지급") == "금액 1,242,000원 지급"
    assert made(number_punct_edits, "단가 9.500원") == "단가 9,500원"
    assert made(number_punct_edits, "국비 15,000, 도비 5.000, 시비 72000") == \
        "국비 15,000, 도비 5,000, 시비 72,000"
    assert number_punct_edits("비율 0.045 적용, 합계 1,000") == []  # a decimal
    assert number_punct_edits("국비 77200 1,440") == []  # 7,200 or 77,200: not proved
    assert number_punct_edits("2024 2025 1,000") == []  # years
    assert number_punct_edits("시비 72000") == []  # no comma-grouped neighbour


def test_line_marks_by_the_shape_of_the_line() -> None:
    assert line_shape("사업기간 : 2024년") == "item"
    assert line_shape("향후계획") == "heading"
    assert line_shape("주민 의견을 듣는 협의체를 운영한다") == "text"
    assert line_shape("0 0 12") == "other"
    assert made(marker_edits, "O 사업기간 : 2024년") == "○ 사업기간 : 2024년"
    assert marker_edits("O 0 0 12") == []  # a row of numbers
    assert marker_edits("© 지역살림 연구소") == []  # a copyright line
    # A token that stood for one mark in every Hangul shape on dev (ㅁ for □) has a pooled
    # rule for a shape too rare to have its own (a long line).
    line = "ㅁ 주민 의견을 듣고 시설 운영 계획을 고쳐 쓰기로 했다"
    assert made(marker_edits, line) == "□" + line[1:]


def test_punctuation_in_the_patterns_of_reports() -> None:
    assert made(triangle_edits, "전년동기비A11.3% 감소") == "전년동기비△11.3% 감소"
    assert triangle_edits("A4 용지, PA1.5 규격") == []
    assert made(year_apostrophe_edits, "○ 착공 : 24. 3월") == "○ 착공 : '24. 3월"
    assert made(item_colon_edits, "○ 사업량: 10개소") == "○ 사업량 : 10개소"
    assert item_colon_edits("(단위: 억원)") == []  # not an item's label
    assert item_colon_edits("예: 서울") == []
    assert made(quote_space_edits, '그는 " 주민과 함께') == '그는 "주민과 함께'
    assert made(quote_space_edits, '될 것" 이라며') == '될 것"이라며'
    assert made(paren_space_edits, "설명회 개최 (3회)") == "설명회 개최(3회)"
    assert made(paren_space_edits, "국비 확보( 산림청)") == "국비 확보(산림청)"
    assert made(paren_space_edits, "매입 (서원군) : '24") == "매입(서원군) : '24"
    assert paren_space_edits("계획 (단위 : 백만 원)") == []
    assert paren_space_edits("( 환경 평가 보완") == []  # a bullet read as (


# --- the corrector end to end ----------------------------------------------------------------


def test_the_corrector_combines_the_proposers_and_records_each_change() -> None:
    from gongmun.normalize.typos import OcrCorrector

    corrector = OcrCorrector()
    context = TextContext(location={"block": 0}, block_type="paragraph")
    text = "O 사 업기간: 2024 년~2026년(3년간)"
    out, fixes = corrector(text, context)
    assert out == "○ 사업기간 : 2024년~2026년(3년간)"
    assert restore_original(out, fixes) == text
    assert {f.rule.split(":")[0] for f in fixes} >= {"marker", "unit_join", "punct"}


# --- work on long lines ---------------------------------------------------------------------


class _CountingKiwi:
    """Kiwi, counting the characters it is given to read."""

    def __init__(self, kiwi: Any) -> None:
        self.kiwi = kiwi
        self.chars = 0

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.kiwi, name)

        def counted(text: Any, *args: Any, **kwargs: Any) -> Any:
            self.chars += len(text) if isinstance(text, str) else 0
            return method(text, *args, **kwargs)
        return counted


def _kiwi_work(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    from gongmun.normalize import korean, typos
    from gongmun.normalize.typos import OcrCorrector, analysis, spacing

    counting = _CountingKiwi(korean.get_kiwi())
    for module in (korean, analysis, spacing, typos):
        if hasattr(module, "get_kiwi"):
            monkeypatch.setattr(module, "get_kiwi", lambda: counting)
    analysis.kiwi_score.cache_clear()
    if hasattr(korean.kiwi_morphs, "cache_clear"):
        korean.kiwi_morphs.cache_clear()
    OcrCorrector()(text, TextContext(location={}, block_type="paragraph"))
    return counting.chars


@pytest.mark.parametrize("unit", ["시업화하가", "사 업을 추진 한다 2024 년 "])
def test_the_correctors_work_grows_linearly_with_the_line(monkeypatch: pytest.MonkeyPatch,
                                                           unit: str) -> None:
    """Characters Kiwi reads for a line of n and of 4n units: about 4 times as many, not 16
    (a run without spaces once cost each candidate the whole run)."""
    small = _kiwi_work(monkeypatch, unit * 30)
    large = _kiwi_work(monkeypatch, unit * 120)
    assert small > 0
    assert large <= 6 * small


# --- passes to a fixed point ----------------------------------------------------------------


def test_edits_of_a_second_pass_compose_with_the_first() -> None:
    from gongmun.normalize.typos.arbiter import apply_edits, compose_edits

    text = "abcdef"
    made_first = [Edit(1, 3, "XY", "one", 0.9), Edit(5, 5, "!", "two", 0.95)]
    current, _ = apply_edits(text, made_first, {})
    assert current == "aXYde!f"
    more = [Edit(2, 4, "ZZ", "three", 0.85), Edit(0, 1, "A", "four", 0.99)]
    composed = compose_edits(made_first, current, more)
    assert apply_edits(text, composed, {})[0] == apply_edits(current, more, {})[0] == "AXZZe!f"
    merged = next(e for e in composed if "three" in e.rule)
    assert (merged.start, merged.end, merged.replacement) == (1, 4, "XZZ")
    assert merged.rule == "one+three" and merged.confidence == 0.85


def test_a_fix_that_reveals_another_is_made_in_the_same_call() -> None:
    from gongmun.normalize.typos import OcrCorrector

    corrector = OcrCorrector()
    context = TextContext(location={}, block_type="paragraph")
    out, fixes = corrector("0하가하가", context)
    assert out == "0허가허가"
    assert restore_original(out, fixes) == "0하가하가"
    assert corrector(out, context) == (out, [])


def test_a_letter_spaced_noun_and_particle_join() -> None:
    from gongmun.normalize.typos.spacing import inflected_run_join_edits

    line = "올해 광 주 시 는 행사를 열었다"
    assert made(inflected_run_join_edits, line) == "올해 광주시는 행사를 열었다"
    # A run holding a title or a form label is more than one word.
    assert inflected_run_join_edits("책임자 과 장 장 은 영") == []
