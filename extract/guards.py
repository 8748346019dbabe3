"""Checks a file must pass before its reader sees it, under the limits in force (`limits`).

Kept apart from the readers so that each reader stays about layout, and every format gets
the same kind of guard: cheap, linear-time checks that refuse what would blow up later.

- PDF: the password (when encrypted), the page count (walking the page tree, which has
  cycle protection, up to the limit), and a cap on every decompressed stream, enforced
  inside pdfminer by a bounded stand-in for its `zlib` (a Flate bomb stops at the cap
  instead of inflating to gigabytes);
- ZIP containers (HWPX, OOXML): the sizes their directory declares;
- text: the longest line; HTML: the element depth; any format, once read: the longest block.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

from . import limits
from .errors import EncryptedInput, UnreadableInput
from .model import BlockType, Document
from .zipsafe import ZIP_ERRORS

# HWPX is not here: its reader checks every member it reads, declared and inflated sizes
# both (`zipsafe.SafeZip`).
ZIP_FORMATS = frozenset({"zip"})
TEXT_FORMATS = frozenset({"text", "ocr_text"})


def check_input(fmt: str, data: bytes, text: str | None) -> None:
    """Raise `LimitExceeded` / `EncryptedInput` before reading; other errors are the reader's."""
    if fmt == "pdf":
        check_pdf(data)
    elif fmt in ZIP_FORMATS:
        check_zip(data)
    if text is not None and fmt in TEXT_FORMATS:
        limits.check_lines(text)
    if text is not None and fmt == "html":
        check_nesting(text)


def check_document(document: Document) -> None:
    """What the reader made: no text block and no table cell longer than the line limit.
    A table's block stands for the whole table (a real 5,000-row table's is ~150k
    characters), so its cells are checked instead."""
    limits.check_blocks(block.text for block in document.blocks
                        if block.type is not BlockType.TABLE)
    limits.check_blocks(cell for table in document.tables for row in table.rows
                        for cell in row)


# --- PDF -----------------------------------------------------------------------------------------


def check_pdf(data: bytes) -> None:
    install_stream_cap()
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    password = limits.current().password
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
        for pages, _ in enumerate(PDFPage.create_pages(document), start=1):
            limits.check_pages(pages)
    except PDFPasswordIncorrect as err:
        if password:
            raise EncryptedInput("encrypted PDF (the password given does not open it)") from err
        raise EncryptedInput("encrypted PDF (password required): use --password") from err
    except PDFEncryptionError as err:
        raise EncryptedInput(f"encrypted PDF (unsupported encryption: {err})") from err
    except (limits.LimitExceeded, EncryptedInput):
        raise
    except Exception:  # damaged files: the reader says what is wrong, in its own words
        return


class _BoundedDecompressor:
    """`zlib.decompressobj()` whose total output stops at the stream cap."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()
        self._total = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        cap = limits.current().max_stream_bytes
        out = self._inner.decompress(data, cap - self._total + 1)
        self._total += len(out)
        if self._total > cap or self._inner.unconsumed_tail:
            limits.check_stream(cap + 1)
        return out

    def flush(self, length: int = zlib.DEF_BUF_SIZE) -> bytes:
        return self._inner.flush(length)


def bounded_decompress(data: bytes, wbits: int = zlib.MAX_WBITS,
                       bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
    """`zlib.decompress` that raises `LimitExceeded` past the stream cap; same errors else."""
    cap = limits.current().max_stream_bytes
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, cap + 1)
    if len(out) > cap or inflater.unconsumed_tail:
        limits.check_stream(cap + 1)
    if not inflater.eof:  # what zlib.decompress says of a stream cut short
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS
    DEF_BUF_SIZE = zlib.DEF_BUF_SIZE
    decompress = staticmethod(bounded_decompress)
    decompressobj = _BoundedDecompressor

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def install_stream_cap() -> None:
    """Route pdfminer's stream decoding through the bounded zlib (idempotent)."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _BoundedZlib):
        pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]


# --- ZIP containers ------------------------------------------------------------------------------


def check_zip(data: bytes) -> None:
    """A ZIP's declared sizes within the stream cap (each member) and the input cap (all).

    The declared sizes can lie; a reader of members must still read them with a bound.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except ZIP_ERRORS as err:
        raise UnreadableInput(f"corrupt or truncated ZIP container ({err})") from err
    total = 0
    for member in members:
        total += member.file_size
        limits.check_stream(member.file_size)
        limits.check_stream(total)


# --- HTML ----------------------------------------------------------------------------------------

# Tags that never hold content (void elements): they open no level.
# Elements whose end tag may be left out (`<p>`, `<li>`) are not counted either: sloppy pages
# leave thousands open, which the parser closes implicitly.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "!doctype", "p", "li", "dt", "dd", "tr",
                   "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup",
                   "rb", "rt", "rp", "html", "head", "body"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*|!doctype)\b[^<>]*?(/?)>")


def check_nesting(text: str) -> None:
    """Refuse an HTML page nested deeper than `max_nesting` (one linear scan of the tags).

    An approximation of the parser's tree: a page that never closes its `<div>`s may be
    overestimated; real pages stay far below the limit.
    """
    limit = limits.current().max_nesting
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > limit:
            raise limits.LimitExceeded(f"HTML nested more than {limit:,} elements deep "
                                       "(limit --max-nesting)")
