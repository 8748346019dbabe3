from __future__ import annotations

import pytest

from gongmun.normalize.text import canonical_label, clean_text, join_spaced_label


@pytest.mark.parametrize(("raw", "clean"), [
    ("1단계<sup>('23년~'25년)</sup> 8건", "1단계('23년~'25년) 8건"),
    ("<b>&lt;'23년&gt;</b> 사업공고,", "<'23년> 사업공고,"),
    ("A&amp;B", "A&B"),
    ("  여러   칸\u3000공백  ", "여러 칸 공백"),
    ("\u1100\u1161\u11a8", "각"),  # conjoining jamo -> NFC syllable
    ("zero\u200bwidth", "zerowidth"),
])
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(("raw", "label"), [
    ("공 약 명", "공약명"), ("국 비", "국비"), ("기 타", "기타"), ("구 분", "구분"),
    ("합계", "계"), ("시·군비", "시군비"), ("공약명", "공약명"),
])
def test_spaced_and_alias_labels(raw: str, label: str) -> None:
    assert canonical_label(raw) == label


@pytest.mark.parametrize("text", ["기 추진실적", "데이터 활용 의료", "김 은 규", "계획"])
def test_ordinary_words_are_not_labels(text: str) -> None:
    assert canonical_label(text) is None
    assert join_spaced_label(text) == text


def test_aliases_are_recognized_but_keep_their_spelling() -> None:
    assert join_spaced_label("합 계") == "합계"
    assert join_spaced_label("연락처") == "연락처"
    assert canonical_label("연락처") == "전화번호"


def test_leading_spaced_label_is_joined_and_rest_kept() -> None:
    assert join_spaced_label("국 비 30,000") == "국비 30,000"
    assert join_spaced_label("공 약 명 : 데이터") == "공약명 : 데이터"
