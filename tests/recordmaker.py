"""Records built in code for the export and diff tests (independent of the builders' progress)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from gongmun.schemas.models import (
    Achievement,
    Amount,
    BudgetSources,
    Card,
    Check,
    CorrectionOut,
    Funding,
    FundingRow,
    Goal,
    GoalTarget,
    Officer,
    Period,
    Plan,
    Press,
    Quote,
    Record,
    SourceInfo,
    WarningOut,
)

MILLION = 1_000_000


def source(path: str, fmt: str = "text", pages: int | None = None) -> SourceInfo:
    return SourceInfo(path=path, sha256=hashlib.sha256(path.encode()).hexdigest(), format=fmt,
                      pages=pages, encoding="utf-8", size_bytes=1234)


def funding(national: dict[str, int | None], provincial: dict[str, int | None]) -> Funding:
    """Rows in 백만 원 per year; the total row adds them up."""
    def row(src: Any, label: str, years: dict[str, int | None]) -> FundingRow:
        cells = {y: (v * MILLION if v is not None else None) for y, v in years.items()}
        return FundingRow(source=src, label=label, prior_krw=0, by_year_krw=cells,
                          total_krw=sum(v or 0 for v in cells.values()), after_term_krw=None)

    years = sorted(national.keys() | provincial.keys())
    total = {y: (national.get(y) or 0) + (provincial.get(y) or 0) for y in years}
    return Funding(unit_label="백만 원", unit_krw=MILLION,
                   rows=[row("total", "계", dict(total)), row("national", "국비", national),
                         row("provincial", "도비", provincial)],
                   checks=[Check(name="rows_add_up", ok=True, detail="국비+도비 = 계")])


def card_record(path: str, management_no: str = "2-14-2", status: str = "추진중(정상)",
                national: dict[str, int | None] | None = None,
                achievements: list[tuple[str, str]] | None = None,
                plans: list[tuple[str, str]] | None = None,
                goal_status: str = "추진중") -> Record:
    national = national if national is not None else {"2023": 9000, "2024": 6000}
    card = Card(
        pledge_name="데이터산업 수도 육성", pledge_subtitle="데이터 활용 의료",
        management_no=management_no, department="디지털산업과",
        cooperating_departments=["바이오헬스과", "미래산업과"],
        officer=Officer(name="김은규", phone="2193"), target="임기 내 완료", status=status,
        period=Period(start_year=2023, end_year=2027, years=5),
        total_budget_krw=45_000 * MILLION,
        budget_sources_krw=BudgetSources(national=30_000 * MILLION, provincial=5_130 * MILLION),
        summary="인공지능 의료기술 실증", funding=funding(national, {"2023": 4500, "2024": 90}),
        achievements=[Achievement(section="기 추진실적", as_of="2024-Q3", date_start=d,
                                  date_end=d, date_text=d, text=t)
                      for t, d in (achievements or [("계획수립", "2022-05")])],
        goals=[Goal(project="의료 솔루션 사업화",
                    targets=[GoalTarget(year=2023, text="실증과제 선정", status="완료"),
                             GoalTarget(year=2024, text="임상 추진", status=goal_status)],
                    details=["협약체결", "연차평가"])],
        plans=[Plan(date_start=d, date_end=d, date_text=d, text=t)
               for t, d in (plans or [("신규 과제 공모", "2025-04")])],
        expected_effects=["일자리 창출"],
    )
    return Record(pipeline_version="test", doc_type="management_card", doc_type_confidence=0.9,
                  source=source(path), title="도지사 공약사업 관리카드", card=card,
                  corrections=[CorrectionOut(original="시업화", corrected="사업화",
                                             rule="ocr_confusion", location={"page": 1, "line": 40},
                                             confidence=0.9)],
                  warnings=[WarningOut(code="truncated_text", message="cut off",
                                       location={"page": None, "line": 4})])


def press_record(path: str) -> Record:
    press = Press(headline="의료 AX 청사진 공개", outlet="뉴스스텝", reporter="최선경",
                  published_at="2025-12-08T15:20:46+09:00",
                  paragraphs=["5,800억 원 규모의 사업.", "기획 예산 10억 원 확보."],
                  quotes=[Quote(speaker="김진태", role="지사", text="성과를 내겠다")],
                  amounts=[Amount(text="5,800억 원", krw=580_000_000_000, context="규모의 사업"),
                           Amount(text="10억 원", krw=1_000_000_000, context="기획 예산"),
                           Amount(text="141.5억 달러", krw=None, context="해외직접투자",
                                  currency="USD", value=14_150_000_000)])
    return Record(pipeline_version="test", doc_type="press_release", doc_type_confidence=0.8,
                  source=source(path, "pdf", 2), title=press.headline, press=press)


def write_record(out_dir: Path, rel: str, record: Record) -> Path:
    """As `gongmun batch` writes it: OUT_DIR/records/<rel>.json."""
    path = out_dir / "records" / f"{rel}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2),
                    encoding="utf-8")
    return path
