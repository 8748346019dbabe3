"""Evidence a 보도자료 read by OCR still carries, and matching that tolerates OCR's misreadings.

A scanned release (or a PDF whose Hangul is drawn as outlines) reaches the press builder as
Tesseract's lines: syllables misread, labels one jamo off (책입자 for 책임자), spaces moved.
What survives is geometry and a closed vocabulary:

- the headline is set larger than the body: a line's box height is its font size, so the
  first tall line of page 1 below the header (never the 보도자료 banner, a header label, a
  date line or furniture) opens the headline, and the tall lines right under it continue it;
- the issuing office is one of a few dozen public bodies (`press_issuers.tsv`): a stretch of
  the logo, the 대변인 line or the contact table's 부서 cell within a few jamo of one of them
  names it (`그응위워회` -> 금융위원회);
- contact-table labels, phone numbers and names have shapes OCR keeps (a surname, digits).

The constants below were set on the dev half of tests/data/press_ocr_corpus (real releases
rendered as page images and made-up releases drawn in several layouts and fonts), never on
held-out, and never on the household-loans release the corpus was made for.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from statistics import median

from gongmun.extract.lines import squash
from gongmun.extract.model import Block, BlockType
from gongmun.normalize.resources import read_lines
from gongmun.normalize.vocab import surnames

from .press_text import furniture_kind, is_sentence, near_pattern, term_set

TALL_LINE_RATIO = 1.2
"""A headline's first line is at least this many times the body's median line height. Dev
(heights of OCR'd boxes): headline lines 1.24-1.95 (16-20 pt over an 11.5-12.5 pt body, the
real release 1.85); above the body, sub-headlines 1.14-1.15 (and marked `-`), logo and
banner lines 1.19-1.52 (told apart by `has_banner`); body lines are below the first sentence
end, where no headline is looked for."""
CONTINUATION_SHARE = 0.8
"""A line right under the headline's first line continues it when its box is at least this
share of that line's height (a last line of one short word, `목표`, is a little lower:
0.93 on dev; a speck or a sub-headline under it is 0.6-0.8)."""
MIN_BODY_LINES = 3
"""The body's line height is a median over at least this many page-1 lines."""
LOW_QUANTILE = 0.2
ONE_LINE_SPREAD = 1.6
"""Dev: one-line body blocks are 9-13 pt high, two-line blocks 30-33; the 0.2 quantile of
prose block heights is a one-line height on every dev page, and no one-line block is 1.6
times another (a headline line above it is 1.2-2.0 times, so the few in the top band may
count as body lines without moving the median)."""
MIN_HEADLINE_CHARS = 8
"""The first line of a headline has at least this many letters (logo names and stray marks
are shorter; a continuation line may be shorter)."""
MAX_LINE_GAP = 1.0
"""A headline's next line stands at most this many of its own heights below it."""
MIN_HANGUL_SHARE = 0.4
"""A headline line is mostly Hangul letters (OCR noise from a picture is mostly marks)."""
MAX_JAMO_DISTANCE = 0.25
"""A stretch of OCR'd text names a public body when its jamo differ from the name's in at most
this share of the name's jamo (edits / jamo). Dev: the issuing office as read in header lines
and contact cells lies at 0-0.23 (방위사업청 as `방우 ㅇ ㅅ업청`: 0.23; one reading at 0.33 is
not taken). Names of the lexicon lie as near each other (부산/울산광역시: 0.15), so the
nearest name wins, a tie gives none, and an exact name always wins."""
MIN_NEAR_NAME = 3
"""Names shorter than this (환경부 is 3) match only exactly: one jamo off a 2-letter name is
an ordinary word."""
LABEL_JAMO_EDITS = 1
"""A contact-table label read by OCR may be this many jamo off (책입자, 달당자, 연락저)."""
_PHONE_SPACED = re.compile(
    r"(?<!\d)\(?(?P<area>0(?:\s?\d){1,2})(?:\s?[-.)~]\s?|\s)(?P<mid>\d(?:\s?\d){2,3})"
    r"(?:\s?[-.~]\s?|\s)(?P<last>\d(?:\s?\d){3})(?!\d)")
SUBHEAD_MARKERS = ("-", "–", "—", "ㅡ", "－")
SPECK_CHARS = 2
"""An OCR'd line of at most this many characters among a release's title lines is a speck
of the scan, not a line of text (`고`, `'`)."""
_BANNER = ("보도자료", "보도참고자료", "설명자료", "해명자료")


# --- matching -------------------------------------------------------------------------------


def jamo(text: str) -> str:
    """`normalize.typos.hangul.jamo`, imported on first use: only OCR'd text needs it, and
    the typo package it lives in is not loaded for born-digital documents."""
    from gongmun.normalize.typos.hangul import jamo as decompose

    return decompose(text)


def jamo_distance(a: str, b: str) -> int:
    """Edit distance between the jamo of two texts (a misread 받침 costs one edit, not a
    whole syllable)."""
    x, y = jamo(a), jamo(b)
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        current = [i]
        for j, cy in enumerate(y, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (cx != cy)))
        previous = current
    return previous[-1]


def substring_distance(pattern: str, text: str) -> int:
    """The fewest edits that turn `pattern` into some stretch of `text` (approximate
    substring matching: the stretch may start and end anywhere, at no cost)."""
    previous = [0] * (len(text) + 1)
    for i, p in enumerate(pattern, 1):
        current = [i]
        for j, t in enumerate(text, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (p != t)))
        previous = current
    return min(previous)


def near_term(text: str, term: str, max_edits: int) -> bool:
    """Whether `text` (spaces ignored) is `term` within `max_edits` jamo edits."""
    return jamo_distance(squash(text), squash(term)) <= max_edits


@cache
def _bodies() -> tuple[str, ...]:
    return tuple(line.strip() for line in read_lines("press_issuers.tsv"))


def near_public_body(text: str) -> str | None:
    """The public body (`press_issuers.tsv`) a stretch of OCR'd `text` names: exactly, or,
    for names of MIN_NEAR_NAME letters or more, within MAX_JAMO_DISTANCE of its jamo over
    the stretch of the text's jamo nearest to them. The nearest name wins; None when none is
    near or two are equally near."""
    letters = re.sub(r"[^가-힣]", "", text)
    if not letters:
        return None
    exact = [n for n in _bodies() if n in letters]
    if exact:
        return max(exact, key=len)
    text_jamo = jamo(letters)
    scored: list[tuple[float, str]] = []
    for name in _bodies():
        if len(name) < MIN_NEAR_NAME:
            continue
        name_jamo = jamo(name)
        distance = substring_distance(name_jamo, text_jamo)
        if distance / len(name_jamo) <= MAX_JAMO_DISTANCE:
            scored.append((distance / len(name_jamo), name))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def is_banner_or_header(text: str) -> bool:
    """A 보도자료 banner or header label as OCR reads it (`보 도 자 료`, `보도ㅅ :료`,
    `보도시접 …`): one of `header_label`/`release_label`, or a banner word, opening the line
    with one syllable wrong, or a banner word with a letter lost."""
    letters = re.sub(r"[^가-힣]", "", text)
    if not letters:
        return False
    if _header_start().match(letters):
        return True
    return has_banner(letters)


BANNER_JAMO_EDITS = 2
"""A banner word read with a syllable lost or two jamo wrong (`보도ㅅ :료` -> 보도료)."""


def has_banner(text: str) -> bool:
    """Whether `text` holds a banner word (보도자료 ...) as OCR may read it, anywhere (the logo
    and the banner often come out as one line: `(_) 재정경제부 보도ㅅ: 료`)."""
    letters = jamo(re.sub(r"[^가-힣]", "", text))
    return len(letters) >= BANNER_JAMO_EDITS and any(
        substring_distance(jamo(w), letters) <= BANNER_JAMO_EDITS for w in _BANNER)


@cache
def _header_start() -> re.Pattern[str]:
    labels = {*term_set("header_label"), *term_set("release_label"), *_BANNER}
    return re.compile("|".join(near_pattern(t) for t in sorted(labels, key=len, reverse=True)))


# --- headline by size -------------------------------------------------------------------------


def _height(block: Block) -> float:
    assert block.bbox is not None
    return block.bbox[3] - block.bbox[1]


def body_line_height(blocks: list[Block]) -> float | None:
    """The median box height of page 1's one-line prose blocks (what a body line measures).
    A reader may keep a wrapped paragraph as one block two or three lines high: a block is
    taken for one line when it is under ONE_LINE_SPREAD times the LOW_QUANTILE of the
    heights."""
    heights = sorted(_height(b) for b in blocks
                     if b.ocr and b.page in (None, 1) and b.bbox is not None
                     and b.type in (BlockType.PARAGRAPH, BlockType.LIST_ITEM)
                     and len(squash(b.text)) >= MIN_HEADLINE_CHARS)
    if not heights:
        return None
    low = heights[int(LOW_QUANTILE * (len(heights) - 1))]
    lines = [h for h in heights if h < ONE_LINE_SPREAD * low]
    return median(lines) if len(lines) >= MIN_BODY_LINES else None


def _hangul_share(text: str) -> float:
    letters = squash(text)
    return sum(1 for c in letters if "가" <= c <= "힣") / len(letters) if letters else 0.0


def _tall(block: Block, body: float) -> bool:
    return (block.bbox is not None and block.page in (None, 1)
            and block.type is not BlockType.TABLE and _height(block) >= TALL_LINE_RATIO * body)


def _could_open_headline(block: Block) -> bool:
    text = block.text.strip()
    return (len(squash(text)) >= MIN_HEADLINE_CHARS and _hangul_share(text) >= MIN_HANGUL_SHARE
            and block.marker not in SUBHEAD_MARKERS
            and not is_banner_or_header(text) and not has_banner(text)
            and furniture_kind(text) is None
            and near_public_body_only(text) is None)


def near_public_body_only(text: str) -> str | None:
    """The public body a line is nothing but (a logo line), or None."""
    letters = re.sub(r"[^가-힣]", "", text)
    body = near_public_body(letters)
    return body if body is not None and len(letters) <= len(body) + 2 else None


def tall_headline(blocks: list[Block], body: float | None) -> list[int]:
    """The headline of an OCR'd page by its size: the first tall line of page 1 that could
    open a headline, and the tall lines right under it; `body` is a body line's height
    (`body_line_height` of the reader's own lines, before wrapped lines are joined). Only
    lines above the first sentence of prose count (a paragraph of two lines is tall too).
    [] when the page has no OCR'd body to measure or no line stands out."""
    if body is None:
        return []
    for i, block in enumerate(blocks):
        if is_sentence(block.text):
            break
        if not (block.ocr and _tall(block, body) and _could_open_headline(block)):
            continue
        lines = [i]
        for j in range(i + 1, len(blocks)):
            nxt, last = blocks[j], blocks[lines[-1]]
            assert last.bbox is not None
            if not (nxt.ocr and nxt.bbox is not None and nxt.type is not BlockType.TABLE
                    and _height(nxt) >= CONTINUATION_SHARE * _height(block)
                    and nxt.marker not in SUBHEAD_MARKERS and not is_sentence(nxt.text)
                    and nxt.bbox[1] - last.bbox[3] <= MAX_LINE_GAP * _height(last)
                    and not is_banner_or_header(nxt.text)):
                break
            lines.append(j)
        return lines
    return []


# --- contacts ---------------------------------------------------------------------------------


def ocr_phone(cell: str) -> str | None:
    """A phone number in an OCR'd cell, spaces OCR put inside it dropped and its separators
    made dashes: `(0 2-2100-2830)` -> 02-2100-2830, `044-205.3947` -> 044-205-3947."""
    m = _PHONE_SPACED.search(cell)
    if m is None:
        return None
    return "-".join(re.sub(r"\s", "", m.group(g)) for g in ("area", "mid", "last"))


NAME_SYLLABLES = 3
"""An OCR'd name is kept only at this length: most Korean names are a one-syllable surname
and a two-syllable given name (every name in the corpus's contact tables, real and made-up),
while OCR's garbles of a name are mostly shorter or longer (`기영` for 김대영, `사무과이`)."""


def looks_like_name(name: str | None) -> bool:
    """A Korean personal name as OCR may give it: NAME_SYLLABLES syllables opening with a
    common surname, not a label or a title one jamo off (a garble is left out, never kept as
    a wrong name; a name misread into another name cannot be told)."""
    if not name or not re.fullmatch(rf"[가-힣]{{{NAME_SYLLABLES}}}", name):
        return False
    if name[0] not in common_surnames():
        return False
    titles = {*term_set("role"), *term_set("position"), *term_set("header_label")}
    return not any(near_term(name, t, LABEL_JAMO_EDITS) for t in titles if len(t) >= 2)


def first_title_line(blocks: list[Block]) -> list[int]:
    """The headline of an OCR'd 보도자료 whose lines give no size (set in a box the reader
    kept as a table, or no line taller than the body): the first line under the header (its
    banner and labels) that could open a headline, before any sentence of prose. [] when no
    header line stands above it (not a 보도자료)."""
    header_seen = False
    for i, block in enumerate(blocks):
        if block.page not in (None, 1) or is_sentence(block.text):
            break
        if block.type is BlockType.TABLE or is_banner_or_header(block.text):
            header_seen = header_seen or is_banner_or_header(block.text)
            continue
        if header_seen and block.ocr and _could_open_headline(block):
            return [i]
    return []


@cache
def common_surnames() -> frozenset[str]:
    """Surnames without the rare ones (사, 부, 상 ... are common syllables of garbles)."""
    return surnames(rare=False)


def is_speck(block: Block) -> bool:
    """An OCR'd line too short to be text (see SPECK_CHARS)."""
    return block.ocr and len(squash(block.text)) <= SPECK_CHARS


_MARKED_LINE = re.compile(r"^([-–—ㅡ－])(?:\s|(?=[가-힣‘'\"“]))")
"""A line opening with a sub-headline dash, then a space, or a word OCR glued to it (not a
digit: `-3.2%` is a number)."""


def split_marked_lines(block: Block) -> list[Block]:
    """An OCR'd block of sub-headline lines (`ㅡ 추진 계획 발표 ㅡ 협력 강화`: a reader may
    neither set the marker nor keep the lines apart) as one block per line, each with its
    marker; any other block as it is."""
    text = block.text.strip()
    if not (block.ocr and block.marker is None and _MARKED_LINE.match(text)):
        return [block]
    marker = text[0]
    parts = [p.strip() for p in re.split(rf"(?:^|\s){re.escape(marker)}(?![\d.])", text)
             if p.strip()]
    return [replace(block, text=p, marker=marker, type=BlockType.LIST_ITEM, level=2)
            for p in parts]
