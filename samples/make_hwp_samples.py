"""Generate the HWPX and HWP 5 samples from the same data as the PDF samples.

The management cards (`samples/cards/card_*.hwpx|hwp`) and the 보도자료
(`samples/press/gangwon_release.hwpx|hwp`) are written with python-hwpx (Apache-2.0), which
writes merged table cells and saves the same document as HWPX or as HWP 5.0. Their content
comes from `make_samples.py` (CARDS and its `*_rows`/`*_spans`) and `make_press_samples.py`
(GANGWON), in the same order and wording as the PDFs, so that a card read from its HWPX, its
HWP and its PDF must give the same record. Layout differences are the formats' own: the
goals table that the PDF splits over two pages is one table in a word processor.

Run: `python samples/make_hwp_samples.py` (needs the dev extra: python-hwpx).
"""

from __future__ import annotations

import random
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_press_samples as press  # noqa: E402
import make_samples as cards  # noqa: E402

Format = Literal["hwpx", "hwp"]
FORMATS: tuple[Format, ...] = ("hwpx", "hwp")
# Text sizes in points, as in the PDFs.
TITLE_PT = cards.TITLE_PT
SECTION_PT = cards.SECTION_PT
RELEASE_OUTLET_PT = 14
RELEASE_HEADLINE_PT = 16
RELEASE_SUBHEADLINE_PT = 11

# Seed of the element ids (any fixed number: it only makes the output reproducible).
ID_SEED = 14
Spans = list[tuple[int, int, int, int]]


@dataclass
class Flow:
    """A document as a word processor holds it: paragraphs (with a size) and tables."""

    items: list[tuple[str, Any]] = field(default_factory=list)

    def para(self, text: str, size: float | None = None) -> None:
        self.items.append(("para", (text, size)))

    def table(self, rows: list[list[str]], spans: Spans) -> None:
        self.items.append(("table", (rows, spans)))


def card_flow(card: dict[str, Any]) -> Flow:
    flow = Flow()
    flow.para(cards.TITLE, TITLE_PT)
    flow.table(cards.header_rows(card), cards.header_spans())

    flow.para(f"□ {cards.SECTIONS['overview']}", SECTION_PT)
    flow.para(f"○ {cards.period_line(card)}")
    flow.para("○ 사업량:")
    for number, item in zip(cards.CIRCLED, card["work_items"], strict=False):
        flow.para(f"{number} {cards.work_item_line(item)}")
        flow.para(f"※ {cards.schedule_line(item)}")
    flow.para(f"○ {cards.budget_line(card)}")
    flow.para(f"○ {cards.summary_line(card)}")

    flow.para(f"□ {cards.SECTIONS['funding']}", SECTION_PT)
    flow.para(f"(단위 : {cards.FUNDING_UNIT})")
    flow.table(cards.funding_rows(card), cards.funding_spans())

    flow.para(f"□ {cards.SECTIONS['achievements']}", SECTION_PT)
    flow.para(f"《기 추진실적 : {card['achievements_as_of']}》")
    for marker, text, when in card["achievements"]:
        flow.para(f"{marker} {text} : {when}")
    flow.para(f"《{cards.GOALS_HEADING}》")
    flow.table(cards.goals_rows(card), cards.goals_spans(card))

    flow.para(f"□ {cards.SECTIONS['communication']}", SECTION_PT)
    flow.table(cards.communication_rows(card), [])

    flow.para(f"□ {cards.SECTIONS['plans']}", SECTION_PT)
    for marker, text, when in card["plans"]:
        flow.para(f"{marker} {text} : {when}")
    flow.para(f"- <{cards.EFFECTS_HEADING}> -")
    for text in card["expected_effects"]:
        flow.para(f"- {text}")
    return flow


def release_flow(story: press.Story) -> Flow:
    flow = Flow()
    flow.para(f"{story.outlet}    보도자료", RELEASE_OUTLET_PT)
    flow.para(f"보도일시: {press.RELEASE_TIME_TEXT}")
    rows = press.release_contact_rows(story)
    flow.table(rows, [(1, 0, len(rows) - 1, 1)])
    flow.para(story.headline, RELEASE_HEADLINE_PT)
    for line in (story.subheadline or "").splitlines():
        flow.para(f"- {line}", RELEASE_SUBHEADLINE_PT)
    for marker, paragraph in zip(press.RELEASE_MARKERS, story.paragraphs, strict=True):
        flow.para(f"{marker} {paragraph}")
    flow.para("붙임 : 행사 사진 1부.")
    flow.para("끝.")
    return flow


def render(flow: Flow, fmt: Format) -> bytes:
    """The flow as an HWPX or HWP 5 file, written by python-hwpx."""
    from hwpx import HwpxDocument

    warnings.filterwarnings("ignore", category=DeprecationWarning, module="hwpx")
    _reproducible_ids()
    doc = HwpxDocument.new()  # starts with an empty paragraph; readers skip it
    for kind, payload in flow.items:
        if kind == "para":
            text, size = payload
            if size:
                doc.add_paragraph(text, char_pr_id_ref=doc.styles.ensure_run(size=size))
            else:
                doc.add_paragraph(text, char_pr_id_ref=doc.paragraphs[0].char_pr_id_ref)
        else:
            rows, spans = payload
            _table(doc, rows, spans)
    return bytes(doc.to_bytes(format=fmt))


def _reproducible_ids() -> None:
    """python-hwpx gives paragraphs and tables random ids (uuid4); a seeded stream instead
    makes every run write the same bytes. The library names this module attribute as the
    place to replace its id source."""
    import uuid

    from hwpx.oxml import _document_impl

    ids = random.Random(ID_SEED)
    _document_impl.uuid4 = lambda: uuid.UUID(int=ids.getrandbits(128))


def _table(doc: Any, rows: list[list[str]], spans: Spans) -> None:
    table = doc.add_table(len(rows), max(len(r) for r in rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                table.cell(r, c).text = text
    for row, col, rowspan, colspan in spans:
        last = _a1(row + rowspan - 1, col + colspan - 1)
        doc.tables.merge_cells(table, f"{_a1(row, col)}:{last}")


def _a1(row: int, col: int) -> str:
    return f"{chr(ord('A') + col)}{row + 1}"


def generate() -> list[Path]:
    written = []
    targets = [(HERE / "cards" / Path(card["file"]).stem, card_flow(card))
               for card in cards.CARDS]
    targets.append((HERE / "press" / Path(press.GANGWON.file).stem,
                    release_flow(press.GANGWON)))
    for stem, flow in targets:
        for fmt in FORMATS:
            path = stem.with_suffix(f".{fmt}")
            path.write_bytes(render(flow, fmt))
            written.append(path)
    return written


if __name__ == "__main__":
    for path in generate():
        print(path.relative_to(HERE.parent))
