"""Regenerate the golden records in samples/expected/ (contract fields) and
samples/expected/layout/ (blocks, tables, provenance) from the current pipeline.

Same as `make goldens`. Read the diff (`git diff samples/expected`) before committing it:
a golden file is a claim that the output is right.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    command = [sys.executable, "-m", "pytest", "-q", "--update-goldens",
               str(REPO / "tests" / "test_golden.py")]
    return subprocess.run(command, cwd=REPO, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
