"""Every sample's record against its checked-in golden: contract fields and layout apart.

`make goldens` (pytest with `--update-goldens`) rewrites them; read the diff before
committing it: a golden file is a claim that the output is right.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import (
    expected_path,
    join_record,
    layout_path,
    read_json,
    record_dict,
    sample_files,
    split_record,
    write_goldens,
)

SAMPLES = sample_files()
IDS = [p.name for p in SAMPLES]


def _read_by_ocr(sample: Path) -> bool:
    """The golden says the sample's text came from OCR (a scan, a broken text layer)."""
    path = expected_path(sample)
    return path.exists() and bool(read_json(path)["source"].get("ocr_pages"))


# OCR'd samples take seconds each (Tesseract): `make check` leaves them to `make test`.
BY_SAMPLE = [pytest.param(p, id=p.name, marks=[pytest.mark.slow] if _read_by_ocr(p) else [])
             for p in SAMPLES]


class Parts(dict[Path, tuple[dict, dict]]):
    """Each sample extracted once, when a test first asks, for both comparisons."""

    def __missing__(self, sample: Path) -> tuple[dict, dict]:
        self[sample] = split_record(record_dict(sample))
        return self[sample]


@pytest.fixture(scope="module")
def parts(request: pytest.FixtureRequest) -> Parts:
    """Rewritten first with --update-goldens."""
    if request.config.getoption("--update-goldens"):
        for sample in SAMPLES:
            write_goldens(sample)
    return Parts()


def test_every_sample_has_both_golden_files(parts: Parts) -> None:
    missing = [str(p) for p in SAMPLES
               if not (expected_path(p).exists() and layout_path(p).exists())]
    assert not missing, f"run `make goldens` for: {missing}"


@pytest.mark.parametrize("sample", BY_SAMPLE)
def test_contract_fields_match_golden(sample: Path, parts: Parts) -> None:
    contract, _ = parts[sample]
    assert contract == read_json(expected_path(sample))


@pytest.mark.parametrize("sample", BY_SAMPLE)
def test_layout_matches_golden(sample: Path, parts: Parts) -> None:
    _, layout = parts[sample]
    assert layout == read_json(layout_path(sample))


def test_split_keeps_every_field_once() -> None:
    record = {"doc_type": "management_card", "blocks": [1], "tables": [2],
              "card": {"pledge_name": "x", "provenance": {"p": 1}}, "press": None}
    contract, layout = split_record(record)
    assert contract == {"doc_type": "management_card", "card": {"pledge_name": "x"},
                        "press": None}
    assert layout == {"blocks": [1], "tables": [2], "card": {"provenance": {"p": 1}}}
    assert join_record(contract, layout) == record


KIND_BY_FOLDER = {"cards": "management_card", "press": "press_release"}


def test_samples_cover_both_kinds_with_pdf_and_text() -> None:
    found = {(p.parent.name, p.suffix) for p in SAMPLES}
    assert {("cards", ".pdf"), ("cards", ".txt"), ("press", ".pdf"), ("press", ".txt"),
            ("press", ".html")} <= found


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_golden_has_the_kind_its_folder_promises(sample: Path) -> None:
    assert read_json(expected_path(sample))["doc_type"] == KIND_BY_FOLDER[sample.parent.name]
