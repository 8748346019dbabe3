"""The batch manifest: which input became which record, in an embedded SQLite file in OUT_DIR.

One row per input (its path relative to IN_DIR). A row is trusted only while the input's
sha256 and the pipeline version still match it; a rerun redoes everything else. The batch
writes a row only after the record file is in place, so a crash between the two at worst
redoes one file. SQLite (in WAL mode) survives `kill -9` at any moment: a transaction is
either in the file or not.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = "manifest.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    path             TEXT PRIMARY KEY,  -- relative to IN_DIR, '/'-separated
    sha256           TEXT NOT NULL,     -- of the bytes the record was built from
    pipeline_version TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    record           TEXT,              -- record file, relative to OUT_DIR ('done' only)
    error            TEXT,              -- one-line reason ('failed' only)
    doc_type         TEXT,
    pages            INTEGER,
    seconds          REAL,
    size_bytes       INTEGER,           -- stat at planning time: lets a rerun skip hashing
    mtime_ns         INTEGER,           --   an input whose size and mtime are unchanged
    updated_at       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inputs_by_content ON inputs (sha256, pipeline_version);
"""


@dataclass(frozen=True)
class Entry:
    path: str
    sha256: str
    pipeline_version: str
    status: str
    record: str | None = None
    error: str | None = None
    doc_type: str | None = None
    pages: int | None = None
    seconds: float | None = None
    size_bytes: int | None = None
    mtime_ns: int | None = None


class Manifest:
    """The manifest of one OUT_DIR. Single writer: the batch's own process."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        # WAL + NORMAL: a commit is durable against a killed process (what a batch meets)
        # without an fsync per file; a power cut may lose the last commits, which a rerun redoes.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def in_dir(cls, out_dir: str | Path) -> Manifest:
        return cls(Path(out_dir) / MANIFEST_NAME)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str) -> Entry | None:
        row = self._db.execute("SELECT * FROM inputs WHERE path = ?", (path,)).fetchone()
        return _entry(row) if row is not None else None

    def entries(self) -> Iterator[Entry]:
        for row in self._db.execute("SELECT * FROM inputs ORDER BY path"):
            yield _entry(row)

    def put(self, entry: Entry) -> None:
        """Insert or replace the row of `entry.path` (one transaction)."""
        self._db.execute(
            "INSERT OR REPLACE INTO inputs (path, sha256, pipeline_version, status, record,"
            " error, doc_type, pages, seconds, size_bytes, mtime_ns, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.path, entry.sha256, entry.pipeline_version, entry.status, entry.record,
             entry.error, entry.doc_type, entry.pages, entry.seconds, entry.size_bytes,
             entry.mtime_ns, time.strftime("%Y-%m-%dT%H:%M:%S%z")),
        )

    def delete(self, path: str) -> None:
        self._db.execute("DELETE FROM inputs WHERE path = ?", (path,))

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT status, count(*) FROM inputs GROUP BY status")
        return {status: n for status, n in rows}


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(**{key: row[key] for key in Entry.__dataclass_fields__})
