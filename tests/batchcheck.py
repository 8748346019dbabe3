"""Helpers for the batch tests: run `gongmun batch` as a user does, kill it, check OUT_DIR.

Worker processes start from a fresh interpreter (forkserver), so a test cannot patch them
from here; `hooked_env` puts a `sitecustomize` on their PYTHONPATH that slows every input
down (so a kill lands mid-run) and makes inputs named `*crash*` kill their worker and
`*hang*` run forever, `*spin*` loop in C, `*bug*` raise an exception as our own code would,
and (with `pids_dir`) leaves a file named after each worker's pid.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from gongmun.batch import RECORDS_DIR
from gongmun.manifest import MANIFEST_NAME
from gongmun.schemas.models import Record

GONGMUN = [sys.executable, "-c", "from gongmun.cli import app; app()"]

SITECUSTOMIZE = '''
import os, time
import gongmun.pipeline as _pipeline

_real = _pipeline.extract_bytes
_delay = float(os.environ.get("GONGMUN_TEST_DELAY_S", "0"))
_pids = os.environ.get("GONGMUN_TEST_PIDS_DIR")

def _hooked(data, path, **kwargs):
    if _pids:
        open(os.path.join(_pids, str(os.getpid())), "a").close()
    if "crash" in path:
        os._exit(3)
    if "bug" in path:
        raise KeyError("simulated bug")
    if "hang" in path:
        time.sleep(3600)
    if "spin" in path:  # a long call in C, which no Python signal handler interrupts
        sum(range(10**13))
    time.sleep(_delay)
    return _real(data, path, **kwargs)

_pipeline.extract_bytes = _hooked
'''


def hooked_env(tmp_path: Path, delay_s: float = 0.0,
               pids_dir: Path | None = None) -> dict[str, str]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE)
    path = os.pathsep.join(filter(None, [str(hook_dir), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": path, "GONGMUN_TEST_DELAY_S": str(delay_s)}
    if pids_dir is not None:
        env["GONGMUN_TEST_PIDS_DIR"] = str(pids_dir)
    return env


def run_batch_cli(*args: str | Path, env: dict[str, str] | None = None,
                  timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GONGMUN, "batch", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=timeout)


def start_batch_cli(*args: str | Path, env: dict[str, str]) -> subprocess.Popen[str]:
    # Its own session, so that after killing the job we can reap any worker it left.
    return subprocess.Popen([*GONGMUN, "batch", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)


def kill_after_records(job: subprocess.Popen[str], out_dir: Path, at_least: int,
                       limit_s: float = 120) -> int:
    """SIGKILL the job once `at_least` records exist; how many records existed then."""
    deadline = time.monotonic() + limit_s
    records = 0
    while time.monotonic() < deadline and job.poll() is None:
        records = len(record_files(out_dir))
        if records >= at_least:
            break
        time.sleep(0.02)
    if job.poll() is not None:
        raise AssertionError(f"the batch ended before the kill: {job.stderr.read()}"
                             if job.stderr else "the batch ended before the kill")
    os.kill(job.pid, signal.SIGKILL)  # kill -9 of the job itself, as a user would
    job.wait(timeout=30)
    time.sleep(0.5)  # orphaned workers notice their parent is gone and exit
    with contextlib.suppress(ProcessLookupError):
        os.killpg(job.pid, signal.SIGKILL)  # reap whatever did not
    if job.stdout is not None:
        job.stdout.close()
    if job.stderr is not None:
        job.stderr.close()
    return records


def record_files(out_dir: Path) -> list[Path]:
    root = out_dir / RECORDS_DIR
    return sorted(p for p in root.rglob("*.json")) if root.exists() else []


def temp_files(out_dir: Path) -> list[Path]:
    return sorted(p for p in out_dir.rglob("*") if p.name.endswith(".tmp"))


def manifest_rows(out_dir: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(out_dir / MANIFEST_NAME) as db:
        return sorted(db.execute("SELECT path, status FROM inputs").fetchall())


def assert_complete(in_dir: Path, out_dir: Path, inputs: list[Path]) -> None:
    """Every input has exactly one valid record and one 'done' row; nothing half-written."""
    rels = sorted(p.relative_to(in_dir).as_posix() for p in inputs)
    expected = sorted(out_dir / RECORDS_DIR / f"{rel}.json" for rel in rels)
    assert record_files(out_dir) == expected
    for path in expected:
        record = Record.model_validate(json.loads(path.read_text(encoding="utf-8")))
        assert record.source.path == str(in_dir / path.relative_to(
            out_dir / RECORDS_DIR).as_posix().removesuffix(".json"))
    assert temp_files(out_dir) == []
    assert manifest_rows(out_dir) == [(rel, "done") for rel in rels]


def summary(out_dir: Path) -> dict[str, object]:
    return json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]
