"""How golden records are made and compared (shared by the tests and scripts/update_goldens.py).

Samples are extracted with their path relative to the repository root, so `source.path` is
the same on every machine. `pipeline_version` is left out: a version bump is not a change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
EXPECTED = SAMPLES / "expected"
VOLATILE = ("pipeline_version",)


def sample_files() -> list[Path]:
    from gongmun.inputs import iter_inputs

    return [p for p in iter_inputs([SAMPLES]) if EXPECTED not in p.parents]


def expected_path(sample: Path) -> Path:
    relative = sample.resolve().relative_to(SAMPLES)
    return EXPECTED / (str(relative).replace(os.sep, "__") + ".json")


def record_dict(sample: Path) -> dict[str, Any]:
    from gongmun.pipeline import extract

    relative = sample.resolve().relative_to(REPO)
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        data = extract(relative).model_dump(mode="json")
    finally:
        os.chdir(cwd)
    for key in VOLATILE:
        data.pop(key, None)
    return data


def golden_json(sample: Path) -> str:
    return json.dumps(record_dict(sample), ensure_ascii=False, indent=2) + "\n"
