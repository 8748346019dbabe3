"""The management card form's vocabulary (from `normalize/data/card_fields.tsv`)."""

from __future__ import annotations

from functools import cache

from gongmun.normalize.resources import read_table


@cache
def form_fields(table: str) -> dict[str, str]:
    """keyword -> field for one of the form's tables (`funding`, `communication`, ...)."""
    return {row[1]: row[2] for row in read_table("card_fields.tsv") if row[0] == table}


def field_for_label(table: str, label: str) -> str | None:
    return form_fields(table).get(label.replace(" ", "")) or form_fields(table).get(label)


def field_containing(table: str, header: str) -> str | None:
    """The field whose keyword the header contains (first listed wins)."""
    return next((f for k, f in form_fields(table).items() if k in header), None)
