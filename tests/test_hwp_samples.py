"""The HWPX and HWP samples give the records of the PDFs made from the same data.

The PDF and the HWP/HWPX files are written by different tools (fpdf2; python-hwpx) from
`samples/make_samples.py` and `samples/make_press_samples.py`; the card and press builders
run unchanged on what each reader produces. Only page and bbox differ: word-processor
formats have no fixed pages.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from conftest import SAMPLES

from gongmun.pipeline import extract

CARDS = ["card_smart_farm", "card_coastal_tourism"]
FORMATS = ["hwpx", "hwp"]
LAYOUT_KEYS = frozenset({"page", "bbox"})


@cache
def record(folder: str, stem: str, fmt: str) -> dict[str, Any]:
    return extract(SAMPLES / folder / f"{stem}.{fmt}").model_dump(mode="json")


def without_layout(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_layout(v) for k, v in value.items() if k not in LAYOUT_KEYS}
    if isinstance(value, list):
        return [without_layout(v) for v in value]
    return value


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", CARDS)
def test_card_is_the_pdfs_card(stem: str, fmt: str) -> None:
    ours, pdf = record("cards", stem, fmt), record("cards", stem, "pdf")
    assert ours["doc_type"] == pdf["doc_type"] == "management_card"
    assert ours["card"] is not None
    assert without_layout(ours["card"]) == without_layout(pdf["card"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", CARDS)
def test_card_tables_keep_the_pdfs_merged_cells(stem: str, fmt: str) -> None:
    ours, pdf = record("cards", stem, fmt), record("cards", stem, "pdf")
    funding = [t for t in ours["tables"] if t["unit"] == "백만 원"]
    pdf_funding = [t for t in pdf["tables"] if t["unit"] == "백만 원"]
    assert len(funding) == len(pdf_funding) == 1
    assert funding[0]["spans"] == pdf_funding[0]["spans"]
    assert funding[0]["spans"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_press_release_is_the_pdfs(fmt: str) -> None:
    ours, pdf = record("press", "gangwon_release", fmt), record("press", "gangwon_release", "pdf")
    assert ours["doc_type"] == pdf["doc_type"] == "press_release"
    assert without_layout(ours["press"]) == without_layout(pdf["press"])
