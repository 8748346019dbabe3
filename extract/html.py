"""Reader for saved HTML pages: every visible text block in reading order, typed by markup.

A news page is mostly not the article: menus, share buttons, related and most-read lists,
the footer. The reader keeps all of it (the record's `blocks` are the whole page) but types
what is not article content as `other`:

- blocks inside page furniture: `<nav>`, `<aside>`, `<footer>`, `<form>`, a site `<header>`
  (one not inside `<article>`/`<main>`), ARIA navigation/banner roles, and elements whose
  class or id names a menu, a share box, a ranking, comments ... (`FURNITURE_NAMES`);
- when the page marks its article body (`itemprop=articleBody` or the container names of
  Korean news CMSs, `BODY_NAMES`), paragraphs outside it; when it does not, paragraphs that
  trafilatura's main-content extraction leaves out.

Headings stay headings (the headline is outside the body container); a sub-title marked as
such by its class becomes a level-2 heading. The page's `<meta>` tags and JSON-LD article
data go into `Document.metadata` (`og:title`, `article:published_time`, `ld:headline`,
`ld:datepublished`, `ld:author`, `ld:publisher` ...). Nothing is fetched from the network.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from .errors import EmptyInput, UnreadableInput
from .lines import classify_line, squash
from .model import Block, BlockType, Document, Source, Span, Table, table_block
from .units import UNIT_LINE, PendingUnit

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "head",
                       "select", "option", "button", "input", "textarea", "canvas", "video",
                       "audio", "object", "embed", "map"})
INLINE_TAGS = frozenset({"a", "span", "b", "strong", "em", "i", "u", "s", "img", "br", "sup",
                         "sub", "font", "small", "big", "mark", "time", "label", "abbr",
                         "cite", "q", "code", "ins", "del", "wbr", "var", "kbd", "bdi"})
LEAF_TYPES = {"p": BlockType.PARAGRAPH, "li": BlockType.LIST_ITEM, "dt": BlockType.PARAGRAPH,
              "dd": BlockType.PARAGRAPH, "figcaption": BlockType.CAPTION,
              "caption": BlockType.CAPTION, "blockquote": BlockType.PARAGRAPH,
              "pre": BlockType.PARAGRAPH, "address": BlockType.PARAGRAPH}
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "menu"})
FURNITURE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search",
                             "menu", "menubar"})
# Class/id words of page furniture on news sites (Korean CMSs included: gnb/lnb/snb menus,
# "rank" lists, "sns" share boxes, "reply" comments).
FURNITURE_NAMES = re.compile(
    r"(?:^|[-_\s])(?:gnb|lnb|snb|nav|navi|navigation|menu|allmenu|sitemap|footer|foot|"
    r"sidebar|side|aside|related|relate|recommend|popular|ranking|rank|best|most|hot|"
    r"share|sns|social|comment|comments|reply|banner|ad|ads|advert|advertisement|"
    r"breadcrumb|breadcrumbs|location|util|utility|login|search|tags?|latest|recent|"
    r"photo-?news|newsletter|subscribe|copyright|widget|infomation|byline|writer|"
    r"article-info|view-info)(?:$|[-_\s\d])", re.I)
# Class/id words of the article body container in Korean news CMSs and common templates.
BODY_NAMES = re.compile(
    r"(?:^|[-_\s])(?:article-?view-?content(?:-div)?|article-?body|articlebody|article_body|"
    r"article-?text|article_txt|article-?content|news-?body|news_body|newsct_article|"
    r"news-?content|view-?content|view_cont|view-?text|entry-content|post-content|"
    r"story-?body|cont_view|article_view)(?:$|[-_\s\d])", re.I)
SUBTITLE_NAMES = re.compile(
    r"(?:^|[-_\s])(?:sub-?title|sub-?heading|sub-?headline|subhead|sub_tit|subtit|deck|summary-title)"
    r"(?:$|[-_\s\d])", re.I)
# Markers of a 보도자료's sub-headline lines under the headline (`- …`).
SUBHEAD_MARKERS = ("-", "–", "—", "ㅡ", "－")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_HEADING = re.compile(r"^h([1-6])$")
# A table with fewer rows or columns than this is layout, not data.
MIN_TABLE_ROWS, MIN_TABLE_COLS = 2, 2


def read(data: bytes, source: Source, text: str | None) -> Document:
    if text is None:
        text = data.decode(source.encoding or "utf-8", errors="replace")
    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text))
    except (etree.ParserError, ValueError) as err:
        raise UnreadableInput(f"not a readable HTML page ({err})") from err
    metadata = page_metadata(root)
    metadata.update({k: v for k, v in structure_metadata(root, text).items() if k not in metadata})
    body = root.find("body")
    if body is None:
        body = root
    walker = _Walker(main=_body_container(body))
    walker.walk(body, _Context())
    walker.flush_unit()
    blocks = walker.blocks
    if walker.main is None:
        _mark_outside_main(blocks, main_text(text))
    if not any(b.text.strip() for b in blocks):
        raise EmptyInput("no text in HTML page")
    return Document(source, blocks, walker.tables, metadata=metadata)


# --- metadata ---------------------------------------------------------------------------------


def page_metadata(root: Any) -> dict[str, str]:
    """`<title>`, every `<meta name|property content>` (keys lower-cased) and JSON-LD."""
    meta: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        meta["title"] = _clean(title.text_content())
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and value.strip() and key not in meta:
            meta[key] = _clean(value)
    for script in root.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            meta.update({k: v for k, v in _json_ld(script.text).items() if k not in meta})
    return meta


# trafilatura's extensive date search guesses a date from any date-like text when the markup
# states none, through dateparser, whose first call loads every locale (about 3 s per
# process, measured on the card HTML sample, where it "found" 2023-01-01 in a table). The
# press builder reads bylines and 보도일시 itself; tf:date is its last resort, so the markup
# search alone serves it (the press corpus, dev and held-out, scores the same without it).
EXTENSIVE_DATE_SEARCH = False


def structure_metadata(root: Any, page: str) -> dict[str, str]:
    """What the page's structure says of its article, for the press builder: the text of its
    single `<h1>` (`h1`), and trafilatura's metadata extraction (`tf:title`, `tf:date`,
    `tf:author`), which reads the title, time and author a page shows where it has no meta
    tags. Lower in trust than the page's own `<meta>` and JSON-LD."""
    out: dict[str, str] = {}
    h1 = [_clean(el.text_content()) for el in root.iter("h1")]
    if len(h1) == 1 and h1[0]:
        out["h1"] = h1[0]
    import trafilatura

    try:
        found = trafilatura.extract_metadata(page, extensive=EXTENSIVE_DATE_SEARCH)
    except Exception:  # a page trafilatura cannot parse still has its own structure
        found = None
    if found is not None:
        for key in ("title", "date", "author"):
            value = getattr(found, key, None)
            if isinstance(value, str) and value.strip():
                out[f"tf:{key}"] = _clean(value)
    return out


def _json_ld(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    for item in _ld_items(data):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            out = {f"ld:{key.lower()}": _ld_text(item.get(key))
                   for key in ("headline", "datePublished", "dateModified", "author",
                               "publisher", "description")}
            return {k: v for k, v in out.items() if v}
    return {}


def _ld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for x in data:
            yield from _ld_items(x)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph", []))


def _ld_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(t for t in (_ld_text(v) for v in value) if t)
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    return _clean(str(value)) if value else ""


# --- main content -----------------------------------------------------------------------------


def _body_container(body: Any) -> Any | None:
    """The element the page marks as the article body, if any."""
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("itemprop") == "articleBody":
            return el
    for el in body.iter():
        if isinstance(el.tag, str) and BODY_NAMES.search(_names(el)) and _text_len(el) > 0:
            return el
    return None


def main_text(page: str) -> str | None:
    """The page's main text as trafilatura finds it (whitespace removed), or None."""
    import trafilatura

    extracted = trafilatura.extract(page, output_format="txt", include_comments=False,
                                    include_tables=True, favor_precision=True,
                                    with_metadata=False)
    return squash(extracted) if extracted else None


def _mark_outside_main(blocks: list[Block], main: str | None) -> None:
    if not main:
        return
    for block in blocks:
        if block.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM, BlockType.CAPTION) \
                and squash(block.text) not in main:
            block.type = BlockType.OTHER


# --- the walk ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    furniture: bool = False
    in_main: bool = False
    in_article: bool = False


@dataclass
class _Walker:
    main: Any | None
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    unit: PendingUnit = field(default_factory=PendingUnit)
    """A `(단위 : 백만 원)` line waiting for the table under it."""

    def walk(self, el: Any, ctx: _Context) -> None:
        ctx = self._context(el, ctx)
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and self._data_table(el, ctx):
            return
        leaf_type = self._leaf_type(el, tag)
        if leaf_type is not None and not _has_block_child(el):
            self._emit(_inline_text(el), leaf_type, ctx, _heading_level(el, tag))
            return
        pending: list[str] = [_source_text(el.text)]
        for child in el:
            child_tag = child.tag if isinstance(child.tag, str) else ""
            if child_tag in SKIP_TAGS or not child_tag:
                pending.append(_source_text(child.tail))
                continue
            if child_tag == "br":
                pending.append("\n" + _source_text(child.tail))
                continue
            if child_tag in INLINE_TAGS and not _has_block_child(child):
                pending.append(_inline_text(child) + _source_text(child.tail))
                continue
            self._emit("".join(pending), BlockType.PARAGRAPH, ctx, None)
            self.walk(child, ctx)
            pending = [_source_text(child.tail)]
        self._emit("".join(pending), BlockType.PARAGRAPH, ctx, None)

    def _context(self, el: Any, ctx: _Context) -> _Context:
        tag = el.tag if isinstance(el.tag, str) else ""
        in_article = ctx.in_article or tag in ("article", "main")
        furniture = ctx.furniture or tag in FURNITURE_TAGS \
            or (tag == "header" and not in_article) \
            or (el.get("role") or "").lower() in FURNITURE_ROLES \
            or (el is not self.main and bool(FURNITURE_NAMES.search(_names(el))))
        return _Context(furniture, ctx.in_main or el is self.main, in_article)

    def _leaf_type(self, el: Any, tag: str) -> BlockType | None:
        if _HEADING.match(tag) or SUBTITLE_NAMES.search(_names(el)):
            return BlockType.HEADING
        return LEAF_TYPES.get(tag)

    def _emit(self, text: str, kind: BlockType, ctx: _Context, level: int | None) -> None:
        if kind is BlockType.HEADING and level is None:
            level = 2  # a sub-title marked by its class
        for line in text.split("\n"):
            line = _clean(line)
            if not line:
                continue
            is_unit = UNIT_LINE.match(line) is not None
            if not is_unit:
                self.flush_unit()
            if ctx.furniture or (self.main is not None and not ctx.in_main
                                 and kind is not BlockType.HEADING
                                 and not self._under_headline(line)):
                self.blocks.append(Block(BlockType.OTHER, line))
            elif kind is BlockType.HEADING:
                self.blocks.append(Block(kind, line, level=level))
            elif is_unit:
                self.unit.hold(line)
            else:
                self._emit_marked(line, kind)

    def _under_headline(self, line: str) -> bool:
        """A sub-headline line (`- …`) set between the headline and the body container, as
        a 보도자료 page does: it belongs to the article, not to the page around it."""
        kept = [b for b in self.blocks if b.type is not BlockType.OTHER]
        marked = classify_line(line)
        return bool(kept) and marked.marker in SUBHEAD_MARKERS and (
            kept[-1].type is BlockType.HEADING or kept[-1].marker in SUBHEAD_MARKERS)

    def flush_unit(self) -> None:
        """A unit line that no table follows is ordinary text."""
        if (block := self.unit.release()) is not None:
            self.blocks.append(block)

    def _emit_marked(self, line: str, kind: BlockType) -> None:
        """Text written with the markers of Korean reports (□ ○ - ※) is typed by its marker,
        as in every other reader; `<li>` stays a list item whatever it starts with."""
        marked = classify_line(line)
        if marked.type is BlockType.PARAGRAPH:
            self.blocks.append(Block(kind, line))
            return
        block_type = BlockType.LIST_ITEM if kind is BlockType.LIST_ITEM else marked.type
        self.blocks.append(Block(block_type, marked.text, marker=marked.marker,
                                 level=marked.level))

    def _data_table(self, el: Any, ctx: _Context) -> bool:
        """Emit `el` as a table if it holds data (no nested tables, enough rows/columns)."""
        if el.find(".//table") is not None:
            return False
        rows, spans = table_grid(el)
        if len(rows) < MIN_TABLE_ROWS or max((len(r) for r in rows), default=0) < MIN_TABLE_COLS:
            return False
        caption = el.find("caption")
        table = Table(id=f"t{len(self.tables) + 1}", rows=rows, spans=spans,
                      title=_clean(caption.text_content()) if caption is not None else None,
                      unit=self.unit.take())
        self.tables.append(table)
        self.blocks.append(table_block(table))
        return True


def table_grid(table: Any) -> tuple[list[list[str]], list[Span]]:
    """Rows of cell text with merged cells resolved: text in the first cell, "" elsewhere."""
    grid: dict[tuple[int, int], str] = {}
    spans: list[Span] = []
    rows = [tr for tr in table.iter("tr")]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = ""
            grid[(r, c)] = _clean(_inline_text(cell).replace("\n", " "))
            if rowspan > 1 or colspan > 1:
                spans.append(Span(r, c, rowspan, colspan))
            c += colspan
    if not grid:
        return [], []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)], spans


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _inline_text(el: Any) -> str:
    """Text of `el` and its descendants, `<br>` as a line break, skipped tags left out."""
    parts: list[str] = [_source_text(el.text)] if el.tag not in SKIP_TAGS else []
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in SKIP_TAGS:
            parts.append(_inline_text(child))
        parts.append(_source_text(child.tail))
    return "".join(parts)


def _source_text(text: str | None) -> str:
    """Text as the page shows it: a line break in the source is a space; only `<br>` breaks."""
    return (text or "").replace("\r", " ").replace("\n", " ")


def _has_block_child(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag not in INLINE_TAGS and c.tag not in SKIP_TAGS
               for c in el.iterdescendants())


def _heading_level(el: Any, tag: str) -> int | None:
    m = _HEADING.match(tag)
    return int(m.group(1)) if m else None


def _names(el: Any) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


def _text_len(el: Any) -> int:
    return len(squash(el.text_content()))


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
