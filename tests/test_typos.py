"""The OCR typo corrector: the seed card's typos found by the general mechanism, valid
look-alike words left alone, every change recorded and reversible."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import pytest
from conftest import SEED_CARD

from gongmun.extract import read_document
from gongmun.normalize import default_correctors, normalize_document
from gongmun.normalize.corrections import Correction, TextContext, restore_original
from gongmun.normalize.typos import THRESHOLD, OcrCorrector, get_corrector

PARAGRAPH = TextContext(location={"block": 3, "page": 1, "line": 7}, block_type="paragraph")


def correct(text: str, context: TextContext = PARAGRAPH) -> tuple[str, list[Correction]]:
    return get_corrector()(text, context)


def cell(row: int, col: int, rows: list[list[str]]) -> TextContext:
    return TextContext(
        location={"table": "t1", "row": row, "col": col, "page": 1, "line": 10 + row},
        block_type="table_cell", column_header=rows[0][col], row_label=rows[row][0],
        column_values=tuple(r[col] for r in rows), row_values=tuple(rows[row]))


@pytest.fixture(scope="module")
def seed_normalized():  # type: ignore[no-untyped-def]
    doc = read_document(SEED_CARD.read_bytes(), str(SEED_CARD))
    return normalize_document(doc), normalize_document(doc, default_correctors())


def test_seed_card_record_lists_the_ocr_corrections(seed_card_record) -> None:  # type: ignore[no-untyped-def]
    fixes = {(c.original, c.corrected) for c in seed_card_record.corrections}
    assert {("시업화", "사업화"), ("하가", "허가"), ("2전", "2건"), ("11간", "11건"),
            ("", "("), ("원료 완료", "완료"), ("Al", "AI"), ("다다기", "담당자"),
            ("Э", "계")} <= fixes
    for fix in seed_card_record.corrections:
        assert fix.rule and THRESHOLD <= fix.confidence <= 1
        assert {"start", "end", "line"} <= set(fix.location)
    assert seed_card_record.card.officer.name == "김은규"
    assert seed_card_record.card.communication.total == 19


def test_seed_card_text_after_correction(seed_normalized) -> None:  # type: ignore[no-untyped-def]
    _, fixed = seed_normalized
    texts = "\n".join(b.text for b in fixed.document.blocks)
    assert "AI 기반 사업화 마케팅 지원(11건 국내외" in texts
    assert "IRB허가(18건)" in texts and "연구용역(2건)" in texts
    header = fixed.document.tables[0].rows[2]
    assert header[:4] == ["추진부서", "디지털산업과", "담당자", "김은규"]


def test_restore_original_gives_back_every_block_and_cell(seed_normalized) -> None:  # type: ignore[no-untyped-def]
    raw, fixed = seed_normalized
    groups: dict[tuple[object, ...], list[Correction]] = defaultdict(list)
    for fix in fixed.corrections:
        key = ("table", fix.location["table"], fix.location["row"], fix.location["col"]) \
            if "table" in fix.location else ("block", fix.location["block"])
        groups[key].append(fix)
    assert len(groups) >= 8
    for key, fixes in groups.items():
        if key[0] == "table":
            _, table_id, r, c = key
            before = next(t for t in raw.document.tables if t.id == table_id).rows[r][c]
            after = next(t for t in fixed.document.tables if t.id == table_id).rows[r][c]
        else:
            before = raw.document.blocks[key[1]].text
            after = fixed.document.blocks[key[1]].text
        assert after != before
        assert restore_original(after, fixes) == before
        for fix in fixes:
            assert after[fix.location["start"]:fix.location["end"]] == fix.corrected


def test_no_correct_makes_no_change(seed_normalized) -> None:  # type: ignore[no-untyped-def]
    raw, _ = seed_normalized
    assert raw.corrections == []
    assert "시업화" in "\n".join(b.text for b in raw.document.blocks)


@pytest.mark.parametrize("text", [
    "2025년 시업식은 1월 2일 도청에서 열린다.",
    "원료 수입 단가가 올랐다.",
    "하가영 주무관이 인허가 업무를 맡는다.",
    "시장 방문 일정이 잡혔다.",
    "2전 3기의 각오로 도전했다.",
    "사업기간은 5년간이다.",
    "Al 합금 소재를 실증한다.",
    "O2O 서비스 모델",
    "강원특별자치도는 올해 7월부터 김은규 주무관과 기획했다.",
    "담당자 김수성",
    "하가은 연구원",
    "© 지역살림 연구소",  # a copyright notice, not a bullet OCR drew from ○
])
def test_valid_look_alike_words_stay(text: str) -> None:
    assert correct(text) == (text, [])


def test_word_confusions_found_by_lexicon_and_kiwi() -> None:
    text, fixes = correct("AI 기반 시업화 마케팅")
    assert text == "AI 기반 사업화 마케팅"
    (fix,) = fixes
    assert (fix.original, fix.corrected) == ("시업화", "사업화")
    assert "lexicon:사업화" in fix.rule and "ㅣ→ㅏ" in fix.rule
    assert fix.location == {"block": 3, "page": 1, "line": 7, "start": 6, "end": 9}


def test_a_predicate_misread_in_one_syllable_is_read_in_context() -> None:
    text, fixes = correct("행사 준비를 마졌으며, 다음 달에 문을 연다")
    assert text == "행사 준비를 마쳤으며, 다음 달에 문을 연다"
    (fix,) = fixes
    assert (fix.original, fix.corrected) == ("졌", "쳤") and "predicate" in fix.rule
    # Valid forms one confusion away stay (세워쳤으며 would be the confusion's reading).
    assert correct("계획이 세워졌으며 곧 발표한다")[0] == "계획이 세워졌으며 곧 발표한다"
    # Without the typo-tolerant analysis, nothing proposes it.
    corrector = OcrCorrector()
    corrector.kiwi_typos = False
    unfixed = "행사 준비를 마졌으며, 다음 달에"
    assert corrector(unfixed, PARAGRAPH)[0] == unfixed


def test_lexicon_is_the_evidence_not_the_code() -> None:
    corrector = OcrCorrector()
    vocab = corrector.vocab
    corrector.vocab = replace(vocab, lexicon=frozenset(
        w for w in vocab.lexicon if not w.startswith("사업")))
    corrector.kiwi_typos = False
    assert corrector("AI 기반 시업화 마케팅", PARAGRAPH)[0] == "AI 기반 시업화 마케팅"


def test_counter_after_number_in_parentheses() -> None:
    assert correct("연구용역(2전) 수행완료")[0] == "연구용역(2건) 수행완료"
    assert correct("실증과제(8건) 및 세미나(3희)")[0] == "실증과제(8건) 및 세미나(3회)"


def test_dropped_parenthesis_restored_when_a_closing_one_is_unmatched() -> None:
    text, fixes = correct("마케팅 지원11간 국내외 전시회 6/기업성장 2/ 규제개선 3): '24. 12월")
    assert text.startswith("마케팅 지원(11건 국내외")
    assert [(f.original, f.corrected, f.rule) for f in fixes] == [
        ("", "(", "dropped_paren"), ("11간", "11건", "counter:간→건")]
    # Without the unmatched `)` there is no evidence for a parenthesis.
    assert "(" not in correct("마케팅 지원11간 국내외 전시회")[0]


def test_latin_and_digit_look_alikes() -> None:
    assert correct("Al 솔루션 개발")[0] == "AI 솔루션 개발"
    assert correct("lRB 승인")[0] == "IRB 승인"
    assert correct("2O23년 예산 1,5O0백만 원")[0] == "2023년 예산 1,500백만 원"


def test_spacing_only_where_lexicon_and_entities_agree() -> None:
    text, fixes = correct("사업 추진을 위해서는의료 AI 선도지구 지정이 필수")
    assert text == "사업 추진을 위해서는 의료 AI 선도지구 지정이 필수"
    assert [(f.original, f.corrected, f.rule) for f in fixes] == [("", " ", "spacing")]
    quoted = "허브 조성(’26~’30년, 350억)'과'디지털헬스케어 기반"
    assert correct(quoted)[0] == "허브 조성(’26~’30년, 350억)'과 '디지털헬스케어 기반"
    for text in ["담당자 김은규", "강원특별자치도는 올해", "연구용역 착수"]:
        assert correct(text)[0] == text


def test_status_column_value_from_its_legend() -> None:
    rows = [["주요사업", "추진상황 (완료/추진중/미착수)"], ["가", "원료 완료"], ["나", "추진중"],
            ["다", "원료"]]
    assert correct("원료 완료", cell(1, 1, rows))[0] == "완료"
    assert correct("원료", cell(3, 1, rows))[0] == "완료"
    assert correct("추진중", cell(2, 1, rows)) == ("추진중", [])
    # Outside a status column 원료 is raw material.
    assert correct("원료 완료")[0] == "원료 완료"


def test_header_label_from_a_glyph_confusion() -> None:
    rows = [["Э", "주민간담회, 공청회 등", "기타"], ["19", "", "4"]]
    text, (fix,) = correct("Э", cell(0, 0, rows))
    assert text == "계" and fix.rule.startswith("header_label:계")
    body = [["구분", "내용"], ["가", "Э"]]
    assert correct("Э", cell(1, 1, body)) == ("Э", [])


def test_form_label_between_its_neighbours() -> None:
    rows = [["공약명", "데이터산업 수도 육성", "", "", "", "관리번호", "2-14-2"],
            ["추진부서", "디지털산업과", "다다기", "당 자 김은규", "", "전화번호", "2193"]]
    assert correct("다다기", cell(1, 2, rows))[0] == "담당자"
    text, (fix,) = correct("당 자 김은규", cell(1, 3, rows))
    assert text == "김은규" and fix.original == "당 자 " and fix.corrected == ""
    assert restore_original(text, [fix]) == "당 자 김은규"
    # A row whose 담당자 label is present needs nothing.
    ok = [rows[0], ["추진부서", "디지털산업과", "담당자", "김은규", "", "전화번호", "2193"]]
    assert correct("김은규", cell(1, 3, ok)) == ("김은규", [])


# --- spaces OCR put inside words, number words, row labels, the estimated channel ----------


def test_spaces_inside_words_are_removed_and_recorded() -> None:
    text = "추 진 상황을 점검하고 관 리 번호를 정했다"
    out, fixes = correct(text)
    assert out == "추진 상황을 점검하고 관리 번호를 정했다"
    assert restore_original(out, fixes) == text
    assert any(f.rule == "space_join" for f in fixes)


@pytest.mark.parametrize("text", [
    "그 목적이 있다고 설명할 수 있다.",  # a valid space costs Kiwi nothing: no gain
    "구 분",  # a letter-spaced form label
    "보 험 업 (△21.4) (12.2)",
    "관 항 목 당초 추경 증감액",  # three lone syllables in a row: layout
    "책임자 과 장 강병중(044-215-7630)",  # a letter-spaced title
    "약 300명이 참여했고 총 사업비는 각 기관이 부담한다.",
])
def test_valid_spacing_stays(text: str) -> None:
    assert correct(text) == (text, [])


@pytest.mark.parametrize("text", [
    "해외직접투자는 3조 원, 제조업은 8조 원이며 분석 말뭉치는 11종이다.",
    "시행령 제14조에 따라 3종 대상 기관을 평가한다.",
])
def test_number_words_are_never_counters(text: str) -> None:
    assert correct(text) == (text, [])


def test_latin_row_label_before_numbers_is_not_an_acronym() -> None:
    assert correct("Al 4,800 960 1,440 1,440") == ("Al 4,800 960 1,440 1,440", [])


def test_place_suffix_is_not_a_typo() -> None:
    text = "- 전기차 기본계획 수립(동해시) : '22. 4월"
    assert correct(text) == (text, [])


def test_channel_costs_come_from_the_dev_corpus() -> None:
    from gongmun.normalize.resources import read_table
    from gongmun.normalize.typos import CHANNEL_MIN_SUPPORT, ConfusionModel

    rows = [r for r in read_table("ocr_channel.tsv") if r[0] == "initial"
            and int(r[3]) >= CHANNEL_MIN_SUPPORT]
    assert rows
    model = ConfusionModel.load()
    level, seen, meant = rows[0][0], rows[0][1], rows[0][2]
    costs = dict(model.jamo[(level, seen)])
    assert meant in costs
    without = dict(ConfusionModel.load(channel="protected.txt").jamo.get((level, seen), []))
    assert costs[meant] != without.get(meant)


def test_line_opening_marks_misread_by_ocr() -> None:
    from gongmun.normalize.resources import read_table

    seen, mark = next((r[0], r[2]) for r in read_table("ocr_markers.tsv") if r[1] == "item")
    text = f"{seen} 사업기간 : 2023년~2026년(4년간)"
    out, fixes = correct(text)
    assert out == f"{mark} 사업기간 : 2023년~2026년(4년간)"
    assert fixes[0].rule.startswith("marker:") and restore_original(out, fixes) == text
    cell = TextContext(location={"table": "t1", "row": 1, "col": 0}, block_type="table_cell")
    assert correct(text, cell)[0].startswith(seen)  # table cells have no bullets


def test_the_arbiter_keeps_the_best_and_says_why_it_drops() -> None:
    from gongmun.normalize.typos import Edit, arbitrate

    weak = Edit(0, 2, "사업", "a", 0.5)
    best = Edit(0, 3, "사업화", "b", 0.95)
    rival = Edit(1, 2, "업", "c", 0.9)
    decision = arbitrate([weak, best, rival], 0.8)
    assert decision.kept == [best]
    reasons = dict((e.rule, why) for e, why in decision.dropped)
    assert reasons["a"].startswith("confidence") and reasons["c"] == "overlaps a better edit"


def test_the_spacing_proposer_alone() -> None:
    from gongmun.normalize.typos.spacing import join_edits

    edits = join_edits("추 진 상황을 점검했다")
    assert [(e.start, e.end, e.replacement, e.rule) for e in edits] == [(1, 2, "", "space_join")]
    assert join_edits("추 진 상황을 점검했다", min_gain=1000.0) == []
