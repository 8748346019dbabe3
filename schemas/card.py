"""Management card builder (work in progress)."""

from __future__ import annotations

from gongmun.extract.model import Document

from .models import Card, WarningOut


def build_card(doc: Document) -> tuple[Card, list[WarningOut], str | None]:
    return Card(), [], None
