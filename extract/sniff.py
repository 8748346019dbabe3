"""What a file is, from its bytes (magic numbers, decodability), never from its name."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .errors import EmptyInput, UnreadableInput, UnsupportedFormat
from .zipsafe import ZIP_ERRORS

# A text file may hold a few control characters (form feeds from OCR); binary data holds many.
MAX_CONTROL_CHAR_RATIO = 0.02
# Share of Hangul syllables and printable ASCII that makes UTF-16 bytes text, not noise.
MIN_READABLE_SHARE = 0.5
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAGS = re.compile(r"<(head|body|div|p|article|meta|title)\b", re.I)
# Markdown/OCR output: headings, tab-separated table rows or inline <sup>/<b> markup.
_OCR_MARKERS = re.compile(r"^#{1,6}\s|\t|<sup>|<b>|&lt;", re.M)

_BINARY_MAGIC: dict[bytes, str] = {
    b"\x89PNG": "image",
    b"\xff\xd8\xff": "image",
    b"GIF8": "image",
    b"II*\x00": "image",
    b"MM\x00*": "image",
    b"\xd0\xcf\x11\xe0": "hwp",  # OLE2 container: HWP 5 (and old MS Office)
    b"HWP Document File V": "hwp3",  # HWP 3.x (한글 97 and older): not OLE2
}


@dataclass(frozen=True)
class Sniffed:
    format: str
    """`pdf`, `html`, `ocr_text`, `text` (readable here), or `image`, `hwp`, `hwpx`, `zip`."""
    text: str | None = None
    encoding: str | None = None


def sniff(data: bytes) -> Sniffed:
    if not data.strip():
        raise EmptyInput("empty file")
    head = data[:1024]
    if head.lstrip()[:5] == b"%PDF-":
        return Sniffed("pdf")
    for magic, fmt in _BINARY_MAGIC.items():
        if head.startswith(magic):
            return Sniffed(fmt)
    if head.startswith(b"PK\x03\x04"):
        return Sniffed(zip_format(data))
    text, encoding = decode_text(data)
    if _HTML_START.match(data) or len(_HTML_TAGS.findall(text[:20000])) >= 3:
        return Sniffed("html", text, encoding)
    fmt = "ocr_text" if _OCR_MARKERS.search(text) else "text"
    return Sniffed(fmt, text, encoding)


_HWPX_SECTION = re.compile(r"^Contents/section\d+\.xml$")


def zip_format(data: bytes) -> str:
    """`hwpx` when the ZIP holds an HWPX's `mimetype` and `Contents/section*.xml`, else `zip`."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except ZIP_ERRORS:
        return "zip"
    if "mimetype" in names and any(_HWPX_SECTION.match(n) for n in names):
        return "hwpx"
    return "zip"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes; Korean files are UTF-8 or CP949 (a superset of EUC-KR)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data[3:].decode("utf-8", errors="strict")), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows "Unicode" text, or noise
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = ""
        # Any even run of bytes decodes as UTF-16: only text that reads as Korean or Latin
        # script is taken for text.
        if _readable_share(text) < MIN_READABLE_SHARE:
            raise UnreadableInput("not a PDF, HTML or text file (binary data)")
        return _checked(text), "utf-16"
    if b"\x00" in data:  # no 8-bit text encoding puts NUL bytes in text
        raise UnreadableInput("not a PDF, HTML or text file (binary data)")
    for encoding in ("utf-8", "cp949"):
        try:
            return _checked(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    best = from_bytes(data).best()
    if best is None:
        raise UnreadableInput("not a PDF, HTML or text file (undecodable bytes)")
    return _checked(str(best)), best.encoding


def _readable_share(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    readable = sum(1 for c in chars if "가" <= c <= "힣" or " " < c <= "~")
    return readable / len(chars) if chars else 0.0


def _checked(text: str) -> str:
    if not text.strip():
        raise EmptyInput("no text in file")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, MAX_CONTROL_CHAR_RATIO * len(text)):
        raise UnreadableInput("not a PDF, HTML or text file (binary data)")
    return text


def unsupported(fmt: str) -> UnsupportedFormat:
    names = {"image": "an image (scans need OCR first)", "hwp": "an HWP/OLE document",
             "hwpx": "an HWPX document", "zip": "a ZIP archive",
             "hwp3": "an HWP 3.x document (save it as HWP 5 or HWPX)"}
    return UnsupportedFormat(f"{names.get(fmt, fmt)} is not supported yet")
