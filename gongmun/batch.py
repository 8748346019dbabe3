"""`gongmun batch IN_DIR --out OUT_DIR`: one record per input, resumable, in parallel.

    OUT_DIR/records/<path relative to IN_DIR>.json   one record per input, written atomically
                                                     (a name too long for the filesystem is
                                                     shortened, with a hash: `record_rel`)
    OUT_DIR/manifest.sqlite                          what is done, keyed by sha256 + pipeline key
    OUT_DIR/errors.log                               `error: PATH: REASON`, one per failed input;
                                                     internal errors add their traceback, indented
    OUT_DIR/summary.json                             the last run's counts and speed

The workers only compute; this process alone writes records and the manifest, always the
record first (temp file + rename), then its manifest row. So `kill -9` at any moment leaves
at worst a stray temp file (swept at the next start) and a record without its row (redone,
and rewritten identically). A rerun skips inputs whose row is 'done' with the same sha256
and pipeline key (version, rule and data files, record-changing options), and redoes the
rest: new, changed, failed, or built by another pipeline. Records of inputs that are gone
stay unless `--prune` is given (a rerun on part of IN_DIR must not delete the others).

Workers die with the batch: the forkserver and each worker ask the kernel for SIGKILL when
their parent dies (PR_SET_PDEATHSIG), so `kill -9` of the batch leaves no process behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import multiprocessing
import os
import signal
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

from gongmun.extract.errors import ErrorKind
from gongmun.extract.limits import (
    DEFAULT_LIMITS,
    DEFAULT_TIMEOUT_S,
    Limits,
    cap_memory,
    cpu_backstop,
    hard_seconds,
)
from gongmun.inputs import iter_inputs
from gongmun.manifest import MANIFEST_NAME, Entry, Manifest, pipeline_key
from gongmun.output import one_line_path, short_name, write_text_atomic

if TYPE_CHECKING:
    from gongmun.extract.scan import OcrMode

ExecutorKind = Literal["local", "dask"]
RECORDS_DIR = "records"
LOCK_NAME = ".batch.lock"
ERROR_LOG = "errors.log"
SUMMARY_NAME = "summary.json"
DEFAULT_RECYCLE_AFTER = 1000  # memory stays flat over 500 docs; a new worker forks warm
SUMMARY_FAILURES_SHOWN = 20
MAX_FRUITLESS_POOLS = 3


class BatchError(Exception):
    """The batch cannot start (bad IN_DIR, OUT_DIR busy...). Shown as `error: PATH: REASON`."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason


@dataclass(frozen=True)
class BatchOptions:
    in_dir: Path
    out_dir: Path
    workers: int | None = None  # None: the cores this process may use
    executor: ExecutorKind = "local"
    scheduler: str | None = None  # dask: a scheduler address; None starts a LocalCluster
    send_bytes: bool = False  # dask: ship input bytes to workers that cannot see IN_DIR
    recycle_after: int = DEFAULT_RECYCLE_AFTER
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    correct: bool = True
    progress: bool | None = None  # None: when stderr is a terminal
    ocr: OcrMode = "auto"  # --ocr: auto (pages without usable text), always, never
    limits: Limits = DEFAULT_LIMITS  # the other limits; `timeout_s` overrides its time limit
    prune: bool = False  # drop records and rows of inputs no longer in IN_DIR
    debug: bool = False  # print internal errors' tracebacks on stderr

    def file_limits(self) -> Limits:
        return replace(self.limits, timeout_s=self.timeout_s)


# BatchOptions fields that change what a record contains: part of the manifest's pipeline
# key, so that a run with other options redoes the records.
RECORD_OPTIONS = ("correct", "ocr")


@dataclass(frozen=True)
class Task:
    rel: str  # relative to IN_DIR, '/'-separated: the manifest key and the record's name
    path: str  # IN_DIR/rel as the user spelled IN_DIR: the record's `source.path`
    size_bytes: int | None = None
    mtime_ns: int | None = None


@dataclass(frozen=True)
class Outcome:
    rel: str
    ok: bool
    sha256: str | None = None
    record_json: str | None = None
    error: str | None = None
    doc_type: str | None = None
    pages: int | None = None
    seconds: float = 0.0
    status: str = "done"  # done / partial / failed (pipeline.Result)
    error_kind: ErrorKind | None = None  # bad_input / limit / internal
    traceback: str | None = None  # internal errors only


@dataclass
class BatchSummary:
    inputs: int = 0
    skipped: int = 0
    removed: int = 0  # inputs gone from IN_DIR since the last run: record and row removed
    processed: int = 0
    done: int = 0
    failed: int = 0
    pages: int = 0
    seconds: float = 0.0
    workers: int = 0
    executor: str = "local"
    pipeline_version: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)
    partial: int = 0  # done, but the reader left some content out
    failure_kinds: dict[str, int] = field(default_factory=dict)  # bad_input / limit / internal

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "docs_per_s": round(self.docs_per_s, 3),
                "pages_per_s": round(self.pages_per_s, 3)}


Done = Callable[[Task, Outcome], None]


class Executor(Protocol):
    def run(self, tasks: Sequence[Task], done: Done) -> None: ...


# --- the work of one input (runs in a worker) ---------------------------------------------


def process_task(task: Task, correct: bool = True, limits: Limits | float | None = None,
                 data: bytes | None = None, ocr: OcrMode = "auto") -> Outcome:
    """Read (or take) the input's bytes and build its record; never raises."""
    from gongmun.pipeline import convert

    # A bare number is the time limit (older callers).
    file_limits = limits if isinstance(limits, Limits) else Limits(timeout_s=limits,
                                                                   memory_mb=None)
    backstop = (cpu_backstop(file_limits.timeout_s) if _IN_POOL_WORKER
                else contextlib.nullcontext())
    with backstop:
        result = convert(task.path, correct=correct, limits=file_limits, data=data,
                         ocr=ocr)
    if result.record is None:
        return Outcome(rel=task.rel, ok=False, error=result.error, seconds=result.seconds,
                       status="failed", error_kind=result.error_kind,
                       traceback=result.traceback)
    record = result.record
    text = json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    return Outcome(rel=task.rel, ok=True, sha256=record.source.sha256, record_json=text,
                   doc_type=record.doc_type, pages=record.source.pages,
                   seconds=result.seconds, status=result.status)


def failure(task: Task, reason: str, start: float | None = None,
            kind: ErrorKind = "internal") -> Outcome:
    seconds = time.perf_counter() - start if start is not None else 0.0
    return Outcome(rel=task.rel, ok=False, error=reason, seconds=seconds, status="failed",
                   error_kind=kind)


# True in the local pool's workers (processes of ours, where process-wide limits may be set).
_IN_POOL_WORKER = False


def warm_up_worker(correct: bool, memory_mb: int | None = None) -> None:
    """The local pool's worker initializer."""
    global _IN_POOL_WORKER
    _IN_POOL_WORKER = True
    die_with_parent()
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a worker killed leaves no core
    # Ctrl-C is the parent's to handle: it stops submitting and keeps what is written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(correct)
    cap_memory(memory_mb)  # after the models: the ceiling is what one file may add


def warm_up(correct: bool) -> None:
    """Per worker, not per file: load the heavy models once, before the first input."""
    from gongmun.pipeline import load_models

    load_models(correct)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


# The batch's pid, for its forkserver to check that its parent is still the batch.
BATCH_PID_ENV = "GONGMUN_BATCH_PID"


def die_with_parent(expected_parent: int | None = None) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux; else a no-op).

    The batch's forkserver calls it on start (its parent is the batch), and each worker
    (whose parent is the forkserver): `kill -9` of the batch takes the chain down. If the
    parent is already not `expected_parent`, it died before the request: exit now.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if expected_parent is not None and os.getppid() != expected_parent:
        os._exit(1)


# --- the local process pool ---------------------------------------------------------------


class LocalPool:
    """A process pool; workers are replaced after `recycle_after` inputs.

    A worker that dies (segfault, out of memory) breaks the pool: the inputs it had in
    flight are retried one at a time in a fresh pool, so the one that kills a worker is
    found, reported as failed, and the others go on.
    """

    def __init__(self, workers: int, recycle_after: int, limits: Limits,
                 correct: bool, ocr: OcrMode = "auto") -> None:
        self.workers, self.recycle_after = workers, recycle_after
        self.limits, self.correct = limits, correct
        self.ocr = ocr
        self.models = correct  # set per run: whether some input will need the models

    def run(self, tasks: Sequence[Task], done: Done) -> None:
        # --ocr always reads every PDF by OCR, and OCR'd text is corrected.
        self.models = self.correct and (self.ocr == "always"
                                        or needs_models(Path(t.path) for t in tasks))
        queue, suspects = deque(tasks), deque[Task]()
        fruitless = 0
        while queue or suspects:
            source, window = (suspects, 1) if suspects else (queue, 2 * self.workers)
            start = time.monotonic()
            settled, lost = self._drain(source, window, done)
            if len(lost) == 1:
                done(lost[0], self._died(lost[0], time.monotonic() - start))
            else:
                suspects.extend(lost)
            fruitless = 0 if settled or len(lost) == 1 else fruitless + 1
            if fruitless >= MAX_FRUITLESS_POOLS:
                raise BatchError("--workers", "worker processes keep dying before any input")

    def _died(self, task: Task, seconds: float) -> Outcome:
        """The failure of an input that killed its worker when run alone."""
        timeout = self.limits.timeout_s
        if timeout and seconds >= hard_seconds(timeout):  # the kernel's CPU backstop
            return failure(task, f"timed out after {timeout:g} s (stopped by force after "
                           f"{hard_seconds(timeout):g} s; limit --timeout)", kind="limit")
        return failure(task, "worker process died (crash or out of memory)")

    def _pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=_mp_context(self.models),
            initializer=warm_up_worker, initargs=(self.models, self.limits.memory_mb),
            max_tasks_per_child=self.recycle_after,
        )

    def _drain(self, source: deque[Task], window: int, done: Done) -> tuple[int, list[Task]]:
        """Run `source` with at most `window` in flight until it is empty or the pool breaks.

        Returns how many inputs were settled, and the tasks lost with a broken pool.
        """
        running: dict[Future[Outcome], Task] = {}
        settled, lost = 0, list[Task]()
        pool = self._pool()
        try:
            while (source or running) and not lost:
                broken = self._fill(pool, source, running, window)
                finished, _ = wait(running, return_when=ALL_COMPLETED if broken
                                   else FIRST_COMPLETED)
                settled += self._collect(finished, running, lost, done)
                if broken and not lost:
                    break  # broke between tasks: nothing lost; the caller starts a new pool
            if lost:  # the pool is broken: the others in flight finish or are lost too
                settled += self._collect(wait(running).done, running, lost, done)
            return settled, lost
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _collect(finished: set[Future[Outcome]], running: dict[Future[Outcome], Task],
                 lost: list[Task], done: Done) -> int:
        """Report finished futures; those broken with the pool go to `lost`."""
        settled = 0
        for future in finished:
            task = running.pop(future)
            error = future.exception()
            if isinstance(error, BrokenProcessPool):
                lost.append(task)
                continue
            settled += 1
            done(task, failure(task, f"internal error: {type(error).__name__}: {error}")
                 if error else future.result())
        return settled

    def _fill(self, pool: ProcessPoolExecutor, source: deque[Task],
              running: dict[Future[Outcome], Task], window: int) -> bool:
        """Submit up to `window` tasks; True if the pool turned out broken."""
        while source and len(running) < window:
            task = source.popleft()
            try:
                running[pool.submit(process_task, task, self.correct, self.limits, None,
                                    self.ocr)] = task
            except BrokenProcessPool:
                source.appendleft(task)
                return True
        return False


def _mp_context(models: bool = False) -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded server that has the pipeline's
    # modules imported (cheap recycling), never from this process with its progress thread.
    # With `models`, the server loads Kiwi and spaCy too, and its workers share them.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["gongmun.forkserver"]
                                       + (["gongmun.forkserver_models"] if models else []))
        os.environ[BATCH_PID_ENV] = str(os.getpid())  # read by the forkserver as it starts
        return context
    return multiprocessing.get_context("spawn")


# How much of a file `needs_models` reads: what `sniff` looks at to tell HTML from text.
SNIFF_HEAD_BYTES = 20_000


def needs_models(paths: Iterable[Path]) -> bool:
    """Whether some input is text that the pipeline corrects (an OCR dump: plain text or
    markdown; an image, which is read by OCR), so the workers need Kiwi. PDF, HTML and
    HWP/HWPX text is born digital. A file that cannot be told apart from its head counts as
    needing them (the cost is only a preload). A scanned PDF is not seen here: its workers
    load the models themselves, on their first scan."""
    from gongmun.extract.sniff import sniff
    from gongmun.extract.text import OCR_FORMATS

    corrected = OCR_FORMATS | {"image"}
    for path in paths:
        try:
            with open(path, "rb") as f:
                head = f.read(SNIFF_HEAD_BYTES)
            if sniff(head).format in corrected:
                return True
        except Exception:  # unreadable here: the worker will say why; preload to be safe
            return True
    return False


def default_workers() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


# --- planning: what to do, what to skip ---------------------------------------------------


def list_tasks(in_dir: Path, out_dir: Path) -> list[Task]:
    out_resolved = out_dir.resolve()
    tasks = []
    for path in iter_inputs([in_dir]):
        if path.resolve().is_relative_to(out_resolved):
            continue  # OUT_DIR inside IN_DIR: never read our own outputs
        rel = path.relative_to(in_dir).as_posix()
        try:
            st = path.stat()
        except OSError:  # vanished or unreadable: the worker reports the reason
            tasks.append(Task(rel=rel, path=str(path)))
            continue
        tasks.append(Task(rel=rel, path=str(path), size_bytes=st.st_size,
                          mtime_ns=st.st_mtime_ns))
    return tasks


def is_up_to_date(task: Task, entry: Entry | None, out_dir: Path, key: str) -> bool:
    if entry is None or entry.status != "done" or entry.pipeline_key != key:
        return False
    if entry.record is None or not (out_dir / entry.record).is_file():
        return False
    # Unchanged size and mtime: trust the stored hash instead of re-reading the file.
    if (task.size_bytes, task.mtime_ns) == (entry.size_bytes, entry.mtime_ns):
        return True
    return sha256_of(Path(task.path)) == entry.sha256


def sha256_of(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def record_rel(task: Task) -> str:
    """`records/<rel>.json`; a name the filesystem would refuse is shortened, with a hash."""
    folder, _, name = task.rel.rpartition("/")
    name = short_name(f"{name}.json", task.rel)
    return f"{RECORDS_DIR}/{folder}/{name}" if folder else f"{RECORDS_DIR}/{name}"


def inside(out_dir: Path, rel: str) -> Path | None:
    """OUT_DIR/rel if it lies inside OUT_DIR/records (a manifest can be edited or damaged)."""
    records = (out_dir / RECORDS_DIR).resolve()
    path = (out_dir / rel).resolve()
    return path if path.is_relative_to(records) and path != records else None


def remove_record(out_dir: Path, rel: str | None) -> None:
    """Unlink a record file of ours; never a path outside OUT_DIR/records."""
    path = inside(out_dir, rel) if rel else None
    if path is not None:
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            path.unlink()


# --- the run ------------------------------------------------------------------------------


class Committer:
    """Writes each outcome: record file first, then its manifest row."""

    def __init__(self, out_dir: Path, manifest: Manifest, version: str,
                 summary: BatchSummary, reporter: Reporter, key: str = "") -> None:
        self.out_dir, self.manifest, self.version = out_dir, manifest, version
        self.summary, self.reporter, self.key = summary, reporter, key

    def __call__(self, task: Task, outcome: Outcome) -> None:
        record: str | None = record_rel(task)
        if outcome.ok and outcome.record_json is not None:
            outcome = self._write(task, outcome)
        if outcome.ok:
            self.summary.done += 1
            self.summary.partial += outcome.status == "partial"
            self.summary.pages += outcome.pages or 1  # a text document counts as one page
        else:
            # A changed input that now fails must not leave its old record behind.
            remove_record(self.out_dir, record)
            record = None
            self.summary.failed += 1
            self.summary.failures.append((task.path, outcome.error or "unknown error"))
            kind = outcome.error_kind or "internal"
            self.summary.failure_kinds[kind] = self.summary.failure_kinds.get(kind, 0) + 1
        self.manifest.put(Entry(
            path=task.rel, sha256=outcome.sha256 or sha256_of(Path(task.path)) or "",
            pipeline_version=self.version, status="done" if outcome.ok else "failed",
            record=record, error=outcome.error, doc_type=outcome.doc_type,
            pages=outcome.pages, seconds=round(outcome.seconds, 4),
            size_bytes=task.size_bytes, mtime_ns=task.mtime_ns,
            pipeline_key=self.key, result_status=outcome.status,
            error_kind=outcome.error_kind, traceback=outcome.traceback,
        ))
        self.summary.processed += 1
        self.reporter.advance(task, outcome)

    def _write(self, task: Task, outcome: Outcome) -> Outcome:
        """Write the record; a name the filesystem refuses fails this input, not the batch."""
        try:
            write_text_atomic(self.out_dir / record_rel(task), outcome.record_json or "")
        except OSError as err:
            if err.errno not in (errno.ENAMETOOLONG, errno.EINVAL, errno.EILSEQ):
                raise  # disk full, permissions: the batch stops; what is written is whole
            return Outcome(rel=task.rel, ok=False, sha256=outcome.sha256, status="failed",
                           error=f"cannot write its record ({err.strerror})",
                           error_kind="bad_input", seconds=outcome.seconds)
        return outcome


def run_batch(options: BatchOptions) -> BatchSummary:
    """Run the batch; raises `BatchError` if it cannot start. Input errors are in the summary."""
    from gongmun.pipeline import PIPELINE_VERSION

    in_dir, out_dir = options.in_dir, options.out_dir
    check_in_dir(in_dir)
    check_options(options)
    workers = options.workers or default_workers()
    summary = BatchSummary(workers=workers, executor=options.executor,
                           pipeline_version=PIPELINE_VERSION)
    with exclusive(out_dir), open_manifest(out_dir) as manifest:
        sweep_temp_files(out_dir)
        tasks = list_tasks(in_dir, out_dir)
        if not tasks:
            raise BatchError(in_dir, "no documents found")
        if options.prune:
            summary.removed = forget_vanished(tasks, out_dir, manifest)
        key = pipeline_key(PIPELINE_VERSION, record_options(options))
        todo = [t for t in tasks if not is_up_to_date(t, manifest.get(t.rel), out_dir, key)]
        summary.inputs, summary.skipped = len(tasks), len(tasks) - len(todo)
        start = time.perf_counter()
        with Reporter(len(todo), options.progress, options.debug) as reporter:
            commit = Committer(out_dir, manifest, PIPELINE_VERSION, summary, reporter, key)
            make_executor(options, workers).run(todo, commit)
        summary.seconds = time.perf_counter() - start
        write_error_log(in_dir, out_dir, manifest)
        write_text_atomic(out_dir / SUMMARY_NAME,
                          json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n")
    return summary


def record_options(options: BatchOptions) -> dict[str, object]:
    return {name: getattr(options, name) for name in RECORD_OPTIONS if hasattr(options, name)}


def check_options(options: BatchOptions) -> None:
    if options.executor not in ("local", "dask"):
        raise BatchError("--executor", f"unknown executor {options.executor!r}")
    if (options.executor == "dask" and options.timeout_s
            and options.timeout_s != DEFAULT_TIMEOUT_S):
        raise BatchError("--timeout", "not supported with --executor dask: dask runs each file "
                         "in a worker thread, which a time limit cannot interrupt (use the "
                         "cluster's own limits)")


def make_executor(options: BatchOptions, workers: int) -> Executor:
    if options.executor == "dask":
        from gongmun.batch_dask import DaskExecutor

        # No time or memory limit in dask's threads (see check_options): the data limits only.
        limits = replace(options.limits, timeout_s=None, memory_mb=None)
        return DaskExecutor(options.scheduler, workers, options.send_bytes, options.correct,
                            limits, options.ocr)
    return LocalPool(workers, options.recycle_after, options.file_limits(), options.correct,
                     options.ocr)


def open_manifest(out_dir: Path) -> Manifest:
    try:
        return Manifest.in_dir(out_dir)
    except sqlite3.DatabaseError as err:
        raise BatchError(out_dir / MANIFEST_NAME, f"not a usable manifest ({err})") from err


def check_in_dir(in_dir: Path) -> None:
    if not in_dir.exists():
        raise BatchError(in_dir, "no such directory")
    if not in_dir.is_dir():
        raise BatchError(in_dir, "not a directory (batch reads a folder; use `gongmun extract`)")


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """One batch per OUT_DIR at a time; the lock dies with its process, even on kill -9."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BatchError(out_dir, f"cannot create output folder ({err.strerror})") from err
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, the user keeps runs apart
        yield
        return
    try:
        handle = (out_dir / LOCK_NAME).open("w")
    except OSError as err:
        raise BatchError(out_dir, f"cannot write here ({err.strerror})") from err
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise BatchError(out_dir, "another batch is writing to this folder") from err
        yield


def sweep_temp_files(out_dir: Path) -> None:
    """Temp files a killed run left behind (`.NAME.XXXX.tmp`); safe: we hold the lock."""
    for folder in (out_dir, out_dir / RECORDS_DIR):
        pattern = "**/.*.tmp" if folder.name == RECORDS_DIR else ".*.tmp"
        for stray in folder.glob(pattern):
            with contextlib.suppress(FileNotFoundError):
                stray.unlink()


def forget_vanished(tasks: Sequence[Task], out_dir: Path, manifest: Manifest) -> int:
    """OUT_DIR mirrors IN_DIR: an input that is gone takes its record and row with it."""
    present = {t.rel for t in tasks}
    gone = [e for e in manifest.entries() if e.path not in present]
    for entry in gone:
        remove_record(out_dir, entry.record)
        manifest.delete(entry.path)
    return len(gone)


def write_error_log(in_dir: Path, out_dir: Path, manifest: Manifest) -> None:
    """One `error: PATH: REASON` line per failed input; an internal error's traceback
    follows its line, each of its lines indented by four spaces."""
    lines = []
    for entry in manifest.entries():
        if entry.status != "failed":
            continue
        lines.append(f"error: {one_line_path(str(in_dir / entry.path))}: {entry.error}\n")
        if entry.traceback:
            lines += [f"    {line}\n" for line in entry.traceback.splitlines()]
    write_text_atomic(out_dir / ERROR_LOG, "".join(lines))


# --- progress and the summary -------------------------------------------------------------


class Reporter:
    """A rich progress bar (files/s, ETA) on a terminal; one line per failure either way."""

    def __init__(self, total: int, progress: bool | None, debug: bool = False) -> None:
        self.total, self.debug = total, debug
        self.show = sys.stderr.isatty() if progress is None else progress
        self._progress: Any = None
        self._task_id: Any = None

    def __enter__(self) -> Reporter:
        if self.show and self.total:
            self._progress = _progress_bar()
            self._progress.start()
            self._task_id = self._progress.add_task("batch", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, task: Task, outcome: Outcome) -> None:
        if not outcome.ok:
            line = f"error: {one_line_path(task.path)}: {outcome.error}"
            if self.debug and outcome.traceback:
                line += "\n" + outcome.traceback
            if self._progress is not None:
                self._progress.console.print(line, markup=False, highlight=False)
            else:
                print(line, file=sys.stderr, flush=True)
        if self._progress is not None and self._task_id is not None:
            self._progress.advance(self._task_id)


def _progress_bar() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class FilesPerSecond(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} files/s" if speed else "- files/s")

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    FilesPerSecond(), TimeElapsedColumn(), TextColumn("ETA"),
                    TimeRemainingColumn(), console=Console(stderr=True))


def print_summary(summary: BatchSummary, out_dir: Path, stream: IO[str]) -> None:
    stream.write(
        f"{summary.inputs} inputs: {summary.done} done, {summary.failed} failed, "
        f"{summary.skipped} skipped (unchanged)"
        + (f", {summary.partial} partial (content left out)" if summary.partial else "")
        + (f", {summary.removed} removed (input gone)" if summary.removed else "")
        + f" in {summary.seconds:.1f} s "
        f"({summary.docs_per_s:.1f} docs/s, {summary.pages_per_s:.1f} pages/s, "
        f"{summary.workers} {summary.executor} workers)\n")
    if summary.failures:
        stream.write(f"failed ({summary.failed}):\n")
        for path, reason in summary.failures[:SUMMARY_FAILURES_SHOWN]:
            stream.write(f"  {one_line_path(path)}: {reason}\n")
        if summary.failed > SUMMARY_FAILURES_SHOWN:
            stream.write(f"  ... and {summary.failed - SUMMARY_FAILURES_SHOWN} more\n")
        stream.write(f"all errors: {out_dir / ERROR_LOG}\n")
    stream.write(f"records: {out_dir / RECORDS_DIR}\n")


def main(options: BatchOptions) -> int:
    """The CLI's `batch`: run, print the summary on stderr; the exit code (1 if any failed)."""
    try:
        summary = run_batch(options)
    except BatchError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # disk full, permissions: the run stops; what is written is whole
        print(f"error: {err.filename or options.out_dir}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: what is written is complete; run again to resume", file=sys.stderr)
        return 130
    print_summary(summary, options.out_dir, sys.stderr)
    return 1 if summary.failed else 0
