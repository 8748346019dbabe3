"""`gongmun diff OLD NEW`: what changed in a management card since last quarter.

OLD and NEW are two records of the same card (`.json`), or two batch outputs (or folders of
records, or `.jsonl` files) whose cards are matched by management_no. Per card: changed
header fields (status first), changed funding cells (source x year), goal statuses, new
(and no longer listed) achievements, new and dropped plans. As tables, or as JSON.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from gongmun.export import ExportError, Loaded, funding_cells, iter_records
from gongmun.schemas.models import Achievement, Card, Plan

# Header facts compared one by one, the most watched first.
CARD_FIELDS = ("status", "total_budget_krw", "target", "department", "pledge_name",
               "pledge_subtitle", "period", "budget_sources_krw", "officer")
_SPACES = re.compile(r"\s+")


class DiffError(ExportError):
    """The inputs cannot be compared. Shown as `error: PATH: REASON`."""


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class FundingChange:
    source: str
    year: str
    old_krw: int | None
    new_krw: int | None

    @property
    def delta_krw(self) -> int | None:
        if self.old_krw is None or self.new_krw is None:
            return None
        return self.new_krw - self.old_krw


@dataclass
class GoalChange:
    project: str
    year: int | None
    target: str
    old_status: str | None
    new_status: str | None


@dataclass
class CardDiff:
    management_no: str
    old_doc: str
    new_doc: str
    fields: list[FieldChange] = field(default_factory=list)
    funding: list[FundingChange] = field(default_factory=list)
    goals: list[GoalChange] = field(default_factory=list)
    new_achievements: list[Achievement] = field(default_factory=list)
    removed_achievements: list[Achievement] = field(default_factory=list)
    new_plans: list[Plan] = field(default_factory=list)
    dropped_plans: list[Plan] = field(default_factory=list)
    newly_failed_checks: list[str] = field(default_factory=list)
    """Cross-foot checks that passed (or were not made) last quarter and fail now."""
    newly_passed_checks: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any((self.fields, self.funding, self.goals, self.new_achievements,
                    self.removed_achievements, self.new_plans, self.dropped_plans,
                    self.newly_failed_checks, self.newly_passed_checks))

    def to_json(self) -> dict[str, Any]:
        return {
            "management_no": self.management_no, "old": self.old_doc, "new": self.new_doc,
            "fields": [asdict(c) for c in self.fields],
            "funding": [{**asdict(c), "delta_krw": c.delta_krw} for c in self.funding],
            "goals": [asdict(c) for c in self.goals],
            "new_achievements": [a.model_dump() for a in self.new_achievements],
            "removed_achievements": [a.model_dump() for a in self.removed_achievements],
            "new_plans": [p.model_dump() for p in self.new_plans],
            "dropped_plans": [p.model_dump() for p in self.dropped_plans],
            "newly_failed_checks": self.newly_failed_checks,
            "newly_passed_checks": self.newly_passed_checks,
        }


@dataclass
class Diff:
    cards: list[CardDiff] = field(default_factory=list)  # matched cards that changed
    unchanged: int = 0
    added: list[str] = field(default_factory=list)  # management numbers only in NEW
    removed: list[str] = field(default_factory=list)  # only in OLD
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.cards or self.added or self.removed)

    def to_json(self) -> dict[str, Any]:
        return {"changed": [c.to_json() for c in self.cards], "unchanged": self.unchanged,
                "added": self.added, "removed": self.removed, "notes": self.notes}


# --- comparing ----------------------------------------------------------------------------


def diff_cards(old: Card, new: Card, old_doc: str = "OLD", new_doc: str = "NEW") -> CardDiff:
    result = CardDiff(new.management_no or old.management_no or "?", old_doc, new_doc)
    result.fields = [FieldChange(name, _plain(getattr(old, name)), _plain(getattr(new, name)))
                     for name in CARD_FIELDS if getattr(old, name) != getattr(new, name)]
    result.funding = funding_changes(old, new)
    result.goals = goal_changes(old, new)
    result.new_achievements = only_in(new.achievements, old.achievements)
    result.removed_achievements = only_in(old.achievements, new.achievements)
    result.new_plans = only_in(new.plans, old.plans)
    result.dropped_plans = only_in(old.plans, new.plans)
    result.newly_failed_checks, result.newly_passed_checks = check_changes(old, new)
    return result


def check_changes(old: Card, new: Card) -> tuple[list[str], list[str]]:
    """(checks failing now that did not fail before, checks failing before that pass now)."""
    failed_before = {c.name for c in old.funding.checks if not c.ok}
    failed_now = {c.name for c in new.funding.checks if not c.ok}
    passed_now = {c.name for c in new.funding.checks if c.ok}
    return sorted(failed_now - failed_before), sorted(failed_before & passed_now)


def funding_changes(old: Card, new: Card) -> list[FundingChange]:
    before = {(s, y): krw for s, _, y, krw in funding_cells(old)}
    after = {(s, y): krw for s, _, y, krw in funding_cells(new)}
    keys = list(before) + [k for k in after if k not in before]
    return [FundingChange(source, year, before.get((source, year)), after.get((source, year)))
            for source, year in keys if before.get((source, year)) != after.get((source, year))]


def goal_changes(old: Card, new: Card) -> list[GoalChange]:
    def statuses(card: Card) -> dict[tuple[str, int | None, str], str | None]:
        return {(_key(g.project), t.year, _key(t.text)): t.status
                for g in card.goals for t in g.targets}

    before, after = statuses(old), statuses(new)
    texts = {(_key(g.project), t.year, _key(t.text)): (g.project, t.text)
             for card in (old, new) for g in card.goals for t in g.targets}
    return [GoalChange(texts[k][0], k[1], texts[k][1], before.get(k), after.get(k))
            for k in texts if before.get(k) != after.get(k)]


def only_in(items: list[Any], others: list[Any]) -> list[Any]:
    """Items of `items` not in `others`, as a multiset, matched by date and spacing-free text."""
    remaining = Counter(_item_key(o) for o in others)
    out = []
    for item in items:
        key = _item_key(item)
        if remaining[key]:
            remaining[key] -= 1
        else:
            out.append(item)
    return out


def _item_key(item: Achievement | Plan) -> tuple[str | None, str | None, str]:
    return item.date_start, item.date_end, _key(item.text)


def _key(text: str) -> str:
    return _SPACES.sub("", text)


def _plain(value: Any) -> Any:
    return value.model_dump() if hasattr(value, "model_dump") else value


# --- loading and matching -----------------------------------------------------------------


def cards_by_number(path: str | Path, notes: list[str]) -> dict[str, Loaded]:
    cards: dict[str, Loaded] = {}
    for loaded in iter_records(path):
        card = loaded.record.card
        if card is None or not card.management_no:
            continue
        if card.management_no in cards:
            notes.append(f"{path}: management_no {card.management_no} in both "
                         f"{cards[card.management_no].doc} and {loaded.doc}; the first is used")
            continue
        cards[card.management_no] = loaded
    return cards


def diff_paths(old: str | Path, new: str | Path) -> Diff:
    """Compare two records of one card, or two sets of records card by card."""
    if Path(old).is_file() and Path(new).is_file() and not _is_jsonl(old, new):
        card_diff = diff_two_records(old, new)
        if card_diff.changed:
            return Diff(cards=[card_diff])
        return Diff(unchanged=1)
    result = Diff()
    before, after = cards_by_number(old, result.notes), cards_by_number(new, result.notes)
    for number in sorted(before.keys() & after.keys(), key=_natural):
        a, b = before[number], after[number]
        assert a.record.card is not None and b.record.card is not None
        card_diff = diff_cards(a.record.card, b.record.card, a.doc, b.doc)
        if card_diff.changed:
            result.cards.append(card_diff)
        else:
            result.unchanged += 1
    result.added = sorted(after.keys() - before.keys(), key=_natural)
    result.removed = sorted(before.keys() - after.keys(), key=_natural)
    return result


def diff_two_records(old: str | Path, new: str | Path) -> CardDiff:
    a, b = _single_card(old), _single_card(new)
    assert a.record.card is not None and b.record.card is not None
    numbers = a.record.card.management_no, b.record.card.management_no
    if numbers[0] and numbers[1] and numbers[0] != numbers[1]:
        raise DiffError(new, f"a different card: management_no {numbers[1]}, not {numbers[0]}")
    return diff_cards(a.record.card, b.record.card, str(old), str(new))


def _single_card(path: str | Path) -> Loaded:
    loaded = list(iter_records(path))
    if len(loaded) != 1 or loaded[0].record.card is None:
        raise DiffError(path, "not a management card record")
    return loaded[0]


def _is_jsonl(*paths: str | Path) -> bool:
    return any(Path(p).suffix == ".jsonl" for p in paths)


def _natural(number: str) -> list[int | str]:
    """`2-9-1` before `2-14-1`."""
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", number)]


# --- showing ------------------------------------------------------------------------------


def print_diff(result: Diff, stream: IO[str] | None = None) -> None:
    from rich.console import Console

    console = Console(file=stream or sys.stdout, highlight=False)
    for card in result.cards:
        _print_card(console, card)
    for label, numbers in (("added (only in NEW)", result.added),
                           ("removed (only in OLD)", result.removed)):
        if numbers:
            console.print(f"{label}: {', '.join(numbers)}", markup=False)
    for note in result.notes:
        console.print(f"note: {note}", markup=False)
    console.print(f"{len(result.cards)} changed, {result.unchanged} unchanged, "
                  f"{len(result.added)} added, {len(result.removed)} removed", markup=False)


def _print_card(console: Any, card: CardDiff) -> None:
    from rich.table import Table

    console.print(f"\n관리번호 {card.management_no}  ({card.old_doc} -> {card.new_doc})",
                  markup=False, style="bold")
    if card.fields:
        table = Table("field", "old", "new", title="fields", title_justify="left")
        for c in card.fields:
            money = c.field.endswith("_krw")
            table.add_row(c.field, _show(c.old, money), _show(c.new, money))
        console.print(table)
    if card.funding:
        table = Table("source", "year", "old (원)", "new (원)", "change (원)", title="funding",
                      title_justify="left")
        for f in card.funding:
            table.add_row(f.source, f.year, _won(f.old_krw), _won(f.new_krw),
                          _won(f.delta_krw, sign=True))
        console.print(table)
    if card.goals:
        table = Table("project", "year", "target", "old", "new", title="goals",
                      title_justify="left")
        for g in card.goals:
            table.add_row(g.project, _show(g.year), g.target, _show(g.old_status),
                          _show(g.new_status))
        console.print(table)
    for title, names in (("checks failing now", card.newly_failed_checks),
                         ("checks passing now", card.newly_passed_checks)):
        if names:
            console.print(f"{title}: {', '.join(names)}", markup=False)
    for title, items, mark in (("new achievements", card.new_achievements, "+"),
                               ("achievements no longer listed", card.removed_achievements, "-"),
                               ("new plans", card.new_plans, "+"),
                               ("dropped plans", card.dropped_plans, "-")):
        if items:
            console.print(f"{title}:", markup=False)
            for item in items:
                when = item.date_text or item.date_start or ""
                console.print(f"  {mark} {item.text}" + (f" ({when})" if when else ""),
                              markup=False)


def _show(value: Any, money: bool = False) -> str:
    if value is None:
        return "-"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v, money)}" for k, v in value.items())
    return f"{value:,}" if money and isinstance(value, int) else str(value)


def _won(value: int | None, sign: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+,}" if sign else f"{value:,}"


def main(old: Path, new: Path, as_json: bool) -> int:
    """The CLI's `diff`: the exit code is 1 only if the inputs cannot be compared."""
    try:
        result = diff_paths(old, new)
    except ExportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_diff(result)
    return 0
