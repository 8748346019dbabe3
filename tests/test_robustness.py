"""Whatever text comes in, the pipeline returns a valid record or a one-line ExtractError."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongmun.extract.errors import ExtractError
from gongmun.pipeline import extract_bytes
from gongmun.schemas.models import Record

pytestmark = pytest.mark.slow  # hypothesis: random documents through the whole pipeline

# Pieces of real cards and articles, so that random documents reach the builders' rules.
FRAGMENTS = [
    "# 도지사 공약사업 관리카드", "공 약 명\t", "관리번호\t2-14-2", "\t", "\n", "○ ", "- ", "※ ",
    "□ 재원투자 실적 및 계획", "(단위 : 백만 원)", "계\t", "국 비\t", "45,000", "9,000", "",
    "구 분\t총사업비\t연도별\n\t\t2023년\t2024년", "《기 추진실적 : '24. 3분기 기준 누계》",
    "<'23년> 사업공고,", "완료", "원료 완료", "추진중", "Э", "사업량:", "① 실증(10건)",
    "총사업비 : 1조 2,000억 원(국비 7,000)", "'24. 2 ~ 3월", "기자 / 기사승인 : 2025-12-08",
    "[뉴스스텝] ", "김진태 지사는 “", "”고 밝혔다.", "<sup>", "&lt;", "\u3000", "시업화",
]

documents = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)),
                     max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_text_gives_a_record_or_a_clean_error(text: str) -> None:
    try:
        record = extract_bytes(text.encode("utf-8", errors="surrogatepass"), "fuzz.txt",
                               correct=False)
    except ExtractError as err:
        assert str(err) and "\n" not in str(err)
        return
    Record.model_validate(record.model_dump(mode="json"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_correction_never_breaks_the_record(text: str) -> None:
    try:
        record = extract_bytes(text.encode("utf-8", errors="surrogatepass"), "fuzz.txt")
    except ExtractError:
        return
    for fix in record.corrections:
        assert fix.original != fix.corrected
        assert 0 < fix.confidence <= 1
