"""Regenerate the expected records in samples/expected/ from the current pipeline.

A golden file is a claim that the output is right: read the diff (`git diff samples/expected`)
before committing it.

    .venv/bin/python scripts/update_goldens.py            # every sample
    .venv/bin/python scripts/update_goldens.py samples/cards/x.pdf
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from golden import expected_path, golden_json, sample_files  # noqa: E402

from gongmun.output import write_text_atomic  # noqa: E402


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sample_files()
    for path in paths:
        target = expected_path(path)
        write_text_atomic(target, golden_json(path))
        print(f"wrote {target.relative_to(REPO)}")


if __name__ == "__main__":
    main(sys.argv[1:])
