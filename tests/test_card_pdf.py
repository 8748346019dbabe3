"""The sample PDF cards' records against the truth their generator drew them from."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from gongmun.pipeline import extract
from gongmun.schemas.models import Record

SAMPLES = Path(__file__).parents[1] / "samples"
MILLION = 1_000_000


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
CARDS = GEN.CARDS


@pytest.fixture(scope="module", params=CARDS, ids=[c["file"] for c in CARDS])
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Record]:
    truth = request.param
    return truth, extract(SAMPLES / "cards" / truth["file"])


def test_header(case: tuple[dict[str, Any], Record]) -> None:
    truth, record = case
    card = record.card
    assert card is not None
    assert card.pledge_name == truth["pledge_name"]
    assert card.pledge_subtitle == truth["pledge_subtitle"].strip("()")
    assert card.management_no == truth["management_no"]
    assert card.department == truth["department"]
    assert card.officer.model_dump() == truth["officer"]
    assert card.cooperating_departments == truth["cooperating_departments"]
    assert (card.target, card.status) == (truth["target"], truth["status"])


def test_overview(case: tuple[dict[str, Any], Record]) -> None:
    truth, record = case
    card = record.card
    assert card is not None
    period = truth["period"]
    assert card.period.model_dump() == {
        **period, "years": period["end_year"] - period["start_year"] + 1}
    budget = GEN.budget(truth)
    assert card.total_budget_krw == budget["total"] * MILLION
    assert card.budget_sources_krw.national == budget["national"] * MILLION
    assert card.budget_sources_krw.municipal == budget["municipal"] * MILLION
    assert card.summary == truth["summary"]
    assert [(w.title, w.quantity, w.unit) for w in card.work_items] == [
        (w["title"], w["quantity"], w["unit"]) for w in truth["work_items"]]
    assert [[(p.name, p.quantity) for p in w.phases] for w in card.work_items] == [
        [(name, qty) for name, _, qty in w["phases"]] for w in truth["work_items"]]


def test_funding_cells_and_checks(case: tuple[dict[str, Any], Record]) -> None:
    truth, record = case
    funding = record.card.funding  # type: ignore[union-attr]
    assert funding.unit_krw == MILLION
    years = [c.removesuffix("년") for c in GEN.FUNDING_COLUMNS[1:-1]]
    for key, _ in GEN.FUNDING_SOURCES:
        row = next(r for r in funding.rows if r.source == key)
        cells = truth["funding"][key]
        expected = [None if v is None else v * MILLION for v in cells]
        assert row.prior_krw == expected[0]
        assert [row.by_year_krw[y] for y in years] == expected[1:-1]
        assert row.after_term_krw == expected[-1]
    assert funding.checks and all(c.ok for c in funding.checks)
    assert not [w for w in record.warnings if w.code == "check_failed"]


def test_goals_across_rows_and_pages(case: tuple[dict[str, Any], Record]) -> None:
    truth, record = case
    goals = record.card.goals  # type: ignore[union-attr]
    assert [g.project for g in goals] == [g["project"] for g in truth["goals"]]
    for goal, expected in zip(goals, truth["goals"], strict=True):
        assert [(t.year, t.text, t.status) for t in goal.targets] == [
            (2000 + int(t["year"].strip("'")), t["text"], t["status"])
            for t in expected["targets"]]
        assert goal.details == [d for t in expected["targets"] for d in t["details"]]


def test_lists_and_communication(case: tuple[dict[str, Any], Record]) -> None:
    truth, record = case
    card = record.card
    assert card is not None
    assert card.communication.model_dump() == truth["communication"]
    assert [a.text for a in card.achievements] == [t for _, t, _ in truth["achievements"]]
    assert [a.date_text for a in card.achievements] == [d for _, _, d in truth["achievements"]]
    assert [p.text for p in card.plans] == [t for _, t, _ in truth["plans"]]
    assert card.expected_effects == truth["expected_effects"]


def test_provenance_on_every_block_and_table(case: tuple[dict[str, Any], Record]) -> None:
    _, record = case
    assert record.source.format == "pdf" and record.source.pages == 2
    assert all(b.page is not None and b.bbox is not None for b in record.blocks)
    assert all(t.page is not None and t.bbox is not None for t in record.tables)


def test_card_provenance_has_pages_and_boxes(case: tuple[dict[str, Any], Record]) -> None:
    _, record = case
    card = record.card
    assert card is not None
    for name in ("management_no", "total_budget_krw", "funding", "goals"):
        where = card.provenance[name]
        assert where.page is not None and where.bbox is not None, name
    goals = card.provenance["goals"]
    assert goals.page == next(t.page for t in record.tables if t.id == goals.table)


def test_subtitle_on_the_second_line_of_the_name_cell() -> None:
    """A template that sets the sub-title under the name in one cell (no row of its own)."""
    from gongmun.extract.model import Block, BlockType, Document, Source, Table
    from gongmun.normalize import normalize_document
    from gongmun.schemas.build import build_record

    header = Table("t1", [
        ["공약명", "스마트농업 혁신지구 조성\n(청년농업인 스마트팜 창업 지원)", "관리번호",
         "3-05-1"],
        ["추진부서", "농업정책과", "전화번호", "3415"],
    ], page=1)
    doc = Document(Source("x.pdf", "0", "pdf", 1), blocks=[
        Block(BlockType.HEADING, "도지사 공약사업 관리카드", page=1),
        Block(BlockType.TABLE, "", page=1, table_id="t1"),
        Block(BlockType.HEADING, "□ 사업개요", page=1)], tables=[header])
    record = build_record(normalize_document(doc, []), pipeline_version="test")
    assert record.card is not None
    assert record.card.pledge_name == "스마트농업 혁신지구 조성"
    assert record.card.pledge_subtitle == "청년농업인 스마트팜 창업 지원"
