"""Reader for HWPX (OWPML, KS X 6101): a ZIP of XML parts that 한글 writes since 2010.

`Contents/content.hpf` lists the parts; its spine gives the sections in reading order
(`Contents/sectionN.xml`). A section is paragraphs (`p`) of runs (`run`) of text (`t`),
tables (`tbl` -> `tr` -> `tc`, each cell placed by `cellAddr` and merged by `cellSpan`;
covered cells are absent) and drawings, some holding text boxes. Elements are matched by
local name, so the 2011 Hancom namespaces and the KS X 6101 ones read alike. The XML is
parsed without DTDs, entities or network access; the ZIP is read within `zipsafe` limits.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .errors import EncryptedInput, UnreadableInput
from .flow import MAX_TABLE_DEPTH, Cell, Item, Para, TableData, assemble, iter_paras
from .model import Document, ExtractNote, Source
from .zipsafe import SafeZip

MIMETYPE = "application/hwp+zip"
CONTENT_HPF = "Contents/content.hpf"
HEADER_XML = "Contents/header.xml"
MANIFEST = "META-INF/manifest.xml"
SECTION_PART = re.compile(r"^Contents/section(\d+)\.xml$")
# HWPX sizes are in 1/100 pt.
SIZE_UNITS_PER_POINT = 100.0

# Inline elements of `t` and what they stand for in the text.
_INLINE_TEXT = {"tab": "\t", "lineBreak": "\n", "nbSpace": "\u00a0", "fwSpace": " ",
                "hyphen": "-"}
# Drawing objects whose `drawText` holds a text box.
_DRAWINGS = frozenset({"rect", "ellipse", "arc", "polygon", "curve", "connectLine",
                       "container", "textart"})
# Page furniture and notes: read or left out, by the control's local name.
_NOTES = frozenset({"footNote", "endNote"})
_FURNITURE = frozenset({"header", "footer"})


def read(data: bytes, source: Source, text: str | None = None) -> Document:
    archive = SafeZip(data, "HWPX")
    refuse_encrypted(archive)
    sections = section_parts(archive)
    if not sections:
        raise UnreadableInput("corrupt HWPX: no Contents/section*.xml")
    sizes = char_sizes(parse_xml(archive.read(HEADER_XML), HEADER_XML)) \
        if HEADER_XML in archive else {}
    reader = _SectionReader(sizes)
    items: list[Item] = []
    for name in sections:
        items += reader.section(parse_xml(archive.read(name), name))
    if not any(p.text.strip() for p in iter_paras(items)):
        raise UnreadableInput("HWPX has no text")
    metadata = package_metadata(archive)
    return assemble(replace(source, pages=None), items, reader.notes(), metadata)


def refuse_encrypted(archive: SafeZip) -> None:
    """A password-protected HWPX lists its encrypted parts in the ODF-style manifest."""
    if MANIFEST in archive and any(local(e.tag) == "encryption-data" for e in
                                   parse_xml(archive.read(MANIFEST), MANIFEST).iter()):
        raise EncryptedInput("password-protected HWPX (password required)")


def parse_xml(data: bytes, name: str) -> ET.Element:
    """Parse one part with DTDs (hence entity bombs and external entities) refused."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root: ET.Element = fromstring(data, forbid_dtd=True, forbid_entities=True,
                                      forbid_external=True)
    except DefusedXmlException as err:
        raise UnreadableInput(f"HWPX part {name} uses a DTD or entities (refused)") from err
    except ET.ParseError as err:
        raise UnreadableInput(f"corrupt HWPX: {name}: {err}") from err
    return root


def local(tag: object) -> str:
    """`{namespace}name` -> `name`: Hancom 2011 and KS X 6101 namespaces read alike."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(elem: ET.Element, name: str) -> Iterator[ET.Element]:
    return (c for c in elem if local(c.tag) == name)


def first(elem: ET.Element, name: str) -> ET.Element | None:
    return next(children(elem, name), None)


def section_parts(archive: SafeZip) -> list[str]:
    """Section parts in spine order; by their number when the package lists none."""
    names = set(archive.names())
    spine: list[str] = []
    if CONTENT_HPF in names:
        package = parse_xml(archive.read(CONTENT_HPF), CONTENT_HPF)
        hrefs = {item.get("id"): item.get("href", "") for item in package.iter()
                 if local(item.tag) == "item"}
        for ref in (e for e in package.iter() if local(e.tag) == "itemref"):
            href = _part_name(hrefs.get(ref.get("idref"), ""))
            if SECTION_PART.match(href) and href in names and href not in spine:
                spine.append(href)
    if spine:
        return spine
    found = [n for n in names if SECTION_PART.match(n)]
    return sorted(found, key=lambda n: int(SECTION_PART.match(n).group(1)))  # type: ignore[union-attr]


def _part_name(href: str) -> str:
    href = href.lstrip("/")
    return href if href.startswith("Contents/") else f"Contents/{href}" \
        if href.startswith("section") else href


def char_sizes(header: ET.Element) -> dict[str, float]:
    """charPr id -> text size in points, from `Contents/header.xml`."""
    sizes: dict[str, float] = {}
    for elem in header.iter():
        if local(elem.tag) == "charPr" and elem.get("id") is not None:
            try:
                sizes[elem.get("id", "")] = int(elem.get("height", "0")) / SIZE_UNITS_PER_POINT
            except ValueError:
                continue
    return sizes


def package_metadata(archive: SafeZip) -> dict[str, str]:
    if CONTENT_HPF not in archive:
        return {}
    package = parse_xml(archive.read(CONTENT_HPF), CONTENT_HPF)
    metadata: dict[str, str] = {}
    for elem in package.iter():
        name = local(elem.tag)
        if name == "title" and (elem.text or "").strip():
            metadata["title"] = (elem.text or "").strip()
        elif name == "meta" and elem.get("name") in ("creator", "CreatedDate", "ModifiedDate") \
                and (elem.text or "").strip():
            metadata[elem.get("name", "")] = (elem.text or "").strip()
    return metadata


@dataclass
class _Segment:
    """Text collected for the paragraph being read, until a table cuts it."""

    parts: list[str] = field(default_factory=list)
    size: float | None = None
    has_text: bool = False

    def add(self, text: str, size: float | None) -> None:
        self.parts.append(text)
        if text.strip():
            self.has_text = True
            if size:
                self.size = max(self.size or 0.0, size)


@dataclass
class _SectionReader:
    sizes: dict[str, float]
    skipped: dict[str, int] = field(default_factory=dict)

    def section(self, root: ET.Element) -> list[Item]:
        items: list[Item] = []
        for p in children(root, "p"):
            items += self.paragraph(p, depth=0)
        return items

    def paragraph(self, p: ET.Element, depth: int) -> list[Item]:
        """The paragraph's text, cut where a table stands (tables keep their place)."""
        items: list[Item] = []
        after: list[Item] = []  # text boxes and notes: read after the paragraph's text
        segment = _Segment()
        for run in children(p, "run"):
            size = self.sizes.get(run.get("charPrIDRef", ""))
            for elem in run:
                name = local(elem.tag)
                if name == "t":
                    segment.add(text_of(elem), size)
                elif name == "tbl":
                    _flush(segment, items)
                    segment = _Segment()
                    items.append(self.table(elem, depth))
                    items += self.caption(elem, depth)
                elif name in _DRAWINGS:  # before the text when anchored before it
                    (after if segment.has_text else items).extend(
                        self.text_boxes(elem, depth))
                elif name == "ctrl":
                    after += self.control(elem, depth)
                elif name in ("pic", "equation", "ole", "video", "chart"):
                    self.skipped[name] = self.skipped.get(name, 0) + 1
                    after += self.caption(elem, depth)
        _flush(segment, items)
        return items + after

    def table(self, tbl: ET.Element, depth: int) -> TableData:
        cells: list[Cell] = []
        for tr in children(tbl, "tr"):
            for tc in children(tr, "tc"):
                cells.append(self.cell(tc, depth))
        return TableData(_int(tbl.get("rowCnt")), _int(tbl.get("colCnt")), cells)

    def cell(self, tc: ET.Element, depth: int) -> Cell:
        addr, span = first(tc, "cellAddr"), first(tc, "cellSpan")
        items: list[Item] = []
        for sub in children(tc, "subList"):
            items += self.sub_list(sub, depth + 1)
        return Cell(row=_int(addr.get("rowAddr")) if addr is not None else 0,
                    col=_int(addr.get("colAddr")) if addr is not None else 0,
                    rowspan=_int(span.get("rowSpan"), 1) if span is not None else 1,
                    colspan=_int(span.get("colSpan"), 1) if span is not None else 1,
                    items=items)

    def sub_list(self, sub: ET.Element, depth: int) -> list[Item]:
        if depth > MAX_TABLE_DEPTH:
            raise UnreadableInput(f"HWPX nests tables or boxes more than {MAX_TABLE_DEPTH} deep")
        items: list[Item] = []
        for p in children(sub, "p"):
            items += self.paragraph(p, depth)
        return items

    def caption(self, obj: ET.Element, depth: int) -> list[Item]:
        """A table's or picture's caption (read after it, as HWP 5 stores it)."""
        items: list[Item] = []
        for caption in children(obj, "caption"):
            for sub in children(caption, "subList"):
                items += self.sub_list(sub, depth + 1)
        return items

    def text_boxes(self, drawing: ET.Element, depth: int) -> list[Item]:
        items: list[Item] = []
        for draw_text in (e for e in drawing.iter() if local(e.tag) == "drawText"):
            for sub in children(draw_text, "subList"):
                items += self.sub_list(sub, depth + 1)
        return items

    def control(self, ctrl: ET.Element, depth: int) -> list[Item]:
        items: list[Item] = []
        for elem in ctrl:
            name = local(elem.tag)
            if name in _NOTES:
                for sub in children(elem, "subList"):
                    items += self.sub_list(sub, depth + 1)
            elif name in _FURNITURE:
                self.skipped[name] = self.skipped.get(name, 0) + 1
        return items

    def notes(self) -> list[ExtractNote]:
        what = {"pic": "pictures", "equation": "equations", "ole": "embedded objects",
                "video": "videos", "chart": "charts", "header": "page headers",
                "footer": "page footers"}
        return [ExtractNote("hwp_skipped_objects",
                            f"{count} {what.get(name, name)} left out (no text read from them)")
                for name, count in sorted(self.skipped.items())]


def text_of(t: ET.Element) -> str:
    parts = [t.text or ""]
    for child in t:
        parts.append(_INLINE_TEXT.get(local(child.tag), ""))
        parts.append(child.tail or "")
    return "".join(parts)


def _flush(segment: _Segment, items: list[Item]) -> None:
    text = "".join(segment.parts)
    if text.strip():
        items.append(Para(text, segment.size))


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


__all__ = ["read"]
