"""The scan samples against the truth they were made from, and the real PDF without Hangul.

Scores are computed on the expected records in samples/expected/ (test_golden.py checks the
pipeline still gives exactly those), so the slow OCR runs once per sample in the suite.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from golden import read_golden

from gongmun.extract.ocr import engine_available
from gongmun.pipeline import extract

REPO = Path(__file__).resolve().parents[1]
MIN_SCAN_FIELD_ACCURACY = 0.90
MIN_TEXT_LAYER_CELL_ACCURACY = 0.98


def load_script(name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "samples"))
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ev = load_script("eval_tables")
SCANS = [scan.file for scan in ev.make_samples.SCANS if not scan.garbage_text_layer] + list(
    ev.make_samples.CID_CARDS)
ALL_SCANS = [scan.file for scan in ev.make_samples.SCANS]
TEXT_LAYER = [card["file"] for card in ev.make_samples.CARDS] + [
    variant.file for variant in ev.make_samples.VARIANTS]


def golden(sample: str) -> dict[str, Any]:
    return read_golden(f"cards__{sample}.json")


@pytest.mark.parametrize("sample", SCANS)
def test_scan_fields_are_accurate_after_correction(sample: str) -> None:
    record = golden(sample)
    assert record["source"]["ocr_pages"], "the scan was not OCR'd"
    _, fields = ev.score_record(sample, record)
    assert fields >= MIN_SCAN_FIELD_ACCURACY


@pytest.mark.parametrize("sample", TEXT_LAYER)
def test_text_layer_tables_are_exact(sample: str) -> None:
    record = golden(sample)
    assert record["source"]["ocr_pages"] == []
    cells, fields = ev.score_record(sample, record)
    assert cells >= MIN_TEXT_LAYER_CELL_ACCURACY and fields == 1.0


@pytest.mark.parametrize("sample", ALL_SCANS)
def test_scanned_funding_cross_foots_or_names_what_does_not(sample: str) -> None:
    record = golden(sample)
    funding = record["card"]["funding"]
    assert funding["rows"], "no funding table read from the scan"
    failed = {c["name"] for c in funding["checks"] if not c["ok"]}
    warned = {w["message"].split(":")[0] + ":" + w["message"].split(":")[1]
              for w in record["warnings"] if w["code"] == "check_failed"
              and w["message"].startswith(("sources_sum", "years_sum"))}
    assert {f for f in failed if f.startswith(("sources_sum", "years_sum"))} <= warned
    if failed:  # the doubtful cells themselves are named for the reviewer
        assert any(w["code"] == "ocr_low_confidence_cell" for w in record["warnings"])


def test_born_digital_text_is_never_marked_ocr() -> None:
    from gongmun.extract import read_document

    path = REPO / "samples" / "cards" / "card_smart_farm.pdf"
    doc = read_document(path.read_bytes(), str(path))
    assert doc.source.ocr_pages == ()
    assert not any(b.ocr for b in doc.blocks) and not any(t.ocr for t in doc.tables)


def test_garbage_text_layer_is_kept_under_ocr_never() -> None:
    record = extract(REPO / "samples" / "cards" / "garbled_layer_smart_farm_p1.pdf",
                     ocr="never")
    assert record.source.ocr_pages == []
    assert record.card is None or record.card.pledge_name is None


def test_garbage_text_layer_is_replaced_under_ocr_auto() -> None:
    record = golden("garbled_layer_smart_farm_p1.pdf")
    assert record["source"]["ocr_pages"] == [1]
    assert any(w["code"] == "ocr_reason" and "implausible Hangul" in w["message"]
               for w in record["warnings"])
    assert record["card"]["pledge_name"] == "스마트농업 혁신지구 조성"


# --- the real PDF whose Hangul is drawn as outlines --------------------------------------------


outline_eval = load_script("eval_outline")
REAL = outline_eval.shared_real()
hwpx_text, hangul_f1 = outline_eval.hwpx_text, outline_eval.hangul_f1
PRESS = outline_eval.PRESS
MIN_REAL_HANGUL_F1 = 0.86
"""Measured 0.877 (Tesseract 5.3, kor; scripts/eval_outline.py --real): 0.698 with plain
OCR, 0.743 with each glyph shape read as most of its occurrences were, then shapes compared
up to scale and deciphered with Kiwi (extract/decipher.py). The glyphs are jamo pieces
composed by the PDF exporter, which the model misreads the same way each time (월 as 윌, 원
as 윗, 전 as 저). The issue's goal is 0.90; this floor catches regressions."""


@pytest.mark.slow
@pytest.mark.skipif(REAL is None or not engine_available("kor"),
                    reason="../shared/real or Tesseract with Korean missing")
def test_real_pdf_without_usable_hangul_is_ocrd_automatically() -> None:
    assert REAL is not None
    pdf = REAL / "press_release" / f"{PRESS}-hwp-2022.pdf"
    started = time.perf_counter()
    record = extract(pdf, correct=False)
    elapsed = time.perf_counter() - started
    assert record.source.ocr_pages == [1, 2, 3, 4, 5]
    text = "\n".join(b.text for b in record.blocks)
    f1 = hangul_f1(text, hwpx_text(REAL / "press_release" / f"{PRESS}.hwpx"))
    print(f"real PDF: Hangul F1 {f1:.3f}, {elapsed:.1f} s")
    assert f1 >= MIN_REAL_HANGUL_F1


def test_cid_font_without_unicode_map_is_ocrd() -> None:
    record = golden("cid_no_tounicode_smart_farm.pdf")
    assert record["source"]["ocr_pages"] == [1, 2]
    assert any(w["code"] == "ocr_reason" and "symbols" in w["message"]
               for w in record["warnings"])
