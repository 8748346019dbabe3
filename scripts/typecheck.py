"""Type-check the package as it is installed: one `gongmun` namespace across the layers.

`pyproject.toml` maps the folders `extract/`, `normalize/` and `schemas/` into `gongmun.*`.
Setuptools' editable install follows that mapping at run time, but mypy (like pyright and
editors) does not: run over the folders, it resolves `gongmun.extract.model.Block` to `Any`
from `schemas/`, so a wrong type passed between layers goes unseen. This script lays out
the installed shape as a tree of links in `.mypy_cache/installed-layout-tree` (`gongmun/`
with `extract`, `normalize`, `schemas` inside it) and runs mypy on the package there, with
the project's own mypy settings, and on the development tools in `scripts/` against it.

    .venv/bin/python scripts/typecheck.py            # the repository
    .venv/bin/python scripts/typecheck.py --root DIR # another copy (the canary test uses it)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAPPED_LAYERS = ("extract", "normalize", "schemas")
"""Folders installed as `gongmun.<name>` (pyproject's `package-dir`)."""


def link_installed_layout(root: Path, into: Path) -> Path:
    """`into/gongmun/` holding links to the face's files and to each mapped layer."""
    package = into / "gongmun"
    package.mkdir(parents=True)
    for entry in (root / "gongmun").iterdir():
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry.resolve())
    for layer in MAPPED_LAYERS:
        (package / layer).symlink_to((root / layer).resolve())
    return package


def dev_tool_modules(root: Path) -> list[str]:
    """The scripts (evaluation, corpora, bench), checked against the package as installed."""
    return sorted(path.stem for path in (root / "scripts").glob("*.py"))


def run_mypy(root: Path) -> int:
    config = root / "pyproject.toml"
    # The layout is laid out at the same place on every run, so mypy's cache (keyed on the
    # modules' paths) stays valid and a second run re-checks only what changed.
    layout = root / ".mypy_cache" / "installed-layout-tree"
    shutil.rmtree(layout, ignore_errors=True)
    link_installed_layout(root, layout)
    command = [
        sys.executable, "-m", "mypy", "--config-file", str(config),
        "--cache-dir", str(root / ".mypy_cache" / "installed-layout"),
        "-p", "gongmun",
    ]
    for module in dev_tool_modules(root):
        command += ["-m", module]
    env = {**os.environ, "MYPYPATH": str(root / "scripts")}
    return subprocess.run(command, cwd=layout, env=env, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=REPO, help="repository to check")
    return run_mypy(parser.parse_args().root.resolve())


if __name__ == "__main__":
    raise SystemExit(main())
