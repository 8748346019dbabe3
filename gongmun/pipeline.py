"""One document through the pipeline: read -> normalize -> build the record."""

from __future__ import annotations

from pathlib import Path

from gongmun import __version__
from gongmun.extract import read_document
from gongmun.extract.errors import UnreadableInput
from gongmun.normalize import default_correctors, normalize_document
from gongmun.schemas.build import build_record
from gongmun.schemas.models import Record

PIPELINE_VERSION = __version__


def extract(path: str | Path, *, correct: bool = True) -> Record:
    """Read one file and return its record; raises `ExtractError` if it cannot be read."""
    return extract_bytes(read_input(path), str(path), correct=correct)


def extract_bytes(data: bytes, path: str, *, correct: bool = True) -> Record:
    document = read_document(data, path)
    normalized = normalize_document(document, default_correctors() if correct else [])
    return build_record(normalized, pipeline_version=PIPELINE_VERSION)


def read_input(path: str | Path) -> bytes:
    p = Path(path)
    if not p.exists():
        raise UnreadableInput("no such file")
    if p.is_dir():
        raise UnreadableInput("is a directory")
    try:
        return p.read_bytes()
    except OSError as err:
        raise UnreadableInput(err.strerror or str(err)) from err
