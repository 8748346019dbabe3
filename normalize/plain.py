"""Normalization of plain text (`gongmun normalize`): line by line, every line cleaned and
corrected as a paragraph, every correction located by its line."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from .corrections import Correction, TextContext
from .text import clean_text


class PlainTextError(Exception):
    """A file that cannot be read as text; the message is the reason."""


def read_text_file(path: Path) -> str:
    if not path.exists():
        raise PlainTextError("no such file")
    if path.is_dir():
        raise PlainTextError("is a directory")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PlainTextError(err.strerror or str(err)) from err
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlainTextError("not a text file (neither UTF-8 nor CP949)")


def normalize_text(text: str, *, correct: bool = True) -> tuple[str, list[Correction]]:
    """Clean and correct `text` line by line; corrections carry `{line, start, end}`."""
    from . import default_correctors

    correctors = default_correctors() if correct else []
    lines: list[str] = []
    corrections: list[Correction] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_text(raw)
        context = TextContext(location={"block": None, "page": None, "line": number},
                              block_type="paragraph")
        for corrector in correctors:
            if not line:
                break
            line, made = corrector(line, context)
            corrections.extend(made)
        lines.append(line)
    return "\n".join(lines), corrections


def as_json(text: str, corrections: list[Correction]) -> dict[str, Any]:
    return {"text": text, "corrections": [asdict(c) for c in corrections]}
