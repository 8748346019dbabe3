"""Reader for HWP 5.x (한글 97 to today's binary format): an OLE2 compound file of records.

Layout, from the public spec "한글 문서 파일 형식 5.0":

- `FileHeader`: a signature and property flags (compressed, password, 배포용 distribution,
  DRM);
- `DocInfo`: shared tables, of which we use the character shapes (text sizes);
- `BodyText/SectionN`: the text, as records, raw-deflate compressed when the flag says so;
  a 배포용 document keeps its text in `ViewText/SectionN` instead, AES-128 encrypted, and a
  placeholder ("this document is for distribution") in `BodyText`, which is never read;
- a record is a 32-bit header (tag 10 bits, level 10 bits, size 12 bits; size 0xFFF means a
  32-bit size follows) and its data; a record's level makes it the child of the last record
  one level up: a paragraph (PARA_HEADER) owns its text, character shapes and controls; a
  table control owns a TABLE record and, per cell, a LIST_HEADER followed by the cell's
  paragraphs.

Everything read is bounded: stream sizes, inflated sizes, record counts, nesting depth.
"""

from __future__ import annotations

import io
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import EncryptedInput, ExtractError, LimitExceeded, UnreadableInput, UnsupportedFormat
from .flow import MAX_TABLE_DEPTH, Cell, Item, Para, TableData, assemble, iter_paras
from .model import Document, ExtractNote, Source

SIGNATURE = b"HWP Document File"
FILE_HEADER_BYTES = 256

# FileHeader property bits.
FLAG_COMPRESSED = 1 << 0
FLAG_PASSWORD = 1 << 1
FLAG_DISTRIBUTION = 1 << 2
FLAG_DRM = 1 << 4
FLAG_CERT_ENCRYPTED = 1 << 8
FLAG_CERT_DRM = 1 << 10

# Record tags (HWPTAG_BEGIN = 0x10).
TAG_CHAR_SHAPE = 0x10 + 5
TAG_DISTRIBUTE_DOC_DATA = 0x10 + 12
TAG_PARA_HEADER = 0x10 + 50
TAG_PARA_TEXT = 0x10 + 51
TAG_PARA_CHAR_SHAPE = 0x10 + 52
TAG_CTRL_HEADER = 0x10 + 55
TAG_LIST_HEADER = 0x10 + 56
TAG_TABLE = 0x10 + 61

# Control ids: four ASCII letters stored as a little-endian 32-bit number.
CTRL_TABLE = "tbl "
CTRL_DRAWING = "gso "
CTRL_NOTES = frozenset({"fn  ", "en  "})
CTRL_FURNITURE = {"head": "page headers", "foot": "page footers", "tcmt": "hidden comments",
                  "eqed": "equations"}

# PARA_TEXT control characters (below 32): these take one UTF-16 unit; every other one takes
# eight (the code, a control id or data, the code again).
CHAR_CONTROLS = frozenset({0, 10, 13, *range(24, 32)})
CONTROL_UNITS = 8
# Extended controls own a CTRL_HEADER record (tables, drawings, notes, fields, ...); inline
# ones (tab, field end, title mark) do not.
EXTENDED_CONTROLS = frozenset({1, 2, 3, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23})
_CHAR_TEXT = {10: "\n", 24: "-", 30: "\u00a0", 31: " "}
_TAB = 9

# CHAR_SHAPE: the base text size (INT32, 1/100 pt) follows 7 font ids (WORD) and four
# 7-byte arrays (ratios, spacings, relative sizes, offsets).
CHAR_SHAPE_SIZE_OFFSET = 42
SIZE_UNITS_PER_POINT = 100.0
# LIST_HEADER of a table cell: paragraph count and properties, then column, row, column
# span and row span as 16-bit numbers.
CELL_ADDRESS_OFFSET = 8
# TABLE: properties (UINT32), then row and column counts (UINT16 each).
TABLE_COUNTS_OFFSET = 4

# Limits. The largest real document here (a 100-page table annex) inflates to a few MB and
# ~10^5 records; these stop a forged file long before memory or time run out.
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_RECORDS = 5_000_000
MAX_SECTIONS = 1024

DISTRIBUTION_DATA_BYTES = 256
AES_BLOCK_BYTES = 16
# The distribution record's bytes are XOR-ed with a stream from MSVC's rand(); the AES key
# sits 4 + (seed % 16) bytes in.
LCG_MULTIPLIER = 214013
LCG_INCREMENT = 2531011
DISTRIBUTION_KEY_BASE = 4


def read(data: bytes, source: Source, text: str | None = None) -> Document:
    ole = _open_ole(data)
    try:
        header = _stream(ole, "FileHeader", MAX_STREAM_BYTES) if ole.exists("FileHeader") \
            else b""
        flags = parse_file_header(header)
        compressed = bool(flags & FLAG_COMPRESSED)
        doc_info = _records_of(ole, "DocInfo", compressed) if ole.exists("DocInfo") else []
        sizes = char_sizes(doc_info)
        if flags & FLAG_DISTRIBUTION:
            sections = [decrypt_distribution(_stream(ole, name, MAX_STREAM_BYTES), compressed)
                        for name in _sections(ole, "ViewText")]
        else:
            sections = [_inflated(_stream(ole, name, MAX_STREAM_BYTES), compressed)
                        if compressed else _stream(ole, name, MAX_STREAM_BYTES)
                        for name in _sections(ole, "BodyText")]
    finally:
        ole.close()
    if not sections:
        raise UnreadableInput("corrupt HWP: no BodyText sections")
    reader = _BodyReader(sizes)
    items: list[Item] = []
    for stream in sections:
        items += reader.section(build_tree(parse_records(stream)))
    if not any(p.text.strip() for p in iter_paras(items)):
        raise UnreadableInput("HWP has no text")
    notes = reader.notes()
    if flags & FLAG_DISTRIBUTION:
        notes.append(ExtractNote("hwp_distribution",
                                 "배포용 (distribution) document: text read from ViewText"))
    return assemble(replace(source, pages=None), items, notes)


def pictures(data: bytes, max_bytes: int) -> list[bytes]:
    """The encoded pictures an HWP 5 file embeds (its BinData storage), inflated when the
    file is compressed; one larger than `max_bytes` is left out. For the header-logo reader
    (`pdf_header`): the body text never needs them."""
    ole = _open_ole(data)
    try:
        compressed = bool(parse_file_header(_stream(ole, "FileHeader", MAX_STREAM_BYTES))
                          & FLAG_COMPRESSED)
        names = sorted("/".join(e) for e in ole.listdir(streams=True, storages=False)
                       if len(e) == 2 and e[0] == "BinData")
        out = []
        for name in names:
            if ole.get_size(name) > max_bytes:
                continue
            stream = _stream(ole, name, max_bytes)
            picture = _inflated_picture(stream, max_bytes) if compressed else stream
            if picture is not None:
                out.append(picture)
        return out
    finally:
        ole.close()


def _inflated_picture(stream: bytes, max_bytes: int) -> bytes | None:
    """A BinData picture inflated, never past `max_bytes` (None beyond); one stored
    uncompressed in a compressed file (it does not inflate) as it is."""
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(stream, max_bytes + 1)
    except zlib.error:
        return stream
    return None if len(out) > max_bytes or inflater.unconsumed_tail else out


# --- the container -----------------------------------------------------------------------------


def _open_ole(data: bytes) -> Any:
    import olefile

    try:
        return olefile.OleFileIO(io.BytesIO(data))
    except Exception as err:  # olefile raises OSError, struct.error, IndexError ... on damage
        raise UnreadableInput(f"corrupt OLE2/HWP file ({_reason(err)})") from err


def parse_file_header(header: bytes) -> int:
    """The property flags; refuses what is not HWP 5 and what needs a password."""
    if not header.startswith(SIGNATURE):
        raise UnsupportedFormat("an OLE2 document that is not HWP (old MS Office?) "
                                "is not supported")
    if len(header) < 40:
        raise UnreadableInput("corrupt HWP: FileHeader is truncated")
    version = int.from_bytes(header[32:36], "little")
    if version >> 24 != 5:
        raise UnsupportedFormat(f"HWP version {version >> 24} is not supported (HWP 5.x is)")
    flags = int.from_bytes(header[36:40], "little")
    if flags & FLAG_PASSWORD:
        raise EncryptedInput("password-protected HWP (password required)")
    if flags & (FLAG_DRM | FLAG_CERT_ENCRYPTED | FLAG_CERT_DRM):
        raise EncryptedInput("DRM- or certificate-protected HWP (its text is encrypted)")
    return flags


def _stream(ole: Any, name: str, limit: int) -> bytes:
    try:
        size = ole.get_size(name)
        if size > limit:
            raise LimitExceeded(f"HWP stream {name} is larger than {limit // (1024 * 1024)} MiB")
        data: bytes = ole.openstream(name).read(limit + 1)
    except ExtractError:
        raise
    except Exception as err:
        raise UnreadableInput(f"corrupt HWP: stream {name} ({_reason(err)})") from err
    return data


def _sections(ole: Any, storage: str) -> list[str]:
    numbers = []
    for entry in ole.listdir(streams=True, storages=False):
        if len(entry) == 2 and entry[0] == storage and entry[1].startswith("Section"):
            suffix = entry[1][len("Section"):]
            if suffix.isdigit():
                numbers.append(int(suffix))
    if len(numbers) > MAX_SECTIONS:
        raise LimitExceeded(f"HWP has more than {MAX_SECTIONS} sections")
    return [f"{storage}/Section{n}" for n in sorted(numbers)]


def _records_of(ole: Any, name: str, compressed: bool) -> list[Record]:
    stream = _stream(ole, name, MAX_STREAM_BYTES)
    return parse_records(_inflated(stream, compressed) if compressed else stream)


def _inflated(data: bytes, compressed: bool = True) -> bytes:
    """Raw deflate (no zlib header), inflated with a cap whatever the data claims."""
    if not compressed:
        return data
    inflater = zlib.decompressobj(-15)
    try:
        out = inflater.decompress(data, MAX_INFLATED_BYTES)
    except zlib.error as err:
        raise UnreadableInput(f"corrupt HWP: a compressed stream does not inflate ({err})") \
            from err
    if inflater.unconsumed_tail:
        raise LimitExceeded(f"HWP stream inflates to more than "
                            f"{MAX_INFLATED_BYTES // (1024 * 1024)} MiB")
    return out


# --- 배포용 (distribution) documents -------------------------------------------------------------


def decrypt_distribution(stream: bytes, compressed: bool) -> bytes:
    """A ViewText section: its first record holds the (scrambled) key; the rest is the
    section's records, AES-128-ECB encrypted, then compressed as usual."""
    try:
        first = parse_records(stream[: 8 + DISTRIBUTION_DATA_BYTES], first=1)[0]
        if first.tag != TAG_DISTRIBUTE_DOC_DATA or len(first.data) != DISTRIBUTION_DATA_BYTES:
            raise ValueError("no DISTRIBUTE_DOC_DATA record")
        key = distribution_key(first.data)
        body = stream[first.end:]
        body = body[: len(body) - len(body) % AES_BLOCK_BYTES]
        plain = aes_ecb_decrypt(key, body)
        return _inflated(plain, compressed)
    except LimitExceeded:
        raise
    except (ExtractError, ValueError) as err:
        raise UnsupportedFormat(f"배포용 (distribution) HWP whose text could not be "
                                f"decrypted ({_reason(err)})") from err


def distribution_key(record: bytes) -> bytes:
    data = bytearray(record)
    seed = int.from_bytes(data[:4], "little")
    state = seed
    key_byte = run = 0
    for i in range(DISTRIBUTION_DATA_BYTES):
        if run == 0:
            state, value = _msvc_rand(state)
            key_byte = value & 0xFF
            state, value = _msvc_rand(state)
            run = (value & 0xF) + 1
        if i >= DISTRIBUTION_KEY_BASE:
            data[i] ^= key_byte
        run -= 1
    offset = DISTRIBUTION_KEY_BASE + (seed & 0xF)
    return bytes(data[offset: offset + AES_BLOCK_BYTES])


def _msvc_rand(state: int) -> tuple[int, int]:
    state = (state * LCG_MULTIPLIER + LCG_INCREMENT) & 0xFFFFFFFF
    return state, (state >> 16) & 0x7FFF


def aes_ecb_decrypt(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    decryptor = Cipher(algorithms.AES(key), modes.ECB()).decryptor()
    return decryptor.update(data) + decryptor.finalize()


# --- records -------------------------------------------------------------------------------------


@dataclass
class Record:
    tag: int
    level: int
    data: bytes
    end: int = 0
    """Offset just past the record in its stream."""
    children: list[Record] = field(default_factory=list)


def parse_records(data: bytes, first: int | None = None) -> list[Record]:
    """The stream's records (only the `first` few when given)."""
    records: list[Record] = []
    pos, total = 0, len(data)
    while pos < total:
        if first is not None and len(records) >= first:
            break
        if len(records) >= MAX_RECORDS:
            raise LimitExceeded(f"HWP section has more than {MAX_RECORDS} records")
        if pos + 4 > total:
            raise UnreadableInput("corrupt HWP: truncated record header")
        header = int.from_bytes(data[pos: pos + 4], "little")
        pos += 4
        size = header >> 20
        if size == 0xFFF:
            if pos + 4 > total:
                raise UnreadableInput("corrupt HWP: truncated record header")
            size = int.from_bytes(data[pos: pos + 4], "little")
            pos += 4
        if pos + size > total:
            raise UnreadableInput("corrupt HWP: a record runs past the end of its stream")
        records.append(Record(header & 0x3FF, (header >> 10) & 0x3FF, data[pos: pos + size],
                              pos + size))
        pos += size
    return records


def build_tree(records: list[Record]) -> list[Record]:
    """Each record becomes the child of the last record one level above it."""
    roots: list[Record] = []
    stack: list[Record] = []
    for record in records:
        while stack and stack[-1].level >= record.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(record)
        stack.append(record)
    return roots


def char_sizes(doc_info: list[Record]) -> list[float]:
    """Text size in points of each character shape, by its id (its order in DocInfo)."""
    sizes = []
    for record in doc_info:
        if record.tag == TAG_CHAR_SHAPE:
            raw = record.data[CHAR_SHAPE_SIZE_OFFSET: CHAR_SHAPE_SIZE_OFFSET + 4]
            sizes.append(int.from_bytes(raw, "little", signed=True) / SIZE_UNITS_PER_POINT
                         if len(raw) == 4 else 0.0)
    return sizes


def ctrl_id(data: bytes) -> str:
    return data[:4][::-1].decode("latin-1") if len(data) >= 4 else ""


def _u16(data: bytes, offset: int, default: int = 0) -> int:
    return int.from_bytes(data[offset: offset + 2], "little") if len(data) >= offset + 2 \
        else default


# --- paragraphs and controls ---------------------------------------------------------------------


@dataclass
class _BodyReader:
    sizes: list[float]
    skipped: dict[str, int] = field(default_factory=dict)

    def section(self, roots: list[Record]) -> list[Item]:
        items: list[Item] = []
        for record in roots:
            if record.tag == TAG_PARA_HEADER:
                items += self.paragraph(record, depth=0)
        return items

    def paragraph(self, para: Record, depth: int) -> list[Item]:
        text = next((c for c in para.children if c.tag == TAG_PARA_TEXT), None)
        shapes = next((c for c in para.children if c.tag == TAG_PARA_CHAR_SHAPE), None)
        controls = [c for c in para.children if c.tag == TAG_CTRL_HEADER]
        # Each extended control in the text takes the next unused CTRL_HEADER of its id.
        waiting: dict[str, deque[int]] = {}
        for i, control in enumerate(controls):
            waiting.setdefault(ctrl_id(control.data), deque()).append(i)
        items: list[Item] = []
        after: list[Item] = []
        buffer: list[str] = []
        size = 0.0
        has_text = False
        for piece in decode_para_text(text.data if text else b"", self._shape_sizes(shapes)):
            if isinstance(piece, tuple):
                chars, piece_size = piece
                buffer.append(chars)
                size = max(size, piece_size)
                has_text = has_text or bool(chars.strip())
                continue
            queue = waiting.get(piece)
            if not queue:
                continue
            control = controls[queue.popleft()]
            if piece == CTRL_TABLE:
                _flush(buffer, size, items)
                buffer, size = [], 0.0
                items += self.table(control, depth)
            elif has_text:
                after += self.control(control, depth)
            else:  # anchored before the paragraph's text: a box or title above it
                items += self.control(control, depth)
        _flush(buffer, size, items)
        for index in waiting.get(CTRL_TABLE, ()):  # tables the text did not place
            items += self.table(controls[index], depth)
        return items + after

    def _shape_sizes(self, shapes: Record | None) -> list[tuple[int, float]]:
        if shapes is None:
            return []
        out = []
        for offset in range(0, len(shapes.data) - 7, 8):
            start = int.from_bytes(shapes.data[offset: offset + 4], "little")
            shape = int.from_bytes(shapes.data[offset + 4: offset + 8], "little")
            out.append((start, self.sizes[shape] if shape < len(self.sizes) else 0.0))
        return out

    def table(self, control: Record, depth: int) -> list[Item]:
        if depth >= MAX_TABLE_DEPTH:
            raise UnreadableInput(f"HWP nests tables more than {MAX_TABLE_DEPTH} deep")
        kids = control.children
        start = next((i for i, c in enumerate(kids) if c.tag == TAG_TABLE), None)
        if start is None:
            return []
        info = kids[start].data
        n_rows, n_cols = _u16(info, TABLE_COUNTS_OFFSET), _u16(info, TABLE_COUNTS_OFFSET + 2)
        caption = self.paragraphs(kids[:start], depth + 1)
        cells: list[Cell] = []
        for record in kids[start + 1:]:
            if record.tag == TAG_LIST_HEADER:
                d = record.data
                cells.append(Cell(row=_u16(d, CELL_ADDRESS_OFFSET + 2),
                                  col=_u16(d, CELL_ADDRESS_OFFSET),
                                  colspan=max(1, _u16(d, CELL_ADDRESS_OFFSET + 4, 1)),
                                  rowspan=max(1, _u16(d, CELL_ADDRESS_OFFSET + 6, 1))))
            elif record.tag == TAG_PARA_HEADER and cells:
                cells[-1].items += self.paragraph(record, depth + 1)
        return [TableData(n_rows, n_cols, cells), *caption]

    def paragraphs(self, records: list[Record], depth: int) -> list[Item]:
        items: list[Item] = []
        for record in records:
            if record.tag == TAG_PARA_HEADER:
                items += self.paragraph(record, depth)
        return items

    def control(self, control: Record, depth: int) -> list[Item]:
        name = ctrl_id(control.data)
        if name == CTRL_DRAWING or name in CTRL_NOTES:
            if depth >= MAX_TABLE_DEPTH:
                raise UnreadableInput(f"HWP nests boxes more than {MAX_TABLE_DEPTH} deep")
            return self.text_inside(control, depth + 1)
        if name in CTRL_FURNITURE:
            self.skipped[name] = self.skipped.get(name, 0) + 1
        return []

    def text_inside(self, record: Record, depth: int) -> list[Item]:
        """The paragraphs of a drawing's text boxes (drawings can be grouped)."""
        items: list[Item] = []
        for child in record.children:
            if child.tag == TAG_PARA_HEADER:
                items += self.paragraph(child, depth)
            elif child.tag != TAG_CTRL_HEADER and depth < MAX_TABLE_DEPTH:
                items += self.text_inside(child, depth + 1)
        return items

    def notes(self) -> list[ExtractNote]:
        return [ExtractNote("hwp_skipped_objects",
                            f"{count} {CTRL_FURNITURE[name]} left out (no text read from them)")
                for name, count in sorted(self.skipped.items())]


def decode_para_text(data: bytes, shape_sizes: list[tuple[int, float]]
                     ) -> Iterator[tuple[str, float] | str]:
    """Text runs `(text, size)` and, where an extended control stands, its id."""
    n_units = len(data) // 2
    units = memoryview(data[: n_units * 2]).cast("H")
    i = 0
    run_start = 0
    shape_index = 0

    def size_at(pos: int) -> float:
        nonlocal shape_index
        while shape_index + 1 < len(shape_sizes) and shape_sizes[shape_index + 1][0] <= pos:
            shape_index += 1
        return shape_sizes[shape_index][1] if shape_sizes else 0.0

    def run(end: int) -> Iterator[tuple[str, float]]:
        if end > run_start:
            chars = bytes(data[run_start * 2: end * 2]).decode("utf-16-le", errors="replace")
            yield chars, size_at(run_start) if chars.strip() else 0.0

    while i < n_units:
        code = units[i]
        if code >= 32:
            i += 1
            continue
        yield from run(i)
        if code in CHAR_CONTROLS:
            if code in _CHAR_TEXT:
                yield _CHAR_TEXT[code], 0.0
            i += 1
        else:
            if code == _TAB:
                yield "\t", 0.0
            elif code in EXTENDED_CONTROLS and i + 2 < n_units:
                yield bytes(data[i * 2 + 2: i * 2 + 6])[::-1].decode("latin-1")
            i += CONTROL_UNITS
        run_start = i
    yield from run(min(i, n_units))


def _flush(buffer: list[str], size: float, items: list[Item]) -> None:
    text = "".join(buffer)
    if text.strip():
        items.append(Para(text, size or None))


def _reason(err: BaseException) -> str:
    line = " ".join(str(err).split()) or type(err).__name__
    return line[:97] + "..." if len(line) > 100 else line


__all__ = ["read"]
