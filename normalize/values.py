"""Money, counts, dates and periods in Korean administrative text.

Pure parsers (stdlib only). Every value found keeps its text exactly as written and its
character offsets in the input, so callers can cite and check it. Unit words (money scales,
count units, relative-year words) live in `data/units.tsv`.

Correctness over coverage: when a mention is ambiguous (`100만 관광객`, `10년간`, `25.11` without
a closing dot), it is left out rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import TypeVar

from gongmun.normalize.resources import read_table

_T = TypeVar("_T")

__all__ = [
    "CountValue",
    "DateValue",
    "Money",
    "YearRange",
    "find_counts",
    "find_dates",
    "find_money",
    "money_in_unit",
    "parse_datetime_kst",
    "parse_number",
    "parse_year_range",
    "to_int_krw",
    "unit_multiplier",
]


@dataclass(frozen=True)
class Money:
    """A money mention: `45,000백만 원` is 45000000000 won."""

    text: str
    krw: int
    start: int
    end: int


@dataclass(frozen=True)
class CountValue:
    """A count that is not money: `50억 건` is 5000000000 of unit `건`."""

    text: str
    value: int
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class DateValue:
    """A date or period; ISO strings of the written granularity, `date_end` None if open."""

    text: str
    date_start: str | None
    date_end: str | None
    start: int
    end: int


@dataclass(frozen=True)
class YearRange:
    start_year: int | None
    end_year: int | None
    years: int | None


# --- text folding --------------------------------------------------------------------------

# One character for one character, so offsets in the folded text are offsets in the input.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        "，": ",", "．": ".", "～": "~", "∼": "~", "〜": "~", "：": ":", "／": "/",
        "（": "(", "）": ")", "\u3000": " ", "\xa0": " ", "−": "-",
        "’": "'", "‘": "'", "`": "'", "´": "'", "′": "'",
    }
)


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _is_hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


# --- unit words ----------------------------------------------------------------------------


@cache
def _values(kind: str) -> dict[str, int]:
    """`word -> value` for rows of `units.tsv` of one kind."""
    return {row[1]: int(row[2]) for row in read_table("units.tsv") if row[0] == kind}


@cache
def _words(kind: str) -> tuple[str, ...]:
    """Words of one kind, longest first, so `개소` wins over `개`."""
    words = {row[1] for row in read_table("units.tsv") if row[0] == kind}
    return tuple(sorted(words, key=len, reverse=True))


def _word_at(s: str, i: int, *kinds: str) -> str | None:
    """The longest word of the given kinds that starts at `s[i]`."""
    hits = [w for kind in kinds for w in _words(kind) if s.startswith(w, i)]
    return max(hits, key=len) if hits else None


# --- numbers -------------------------------------------------------------------------------

# A number with valid thousands grouping; `1,2345` is not one (OCR noise, or two cells).
_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d|,\d)(?:\.\d+)?|\d+(?:\.\d+)?(?!,\d)")
_NUMBER_CELL = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# Where a number may start: not inside another number (`5,800`, `2.5`).
_NUM_START = re.compile(r"(?<!\d)(?<!\d[.,])\d")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def parse_number(text: str) -> Decimal | None:
    """`45,000` -> 45000, `1.5` -> 1.5; blank, a dash or anything else -> None.

    A separator left after the number (`30,000,` cut from `국비 30,000, 도비`) is not part of it.
    """
    s = _fold(text).strip().rstrip(",.").rstrip()
    if not _NUMBER_CELL.fullmatch(s):
        return None
    try:
        return _decimal(s)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def to_int_krw(amount: Decimal) -> int:
    """Whole won, exactly; a sub-won fraction (which KRW does not have) rounds half up."""
    return int(amount.to_integral_value(rounding=ROUND_HALF_UP))


def _whole(value: Decimal) -> int | None:
    """The value as an int when it is a whole number; a fractional won or count is no parse."""
    return int(value) if value == value.to_integral_value() else None


@dataclass(frozen=True)
class _Numeral:
    """A Korean numeral (`1조 2,000억`, `3천5백만`) and a plain number after it, if any."""

    scaled: Decimal  # the part written with scale words (0 when there is none)
    end: int  # end of the last scale word (the start when there is none)
    has_big: bool  # a 만/억/조 was written
    tail: re.Match[str] | None  # a plain number after the scaled part: `1억 5000원`


def _scale_at(s: str, i: int) -> tuple[str, int, bool] | None:
    word = _word_at(s, i, "scale_big", "scale_small")
    if word is None:
        return None
    big = word in _values("scale_big")
    return word, (_values("scale_big") if big else _values("scale_small"))[word], big


def _read_numeral(s: str, i: int) -> _Numeral:
    """Read `NUM scale [NUM scale]...` from `i`; stop where the order of scales breaks."""
    total = group = Decimal(0)
    last_big = last_small = 10**20
    end, pos, has_big = i, i, False
    while True:
        num = _NUM.match(s, pos)
        scale = _scale_at(s, num.end() if num else pos)
        if scale is None:
            return _Numeral(total + group, end, has_big, num)
        word, mult, big = scale
        n = _decimal(num.group()) if num else None
        if big:
            # `3천5백만`: a big scale may stand alone right after a small one.
            if mult >= last_big or (n is None and (group == 0 or pos != end)):
                break
            total += (group + (n or 0)) * mult
            group, last_big, last_small, has_big = Decimal(0), mult, 10**20, True
        else:
            if n is None or mult >= last_small:
                break
            group += n * mult
            last_small = mult
        end = (num.end() if num else pos) + len(word)
        # Pieces may be spaced (`1조 2,000억`), but only by one space and never across a tab.
        pos = end + 1 if s[end : end + 1] == " " and s[end + 1 : end + 2].isdigit() else end
    return _Numeral(total + group, end, has_big, None)


def _blocked_before(s: str, i: int) -> bool:
    """`제1조` is an article number; `$10억` is not won."""
    if any(s.endswith(w, 0, i) for w in _words("other_currency")):
        return True
    prefix = _word_at(s, i - 1, "ordinal_prefix") if i else None
    return prefix is not None and (i < 2 or not _is_hangul(s[i - 2]))


# --- money ---------------------------------------------------------------------------------


def _won_after(s: str, j: int) -> int | None:
    """End of `[ ]원` at `j`, or -1 when 원 is glued into another word (원칙, 원주), else None."""
    k = j + 1 if s[j : j + 1] == " " else j
    if s[k : k + 1] != "원":
        return None
    k += 1
    if k < len(s) and _is_hangul(s[k]) and _word_at(s, k, "after_won") is None:
        return -1
    return k


def _about(s: str, j: int) -> int:
    """Skip `여` ("more than"): `5,800억여 원`, `1만여 명`."""
    return j + 1 if s[j : j + 1] == "여" else j


def _not_money_follows(s: str, j: int) -> bool:
    """A bare amount followed by a count, a measure or a foreign currency is not won."""
    k = j
    while s[k : k + 1] == " ":
        k += 1
    if _word_at(s, k, "not_count"):
        return _word_at(s, k, "measure", "counted_noun", "other_currency") is not None
    return _word_at(s, k, "count", "measure", "counted_noun", "other_currency") is not None


def _money_at(s: str, i: int) -> tuple[int, int] | None:
    """`(krw, end)` of the money mention starting at `i`, if it is one."""
    num = _read_numeral(s, i)
    if num.tail is not None:
        won = _won_after(s, _about(s, num.tail.end()))
        if won == -1:
            return None
        if won is not None:
            value = _whole(num.scaled + _decimal(num.tail.group()))
            return (value, won) if value is not None else None
    if num.end == i:
        return None
    j = _about(s, num.end)
    won = _won_after(s, j)
    if won == -1 or (won is None and (not num.has_big or _not_money_follows(s, j))):
        return None
    value = _whole(num.scaled)
    return (value, won if won is not None else j) if value is not None else None


def find_money(text: str) -> list[Money]:
    """Money mentions: `45,000백만 원`, `1조 2,000억 원`, `1,234원`, a bare `350억`.

    A plain number is money only with 원; a bare 만/억/조 amount is money unless a count
    unit, a measure, a counted noun or a foreign currency follows (`50억 건`, `100만 달러`).
    """
    return [Money(text[start:end], krw, start, end)
            for start, end, krw in _scan_numbers(text, _money_at)]


def _scan_numbers(
    text: str, read_at: Callable[[str, int], tuple[_T, int] | None]
) -> Iterator[tuple[int, int, _T]]:
    """Each number in `text` that `read_at` reads as a value: (start, end, value).

    `read_at(folded, i)` returns the value and where it ends; a number inside the previous
    hit, or glued to a word before it, is not a new start.
    """
    s = _fold(text)
    pos = 0
    for m in _NUM_START.finditer(s):
        i = m.start()
        if i < pos or _blocked_before(s, i):
            continue
        hit = read_at(s, i)
        if hit is not None:
            value, pos = hit
            yield i, pos, value


def unit_multiplier(unit: str) -> int | None:
    """Won per unit of a unit line: `(단위 : 백만 원)` -> 1000000, `천원` -> 1000; else None."""
    s = re.sub(r"[\s()\[\]<>{}:]|단위", "", _fold(unit))
    for part in re.split(r"[,/]", s):  # `(단위 : 백만 원, %)`
        has_won = part.endswith("원")
        scale = part[:-1] if has_won else part
        if not scale and has_won:
            return 1
        for kind in ("unit_compound", "scale_big", "scale_small"):
            if scale in _values(kind):
                return _values(kind)[scale]
    return None


def money_in_unit(cell: str, unit_krw: int) -> int | None:
    """A table cell under a unit line: `13,500` under 백만 원 -> 13500000000; blank -> None.

    A cell that carries its own unit (`1억 원`) is read as written.
    """
    number = parse_number(cell)
    if number is not None:
        return _whole(number * unit_krw)
    found = find_money(cell)
    if len(found) == 1 and found[0].text == cell.strip():
        return found[0].krw
    return None


# --- counts --------------------------------------------------------------------------------


def _count_at(s: str, i: int) -> tuple[int, str, int] | None:
    """`(value, unit, end)` of a count starting at `i`: `10건`, `50억 건`, `18개 과제` (개)."""
    num = _read_numeral(s, i)
    readings: list[tuple[Decimal, int]] = []
    if num.tail is not None:
        readings.append((num.scaled + _decimal(num.tail.group()), num.tail.end()))
    if num.end > i:
        readings.append((num.scaled, num.end))
    for value, j in readings:
        k = _about(s, j)
        k = k + 1 if s[k : k + 1] == " " else k
        if _word_at(s, k, "not_count"):  # `5개월` is a duration, not 5 of `개`
            return None
        unit = _word_at(s, k, "count")
        whole = _whole(value)
        if unit is not None and whole is not None:
            return whole, unit, k + len(unit)
    return None


def parse_quantity(text: str) -> tuple[int, str] | None:
    """A whole quantity with its unit, standing alone: a count (`10건`, `1개소`) or a measure
    (`120km`, `3,000㎡`); None for anything else (money, fractions, text around it)."""
    counts = find_counts(text)
    if counts and counts[0].text == text.strip():
        return counts[0].value, counts[0].unit
    match = _MEASURE_QUANTITY.fullmatch(_fold(text).strip())
    if match and match.group(2) in _words("measure"):
        number = parse_number(match.group(1))
        if number is not None and number == number.to_integral_value():
            return int(number), match.group(2)
    return None


_MEASURE_QUANTITY = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*([^\d\s]+)")


def find_counts(text: str) -> list[CountValue]:
    """Counts with a unit from `units.tsv`: `10건`, `1개소`, `50억 건`; money is never a count."""
    return [CountValue(text[start:end], value, unit, start, end)
            for start, end, (value, unit) in _scan_numbers(text, _count_value_at)]


def _count_value_at(s: str, i: int) -> tuple[tuple[int, str], int] | None:
    hit = _count_at(s, i)
    return ((hit[0], hit[1]), hit[2]) if hit is not None else None


# --- dates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """A calendar point at the granularity written: year, half, quarter, month or day."""

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    half: int | None = None

    def months(self) -> tuple[int, int]:
        if self.month is not None:
            return self.month, self.month
        if self.quarter is not None:
            return 3 * self.quarter - 2, 3 * self.quarter
        if self.half is not None:
            return 6 * self.half - 5, 6 * self.half
        return 1, 12

    def first(self) -> str:
        return self._iso(self.months()[0])

    def last(self) -> str:
        return self._iso(self.months()[1])

    def _iso(self, month: int) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.quarter is not None:
            return f"{self.year:04d}-Q{self.quarter}"
        if self.month is not None or self.half is not None:  # a half year is a month range
            return f"{self.year:04d}-{month:02d}"
        return f"{self.year:04d}"

    def key(self) -> tuple[int, int, int]:
        return self.year, self.months()[0], self.day or 1


@dataclass(frozen=True)
class _Head:
    """The year a date starts with: `2024`, `'24`, `24` (bare), or a relative word."""

    year: int
    end: int
    kind: str  # "y4", "ap" (apostrophe), "y2" (bare two digits), "rel" (올해, 내년 ...)
    marked: bool  # followed by 년 (or a relative word): `2023년`, `'23년`, `올해`


@dataclass(frozen=True)
class _Start:
    head: _Head
    point: _Point
    end: int
    bare: re.Match[str] | None  # `'24. 2 ~ 3월`: a number that is a month only if a range says so
    standalone: bool  # a date on its own, without a range to confirm it


_YEAR = re.compile(r"(?:(?P<y4>(?:19|20)\d\d)|'(?P<ya>\d\d)|(?P<y2>\d\d))(?!\d)")
_NYEON = re.compile(r" ?년(?!대)도?")  # 년대 is a decade
_PERIOD = r"(?P<q>[1-4]) *(?:/ *4 *)?분기|(?P<h>[상하])반기"
_MARKED_TAIL = re.compile(rf" *(?:{_PERIOD}|(?P<m>\d{{1,2}}) *월(?: *(?P<d>\d{{1,2}}) *일)?)")
_DOTTED_TAIL = re.compile(
    rf"(?P<sep> *\. *)(?:{_PERIOD}|(?P<m>\d{{1,2}})(?!\d)"
    r"(?:(?P<mw> *월(?: *(?P<d2>\d{1,2}) *일)?)"
    r"|(?P<md> *\.)(?: *(?P<d>\d{1,2})(?!\d)(?: *[.일]|(?![가-힣%.\d])))?)?)"
)
_ISO_TAIL = re.compile(
    r"-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?![\d-])|/(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?!\d)"
)
_PARTIAL = re.compile(
    rf"(?:{_PERIOD}|(?P<m>\d{{1,2}}) *월(?: *(?P<d>\d{{1,2}}) *일)?"
    r"|(?P<m2>\d{1,2}) *\.(?: *(?P<d2>\d{1,2})(?!\d)(?: *\.)?)?|(?P<dd>\d{1,2}) *일)"
)
_TILDE = re.compile(r"(?: *\.)? *~ *")  # `'23.~'25.`: a year's closing dot may precede it
_OPENS = re.compile(r"[\d']")  # after `~`, something we could not read: not an open range
_DASH = re.compile(r" *[-–] *")
_REPORT_DAY = re.compile(r"(\d{1,2})일 *")
_MONTH_BEFORE = re.compile(r"월 *$")


def _point(year: int, m: re.Match[str], month: str, day: str) -> _Point | None:
    """A valid point from a tail match (groups q, h and the month/day group names given)."""
    groups = m.groupdict()
    try:
        if groups.get("q"):
            return _Point(year, quarter=int(m.group("q")))
        if groups.get("h"):
            return _Point(year, half=1 if m.group("h") == "상" else 2)
        mo = int(m.group(month))
        if m.group(day):
            return _Point(year, mo, date(year, mo, int(m.group(day))).day)
        return _Point(year, mo) if 1 <= mo <= 12 else None
    except ValueError:
        return None


def _head(s: str, i: int, reference: date | None) -> _Head | None:
    m = _YEAR.match(s, i)
    if m is not None:
        year = int(m.group("y4")) if m.group("y4") else 2000 + int(m.group("ya") or m.group("y2"))
        kind = "y4" if m.group("y4") else "ap" if m.group("ya") else "y2"
        n = _NYEON.match(s, m.end())
        return _Head(year, n.end() if n else m.end(), kind, n is not None)
    word = _word_at(s, i, "relative_year") if reference is not None else None
    if reference is None or word is None or (i and _is_hangul(s[i - 1])):
        return None
    return _Head(reference.year + _values("relative_year")[word], i + len(word), "rel", True)


def _start(s: str, i: int, reference: date | None) -> _Start | None:
    """The first point of a date at `i`, before any range."""
    head = _head(s, i, reference)
    if head is None:
        return None
    year_only = _Start(head, _Point(head.year), head.end, None,
                       head.kind in ("ap", "rel") or (head.kind == "y4" and head.marked))
    if head.marked or head.kind == "ap":
        m = _MARKED_TAIL.match(s, head.end)
        point = _point(head.year, m, "m", "d") if m else None
        if m and point:
            return _Start(head, point, m.end(), None, True)
        if m:  # `2024년 13월`: a broken date is no date, not just a year
            return None
        if head.marked:
            return year_only if head.kind != "y2" else None
    if head.kind == "y4" and (iso := _ISO_TAIL.match(s, head.end)):
        month, day = ("m", "d") if iso.group("m") else ("m2", "d2")
        point = _point(head.year, iso, month, day) if iso.group(month) else None
        return _Start(head, point, iso.end(), None, True) if point else None
    return _dotted_start(s, head, year_only)


def _dotted_start(s: str, head: _Head, year_only: _Start) -> _Start | None:
    """`'24. 5월`, `2025. 12. 8.`, `25.11.`, `'24. 3분기`, or a bare `'24. 2` before a range."""
    m = _DOTTED_TAIL.match(s, head.end)
    if m is None:
        return year_only
    # A bare two-digit year needs the compact, closed form `25.11.` (else it may be a decimal).
    closed = any(m.group(g) for g in ("q", "h", "mw", "md"))
    if head.kind == "y2" and not (m.group("sep") == "." and closed):
        return year_only
    if m.group("m") and not (m.group("mw") or m.group("md")):
        point = _point(head.year, m, "m", "d2")
        # `2024.05` is a month; `'24. 2` is one only when a range `~ 3월` follows.
        sure = head.kind == "y4" and m.group("sep") == "."
        if point and sure:
            return _Start(head, point, m.end(), None, True)
        return _Start(head, year_only.point, year_only.end, m, year_only.standalone)
    point = _point(head.year, m, "m", "d2" if m.group("mw") else "d")
    return _Start(head, point, m.end(), None, True) if point else None


def _partial_end(s: str, k: int, start: _Point, bare: bool) -> tuple[_Point, int] | None:
    """The end of a range that leaves out the year: `~ 3월`, `~ 12. 31.`, `~ 4분기`, `~ 31일`."""
    m = _PARTIAL.match(s, k)
    if m is None or (not bare and start == _Point(start.year)):  # `2024년 ~ 3월`: ambiguous
        return None
    names = ("m", "d") if m.group("m") else ("m2", "d2")
    if m.group("dd"):
        if bare or start.day is None or start.month is None:
            return None
        try:
            return _Point(start.year, start.month, date(start.year, start.month,
                                                        int(m.group("dd"))).day), m.end()
        except ValueError:
            return None
    end = _point(start.year, m, *names)
    if end is None or (bare and end.month is None and end.quarter is None):
        return None
    if not bare and (end.quarter is None) != (start.quarter is None):
        return None
    if end.key() < start.key():  # `'24. 11월 ~ 2월` runs into the next year
        end = _Point(end.year + 1, end.month, end.day, end.quarter, end.half)
    return end, m.end()


def _full_end(s: str, k: int, start: _Start, reference: date | None) -> tuple[_Point, int] | None:
    """The end of a range written with its own year: `~ 2027년`, `~'30년`, `~ '25. 3월`."""
    end = _start(s, k, reference)
    if end is None or end.bare is not None:
        return None
    # `2026~2030`: four-digit years need no 년 when both ends are years.
    year_range = all(p.point == _Point(p.point.year) and (p.head.kind in ("y4", "ap")
                                                          or p.head.marked) for p in (start, end))
    if not (end.standalone or year_range):
        return None
    return end.point, end.end


def _date_at(s: str, i: int, reference: date | None) -> tuple[str, str | None, int] | None:
    """`(date_start, date_end, end)` of the date or period written at `i`."""
    return _calendar_date(s, i, reference) or _report_day(s, i, reference)


def _calendar_date(s: str, i: int, reference: date | None) -> tuple[str, str | None, int] | None:
    start = _start(s, i, reference)
    if start is None:
        return None
    if start.bare is not None:
        ranged = _bare_range(s, start.point.year, start.bare)
        if ranged is not None:
            return ranged
        if not start.standalone:
            return None
    at = start.end
    for sep in (_TILDE, _DASH):
        m = sep.match(s, at)
        if m is None:
            continue
        end = _full_end(s, m.end(), start, reference) or (
            _partial_end(s, m.end(), start.point, False) if sep is _TILDE else None)
        if end is not None and end[0].key() >= start.point.key():
            return start.point.first(), end[0].last(), end[1]
        if sep is _TILDE and end is None and start.standalone and not _OPENS.match(s, m.end()):
            return start.point.first(), None, s.index("~", at) + 1  # open range: `'23. 7월~`
    if not start.standalone:
        return None
    return start.point.first(), start.point.last(), at


def _bare_range(s: str, year: int, bare: re.Match[str]) -> tuple[str, str, int] | None:
    """`'24. 2 ~ 3월`, `'24. 3~4분기`: the bare number takes the granularity of the end."""
    m = _TILDE.match(s, bare.end())
    end = _partial_end(s, m.end(), _Point(year), True) if m else None
    if end is None:
        return None
    n = int(bare.group("m"))
    first = _Point(year, quarter=n) if end[0].quarter is not None else _Point(year, n)
    if (first.quarter or first.month or 0) not in range(1, 13) or (first.quarter or 0) > 4:
        return None
    if end[0].key() < first.key():  # `'24. 5 ~ 3월`: no reading is safe
        return None
    return first.first(), end[0].last(), end[1]


def _report_day(s: str, i: int, reference: date | None) -> tuple[str, str, int] | None:
    """`23일 밝혔다`: a bare day in a news lede is a day of the reference month."""
    m = _REPORT_DAY.match(s, i)
    if reference is None or m is None or not _word_at(s, m.end(), "report_verb"):
        return None
    if _MONTH_BEFORE.search(s, max(0, i - 4), i):  # `1월 23일`: that month, not ours, decides
        return None
    try:
        day = date(reference.year, reference.month, int(m.group(1)))
    except ValueError:
        return None
    return day.isoformat(), day.isoformat(), i + len(m.group(1)) + 1


@cache
def _anchor(relative: bool) -> re.Pattern[str]:
    """Where a date may start: an apostrophe year, a number not inside another, a relative word."""
    digits = r"'(?=\d\d(?!\d))|(?<![0-9A-Za-z.,/'\-])\d"
    if not relative:
        return re.compile(digits)
    words = "|".join(map(re.escape, _words("relative_year")))
    return re.compile(rf"{digits}|(?<![가-힣])(?:{words})")


def find_dates(text: str, reference: date | None = None) -> list[DateValue]:
    """Dates and periods: `'22. 5월`, `'24. 2 ~ 3월`, `2024년 4분기`, `2023년~2027년`, `'23. 7월~`.

    Relative words (`올해 7월`, `내년`) are resolved against `reference` and skipped without it.
    """
    s = _fold(text)
    found: list[DateValue] = []
    pos = 0
    for m in _anchor(reference is not None).finditer(s):
        i = m.start()
        if i < pos or (i >= 2 and s[i - 1] == ":" and s[i - 2].isdigit()):  # `15:20`
            continue
        hit = _date_at(s, i, reference)
        if hit is not None:
            first, last, pos = hit
            found.append(DateValue(text[i:pos], first, last, i, pos))
    return found


_YEARS_WRITTEN = re.compile(r"(\d{1,3}) *(?:개)?년 *간")


def parse_year_range(text: str) -> YearRange | None:
    """`2023년~2027년(5년간)` -> (2023, 2027, 5); `'23년~'25년` -> (2023, 2025, 3).

    `years` is the count written (`5년간`), else the inclusive count of the years in the range.
    """
    dates = find_dates(text)
    written = _YEARS_WRITTEN.search(_fold(text))
    years = int(written.group(1)) if written else None
    if not dates:
        return YearRange(None, None, years) if years is not None else None
    first = dates[0]
    start = int(first.date_start[:4]) if first.date_start else None
    end = int(first.date_end[:4]) if first.date_end else None
    if years is None and start is not None and end is not None:
        years = end - start + 1
    return YearRange(start, end, years)


_DATETIME = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-./년]\s*(?P<mo>\d{1,2})\s*[-./월]\s*"
    r"(?P<d>\d{1,2})(?!\d)(?:\s*일)?\.?"
    # A weekday in parentheses is layout: `2025. 9. 22.(월) 10:00`.
    r"(?:\s*\([월화수목금토일]\))?"
    r"(?:(?:T|\s*)(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?\(?\s*(?P<h>\d{1,2})\s*[:시]\s*"
    r"(?P<mi>\d{1,2})(?:\s*[:분]\s*(?P<s>\d{1,2})(?!\d))?\s*[분초]?"
    r"(?:\s*(?P<tz>Z|[+-]\d\d:?\d\d|KST|UTC|GMT))?)?"
)
_AFTERNOON = frozenset({"오후", "PM", "pm"})


def parse_datetime_kst(text: str) -> str | None:
    """`2025-12-08 15:20:46` -> `2025-12-08T15:20:46+09:00`; a date alone -> `2025-12-08`.

    Korea time unless the text gives an offset or UTC. The layouts of bylines and 보도일시
    lines are read too: `2025. 9. 22.(월) 오후 2:05`, `2025년 12월 8일 15시 20분`.
    """
    m = _DATETIME.search(_fold(text))
    if m is None:
        return None
    try:
        day = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    except ValueError:
        return None
    if m.group("h") is None:
        return day.isoformat()
    try:
        hour = int(m.group("h"))
        if m.group("ampm") and hour <= 12:
            hour = hour % 12 + (12 if m.group("ampm") in _AFTERNOON else 0)
        stamp = datetime(day.year, day.month, day.day, hour, int(m.group("mi")),
                         int(m.group("s") or 0))
    except ValueError:  # `25:00`: the date is still right
        return day.isoformat()
    return stamp.isoformat() + _offset(m.group("tz"))


def _offset(tz: str | None) -> str:
    if tz is None or tz == "KST":
        return "+09:00"
    if tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    digits = tz.replace(":", "")
    return f"{digits[:3]}:{digits[3:]}"
