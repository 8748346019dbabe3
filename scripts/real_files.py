"""Where the real documents are: `shared/real` beside the repository or above it (CI keeps
a copy of `shared/` beside its clone). One finder for the evaluation scripts and the tests
(pytest puts `scripts/` on the path)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_real(part: str = "") -> Path | None:
    """`shared/real/<part>` nearest above the repository, or None where there is none."""
    for parent in [REPO, *REPO.parents]:
        candidate = parent / "shared" / "real" / part if part else parent / "shared" / "real"
        if candidate.exists():
            return candidate
    return None
