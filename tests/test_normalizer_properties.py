"""Properties every normalizer must keep on any text (hypothesis): it never raises, what it
finds or makes is consistent with its input, a second pass changes nothing (idempotent), and
text that is already clean is left as it is.

The texts mix arbitrary Unicode with pieces of what the normalizers look for (digits, units,
dates, labels, Korean words), so that the generated inputs reach the parsers' rules. The
corrector is tested only through its public entry `default_correctors()`.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongmun.normalize import TextContext, default_correctors
from gongmun.normalize.corrections import restore_original
from gongmun.normalize.resources import read_table
from gongmun.normalize.text import canonical_label, clean_text, join_spaced_label
from gongmun.normalize.values import (
    find_counts,
    find_dates,
    find_money,
    money_in_unit,
    parse_datetime_kst,
    parse_number,
    parse_quantity,
    parse_year_range,
)

pytestmark = pytest.mark.slow  # hypothesis: hundreds of texts, the corrector's with Kiwi

PIECES = ["0", "1", "9", "12", "2,000", "45,000", "1.5", ".", ",", "~", "-", "'", "’", "(",
          ")", " ", "\t", "\u3000", "원", "만", "억", "조", "천", "백만", "백만 원", "억 원",
          "건", "명", "개", "km", "%", "년", "월", "일", "분기", "'24.", "2024.", "2025-12-08",
          "3.", "~ 3월", "약", "총", "국비", "도비", "계", "합 계", "공 약 명", "관리번호",
          "사업화", "시업화", "허가", "하가", "완료", "원료", "추진중", "<sup>", "&lt;", "２"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
                 max_size=25).map("".join)
PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


# --- money, counts, dates: found spans are the input's own text ---------------------------------


@PROPERTY
@given(texts)
def test_money_spans_are_in_the_text_and_read_alone_the_same(text: str) -> None:
    for money in find_money(text):
        assert 0 <= money.start < money.end <= len(text)
        assert money.krw >= 0
    assert find_money(text) == find_money(text)  # no state carried between calls


@PROPERTY
@given(texts)
def test_counts_and_quantities_never_raise_and_stay_in_the_text(text: str) -> None:
    for count in find_counts(text):
        assert 0 <= count.start < count.end <= len(text)
        assert count.unit
    parse_quantity(text)
    parse_number(text)
    money_in_unit(text, 1_000_000)


@PROPERTY
@given(texts)
def test_dates_are_iso_and_ordered(text: str) -> None:
    for found in find_dates(text):
        assert 0 <= found.start < found.end <= len(text)
        for iso in (found.date_start, found.date_end):
            assert iso is None or iso[:4].isdigit()
        if found.date_start and found.date_end:
            width = min(len(found.date_start), len(found.date_end))
            assert found.date_start[:width] <= found.date_end[:width]
    years = parse_year_range(text)
    if years is not None and years.start_year and years.end_year:
        assert years.start_year <= years.end_year
    parse_datetime_kst(text)


# --- text cleaning and labels: idempotent, clean text unchanged ------------------------------


@PROPERTY
@given(texts)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@PROPERTY
@given(st.lists(st.sampled_from(["사업", "추진", "완료", "2024년", "45,000", "국비", "계"]),
                min_size=1, max_size=8).map(" ".join))
def test_clean_text_leaves_clean_text_alone(text: str) -> None:
    assert clean_text(text) == text


LABELS = [row[0] for row in read_table("labels.tsv")]


def test_every_canonical_label_reads_as_itself_joined_or_spaced() -> None:
    for label in LABELS:
        assert canonical_label(label) == label
        assert canonical_label(" ".join(label)) == label
        assert join_spaced_label(label) == label


@PROPERTY
@given(texts)
def test_labels_are_idempotent(text: str) -> None:
    label = canonical_label(text)
    assert label is None or canonical_label(label) == label
    joined = join_spaced_label(text)
    assert join_spaced_label(joined) == joined


# --- the corrector (through default_correctors) --------------------------------------------------

CONTEXT = TextContext(location={"block": 0}, block_type="paragraph")
CORRECTOR_RUN = settings(max_examples=60, deadline=None,
                         suppress_health_check=[HealthCheck.too_slow])


def correct(text: str) -> tuple[str, list[object]]:
    fixes: list[object] = []
    for corrector in default_correctors():
        text, made = corrector(text, CONTEXT)
        fixes += made
    return text, fixes


@CORRECTOR_RUN
@given(texts)
def test_the_corrector_never_raises_and_is_undoable(text: str) -> None:
    text = clean_text(text)
    corrected, fixes = correct(text)
    if len(default_correctors()) == 1:
        assert restore_original(corrected, fixes) == text  # type: ignore[arg-type]


# A fix can reveal another ('0하가하가' -> '0허가하가' -> '0허가허가'): the corrector runs its
# passes to a fixed point, so its own output is left alone.
@CORRECTOR_RUN
@given(texts)
def test_the_corrector_is_idempotent(text: str) -> None:
    corrected, _ = correct(clean_text(text))
    assert correct(corrected)[0] == corrected


# Clean report text: words of the domain lexicon and the words a correction must never
# touch (protected.txt), in any order. Correct words stay as they are.
CLEAN_WORDS = [row[0] for row in read_table("lexicon.txt")] + \
    [row[0] for row in read_table("protected.txt")]


@CORRECTOR_RUN
@given(st.lists(st.sampled_from(CLEAN_WORDS), min_size=1, max_size=10).map(" ".join))
def test_the_corrector_never_changes_clean_text(text: str) -> None:
    corrected, fixes = correct(text)
    assert (corrected, fixes) == (text, [])
