"""The batch manifest: which input became which record, in an embedded SQLite file in OUT_DIR.

One row per input (its path relative to IN_DIR). A row is trusted only while the input's
sha256 and the pipeline key still match it; a rerun redoes everything else. The key
(`pipeline_key`) covers what makes a record: the package version, the rule and data files
the pipeline reads (lexicons, confusion table, label files, the record schema), and the
options that change records (`--no-correct`, ...). The batch
writes a row only after the record file is in place, so a crash between the two at worst
redoes one file. SQLite (in WAL mode) survives `kill -9` at any moment: a transaction is
either in the file or not.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from collections.abc import Iterator, Mapping
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

# Columns added since the first layout; an older manifest gets them (NULL) when opened.
_ADDED_COLUMNS = {
    "pipeline_key": "TEXT",     # version + rule/data files + record options (pipeline_key)
    "result_status": "TEXT",    # done / partial / failed (pipeline.Result)
    "error_kind": "TEXT",       # bad_input / limit / internal ('failed' only)
    "traceback": "TEXT",        # internal errors only
}

# The packages whose data files shape records, and which of their files are data.
DATA_PACKAGES = ("gongmun.extract", "gongmun.normalize", "gongmun.schemas")
DATA_SUFFIXES = frozenset({".tsv", ".txt", ".json", ".csv", ".yaml", ".yml", ".toml"})


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
    pipeline_key: str | None = None
    result_status: str | None = None
    error_kind: str | None = None
    traceback: str | None = None


def pipeline_key(version: str, options: Mapping[str, object]) -> str:
    """What a record depends on besides its input, as `VERSION+HASH`."""
    digest = hashlib.sha256()
    for path in data_files():
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(json.dumps(dict(options), sort_keys=True, default=str).encode())
    return f"{version}+{digest.hexdigest()[:16]}"


def data_files() -> list[Path]:
    """The rule and data files of the pipeline's packages, in a stable order."""
    import importlib

    files: list[Path] = []
    for name in DATA_PACKAGES:
        module = sys.modules.get(name) or importlib.import_module(name)
        root = Path(module.__file__ or "").parent
        files += sorted(p for p in root.rglob("*") if p.suffix in DATA_SUFFIXES
                        and p.is_file() and "__pycache__" not in p.parts)
    return files


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
        present = {row[1] for row in self._db.execute("PRAGMA table_info(inputs)")}
        for column, kind in _ADDED_COLUMNS.items():
            if column not in present:
                self._db.execute(f"ALTER TABLE inputs ADD COLUMN {column} {kind}")

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
            " error, doc_type, pages, seconds, size_bytes, mtime_ns, updated_at,"
            " pipeline_key, result_status, error_kind, traceback)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (entry.path, entry.sha256, entry.pipeline_version, entry.status, entry.record,
             entry.error, entry.doc_type, entry.pages, entry.seconds, entry.size_bytes,
             entry.mtime_ns, time.strftime("%Y-%m-%dT%H:%M:%S%z"), entry.pipeline_key,
             entry.result_status, entry.error_kind, entry.traceback),
        )

    def delete(self, path: str) -> None:
        self._db.execute("DELETE FROM inputs WHERE path = ?", (path,))

    def counts(self) -> dict[str, int]:
        rows = self._db.execute("SELECT status, count(*) FROM inputs GROUP BY status")
        return {status: n for status, n in rows}


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(**{key: row[key] for key in Entry.__dataclass_fields__})
