"""The management card form's vocabulary (from `normalize/data/card_fields.tsv`)."""

from __future__ import annotations

import re
from functools import cache

from gongmun.normalize.resources import read_table


@cache
def form_fields(table: str) -> dict[str, str]:
    """keyword -> field for one of the form's tables (`funding`, `communication`, ...)."""
    return {row[1]: row[2] for row in read_table("card_fields.tsv") if row[0] == table}


def field_for_label(table: str, label: str) -> str | None:
    return form_fields(table).get(label.replace(" ", "")) or form_fields(table).get(label)


# What separates the words of a header cell ("주민간담회, 공청회 등", "언론·방송").
_HEADER_WORDS = re.compile(r"[\s,·/()\[\]]+")
# Trailing words of a header that name no field of their own ("주민간담회, 공청회 등").
_HEADER_FILLERS = frozenset({"등", "기타등"})


def fields_in_header(table: str, header: str) -> list[str]:
    """The fields a header cell names, matched by WORD, never by substring (`관계기관 협의`
    holds 계 but names no total): the whole cell without spaces equals a keyword
    (`합 계`), or a word of it equals one; a keyword of two syllables or more may also
    start or end a word (`만족도조사`, `민간전문가자문` as OCR glues them). Each field once,
    in the order its words stand."""
    keywords = form_fields(table)
    whole = keywords.get(header.replace(" ", ""))
    if whole is not None:
        return [whole]
    found: list[str] = []
    for word in _HEADER_WORDS.split(header):
        if not word or word in _HEADER_FILLERS:
            continue
        field = keywords.get(word) or next(
            (f for k, f in keywords.items()
             if len(k) >= 2 and (word.startswith(k) or word.endswith(k))), None)
        if field is not None and field not in found:
            found.append(field)
    return found


def field_containing(table: str, header: str) -> str | None:
    """The field whose keyword the header contains (first listed wins)."""
    return next((f for k, f in form_fields(table).items() if k in header), None)
