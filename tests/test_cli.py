"""The `gongmun` command line as a user runs it: a real subprocess, stdout and stderr apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED_CARD

from gongmun.schemas.models import Record

GONGMUN = [sys.executable, "-c", "from gongmun.cli import app; app()"]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "100"}
    return subprocess.run([*GONGMUN, *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


@pytest.mark.slow
def test_extract_one_file_prints_one_valid_record() -> None:
    done = run("extract", SEED_CARD)
    assert done.returncode == 0, done.stderr
    record = Record.model_validate_json(done.stdout)
    assert record.doc_type == "management_card"
    assert record.source.path == str(SEED_CARD)


@pytest.mark.slow
def test_many_inputs_to_jsonl_and_one_line_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "card.txt").write_bytes(SEED_CARD.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.json").write_text("{}")  # not a document: skipped inside folders
    out = tmp_path / "out" / "records.jsonl"
    done = run("extract", folder, tmp_path / "missing.pdf", "-o", out)
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert errors == [
        f"error: {folder / 'empty.txt'}: empty file",
        f"error: {tmp_path / 'missing.pdf'}: no such file",
    ]
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["source"]["path"] == str(folder / "sub" / "card.txt")
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_random_bytes_one_line_error_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "noise.bin"
    bad.write_bytes(bytes((i * 7919) % 256 for i in range(4096)))
    done = run("extract", bad)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {bad}: ")
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_help_has_examples() -> None:
    done = run("extract", "--help")
    assert done.returncode == 0
    assert "gongmun extract samples/ -o out/records.jsonl" in done.stdout


@pytest.mark.slow
def test_schema_command_prints_the_checked_in_schema() -> None:
    done = run("schema")
    checked_in = (Path(__file__).parents[1] / "schemas" / "record.schema.json").read_text()
    assert done.stdout.strip() == checked_in.strip()


@pytest.mark.slow
def test_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    for target, reason in ((tmp_path, "is a directory"),
                           (tmp_path / "missing" / "sub" / "x.jsonl", None)):
        if reason is None:
            (tmp_path / "missing").write_text("a file where a folder should be")
        done = run("extract", SEED_CARD, "-o", target)
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {target}: ")
        assert "Traceback" not in done.stderr


def test_help_prose_is_wrapped_by_the_terminal_not_the_source() -> None:
    from typer.testing import CliRunner

    from gongmun.cli import app

    for width, command in ((200, "extract"), (200, "batch"), (60, "extract")):
        done = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": str(width)},
                                  terminal_width=width)
        lines = done.stdout.splitlines()
        assert max(len(line) for line in lines) <= width
        if width == 200:  # a wide terminal shows each prose paragraph on one line
            joined = [line for line in lines if "(walked recursively)" in line
                      or "a killed run loses nothing written" in line]
            assert joined, done.stdout


def test_reflow_joins_prose_and_keeps_examples() -> None:
    from gongmun.cli import reflow

    text = "One file: its record\nis printed.\n\nExamples:\n\n  gongmun a\n  gongmun b\n"
    expected = "One file: its record is printed.\n\nExamples:\n\n  gongmun a\n  gongmun b"
    assert reflow(text) == expected


LIMIT_ARGS = ["--memory-mb", "0", "--max-pages", "7", "--max-stream-mb", "3",
              "--max-line-chars", "5", "--max-input-mb", "9", "--max-nesting", "11"]


def _assert_limits_given(limits: object) -> None:
    from gongmun.extract.limits import MIB, Limits

    assert isinstance(limits, Limits)
    assert (limits.memory_mb, limits.max_pages, limits.max_stream_bytes, limits.max_line_chars,
            limits.max_input_bytes, limits.max_nesting) == (None, 7, 3 * MIB, 5, 9 * MIB, 11)


def test_the_shared_limit_options_reach_extract_and_batch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both commands take the limit options declared once (cli.LimitOptions)."""
    from typer.testing import CliRunner

    from gongmun.cli import app

    seen: dict[str, object] = {}

    def fake_convert(path: Path, *, limits: object, **_: object) -> object:
        seen["extract"] = limits
        raise SystemExit(0)

    def fake_main(options: object) -> int:
        seen["batch"] = options.limits  # type: ignore[attr-defined]
        return 0

    monkeypatch.setattr("gongmun.pipeline.convert", fake_convert)
    monkeypatch.setattr("gongmun.batch.main", fake_main)
    runner = CliRunner()
    runner.invoke(app, ["extract", str(SEED_CARD), *LIMIT_ARGS])
    runner.invoke(app, ["batch", str(SEED_CARD.parent), "--out", str(tmp_path), *LIMIT_ARGS])
    _assert_limits_given(seen["extract"])
    _assert_limits_given(seen["batch"])
