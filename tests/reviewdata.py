"""Batch outputs for the review-site tests: real samples through the pipeline, one of them
altered so that its funding table no longer cross-foots, and hostile or broken records."""

from __future__ import annotations

import json
import re
from pathlib import Path

from recordmaker import card_record, write_record

REPO = Path(__file__).resolve().parents[1]
CARDS = REPO / "samples" / "cards"
PDF_CARD = "card_smart_farm.pdf"
GONE = "사라진 파일 (gone).txt"
"""A record whose source is missing, with a Korean name that needs escaping in a URL."""
GONE_PAGE = "사라진_파일_gone_.txt"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def altered_forest_card(dest: Path) -> Path:
    """The OCR sample card with 국비 2024 changed from 35 to 36: 계 (70) no longer adds up."""
    text = (CARDS / "ocr_forest_card.md").read_text("utf-8")
    altered, n = re.subn(r"^(국 비\t150\t25\t30\t)35\t", r"\g<1>36\t", text, flags=re.M)
    assert n == 1, "the sample's 국비 row changed: update this alteration"
    dest.write_text(altered, encoding="utf-8")
    return dest


def build_out(tmp: Path) -> Path:
    """OUT_DIR as `gongmun batch` leaves it (records named by their path under IN_DIR,
    `source.path` relative to `tmp`, where the batch 'ran'), plus an error log line and a
    record cut short."""
    from gongmun.pipeline import extract

    inputs = tmp / "in"
    inputs.mkdir(parents=True, exist_ok=True)
    (inputs / PDF_CARD).write_bytes((CARDS / PDF_CARD).read_bytes())
    altered_forest_card(inputs / "forest_bad.md")
    out = tmp / "out"
    for name in (PDF_CARD, "forest_bad.md"):
        record = extract(inputs / name)
        record.source.path = f"in/{name}"
        write_record(out, name, record)
    hostile = card_record(f"in/{GONE}")
    hostile.title = HOSTILE
    assert hostile.card is not None
    hostile.card.pledge_name = HOSTILE
    hostile.card.department = "</dd></dl><script>alert(2)</script>"
    write_record(out, GONE, hostile)
    (out / "records" / "garbled.txt.json").write_text('{"doc_type": "manage', encoding="utf-8")
    (out / "errors.log").write_text("error: in/broken.pdf: not a PDF (truncated)\n",
                                    encoding="utf-8")
    return out


def load(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]
