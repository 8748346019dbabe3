"""Access to the domain data files in `normalize/data/` (TSV/TXT with `#` comments)."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a data file, right-stripped."""
    text = resources.files("gongmun.normalize").joinpath("data", name).read_text("utf-8")
    lines = (line.rstrip() for line in text.splitlines())
    return tuple(line for line in lines if line.strip() and not line.lstrip().startswith("#"))


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file."""
    return [line.split("\t") for line in read_lines(name)]
