"""One document through the pipeline: read -> normalize -> build the record.

`extract` raises on failure (the API's simple path); `convert` never does: it returns a
`Result` with a status (done / partial / failed), the error's kind (bad input, limit,
internal) and, for internal errors, the traceback. The CLI, batch and dask share it, so a
failure is described the same way everywhere (docling's ConversionResult).
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from gongmun import __version__
from gongmun.extract import limits as limits_mod
from gongmun.extract import read_document, read_file
from gongmun.extract.decipher import using_language_model
from gongmun.extract.errors import ErrorKind, ExtractError, LimitExceeded
from gongmun.extract.limits import Limits
from gongmun.extract.scan import OcrMode, using_ocr_mode
from gongmun.normalize import default_correctors, normalize_document
from gongmun.schemas.build import build_record
from gongmun.schemas.models import Record

PIPELINE_VERSION = __version__

Status = Literal["done", "partial", "failed"]

# Reader notes that mean some of the document's content is missing from the record: the
# record is built, but its status is `partial` so that nobody takes it for the whole file.
CONTENT_LEFT_OUT = frozenset({"pdf_page_without_text", "pdf_table_text_outside_cells"})

# Limits that the API applies unless told otherwise: the data limits only. A time limit
# (SIGALRM) and a memory cap (rlimit) change the calling process, so only our own processes
# (the CLI, batch workers) set them, or a caller who passes `limits`.
API_LIMITS = Limits(timeout_s=None, memory_mb=None)


@dataclass
class Result:
    """What became of one input."""

    path: str
    status: Status
    record: Record | None = None
    error: str | None = None
    """One-line reason, for `failed` only."""
    error_kind: ErrorKind | None = None
    traceback: str | None = None
    """For internal errors: where our code failed."""
    left_out: list[str] = field(default_factory=list)
    """For `partial`: the notes saying what was left out."""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.record is not None


def extract(path: str | Path, *, correct: bool = True, ocr: OcrMode = "auto",
            limits: Limits | None = None) -> Record:
    """Read one file and return its record; raises `ExtractError` if it cannot be read.
    `ocr`: auto (pages without usable text), always or never (see `extract.scan`)."""
    with limits_mod.using(limits or API_LIMITS):
        return extract_bytes(read_file(path), str(path), correct=correct, ocr=ocr)


def _kiwi_scorer() -> Callable[[Sequence[str]], list[float]]:
    """The language model outline glyphs are deciphered with; Kiwi's module is imported
    only when a document has outline glyphs (born-digital files load no model code)."""
    from gongmun.normalize.korean import kiwi_scorer

    return kiwi_scorer()


def extract_bytes(data: bytes, path: str, *, correct: bool = True,
                  ocr: OcrMode = "auto") -> Record:
    with using_ocr_mode(ocr), using_language_model(_kiwi_scorer):
        document = read_document(data, path)
    normalized = normalize_document(document, default_correctors() if correct else [])
    return build_record(normalized, pipeline_version=PIPELINE_VERSION)


def convert(path: str | Path, *, correct: bool = True, limits: Limits | None = None,
            data: bytes | None = None, **options: Any) -> Result:
    """Read one file (or `data`, named `path`) under `limits`; never raises on bad input.

    Time and memory limits apply as `limits` says (time only in a main thread). Other
    record options (`options`) go to `extract_bytes` as they are.
    """
    limits = limits or API_LIMITS
    start = time.perf_counter()
    try:
        with limits_mod.using(limits), limits_mod.time_limit(limits.timeout_s):
            raw = data if data is not None else read_file(path)
            record = extract_bytes(raw, str(path), correct=correct, **options)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as err:
        result = failed(str(path), err, limits)
        result.seconds = time.perf_counter() - start
        return result
    left_out = [w.message for w in record.warnings if w.code in CONTENT_LEFT_OUT]
    return Result(str(path), "partial" if left_out else "done", record=record,
                  left_out=left_out, seconds=time.perf_counter() - start)


def failed(path: str, err: BaseException, limits: Limits | None = None) -> Result:
    """The `failed` Result for an exception: its kind, one-line reason and, if ours, trace."""
    err = _limit_behind(err, limits or API_LIMITS) or err
    own = _own_failure(err)
    if own is not None:
        return Result(path, "failed", error=f"internal error: {_one_line(own)}",
                      error_kind="internal", traceback=_trace(own))
    if isinstance(err, ExtractError):
        return Result(path, "failed", error=str(err), error_kind=err.kind)
    return Result(path, "failed", error=f"internal error: {_one_line(err)}",
                  error_kind="internal", traceback=_trace(err))


def _limit_behind(err: BaseException, limits: Limits) -> LimitExceeded | None:
    """A limit hit (or memory run out) deep inside a parser, which wrapped it in errors of
    its own (pdfplumber wraps pdfminer's, our PDF reader wraps pdfplumber's as corrupt)."""
    seen: set[int] = set()
    stack: list[BaseException] = [err]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, LimitExceeded):
            return current
        if isinstance(current, MemoryError):
            return limits_mod.memory_error(limits)
        stack += [e for e in (current.__cause__, current.__context__, *current.args)
                  if isinstance(e, BaseException)]
    return None


def _own_failure(err: BaseException) -> BaseException | None:
    """The exception in our own code behind `err`, if any.

    A reader turns whatever its parser raises into a bad-input error; when the exception
    was raised in our code, not the parser's, it is a bug and must be reported as one.
    """
    if isinstance(err, LimitExceeded):
        return None
    if not isinstance(err, ExtractError):
        return err
    cause = err.__cause__
    if cause is None or isinstance(cause, ExtractError | MemoryError | RecursionError):
        return None
    return cause if _raised_in_own_code(cause) else None


def _own_dirs() -> tuple[str, ...]:
    names = ("gongmun", "gongmun.extract", "gongmun.normalize", "gongmun.schemas")
    return tuple(str(Path(sys.modules[n].__file__ or "").parent) + "/"
                 for n in names if n in sys.modules)


def _raised_in_own_code(err: BaseException) -> bool:
    frames = traceback.extract_tb(err.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(_own_dirs())


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    detail = f"{type(err).__name__}: {text}" if text else type(err).__name__
    return detail if len(detail) <= 200 else detail[:197] + "..."


def _trace(err: BaseException) -> str:
    return "".join(traceback.format_exception(err)).rstrip("\n")


def load_models(correct: bool) -> None:
    """Load the heavy models (Kiwi, spaCy) now rather than on the first input."""
    if not correct:
        return
    from gongmun.normalize import TextContext

    # A failure here fails again, with its reason, on each input (the pipeline calls the
    # correctors too).
    try:
        for corrector in default_correctors():
            corrector(WARM_UP_TEXT, TextContext(location={}, block_type="paragraph"))
    except Exception:
        return


# A short text for the correctors' first call, which loads their models (Kiwi, spaCy).
WARM_UP_TEXT = "도지사 공약사업 관리카드 추진상황: 사업 추진 중"
