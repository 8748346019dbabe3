"""The press layout corpus: made by its generator, split by document, and scored on held-out."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import eval_press  # noqa: E402
import press_corpus  # noqa: E402

# The bar for the held-out set.
MIN_FIELD_SCORE = 0.97


def test_corpus_is_what_the_generator_makes(tmp_path: Path) -> None:
    for written in press_corpus.build(tmp_path):
        kept = press_corpus.OUT_DIR / written.relative_to(tmp_path)
        assert kept.read_bytes() == written.read_bytes(), \
            f"run scripts/press_corpus.py: {kept.name} is stale"


def test_split_is_by_document_with_every_template_held_out() -> None:
    dev = {p.stem for p in (press_corpus.OUT_DIR / "dev").glob("*.json")}
    held = {p.stem for p in (press_corpus.OUT_DIR / "heldout").glob("*.json")}
    assert dev and held and not dev & held
    templates = {d.rsplit("_", 1)[0] for d in held}
    assert templates == set(press_corpus.TEMPLATES) and len(templates) >= 10


@pytest.mark.slow
def test_heldout_press_fields() -> None:
    results, failures, _ = eval_press.score("heldout")
    total = sum(sum(v) for v in results.values()) / sum(len(v) for v in results.values())
    assert total >= MIN_FIELD_SCORE, failures[:5]
    assert all(sum(v) / len(v) >= MIN_FIELD_SCORE for v in results.values()), failures[:5]
