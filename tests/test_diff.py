"""`gongmun diff`: a card's changes between two quarters, as tables and as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from recordmaker import MILLION, card_record, press_record, write_record

from gongmun.diff import diff_cards, diff_paths
from gongmun.schemas.models import Check

GONGMUN = [sys.executable, "-c", "from gongmun.cli import app; app()"]
Q3_ACHIEVEMENTS = [("계획수립", "2022-05"), ("협약 체결", "2024-07")]
Q4_ACHIEVEMENTS = [*Q3_ACHIEVEMENTS, ("암치유 프로그램 개발 완료", "2024-12")]


def quarter(path: str, **changes: object) -> object:
    base: dict[str, object] = {"achievements": Q3_ACHIEVEMENTS,
                               "plans": [("신규 과제 공모", "2025-04"), ("개소식", "2025-06")]}
    return card_record(path, **{**base, **changes})  # type: ignore[arg-type]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GONGMUN, *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "120"}, timeout=120)


def test_status_funding_goals_achievements_and_plans_changes() -> None:
    old = quarter("q3.txt")
    new = quarter("q4.txt", status="추진중(지연)", national={"2023": 9000, "2024": 7000},
                  achievements=Q4_ACHIEVEMENTS, goal_status="완료",
                  plans=[("개소식", "2025-06"), ("사업 추진", "2025-12")])
    assert old.card is not None and new.card is not None
    diff = diff_cards(old.card, new.card)
    assert [(c.field, c.old, c.new) for c in diff.fields] == [
        ("status", "추진중(정상)", "추진중(지연)")]
    cells = {(f.source, f.year): (f.old_krw, f.new_krw, f.delta_krw) for f in diff.funding}
    assert cells == {
        ("national", "2024"): (6000 * MILLION, 7000 * MILLION, 1000 * MILLION),
        ("national", "total"): (15000 * MILLION, 16000 * MILLION, 1000 * MILLION),
        ("total", "2024"): (6090 * MILLION, 7090 * MILLION, 1000 * MILLION),
        ("total", "total"): (19590 * MILLION, 20590 * MILLION, 1000 * MILLION),
    }
    assert [(g.target, g.old_status, g.new_status) for g in diff.goals] == [
        ("임상 추진", "추진중", "완료")]
    assert [a.text for a in diff.new_achievements] == ["암치유 프로그램 개발 완료"]
    assert diff.removed_achievements == []
    assert [p.text for p in diff.new_plans] == ["사업 추진"]
    assert [p.text for p in diff.dropped_plans] == ["신규 과제 공모"]


def test_same_card_twice_has_no_changes_even_if_spacing_differs() -> None:
    old = quarter("a.txt")
    new = quarter("b.txt", achievements=[("계획 수립", "2022-05"), ("협약 체결", "2024-07")])
    assert old.card is not None and new.card is not None
    assert not diff_cards(old.card, new.card).changed


def test_two_batch_outputs_are_matched_by_management_no(tmp_path: Path) -> None:
    q3, q4 = tmp_path / "q3", tmp_path / "q4"
    write_record(q3, "a.txt", quarter("a.txt", management_no="2-9-1"))
    write_record(q3, "b.txt", quarter("b.txt", management_no="2-14-2"))
    write_record(q3, "gone.txt", quarter("gone.txt", management_no="5-1-1"))
    write_record(q4, "renamed.pdf", quarter("renamed.pdf", management_no="2-14-2",
                                            status="완료"))
    write_record(q4, "a.txt", quarter("a.txt", management_no="2-9-1"))
    write_record(q4, "new.txt", quarter("new.txt", management_no="1-1-1"))
    write_record(q4, "press.pdf", press_record("press.pdf"))
    result = diff_paths(q3, q4)
    assert [(c.management_no, c.old_doc, c.new_doc) for c in result.cards] == [
        ("2-14-2", "b.txt", "renamed.pdf")]
    assert (result.unchanged, result.added, result.removed) == (1, ["1-1-1"], ["5-1-1"])


@pytest.mark.slow
def test_cli_shows_a_table_and_json(tmp_path: Path) -> None:
    old = write_record(tmp_path / "q3", "c.txt", quarter("c.txt"))
    new = write_record(tmp_path / "q4", "c.txt", quarter(
        "c.txt", status="완료", achievements=Q4_ACHIEVEMENTS, goal_status="완료"))
    shown = run("diff", old, new)
    assert shown.returncode == 0, shown.stderr
    assert "관리번호 2-14-2" in shown.stdout
    assert "추진중(정상)" in shown.stdout and "완료" in shown.stdout
    assert "+ 암치유 프로그램 개발 완료 (2024-12)" in shown.stdout
    assert "│ 2024 " in shown.stdout  # a year, not an amount: no thousands separator
    assert "1 changed, 0 unchanged" in shown.stdout
    as_json = run("diff", old, new, "--json")
    data = json.loads(as_json.stdout)
    change = data["changed"][0]
    assert change["fields"] == [{"field": "status", "old": "추진중(정상)", "new": "완료"}]
    assert [a["text"] for a in change["new_achievements"]] == ["암치유 프로그램 개발 완료"]


@pytest.mark.slow
def test_different_cards_or_bad_paths_are_one_line_errors(tmp_path: Path) -> None:
    a = write_record(tmp_path, "a.txt", quarter("a.txt", management_no="1-1-1"))
    b = write_record(tmp_path, "b.txt", quarter("b.txt", management_no="2-2-2"))
    different = run("diff", a, b)
    assert different.returncode == 1
    assert different.stderr == f"error: {b}: a different card: management_no 2-2-2, not 1-1-1\n"
    missing = run("diff", a, tmp_path / "nope.json")
    assert missing.returncode == 1
    assert missing.stderr == f"error: {tmp_path / 'nope.json'}: no such file or directory\n"
    press = write_record(tmp_path, "p.pdf", press_record("p.pdf"))
    not_card = run("diff", a, press)
    assert not_card.stderr == f"error: {press}: not a management card record\n"


def test_checks_that_start_or_stop_failing_are_reported() -> None:
    old, new = quarter("q3.txt"), quarter("q4.txt")
    assert old.card is not None and new.card is not None
    new_card = new.card.model_copy(deep=True)
    new_card.funding.checks = [
        Check(name="sources_sum_to_total:2024", ok=False, detail="10,000 ≠ 9,000"),
        Check(name="years_sum_to_total:national", ok=True, detail="ok"),
    ]
    old.card.funding.checks = [Check(name="years_sum_to_total:national", ok=False, detail="x")]
    diff = diff_cards(old.card, new_card)
    assert diff.newly_failed_checks == ["sources_sum_to_total:2024"]
    assert diff.newly_passed_checks == ["years_sum_to_total:national"]
    assert diff.changed
    assert diff_cards(new_card, new_card).newly_failed_checks == []
