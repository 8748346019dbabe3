"""One document through the pipeline: read -> normalize -> build the record."""

from __future__ import annotations

from pathlib import Path

from gongmun import __version__
from gongmun.extract import read_document, read_file
from gongmun.extract.scan import OcrMode, using_ocr_mode
from gongmun.normalize import default_correctors, normalize_document
from gongmun.schemas.build import build_record
from gongmun.schemas.models import Record

PIPELINE_VERSION = __version__


def extract(path: str | Path, *, correct: bool = True, ocr: OcrMode = "auto") -> Record:
    """Read one file and return its record; raises `ExtractError` if it cannot be read.
    `ocr`: auto (pages without usable text), always or never (see `extract.scan`)."""
    return extract_bytes(read_file(path), str(path), correct=correct, ocr=ocr)


def extract_bytes(data: bytes, path: str, *, correct: bool = True,
                  ocr: OcrMode = "auto") -> Record:
    with using_ocr_mode(ocr):
        document = read_document(data, path)
    normalized = normalize_document(document, default_correctors() if correct else [])
    return build_record(normalized, pipeline_version=PIPELINE_VERSION)
