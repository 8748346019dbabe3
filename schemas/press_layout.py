"""Where the parts of a news page or press release are: headline, byline, sub-headline, body.

Works on the blocks of any reader (scraped text, HTML, PDF): a scraped page puts the site's
menus above the headline and other articles, "most read" lists and the footer below the
body, and none of that may reach `press.paragraphs`. The body is the run of prose that starts
after the headline and byline and stops at the first end marker (copyright line, 최신뉴스,
뉴스댓글 ...) or at the start of another article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

from gongmun.extract.lines import squash
from gongmun.extract.model import Block, BlockType
from gongmun.normalize.values import parse_datetime_kst
from gongmun.normalize.vocab import particles

from .press_ocr import is_banner_or_header, is_speck
from .press_text import (
    alternation,
    ends_with_stop,
    furniture_kind,
    is_sentence,
    near_pattern,
    term_set,
)

# Bylines are short; a longer block mentioning 기자 is prose.
MAX_BYLINE_LEN = 120
# The lines of one byline stand within this many blocks of each other.
BYLINE_SPREAD = 2
# A headline is at least this long (menus and section names are shorter).
MIN_HEADLINE_LEN = 8
# The first body paragraph is prose of at least this length.
MIN_LEAD_LEN = 20
_PROSE_TYPES = {BlockType.PARAGRAPH, BlockType.LIST_ITEM, BlockType.HEADING}
# Reasons that say more than "above the article" about a block above the body.
_KEEP_REASON = {"buttons and menus", "photo captions", "outside the main content"}
# The markers of a 보도자료's sub-headlines under its headline.
SUBHEAD_MARKERS = ("-", "–", "—", "ㅡ", "－")
_FRAMED = re.compile(r"\S\s+[-–—]$")
# A box or table title set in angle brackets: `< 분기별 추이(억 달러) >`, `〈 달라지는 모습 〉`.
_BRACKETED_TITLE = re.compile(r"^[<〈《]\s*.+?\s*[>〉》]$")
# A line of bare words sharing at least this share of its two-letter pieces with the lead
# paragraph is a headline's words, not a menu (menus on the dev pages share none or a stray one).
MENU_MAX_OVERLAP = 0.5
# A heading's lead over a paragraph line in the headline score (halved for level 2 ...).
HEADING_BONUS = 0.5
# A date line may carry this many other characters: `(금)`, `송고`.
MAX_DATE_LINE_REST = 6
# `카테고리: 지역소식`: a short label and a colon open page furniture, not a headline.
_LABELLED = re.compile(r"^[가-힣A-Za-z]{1,6}\s*[:：]\s")
_BREADCRUMB = re.compile(r"\S\s*[>›»]\s*\S")
_MENU_SEPARATOR = re.compile(r"\s+[|ㅣ/·]\s+")
MAX_MENU_ENTRY = 10
# Menu entries are bare nouns: no particles, no numbers (a sub-headline has both).
MIN_MENU_WORDS, MAX_MENU_WORD = 4, 4
_PARTICLES = particles("final_syllable")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DATE_TEXT = (
    r"\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*[.일]?"
    r"(?:\s*\([월화수목금토일]\))?"
    r"(?:\s*(?:오전|오후|AM|PM|am|pm))?"
    r"(?:\s*\(?\s*\d{1,2}\s*[:시]\s*\d{1,2}(?:\s*[:분]\s*\d{1,2})?\s*(?:초|분)?\)?)?"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    titles = alternation("reporter_title")
    # `보도시점 (온라인) 2025. 12. 2.`: a short qualifier in parentheses may precede the date.
    labelled = (r"(?P<label>LABELS)\s*(?:일시|시간|일자)?\s*[:：|]?\s*(?:\([^()\d]{1,8}\)\s*)?"
                r"(?P<date>" + DATE_TEXT + ")")
    return {
        "reporter": re.compile(rf"(?<![가-힣])(?P<name>[가-힣]{{2,4}})\s*(?:{titles})(?![가-힣])"),
        "published": re.compile(labelled.replace("LABELS", alternation("date_label"))),
        "updated": re.compile(labelled.replace("LABELS", alternation("updated_label"))),
        "release": re.compile(labelled.replace("LABELS", alternation("release_label"))),
        "bare_date": re.compile(DATE_TEXT),
        "kicker": re.compile(
            r"[\[【<]?\s*[가-힣]{2,12}\s*[\]】>]|"
            rf"(?P<name>[가-힣]{{2,4}})\s+[가-힣]{{0,12}}?(?:{alternation('role')})"
            r"(?:\s*(?:인터뷰|대담|기고|특별기고))?"),
        "lead": re.compile(r"^\s*[\[【]\s*(?P<tag>[^\[\]【】]{1,30}?)\s*[\]】]\s*"),
        "dateline": re.compile(
            r"^\s*\((?P<place>[^()=]{1,12})=(?P<outlet>[^()]{1,20})\)\s*"
            rf"(?:(?P<reporter>[가-힣]{{2,4}})\s*(?:{titles})\s*=?\s*)?"),
        "header": re.compile(rf"^\s*(?:{alternation('header_label')})(?![가-힣])"
                             r"|보도\s*(?:참고\s*)?자료\s*$"),
    }


@dataclass(frozen=True)
class Byline:
    index: int
    reporter: str | None
    published: str | None
    """The publication time as written (`2025-12-08 15:20:46`), or None."""
    updated: str | None
    indices: tuple[int, ...] = ()
    """Every block the byline takes."""


@dataclass(frozen=True)
class Lead:
    """What the first body paragraph opens with: `[뉴스스텝]` or `(서울=연합뉴스) 홍길동 기자 =`."""

    outlet: str | None
    reporter: str | None
    length: int
    """How many characters of the paragraph the lead takes."""


@dataclass
class Layout:
    headline: int | None = None
    headline_lines: list[int] = field(default_factory=list)
    """The headline's block and the lines that continue it (a headline over two lines)."""
    subheadlines: list[int] = field(default_factory=list)
    byline: Byline | None = None
    body: list[int] = field(default_factory=list)
    lead: Lead | None = None
    copyright: list[int] = field(default_factory=list)
    signoffs: list[int] = field(default_factory=list)
    """Short lines in or after the body naming the reporter (`최선경 기자 choi@...`)."""
    dropped: dict[int, str] = field(default_factory=dict)
    """Block index -> why it is not body text (`menu`, `photo`, `other articles` ...)."""


def analyse(blocks: list[Block], meta_title: str | None = None,
            site_names: frozenset[str] = frozenset(),
            headline_lines: list[int] | None = None) -> Layout:
    """`site_names`: the publisher's names the page gives elsewhere (its copyright line, its
    metadata); a line that is one of them is the masthead, never the headline.
    `headline_lines`: the headline's blocks when other evidence found them (the size of an
    OCR'd page's lines, `press_ocr.tall_headline`); the header above them (its banner and
    labels as OCR reads them) makes the page a 보도자료."""
    layout = Layout(byline=find_byline(blocks))
    top = layout.byline.index if layout.byline else None
    release = False
    if headline_lines:
        layout.headline, layout.headline_lines = headline_lines[0], list(headline_lines)
        release = any(is_header(b.text) or is_banner_or_header(b.text)
                      for b in blocks[:headline_lines[0]])
    else:
        masthead = {squash(n) for n in site_names}
        candidates = [b if squash(b.text) not in masthead else b.with_text("") for b in blocks]
        layout.headline = find_headline(candidates, meta_title, top)
    if layout.headline is not None and not headline_lines:
        body = _body_start(blocks, layout.headline + 1)
        layout.headline_lines = _headline_lines(
            blocks, layout.headline, blocks[body].text if body is not None else "")
    title_end = layout.headline_lines[-1] if layout.headline_lines else None
    if layout.byline is None and title_end is not None:
        layout.byline = _date_line_after(blocks, title_end)
    byline_end = max(layout.byline.indices) if layout.byline else None
    after = max(i for i in (title_end, byline_end, -1) if i is not None)
    if title_end is not None and (release or is_release(blocks, title_end)):
        return _release_layout(layout, blocks, title_end)
    start = _body_start(blocks, after + 1)
    if start is None:
        return layout
    layout.lead = parse_lead(blocks[start].text)
    layout.subheadlines = [i for i in range(after + 1, start) if _is_subheadline(blocks[i])]
    if title_end is not None:
        layout.subheadlines += [i for i in range(title_end + 1, top or 0)
                                if _is_subheadline(blocks[i])]
        layout.subheadlines.sort()
    _fill_body(layout, blocks, start)
    return layout


def is_framed_subheadline(text: str) -> bool:
    """A sub-headline set between dashes (`- 명칭공모전에 1만건 이상 응모 -`), whose opening
    dash a reader may have taken for a bullet."""
    return bool(_FRAMED.search(text.strip()))


def is_box_title(text: str) -> bool:
    """A box or table title set in angle brackets (`〈 달라지는 모습 〉`)."""
    return bool(_BRACKETED_TITLE.match(text.strip()))


def is_release(blocks: list[Block], headline: int) -> bool:
    """An official 보도자료: a header label (보도자료, 보도일시 ...) above the headline."""
    return any(is_header(b.text) for b in blocks[:headline])


def _release_layout(layout: Layout, blocks: list[Block], title_end: int) -> Layout:
    """A 보도자료: its sub-headlines are the dash-marked lines right under the headline
    (`- ...`); the body starts with the first block after them (its paragraphs need not end a
    sentence on the line: a PDF breaks them anywhere)."""
    i = title_end + 1
    while i < len(blocks):
        block = blocks[i]
        if _lost_its_dash(blocks, i):
            block = replace(block, marker=blocks[i + 1].marker)
        if (block.marker in SUBHEAD_MARKERS or is_framed_subheadline(block.text)) \
                and _is_title_like(block):
            layout.subheadlines.append(i)
        elif not (block.type is BlockType.OTHER or is_header(block.text) or is_speck(block)):
            break  # a header line (보도일시 …) may stand between the headline and them
        i += 1
    start = next((j for j in range(i, len(blocks)) if _is_body_candidate(blocks[j])), None)
    if start is not None:
        _fill_body(layout, blocks, start)
    return layout


def _lost_its_dash(blocks: list[Block], i: int) -> bool:
    """An OCR'd line right above a dash-marked sub-headline, under the headline, is one of
    the sub-headlines whose dash OCR did not read."""
    return (blocks[i].ocr and blocks[i].marker is None and i + 1 < len(blocks)
            and blocks[i + 1].marker in SUBHEAD_MARKERS)


def _is_body_candidate(block: Block) -> bool:
    return (block.type in _PROSE_TYPES and furniture_kind(block.text) is None
            and not is_header(block.text) and _why_not_body(block, False) is None)


def _headline_lines(blocks: list[Block], first: int, lead: str = "") -> list[int]:
    """The headline's block and the blocks that continue it: an official 보도자료 (a header
    label above the headline) sets a long headline over two or more lines of the same kind,
    its sub-headlines under it are marked (`- ...`); a news page's unmarked line under the
    headline is its sub-headline."""
    lines = [first]
    if not any(is_header(b.text) for b in blocks[:first]):
        return lines
    head = blocks[first]
    for block in blocks[first + 1:]:
        if not (block.type is head.type and block.marker is None and head.marker is None
                and block.level == head.level and _is_title_like(block, lead)
                and not is_framed_subheadline(block.text)):
            break
        lines.append(lines[-1] + 1)
    return lines


def _date_line_after(blocks: list[Block], title_end: int) -> Byline | None:
    """A page without a byline may print its date alone under the headline."""
    for i in range(title_end + 1, min(title_end + 1 + BYLINE_SPREAD + 1, len(blocks))):
        if _is_lead_paragraph(blocks[i]):
            break
        if is_date_line(blocks[i].text):
            date = _patterns()["bare_date"].search(blocks[i].text)
            return Byline(i, None, date.group() if date else None, None, (i,))
    return None


def find_byline(blocks: list[Block]) -> Byline | None:
    """The reporter and times above the body; a byline may take two or three short lines
    (`박민수 기자` / `입력 2025.03.14 10:32 | 수정 ...`)."""
    p = _patterns()
    lines: list[int] = []
    values: dict[str, str] = {}
    for i, block in enumerate(blocks):
        if (lines and i > lines[-1] + BYLINE_SPREAD) or _is_lead_paragraph(block):
            break
        text = block.text
        if block.type is BlockType.TABLE or len(text) > MAX_BYLINE_LEN:
            continue
        found = {
            "reporter": p["reporter"].search(text) if not is_sentence(text) else None,
            "published": p["published"].search(text),
            "updated": p["updated"].search(text),
        }
        if any(found.values()):
            lines.append(i)
            for key, m in found.items():
                if m is not None and key not in values:
                    values[key] = m.group("name" if key == "reporter" else "date")
    if not lines:
        return None
    if "published" not in values:
        # `박민수 기자 2025.03.14 오후 2:05`, or the bare date on a line of its own next to the
        # reporter's name: the date belongs to the byline.
        for i in range(max(0, lines[0] - BYLINE_SPREAD),
                       min(len(blocks), lines[-1] + BYLINE_SPREAD + 1)):
            if (i in lines and (m := p["bare_date"].search(blocks[i].text))) or (
                    i not in lines and is_date_line(blocks[i].text)):
                date = p["bare_date"].search(blocks[i].text)
                values["published"] = date.group() if date else ""
                lines = sorted([*lines, i])
                break
    return Byline(lines[0], values.get("reporter"), values.get("published"),
                  values.get("updated"), tuple(lines))


def _is_lead_paragraph(block: Block) -> bool:
    text = block.text.strip()
    return block.type in _PROSE_TYPES and furniture_kind(text) is None and (
        parse_lead(text) is not None or (len(text) >= MIN_LEAD_LEN and ends_with_stop(text)))


def find_headline(blocks: list[Block], meta_title: str | None, byline: int | None) -> int | None:
    """The headline by evidence: the page's own title where a block carries it; else the
    title-like block (never furniture, a menu, a date line or a kicker) that best shares the
    wording of the body's first paragraph, headings preferred, moved up to the first line of
    the run of title lines it stands in (a headline set over two lines, or above its
    sub-headline)."""
    if meta_title:
        found = _block_matching(blocks, meta_title)
        if found is not None:
            return found
    body = _body_start(blocks, 0)
    stop = byline if byline is not None and byline > 0 else body
    lead = blocks[body].text if body is not None else ""
    window = [i for i in range(stop if stop is not None else len(blocks))
              if _is_title_like(blocks[i], lead)]
    if not window:
        # A byline on top (or no body found): the title lines right after it.
        after = (byline or 0) + 1
        window = [i for i in range(after, body if body is not None else len(blocks))
                  if _is_title_like(blocks[i], lead)]
    if not window:
        return None
    best = max(window, key=lambda i: (_title_score(blocks[i], lead), -abs((stop or i) - i)))
    while best - 1 in window:
        best -= 1
    return best


def _title_score(block: Block, lead: str) -> float:
    """How much `block` looks like the headline of the article whose first paragraph is
    `lead`: the share of its two-letter pieces found in the lead, plus a bonus for a heading."""
    grams = _bigrams(block.text)
    overlap = len(grams & _bigrams(lead)) / len(grams) if grams else 0.0
    bonus = HEADING_BONUS / (block.level or 2) if block.type is BlockType.HEADING else 0.0
    return overlap + bonus


def _shares_wording(text: str, lead: str) -> bool:
    grams = _bigrams(text)
    return bool(grams) and len(grams & _bigrams(lead)) / len(grams) >= MENU_MAX_OVERLAP


def _bigrams(text: str) -> set[str]:
    words = re.findall(r"[가-힣A-Za-z0-9]+", text)
    return {w[i:i + 2] for w in words for i in range(len(w) - 1)}


def is_kicker(text: str) -> bool:
    """A line naming a person and title set above a headline (`김민수 원주시장`), or a bare
    section tag (`[인터뷰]`)."""
    return bool(_patterns()["kicker"].fullmatch(text.strip()))


def is_date_line(text: str) -> bool:
    """A line that is a date and little else (`2025년 3월 14일 (금)`, `2025. 3. 14. 14:05`)."""
    m = _patterns()["bare_date"].search(text)
    return m is not None and len(squash(text)) - len(squash(m.group())) <= MAX_DATE_LINE_REST


def _block_matching(blocks: list[Block], title: str) -> int | None:
    squashed = squash(title)
    for i, block in enumerate(blocks):
        text = squash(block.text)
        if block.type is not BlockType.TABLE and text and len(text) >= MIN_HEADLINE_LEN \
                and (text == squashed or (squashed in text and len(text) < 2 * len(squashed))):
            return i
    return None


def _is_title_like(block: Block, lead: str = "") -> bool:
    """Could `block` be a headline or sub-headline line? `lead`, the body's first paragraph,
    tells a headline of short bare words (`세종 스마트팜 혁신밸리 첫`) from a menu: a menu shares
    no wording with the article."""
    text = block.text.strip()
    return (block.type not in (BlockType.TABLE, BlockType.CAPTION, BlockType.OTHER)
            and len(text) >= MIN_HEADLINE_LEN and " " in text
            and furniture_kind(text) is None and not is_header(text)
            and not is_kicker(text) and not is_date_line(text) and not is_box_title(text)
            and not _LABELLED.match(text) and not ends_with_stop(text)
            and not _BREADCRUMB.search(text)
            and (block.marker is not None or not _is_menu(text) or _shares_wording(text, lead))
            and not _patterns()["published"].search(text))


def _is_menu(text: str) -> bool:
    """A line of short menu entries (`홈 정치 경제 사회 문화`, `로그인 | 회원가입`)."""
    words = text.split()
    entries = [e for e in _MENU_SEPARATOR.split(text) if e.strip()]
    bare_words = len(words) >= MIN_MENU_WORDS and not re.search(r"[\d,.…]", text) \
        and all(len(w) <= MAX_MENU_WORD and not w.endswith(_PARTICLES) for w in words)
    return not is_sentence(text) and (bare_words or (
        len(entries) >= 2 and all(len(e.strip()) <= MAX_MENU_ENTRY for e in entries)))


def is_header(text: str) -> bool:
    """A label line of an official 보도자료's header (보도일시 ..., 담당부서 ...)."""
    return bool(_patterns()["header"].search(text))


def _is_subheadline(block: Block) -> bool:
    text = block.text.strip()
    return (block.type in _PROSE_TYPES and _is_title_like(block)
            and not _patterns()["reporter"].search(text)
            and not _patterns()["bare_date"].search(text))


def _body_start(blocks: list[Block], first: int) -> int | None:
    for i in range(first, len(blocks)):
        if _is_lead_paragraph(blocks[i]) and not is_header(blocks[i].text):
            return i
    return None


def _fill_body(layout: Layout, blocks: list[Block], start: int) -> None:
    ended = False
    for i in range(start, len(blocks)):
        block = blocks[i]
        reason = None if not ended else "after the article"
        if furniture_kind(block.text) == "copyright":
            layout.copyright.append(i)  # a footer's copyright line names the outlet too
        if not ended:
            reason = _why_not_body(block, i > start and layout.lead is not None)
            # A 보도자료's contact table (담당부서 | …) closes its body: appendices follow.
            if reason in ("copyright", "end markers") or (
                    block.type is BlockType.TABLE and is_header(block.text)):
                ended = True
        if reason == "reporter sign-off":
            layout.signoffs.append(i)
        if reason is None:
            layout.body.append(i)
        elif block.type is not BlockType.TABLE:
            layout.dropped[i] = reason
    byline = layout.byline.indices if layout.byline else ()
    used = {layout.headline, *layout.headline_lines, *layout.subheadlines, *byline}
    for i in range(start):
        if i not in used and blocks[i].type is not BlockType.TABLE \
                and not is_header(blocks[i].text):
            reason = _why_not_body(blocks[i], False)
            layout.dropped[i] = reason if reason in _KEEP_REASON else "above the article"


def _why_not_body(block: Block, lead_seen: bool) -> str | None:
    text = block.text.strip()
    kind = furniture_kind(text)
    if kind in ("end", "signoff"):
        return "end markers"
    if kind == "copyright":
        return "copyright"
    if kind == "drop":
        return "buttons and menus"
    if kind == "photo" or block.type is BlockType.CAPTION:
        return "photo captions"
    if block.marker == "《》" or is_box_title(text):
        return "table and box titles"
    if block.type is BlockType.OTHER:
        return "outside the main content"
    if block.type is BlockType.TABLE or is_header(text):
        return "tables"
    if _is_signoff(text):
        return "reporter sign-off"
    if lead_seen and parse_lead(text) is not None:
        return "end markers"  # a second dateline opens another article
    return None


def _is_signoff(text: str) -> bool:
    if len(text) > MAX_BYLINE_LEN or is_sentence(text):
        return False
    return bool(_EMAIL.search(text) or _patterns()["reporter"].fullmatch(text.strip("/ ")))


def parse_lead(text: str) -> Lead | None:
    p = _patterns()
    if m := p["dateline"].match(text):
        return Lead(m.group("outlet").strip(), m.group("reporter"), m.end())
    if m := p["lead"].match(text):
        tag = m.group("tag")
        outlet, _, rest = tag.partition("=")
        reporter = p["reporter"].search(rest) if rest else None
        if rest and not reporter:
            outlet = rest  # [서울=뉴스1]
        outlet = outlet.strip()
        if outlet in term_set("not_outlet"):
            outlet = ""
        return Lead(outlet or None, reporter.group("name") if reporter else None, m.end())
    return None


def reporter_in(text: str) -> str | None:
    m = _patterns()["reporter"].search(text)
    return m.group("name") if m else None


def release_time(text: str) -> str | None:
    """The release time written after 보도일시 in `text`, or None."""
    m = _patterns()["release"].search(text)
    return m.group("date") if m else None


@cache
def _ocr_release() -> re.Pattern[str]:
    labels = "|".join(near_pattern(t) for t in term_set("release_label"))
    return re.compile(r"(?:" + labels + r")\s*[:：|]?\s*(?:\([^()\d]{1,8}\)\s*)?(?P<date>"
                      + DATE_TEXT + ")")


def ocr_release_time(text: str) -> str | None:
    """`release_time` for text read by OCR, whose label may be one syllable off (보도시접)
    and whose weekday may be misread (`13.(?) 15:00`: a non-weekday letter in its place is
    dropped)."""
    text = _MISREAD_WEEKDAY.sub(r"\1", text)
    m = _ocr_release().search(text)
    return m.group("date").strip() if m else None


_MISREAD_WEEKDAY = re.compile(r"(\d\.?)\s*\([^\d()월화수목금토일]\)")


def canonical_datetime(text: str) -> str | None:
    """A byline's or 보도일시's time as local time, read by the one date-time parser:
    `2025. 9. 22.(월) 10:00` -> `2025-09-22 10:00:00` (the weekday and dots are layout)."""
    parsed = parse_datetime_kst(text)
    return parsed[:19].replace("T", " ") if parsed else None


def furniture_summary(layout: Layout, origins: list[list[int]]) -> tuple[str, str] | None:
    """`(message, block ranges)` summing up what was kept out of the body, or None.

    `origins[i]` are the indices in `record.blocks` that analysed block `i` came from.
    """
    if not layout.dropped:
        return None
    counts = Counter(layout.dropped.values())
    parts = ", ".join(f"{reason} {n}" for reason, n in sorted(counts.items()))
    message = f"{len(layout.dropped)} blocks kept out of press.paragraphs ({parts})"
    return message, _ranges(sorted(j for i in layout.dropped for j in origins[i]))


def _ranges(indices: list[int]) -> str:
    out: list[str] = []
    for i in indices:
        if out and out[-1].split("-")[-1] == str(i - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{i}"
        else:
            out.append(str(i))
    return ",".join(out)
