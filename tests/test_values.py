"""Tests for normalize/values.py: money, counts, dates, periods and units in Korean text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from math import prod

import pytest
from conftest import SEED_ARTICLE, SEED_CARD
from hypothesis import given
from hypothesis import strategies as st

from gongmun.normalize.resources import read_table
from gongmun.normalize.values import (
    CountValue,
    DateValue,
    Money,
    YearRange,
    find_counts,
    find_dates,
    find_money,
    money_in_unit,
    parse_datetime_kst,
    parse_number,
    parse_quantity,
    parse_year_range,
    to_int_krw,
    unit_multiplier,
)

REF = date(2025, 12, 8)
Found = Money | CountValue | DateValue


def money(text: str) -> list[tuple[str, int]]:
    return [(m.text, m.krw) for m in find_money(text)]


def counts(text: str) -> list[tuple[str, int, str]]:
    return [(c.text, c.value, c.unit) for c in find_counts(text)]


def dates(text: str, reference: date | None = None) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.date_start, d.date_end) for d in find_dates(text, reference)]


def assert_offsets(text: str, found: list[Money] | list[CountValue] | list[DateValue]) -> None:
    for value in found:
        assert text[value.start : value.end] == value.text
    ends = [v.end for v in found]
    starts = [v.start for v in found]
    assert all(e <= s for e, s in zip(ends, starts[1:], strict=False))  # in order, no overlap


# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "krw"), [
    ("45,000백만 원", 45_000_000_000),
    ("5,800억 원", 580_000_000_000),
    ("1조 2,000억 원", 1_200_000_000_000),
    ("350억", 35_000_000_000),
    ("10억 원", 1_000_000_000),
    ("10억", 1_000_000_000),
    ("3천만 원", 30_000_000),
    ("1,234원", 1234),
    ("2.5억 원", 250_000_000),
    ("5백만원", 5_000_000),
    ("４５,０００백만 원", 45_000_000_000),  # full-width digits
    ("５，８００억 원", 580_000_000_000),  # full-width comma
    ("3천5백만 원", 35_000_000),  # small scales add up before 만 multiplies them
    ("3억 5천만 원", 350_000_000),
    ("2억4천만원", 240_000_000),
    ("1조2천억원", 1_200_000_000_000),
    ("3조 4천억 원", 3_400_000_000_000),
    ("123,456,789원", 123_456_789),
    ("1억 5000원", 100_005_000),
    ("1.23456789억 원", 123_456_789),  # exact: no float rounding
    ("0원", 0),
    ("100만", 1_000_000),
    ("5,800억여 원", 580_000_000_000),
    ("5천 원", 5000),
])
def test_money_whole_text(text: str, krw: int) -> None:
    assert money(text) == [(text, krw)]


@pytest.mark.parametrize(("text", "expected"), [
    ("총사업비 : 45,000백만 원(국비 30,000, 도비 5,130, 시군비 9,870)",
     [("45,000백만 원", 45_000_000_000)]),
    ("18개 과제 5,800억 원 투입", [("5,800억 원", 580_000_000_000)]),
    ("기획 예산 10억 확보로", [("10억", 1_000_000_000)]),
    ("(’26~’30년, 350억)", [("350억", 35_000_000_000)]),
    ("350억 100억", [("350억", 35_000_000_000), ("100억", 10_000_000_000)]),
    ("10억 2023년", [("10억", 1_000_000_000)]),
    ("1조\t2,000억 원", [("1조", 1_000_000_000_000), ("2,000억 원", 200_000_000_000)]),
    ("2조원대 사업", [("2조원", 2_000_000_000_000)]),
    ("10억 원을 확보", [("10억 원", 1_000_000_000)]),
])
def test_money_in_sentences(text: str, expected: list[tuple[str, int]]) -> None:
    assert money(text) == expected


@pytest.mark.parametrize("text", [
    "2023년", "18개", "10건", "'24. 5월", "'24.5월", "2025-12-08", "033-249-2193", "2-14-2",
    "50억 건",  # a count
    "1만여 명", "100만 관광객", "10만 톤", "100만 평",  # people and measures
    "100만 달러", "$10억",  # not won
    "제1조에 따라",  # an article number
    "3원칙", "5만 원주시",  # 원 inside another word
    "5천", "9,000",  # no 원 and no 만/억/조
    "1,2345원",  # broken thousands grouping
    "0.5원",  # no such amount
    "",
])
def test_not_money(text: str) -> None:
    assert find_money(text) == []


@given(st.integers(min_value=0, max_value=10**18))
def test_any_won_amount_round_trips(n: int) -> None:
    text = f"{n:,}원"
    assert find_money(text) == [Money(text, n, 0, len(text))]


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["만", "억", "조"]))
def test_scaled_amounts_are_exact(n: int, scale: str) -> None:
    multiplier = {"만": 10**4, "억": 10**8, "조": 10**12}[scale]
    assert money(f"{n:,}{scale} 원") == [(f"{n:,}{scale} 원", n * multiplier)]
    assert money(f"{n:,}{scale} 건") == []
    assert counts(f"{n:,}{scale} 건") == [(f"{n:,}{scale} 건", n * multiplier, "건")]


# --- counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("10건", [("10건", 10, "건")]),
    ("1개소", [("1개소", 1, "개소")]),
    ("15개", [("15개", 15, "개")]),
    ("4종", [("4종", 4, "종")]),
    ("7회", [("7회", 7, "회")]),
    ("(2건", [("2건", 2, "건")]),
    ("50억 건", [("50억 건", 5_000_000_000, "건")]),
    ("18개 과제", [("18개", 18, "개")]),
    ("3개사", [("3개사", 3, "개사")]),
    ("1만여 명", [("1만여 명", 10_000, "명")]),
    ("4개 분야 18개 세부 과제 중 2개가", [("4개", 4, "개"), ("18개", 18, "개"), ("2개", 2, "개")]),
    ("세미나(3건), 특허출원(8건)", [("3건", 3, "건"), ("8건", 8, "건")]),
    ("1만 5천 명", [("1만 5천 명", 15_000, "명")]),
    ("1억 그루", [("1억 그루", 100_000_000, "그루")]),
])
def test_counts(text: str, expected: list[tuple[str, int, str]]) -> None:
    assert counts(text) == expected


@pytest.mark.parametrize("text", [
    "6/기업성장 2", "5개월", "2개년", "2024회계연도", "2023년", "5,800억 원", "'24. 5월",
    "제3회 축제", "1.5건", "",
])
def test_not_counts(text: str) -> None:
    assert find_counts(text) == []


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "start", "end"), [
    ("'22. 5월", "2022-05", "2022-05"),
    ("'22. 12월", "2022-12", "2022-12"),
    ("’22. 12월", "2022-12", "2022-12"),  # curly apostrophe
    ("'24.5월", "2024-05", "2024-05"),
    ("'24. 2 ~ 3월", "2024-02", "2024-03"),
    ("'24. 4~5월", "2024-04", "2024-05"),
    ("'24. 3분기", "2024-Q3", "2024-Q3"),
    ("2024년 4분기", "2024-Q4", "2024-Q4"),
    ("'24년 3/4분기", "2024-Q3", "2024-Q3"),
    ("'24. 3~4분기", "2024-Q3", "2024-Q4"),
    ("'23. 7월~", "2023-07", None),
    ("'25. 1. ~ 12월", "2025-01", "2025-12"),
    ("2023년~2027년", "2023", "2027"),
    ("'23년~'25년", "2023", "2025"),
    ("’26~’30년", "2026", "2030"),
    ("2026~2030", "2026", "2030"),
    ("'23년", "2023", "2023"),
    ("'24년도", "2024", "2024"),
    ("2026년", "2026", "2026"),
    ("25년 11월", "2025-11", "2025-11"),
    ("25.11.~", "2025-11", None),
    ("2025-12-08", "2025-12-08", "2025-12-08"),
    ("2025. 12. 8.", "2025-12-08", "2025-12-08"),
    ("2025.12.08", "2025-12-08", "2025-12-08"),
    ("2025년 12월 8일", "2025-12-08", "2025-12-08"),
    ("'24. 12월", "2024-12", "2024-12"),
    ("'24. 12월 ~ '25. 3월", "2024-12", "2025-03"),
    ("'24. 11월 ~ 2월", "2024-11", "2025-02"),  # the end runs into the next year
    ("'24. 3. 1. ~ 3. 31.", "2024-03-01", "2024-03-31"),
    ("2024년 하반기", "2024-07", "2024-12"),  # a half year is a month range
    ("2024.05", "2024-05", "2024-05"),
    ("2024. 3. ~ 2025. 2.", "2024-03", "2025-02"),
    ("2023.1.1.~2023.12.31.", "2023-01-01", "2023-12-31"),
    ("2024년 3월 ~ 2025년 2월", "2024-03", "2025-02"),
    ("2024년 2분기~4분기", "2024-Q2", "2024-Q4"),
    ("'23.~'25", "2023", "2025"),
    ("2024-2027", "2024", "2027"),
    ("25.11.3.", "2025-11-03", "2025-11-03"),
])
def test_dates_whole_text(text: str, start: str, end: str | None) -> None:
    assert dates(text) == [(text, start, end)]


@pytest.mark.parametrize(("text", "expected"), [
    ("2023년~2027년(5년간)", [("2023년~2027년", "2023", "2027")]),
    ("('23년~'25년)", [("'23년~'25년", "2023", "2025")]),
    ("(25.11.~수립 중이며", [("25.11.~", "2025-11", None)]),
    ("선도사업 계획수립 : '22. 5월", [("'22. 5월", "2022-05", "2022-05")]),
    ("'24. 5. 10건 달성", [("'24. 5.", "2024-05", "2024-05")]),
    ("기사승인 : 2025-12-08 15:20:46", [("2025-12-08", "2025-12-08", "2025-12-08")]),
    ("2022년\t2023년", [("2022년", "2022", "2022"), ("2023년", "2023", "2023")]),
])
def test_dates_in_sentences(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("올해 7월부터", [("올해 7월", "2025-07", "2025-07")]),
    ("내년에는", [("내년", "2026", "2026")]),
    ("내년도 예산", [("내년도", "2026", "2026")]),
    ("올해", [("올해", "2025", "2025")]),
    ("지난해", [("지난해", "2024", "2024")]),
    ("작년", [("작년", "2024", "2024")]),
    ("내년 상반기", [("내년 상반기", "2026-01", "2026-06")]),
    ("통과했다고 23일 밝혔다", [("23일", "2025-12-23", "2025-12-23")]),
    ("1월 23일 밝혔다", []),  # the month is written but not the year: not resolvable
    ("23일 개최", []),
])
def test_relative_dates(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert dates(text, REF) == expected


@pytest.mark.parametrize("text", ["올해 7월", "내년", "23일 밝혔다"])
def test_relative_dates_need_a_reference(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize("text", [
    "5,800억", "10건", "033-249-2193", "010-1234-5678", "2-14-2", "15:20:46",
    "10년간", "30년 된 건물", "1990년대",  # durations and decades
    "25.11", "12.5%", "2.5억",  # decimals
    "'24. 13월", "2025-02-30",  # no such month or day
    "7월", "3분기", "지난 22일", "3월 중",  # no year at all
    "1. 추진배경", "10. 5월 개최", "3.1절", "6.25전쟁", "1588-2023",  # numbering, names
    "",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_year_then_bare_month_end_keeps_only_the_year() -> None:
    # `2024년 ~ 3월` may end in 2024's or a later March; only the year is certain.
    assert dates("2024년 ~ 3월") == [("2024년", "2024", "2024")]


@given(st.integers(min_value=2000, max_value=2099), st.integers(min_value=1, max_value=12),
       st.sampled_from(["'", "’", "‘"]), st.sampled_from([". ", ".", " . "]))
def test_any_short_year_month(year: int, month: int, apostrophe: str, dot: str) -> None:
    text = f"{apostrophe}{year % 100:02d}{dot}{month}월"
    assert dates(text) == [(text, f"{year}-{month:02d}", f"{year}-{month:02d}")]


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2023년~2027년(5년간)", YearRange(2023, 2027, 5)),
    ("'23년~'25년", YearRange(2023, 2025, 3)),
    ("2026~2030", YearRange(2026, 2030, 5)),
    ("2024년", YearRange(2024, 2024, 1)),
    ("’26~’30년", YearRange(2026, 2030, 5)),
    ("2023년~", YearRange(2023, None, None)),
    ("5년간", YearRange(None, None, 5)),
    ("추진중", None),
    ("", None),
])
def test_parse_year_range(text: str, expected: YearRange | None) -> None:
    assert parse_year_range(text) == expected


# --- numbers, units, cells -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("45,000", Decimal(45000)), ("5,130", Decimal(5130)), ("0", Decimal(0)),
    ("1.5", Decimal("1.5")), (" 9,000 ", Decimal(9000)), ("１３,５００", Decimal(13500)),
    ("-1,000", Decimal(-1000)), ("30,000,", Decimal(30000)), ("5,130.", Decimal(5130)),
    ("", None), ("-", None), ("–", None), ("abc", None), ("1,23", None), ("12억", None),
])
def test_parse_number(text: str, expected: Decimal | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("unit", "expected"), [
    ("백만 원", 1_000_000), ("백만원", 1_000_000), ("(단위 : 백만 원)", 1_000_000),
    ("(단위: 천원)", 1000), ("천원", 1000), ("억 원", 100_000_000), ("억원", 100_000_000),
    ("원", 1), ("만원", 10_000), ("(단위 : 백만 원, %)", 1_000_000),
    ("건", None), ("(단위 : 건)", None), ("", None), ("%", None),
])
def test_unit_multiplier(unit: str, expected: int | None) -> None:
    assert unit_multiplier(unit) == expected


@pytest.mark.parametrize(("cell", "unit_krw", "expected"), [
    ("13,500", 1_000_000, 13_500_000_000),
    ("0", 1_000_000, 0),
    ("2.5", 100_000_000, 250_000_000),
    ("1억 원", 1_000_000, 100_000_000),  # a cell with its own unit is read as written
    ("", 1_000_000, None), ("-", 1_000_000, None), ("0.5", 1, None), ("미정", 1000, None),
])
def test_money_in_unit(cell: str, unit_krw: int, expected: int | None) -> None:
    assert money_in_unit(cell, unit_krw) == expected


@pytest.mark.parametrize(("amount", "krw"), [
    (Decimal("45000") * 1_000_000, 45_000_000_000),
    (Decimal("1.23456789") * 100_000_000, 123_456_789),
    (Decimal("0.5"), 1),
])
def test_to_int_krw(amount: Decimal, krw: int) -> None:
    assert to_int_krw(amount) == krw


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-12-08 15:20:46", "2025-12-08T15:20:46+09:00"),
    ("2025.12.08 15:20", "2025-12-08T15:20:00+09:00"),
    ("2025-12-08", "2025-12-08"),
    ("기사승인 : 2025-12-08 15:20:46", "2025-12-08T15:20:46+09:00"),
    ("2025년 12월 8일 오후 3시 20분", "2025-12-08T15:20:00+09:00"),
    ("2025-12-08T06:20:46Z", "2025-12-08T06:20:46+00:00"),
    ("2025-12-08 25:00", "2025-12-08"),  # no such hour: the date alone is still right
    ("2025-02-30", None),
    ("최선경 기자", None),
    # The layouts of bylines and 보도일시 lines (the press layout reads them through this one).
    ("2025. 9. 22.(월) 10:00", "2025-09-22T10:00:00+09:00"),
    ("2025.03.14 PM 2:05", "2025-03-14T14:05:00+09:00"),
    ("(온라인) 2025. 12. 2.(화) (16:00)", "2025-12-02T16:00:00+09:00"),
    ("2025. 12. 3.(수) 조간", "2025-12-03"),
])
def test_parse_datetime_kst(text: str, expected: str | None) -> None:
    assert parse_datetime_kst(text) == expected


def test_press_layout_reads_times_with_the_value_parser() -> None:
    from gongmun.schemas.press_layout import canonical_datetime

    assert canonical_datetime("2025. 9. 22.(월) 오후 2:05") == "2025-09-22 14:05:00"
    assert canonical_datetime("2025년 12월 8일") == "2025-12-08"
    assert canonical_datetime("2025-02-30 10:00") is None  # no such day, as parse_datetime_kst


def test_compound_units_are_products_of_scales() -> None:
    rows = read_table("units.tsv")
    scales = {row[1]: int(row[2]) for row in rows if row[0] in ("scale_big", "scale_small")}
    compounds = [(row[1], int(row[2])) for row in rows if row[0] == "unit_compound"]
    assert compounds
    for word, value in compounds:
        assert prod(scales[ch] for ch in word) == value, word
        assert unit_multiplier(f"(단위 : {word} 원)") == value


# --- the seed documents --------------------------------------------------------------------


def test_seed_card_values() -> None:
    text = SEED_CARD.read_text("utf-8")
    assert money(text) == [("45,000백만 원", 45_000_000_000)]
    found = dates(text)
    assert ("'24. 2 ~ 3월", "2024-02", "2024-03") in found
    assert ("'23. 7월~", "2023-07", None) in found
    assert ("'25. 1. ~ 12월", "2025-01", "2025-12") in found
    assert ("2023년~2027년", "2023", "2027") in found
    assert ("1개소", 1, "개소") in counts(text)
    for found_values in (find_money(text), find_counts(text), find_dates(text)):
        assert_offsets(text, found_values)


def test_seed_article_values() -> None:
    text = SEED_ARTICLE.read_text("utf-8")
    amounts = money(text)
    assert ("5,800억 원", 580_000_000_000) in amounts
    assert ("10억", 1_000_000_000) in amounts
    assert all(krw != 5_000_000_000 for _, krw in amounts)  # 50억 건 is a count
    assert ("50억 건", 5_000_000_000, "건") in counts(text)
    found = dates(text, REF)
    assert ("올해 7월", "2025-07", "2025-07") in found
    assert ("25년 11월", "2025-11", "2025-11") in found
    assert ("’26~’30년", "2026", "2030") in found
    assert ("내년도", "2026", "2026") in found
    for found_values in (find_money(text), find_counts(text), find_dates(text, REF)):
        assert_offsets(text, found_values)


_ALPHABET = "0123456789,.'’~ -/년월일분기억만조천백원건개소명여제 \t\n가"


@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_offsets_slice_to_text(text: str) -> None:
    assert_offsets(text, find_money(text))
    assert_offsets(text, find_counts(text))
    assert_offsets(text, find_dates(text, REF))
    assert_offsets(text, find_dates(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("10건", (10, "건")), ("1개소", (1, "개소")), ("120km", (120, "km")),
    ("3,000㎡", (3000, "㎡")), ("12 ha", (12, "ha")), ("50억 건", (5_000_000_000, "건")),
    ("2.5km", None), ("45,000백만 원", None), ("120", None), ("약 10건", None), ("", None),
])
def test_parse_quantity(text: str, expected: tuple[int, str] | None) -> None:
    assert parse_quantity(text) == expected
