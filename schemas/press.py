"""Press release / news article builder: a normalized Document -> `Press` (보도자료/기사).

The layout (headline, byline, body; what is page furniture) comes from `press_layout`, the
quotations from `press_quotes`; money, counts and dates from `gongmun.normalize.values`.
Nothing here knows a particular site: outlet, reporter and time come from the page's own
metadata, its byline, the dateline of the lead paragraph (`[뉴스스텝]`) or its copyright line.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from gongmun.extract.lines import classify_line
from gongmun.extract.model import BBox, Block, BlockType, Document, Table
from gongmun.normalize.resources import read_lines, read_table
from gongmun.normalize.values import (
    find_counts,
    find_dates,
    find_money,
    parse_datetime_kst,
    parse_year_range,
)

from .models import Amount, BudgetItem, Count, DateMention, Press, PressContact, WarningOut
from .press_contacts import find_contacts
from .press_layout import (
    MIN_HEADLINE_LEN,
    Layout,
    analyse,
    canonical_datetime,
    furniture_summary,
    is_box_title,
    is_header,
    is_release,
    ocr_release_time,
    release_time,
    reporter_in,
)
from .press_ocr import (
    body_line_height,
    first_title_line,
    is_banner_or_header,
    near_public_body,
    split_marked_lines,
    tall_headline,
)
from .press_quotes import find_quotes, split_sentences
from .press_text import alternation, contact_fields, furniture_kind, is_sentence, term_set
from .warnings import WarningLog

# Metadata keys (lower-case) in order of trust.
TITLE_KEYS = ("og:title", "ld:headline", "twitter:title", "dc.title", "h1", "tf:title", "title")
SITE_KEYS = ("og:site_name", "ld:publisher", "application-name", "twitter:site")
TIME_KEYS = ("article:published_time", "ld:datepublished", "og:published_time",
             "pubdate", "publishdate", "dc.date", "date", "creationdate")
AUTHOR_KEYS = ("author", "article:author", "ld:author", "dable:author", "byl", "tf:author")
# Found by trafilatura from the page's text: used when nothing the page states gives a time.
LAST_RESORT_TIME_KEYS = ("tf:date",)
# A count below this is an ordinary number of things (18개 과제), not a statistic.
MIN_COUNT = 10_000
# Amount context: the sentence around the amount, cut to this many characters each side.
CONTEXT_CHARS = 60
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—<:·]|::)\s+")
_COPYRIGHT_MARK = re.compile(r"ⓒ|©|\([cC]\)|저작권자|Copyright|COPYRIGHT")
_COPYRIGHT_NAME = re.compile(
    r"^[\s:ⓒ©]*(?:\([cC]\)\s*)?(?:\d{4}(?:\s*[-~]\s*\d{4})?\s*)?"
    r"(?P<name>[^\s.,\[\]()<>ⓒ©][^.,\[\]()<>ⓒ©]*?)\s*(?=[.,\[\]()<>]|무단|All\s|$)")
_NAME = re.compile(r"^[가-힣]{2,4}$")
_SPOKESPERSON = re.compile(r"(?P<org>[가-힣]{2,20}?)\s*대변인(?:실)?(?![가-힣])")
_SUBJECT = re.compile(r"^\s*(?P<org>[가-힣]{3,20}?)(?:\s*\([^()]{1,30}\))?(?:은|는|이|가)\s")
# A near (one letter off) match against a public body's name needs a name this long.
MIN_FUZZY_NAME = 4
_FRAME_DASH = re.compile(r"\s+[-–—]$")
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?\s*(?:조|억|만)?"
_SCALED_PART = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(조|억|만)?")
_SCALES = {"조": 10**12, "억": 10**8, "만": 10**4}
_RELEASE_LABEL = re.compile(alternation("release_label"))
_OPEN_QUOTES = "'‘\"“「『<《"
_CLOSE_QUOTES = "'’\"”」』>》"
_PAREN = re.compile(r"\(([^()]*)\)")
MAX_ISSUER_LEN = 24
# A 보도자료's header (issuer, 보도일시, contacts) stands within its first blocks.
HEADER_BLOCKS = 40
# Lines of one PDF paragraph stand at most this far apart (points; body text is 10-13 pt
# with about 60% leading, measured on the real 보도자료 in shared/real).
MAX_LINE_GAP_PT = 12.0
MAX_ITEM_NAME_LEN = 60
# A logo, 대변인 line or table cell naming the office is short; longer OCR'd text is prose
# (and a near match over it costs too much).
MAX_OFFICE_TEXT = 40
_OCR_SPOKESPERSON = re.compile(r"대\s*변\s*인")


def build_press(doc: Document) -> tuple[Press, list[WarningOut]]:
    log = WarningLog()
    meta = {k.lower(): v.strip() for k, v in doc.metadata.items() if v and v.strip()}
    opened = _title_boxes_opened(doc)
    if _read_by_ocr(doc):
        opened = [line for block in opened for line in split_marked_lines(block)]
    blocks, origins = logical_blocks(opened)
    site_names = {h for b in blocks if furniture_kind(b.text) == "copyright"
                  and (h := copyright_holder(b.text))}
    site_names |= {meta[k] for k in SITE_KEYS if k in meta}
    layout = analyse(blocks, _meta_title(meta), frozenset(site_names),
                     _ocr_headline(doc, blocks) if _read_by_ocr(doc) else None)
    paragraphs = _paragraphs(blocks, layout)
    published_at = _published_at(doc, layout, meta, log)
    reference = date.fromisoformat(published_at[:10]) if published_at else None
    press = Press(
        headline=_headline(doc, blocks, layout, meta),
        subheadline="\n".join(_FRAME_DASH.sub("", blocks[i].text).strip()
                              for i in layout.subheadlines) or None,
        outlet=_outlet(doc, blocks, layout, meta),
        reporter=_reporter(blocks, layout, meta),
        published_at=published_at,
        paragraphs=paragraphs,
        quotes=find_quotes(paragraphs),
        amounts=_amounts(paragraphs),
        counts=_counts(paragraphs),
        budget_items=_budget_items(paragraphs),
        dates=_dates(paragraphs, reference),
        contacts=find_contacts(doc.tables),
    )
    if summary := furniture_summary(layout, origins):
        log.add("dropped_furniture", summary[0], blocks=summary[1])
    if not paragraphs:
        log.add("no_body", "no article body was found")
    return press, log.items


def _ocr_headline(doc: Document, blocks: list[Block]) -> list[int]:
    """An OCR'd page's headline lines: by their size, else by their place under the header."""
    return tall_headline(blocks, body_line_height(doc.blocks)) or first_title_line(blocks)


def _read_by_ocr(doc: Document) -> bool:
    """Page 1 was read by OCR from its image (a scan, or a text layer that had to be
    OCR'd), so its lines have the boxes Tesseract drew (an OCR text dump has none)."""
    return 1 in doc.source.ocr_pages


def _title_boxes_opened(doc: Document) -> list[Block]:
    """`doc.blocks`, with the boxes a 보도자료 sets its headline in opened up: an HWP/HWPX
    release puts its headline and `- ` sub-headlines in a one-column table above the body
    (a PDF of it shows the same lines as text). A one-column table before the first line of
    text becomes one block per line, typed by its marker; tables with labels or several
    columns (보도일시 | …) stay tables."""
    out: list[Block] = []
    text_seen = False
    for block in doc.blocks:
        table = doc.table(block.table_id) if block.table_id else None
        if table is not None and not text_seen and _one_column(table):
            for line in (ln for cell in _cells(table) for ln in cell.split("\n") if ln.strip()):
                kind = classify_line(line)
                # An OCR'd box's lines keep no box of their own: the table's would make
                # each look as tall as the box.
                out.append(Block(kind.type, kind.text, page=block.page,
                                 bbox=None if table.ocr else block.bbox,
                                 marker=kind.marker, level=kind.level, ocr=table.ocr))
            continue
        # An OCR'd page may show the banner or header labels as lines above the box.
        text_seen = text_seen or (block.type is not BlockType.TABLE
                                  and not (block.ocr and is_banner_or_header(block.text)))
        out.append(block)
    return out


def _cells(table: Table) -> list[str]:
    return [c.strip() for row in table.rows for c in row if c.strip()]


def _one_column(table: Table) -> bool:
    rows = [[c for c in row if c.strip()] for row in table.rows]
    return all(len(r) <= 1 for r in rows) and not any(
        is_header(c) or c in contact_fields() for c in _cells(table))


def logical_blocks(blocks: list[Block]) -> tuple[list[Block], list[list[int]]]:
    """Blocks with the wrapped lines of a PDF paragraph joined back to it, and for each the
    indices of the source blocks it came from.

    A PDF reader joins a wrapped line to a paragraph or list item, but a 보도자료 opens its
    paragraphs with □, which reads as a heading marker: a line that stands right under a
    block that stops mid-sentence, without a marker of its own, continues that block.
    """
    out: list[Block] = []
    origins: list[list[int]] = []
    for i, block in enumerate(blocks):
        last = out[-1] if out else None
        if last is not None and _wraps(last, block):
            # A `△` read as a bullet is a minus sign here, a `▲` an item of an enumeration
            # run on from the line above: each stays with its text.
            text = f"{block.marker}{block.text}" if block.marker in ("△", "▲") else block.text
            glue = "" if last.ends_inside_word else " "
            out[-1] = replace(last, text=f"{last.text}{glue}{text}",
                              bbox=_union(last.bbox, block.bbox),
                              ends_inside_word=block.ends_inside_word)
            origins[-1].append(i)
            continue
        out.append(block)
        origins.append([i])
    return out, origins


def _union(a: BBox | None, b: BBox | None) -> BBox | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _wraps(last: Block, block: Block) -> bool:
    if is_box_title(block.text):
        return False
    if _continues_line(last, block) or _continues_enumeration(last, block):
        return True
    return (block.type is BlockType.PARAGRAPH and block.marker is None
            and last.type in (BlockType.HEADING, BlockType.LIST_ITEM, BlockType.PARAGRAPH)
            and last.marker is not None and last.page is not None
            and last.page == block.page and last.bbox is not None and block.bbox is not None
            and not is_sentence(last.text) and furniture_kind(block.text) is None
            and not is_header(block.text)
            # OCR'd lines' boxes are tight: a wider gap is a new block (a sub-headline
            # above the body's first □, read as `디`, is not continued by it).
            and not (block.ocr and block.bbox[1] - last.bbox[3] > MAX_LINE_GAP_PT))


def _continues_enumeration(last: Block, block: Block) -> bool:
    """`○ ▲국민 주도 … 구현, ▲포용과 … 구현,` | `▲성과로 … 등`: a line of ▲-items that ends
    on a comma goes on with the next ▲ item, which a reader took for a photo caption."""
    return (block.marker == "▲" and "▲" in last.text and last.text.rstrip().endswith(",")
            and last.page == block.page and last.bbox is not None and block.bbox is not None
            and 0 <= block.bbox[1] - last.bbox[3] <= MAX_LINE_GAP_PT)


def _continues_line(last: Block, block: Block) -> bool:
    """A PDF paragraph broken across lines: an unmarked line that stops mid-sentence, and
    the unmarked line right under it on the same page (a `△15.9` there is a negative
    number, not a bullet)."""
    negative = block.marker == "△" and block.text[:1].isdigit()
    return (last.type is BlockType.PARAGRAPH and last.marker is None
            and block.type in (BlockType.PARAGRAPH, BlockType.CAPTION)
            and (block.marker is None or negative)
            and last.bbox is not None and block.bbox is not None and last.page == block.page
            and not is_sentence(last.text) and not is_header(last.text)
            and furniture_kind(last.text) is None and furniture_kind(block.text) is None
            and 0 <= block.bbox[1] - last.bbox[3] <= MAX_LINE_GAP_PT)


# --- header fields ------------------------------------------------------------------------


def _meta_title(meta: dict[str, str]) -> str | None:
    title = next((meta[k] for k in TITLE_KEYS if k in meta), None)
    if title is None:
        return None
    site = next((meta[k] for k in SITE_KEYS if k in meta), None)
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p.strip() and p.strip() != site]
    return max(parts, key=len).strip() if parts else title


def _headline(doc: Document, blocks: list[Block], layout: Layout,
              meta: dict[str, str]) -> str | None:
    if layout.headline is not None:
        return " ".join(blocks[i].text for i in layout.headline_lines or [layout.headline])
    # A board page sets the title in a labelled cell (제목 | …).
    if titles := labelled_cells(doc.tables, "title_label"):
        return titles[0]
    title = _meta_title(meta)
    return title if title and len(title) >= MIN_HEADLINE_LEN and not is_header(title) else None


def labelled_cells(tables: list[Table], kind: str) -> list[str]:
    """The values of label/value table cells whose label is a `press_terms.tsv` term of
    `kind`: `제목 | 새 사업 착수`, `등록일 | 2025-03-14`."""
    labels = {re.sub(r"\s+", "", t) for t in term_set(kind)}
    out = []
    for table in tables:
        for row in table.rows:
            cells = [c.strip() for c in row]
            for i, cell in enumerate(cells[:-1]):
                value = next((v for v in cells[i + 1:] if v), "")
                if re.sub(r"\s+", "", cell) in labels and value:
                    out.append(value)
    return out


def _outlet(doc: Document, blocks: list[Block], layout: Layout,
            meta: dict[str, str]) -> str | None:
    site = next((meta[k] for k in SITE_KEYS if k in meta), None)
    if site:
        return site
    if layout.lead and layout.lead.outlet:
        return layout.lead.outlet
    for i in layout.copyright:
        if name := copyright_holder(blocks[i].text):
            return name
    return (_issuer(doc.blocks, layout) or _spokesperson_office(blocks)
            or _lead_subject(blocks, layout) or _contact_office(find_contacts(doc.tables))
            or _ocr_office(doc, blocks, layout) or _logo_office(doc))


def _ocr_office(doc: Document, blocks: list[Block], layout: Layout) -> str | None:
    """The public body OCR'd text names where a 보도자료 names its office, read with OCR's
    misreadings (`press_ocr.near_public_body`): the header above the headline (the logo as
    the page scan shows it), then the 대변인 line, then the contact table's cells, top left
    first (its 부서 column names the office)."""
    stop = layout.headline if layout.headline is not None else min(layout.body, default=0)
    header = [b.text for b in blocks[:stop] if b.ocr and b.type is not BlockType.TABLE]
    spokesperson = [b.text[:m.start()] for b in blocks if b.ocr
                    and (m := _OCR_SPOKESPERSON.search(b.text))]
    cells = [line for t in doc.tables if t.ocr and _has_contacts(t)
             for row in t.rows for cell in row for line in cell.split("\n")]
    for text in (*header, *spokesperson, *cells):
        if len(re.sub(r"[^가-힣]", "", text)) <= MAX_OFFICE_TEXT and \
                (body := near_public_body(text)):
            return body
    return None


def _has_contacts(table: Table) -> bool:
    return bool(find_contacts([table]))


def _logo_office(doc: Document) -> str | None:
    """The public body the header logo names, read by OCR: the last resort, as OCR costs
    ~0.4 s a reading; the first reading that names one decides."""
    from gongmun.extract.pdf_header import logo_readings

    for picture in doc.logos:
        for reading in logo_readings(picture):
            if body := logo_issuer(reading):
                return body
    return None


def _contact_office(contacts: list[PressContact]) -> str | None:
    """The public body the first contact's department names (`금융위원회 금융정책과`)."""
    for contact in contacts[:1]:
        first = (contact.department or "").split(" ")[0]
        if first in public_bodies():
            return first
    return None


def logo_issuer(text: str) -> str | None:
    """The public body a release's header logo names (its OCR'd text): a name from
    `press_issuers.tsv` found in it, or, for names of MIN_FUZZY_NAME letters or more, a
    stretch of it one letter off (`앵정안전부` -> 행정안전부); None when two names fit."""
    squashed = re.sub(r"[^가-힣]", "", text)
    if not squashed:
        return None
    names = public_bodies()
    exact = [n for n in names if n in squashed]
    if exact:
        return max(exact, key=len)
    near = {n for n in names if len(n) >= MIN_FUZZY_NAME and any(
        _one_letter_off(squashed[i:i + len(n)], n) for i in range(len(squashed) - len(n) + 1))}
    return near.pop() if len(near) == 1 else None


def _one_letter_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


@cache
def public_bodies() -> tuple[str, ...]:
    return tuple(line.strip() for line in read_lines("press_issuers.tsv"))


def copyright_holder(text: str) -> str | None:
    """The publisher a copyright line names: `[저작권자ⓒ 뉴스스텝. 무단전재...]` -> 뉴스스텝."""
    for mark in _COPYRIGHT_MARK.finditer(text):
        m = _COPYRIGHT_NAME.match(text[mark.end():])
        if m and not _COPYRIGHT_MARK.fullmatch(m.group("name")):
            return m.group("name").strip()
    return None


def _issuer(blocks: list[Block], layout: Layout) -> str | None:
    """The issuing office of an official 보도자료: a public body's name above the headline."""
    stop = layout.headline if layout.headline is not None else min(layout.body, default=0)
    suffixes = term_set("issuer_suffix")
    for block in blocks[:stop]:
        text = re.sub(r"\s*보도\s*(?:참고\s*)?자료\s*$", "", block.text).strip()
        if (0 < len(text) <= MAX_ISSUER_LEN and not re.search(r"\d", text)
                and not is_header(text) and text.endswith(suffixes)):
            return text
    return None


def _spokesperson_office(blocks: list[Block]) -> str | None:
    """`기획재정부 대변인` (a 보도자료's footer or header names the office's spokesperson)."""
    for block in blocks:
        m = _SPOKESPERSON.search(block.text)
        if m and m.group("org").endswith(term_set("issuer_suffix")):
            return m.group("org")
    return None


def _lead_subject(blocks: list[Block], layout: Layout) -> str | None:
    """The public body a 보도자료's first paragraph opens with: `행정안전부(장관 윤호중)는 …`.
    Only for a release without a byline (a news article's subject is not its publisher)."""
    if layout.byline is not None or layout.headline is None or not layout.body \
            or not is_release(blocks, layout.headline):
        return None
    # The release's own first point (□ …), not a summary box above it.
    points = [i for i in layout.body if blocks[i].marker == "□"] or layout.body
    for i in points[:1]:
        m = _SUBJECT.match(blocks[i].text)
        if m and m.group("org").endswith(term_set("issuer_suffix")) \
                and m.group("org") not in term_set("not_issuer"):
            return m.group("org")
    return None


def _reporter(blocks: list[Block], layout: Layout, meta: dict[str, str]) -> str | None:
    if layout.byline and layout.byline.reporter:
        return layout.byline.reporter
    if layout.lead and layout.lead.reporter:
        return layout.lead.reporter
    for key in AUTHOR_KEYS:
        value = meta.get(key, "")
        name = reporter_in(value) or (value if _NAME.match(value) else None)
        if name:
            return name
    return next((r for i in layout.signoffs if (r := reporter_in(blocks[i].text))), None)


def _published_at(doc: Document, layout: Layout, meta: dict[str, str],
                  log: WarningLog) -> str | None:
    candidates = [layout.byline.published if layout.byline else None]
    candidates += [meta.get(k) for k in TIME_KEYS]
    candidates += [header_release_time(doc.blocks[:HEADER_BLOCKS])]
    candidates += [release_time(b.text) for b in doc.blocks[:HEADER_BLOCKS]]
    candidates += [ocr_release_time(b.text) for b in doc.blocks[:HEADER_BLOCKS] if b.ocr]
    candidates += [release_time(" ".join(row)) for t in doc.tables for row in t.rows]
    candidates += labelled_cells(doc.tables, "date_label")
    candidates += [meta.get(k) for k in LAST_RESORT_TIME_KEYS]
    candidates.append(layout.byline.updated if layout.byline else None)
    for text in candidates:
        if not text:
            continue
        # Metadata gives ISO times with an offset; bylines give Korean layouts.
        canonical = text if "T" in text else canonical_datetime(text)
        if canonical and (parsed := parse_datetime_kst(canonical)):
            return parsed
    log.add("no_published_at", "no publication time found (byline, metadata, 보도일시)")
    return None


def header_release_time(blocks: list[Block]) -> str | None:
    """The release time of a 보도자료 header whose cells a PDF reader split up: the label
    (보도시점) may stand beside two rows (`(온라인) 2025. 12. 2.(화)` + `16:00` in a cell of its
    own, `(지 면) 2025. 12. 3.(수) 조간`). The header's pieces are put back into rows by their
    position; of the rows at and beside the label's, the first date with a time of day wins,
    else the first date."""
    rows = _rows([b for b in blocks if b.bbox is not None and b.page in (None, 1)])
    for k, row in enumerate(rows):
        if not _RELEASE_LABEL.search(row):
            continue
        near = [row, *rows[max(0, k - 1):k], *rows[k + 1:k + 2]]
        stamps = [c for text in near if (c := canonical_datetime(text))]
        timed = [c for c in stamps if " " in c]
        return next(iter(timed or stamps), None)
    return None


def _rows(blocks: list[Block]) -> list[str]:
    """Texts of blocks on one line (vertical centres within each other's extent), left to
    right, rows top to bottom."""
    rows: list[tuple[float, float, list[Block]]] = []
    for block in sorted(blocks, key=lambda b: (b.bbox or (0, 0, 0, 0))[1]):
        assert block.bbox is not None
        top, bottom = block.bbox[1], block.bbox[3]
        centre = (top + bottom) / 2
        for r, (r_top, r_bottom, members) in enumerate(rows):
            if r_top <= centre <= r_bottom:
                members.append(block)
                rows[r] = (min(r_top, top), max(r_bottom, bottom), members)
                break
        else:
            rows.append((top, bottom, [block]))
    return [" ".join(b.text.replace("\t", " ").strip()
                     for b in sorted(m, key=lambda b: (b.bbox or (0, 0, 0, 0))[0]))
            for _, _, m in rows]


# --- body ---------------------------------------------------------------------------------


def _paragraphs(blocks: list[Block], layout: Layout) -> list[str]:
    texts = [blocks[i].text.strip() for i in layout.body]
    if texts and layout.lead:
        texts[0] = texts[0][layout.lead.length:].strip()
    return [t for t in texts if t]


def _amounts(paragraphs: list[str]) -> list[Amount]:
    out = []
    for p in paragraphs:
        found = [(m.start, Amount(text=m.text, krw=m.krw, context=_context(p, m.start, m.end)))
                 for m in find_money(p)]
        found += [(start, Amount(text=p[start:end], krw=None, currency=code, value=value,
                                 context=_context(p, start, end)))
                  for start, end, value, code in find_foreign_money(p)]
        out += [a for _, a in sorted(found, key=lambda x: x[0])]
    return out


def find_foreign_money(text: str) -> list[tuple[int, int, float, str]]:
    """Money in another currency: `141.5억 달러`, `14억불`, `$10억` -> (start, end, value,
    ISO code). Never won: `find_money` leaves these out, and they get no `krw`."""
    out = []
    for pattern in _foreign_patterns():
        for m in pattern.finditer(text):
            code = foreign_currencies().get(m.group("currency"))
            value = _scaled(m.group("num"))
            if code and value is not None:
                out.append((m.start(), m.end(), value, code))
    return sorted(out)


def _scaled(text: str) -> float | None:
    """`1조 2,000억` -> 1.2e12; `141.5억` -> 1.415e10."""
    total = 0.0
    for number, scale in _SCALED_PART.findall(text):
        total += float(number.replace(",", "")) * _SCALES.get(scale, 1)
    return total or None


@cache
def foreign_currencies() -> dict[str, str]:
    """Currency word or sign (달러, $) -> ISO 4217 code, from press_terms.tsv."""
    return {row[1].strip(): row[2].strip() for row in read_table("press_terms.tsv")
            if row[0] == "currency" and len(row) >= 3}


@cache
def _foreign_patterns() -> tuple[re.Pattern[str], ...]:
    """A number before a currency word (`141.5억 달러`), or after a sign (`$10억`)."""
    words = sorted(foreign_currencies(), key=len, reverse=True)
    units = "|".join(re.escape(w) for w in words if w[0].isalpha())
    signs = "|".join(re.escape(w) for w in words if not w[0].isalpha())
    amount = rf"(?P<num>{_NUMBER}(?:\s?{_NUMBER})*?)"
    out = [re.compile(rf"(?<![\d.,]){amount}\s*(?P<currency>{units})")] if units else []
    if signs:
        out.append(re.compile(rf"(?P<currency>{signs})\s*{amount}(?![\d.,])"))
    return tuple(out)


def _counts(paragraphs: list[str]) -> list[Count]:
    out = []
    for p in paragraphs:
        money = [(m.start, m.end) for m in find_money(p)]
        for c in find_counts(p):
            if c.value >= MIN_COUNT and not any(s < c.end and c.start < e for s, e in money):
                out.append(Count(text=c.text, value=c.value, unit=c.unit))
    return out


def _dates(paragraphs: list[str], reference: date | None) -> list[DateMention]:
    return [DateMention(text=d.text, date_start=d.date_start, date_end=d.date_end)
            for p in paragraphs for d in find_dates(p, reference)]


def _context(paragraph: str, start: int, end: int) -> str:
    """The sentence holding paragraph[start:end], cut at word boundaries to about
    CONTEXT_CHARS either side of it."""
    lo, hi = 0, len(paragraph)
    offset = 0
    for sentence in split_sentences(paragraph):
        at = paragraph.find(sentence, offset)
        if at < 0:
            break
        if at <= start < at + len(sentence):
            lo, hi = at, at + len(sentence)
            break
        offset = at + len(sentence)
    if start - lo > CONTEXT_CHARS:
        lo = paragraph.find(" ", start - CONTEXT_CHARS, start) + 1 or start - CONTEXT_CHARS
    if hi - end > CONTEXT_CHARS:
        cut = paragraph.rfind(" ", end, end + CONTEXT_CHARS)
        hi = cut if cut > end else end + CONTEXT_CHARS
    return paragraph[lo:hi].strip()


def _budget_items(paragraphs: list[str]) -> list[BudgetItem]:
    """Named projects with a period and money in parentheses:
    `'강원 의료AX 산업 실증 허브 조성'(’26~’30년, 350억)`."""
    items = []
    for p in paragraphs:
        for m in _PAREN.finditer(p):
            money = find_money(m.group(1))
            name = _item_name(p, m.start()) if money else None
            if name is None:
                continue
            years = parse_year_range(m.group(1))
            items.append(BudgetItem(
                name=name,
                start_year=years.start_year if years else None,
                end_year=years.end_year if years else None,
                amount_krw=max(x.krw for x in money),
            ))
    return items


def _item_name(text: str, paren: int) -> str | None:
    end = paren
    while end > 0 and (text[end - 1] in _CLOSE_QUOTES or text[end - 1] == " "):
        end -= 1
    start = end
    while start > 0 and text[start - 1] not in _OPEN_QUOTES + "()":
        start -= 1
    quoted = start > 0 and text[start - 1] in _OPEN_QUOTES
    if not quoted:
        start = max(text.rfind(d, 0, end) for d in (",", ":", "：", "·", "및")) + 1
    name = text[start:end].strip()
    if not (2 <= len(name) <= MAX_ITEM_NAME_LEN and re.search(r"[가-힣]", name)):
        return None
    if not quoted and not name.endswith(term_set("project_suffix")):
        return None
    return name
