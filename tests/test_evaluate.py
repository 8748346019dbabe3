"""The corrector's evaluation on real OCR: the corpus, the split, the scoring, and the figures
the project holds the corrector to on held-out documents."""

from __future__ import annotations

import pytest
from eval_ocr import (
    Scores,
    clean_sentences,
    correct,
    load_pairs,
    score_line,
    score_pairs,
)
from ocr_errors import TARGETED, classify, diffs

from gongmun.normalize.typos import get_corrector


def test_error_classes() -> None:
    assert classify("시", "사") == "hangul_jamo"
    assert classify("종", "총") == "hangul_jamo"
    assert classify("기트", "카드") == "hangul_glyph"
    assert classify("Al", "AI") == "latin_digit"
    assert classify(" ", "") == "spacing"
    assert classify("O", "○") == "symbol"
    assert classify("Al", "계") == "garbage"


def test_diffs_keep_a_lost_space_apart_from_a_misread_syllable() -> None:
    ocr, truth = "3 년 긴", "3년간"
    found = [classify(d.seen(ocr), d.meant(truth)) for d in diffs(ocr, truth)]
    assert sorted(found) == ["hangul_jamo", "spacing"]


def test_scoring_counts_right_and_wrong_changes() -> None:
    scores = Scores()
    score_line("사엽 추진", "사업 추진", "사업 추진", scores)  # right
    score_line("Al 4,800", "계 4,800", "AI 4,800", scores)  # wrong: the truth is 계
    assert scores.tp["hangul_jamo"] == 1 and scores.recalled["hangul_jamo"] == 1
    assert scores.fp["garbage"] == 1
    assert scores.precision() == 0.5


def test_corpus_is_split_by_document_and_holds_real_text_in_both_splits() -> None:
    pairs = load_pairs()
    assert len(pairs) >= 2500
    split_of: dict[str, set[str]] = {}
    for p in pairs:
        split_of.setdefault(p.doc, set()).add(p.split)
    assert all(len(s) == 1 for s in split_of.values())
    real = {(p.doc, p.split) for p in pairs if p.kind == "real"}
    assert {s for _, s in real} == {"dev", "heldout"}
    assert sum(p.ocr != p.truth for p in pairs if p.split == "heldout") >= 400


def test_each_proposer_is_scored_alone() -> None:
    from eval_ocr import run_corrector, score_proposers

    ocr, truth = "기술 시업화를 추 진 한다", "기술 사업화를 추진한다"
    corrected, made = run_corrector(get_corrector(), ocr, 0)
    scores = Scores()
    score_proposers(ocr, truth, corrected, made, scores)
    assert corrected == truth
    assert scores.by_proposer["confusion"]["right"] == 1
    assert scores.by_proposer["space_join"]["right"] == 2


@pytest.fixture(scope="module")
def heldout() -> Scores:
    pairs = [p for p in load_pairs() if p.split == "heldout"]
    return score_pairs(get_corrector(), pairs)


@pytest.mark.slow
def test_heldout_precision(heldout: Scores) -> None:
    assert heldout.precision(TARGETED) >= 0.98
    assert heldout.precision() >= 0.98
    assert heldout.recalled["hangul_jamo"] > 0 and heldout.recalled["spacing"] > 0


@pytest.mark.slow
def test_clean_set_comes_back_unchanged() -> None:
    pairs = [p for p in load_pairs() if p.split == "heldout"]
    clean = clean_sentences(pairs)
    assert len(clean) >= 500
    corrector = get_corrector()
    changed = [s for n, s in enumerate(clean) if correct(corrector, s, n) != s]
    assert changed == []
