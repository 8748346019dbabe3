"""The OCR'd-release corpus (tests/data/press_ocr_corpus): 보도자료 page images read by the
scan path, cached as Documents, split by release; the press builder scored on held-out, and
on the household-loans PDF whose Hangul must be OCR'd (kept apart: target/)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import eval_press  # noqa: E402
import press_ocr_corpus  # noqa: E402

from gongmun.extract.model import Block, BlockType, Document, Source, Span, Table  # noqa: E402

# Held-out floor for what the builder decides (when the corpus was scored: 14/14 on every
# such field but contact_departments, 13/14). `headline` as read (4/14 within 0.8 similarity)
# is Tesseract's reading of the right line, not the builder's choice: it is printed by
# `make eval`, not held to a floor here.
MIN_OCR_FIELD = 0.85
OCR_QUALITY_FIELDS = ("headline",)


def test_split_is_by_release_with_real_and_drawn_releases_on_both_sides() -> None:
    dev = {d for d, _, _ in press_ocr_corpus.load("dev")}
    held = {d for d, _, _ in press_ocr_corpus.load("heldout")}
    assert dev and held and not dev & held
    for side in (dev, held):
        assert any(d.startswith("real_") for d in side)
        drawn = {d.rsplit("_", 1)[0] for d in side if not d.startswith("real_")}
        assert drawn == set(press_ocr_corpus.LAYOUTS)
    assert press_ocr_corpus.split_of(sorted(dev | held)) == {
        **dict.fromkeys(dev, "dev"), **dict.fromkeys(held, "heldout")}


def test_cached_document_round_trips() -> None:
    table = Table("t1", [["담당부서", "연락처"], ["정책과", "044-200-1000"]],
                  spans=[Span(0, 0, 1, 2)], page=1, bbox=(1.0, 2.0, 3.0, 4.0), ocr=True)
    doc = Document(Source("x.png", "0", "image", 3, pages=1, ocr_pages=(1,)),
                   [Block(BlockType.HEADING, "제목", page=1, bbox=(1.0, 2.0, 3.0, 4.0), level=1,
                          ocr=True), Block(BlockType.TABLE, "t", page=1, table_id="t1")],
                   [table], logos=[b"\x89PNG"])
    again = press_ocr_corpus.document_from_json(press_ocr_corpus.document_to_json(doc))
    assert again == doc


def test_every_cached_release_is_a_press_release() -> None:
    from gongmun.schemas.classify import classify

    for split in ("dev", "heldout", "target"):
        for doc_id, doc, _ in press_ocr_corpus.load(split):
            assert classify(doc).doc_type == "press_release", doc_id


def test_similarity_allows_ocr_noise_not_another_line() -> None:
    truth = "세종 공공 산후조리원 첫 삽, 주민 숙원 풀린다"
    assert eval_press.similarity("세종 공공 산후조리원 첫삽, 주민 숙원 풀린다", truth) \
        >= eval_press.HEADLINE_MIN_SIMILARITY
    assert eval_press.similarity("공공 산후조리원 추진 계획 발표", truth) \
        < eval_press.HEADLINE_MIN_SIMILARITY


@pytest.fixture(scope="module")
def heldout() -> dict[str, list[bool]]:
    return eval_press.score_ocr("heldout")[0]


@pytest.mark.slow  # nine pages of OCR text through the corrector and the builder
def test_heldout_ocr_fields(heldout: dict[str, list[bool]]) -> None:
    assert set(heldout) == set(eval_press.OCR_FIELDS)
    for name, results in heldout.items():
        share = sum(results) / len(results)
        assert name in OCR_QUALITY_FIELDS or share >= MIN_OCR_FIELD, (name, share)


def _target() -> tuple[Any, dict[str, Any], Any]:
    from gongmun.normalize import default_correctors, normalize_document
    from gongmun.schemas.build import build_record

    [(_, doc, truth)] = press_ocr_corpus.load("target")
    normalized = normalize_document(doc, default_correctors())
    return build_record(normalized, pipeline_version="t").press, truth, normalized.document


def test_household_loans_pdf_office_time_and_phones() -> None:
    press, truth, _ = _target()
    assert press.outlet == truth["outlet"] == "금융위원회"  # from its contact table's 부서 cell
    assert press.published_at == truth["published_at"]
    assert [c.phone for c in press.contacts] == [c["phone"] for c in truth["contacts"]]


@pytest.mark.xfail(strict=True, reason="known defect: the deciphered OCR reads 정수호 as 정수면,"
                   " a name one syllable off that still has a name's shape, so it is kept")
def test_household_loans_pdf_keeps_no_garbled_name() -> None:
    press, truth, _ = _target()
    names = {c["name"] for c in truth["contacts"]}
    assert all(c.name in names for c in press.contacts if c.name)


def test_household_loans_pdf_headline_is_the_title_box_first_line() -> None:
    press, _, doc = _target()
    boxes = [t for t in doc.tables if t.page == 1 and t.ocr
             and sum(1 for c in t.rows[0] if c.strip()) == 1]
    first_lines = [next(c for c in t.rows[0] if c.strip()).split("\n")[0].strip() for t in boxes]
    assert press.headline in first_lines
    assert "동향" not in (press.subheadline or "")
