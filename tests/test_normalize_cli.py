"""`gongmun normalize` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

GONGMUN = [sys.executable, "-c", "from gongmun.cli import app; app()"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GONGMUN, *map(str, args)], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_text_prints_the_corrected_text() -> None:
    done = run("normalize", "--text", "AI 기반 시업화 마케팅, IRB하가(18건)")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "AI 기반 사업화 마케팅, IRB허가(18건)\n"


@pytest.mark.slow
def test_json_lists_the_corrections_and_no_correct_turns_them_off(tmp_path: Path) -> None:
    path = tmp_path / "scan.txt"
    path.write_text("연구용역(2전) 수행완료\n원료 수입 단가\n", encoding="utf-8")
    done = run("normalize", "--json", path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["text"] == "연구용역(2건) 수행완료\n원료 수입 단가"
    (fix,) = data["corrections"]
    assert fix["original"] == "2전" and fix["corrected"] == "2건"
    assert fix["location"]["line"] == 1 and (fix["location"]["start"], fix["location"]["end"]) \
        == (5, 7)
    raw = run("normalize", "--no-correct", path)
    assert raw.stdout == "연구용역(2전) 수행완료\n원료 수입 단가\n"


@pytest.mark.slow
def test_errors_are_one_line_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    done = run("normalize", missing)
    assert done.returncode == 1
    assert done.stderr == f"error: {missing}: no such file\n"
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81\x82\xff")
    done = run("normalize", binary)
    assert done.returncode == 1 and done.stderr.startswith(f"error: {binary}: ")
    assert done.stderr.count("\n") == 1
    done = run("normalize")
    assert done.returncode == 1 and done.stderr.startswith("error: ")
