"""The hostile corpus (tests/hostile.py): each file gets its expected answer, within 30 s and
1 GB, read alone and in a batch mixed with good files whose records are all written."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_corpus import TEXT_KINDS, make_corpus
from batchcheck import record_files, run_batch_cli, summary
from hostile import GOOD_PDF, HOSTILE, PASSWORD, Expected, write_hostile

from gongmun.extract.limits import Limits, cap_memory
from gongmun.manifest import MANIFEST_NAME

TIME_LIMIT_S = 30
MEMORY_LIMIT_MB = 1024
LIMITS = Limits(timeout_s=TIME_LIMIT_S, memory_mb=MEMORY_LIMIT_MB, password=PASSWORD)


pytestmark = pytest.mark.slow  # limits hit on purpose: time-outs, bombs, subprocesses


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    write_hostile(folder)
    return folder


def answered(expected: Expected, status: str | None, kind: str | None,
             error: str | None) -> bool:
    if expected.record:
        return status in ("done", "partial")
    return status == "failed" and kind == expected.kind and expected.words in (error or "")


def convert_in_child(path: Path) -> tuple[dict[str, object], float, int]:
    """Convert `path` in a forked child under LIMITS; its answer, seconds and the peak memory
    (MB) the file added over what the child inherited (the pytest process's own RSS at the
    fork varies with what earlier tests loaded, models included)."""
    from gongmun.pipeline import convert

    inherited_mb = resident_mb()
    read_end, write_end = os.pipe()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            cap_memory(LIMITS.memory_mb)
            result = convert(path, correct=False, limits=LIMITS)
            answer = {"status": result.status, "kind": result.error_kind,
                      "error": result.error, "traceback": result.traceback}
            os.write(write_end, json.dumps(answer).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, _, usage = os.wait4(pid, 0)
    added_mb = usage.ru_maxrss // 1024 - inherited_mb
    return json.loads(payload or b"{}"), time.monotonic() - start, added_mb


def resident_mb() -> int:
    """This process's resident memory now, in MB (Linux: /proc/self/statm)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // (1024 * 1024)


@pytest.mark.parametrize("name", HOSTILE)
def test_each_hostile_file_alone(name: str, hostile_dir: Path) -> None:
    _, expected = HOSTILE[name]
    answer, seconds, peak_mb = convert_in_child(hostile_dir / name)
    assert answered(expected, answer.get("status"), answer.get("kind"),  # type: ignore[arg-type]
                    answer.get("error")), answer  # type: ignore[arg-type]
    assert "\n" not in str(answer.get("error") or "")
    assert seconds < TIME_LIMIT_S
    assert peak_mb < MEMORY_LIMIT_MB


def test_the_corpus_is_hostile_enough() -> None:
    assert len(HOSTILE) >= 25
    kinds = {e.kind for _, e in HOSTILE.values()}
    assert kinds == {None, "bad_input", "limit"}


def test_hostile_files_in_a_batch_with_good_files(hostile_dir: Path, tmp_path: Path) -> None:
    in_dir = tmp_path / "in"
    shutil.copytree(hostile_dir, in_dir / "hostile")
    good = make_corpus(in_dir / "good", 6, seed=11, kinds=TEXT_KINDS)
    good.append(Path(shutil.copy(GOOD_PDF, in_dir / "good" / GOOD_PDF.name)))
    out = tmp_path / "out"
    start = time.monotonic()
    done = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct",
                         "--password", PASSWORD, "--timeout", str(TIME_LIMIT_S),
                         "--memory-mb", str(MEMORY_LIMIT_MB), timeout=300)
    assert time.monotonic() - start < 120
    assert done.returncode == 1  # some inputs failed, as expected
    assert "Traceback" not in done.stderr

    rows = manifest(out)
    for path in good:
        rel = path.relative_to(in_dir).as_posix()
        assert rows[rel][0] == "done", rows[rel]
    for name, (_, expected) in HOSTILE.items():
        status, kind, error = rows[f"hostile/{name}"]
        assert answered(expected, status, kind, error), (name, status, kind, error)
    records_expected = len(good) + sum(e.record for _, e in HOSTILE.values())
    assert len(record_files(out)) == records_expected
    stats = summary(out)
    failed = len(HOSTILE) + len(good) - records_expected
    assert (stats["done"], stats["failed"]) == (records_expected, failed)
    assert set(stats["failure_kinds"]) == {"bad_input", "limit"}  # type: ignore[arg-type]

    # errors.log: one line per failure (a newline in a name is escaped, not a line break).
    log = (out / "errors.log").read_text(encoding="utf-8").splitlines()
    assert len(log) == failed
    assert all(line.startswith(f"error: {in_dir}/hostile/") for line in log)


def manifest(out: Path) -> dict[str, tuple[str, str | None, str | None]]:
    with sqlite3.connect(out / MANIFEST_NAME) as db:
        return {path: (status, kind, error) for path, status, kind, error in db.execute(
            "SELECT path, result_status, error_kind, error FROM inputs")}


def test_names_with_leading_dashes_and_newlines_on_the_command_line(
        hostile_dir: Path) -> None:
    names = ["-leading-dash.txt", "new\nline.txt", "--help.txt"]
    result = subprocess.run(
        [sys.executable, "-m", "gongmun.cli", "extract", "--no-correct", "--",
         *names, "empty.txt"], cwd=hostile_dir, capture_output=True, text=True, timeout=120,
        check=False)
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"]["path"] for r in records] == names
    assert result.stderr == "error: empty.txt: empty file\n"


def test_a_newline_in_a_failing_name_is_escaped_in_its_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "two\nlines.txt"
    bad.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "gongmun.cli", "extract", str(bad)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.stderr == f"error: {tmp_path}/two\\nlines.txt: empty file\n"



def test_limit_options_reach_the_readers(tmp_path: Path) -> None:
    from hostile import pdf_with_pages

    (tmp_path / "three.pdf").write_bytes(pdf_with_pages(3))
    (tmp_path / "line.txt").write_text("가" * 50, encoding="utf-8")
    (tmp_path / "deep.html").write_text("<div>" * 20 + "본문" + "</div>" * 20)
    (tmp_path / "big.txt").write_bytes(b"abc\n" * (3 << 18))  # 3 MiB
    result = subprocess.run(
        [sys.executable, "-m", "gongmun.cli", "extract", "--no-correct", "--max-pages", "2",
         "--max-line-chars", "40", "--max-nesting", "10", "--max-input-mb", "1",
         "three.pdf", "line.txt", "deep.html", "big.txt"], cwd=tmp_path, capture_output=True,
        text=True, timeout=120, check=False)
    assert result.stderr.splitlines() == [
        "error: three.pdf: more than 2 pages (limit 2, --max-pages)",
        "error: line.txt: line 1 is 50 characters long (limit 40, --max-line-chars)",
        "error: deep.html: HTML nested more than 10 elements deep (limit --max-nesting)",
        "error: big.txt: file is 3 MiB (limit 1 MiB, --max-input-mb)",
    ]
