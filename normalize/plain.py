"""Normalization of plain text (`gongmun normalize`): line by line, every line cleaned and
corrected as a paragraph, every correction located by its line."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from .corrections import Correction, TextContext
from .document import apply_correctors
from .text import clean_text


def read_text_file(path: Path) -> str:
    """A text file's text, decoded as every text input is (UTF-8, CP949, detected);
    raises `ExtractError` with a one-line reason."""
    from gongmun.extract import read_file
    from gongmun.extract.sniff import decode_text

    text, _ = decode_text(read_file(path))
    return text


def normalize_text(text: str, *, correct: bool = True) -> tuple[str, list[Correction]]:
    """Clean and correct `text` line by line; corrections carry `{line, start, end}`."""
    from . import default_correctors

    correctors = default_correctors() if correct else []
    lines: list[str] = []
    corrections: list[Correction] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        context = TextContext(location={"block": None, "page": None, "line": number},
                              block_type="paragraph")
        lines.append(apply_correctors(clean_text(raw), context, correctors, corrections))
    return "\n".join(lines), corrections


def as_json(text: str, corrections: list[Correction]) -> dict[str, Any]:
    return {"text": text, "corrections": [asdict(c) for c in corrections]}
