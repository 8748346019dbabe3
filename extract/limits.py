"""Resource limits for reading one input, the same for `gongmun extract`, the API and batch.

A hostile or broken file must fail fast with a one-line reason that names the limit, never
run for minutes or take the machine's memory. The limits in force are a `Limits` value
held in a context variable (`using(...)`), so the readers consult them without a new
parameter on every function; the pipeline sets them for each input.

Defaults and where they come from (each is a CLI option of `extract` and `batch`):

- `max_input_bytes` 200 MiB: the largest real report we have seen is ~30 MB (a scanned
  card); this keeps a whole file in memory affordable.
- `max_pages` 1000: a quarterly card is 2-6 pages, a bound volume of them a few hundred.
- `max_stream_bytes` 128 MiB: the decompressed size of one PDF stream (or ZIP member).
  Page content streams are kilobytes; a 300-dpi A4 RGB image is ~25 MB raw. A Flate bomb
  inflates ~1000x; this stops it at the cap, so reading it peaks near 2x the cap.
- `max_line_chars` 100,000: the characters of one line of a text file (checked before it
  is read) and of one block of any format (checked after). A report's line is under 1,000
  characters and a scraped paragraph under 10,000; a 10 MB single-line file is refused in
  linear time instead of feeding the tokenizer. (Raw HTML is exempt: minified pages are
  one long line.)
- `max_nesting` 500: element depth of an HTML page (real pages nest < 60 deep); deeper
  pages are refused before the tree is walked.
- `timeout_s` 600 s: one file's wall-clock time; a 6-page card takes about 1 s.
- `memory_mb` 2048 MiB: memory a worker may add while reading one file, over what it holds
  with the models loaded (~650 MB resident); an allocation beyond it fails the file.
"""

from __future__ import annotations

import contextlib
import contextvars
import signal
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace

from .errors import LimitExceeded

MIB = 1024 * 1024

DEFAULT_MAX_INPUT_BYTES = 200 * MIB
DEFAULT_MAX_PAGES = 1000
DEFAULT_MAX_STREAM_BYTES = 128 * MIB
DEFAULT_MAX_LINE_CHARS = 100_000
DEFAULT_MAX_NESTING = 500
DEFAULT_TIMEOUT_S = 600.0
DEFAULT_MEMORY_MB = 2048


@dataclass(frozen=True)
class Limits:
    """What one input may cost. `None` for time or memory means no limit."""

    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_stream_bytes: int = DEFAULT_MAX_STREAM_BYTES
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS
    max_nesting: int = DEFAULT_MAX_NESTING
    timeout_s: float | None = DEFAULT_TIMEOUT_S
    memory_mb: int | None = DEFAULT_MEMORY_MB
    # What the reader needs to open the file, not a limit, but it travels with them.
    password: str | None = field(default=None, repr=False)

    def with_(self, **changes: object) -> Limits:
        """A copy with the given fields changed; `None` values leave a field as it is."""
        known = {f.name for f in fields(self)}
        return replace(self, **{k: v for k, v in changes.items()
                                if k in known and v is not None})  # type: ignore[arg-type]


DEFAULT_LIMITS = Limits()
_CURRENT: contextvars.ContextVar[Limits | None] = contextvars.ContextVar("gongmun_limits",
                                                                         default=None)


def current() -> Limits:
    return _CURRENT.get() or DEFAULT_LIMITS


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


# --- checks on what a reader is given -----------------------------------------------------------


def check_size(size: int) -> None:
    limit = current().max_input_bytes
    if size > limit:
        raise LimitExceeded(f"file is {_mib(size)} (limit {_mib(limit)}, --max-input-mb)")


def check_pages(pages: int) -> None:
    limit = current().max_pages
    if pages > limit:
        raise LimitExceeded(f"more than {limit:,} pages (limit {limit:,}, --max-pages)")


def check_lines(text: str) -> None:
    """Refuse text with a line longer than `max_line_chars`, in time linear in the text."""
    limit = current().max_line_chars
    if len(text) <= limit:
        return
    start, number = 0, 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            raise LimitExceeded(f"line {number:,} is {end - start:,} characters long "
                                f"(limit {limit:,}, --max-line-chars)")
        start, number = end + 1, number + 1


def check_blocks(texts: Iterable[str]) -> None:
    """Refuse a document with a block longer than `max_line_chars` (whatever its format)."""
    limit = current().max_line_chars
    for number, text in enumerate(texts, start=1):
        if len(text) > limit:
            raise LimitExceeded(f"block {number:,} is {len(text):,} characters long "
                                f"(limit {limit:,}, --max-line-chars)")


def check_stream(size: int) -> None:
    limit = current().max_stream_bytes
    if size > limit:
        raise LimitExceeded(f"a compressed stream inflates to more than {_mib(limit)} "
                            "(limit --max-stream-mb; a decompression bomb?)")


def _mib(size: int) -> str:
    return f"{size / MIB:,.1f} MiB" if size % MIB else f"{size // MIB:,} MiB"


# --- time ----------------------------------------------------------------------------------------


class _Deadline(BaseException):
    """Raised by the alarm. A BaseException, so that no reader's `except Exception` (pdfminer
    errors are caught broadly) can mistake a time-out for a corrupt file."""


def can_time_out() -> bool:
    """SIGALRM works only in a process's main thread (not in dask's worker threads)."""
    return (hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread())


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `LimitExceeded` if the block runs longer than `seconds` (main thread only)."""
    if not seconds or not can_time_out():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Deadline:
        raise LimitExceeded(f"timed out after {seconds:g} s (limit --timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def hard_seconds(timeout_s: float) -> float:
    """CPU seconds after which a worker is killed outright: SIGALRM cannot interrupt a long
    call inside a C extension (one Kiwi analysis, one zlib call), the kernel can."""
    return timeout_s + max(HARD_GRACE_S, timeout_s / 2)


HARD_GRACE_S = 5.0


@contextlib.contextmanager
def cpu_backstop(timeout_s: float | None) -> Iterator[None]:
    """In a worker process of ours: SIGXCPU (which kills it) after `hard_seconds` of CPU.

    Process-wide: never in a user's process, nor in a dask worker's thread.
    """
    try:
        import resource
    except ImportError:
        yield
        return
    if not timeout_s:
        yield
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    ceiling = int(used.ru_utime + used.ru_stime + hard_seconds(timeout_s)) + 1
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (ceiling, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


# --- memory --------------------------------------------------------------------------------------


def cap_memory(extra_mb: int | None) -> None:
    """Let this process allocate at most `extra_mb` MiB more data than it holds now.

    Sets RLIMIT_DATA (heap and private mappings): an allocation beyond it fails, which Python
    raises as MemoryError and the pipeline reports as a limit. Call it in a process of ours
    (a batch worker, the CLI) after the models are loaded, never in a user's process.
    """
    if not extra_mb:
        return
    try:
        import resource
    except ImportError:  # not POSIX
        return
    ceiling = _data_bytes() + extra_mb * MIB
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))


def memory_error(limits: Limits) -> LimitExceeded:
    return LimitExceeded(f"out of memory: reading it needs more than {limits.memory_mb:,} MiB "
                         "(limit --memory-mb)" if limits.memory_mb else "out of memory")


def _data_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
