"""The HWPX reader on hand-written packages: structure, namespaces, hostile ZIP and XML."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gongmun.extract import read_document, zipsafe
from gongmun.extract.errors import EncryptedInput, ExtractError, LimitExceeded, UnreadableInput
from gongmun.extract.model import BlockType, Document, Span
from gongmun.extract.sniff import sniff

HANCOM = {"hs": "http://www.hancom.co.kr/hwpml/2011/section",
          "hp": "http://www.hancom.co.kr/hwpml/2011/paragraph"}
# KS X 6101 (OWPML) names the same elements in its own namespaces.
KSX = {"hs": "http://www.owpml.org/owpml/2024/section",
       "hp": "http://www.owpml.org/owpml/2024/paragraph"}


def p(text: str, *, size_ref: str = "0", inner: str = "") -> str:
    return (f'<hp:p><hp:run charPrIDRef="{size_ref}"><hp:t>{text}</hp:t>{inner}</hp:run>'
            "</hp:p>")


def tc(row: int, col: int, body: str, rowspan: int = 1, colspan: int = 1) -> str:
    return (f"<hp:tc><hp:subList>{body}</hp:subList><hp:cellAddr colAddr=\"{col}\" "
            f"rowAddr=\"{row}\"/><hp:cellSpan colSpan=\"{colspan}\" rowSpan=\"{rowspan}\"/>"
            "</hp:tc>")


def tbl(rows: int, cols: int, trs: list[list[str]]) -> str:
    body = "".join("<hp:tr>" + "".join(cells) + "</hp:tr>" for cells in trs)
    return f'<hp:tbl rowCnt="{rows}" colCnt="{cols}">{body}</hp:tbl>'


def section(body: str, ns: dict[str, str] = HANCOM) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="{ns["hs"]}" '
            f'xmlns:hp="{ns["hp"]}">{body}</hs:sec>').encode()


HEADER = (b'<?xml version="1.0"?><hh:head xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head">'
          b'<hh:charProperties><hh:charPr id="0" height="1000"/><hh:charPr id="1" '
          b'height="1600"/></hh:charProperties></hh:head>')


def hpf(sections: list[str]) -> bytes:
    items = "".join(f'<opf:item id="s{i}" href="Contents/{n}" media-type="application/xml"/>'
                    for i, n in enumerate(sections))
    refs = "".join(f'<opf:itemref idref="s{i}"/>' for i in range(len(sections)))
    return (f'<?xml version="1.0"?><opf:package xmlns:opf="http://www.idpf.org/2007/opf/">'
            f"<opf:metadata><opf:title>시험 문서</opf:title></opf:metadata>"
            f"<opf:manifest>{items}</opf:manifest><opf:spine>{refs}</opf:spine>"
            "</opf:package>").encode()


def package(sections: dict[str, bytes], spine: list[str] | None = None,
            extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/hwp+zip", compress_type=zipfile.ZIP_STORED)
        zf.writestr("Contents/content.hpf", hpf(spine or list(sections)))
        zf.writestr("Contents/header.xml", HEADER)
        for name, data in {**sections, **(extra or {})}.items():
            zf.writestr(name if "/" in name else f"Contents/{name}", data,
                        compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def read(data: bytes) -> Document:
    return read_document(data, "test.hwpx")


CARD_BODY = (
    p("도지사 공약사업 관리카드", size_ref="1")
    + p("□ 재원투자 실적 및 계획")
    + p("(단위 : 백만 원)")
    + "<hp:p><hp:run>" + tbl(3, 3, [
        [tc(0, 0, p("구 분"), rowspan=2), tc(0, 1, p("연도별 투자"), colspan=2)],
        [tc(1, 1, p("2024년")), tc(1, 2, p("2025년"))],
        [tc(2, 0, p("국 비")), tc(2, 1, p("1,500")), tc(2, 2, p("1,000"))],
    ]) + "</hp:run></hp:p>"
    + p("○ 사업기간 : 2023년~2026년")
)


@pytest.mark.parametrize("ns", [HANCOM, KSX], ids=["hancom2011", "ksx6101"])
def test_paragraphs_and_a_merged_table(ns: dict[str, str]) -> None:
    doc = read(package({"section0.xml": section(CARD_BODY, ns)}))
    assert doc.source.format == "hwpx"
    assert [(b.type, b.text) for b in doc.blocks] == [
        (BlockType.HEADING, "도지사 공약사업 관리카드"),
        (BlockType.HEADING, "재원투자 실적 및 계획"),
        (BlockType.TABLE, "구 분\t연도별 투자\t\n\t2024년\t2025년\n국 비\t1,500\t1,000"),
        (BlockType.LIST_ITEM, "사업기간 : 2023년~2026년"),
    ]
    (table,) = doc.tables
    assert table.spans == [Span(0, 0, 2, 1), Span(0, 1, 1, 2)]
    assert table.rows[1][0] == "" and table.rows[0][2] == ""  # covered cells
    assert (table.unit, table.title) == ("백만 원", "재원투자 실적 및 계획")
    assert doc.metadata["title"] == "시험 문서"


def test_sections_follow_the_spine_not_their_names() -> None:
    data = package({"section0.xml": section(p("둘째")), "section1.xml": section(p("첫째"))},
                   spine=["section1.xml", "section0.xml"])
    assert [b.text for b in read(data).blocks] == ["첫째", "둘째"]


def test_without_a_spine_sections_go_by_number() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/hwp+zip")
        for number in (10, 2, 1):
            zf.writestr(f"Contents/section{number}.xml", section(p(f"구역{number}")))
    assert [b.text for b in read(out.getvalue()).blocks] == ["구역1", "구역2", "구역10"]


def test_inline_table_and_text_keep_reading_order() -> None:
    inline = tbl(1, 2, [[tc(0, 0, p("가")), tc(0, 1, p("나"))]])
    body = ("<hp:p><hp:run><hp:t>표 앞 문장</hp:t>" + inline + "<hp:t>표 뒤 문장</hp:t>"
            "</hp:run></hp:p>")
    doc = read(package({"section0.xml": section(body)}))
    assert [(b.type, b.text) for b in doc.blocks] == [
        (BlockType.PARAGRAPH, "표 앞 문장"), (BlockType.TABLE, "가\t나"),
        (BlockType.PARAGRAPH, "표 뒤 문장")]


def test_table_caption_follows_the_table() -> None:
    table = tbl(1, 2, [[tc(0, 0, p("가")), tc(0, 1, p("나"))]]).replace(
        "</hp:tbl>", f"<hp:caption><hp:subList>{p('&lt;표 1&gt; 현황')}</hp:subList></hp:caption>"
                     "</hp:tbl>")
    doc = read(package({"section0.xml": section(f"<hp:p><hp:run>{table}</hp:run></hp:p>")}))
    assert [b.text for b in doc.blocks] == ["가\t나", "<표 1> 현황"]


def test_nested_table_and_inline_elements() -> None:
    inner = tbl(1, 2, [[tc(0, 0, p("안1")), tc(0, 1, p("안2"))]])
    outer = tbl(1, 2, [[tc(0, 0, p("바깥") + f"<hp:p><hp:run>{inner}</hp:run></hp:p>"),
                        tc(0, 1, "<hp:p><hp:run><hp:t>줄1<hp:lineBreak/>줄2<hp:tab/>끝"
                                 "</hp:t></hp:run></hp:p>")]])
    doc = read(package({"section0.xml": section(f"<hp:p><hp:run>{outer}</hp:run></hp:p>")}))
    assert [t.rows for t in doc.tables] == [[["바깥", "줄1\n줄2\t끝"]], [["안1", "안2"]]]


def test_sniff_confirms_hwpx_by_its_members() -> None:
    assert sniff(package({"section0.xml": section(p("본문"))})).format == "hwpx"
    for members in ({"readme.txt": "hwpml " * 10},  # says hwpml, holds no HWPX parts
                    {"mimetype": "application/hwp+zip"}):  # no sections
        plain = io.BytesIO()
        with zipfile.ZipFile(plain, "w") as zf:
            for name, text in members.items():
                zf.writestr(name, text)
        assert sniff(plain.getvalue()).format == "zip"


def test_doctype_is_refused() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<hs:sec xmlns:hs="x" xmlns:hp="y"><hp:p><hp:run><hp:t>&b;</hp:t></hp:run>'
              b"</hp:p></hs:sec>")
    with pytest.raises(UnreadableInput, match="DTD"):
        read(package({"section0.xml": laughs}))


def test_zip_bomb_stops_at_the_member_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipsafe, "MAX_ZIP_MEMBER_BYTES", 1 << 20)
    bomb = section(p("가" * (1 << 20)))  # 3 MiB of text, deflates to a few KiB
    data = package({"section0.xml": bomb})
    assert len(data) < 64 * 1024
    with pytest.raises(LimitExceeded, match="MiB"):
        read(data)


def _forge_sizes(data: bytes, member: str, size: int) -> bytes:
    """Rewrite `member`'s declared uncompressed size in both ZIP headers."""
    out = bytearray(data)
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30),
                                                (b"PK\x01\x02", 24, 46)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            if out[at + name_offset: at + name_offset + len(name)] == name:
                out[at + size_offset: at + size_offset + 4] = struct.pack("<I", size)
            start = at + 4
    return bytes(out)


def test_forged_small_size_does_not_get_past(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipsafe, "MAX_ZIP_MEMBER_BYTES", 1 << 20)
    data = _forge_sizes(package({"section0.xml": section(p("가" * (1 << 20)))}),
                        "Contents/section0.xml", 100)
    with pytest.raises(ExtractError) as caught:
        read(data)
    assert isinstance(caught.value, (LimitExceeded, UnreadableInput))
    assert "\n" not in str(caught.value)


def test_declared_size_over_the_limit_is_refused_before_inflating(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipsafe, "MAX_ZIP_MEMBER_BYTES", 1 << 20)
    data = _forge_sizes(package({"section0.xml": section(p("본문"))}), "Contents/section0.xml",
                        1 << 30)
    with pytest.raises(LimitExceeded, match="declares"):
        read(data)


def test_too_many_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipsafe, "MAX_ZIP_ENTRIES", 50)
    extra = {f"BinData/x{i}.bin": b"" for i in range(60)}
    with pytest.raises(LimitExceeded, match="entries"):
        read(package({"section0.xml": section(p("본문"))}, extra=extra))


def test_corrupt_member_is_one_line_error() -> None:
    data = bytearray(package({"section0.xml": section(p("본문 " * 200))}))
    at = data.find(b"Contents/section0.xml") + len("Contents/section0.xml")
    data[at + 20: at + 60] = bytes(40)  # garble the deflate stream
    with pytest.raises(UnreadableInput) as caught:
        read(bytes(data))
    assert "\n" not in str(caught.value)


def test_password_protected_hwpx_is_a_one_line_error() -> None:
    manifest = (b'<?xml version="1.0"?><odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:'
                b'xmlns:manifest:1.0"><odf:file-entry odf:full-path="Contents/section0.xml">'
                b'<odf:encryption-data odf:checksum-type="SHA1"/></odf:file-entry>'
                b"</odf:manifest>")
    data = package({"section0.xml": b"\x8f\x00 ciphertext"},
                   extra={"META-INF/manifest.xml": manifest})
    with pytest.raises(EncryptedInput, match="password"):
        read(data)


@pytest.mark.slow
def test_cli_prints_one_line_for_a_forged_hwpx(tmp_path: Path) -> None:
    path = tmp_path / "forged.hwpx"
    path.write_bytes(_forge_sizes(package({"section0.xml": section(p("본문"))}),
                                  "Contents/section0.xml", 1 << 30))
    done = subprocess.run([sys.executable, "-m", "gongmun.cli", "extract", path.name],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 1 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"error: {path.name}: HWPX part Contents/section0.xml declares")
