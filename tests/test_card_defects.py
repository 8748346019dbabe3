"""Card defects a new user hit (issue 11): a job title read as the officer's name, two
도민소통 columns of one field overwriting each other, and labels matched by substring."""

from __future__ import annotations

import pytest
from conftest import SEED_CARD

from gongmun.pipeline import extract_bytes
from gongmun.schemas.form import fields_in_header
from gongmun.schemas.models import Record

OFFICER_LINE = "추진부서\t디지털산업과\t다다기\t당 자 김은규\t\t전화번호\t2193"
COMMUNICATION = ("Э\t주민간담회, 공청회 등\t만족도 조사\t민간전문가 자문\t언론, 방송\t기타\n"
                 "19\t\t\t1\t14\t4")


def card_with(old: str, new: str) -> Record:
    text = SEED_CARD.read_text(encoding="utf-8")
    assert old in text
    record = extract_bytes(text.replace(old, new).encode("utf-8"), "card.txt", correct=False)
    assert record.card is not None
    return record


@pytest.mark.parametrize("cell", ["담당자 이수진 주무관", "이수진 주무관", "주무관 이수진",
                                  "담당 팀장 이수진"])
def test_the_officer_is_the_name_not_the_job_title(cell: str) -> None:
    record = card_with(OFFICER_LINE, OFFICER_LINE.replace("당 자 김은규", cell))
    assert record.card is not None and record.card.officer.name == "이수진"


def test_separate_columns_of_one_field_are_added_not_overwritten() -> None:
    table = ("계\t주민간담회\t공청회\t만족도 조사\t민간전문가 자문\t언론, 방송\t기타\n"
             "22\t3\t2\t1\t1\t14\t1")
    record = card_with(COMMUNICATION, table)
    communication = record.card.communication if record.card else None
    assert communication is not None
    assert (communication.total, communication.resident_meetings) == (22, 5)
    checks = {c.name: c.ok for c in record.card.funding.checks} if record.card else {}
    assert checks.get("communication_sum_to_total") is True


def test_a_header_holding_a_keyword_inside_a_word_is_not_that_field() -> None:
    table = ("계\t주민간담회, 공청회 등\t관계기관 협의\t민간전문가 자문\t언론, 방송\t기타\n"
             "19\t\t7\t1\t14\t4")
    record = card_with(COMMUNICATION, table)
    communication = record.card.communication if record.card else None
    assert communication is not None and communication.total == 19  # not 7
    assert any("관계기관 협의" in w.message for w in record.warnings)


@pytest.mark.parametrize(("header", "fields"), [
    ("관계기관 협의", []), ("계", ["total"]), ("합 계", ["total"]),
    ("주민간담회, 공청회 등", ["resident_meetings"]), ("만족도조사", ["satisfaction_surveys"]),
    ("민간전문가자문", ["expert_consultations"]), ("언론·방송", ["media"]),
    ("계획", []), ("자문·언론", ["expert_consultations", "media"]),
])
def test_header_words_name_fields(header: str, fields: list[str]) -> None:
    assert fields_in_header("communication", header) == fields
