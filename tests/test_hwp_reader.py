"""The HWP 5 reader on files built by the test writer: record layouts, flags, limits."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("hwpx", reason="python-hwpx (dev dependency) writes the OLE container")

from hwpwriter import (
    PLACEHOLDER,
    TAG_PARA_HEADER,
    TAG_PARA_TEXT,
    Cell,
    Ctrl,
    Para,
    Table,
    deflate,
    file_header,
    hwp_file,
    record,
    section,
)

from gongmun.extract import hwp, read_document
from gongmun.extract.errors import (
    EncryptedInput,
    ExtractError,
    LimitExceeded,
    UnreadableInput,
    UnsupportedFormat,
)
from gongmun.extract.model import BlockType, Document, Span

TITLE_SHAPE = 1  # 16 pt in the writer's DocInfo; body text is shape 0 (10 pt)


def card_like() -> list[Para]:
    funding = Table(3, 3, [
        Cell(0, 0, [Para.of("구 분")], rowspan=2),
        Cell(0, 1, [Para.of("연도별 투자")], colspan=2),
        Cell(1, 1, [Para.of("2024년")]),
        Cell(1, 2, [Para.of("2025년")]),
        Cell(2, 0, [Para.of("국 비")]),
        Cell(2, 1, [Para.of("1,500")]),
        Cell(2, 2, [Para.of("1,000")]),
    ])
    return [
        Para.of("도지사 공약사업 관리카드", shape=TITLE_SHAPE),
        Para.of("□ 재원투자 실적 및 계획"),
        Para.of("(단위 : 백만 원)"),
        Para.of(funding),
        Para.of("○ 사업기간 : 2023년~2026년"),
    ]


def read(data: bytes) -> Document:
    return read_document(data, "test.hwp")


@pytest.mark.parametrize("compressed", [True, False], ids=["compressed", "uncompressed"])
def test_paragraphs_and_a_merged_table(compressed: bool) -> None:
    doc = read_document(hwp_file(card_like(), compressed=compressed), "card.hwp")
    assert doc.source.format == "hwp"
    kinds = [(b.type, b.text) for b in doc.blocks]
    assert kinds == [
        (BlockType.HEADING, "도지사 공약사업 관리카드"),  # larger text than the body
        (BlockType.HEADING, "재원투자 실적 및 계획"),
        (BlockType.TABLE, "구 분\t연도별 투자\t\n\t2024년\t2025년\n국 비\t1,500\t1,000"),
        (BlockType.LIST_ITEM, "사업기간 : 2023년~2026년"),
    ]
    (table,) = doc.tables
    assert table.rows == [["구 분", "연도별 투자", ""], ["", "2024년", "2025년"],
                          ["국 비", "1,500", "1,000"]]
    assert table.spans == [Span(0, 0, 2, 1), Span(0, 1, 1, 2)]
    assert table.unit == "백만 원"
    assert table.title == "재원투자 실적 및 계획"


def test_inline_table_stands_between_the_text_around_it() -> None:
    inner = Table(1, 2, [Cell(0, 0, [Para.of("가")]), Cell(0, 1, [Para.of("나")])])
    doc = read(hwp_file([Para.of("표 앞 문장", inner, "표 뒤 문장")]))
    assert [(b.type, b.text) for b in doc.blocks] == [
        (BlockType.PARAGRAPH, "표 앞 문장"), (BlockType.TABLE, "가\t나"),
        (BlockType.PARAGRAPH, "표 뒤 문장")]


def test_nested_table_follows_its_outer_table() -> None:
    inner = Table(2, 2, [Cell(r, c, [Para.of(f"안{r}{c}")]) for r in range(2) for c in range(2)])
    outer = Table(2, 2, [Cell(0, 0, [Para.of("바깥"), Para.of(inner)]), Cell(0, 1, [Para.of("A")]),
                         Cell(1, 0, [Para.of("B")]), Cell(1, 1, [Para.of("C")])])
    doc = read(hwp_file([Para.of(outer)]))
    assert [t.rows for t in doc.tables] == [[["바깥", "A"], ["B", "C"]],
                                           [["안00", "안01"], ["안10", "안11"]]]


def test_one_cell_table_is_a_framed_box_of_text() -> None:
    box = Table(1, 1, [Cell(0, 0, [Para.of("□ 상자 안 제목"), Para.of("○ 상자 안 항목")])])
    doc = read(hwp_file([Para.of(box)]))
    assert not doc.tables
    assert [(b.type, b.text) for b in doc.blocks] == [
        (BlockType.HEADING, "상자 안 제목"), (BlockType.LIST_ITEM, "상자 안 항목")]


def test_control_characters_take_their_width() -> None:
    # A field start (8 units, own CTRL_HEADER), a tab (8 units), a line break (1 unit).
    para = Para.of("앞", Ctrl("%hlk"), "링크\t탭", "\n", "다음 줄")
    doc = read(hwp_file([para]))
    assert [b.text for b in doc.blocks] == ["앞링크\t탭 다음 줄"]


def test_extended_record_size() -> None:
    long_text = "가나다라마바사" * 700  # 4,900 chars: over 0xFFF bytes of UTF-16
    doc = read(hwp_file([Para.of(long_text)]))
    assert doc.blocks[0].text == long_text


@pytest.mark.parametrize(("flag", "reason"), [(2, "password"), (1 << 4, "DRM"),
                                              (1 << 8, "certificate")])
def test_protected_flags_are_a_one_line_error(flag: int, reason: str) -> None:
    with pytest.raises(EncryptedInput, match=reason):
        read(hwp_file([Para.of("비밀")], flags=flag))


def test_distribution_document_reads_its_real_text() -> None:
    data = hwp_file([Para.of("□ 배포용 본문 제목"), Para.of("진짜 본문")],
                    distribution_seed=0x1234ABCD)
    doc = read(data)
    texts = [b.text for b in doc.blocks]
    assert texts == ["배포용 본문 제목", "진짜 본문"]
    assert PLACEHOLDER not in " ".join(texts)
    assert [n.code for n in doc.notes] == ["hwp_distribution"]


def test_distribution_document_that_does_not_decrypt_is_a_clear_error() -> None:
    body = hwp_file([Para.of("본문")], distribution_seed=7, compressed=True)
    data = bytearray(body)
    # Garble the ViewText stream's key record: the key no longer decrypts the body.
    marker = body.find(struct.pack("<I", 0x1C | (256 << 20)))
    assert marker > 0
    data[marker + 4 + 8: marker + 4 + 60] = bytes(52)
    with pytest.raises(UnsupportedFormat, match="배포용") as caught:
        read(bytes(data))
    assert PLACEHOLDER not in str(caught.value)


def test_ole_file_that_is_not_hwp_is_unsupported() -> None:
    from hwpx.hwp5.cfb import build_compound_file

    word = build_compound_file([("WordDocument", b"\0" * 5000)])
    with pytest.raises(UnsupportedFormat):
        read(word)
    excel = build_compound_file([("FileHeader", file_header(0, signature=b"Not HWP"))])
    with pytest.raises(UnsupportedFormat, match="not HWP"):
        read(excel)


def test_truncated_record_is_an_error() -> None:
    good = section([Para.of("본문 문장")])
    with pytest.raises(UnreadableInput, match="record"):
        read(hwp_file([], raw_section=good[:-3], compressed=False))


def test_record_claiming_more_than_the_stream_is_an_error() -> None:
    forged = struct.pack("<II", TAG_PARA_TEXT | (0xFFF << 20), 0x7FFFFFFF) + b"ab"
    with pytest.raises(UnreadableInput, match="record"):
        read(hwp_file([], raw_section=record(TAG_PARA_HEADER, 0, b"\0" * 22) + forged))


def test_many_empty_records_stop_at_the_record_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hwp, "MAX_RECORDS", 1000)
    loop = record(TAG_PARA_HEADER, 0, b"") * 5000
    with pytest.raises(LimitExceeded, match="records"):
        read(hwp_file([], raw_section=loop))


def test_deflate_bomb_stops_at_the_inflate_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hwp, "MAX_INFLATED_BYTES", 1 << 20)
    bomb = record(TAG_PARA_HEADER, 0, bytes(8 << 20))  # 8 MiB of zeros: deflates to ~8 KiB
    data = hwp_file([], raw_section=bomb)
    assert len(data) < 64 * 1024
    with pytest.raises(LimitExceeded, match="inflates"):
        read(data)


def test_corrupt_deflate_is_an_error() -> None:
    from hwpx.hwp5.cfb import build_compound_file

    data = build_compound_file([("FileHeader", file_header(1)), ("DocInfo", deflate(b"")),
                                ("BodyText/Section0", b"\xff" * 64)])
    with pytest.raises(UnreadableInput, match="inflate"):
        read(data)


def test_forged_table_size_is_refused() -> None:
    huge = Table(60000, 60000, [Cell(0, 0, [Para.of("a")]), Cell(0, 1, [Para.of("b")])])
    with pytest.raises(LimitExceeded, match="table"):
        read(hwp_file([Para.of(huge)]))


def test_deep_nesting_is_refused() -> None:
    table = Table(1, 2, [Cell(0, 0, [Para.of("끝")]), Cell(0, 1, [])])
    for _ in range(hwp.MAX_TABLE_DEPTH + 2):
        table = Table(1, 2, [Cell(0, 0, [Para.of(table)]), Cell(0, 1, [])])
    with pytest.raises(UnreadableInput, match="deep"):
        read(hwp_file([Para.of(table)]))


def test_truncated_ole_is_an_error() -> None:
    data = hwp_file(card_like())
    with pytest.raises(ExtractError) as caught:
        read(data[: len(data) // 2])
    assert "\n" not in str(caught.value)


@pytest.mark.slow
def test_cli_prints_one_line_for_a_bad_hwp(tmp_path: Path) -> None:
    path = tmp_path / "locked.hwp"
    path.write_bytes(hwp_file([Para.of("비밀")], flags=2))
    done = subprocess.run([sys.executable, "-m", "gongmun.cli", "extract", path.name],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"error: {path.name}: password-protected HWP (password required)"]


def test_hwp3_is_named_and_unsupported() -> None:
    data = b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + bytes(200)
    with pytest.raises(UnsupportedFormat, match=r"HWP 3\.x"):
        read(data)
