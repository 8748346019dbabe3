"""The `gongmun` command line."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_type_hints

import typer

from gongmun.console import fail, run_extract
from gongmun.extract.errors import ExtractError

if TYPE_CHECKING:
    from gongmun.extract.limits import Limits

app = typer.Typer(
    name="gongmun",
    help="Korean administrative reports (공약사업 관리카드, 보도자료) -> trusted JSON records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXTRACT_HELP = """Extract records from documents (PDF, OCR text/markdown, scraped text, HTML).

One file: its record is printed as indented JSON. Several files or folders (walked
recursively): one record per line (JSON Lines), on stdout or into --output.

Examples:

  gongmun extract card.pdf

  gongmun extract samples/ -o out/records.jsonl

  gongmun extract --no-correct scan_ocr.txt > raw.json

A file that cannot be read prints `error: PATH: REASON` on stderr; the others are still
written, and the exit code is 1. Each file is read under limits (time, memory, pages,
stream size, line length) that fail it with a reason naming the limit; an error in our own
code says `internal error` (--debug shows its traceback).
"""


# Limits for one input, shared by `extract` and `batch` (defaults: gongmun.extract.limits).
TimeoutOpt = Annotated[float | None, typer.Option(
    "--timeout", min=0, help="Seconds one file may take (0: no limit) [default: 600].")]
MemoryOpt = Annotated[int | None, typer.Option(
    "--memory-mb", min=0, help="MiB one file may add to a batch worker's memory (0: no "
    "limit) [default: 2048; extract: only when given].")]
MaxPagesOpt = Annotated[int | None, typer.Option(
    "--max-pages", min=1, help="Most pages of a PDF [default: 1000].")]
MaxStreamOpt = Annotated[int | None, typer.Option(
    "--max-stream-mb", min=1, help="Most MiB one compressed stream may inflate to "
    "[default: 256].")]
MaxLineOpt = Annotated[int | None, typer.Option(
    "--max-line-chars", min=1, help="Most characters on one line of text [default: 100000].")]
MaxNestingOpt = Annotated[int | None, typer.Option(
    "--max-nesting", min=1, help="Deepest element nesting of an HTML page [default: 500].")]
MaxInputOpt = Annotated[int | None, typer.Option(
    "--max-input-mb", min=1, help="Largest input file in MiB [default: 200].")]
OcrOpt = Annotated[Literal["auto", "always", "never"], typer.Option(
    help="OCR scans and pages whose text layer is unusable (auto), every page, or none.")]
CorrectOpt = Annotated[bool, typer.Option(
    "--correct/--no-correct", help="Fix OCR typos (each fix is listed in `corrections`).")]
PasswordOpt = Annotated[str | None, typer.Option(
    "--password", help="Password of encrypted PDFs.")]
DebugOpt = Annotated[bool, typer.Option(
    "--debug", help="Show the traceback of internal errors on stderr.")]


@dataclass(frozen=True)
class LimitOptions:
    """The limit options that `extract` and `batch` both end with, declared once: a command
    decorated with `limit_options` takes them as one `limit_options: LimitOptions`."""

    memory_mb: MemoryOpt = None
    max_pages: MaxPagesOpt = None
    max_stream_mb: MaxStreamOpt = None
    max_line_chars: MaxLineOpt = None
    max_input_mb: MaxInputOpt = None
    max_nesting: MaxNestingOpt = None


LIMIT_DEFAULTS = LimitOptions()


def limit_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with the fields of `LimitOptions` as options after its own (typer reads
    the signature); they reach it gathered into its `limit_options` parameter."""
    hints = get_type_hints(LimitOptions, include_extras=True)
    names = [f.name for f in fields(LimitOptions)]
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values()
           if p.name != "limit_options"]
    options = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=hints[name],
                                 default=getattr(LIMIT_DEFAULTS, name)) for name in names]

    @functools.wraps(command)
    def with_limits(**kwargs: Any) -> None:
        gathered = LimitOptions(**{name: kwargs.pop(name) for name in names})
        command(**kwargs, limit_options=gathered)

    with_limits.__signature__ = inspect.Signature(own + options)  # type: ignore[attr-defined]
    return with_limits


def make_limits(timeout: float | None, password: str | None, options: LimitOptions) -> Limits:
    from dataclasses import replace

    from gongmun.extract.limits import MIB, Limits

    limits = Limits().with_(
        max_pages=options.max_pages, max_line_chars=options.max_line_chars,
        password=password, max_nesting=options.max_nesting,
        max_stream_bytes=options.max_stream_mb * MIB if options.max_stream_mb else None,
        max_input_bytes=options.max_input_mb * MIB if options.max_input_mb else None)
    if timeout is not None:
        limits = replace(limits, timeout_s=timeout or None)
    if options.memory_mb is not None:
        limits = replace(limits, memory_mb=options.memory_mb or None)
    return limits


@app.command(help=EXTRACT_HELP)
@limit_options
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write JSON Lines here (atomically) instead of stdout.")] = None,
    correct: CorrectOpt = True,
    ocr: OcrOpt = "auto",
    password: PasswordOpt = None,
    debug: DebugOpt = False,
    timeout: TimeoutOpt = None,
    limit_options: LimitOptions = LIMIT_DEFAULTS,
) -> None:
    limits = make_limits(timeout, password, limit_options)
    code = run_extract(paths, output=output, correct=correct, ocr=ocr, debug=debug,
                       limits=limits, memory_mb=limit_options.memory_mb)
    if code:
        raise typer.Exit(code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from gongmun.schemas.jsonschema import record_json_schema

    typer.echo(record_json_schema())


BATCH_HELP = """Extract every document under IN_DIR into OUT_DIR/records/<relative path>.json.

Resumable: a manifest in OUT_DIR (SQLite) remembers each input's sha256 and the pipeline
key (version, rule and data files, --no-correct), so a rerun skips what is done and redoes
what failed or changed; a killed run loses nothing written, and its workers exit with it.
Records of inputs no longer in IN_DIR stay unless --prune. Failures go to stderr, the
summary and OUT_DIR/errors.log (internal errors with their traceback); exit code 1 if any
input failed.

Examples:

  gongmun batch archive/2024Q4 --out out/2024Q4 --workers 8

  gongmun batch archive --out out/all --executor dask --scheduler tcp://10.0.0.5:8786
"""


@app.command(help=BATCH_HELP)
@limit_options
def batch(
    in_dir: Annotated[Path, typer.Argument(help="Folder of documents (walked recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")],
    workers: Annotated[int | None, typer.Option(
        min=1, help="Worker processes (default: the cores available).")] = None,
    executor: Annotated[Literal["local", "dask"], typer.Option(
        help="local: a process pool here; dask: a dask.distributed cluster.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address (default: start a local cluster).")] = None,
    send_bytes: Annotated[bool, typer.Option(
        "--send-bytes", help="Dask: send input bytes to workers that cannot see IN_DIR.")] = False,
    recycle_after: Annotated[int, typer.Option(
        min=1, help="Replace a worker after this many files (bounds memory).")] = 1000,
    timeout: TimeoutOpt = None,
    correct: CorrectOpt = True,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Progress bar (default: on a terminal).")] = None,
    ocr: OcrOpt = "auto",
    prune: Annotated[bool, typer.Option(
        "--prune", help="Delete the records of inputs no longer in IN_DIR.")] = False,
    password: PasswordOpt = None,
    debug: DebugOpt = False,
    limit_options: LimitOptions = LIMIT_DEFAULTS,
) -> None:
    from gongmun.batch import BatchOptions, main

    if executor == "dask" and timeout:
        fail("--timeout", "not supported with --executor dask: dask runs each file in a "
             "worker thread, which a time limit cannot interrupt (use the cluster's limits)")
        raise typer.Exit(1)
    limits = make_limits(timeout, password, limit_options)
    raise typer.Exit(main(BatchOptions(
        in_dir=in_dir, out_dir=out, workers=workers, executor=executor, scheduler=scheduler,
        send_bytes=send_bytes, recycle_after=recycle_after,
        timeout_s=limits.timeout_s if executor == "local" else None,
        correct=correct, progress=progress, limits=limits, prune=prune, debug=debug,
        ocr=ocr)))


EXPORT_HELP = """Write the records of a batch output as tidy tables for analysis.

Tables: documents, cards, funding (long: management_no, source, year, krw), achievements,
goals, plans, press, amounts, quotes, corrections, warnings. In Python: gongmun.load(OUT_DIR).

Examples:

  gongmun export out/2024Q4 --to parquet      # out/2024Q4/export/parquet/<table>.parquet

  gongmun export out/2024Q4 --to xlsx --dest reports/   # reports/gongmun.xlsx
"""


@app.command(help=EXPORT_HELP)
def export(
    path: Annotated[Path, typer.Argument(
        help="A batch output folder (or a folder of records, a .jsonl or .json file).")],
    to: Annotated[Literal["parquet", "csv", "duckdb", "xlsx"], typer.Option(
        "--to", help="Output format.")],
    dest: Annotated[Path | None, typer.Option(
        help="Output folder (default: PATH/export).")] = None,
) -> None:
    from gongmun.export import ExportError
    from gongmun.export import export as export_tables

    try:
        written = export_tables(path, to, dest)
    except ExportError as err:
        fail(err.path, err.reason)
        raise typer.Exit(1) from None
    for file in written:
        typer.echo(str(file))


DIFF_HELP = """What changed in a management card between two quarters.

OLD and NEW: two records of the same card (.json), or two batch outputs whose cards are
matched by management_no. Shows changed fields (status...), funding cells, goal statuses,
new achievements and new or dropped plans.

Examples:

  gongmun diff out/2024Q3/records/card.pdf.json out/2024Q4/records/card.pdf.json

  gongmun diff out/2024Q3 out/2024Q4 --json > changes.json
"""


@app.command(help=DIFF_HELP)
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier record or batch output.")],
    new: Annotated[Path, typer.Argument(help="The later record or batch output.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of tables.")] = False,
) -> None:
    from gongmun.diff import main

    raise typer.Exit(main(old, new, as_json))


NORMALIZE_HELP = """Normalize Korean text: clean it (NFC, entities, markup) and fix OCR typos.

Give a text file or --text. Prints the corrected text; with --json, the text and every
correction made (original, corrected, rule, location, confidence).

Examples:

  gongmun normalize --text "AI 기반 시업화 마케팅"

  gongmun normalize --json scan_ocr.txt
"""


@app.command(help=NORMALIZE_HELP)
def normalize(
    path: Annotated[Path | None, typer.Argument(help="A text file (UTF-8 or CP949).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="The text to normalize.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Text and corrections as JSON.")] = False,
    correct: Annotated[bool, typer.Option("--correct/--no-correct",
                       help="Fix OCR typos (on by default).")] = True,
) -> None:
    from gongmun.normalize import plain

    if (path is None) == (text is None):
        fail(path or "-", "give either a FILE or --text")
        raise typer.Exit(1)
    try:
        source = plain.read_text_file(path) if path is not None else text or ""
    except ExtractError as err:
        fail(path or "-", str(err))
        raise typer.Exit(1) from None
    result, corrections = plain.normalize_text(source, correct=correct)
    if as_json:
        typer.echo(json.dumps(plain.as_json(result, corrections), ensure_ascii=False, indent=2))
    else:
        typer.echo(result)


REVIEW_HELP = """Write a review site for a batch output: OUT_DIR/review/index.html.

Every document, worst first (failed checks, warnings, corrections), and one page per record
showing it beside its source (PDF pages as images, text with line numbers) with a box over
each field, table, correction and warning, linked both ways. Static files: open them from
disk, no server, nothing fetched from the network.

Examples:

  gongmun review out --open

  gongmun review /data/out/2024Q4 --root /data   # the batch ran in /data
"""


@app.command(help=REVIEW_HELP)
def review(
    out_dir: Annotated[Path, typer.Argument(help="The --out folder of `gongmun batch`.")],
    root: Annotated[Path | None, typer.Option(
        help="Where the batch ran: relative source paths are looked up here (default: the "
             "current folder, then OUT_DIR's parent).")] = None,
    open_site: Annotated[bool, typer.Option("--open", help="Open the index in a browser.")]
    = False,
) -> None:
    from gongmun.review import ReviewError, build_site, open_in_browser

    try:
        index = build_site(out_dir, root)
    except ReviewError as err:
        fail(err.path, err.reason)
        raise typer.Exit(1) from None
    except OSError as err:
        fail(out_dir, err.strerror or str(err))
        raise typer.Exit(1) from None
    typer.echo(str(index))
    if open_site:
        open_in_browser(index)


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of each prose paragraph, so the terminal wraps them at its
    own width; indented paragraphs (examples) keep their lines."""
    paragraphs = []
    for paragraph in text.strip().split("\n\n"):
        lines = paragraph.splitlines()
        if all(line.startswith(" ") for line in lines):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


for _command in app.registered_commands:
    _docstring = _command.callback.__doc__ if _command.callback else None
    _command.help = reflow(_command.help or _docstring or "")


if __name__ == "__main__":
    app()
