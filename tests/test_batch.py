"""`gongmun batch`: one record per input, resumable after kill -9; one bad file stops nothing.

Only the kill test runs with OCR correction (models loaded per worker, as users run it);
the others test the batch's mechanics and skip the models' load time.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from dataclasses import replace
from pathlib import Path

import pytest
from batch_corpus import TEXT_KINDS, make_corpus
from batchcheck import (
    assert_complete,
    hooked_env,
    kill_after_records,
    manifest_rows,
    record_files,
    run_batch_cli,
    start_batch_cli,
    summary,
    temp_files,
)

from gongmun.batch import BatchError, BatchOptions, exclusive, run_batch
from gongmun.manifest import Entry, Manifest, data_files, pipeline_key

KILL_CORPUS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, make_corpus(root, KILL_CORPUS, seed=7, kinds=TEXT_KINDS)


def small_corpus(tmp_path: Path, count: int = 6) -> tuple[Path, list[Path]]:
    root = tmp_path / "in"
    return root, make_corpus(root, count, seed=3, kinds=TEXT_KINDS)


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_gives_every_record_exactly_once(
        corpus: tuple[Path, list[Path]], tmp_path: Path) -> None:
    in_dir, inputs = corpus
    out = tmp_path / "out"
    env = hooked_env(tmp_path, delay_s=0.05)  # slow enough that the kill lands mid-run
    job = start_batch_cli(in_dir, "--out", out, "--workers", "2", env=env)
    seen = kill_after_records(job, out, at_least=KILL_CORPUS // 4)
    done_before = sum(1 for _, status in manifest_rows(out) if status == "done")
    assert 0 < seen < KILL_CORPUS and done_before < KILL_CORPUS, "the kill came too late"

    rerun = run_batch_cli(in_dir, "--out", out, "--workers", "2", env=hooked_env(tmp_path))
    assert rerun.returncode == 0, rerun.stderr
    assert_complete(in_dir, out, inputs)
    stats = summary(out)
    assert stats["skipped"] == done_before  # resumed: what was done is not done again
    assert stats["processed"] == KILL_CORPUS - done_before


@pytest.mark.slow
def test_bad_files_are_reported_and_the_rest_go_on_then_redone_once_fixed(
        tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path)
    (in_dir / "empty.txt").write_bytes(b"")
    (in_dir / "junk.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(64))
    out = tmp_path / "out"
    first = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct")
    assert first.returncode == 1
    assert f"error: {in_dir / 'empty.txt'}: empty file" in first.stderr.splitlines()
    assert "Traceback" not in first.stderr
    assert f"{len(inputs) + 2} inputs: {len(inputs)} done, 2 failed" in first.stderr
    log = (out / "errors.log").read_text(encoding="utf-8").splitlines()
    assert log[0] == f"error: {in_dir / 'empty.txt'}: empty file"
    assert log[1].startswith(f"error: {in_dir / 'junk.pdf'}: ")
    assert len(record_files(out)) == len(inputs)

    (in_dir / "empty.txt").write_bytes(inputs[0].read_bytes())
    (in_dir / "junk.pdf").unlink()
    second = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct", "--prune")
    assert second.returncode == 0, second.stderr
    assert summary(out)["skipped"] == len(inputs)
    assert (summary(out)["processed"], summary(out)["removed"]) == (1, 1)
    assert (out / "errors.log").read_text(encoding="utf-8") == ""
    assert (out / "records" / "empty.txt.json").is_file()


@pytest.mark.slow
def test_changed_input_and_new_pipeline_version_are_redone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    in_dir, inputs = small_corpus(tmp_path)
    out = tmp_path / "out"
    options = BatchOptions(in_dir=in_dir, out_dir=out, workers=2, progress=False,
                           correct=False)
    assert run_batch(options).processed == len(inputs)
    assert run_batch(options).skipped == len(inputs)

    changed = inputs[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n추가 문단.\n", encoding="utf-8")
    again = run_batch(options)
    assert (again.processed, again.skipped) == (1, len(inputs) - 1)
    record = json.loads((out / "records" / f"{changed.relative_to(in_dir)}.json").read_text())
    assert "추가 문단." in json.dumps(record, ensure_ascii=False)

    monkeypatch.setattr("gongmun.pipeline.PIPELINE_VERSION", "999.0")
    assert run_batch(options).processed == len(inputs)
    assert_complete(in_dir, out, inputs)


@pytest.mark.slow
def test_a_worker_that_dies_fails_only_its_own_input(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=8)
    (in_dir / "crash.txt").write_bytes(inputs[0].read_bytes())
    out = tmp_path / "out"
    done = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct",
                         env=hooked_env(tmp_path))
    assert done.returncode == 1
    assert (f"error: {in_dir / 'crash.txt'}: worker process died (crash or out of memory)"
            in done.stderr.splitlines())
    assert len(record_files(out)) == len(inputs)
    assert ("crash.txt", "failed") in manifest_rows(out)


@pytest.mark.slow
def test_workers_are_recycled_after_the_given_number_of_files(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=12)
    out, pids = tmp_path / "out", tmp_path / "pids"
    pids.mkdir()
    done = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct",
                         "--recycle-after", "3", env=hooked_env(tmp_path, pids_dir=pids))
    assert done.returncode == 0, done.stderr
    assert len(list(pids.iterdir())) >= len(inputs) // 3  # a fresh process every 3 files
    assert_complete(in_dir, out, inputs)


@pytest.mark.slow
def test_an_input_over_the_time_limit_fails_alone(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=3)
    (in_dir / "hang.txt").write_bytes(inputs[0].read_bytes())
    out = tmp_path / "out"
    done = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct",
                         "--timeout", "1",
                         env=hooked_env(tmp_path), timeout=120)
    assert done.returncode == 1
    assert (f"error: {in_dir / 'hang.txt'}: timed out after 1 s (limit --timeout)"
            in done.stderr.splitlines())
    assert len(record_files(out)) == len(inputs)
    assert summary(out)["failure_kinds"] == {"limit": 1}  # a time-out, not a corrupt file


@pytest.mark.slow
def test_stray_temp_files_of_a_killed_run_are_swept(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=2)
    out = tmp_path / "out"
    stray = out / "records" / "cards" / ".card.txt.json.x1y2.tmp"
    stray.parent.mkdir(parents=True)
    stray.write_text('{"half": ')
    run_batch(BatchOptions(in_dir=in_dir, out_dir=out, workers=1, progress=False,
                           correct=False))
    assert temp_files(out) == []
    assert_complete(in_dir, out, inputs)


@pytest.mark.slow
def test_missing_in_dir_is_one_line_error(tmp_path: Path) -> None:
    done = run_batch_cli(tmp_path / "nope", "--out", tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr == f"error: {tmp_path / 'nope'}: no such directory\n"
    assert not (tmp_path / "out").exists()


def test_empty_in_dir_busy_out_dir_and_broken_manifest_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match="no documents found"):
        run_batch(BatchOptions(in_dir=tmp_path / "empty", out_dir=tmp_path / "o1"))
    in_dir, _ = small_corpus(tmp_path, count=1)
    with exclusive(tmp_path / "o2"), pytest.raises(BatchError, match="another batch"):
        run_batch(BatchOptions(in_dir=in_dir, out_dir=tmp_path / "o2", workers=1,
                               correct=False))
    (tmp_path / "o3").mkdir()
    (tmp_path / "o3" / "manifest.sqlite").write_text("not a database")
    with pytest.raises(BatchError, match="not a usable manifest"):
        run_batch(BatchOptions(in_dir=in_dir, out_dir=tmp_path / "o3", workers=1))


# --- the defects a new user hit (issue 11), each with the test that failed before its fix ---


def options_for(in_dir: Path, out: Path, **changes: object) -> BatchOptions:
    base = BatchOptions(in_dir=in_dir, out_dir=out, workers=1, progress=False, correct=False)
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.slow
def test_no_correct_then_a_normal_run_redoes_every_record(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=3)
    out = tmp_path / "out"
    assert run_batch(options_for(in_dir, out)).processed == len(inputs)
    again = run_batch(options_for(in_dir, out, correct=True))
    assert (again.processed, again.skipped) == (len(inputs), 0)
    assert run_batch(options_for(in_dir, out, correct=True)).skipped == len(inputs)


@pytest.mark.slow
def test_a_changed_data_file_changes_the_key_and_redoes_the_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("사업화\n", encoding="utf-8")
    monkeypatch.setattr("gongmun.manifest.data_files", lambda: [lexicon])
    before = pipeline_key("1.0", {"correct": True})
    lexicon.write_text("사업화\n허가\n", encoding="utf-8")
    assert pipeline_key("1.0", {"correct": True}) != before
    assert pipeline_key("1.0", {"correct": False}) != pipeline_key("1.0", {"correct": True})

    in_dir, inputs = small_corpus(tmp_path, count=2)
    out = tmp_path / "out"
    assert run_batch(options_for(in_dir, out)).processed == len(inputs)
    lexicon.write_text("사업화\n허가\n인허가\n", encoding="utf-8")
    assert run_batch(options_for(in_dir, out)).processed == len(inputs)


def test_the_real_key_covers_the_rule_and_data_files() -> None:
    names = {p.name for p in data_files()}
    assert {"lexicon.txt", "ocr_confusions.tsv", "labels.tsv", "card_fields.tsv",
            "record.schema.json"} <= names


def test_a_vanished_input_keeps_its_record_unless_pruned(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=3)
    out = tmp_path / "out"
    run_batch(options_for(in_dir, out))
    gone = inputs[0]
    record = out / "records" / f"{gone.relative_to(in_dir)}.json"
    gone.unlink()
    kept = run_batch(options_for(in_dir, out))  # e.g. a rerun on part of IN_DIR
    assert (kept.removed, record.is_file()) == (0, True)
    pruned = run_batch(options_for(in_dir, out, prune=True))
    assert (pruned.removed, record.is_file()) == (1, False)


def test_pruning_never_unlinks_outside_out_dir(tmp_path: Path) -> None:
    in_dir, _ = small_corpus(tmp_path, count=1)
    out = tmp_path / "out"
    run_batch(options_for(in_dir, out))
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    with Manifest.in_dir(out) as manifest:  # a damaged or edited manifest
        manifest.put(Entry(path="gone.txt", sha256="0", pipeline_version="0", status="done",
                           record="records/../../victim.txt"))
        manifest.put(Entry(path="gone2.txt", sha256="0", pipeline_version="0", status="done",
                           record=str(victim)))
    assert run_batch(options_for(in_dir, out, prune=True)).removed == 2
    assert victim.read_text() == "keep me"


def test_a_file_name_too_long_for_a_record_fails_nothing(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=2)
    long_name = in_dir / ("공약사업관리카드" * 10)[:78]  # 234 bytes: `.json` + temp no fit
    long_name.with_suffix(".txt").write_bytes(inputs[0].read_bytes())
    longest = in_dir / ("가" * 83 + ".txt")  # 253 bytes
    longest.write_bytes(inputs[0].read_bytes())
    out = tmp_path / "out"
    first = run_batch(options_for(in_dir, out))
    assert (first.done, first.failed) == (4, 0)
    assert (out / "errors.log").is_file() and (out / "summary.json").is_file()
    names = [p.name for p in record_files(out)]
    assert all(len(n.encode()) <= 255 for n in names)
    assert f"{longest.name}.json" not in names and any(n.startswith("가" * 50) for n in names)
    assert run_batch(options_for(in_dir, out)).skipped == 4  # and a rerun finds them


@pytest.mark.slow
def test_an_internal_error_is_reported_as_one_with_its_traceback(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=2)
    (in_dir / "bug.txt").write_bytes(inputs[0].read_bytes())
    out = tmp_path / "out"
    done = run_batch_cli(in_dir, "--out", out, "--workers", "1", "--no-correct",
                         env=hooked_env(tmp_path))
    line = f"error: {in_dir / 'bug.txt'}: internal error: KeyError: 'simulated bug'"
    assert line in done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    log = (out / "errors.log").read_text(encoding="utf-8").splitlines()
    assert log[0] == line
    assert log[1] == "    Traceback (most recent call last):"
    assert all(rest.startswith("    ") for rest in log[1:])
    assert summary(out)["failure_kinds"] == {"internal": 1}

    debug = run_batch_cli(in_dir, "--out", tmp_path / "out2", "--workers", "1", "--no-correct",
                          "--debug", env=hooked_env(tmp_path))
    assert "Traceback (most recent call last):" in debug.stderr
    assert "KeyError: 'simulated bug'" in debug.stderr


@pytest.mark.slow
def test_timeout_with_dask_is_refused_not_ignored(tmp_path: Path) -> None:
    in_dir, _ = small_corpus(tmp_path, count=1)
    done = run_batch_cli(in_dir, "--out", tmp_path / "out", "--executor", "dask",
                         "--timeout", "5")
    assert done.returncode == 1
    assert done.stderr.startswith("error: --timeout: not supported with --executor dask")
    with pytest.raises(BatchError, match="not supported with --executor dask"):
        run_batch(options_for(in_dir, tmp_path / "out", executor="dask", timeout_s=5.0))


@pytest.mark.slow
def test_kill_9_of_the_batch_leaves_no_worker_or_forkserver(tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=2)
    for n in range(4):
        (in_dir / f"hang{n}.txt").write_bytes(inputs[0].read_bytes())
    pids = tmp_path / "pids"
    pids.mkdir()
    job = start_batch_cli(in_dir, "--out", tmp_path / "out", "--workers", "2",
                          "--no-correct", env=hooked_env(tmp_path, pids_dir=pids))
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(list(pids.iterdir())) == 2, "the workers never started"
    assert len(session_members(job.pid)) >= 3  # the batch, its forkserver, 2 workers
    os.kill(job.pid, signal.SIGKILL)
    job.communicate(timeout=30)
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    while session_members(job.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = session_members(job.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(job.pid, signal.SIGKILL)  # tidy up after a failure
    assert left == [], f"processes left behind: {left}"


LEFTOVER_GRACE_S = 5.0


def session_members(session: int) -> list[int]:
    """Live (not zombie) processes of a session, from /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session and fields[0] != "Z":
                members.append(int(stat.parent.name))
    return members


@pytest.mark.slow
def test_a_file_stuck_in_c_code_is_stopped_by_force_and_reported_as_a_time_out(
        tmp_path: Path) -> None:
    in_dir, inputs = small_corpus(tmp_path, count=1)
    (in_dir / "spin.txt").write_bytes(inputs[0].read_bytes())
    out = tmp_path / "out"
    done = run_batch_cli(in_dir, "--out", out, "--workers", "1", "--no-correct",
                         "--timeout", "1", env=hooked_env(tmp_path), timeout=120)
    assert (f"error: {in_dir / 'spin.txt'}: timed out after 1 s (stopped by force after 6 s; "
            "limit --timeout)") in done.stderr.splitlines()
    assert len(record_files(out)) == len(inputs)
    assert summary(out)["failure_kinds"] == {"limit": 1}


@pytest.mark.slow
def test_a_file_over_the_memory_ceiling_fails_alone_as_a_limit(tmp_path: Path) -> None:
    from hostile import flate_bomb

    in_dir, inputs = small_corpus(tmp_path, count=3)
    (in_dir / "bomb.pdf").write_bytes(flate_bomb(160))
    out = tmp_path / "out"
    # The stream cap raised past the bomb: only the memory ceiling stands in its way.
    done = run_batch_cli(in_dir, "--out", out, "--workers", "2", "--no-correct",
                         "--max-stream-mb", "1000", "--memory-mb", "64", timeout=120)
    assert (f"error: {in_dir / 'bomb.pdf'}: out of memory: reading it needs more than "
            "64 MiB (limit --memory-mb)") in done.stderr.splitlines()
    assert len(record_files(out)) == len(inputs)
    assert summary(out)["failure_kinds"] == {"limit": 1}


def test_a_manifest_of_the_first_layout_gains_the_new_columns(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "manifest.sqlite"
    with sqlite3.connect(path) as db:  # the layout before pipeline keys and error kinds
        db.execute("CREATE TABLE inputs (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL,"
                   " pipeline_version TEXT NOT NULL, status TEXT NOT NULL, record TEXT,"
                   " error TEXT, doc_type TEXT, pages INTEGER, seconds REAL,"
                   " size_bytes INTEGER, mtime_ns INTEGER, updated_at TEXT NOT NULL)")
        db.execute("INSERT INTO inputs VALUES ('a.txt', 'x', '0.1.0', 'done',"
                   " 'records/a.txt.json', NULL, NULL, NULL, NULL, NULL, NULL, 'then')")
    with Manifest(path) as manifest:
        old = manifest.get("a.txt")
        assert old is not None and old.pipeline_key is None  # so a rerun redoes it
        manifest.put(Entry(path="b.txt", sha256="y", pipeline_version="0.1.0",
                           status="failed", error="empty file", error_kind="bad_input",
                           result_status="failed", pipeline_key="k"))
        new = manifest.get("b.txt")
        assert new is not None and (new.error_kind, new.pipeline_key) == ("bad_input", "k")
