"""A small HWP 5.x writer for tests: the record layouts the reader must handle, built by hand.

Records follow the public spec "한글 문서 파일 형식 5.0"; the OLE2 container is written by
python-hwpx's compound-file writer (dev dependency), so the container is not ours. What is
built here: FileHeader flags (compressed, password, 배포용), DocInfo character shapes,
paragraphs with inline and extended controls, tables with cell addresses and spans, nested
tables, extended-size records, and a 배포용 ViewText section (scrambled key record + AES).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass, field

TAG_CHAR_SHAPE = 0x15
TAG_DISTRIBUTE_DOC_DATA = 0x1C
TAG_PARA_HEADER = 0x42
TAG_PARA_TEXT = 0x43
TAG_PARA_CHAR_SHAPE = 0x44
TAG_CTRL_HEADER = 0x47
TAG_LIST_HEADER = 0x48
TAG_TABLE = 0x4D

FLAG_COMPRESSED = 1
FLAG_PASSWORD = 2
FLAG_DISTRIBUTION = 4
VERSION_5030 = 0x05000300

PLACEHOLDER = "이 문서는 배포용 문서입니다. 한글에서 열어 주십시오."


def record(tag: int, level: int, data: bytes) -> bytes:
    if len(data) < 0xFFF:
        return struct.pack("<I", tag | (level << 10) | (len(data) << 20)) + data
    return struct.pack("<II", tag | (level << 10) | (0xFFF << 20), len(data)) + data


@dataclass
class Table:
    n_rows: int
    n_cols: int
    cells: list[Cell]


@dataclass
class Cell:
    row: int
    col: int
    paras: list[Para]
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Ctrl:
    """An extended control with its own CTRL_HEADER (a field, a drawing without text)."""

    ctrl_id: str
    code: int = 3  # field start


@dataclass
class Para:
    """A paragraph: text pieces, tables and controls in order; `shape` indexes DocInfo."""

    pieces: list[str | Table | Ctrl] = field(default_factory=list)
    shape: int = 0

    @classmethod
    def of(cls, *pieces: str | Table | Ctrl, shape: int = 0) -> Para:
        return cls(list(pieces), shape)


def _control_units(code: int, ctrl_id: str) -> list[int]:
    raw = ctrl_id.encode("latin-1")[::-1]
    low, high = struct.unpack("<HH", raw)
    return [code, low, high, 0, 0, 0, 0, code]


def para_records(para: Para, level: int) -> bytes:
    units: list[int] = []
    controls: list[bytes] = []
    for piece in para.pieces:
        if isinstance(piece, str):
            for ch in piece:
                if ch == "\t":
                    units += [9, 0, 0, 0, 0, 0, 0, 9]  # tab: an inline control, 8 units
                elif ch == "\n":
                    units.append(10)  # line break: a char control, 1 unit
                else:
                    units += list(struct.unpack(f"<{len(ch.encode('utf-16-le')) // 2}H",
                                                ch.encode("utf-16-le")))
        elif isinstance(piece, Table):
            units += _control_units(11, "tbl ")
            controls.append(table_records(piece, level + 1))
        else:
            units += _control_units(piece.code, piece.ctrl_id)
            controls.append(record(TAG_CTRL_HEADER, level + 1,
                                   piece.ctrl_id.encode("latin-1")[::-1] + b"\0" * 4))
    units.append(13)  # paragraph end
    header = struct.pack("<IIHBB", len(units), 0, 0, 0, 0) + b"\0" * 10
    text = struct.pack(f"<{len(units)}H", *units)
    shapes = struct.pack("<II", 0, para.shape)
    return (record(TAG_PARA_HEADER, level, header) + record(TAG_PARA_TEXT, level + 1, text)
            + record(TAG_PARA_CHAR_SHAPE, level + 1, shapes) + b"".join(controls))


def table_records(table: Table, level: int) -> bytes:
    info = struct.pack("<IHHH4H", 0, table.n_rows, table.n_cols, 0, 0, 0, 0, 0)
    info += struct.pack(f"<{table.n_rows}H", *([table.n_cols] * table.n_rows)) + b"\0\0"
    out = record(TAG_CTRL_HEADER, level, b"tbl "[::-1] + b"\0" * 40)
    out += record(TAG_TABLE, level + 1, info)
    for cell in table.cells:
        list_header = struct.pack("<HHI4HII4HH", len(cell.paras), 0, 0, cell.col, cell.row,
                                  cell.colspan, cell.rowspan, 1000, 1000, 0, 0, 0, 0, 1)
        out += record(TAG_LIST_HEADER, level + 1, list_header)
        out += b"".join(para_records(p, level + 1) for p in cell.paras)
    return out


def section(paras: list[Para]) -> bytes:
    return b"".join(para_records(p, 0) for p in paras)


def doc_info(sizes_pt: list[float]) -> bytes:
    out = b""
    for size in sizes_pt:
        data = bytearray(72)
        data[42:46] = struct.pack("<i", round(size * 100))
        out += record(TAG_CHAR_SHAPE, 0, bytes(data))
    return out


def file_header(flags: int, version: int = VERSION_5030,
                signature: bytes = b"HWP Document File") -> bytes:
    return signature.ljust(32, b"\0") + struct.pack("<II", version, flags) + b"\0" * 216


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def hwp_file(paras: list[Para], *, compressed: bool = True, flags: int = 0,
             sizes_pt: tuple[float, ...] = (10.0, 16.0), raw_section: bytes | None = None,
             distribution_seed: int | None = None) -> bytes:
    """An HWP 5 file; `raw_section` replaces the built section's records (hostile tests)."""
    from hwpx.hwp5.cfb import build_compound_file

    body = raw_section if raw_section is not None else section(paras)
    info = doc_info(list(sizes_pt))
    flags |= FLAG_COMPRESSED if compressed else 0
    pack = deflate if compressed else (lambda b: b)
    streams = [("FileHeader", file_header(flags)), ("DocInfo", pack(info))]
    if distribution_seed is not None:
        flags |= FLAG_DISTRIBUTION
        streams[0] = ("FileHeader", file_header(flags))
        streams.append(("ViewText/Section0", distribution_stream(pack(body), distribution_seed)))
        streams.append(("BodyText/Section0", pack(section([Para.of(PLACEHOLDER)]))))
    else:
        streams.append(("BodyText/Section0", pack(body)))
    return build_compound_file(streams)


# --- 배포용: the inverse of what the reader does ------------------------------------------------


def _msvc_rand(state: int) -> tuple[int, int]:
    state = (state * 214013 + 2531011) & 0xFFFFFFFF
    return state, (state >> 16) & 0x7FFF


def scramble(data: bytearray, seed: int) -> None:
    """XOR bytes 4.. with runs of rand() bytes seeded by `seed` (its own inverse)."""
    state, key, run = seed, 0, 0
    for i in range(256):
        if run == 0:
            state, value = _msvc_rand(state)
            key = value & 0xFF
            state, value = _msvc_rand(state)
            run = (value & 0xF) + 1
        if i >= 4:
            data[i] ^= key
        run -= 1


def distribution_stream(body: bytes, seed: int, key: bytes = b"0123456789abcdef") -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    data = bytearray(256)
    data[:4] = struct.pack("<I", seed)
    offset = 4 + (seed & 0xF)
    data[offset: offset + 16] = key
    scramble(data, seed)
    padded = body + b"\0" * (-len(body) % 16)
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return record(TAG_DISTRIBUTE_DOC_DATA, 0, bytes(data)) + encryptor.update(padded) + \
        encryptor.finalize()
