"""Real HWP and HWPX files (`shared/real/`): each format of one document must agree.

References, none of them made by our readers:
- the PDF that 한글 exported from the document (its text layer, read by the PDF reader);
- the other format of the same document (HWP vs HWPX);
- the preview text 한글 stores in every file (`PrvText`, the document's first ~1,000
  characters, in reading order), read here with olefile/zipfile directly;
- a hand-made plain-text excerpt (국립국어원 업무계획).

Measured when written (Hangul character F1 against the PDF): 해외직접투자 HWP/HWPX 0.9989
(the PDF doubles the four characters of two bold "참고" labels), table-vpos-01 HWP/HWPX 1.0,
table-complex 1.0; 가계대출 HWP vs HWPX 1.0; preview recall and order 1.0 for every file.
"""

from __future__ import annotations

import difflib
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from real_files import shared_real

from gongmun.extract import Document, read_document, read_file
from gongmun.extract.model import Table

REPO = Path(__file__).resolve().parents[1]


def _find_real() -> Path | None:
    return shared_real()


REAL = _find_real()
pytestmark = [pytest.mark.slow,  # whole real documents, the largest 100+ pages
              pytest.mark.skipif(REAL is None, reason="shared/real is not beside the repo")]
FILES = sorted(p for p in (REAL or Path("/nonexistent")).rglob("*")
               if p.suffix in (".hwp", ".hwpx"))
IDS = [p.name for p in FILES]

# Agreement thresholds, below the measured values above: a regression shows, the PDF's own
# doubled bold labels do not.
MIN_PDF_F1 = 0.99
MIN_PREVIEW_RECALL = 0.99
MIN_PREVIEW_ORDER = 0.98
# The hook's check: a real press release gives a record with real Korean text.
MIN_HANGUL_IN_BLOCKS = 100

PDF_PAIRS = [
    ("press_release/2025년 2분기 해외직접투자 (최종).hwp",
     "press_release/2025년 2분기 해외직접투자 (최종)-2022.pdf"),
    ("press_release/2025년 2분기 해외직접투자 (최종).hwpx",
     "press_release/2025년 2분기 해외직접투자 (최종)-2022.pdf"),
    ("press_release/table-vpos-01.hwp", "press_release/table-vpos-01-2022.pdf"),
    ("press_release/table-vpos-01.hwpx", "press_release/table-vpos-01-2022.pdf"),
    ("work_report/table-complex.hwp", "work_report/table-complex-2022.pdf"),
]
# The 가계대출 PDF has no usable text layer: its HWP and HWPX are compared instead.
FORMAT_PAIRS = ["press_release/2025년 2분기 해외직접투자 (최종)",
                "press_release/table-vpos-01",
                "press_release/(250813) (보도자료) 2025년 7월중 가계대출 동향"]


@cache
def doc(relative: str) -> Document:
    assert REAL is not None
    path = REAL / relative
    return read_document(read_file(path), str(path))


def hangul(text: str) -> str:
    return "".join(c for c in text if "가" <= c <= "힣")


def doc_text(d: Document) -> str:
    """Blocks and table cells in reading order."""
    tables = {t.id: t for t in d.tables}
    parts = []
    for block in d.blocks:
        table = tables.get(block.table_id or "")
        parts += [c for row in table.rows for c in row] if table else [block.text]
    return "\n".join(parts)


def f1(found: str, reference: str) -> tuple[float, float, float]:
    a, b = Counter(hangul(found)), Counter(hangul(reference))
    overlap = sum((a & b).values())
    precision = overlap / max(1, sum(a.values()))
    recall = overlap / max(1, sum(b.values()))
    return 2 * precision * recall / max(1e-9, precision + recall), precision, recall


def preview_text(path: Path) -> str:
    if path.suffix == ".hwpx":
        return zipfile.ZipFile(path).read("Preview/PrvText.txt").decode("utf-8")
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        return bytes(ole.openstream("PrvText").read()).decode("utf-16-le", errors="replace")


def check_spans(table: Table) -> None:
    covered: set[tuple[int, int]] = set()
    for span in table.spans:
        assert span.row + span.rowspan <= len(table.rows)
        assert span.col + span.colspan <= table.n_cols
        cells = {(span.row + r, span.col + c) for r in range(span.rowspan)
                 for c in range(span.colspan)}
        assert not cells & covered, f"{table.id}: overlapping spans at {span}"
        covered |= cells
        assert all(table.cell(r, c) == "" for r, c in cells - {(span.row, span.col)})


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_every_real_file_reads_in_order_with_valid_spans(path: Path) -> None:
    d = doc(str(path.relative_to(REAL)))  # type: ignore[arg-type]
    assert len(hangul(" ".join(b.text for b in d.blocks))) > MIN_HANGUL_IN_BLOCKS
    preview, text = hangul(preview_text(path)), hangul(doc_text(d))
    assert f1(text, preview)[2] >= MIN_PREVIEW_RECALL
    order = difflib.SequenceMatcher(None, preview, text[: len(preview)], autojunk=False)
    assert order.ratio() >= MIN_PREVIEW_ORDER
    for table in d.tables:
        check_spans(table)


@pytest.mark.slow  # reads the PDFs' text layers (pdfplumber, via the PDF reader)
@pytest.mark.parametrize(("source", "pdf"), PDF_PAIRS, ids=[a for a, _ in PDF_PAIRS])
def test_text_agrees_with_the_exported_pdf(source: str, pdf: str) -> None:
    score, _, _ = f1(doc_text(doc(source)), doc_text(doc(pdf)))
    assert score >= MIN_PDF_F1


@pytest.mark.parametrize("stem", FORMAT_PAIRS)
def test_hwp_and_hwpx_of_one_document_agree(stem: str) -> None:
    a, b = doc(f"{stem}.hwp"), doc(f"{stem}.hwpx")
    assert [(x.type, x.text) for x in a.blocks] == [(x.type, x.text) for x in b.blocks]
    assert [(t.rows, t.spans, t.unit) for t in a.tables] == \
        [(t.rows, t.spans, t.unit) for t in b.tables]
    assert sum(len(t.spans) for t in a.tables) > 0


@pytest.mark.slow
def test_merged_headers_agree_with_the_pdf() -> None:
    """Where the PDF reader sees a table's ruled header, its merged cells are ours."""
    pdf_spans = {(tuple(t.rows[0]), tuple(s for s in t.spans if s.row == 0))
                 for t in doc(PDF_PAIRS[0][1]).tables if t.rows}
    ours = {(tuple(t.rows[0]), tuple(s for s in t.spans if s.row == 0))
            for t in doc(PDF_PAIRS[0][0]).tables if t.rows and t.spans}
    agreeing = ours & pdf_spans
    assert len(agreeing) >= len(ours) // 2 and agreeing
    complex_pdf = {s for t in doc(PDF_PAIRS[4][1]).tables for s in t.spans if s.row == 0}
    complex_ours = {s for t in doc(PDF_PAIRS[4][0]).tables for s in t.spans
                    if s.row == 0 and s.rowspan == 1}
    assert complex_ours and complex_ours <= complex_pdf


def test_text_covers_the_hand_made_excerpt() -> None:
    excerpt = (REAL / "work_report/2022년 국립국어원 업무계획.txt")  # type: ignore[operator]
    _, _, recall = f1(doc_text(doc("work_report/2022년 국립국어원 업무계획.hwp")),
                      excerpt.read_text(encoding="utf-8"))
    assert recall >= MIN_PREVIEW_RECALL


def test_huge_table_breaking_across_pages_is_one_table() -> None:
    d = doc("local_gov_notice/issue2063_huge_cellbreak_table.hwp")
    (table,) = d.tables
    assert len(table.rows) > 5000 and table.n_cols == 10
    assert table.spans and table.title


def test_press_release_record_from_hwpx() -> None:
    from gongmun.pipeline import extract

    assert REAL is not None
    record = extract(REAL / "press_release/2025년 2분기 해외직접투자 (최종).hwpx")
    assert len(hangul(" ".join(b.text for b in record.blocks))) > MIN_HANGUL_IN_BLOCKS
