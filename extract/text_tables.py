"""Tables drawn without rules or shading, found from the alignment of their text.

A template may set a table with no rule and no fill at all (or with rules pdfplumber cannot
close into cells); its text then reaches the reader as loose lines. Such a table is found
the way a reader finds it:

1. its header: a line holding two or more of the form's known column and row labels
   (`normalize/data/labels.tsv`, `card_fields.tsv`; years such as `2024년`), with the lines
   touching it above (a header row spanning two lines);
2. its extent: the lines below it in the same text size, until a wider gap, a line in
   another size (body text, a section heading) or the page's end;
3. its columns: the gaps that no run of words crosses on any line with two or more runs
   (a run: words closer than COLUMN_GAP_EMS of their size, the words of one cell);
4. its rows: each column's runs stacked into blocks (the wrapped lines of one cell), and
   blocks of different columns that touch vertically in one row, except a block that
   touches two blocks that do not touch each other: a cell spanning rows (`구 분` beside a
   two-row header, a project beside its yearly targets), vertically centred between them;
5. a run crossing a column gap spans those columns; centred over empty columns of its row
   (a header over the years), it spans them evenly on both sides.

The result is a `RawTable` (cells as boxes), built into rows and spans like a ruled one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pdf import RawTable, Word

HEADER_MIN_LABELS = 2
"""Known labels a line must hold to start a table: one label is a heading or a field line."""
COLUMN_GAP_EMS = 0.45
"""Words further apart than this share of their size stand in different cells: the space
between words of one cell is 0.2-0.35 em in the sample faces (Nanum Gothic and Myeongjo at
8-10 pt), two cell paddings of 0.9 mm or more are >= 0.57 em at 9 pt."""
SIZE_TOLERANCE_PT = 0.25
"""Lines of one table are set in one size (text sizes in the samples differ by >= 0.5 pt)."""
ROW_GAP_RATIO = 0.8
"""Lines closer than this share of their height continue one cell: wrapped lines of a cell
sit ~0.55 of a line apart, rows add their cells' top and bottom padding (>= 1.1 with
paddings of 0.9 mm and more in the sample layouts)."""
END_GAP_RATIO = 2.0
"""A blank gap of this many line heights ends the table (sections start ~2.2 lines below
the last row in the sample cards; rows stand <= 1.6 apart)."""
EDGE_PAD_PT = 2.0
"""Cell boxes reach this far past their outermost words, so that every word's centre is
inside its cell (`pdf.GRID_TOLERANCE`, as the reader closes an unruled last row)."""
_YEAR = re.compile(r"(19|20)\d\d년?")
_MARKERS = frozenset("□■○●◦◎◇◆▶▷※-·ㆍ•")
_PUNCT = ",.:;()[]<>「」『』\"'"


@cache
def known_labels() -> frozenset[str]:
    """The form's labels: canonical labels and the keywords of the card's tables."""
    from gongmun.normalize.resources import read_table

    labels = {row[0] for row in read_table("labels.tsv")}
    labels |= {row[1] for row in read_table("card_fields.tsv")
               if row[0] in ("funding", "funding_column", "communication", "goals_column",
                             "header")}
    return frozenset(label.replace(" ", "") for label in labels)


def label_count(line: list[Word]) -> int:
    """Distinct known labels among a line's words (a label spaced out by syllable joined)."""
    words = [w.text.strip(_PUNCT) for w in line]
    found = {w for w in words if w in known_labels() or _YEAR.fullmatch(w)}
    found |= {a + b for a, b in itertools.pairwise(words)
              if len(a) == 1 and len(b) == 1 and a + b in known_labels()}
    return len(found)


def is_header_line(line: list[Word]) -> bool:
    first = line[0].text
    return (label_count(line) >= HEADER_MIN_LABELS and first[:1] not in _MARKERS
            and not any(w.text.endswith(":") for w in line))


def text_tables(words: list[Word], size_tolerance: float = SIZE_TOLERANCE_PT,
                column_gap_ems: float = COLUMN_GAP_EMS) -> list[RawTable]:
    """The tables among `words`, top to bottom; lines of one table differ in size by at most
    `size_tolerance`, and words more than `column_gap_ems` apart stand in different cells
    (OCR'd sizes and word gaps are rougher than a text layer's)."""
    from .pdf import group_lines

    lines = group_lines(words)
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        if not is_header_line(lines[i]):
            i += 1
            continue
        start, end = table_extent(lines, i, size_tolerance)
        table = table_from_lines(lines[start:end], column_gap_ems)
        if table is not None:
            tables.append(table)
            i = end
        else:
            i += 1
    return tables


def _height(line: list[Word]) -> float:
    return max(w.bottom - w.top for w in line)


def _size(line: list[Word]) -> float:
    return max(w.size for w in line)


def table_extent(lines: list[list[Word]], header: int,
                 size_tolerance: float = SIZE_TOLERANCE_PT) -> tuple[int, int]:
    """The lines [start, end) of the table whose header line is `lines[header]`. A line
    belongs to it in the median size of the table's lines so far (OCR'd sizes drift a
    little from line to line; a text layer's do not)."""
    from statistics import median_low

    from .text import UNIT_LINE

    sizes = [_size(lines[header])]

    def same_size(line: list[Word]) -> bool:
        return abs(_size(line) - median_low(sizes)) <= size_tolerance

    start = header
    while start > 0:
        above, line = lines[start - 1], lines[start]
        gap = min(w.top for w in line) - max(w.bottom for w in above)
        text = " ".join(w.text for w in above)
        if gap > ROW_GAP_RATIO * _height(line) or not same_size(above) \
                or UNIT_LINE.search(text) or above[0].text[:1] in _MARKERS:
            break
        start -= 1
        sizes.append(_size(above))
    end = header + 1
    while end < len(lines):
        line = lines[end]
        gap = min(w.top for w in line) - max(w.bottom for w in lines[end - 1])
        if gap > END_GAP_RATIO * _height(line) or not same_size(line) \
                or line[0].text[:1] in _MARKERS:
            break
        end += 1
        sizes.append(_size(line))
    return start, end


@dataclass
class Run:
    """Words of one line close enough to be one cell's text."""

    x0: float
    top: float
    x1: float
    bottom: float
    first: int = 0
    last: int = 0
    """The columns it covers (set once the columns are known)."""


def runs_of(line: list[Word], column_gap_ems: float = COLUMN_GAP_EMS) -> list[Run]:
    runs: list[Run] = []
    for word in sorted(line, key=lambda w: w.x0):
        gap_limit = column_gap_ems * max(word.size, word.bottom - word.top)
        if runs and word.x0 - runs[-1].x1 <= gap_limit:
            last = runs[-1]
            runs[-1] = Run(last.x0, min(last.top, word.top), max(last.x1, word.x1),
                           max(last.bottom, word.bottom))
        else:
            runs.append(Run(word.x0, word.top, word.x1, word.bottom))
    return runs


def _gaps(runs: list[Run]) -> list[tuple[float, float]]:
    """The x intervals between the union of `runs`."""
    spans = sorted((r.x0, r.x1) for r in runs)
    gaps, reach = [], spans[0][1] if spans else 0.0
    for x0, x1 in spans[1:]:
        if x0 > reach:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return gaps


def column_edges(lines: list[list[Run]]) -> list[float]:
    """Column boundaries and the table's outer edges.

    The gaps between the runs of lines with two or more runs are where columns may part; a
    run of a one-run line that crosses such a gap whole is a cell spanning columns (a
    header over the years), any other (a cell's wrapped line, a cell alone on its line
    because it is centred beside taller ones) is a column's text too. Boundaries stand in
    the middle of the gaps left between all but the spanning runs."""
    many = [r for runs in lines if len(runs) >= 2 for r in runs]
    if not many:
        return []
    candidates = _gaps(many)
    lone = [runs[0] for runs in lines if len(runs) == 1]
    kept = many + [r for r in lone if not any(r.x0 <= a and r.x1 >= b for a, b in candidates)]
    every = [r for runs in lines for r in runs]
    left = min(r.x0 for r in every) - EDGE_PAD_PT
    right = max(r.x1 for r in every) + EDGE_PAD_PT
    return [left, *((a + b) / 2 for a, b in _gaps(kept)), right]


@dataclass
class Block:
    """The runs of one cell: stacked in one column range, each close below the last."""

    first: int
    last: int
    top: float
    bottom: float
    height: float
    x0: float = 0.0
    x1: float = 0.0

    def touches(self, other: Block) -> bool:
        gap = max(self.top, other.top) - min(self.bottom, other.bottom)
        return gap <= ROW_GAP_RATIO * min(self.height, other.height)


def blocks_of(runs: list[Run]) -> list[Block]:
    by_columns: dict[tuple[int, int], list[Run]] = {}
    for run in runs:
        by_columns.setdefault((run.first, run.last), []).append(run)
    blocks: list[Block] = []
    for (first, last), stack in by_columns.items():
        current: Block | None = None
        for run in sorted(stack, key=lambda r: r.top):
            height = run.bottom - run.top
            if current is not None and run.top - current.bottom <= ROW_GAP_RATIO * height:
                current.bottom = max(current.bottom, run.bottom)
                current.x0, current.x1 = min(current.x0, run.x0), max(current.x1, run.x1)
                continue
            current = Block(first, last, run.top, run.bottom, height, run.x0, run.x1)
            blocks.append(current)
    return blocks


def bridges(blocks: list[Block]) -> set[int]:
    """Blocks spanning rows: each touches a block starting above it and one ending below it
    that do not touch each other (a tall cell beside a short one and a centred spanning
    one starts no lower than they do: it is not one)."""
    out = set()
    for i, block in enumerate(blocks):
        near = [b for j, b in enumerate(blocks) if j != i and block.touches(b)]
        above = [a for a in near if a.top < block.top]
        below = [b for b in near if b.bottom > block.bottom]
        if any(a.bottom < b.top and not a.touches(b) for a in above for b in below):
            out.add(i)
    return out


def rows_of(blocks: list[Block], spanning: set[int]) -> list[tuple[float, float]]:
    """(top, bottom) of each row: the other blocks chained by touching, top to bottom."""
    rows: list[list[float]] = []
    for block in sorted((b for i, b in enumerate(blocks) if i not in spanning),
                        key=lambda b: b.top):
        row_block = Block(0, 0, rows[-1][0], rows[-1][1], rows[-1][2]) if rows else None
        if row_block is not None and row_block.touches(block):
            rows[-1][1] = max(rows[-1][1], block.bottom)
            rows[-1][2] = min(rows[-1][2], block.height)
        else:
            rows.append([block.top, block.bottom, block.height])
    return [(top, bottom) for top, bottom, _ in rows]


def centred_span(block: Block, columns: tuple[int, int], xs: list[float],
                 empty: set[int]) -> tuple[int, int]:
    """The widest run of columns around a spanning cell's own, over columns empty in its
    rows, whose middle is its text's middle (within its height): a header centred over
    the years spans all of them; text set flush left keeps its columns."""
    first, last = columns
    lowest = first
    while lowest - 1 in empty:
        lowest -= 1
    highest = last
    while highest + 1 in empty:
        highest += 1
    middle = (block.x0 + block.x1) / 2
    best = columns
    for c0 in range(lowest, first + 1):
        for c1 in range(last, highest + 1):
            centred = abs((xs[c0] + xs[c1 + 1]) / 2 - middle) <= block.height
            if centred and c1 - c0 > best[1] - best[0]:
                best = (c0, c1)
    return best


def table_from_lines(lines: list[list[Word]], column_gap_ems: float = COLUMN_GAP_EMS
                     ) -> RawTable | None:
    """The table set in `lines`, or None when they do not form two columns and two rows or
    two of its cells would overlap (text that only looks aligned)."""
    from .pdf import RawTable

    line_runs = [runs_of(line, column_gap_ems) for line in lines]
    xs = column_edges(line_runs)
    if len(xs) < 3:
        return None
    runs = [r for rs in line_runs for r in rs]
    for run in runs:
        covered = [c for c in range(len(xs) - 1) if run.x0 < xs[c + 1] and run.x1 > xs[c]]
        run.first, run.last = covered[0], covered[-1]
    blocks = blocks_of(runs)
    spanning = bridges(blocks)
    rows = rows_of(blocks, spanning)
    if len(rows) < 2:
        return None
    ys = [rows[0][0] - EDGE_PAD_PT]
    ys += [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(rows)]
    ys.append(rows[-1][1] + EDGE_PAD_PT)

    def row_range(block: Block) -> tuple[int, int]:
        inside = [r for r in range(len(rows)) if block.top < ys[r + 1] and block.bottom > ys[r]]
        return inside[0], inside[-1]

    placed = [(*row_range(b), b.first, b.last) for b in blocks]
    occupied = {(r, c) for r0, r1, c0, c1 in placed
                for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    if len(occupied) < sum((r1 - r0 + 1) * (c1 - c0 + 1) for r0, r1, c0, c1 in placed):
        return None
    cells: list[tuple[float, float, float, float]] = []
    for block, (r0, r1, c0, c1) in zip(blocks, placed, strict=True):
        if c1 > c0:
            empty = {c for c in range(len(xs) - 1)
                     if all((r, c) not in occupied for r in range(r0, r1 + 1))}
            c0, c1 = centred_span(block, (c0, c1), xs, empty)
            occupied |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        cells.append((xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    cells += [(xs[c], ys[r], xs[c + 1], ys[r + 1]) for r in range(len(rows))
              for c in range(len(xs) - 1) if (r, c) not in occupied]
    return RawTable((xs[0], ys[0], xs[-1], ys[-1]), cells)
