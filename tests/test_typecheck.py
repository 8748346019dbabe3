"""The type check sees across the layers: a wrong type passed between them fails it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECKED = ("gongmun", "extract", "normalize", "schemas")

# A schemas-layer function that returns a Block's text (a str) as an int: an error that only
# a checker resolving `gongmun.extract.model` across the mapped folders can see.
CROSS_LAYER_ERROR = '''

def _canary(block: "Block") -> int:
    return block.text
'''


def _scratch_copy(into: Path) -> Path:
    for name in CHECKED:
        shutil.copytree(REPO / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", into / "pyproject.toml")
    shutil.copytree(REPO / "scripts", into / "scripts")
    return into


@pytest.mark.slow
def test_a_cross_layer_type_error_fails_the_check(tmp_path: Path) -> None:
    root = _scratch_copy(tmp_path)
    build = root / "schemas" / "build.py"
    build.write_text(
        build.read_text(encoding="utf-8")
        + "\nfrom gongmun.extract.model import Block\n"
        + CROSS_LAYER_ERROR,
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(root / "scripts" / "typecheck.py"), "--root", str(root)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode != 0, done.stdout
    assert "build.py" in done.stdout
    assert 'Incompatible return value type (got "str", expected "int")' in done.stdout
