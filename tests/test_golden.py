"""Every sample's whole record against its checked-in expected record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import expected_path, record_dict, sample_files

SAMPLES = sample_files()


def test_every_sample_has_an_expected_record() -> None:
    missing = [str(p) for p in SAMPLES if not expected_path(p).exists()]
    assert not missing, f"run scripts/update_goldens.py for: {missing}"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_record_matches_golden(sample: Path) -> None:
    expected_file = expected_path(sample)
    if not expected_file.exists():
        pytest.fail(f"no expected record for {sample.name}")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert record_dict(sample) == expected


KIND_BY_FOLDER = {"cards": "management_card", "press": "press_release"}


def test_samples_cover_both_kinds_with_pdf_and_text() -> None:
    found = {(p.parent.name, p.suffix) for p in SAMPLES}
    assert {("cards", ".pdf"), ("cards", ".txt"), ("press", ".pdf"), ("press", ".txt"),
            ("press", ".html")} <= found


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_golden_has_the_kind_its_folder_promises(sample: Path) -> None:
    expected = json.loads(expected_path(sample).read_text(encoding="utf-8"))
    assert expected["doc_type"] == KIND_BY_FOLDER[sample.parent.name]
