"""The speed work changes how records are made, never what they say.

- `gongmun extract` of a born-digital PDF, through the CLI, loads no model, no analysts'
  library, no image library and no corrector code (each is import time a text layer does not
  need; `make bench` measures what that buys, these tests only that it stays so);
- the PDF reader's own glyph dedupe keeps exactly the chars pdfplumber's `dedupe_chars`
  keeps, in the same order; its grouping of crossing rules equals the all-pairs one;
- the corrector's shortcut past Kiwi's typo-tolerant analysis changes no correction.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongmun.extract.pdf import (
    TABLE_INTERSECTION_TOLERANCE,
    _edge,
    _touch,
    crossing_groups,
    unique_char_ids,
)

REPO = Path(__file__).resolve().parents[1]
BORN_DIGITAL_PDF = REPO / "samples" / "cards" / "card_smart_farm.pdf"

NOT_FOR_A_TEXT_LAYER = {
    "kiwipiepy", "spacy", "thinc",  # the Korean models
    "pandas", "pyarrow", "duckdb", "openpyxl", "dask",  # export and the cluster
    "jinja2",  # the review site
    "rich",  # help and progress bars
    "PIL", "numpy", "pypdfium2",  # page images, for OCR only
}

CLI_PROBE = """
import contextlib, io, json, sys
from gongmun.cli import app
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        app(["extract", sys.argv[1]])
    except SystemExit as done:
        assert not done.code, done.code
record = json.loads(out.getvalue())
loaded = sorted({m.split(".")[0] for m in sys.modules} | {m for m in sys.modules
                if m.startswith(("gongmun.normalize.typos", "gongmun.normalize.korean"))})
print(json.dumps({"doc_type": record["doc_type"], "loaded": loaded}))
"""


def test_cli_extract_of_a_text_layer_loads_only_what_it_needs() -> None:
    done = subprocess.run([sys.executable, "-c", CLI_PROBE, str(BORN_DIGITAL_PDF)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["doc_type"] == "management_card"  # a real record was made
    loaded = set(got["loaded"])
    assert "pdfplumber" in loaded  # the probe sees what was imported
    assert loaded & NOT_FOR_A_TEXT_LAYER == set()
    assert not any(m.startswith("gongmun.normalize.") for m in loaded)


# --- glyph dedupe --------------------------------------------------------------------------


def _char(text: str, x0: float, top: float, font: str, size: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "doctop": top,
            "bottom": top + size, "upright": True, "fontname": font, "size": size}


chars_strategy = st.lists(
    st.tuples(st.sampled_from("고가나"), st.integers(0, 12), st.integers(0, 6),
              st.sampled_from(["A", "B"]), st.sampled_from([9.0, 10.0]),
              st.integers(0, 2)),
    max_size=40)


@settings(max_examples=200, deadline=None)
@given(chars_strategy)
def test_dedupe_keeps_what_pdfplumber_keeps(spec: list[tuple[Any, ...]]) -> None:
    from pdfplumber.utils.text import dedupe_chars

    chars: list[dict[str, Any]] = []
    for text, x, y, font, size, copies in spec:
        # positions on a 0.5 pt grid: copies within and beyond the 1 pt tolerance; some
        # chars repeated as equal dicts (a glyph drawn twice at the same place)
        char = _char(text, x * 0.5, y * 0.5, font, size)
        chars += [dict(char) for _ in range(copies + 1)]
    keep = unique_char_ids(chars, 1.0)
    ours = [c for c in chars if id(c) in keep]
    theirs = dedupe_chars(chars, tolerance=1.0)
    assert [id(c) for c in ours] == [id(c) for c in theirs]


def test_dedupe_drops_a_faked_bold_title() -> None:
    title = [_char(t, 10 + 10 * i + dx, 5, "B", 10.0)
             for dx in (0.0, 0.3, 0.6) for i, t in enumerate("고시")]
    keep = unique_char_ids(title, 1.0)
    assert sorted((c["text"], c["x0"]) for c in title if id(c) in keep) == \
        [("고", 10.0), ("시", 20.0)]


# --- crossing rules ------------------------------------------------------------------------


def _all_pairs_groups(rules: list[dict[str, Any]]) -> list[list[int]]:
    """The reference: every horizontal rule against every vertical one."""
    parent = list(range(len(rules)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(rules):
        for j, b in enumerate(rules):
            if a["orientation"] == "h" and b["orientation"] == "v" and _touch(a, b):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if {rules[i]["orientation"] for i in g} == {"h", "v"}]


@pytest.mark.parametrize("seed", range(30))
def test_crossing_groups_equal_the_all_pairs_grouping(seed: int) -> None:
    rng = random.Random(seed)
    rules = []
    for _ in range(rng.randint(0, 40)):
        a, b = sorted(rng.uniform(0, 300) for _ in range(2))
        at = rng.uniform(0, 300)
        if rng.random() < 0.5:
            rules.append(_edge("h", a, at, b, at))
        else:
            rules.append(_edge("v", at, a, at, b))
    # rules touching exactly at the tolerance's edge
    rules.append(_edge("h", 10.0, 50.0, 60.0, 50.0))
    rules.append(_edge("v", 60.0 + TABLE_INTERSECTION_TOLERANCE, 20.0, 60.0
                       + TABLE_INTERSECTION_TOLERANCE, 47.0))
    index = {id(r): i for i, r in enumerate(rules)}
    got = [[index[id(r)] for r in group] for group in crossing_groups(rules)]
    assert got == _all_pairs_groups(rules)


# --- the corrector's shortcut --------------------------------------------------------------


OCR_LINES = REPO / "tests" / "data" / "ocr_corpus" / "lines.jsonl"
SHORTCUT_SAMPLE = 60
"""OCR lines checked (every n-th of the corpus, dev and held-out alike: this checks an
identity, not a score)."""


@pytest.mark.slow
def test_skipping_the_typo_analysis_changes_no_correction() -> None:
    from gongmun.normalize import TextContext
    from gongmun.normalize.typos import OcrCorrector

    rows = [json.loads(line) for line in OCR_LINES.read_text(encoding="utf-8").splitlines()]
    sample = rows[:: max(1, len(rows) // SHORTCUT_SAMPLE)]
    shortcut, full = OcrCorrector(), OcrCorrector()
    full._all_valid_words = lambda text, analysis: False  # type: ignore[method-assign]
    skipped = 0
    for i, row in enumerate(sample):
        for block_type in ("paragraph", "table_cell"):
            context = TextContext(location={"line": i}, block_type=block_type)
            assert shortcut(row["ocr"], context) == full(row["ocr"], context), row["ocr"]
        skipped += shortcut._all_valid_words(row["ocr"], _analysis(row["ocr"]))
    assert skipped  # the shortcut is taken on real lines, so the comparison means something


def _analysis(text: str) -> Any:
    from gongmun.normalize.typos.analysis import Analysis

    return Analysis(text)


def test_confusion_variants_remembered_are_the_computed_ones() -> None:
    from gongmun.normalize.typos import ConfusionModel

    model = ConfusionModel.load()
    for ch in "사업화허가건전시엽0Ol":
        first = model.variants(ch)
        assert first == model._confusions_of(ch)
        assert model.variants(ch) is first
