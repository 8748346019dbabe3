"""Each press sample's whole record against its checked-in expected record.

The expected records are claims that the output is right; regenerate them with
`scripts/update_goldens.py samples/press/<file>` and read the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import SAMPLES, expected_path, record_dict

PRESS_SAMPLES = sorted((SAMPLES / "press").iterdir())


def test_the_press_samples_are_there() -> None:
    names = {p.name for p in PRESS_SAMPLES}
    assert {"000_6bcb5439693b9bf5.txt", "hanbit_dump.txt", "donghae_article.html",
            "gangwon_release.pdf"} <= names


@pytest.mark.parametrize("sample", PRESS_SAMPLES, ids=[p.name for p in PRESS_SAMPLES])
def test_press_record_matches_golden(sample: Path) -> None:
    expected_file = expected_path(sample)
    assert expected_file.exists(), f"run scripts/update_goldens.py {sample}"
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    actual = record_dict(sample)
    assert actual["doc_type"] == "press_release"
    assert actual == expected
