"""The corrector's evaluation: the thresholds the project holds it to, on its own test set."""

from __future__ import annotations

import pytest

from gongmun.evaluate import SEED, build_test_set, run, source_sentences


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return run(SEED)


def test_eval_thresholds(result) -> None:  # type: ignore[no-untyped-def]
    _, report = result
    assert report.n_noisy >= 200 and report.n_clean >= 100
    assert report.precision >= 0.99
    assert report.recall >= 0.90
    assert report.clean_changed == 0


def test_every_kind_of_error_is_in_the_test_set(result) -> None:  # type: ignore[no-untyped-def]
    _, report = result
    for kind in ("word", "counter", "latin", "digit", "spacing", "lookalike", "clean"):
        assert report.by_kind[kind] > 0, kind


def test_test_set_is_deterministic_and_one_error_per_sentence() -> None:
    first, second = build_test_set(SEED), build_test_set(SEED)
    assert [(c.text, c.expected) for c in first.cases] == \
        [(c.text, c.expected) for c in second.cases]
    for case in first.noisy:
        a, b = case.text, case.expected
        head = next(i for i in range(min(len(a), len(b)) + 1)
                    if i == min(len(a), len(b)) or a[i] != b[i])
        tail = 0
        while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
            tail += 1
        # One injected error: one short stretch differs (a syllable, a letter, a space).
        assert len(a) - head - tail <= 2 and len(b) - head - tail <= 2, case


def test_clean_sources_leave_out_the_lines_with_real_ocr_errors() -> None:
    sentences = source_sentences()
    assert len(sentences) >= 60
    assert not any("시업화" in s or "IRB하가" in s for s in sentences)
