"""The record contract (`shared/spec/record-contract.md`) as pydantic models.

`record.schema.json` beside this file is generated from `Record` and kept in sync by a test;
regenerate it with `gongmun schema > schemas/record.schema.json`.
"""

# No `from __future__ import annotations` here: pydantic would evaluate each field's
# annotation from its string when it builds the models, on every start of the CLI.
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from gongmun.normalize.resources import read_table

SCHEMA_VERSION = "1.0"

DocType = Literal["management_card", "press_release", "unknown"]
BlockKind = Literal["heading", "paragraph", "list_item", "table", "caption", "other"]
FundingSource = Literal["total", "national", "provincial", "municipal", "other"]
GoalStatus = Literal["완료", "추진중", "미착수"]
# `normalize/data/card_fields.tsv` fills these types: the fields of its `funding` rows and of
# its `status` rows must be exactly their values (checked at import, below).
CARD_FIELD_TYPES = {"funding": FundingSource, "status": GoalStatus}
LocationValue = int | str | None


# Default factories as Python functions, not the builtins `list` and `dict`: pydantic reads a
# factory's signature (does it take the validated data?), and a builtin's means parsing its
# text signature with `tokenize` (~1% of a text-layer PDF's whole `gongmun extract`).
def _new_list() -> list[Any]:
    return []


def _new_dict() -> dict[str, Any]:
    return {}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- envelope -----------------------------------------------------------------------------


class SourceInfo(Model):
    path: str = Field(description="The path as given")
    sha256: str = Field(description="sha256 of the input bytes")
    format: str = Field(description="pdf, ocr_text, text, html, image, hwpx, hwp, ...")
    pages: int | None = None
    encoding: str | None = Field(None, description="Detected text encoding, or null")
    size_bytes: int
    ocr_corrected: bool | None = Field(
        None, description="True when OCR typo correction ran over the document's OCR text; "
        "false for a born-digital text layer or HTML (formatting normalization only) or when "
        "correction was off")
    ocr_pages: list[int] = Field(default_factory=_new_list, description=(
        "Pages whose text was read by OCR (a scan, or a text layer without usable Hangul)"))


class BlockOut(Model):
    type: BlockKind
    text: str
    page: int | None = None
    bbox: list[float] | None = Field(None, min_length=4, max_length=4,
                                     description="[x0, top, x1, bottom] in PDF points")
    line: int | None = Field(None, description="1-based source line, for text formats")
    marker: str | None = Field(None, description="The bullet or heading marker (○, -, ※, □)")
    level: int | None = Field(None, description="Heading or list depth, when known")
    table_id: str | None = None


class SpanOut(Model):
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


class TableOut(Model):
    id: str
    page: int | None = None
    pages: list[int] = Field(default_factory=_new_list)
    bbox: list[float] | None = Field(None, min_length=4, max_length=4)
    title: str | None = None
    unit: str | None = None
    rows: list[list[str]]
    spans: list[SpanOut] = Field(default_factory=_new_list)


class CorrectionOut(Model):
    original: str
    corrected: str
    rule: str
    location: dict[str, LocationValue]
    confidence: float = Field(ge=0, le=1)


class WarningOut(Model):
    code: str
    message: str
    location: dict[str, LocationValue] | None = None


# --- card ---------------------------------------------------------------------------------


class Provenance(Model):
    """Where a value was read: a block (by index in `blocks`) or a table cell, with its page,
    bbox (PDF points) and source line, as far as the format tells."""

    block: int | None = None
    table: str | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    line: int | None = None
    bbox: list[float] | None = Field(None, min_length=4, max_length=4)


class Officer(Model):
    name: str | None = None
    phone: str | None = None


class Period(Model):
    start_year: int | None = None
    end_year: int | None = None
    years: int | None = None


class Phase(Model):
    name: str
    start_year: int | None = None
    end_year: int | None = None
    quantity: int | None = None


class WorkItem(Model):
    title: str
    quantity: int | None = None
    unit: str | None = None
    phases: list[Phase] = Field(default_factory=_new_list)
    notes: list[str] = Field(default_factory=_new_list)


class BudgetSources(Model):
    national: int | None = None
    provincial: int | None = None
    municipal: int | None = None
    other: int | None = None


class FundingRow(Model):
    source: FundingSource
    label: str
    total_krw: int | None = None
    prior_krw: int | None = None
    by_year_krw: dict[str, int | None] = Field(default_factory=_new_dict)
    after_term_krw: int | None = None


class Check(Model):
    name: str
    ok: bool
    detail: str


class Funding(Model):
    unit_label: str | None = None
    unit_krw: int | None = None
    rows: list[FundingRow] = Field(default_factory=_new_list)
    checks: list[Check] = Field(default_factory=_new_list)


class Achievement(Model):
    section: str | None = None
    as_of: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    date_text: str | None = Field(None, description="The date as written, e.g. \"'24. 2 ~ 3월\"")
    text: str
    source: Provenance | None = None


class GoalTarget(Model):
    year: int | None = None
    text: str
    status: GoalStatus | None = None


class Goal(Model):
    project: str
    targets: list[GoalTarget] = Field(default_factory=_new_list)
    details: list[str] = Field(default_factory=_new_list)


class Communication(Model):
    total: int | None = None
    resident_meetings: int | None = None
    satisfaction_surveys: int | None = None
    expert_consultations: int | None = None
    media: int | None = None
    other: int | None = None


class Plan(Model):
    date_start: str | None = None
    date_end: str | None = None
    date_text: str | None = None
    text: str
    source: Provenance | None = None


class Card(Model):
    pledge_name: str | None = None
    pledge_subtitle: str | None = None
    management_no: str | None = None
    department: str | None = None
    cooperating_departments: list[str] = Field(default_factory=_new_list)
    officer: Officer = Field(default_factory=Officer)
    target: str | None = None
    status: str | None = None
    period: Period = Field(default_factory=Period)
    work_items: list[WorkItem] = Field(default_factory=_new_list)
    total_budget_krw: int | None = None
    budget_sources_krw: BudgetSources = Field(default_factory=BudgetSources)
    summary: str | None = None
    funding: Funding = Field(default_factory=Funding)
    achievements: list[Achievement] = Field(default_factory=_new_list)
    goals: list[Goal] = Field(default_factory=_new_list)
    communication: Communication = Field(default_factory=Communication)
    plans: list[Plan] = Field(default_factory=_new_list)
    expected_effects: list[str] = Field(default_factory=_new_list)
    provenance: dict[str, Provenance] = Field(
        default_factory=_new_dict,
        description="Field name -> where its value was read (the first place, for lists)")


# --- press --------------------------------------------------------------------------------


class Quote(Model):
    speaker: str | None = None
    role: str | None = None
    text: str
    organization: str | None = Field(
        default=None, description="The speaker's organisation as the text names it "
                                  "(원주시장 -> 원주시; 강원특별자치도 관계자 -> 강원특별자치도)")


class Amount(Model):
    text: str
    krw: int | None = Field(
        description="The amount in won; null for money in another currency (억 달러 is not won)")
    context: str
    currency: str = Field(default="KRW", description="ISO 4217 code: KRW, or USD for 달러/불 ...")
    value: float | None = Field(
        default=None, description="For a currency other than KRW, the amount in that currency "
                          "(141.5억 달러 -> 14150000000)")


class Count(Model):
    text: str
    value: int
    unit: str


class BudgetItem(Model):
    name: str
    start_year: int | None = None
    end_year: int | None = None
    amount_krw: int | None = None


class DateMention(Model):
    text: str
    date_start: str | None = None
    date_end: str | None = None


class PressContact(Model):
    """A row of an official 보도자료's contact table (담당부서 / 담당자 / 연락처)."""

    department: str | None = None
    position: str | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None


class Press(Model):
    headline: str | None = None
    subheadline: str | None = None
    outlet: str | None = None
    reporter: str | None = None
    published_at: str | None = None
    paragraphs: list[str] = Field(default_factory=_new_list)
    quotes: list[Quote] = Field(default_factory=_new_list)
    amounts: list[Amount] = Field(default_factory=_new_list)
    counts: list[Count] = Field(default_factory=_new_list)
    budget_items: list[BudgetItem] = Field(default_factory=_new_list)
    dates: list[DateMention] = Field(default_factory=_new_list)
    contacts: list[PressContact] = Field(
        default_factory=_new_list, description="An official 보도자료's 담당부서/담당자 contacts")


# --- the record ---------------------------------------------------------------------------


class Record(Model):
    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    doc_type: DocType
    doc_type_confidence: float = Field(ge=0, le=1)
    source: SourceInfo
    title: str | None = None
    blocks: list[BlockOut] = Field(default_factory=_new_list)
    tables: list[TableOut] = Field(default_factory=_new_list)
    card: Card | None = None
    press: Press | None = None
    corrections: list[CorrectionOut] = Field(default_factory=_new_list)
    warnings: list[WarningOut] = Field(default_factory=_new_list)


# --- the form's vocabulary and the contract agree ------------------------------------------


def card_field_mismatches(rows: list[list[str]]) -> list[str]:
    """Where the rows of `card_fields.tsv` and the contract's types disagree: a field the
    TSV fills that the type does not allow (a record would fail validation), or a value of
    the type no row fills."""
    problems = []
    for table, kind in CARD_FIELD_TYPES.items():
        allowed = set(get_args(kind))
        filled = {row[2] for row in rows if row[0] == table and len(row) >= 3}
        if extra := sorted(filled - allowed):
            problems.append(f"card_fields.tsv fills {table} with {extra}, which the record "
                            f"contract does not allow (schemas/models.py)")
        if missing := sorted(allowed - filled):
            problems.append(f"card_fields.tsv has no {table} row for {missing}")
    return problems


class VocabularyMismatch(RuntimeError):
    """`card_fields.tsv` and the record contract disagree."""


if _problems := card_field_mismatches(read_table("card_fields.tsv")):
    raise VocabularyMismatch("; ".join(_problems))
