"""Letters read for digits in an OCR'd funding table: a cell is read only when the table's
cross-foot proves the value; otherwise it stays null and a warning names it."""

from __future__ import annotations

import pytest
from conftest import SEED_CARD

from gongmun.extract import read_document
from gongmun.normalize import default_correctors, normalize_document
from gongmun.normalize.lookalikes import digit_reading
from gongmun.schemas.build import build_record

NATIONAL_ROW = "국 비\t30,000\t\t\t9,000\t6,000\t6,000\t5,000\t4,000"


def _record(national_row: str, fmt_path: str = str(SEED_CARD)):  # type: ignore[no-untyped-def]
    text = SEED_CARD.read_text("utf-8")
    assert NATIONAL_ROW in text
    data = text.replace(NATIONAL_ROW, national_row).encode("utf-8")
    doc = read_document(data, fmt_path)
    return build_record(normalize_document(doc, default_correctors()), pipeline_version="t")


def _national(record):  # type: ignore[no-untyped-def]
    return next(r for r in record.card.funding.rows if r.source == "national")


def test_digit_reading() -> None:
    assert digit_reading("9,OOO") == "9,000"
    assert digit_reading("l3,5OO") == "13,500"
    assert digit_reading("S,B2Z") == "5,822"
    assert digit_reading("9,000") is None  # nothing to read
    assert digit_reading("국비") is None and digit_reading("OO") is None


def test_cell_proved_by_the_cross_foot_is_read() -> None:
    record = _record(NATIONAL_ROW.replace("\t9,000\t", "\t9,OOO\t"))
    national = _national(record)
    assert national.by_year_krw["2023"] == 9_000 * 1_000_000
    assert any(w.code == "amount_read_by_check" and "9,OOO" in w.message
               for w in record.warnings)
    assert all(c.ok for c in record.card.funding.checks if "national" in c.name
               or c.name.startswith("sources_sum_to_total"))


def test_cell_the_table_does_not_prove_stays_null_with_a_warning() -> None:
    record = _record(NATIONAL_ROW.replace("\t9,000\t", "\t9,OO\t"))  # reads 900, not 9,000
    assert _national(record).by_year_krw["2023"] is None
    unparsed = [w for w in record.warnings if w.code == "unparsed_amount" and "9,OO" in w.message]
    assert unparsed and unparsed[0].location and unparsed[0].location.get("col") is not None
    assert not any(w.code == "amount_read_by_check" for w in record.warnings)


def test_separator_and_grouping_readings() -> None:
    from gongmun.normalize.lookalikes import grouping_reading, separator_readings

    assert grouping_reading("53.036,400") == "53,036,400"  # '.' before a comma: proved
    assert grouping_reading("1.500") is None  # 1.5 or 1,500: the text cannot tell
    assert grouping_reading("53,036.40") is None and grouping_reading("1,500") is None
    assert separator_readings("1.500") == ["1,500"]
    assert separator_readings("12.,000") == ["12,000"]
    assert separator_readings("1,500") == [] and separator_readings("1.5") == []


def test_dropped_digit_readings() -> None:
    from gongmun.normalize.lookalikes import dropped_digit_readings

    readings = dropped_digit_readings("37,100")
    assert "3,100" in readings and "7,100" in readings and "3,700" in readings
    assert dropped_digit_readings("12") == []  # too short to be proved by chance alone
    assert dropped_digit_readings("1.5") == [] and dropped_digit_readings("국비") == []


@pytest.mark.parametrize(("right", "misread", "year"), [
    ("\t9,000\t", "\t9.000\t", "2023"),  # a comma read as a point: 9.0 by itself
    ("\t6,000\t6,000\t", "\t36,000\t6,000\t", "2024"),  # an inserted digit
])
def test_misread_amount_is_repaired_when_the_table_proves_it(right: str, misread: str,
                                                             year: str) -> None:
    record = _record(NATIONAL_ROW.replace(right, misread))
    assert _national(record).by_year_krw[year] == int(right.split("\t")[1].replace(",", "")) \
        * 1_000_000
    cell = misread.split("\t")[1]
    assert any(w.code == "amount_read_by_check" and f"'{cell}'" in w.message
               for w in record.warnings)
    assert all(c.ok for c in record.card.funding.checks)


def test_unproved_point_keeps_its_value_and_names_the_cell() -> None:
    # Neither cross-foot can prove 국비 2023: its 총사업비 and 계's 2023 are unreadable.
    text_row = NATIONAL_ROW.replace("30,000", "삼만").replace("\t9,000\t", "\t9.000\t")
    text = SEED_CARD.read_text("utf-8").replace(NATIONAL_ROW, text_row).replace(
        "계\t45,000\t0\t0\t13,500\t", "계\t45,000\t0\t0\t십삼\t")
    doc = read_document(text.encode("utf-8"), str(SEED_CARD))
    record = build_record(normalize_document(doc, default_correctors()), pipeline_version="t")
    assert _national(record).by_year_krw["2023"] == 9 * 1_000_000  # read as written: 9.0
    doubtful = [w for w in record.warnings if w.code == "amount_doubtful"]
    assert doubtful and "'9.000'" in doubtful[0].message and "'9,000'" in doubtful[0].message
    assert doubtful[0].location and doubtful[0].location.get("col") is not None
    assert not any(w.code == "amount_read_by_check" and "9.000" in w.message
                   for w in record.warnings)


def test_cell_where_a_failing_row_and_column_cross_is_named() -> None:
    # 8,000 for 9,000: a valid-looking number no reading repairs; both its checks fail.
    record = _record(NATIONAL_ROW.replace("\t9,000\t", "\t8,000\t"))
    assert _national(record).by_year_krw["2023"] == 8_000 * 1_000_000  # kept as read
    named = [w for w in record.warnings if w.code == "amount_doubtful"]
    assert len(named) == 1 and "'8,000'" in named[0].message
    assert named[0].location and named[0].location.get("col") is not None
    clean = _record(NATIONAL_ROW)
    assert not any(w.code == "amount_doubtful" for w in clean.warnings)
