"""The console script's fast path (`gongmun.console`): `gongmun extract FILE...` without
building the typer app must print exactly what the typer app prints, fail the same way, and
leave every other command line to typer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongmun.console import fast_extract_args

REPO = Path(__file__).resolve().parents[1]
BORN_DIGITAL_PDF = REPO / "samples" / "cards" / "card_smart_farm.pdf"

CONSOLE = """
import json, sys
from gongmun.console import main
try:
    main(sys.argv[1:])
finally:
    sys.stdout.flush()
    print(json.dumps({"typer": "typer" in sys.modules}), file=sys.stderr)
"""
TYPER_APP = [sys.executable, "-c", "from gongmun.cli import app; app()"]


def console(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], bool]:
    """The console script's run of `args`, and whether it imported typer."""
    done = subprocess.run([sys.executable, "-c", CONSOLE, *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    *stderr, probe = done.stderr.splitlines()
    done.stderr = "".join(line + "\n" for line in stderr)
    return done, json.loads(probe)["typer"]


def typer_app(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TYPER_APP, *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


@pytest.mark.parametrize("args", [
    ["extract", "card.pdf"],
    ["extract", "a.pdf", "folder", "--no-correct"],
    ["extract", "--debug", "a.txt", "--correct"],
])
def test_files_and_flags_take_the_fast_path(args: list[str]) -> None:
    got = fast_extract_args(args)
    assert got is not None
    paths, flags = got
    assert paths == [Path(a) for a in args[1:] if not a.startswith("-")]
    assert flags.get("correct", True) is ("--no-correct" not in args)
    assert flags.get("debug", False) is ("--debug" in args)


@pytest.mark.parametrize("args", [
    [], ["extract"], ["--help"], ["extract", "--help"], ["extract", "a.pdf", "-o", "x.jsonl"],
    ["extract", "a.pdf", "--ocr", "never"], ["extract", "a.pdf", "--timeout=5"],
    ["extract", "-"], ["extract", ""], ["extract", "--", "-a.pdf"], ["batch", "in", "--out", "o"],
    ["schema"], ["extract", "--no-correct"],
])
def test_everything_else_goes_to_typer(args: list[str]) -> None:
    assert fast_extract_args(args) is None


def test_fast_path_prints_what_the_typer_app_prints() -> None:
    fast, imported_typer = console("extract", BORN_DIGITAL_PDF)
    slow = typer_app("extract", BORN_DIGITAL_PDF)
    assert fast.returncode == slow.returncode == 0, (fast.stderr, slow.stderr)
    assert not imported_typer
    assert fast.stdout == slow.stdout
    assert json.loads(fast.stdout)["doc_type"] == "management_card"


def test_fast_path_fails_as_the_typer_app_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    args = ("extract", tmp_path / "missing.pdf", empty, "--no-correct")
    fast, imported_typer = console(*args)
    slow = typer_app(*args)
    assert not imported_typer
    assert (fast.returncode, fast.stdout, fast.stderr) == \
        (slow.returncode, slow.stdout, slow.stderr)
    assert fast.returncode == 1
    assert fast.stderr.splitlines() == [f"error: {tmp_path / 'missing.pdf'}: no such file",
                                        f"error: {empty}: empty file"]


def test_help_and_options_go_through_typer(tmp_path: Path) -> None:
    done, imported_typer = console("extract", "--help")
    assert done.returncode == 0 and imported_typer
    assert "--max-pages" in done.stdout
    out = tmp_path / "records.jsonl"
    done, imported_typer = console("extract", BORN_DIGITAL_PDF, "--no-correct", "-o", out)
    assert done.returncode == 0 and imported_typer, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["doc_type"] == "management_card"
