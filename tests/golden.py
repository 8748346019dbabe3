"""How golden records are made, split and compared (the golden tests and `make goldens`).

A golden record comes in two files, so that a diff shows what a user would see change:
- `samples/expected/NAME.json`: the contract fields (envelope, `card`, `press`,
  `corrections`, `warnings`), the meaningful part a reviewer reads;
- `samples/expected/layout/NAME.json`: the layout (`blocks`, `tables`, `card.provenance`),
  every bbox and segmentation detail, which changes whenever a reader's geometry does.

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
LAYOUT = EXPECTED / "layout"
VOLATILE = ("pipeline_version",)
LAYOUT_KEYS = ("blocks", "tables")
CARD_LAYOUT_KEYS = ("provenance",)

Json = dict[str, Any]


def sample_files() -> list[Path]:
    from gongmun.inputs import iter_inputs

    return [p for p in iter_inputs([SAMPLES]) if EXPECTED not in p.parents]


def _golden_name(sample: Path) -> str:
    relative = sample.resolve().relative_to(SAMPLES)
    return str(relative).replace(os.sep, "__") + ".json"


def expected_path(sample: Path) -> Path:
    """The contract-fields golden of a sample."""
    return EXPECTED / _golden_name(sample)


def layout_path(sample: Path) -> Path:
    return LAYOUT / _golden_name(sample)


def record_dict(sample: Path) -> Json:
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


def split_record(data: Json) -> tuple[Json, Json]:
    """(contract fields, layout) of one record dict; together they hold all of it."""
    contract = {k: v for k, v in data.items() if k not in LAYOUT_KEYS}
    layout: Json = {k: data[k] for k in LAYOUT_KEYS if k in data}
    card = contract.get("card")
    if isinstance(card, dict):
        contract["card"] = {k: v for k, v in card.items() if k not in CARD_LAYOUT_KEYS}
        layout["card"] = {k: card[k] for k in CARD_LAYOUT_KEYS if k in card}
    return contract, layout


def to_json(data: Json) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_json(path: Path) -> Json:
    loaded: Json = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def write_goldens(sample: Path) -> list[Path]:
    from gongmun.output import write_text_atomic

    contract, layout = split_record(record_dict(sample))
    written = []
    for path, part in ((expected_path(sample), contract), (layout_path(sample), layout)):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, to_json(part))
        written.append(path)
    return written


def join_record(contract: Json, layout: Json) -> Json:
    """The whole record again from its two golden parts (the inverse of `split_record`)."""
    whole = {**contract, **{k: v for k, v in layout.items() if k != "card"}}
    if isinstance(contract.get("card"), dict):
        whole["card"] = {**contract["card"], **layout.get("card", {})}
    return whole


def read_golden(name: str) -> Json:
    """The whole expected record of the golden file `name` (e.g. `cards__x.pdf.json`)."""
    return join_record(read_json(EXPECTED / name), read_json(LAYOUT / name))
