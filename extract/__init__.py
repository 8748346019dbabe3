"""Readers: the bytes of one file -> `Document`. One reader per format, chosen by content."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from . import limits
from .errors import ExtractError, UnreadableInput
from .guards import check_document, check_input
from .model import Block, BlockType, Document, Source, Span, Table
from .sniff import Sniffed, sniff, unsupported

ReadFn = Callable[[bytes, Source, str | None], Document]
"""A reader: the file's bytes, its `Source`, and its decoded text for text formats."""

# format -> "module:function"; imported on first use so that a text-only run never pays for
# pdfplumber, nor an HTML run for the PDF stack.
READERS: dict[str, str] = {
    "pdf": "gongmun.extract.pdf:read",
    "ocr_text": "gongmun.extract.text:read",
    "text": "gongmun.extract.text:read",
    "html": "gongmun.extract.html:read",
    "hwpx": "gongmun.extract.hwpx:read",
    "hwp": "gongmun.extract.hwp:read",
    "image": "gongmun.extract.scan:read",
}

MAX_INPUT_BYTES = limits.DEFAULT_MAX_INPUT_BYTES  # the default; see `limits.Limits`


def reader_for(fmt: str) -> ReadFn:
    target = READERS.get(fmt)
    if target is None:
        raise unsupported(fmt)
    module_name, func = target.split(":")
    reader: ReadFn = getattr(import_module(module_name), func)
    return reader


def read_file(path: str | Path) -> bytes:
    """The bytes of one input file; raises `UnreadableInput` with a one-line reason."""
    p = Path(path)
    if not p.exists():
        raise UnreadableInput("no such file")
    if p.is_dir():
        raise UnreadableInput("is a directory")
    try:
        return p.read_bytes()
    except OSError as err:
        raise UnreadableInput(err.strerror or str(err)) from err


def read_document(data: bytes, path: str) -> Document:
    """Sniff `data`, pick its reader and return the Document; raises `ExtractError`."""
    limits.check_size(len(data))
    sniffed: Sniffed = sniff(data)
    source = Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        format=sniffed.format,
        size_bytes=len(data),
        encoding=sniffed.encoding,
    )
    check_input(sniffed.format, data, sniffed.text)
    document = reader_for(sniffed.format)(data, source, sniffed.text)
    if sniffed.format in ("pdf", "hwpx", "hwp"):  # a 보도자료's office may be only in its logo
        from .pdf_header import add_logo_pictures

        add_logo_pictures(document, data)
    check_document(document)
    return document


__all__ = [
    "Block",
    "BlockType",
    "Document",
    "ExtractError",
    "Source",
    "Span",
    "Table",
    "read_document",
    "read_file",
]
