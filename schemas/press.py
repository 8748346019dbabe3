"""Press release / news article builder (work in progress)."""

from __future__ import annotations

from gongmun.extract.model import Document

from .models import Press, WarningOut


def build_press(doc: Document) -> tuple[Press, list[WarningOut]]:
    return Press(), []
