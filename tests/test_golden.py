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
