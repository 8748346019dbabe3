"""Management card builder: a normalized Document -> `Card` (공약사업 관리카드)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from gongmun.extract.model import Block, BlockType, Document, Table
from gongmun.normalize import vocab
from gongmun.normalize.text import canonical_label
from gongmun.normalize.values import (
    find_dates,
    find_money,
    parse_number,
    parse_quantity,
    parse_year_range,
    to_int_krw,
    unit_multiplier,
)

from .card_tables import (
    communication_check,
    find_communication_table,
    find_funding_table,
    find_goals_table,
    funding_checks,
    parse_communication,
    parse_funding,
    parse_goals,
)
from .form import field_containing, field_for_label
from .models import (
    Achievement,
    BudgetSources,
    Card,
    Officer,
    Period,
    Phase,
    Plan,
    WarningOut,
    WorkItem,
)
from .provenance import SourceMap
from .warnings import WarningLog

# "label : value" items (사업기간 : ..., 총사업비 : ...); the colon may be full-width.
_LABELLED = re.compile(r"^(?P<label>[^:：]{1,12}?)\s*[:：]\s*(?P<value>.*)$")
# A person's name as it stands in a header cell: two to four syllables.
_NAME = re.compile(r"^[가-힣]{2,4}$")
# "(국비 30,000, 도비 5,130, ...)": the sources after 총사업비, in the amount's unit.
_SOURCE_AMOUNT = re.compile(
    r"(?P<label>[가-힣·]{2,4})\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
# The unit words after an amount's last digit: "1조 2,000억 원" -> "억 원".
_TRAILING_UNIT = re.compile(r"\d([^\d]*)$")
_PHASE = re.compile(
    r"(?P<name>\d+\s*단계)\s*(?:\((?P<years>[^)]*)\))?\s*(?P<qty>\d[\d,]*)?\s*(?P<unit>[가-힣]+)?"
)
_TRAILING_QUANTITY = re.compile(r"\s*\((?P<count>[^()]*)\)\s*$")
_SEPARATOR_BEFORE_DATE = re.compile(r"\s*[:：]\s*$")
_LIST_SPLIT = re.compile(r"\s*[,、·/]\s*")


@dataclass
class Sections:
    """Blocks grouped under the card's section headings (사업개요, 추진실적, ...)."""

    blocks: dict[str, list[Block]] = field(default_factory=lambda: defaultdict(list))

    def get(self, name: str) -> list[Block]:
        return self.blocks.get(name, [])


def build_card(doc: Document) -> tuple[Card, list[WarningOut], str | None]:
    log, where = WarningLog(), SourceMap(doc)
    sections = group_sections(doc.blocks)
    effects = [b for b in sections.get("expected_effects")
               if b.type is BlockType.LIST_ITEM and b.text]
    if effects:
        where.note("expected_effects", where.block(effects[0]))
    card = Card(
        **parse_header(doc, log, where),
        **parse_overview(sections.get("overview"), log, where),
        achievements=parse_achievements(sections.get("achievements"), where),
        plans=parse_plans(sections.get("plans"), where),
        expected_effects=[b.text for b in effects],
    )
    if (goals_table := find_goals_table(doc.tables)) is not None:
        card.goals = parse_goals(goals_table, log)
        where.note("goals", where.table(goals_table))
    checks = []
    if (funding_table := find_funding_table(doc.tables)) is not None:
        card.funding = parse_funding(funding_table, log)
        checks += funding_checks(card, funding_table, log)
        where.note("funding", where.table(funding_table))
    else:
        log.add("missing_table", "the funding table (재원투자) was not found")
    if (communication_table := find_communication_table(doc.tables)) is not None:
        card.communication = parse_communication(communication_table, log)
        if (check := communication_check(card.communication, communication_table, log)):
            checks.append(check)
        where.note("communication", where.table(communication_table))
    card.funding.checks = checks
    card.provenance = where.fields
    return card, log.items, card_title(doc)


def card_title(doc: Document) -> str | None:
    titles = [b.text for b in doc.blocks[:5] if b.type in (BlockType.HEADING, BlockType.PARAGRAPH)]
    return next((t for t in titles if "카드" in t), titles[0] if titles else None)


# --- sections -----------------------------------------------------------------------------


def group_sections(blocks: list[Block]) -> Sections:
    sections = Sections()
    current: str | None = None
    for block in blocks:
        if block.type is BlockType.HEADING:
            name = field_containing("section", block.text.replace(" ", ""))
            if name is not None and (block.marker != "《》" or name == "goals"):
                current = name
                continue
        if current is not None:
            sections.blocks[current].append(block)
    return sections


# --- header table -------------------------------------------------------------------------


def parse_header(doc: Document, log: WarningLog, where: SourceMap) -> dict[str, Any]:
    table = next((t for t in doc.tables if _is_header_table(t)), None)
    if table is None:
        log.add("missing_header", "the card's header table (공약명, 관리번호, ...) was not found")
        return {}
    cells = _label_values(table, log)
    for label, found in cells.items():
        where.note(_HEADER_RECORD_FIELD.get(label, label), where.cell(table, *found[0][1:]))
    values = {label: [text for text, _, _ in found] for label, found in cells.items()}
    name, phone = _officer(values, table, log)
    pledge_name, subtitle_cells = split_subtitle(_first(values, "pledge_name"),
                                                 values.get("subtitle", []))
    return {
        "pledge_name": pledge_name,
        "pledge_subtitle": _subtitle(subtitle_cells, table, log),
        "management_no": _first(values, "management_no"),
        "department": _first(values, "department"),
        "cooperating_departments": [
            d for cell in values.get("cooperating_departments", []) for d in _LIST_SPLIT.split(cell)
            if d
        ],
        "officer": Officer(name=name, phone=phone),
        "target": _first(values, "target"),
        "status": _first(values, "status"),
    }


# Header labels whose values land in a record field of another name.
_HEADER_RECORD_FIELD = {"subtitle": "pledge_subtitle", "phone": "officer"}


def _is_header_table(table: Table) -> bool:
    labels = {_header_field(cell) for row in table.rows for cell in row}
    return {"pledge_name", "management_no"} & labels != set()


def _header_field(cell: str) -> str | None:
    label = canonical_label(cell)
    return field_for_label("header", label) if label else None


def _label_values(table: Table, log: WarningLog) -> dict[str, list[tuple[str, int, int]]]:
    """Each header label's value cells (text, row, col): the non-empty cells up to the next
    label.

    A row with no label continues the row above; a parenthesized value there is the
    pledge's sub-title (`(데이터 활용 의료 ...)` under the 공약명).
    """
    values: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for r, row in enumerate(table.rows):
        current: str | None = None
        for c, cell in enumerate(row):
            label, rest = _split_label(cell)
            if label is not None:
                current = label
                if rest:
                    values[current].append((rest, r, c))
            elif cell and current is not None:
                values[current].append((cell, r, c))
            elif cell and cell.startswith("("):
                values["subtitle"].append((cell, r, c))
            elif cell:
                log.add("unparsed_header_cell", f"header cell {cell!r} has no label",
                        table=table.id, row=r, col=c)
    return values


def _split_label(cell: str) -> tuple[str | None, str]:
    """`담당자 김은규` -> ("officer", "김은규"); a plain label -> (field, "")."""
    if (whole := _header_field(cell)) is not None:
        return whole, ""
    head, _, rest = cell.partition(" ")
    if rest and (field_name := _header_field(head)) is not None:
        return field_name, rest.strip()
    return None, ""


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key, [])
    return found[0] if found else None


def _officer(values: dict[str, list[str]], table: Table,
             log: WarningLog) -> tuple[str | None, str | None]:
    phone = _first(values, "phone")
    cells = values.get("officer") or values.get("department", [])[1:]
    # `이수진 주무관`: the title after the name is Hangul of a name's length too.
    name = next((tok for cell in reversed(cells) for tok in reversed(cell.split())
                 if _NAME.match(tok) and tok not in _titles()), None)
    if name and "officer" not in values:
        log.add("officer_label_not_found",
                f"담당자 label not recognized in the header; officer {name!r} taken from the "
                f"cells between 추진부서 and 전화번호: {cells!r}", table=table.id)
    extra = [c for c in values.get("status", [])[1:]]
    if extra:
        log.add("unparsed_header_cell", f"text after 추진상황 left out: {extra!r}",
                table=table.id)
    return name, phone


def split_subtitle(name: str | None, subtitle_cells: list[str]) -> tuple[str | None, list[str]]:
    """A parenthesized sub-title on its own line of the pledge name's cell is the sub-title
    (when the card has no sub-title row of its own)."""
    match = _SUBTITLE_LINE.match(name or "")
    if match is None or any(c.strip() for c in subtitle_cells):
        return name, subtitle_cells
    return match.group(1).strip(), [match.group(2)]


_SUBTITLE_LINE = re.compile(r"^(.+?)\s*\n\s*(\(.+\))\s*$", re.S)


@cache
def _titles() -> frozenset[str]:
    """Job titles (주무관, 팀장 ...): the `role` words of the entity vocabulary."""
    return frozenset(vocab.entity_words("role"))


def _subtitle(cells: list[str], table: Table, log: WarningLog) -> str | None:
    if not cells:
        return None
    text = " ".join(cells).strip()
    if text.count("(") != text.count(")"):
        log.add("truncated_text", f"the pledge sub-title {text!r} looks cut off "
                "(unbalanced parenthesis); only the opening \"(\" was dropped", table=table.id)
    return text.removeprefix("(").removesuffix(")").strip() or None


# --- 사업개요 -------------------------------------------------------------------------------


def parse_overview(blocks: list[Block], log: WarningLog, where: SourceMap) -> dict[str, Any]:
    out: dict[str, Any] = {"work_items": []}
    items: list[WorkItem] = out["work_items"]
    in_work_items = False
    for block in blocks:
        labelled = _labelled(block)
        if labelled is not None and block.marker in {"○", "●", "◦", "ㅇ", None}:
            key, value = labelled
            in_work_items = key == "work_items"
            _overview_value(out, key, value, block, log)
            for name in _OVERVIEW_RECORD_FIELDS[key]:
                where.note(name, where.block(block))
        elif in_work_items:
            _work_item_line(items, block)
    return out


# An overview item -> the record fields its value fills.
_OVERVIEW_RECORD_FIELDS = {
    "period": ("period",), "work_items": ("work_items",), "summary": ("summary",),
    "total_budget": ("total_budget_krw", "budget_sources_krw"),
}


def _labelled(block: Block) -> tuple[str, str] | None:
    match = _LABELLED.match(block.text)
    if not match:
        return None
    label = canonical_label(match.group("label"))
    key = field_for_label("overview", label) if label else None
    return (key, match.group("value").strip()) if key else None


def _overview_value(out: dict[str, Any], key: str, value: str, block: Block,
                    log: WarningLog) -> None:
    if key == "period":
        years = parse_year_range(value)
        out["period"] = Period(**vars(years)) if years else Period()
    elif key == "summary":
        out["summary"] = value or None
    elif key == "total_budget":
        total, sources = _total_budget(value, block, log)
        out["total_budget_krw"], out["budget_sources_krw"] = total, sources


def _total_budget(value: str, block: Block, log: WarningLog) -> tuple[int | None, BudgetSources]:
    amounts = find_money(value)
    if not amounts:
        log.add("unparsed_amount", f"총사업비 {value!r} has no amount", line=block.line,
                page=block.page)
        return None, BudgetSources()
    total = amounts[0]
    unit_words = _TRAILING_UNIT.search(total.text)
    unit = unit_multiplier(unit_words.group(1)) if unit_words else None
    sources: dict[str, int] = {}
    rest = value[total.end:]
    for match in _SOURCE_AMOUNT.finditer(rest):
        field_name = field_for_label("funding", match.group("label"))
        number = parse_number(match.group("number"))
        if field_name and field_name != "total" and number is not None and unit:
            sources[field_name] = to_int_krw(number * unit)
    return total.krw, BudgetSources(**sources)


def _work_item_line(items: list[WorkItem], block: Block) -> None:
    if block.type is not BlockType.LIST_ITEM:
        return
    if block.marker and (block.marker.isdigit() or "\u2460" <= block.marker <= "\u2473"):
        items.append(_work_item(block.text))
    elif items and block.marker == "※" and "단계" in block.text:
        items[-1].phases.extend(_phases(block.text))
    elif items:
        items[-1].notes.append(block.text)


def _work_item(text: str) -> WorkItem:
    """`치유의 숲 조성(3개소)` -> title, 3, 개소; `숲길 정비(120km)` -> title, 120, km."""
    match = _TRAILING_QUANTITY.search(text)
    quantity = parse_quantity(match.group("count")) if match else None
    if match and quantity:
        return WorkItem(title=text[:match.start()].strip(), quantity=quantity[0],
                        unit=quantity[1])
    return WorkItem(title=text)


def _phases(text: str) -> list[Phase]:
    phases = []
    for match in _PHASE.finditer(text):
        years = parse_year_range(match.group("years") or "")
        qty = parse_number(match.group("qty") or "")
        phases.append(Phase(
            name=re.sub(r"\s+", "", match.group("name")),
            start_year=years.start_year if years else None,
            end_year=years.end_year if years else None,
            quantity=int(qty) if qty is not None else None,
        ))
    return phases


# --- 추진실적, 향후계획 ------------------------------------------------------------------------


def parse_achievements(blocks: list[Block], where: SourceMap) -> list[Achievement]:
    achievements: list[Achievement] = []
    section: str | None = None
    as_of: str | None = None
    for block in blocks:
        if block.type is BlockType.HEADING:
            section, as_of = _subsection(block.text)
        elif block.type is BlockType.LIST_ITEM and block.text:
            text, start, end, written = split_trailing_date(block.text)
            achievements.append(Achievement(section=section, as_of=as_of, date_start=start,
                                            date_end=end, date_text=written, text=text,
                                            source=where.block(block)))
    if achievements and achievements[0].source:
        where.note("achievements", achievements[0].source)
    return achievements


def _subsection(text: str) -> tuple[str, str | None]:
    """`기 추진실적 : '24. 3분기 기준 누계` -> ("기 추진실적", "2024-Q3")."""
    name, _, when = text.partition(":")
    dates = find_dates(when or text)
    return (name.strip() if when else text), (dates[0].date_end if dates else None)


def parse_plans(blocks: list[Block], where: SourceMap) -> list[Plan]:
    plans = []
    for block in blocks:
        if block.type is BlockType.LIST_ITEM and block.text:
            text, start, end, written = split_trailing_date(block.text)
            plans.append(Plan(date_start=start, date_end=end, date_text=written, text=text,
                              source=where.block(block)))
    if plans and plans[0].source:
        where.note("plans", plans[0].source)
    return plans


def split_trailing_date(text: str) -> tuple[str, str | None, str | None, str | None]:
    """`... 계획수립 : '22. 5월` -> ("... 계획수립", "2022-05", "2022-05", "'22. 5월")."""
    dates = find_dates(text)
    last = dates[-1] if dates else None
    if last is None or text[last.end:].strip(" .)"):
        return text, None, None, None
    head = _SEPARATOR_BEFORE_DATE.sub("", text[:last.start]).rstrip()
    return head, last.date_start, last.date_end, last.text
