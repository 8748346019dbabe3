"""The `gongmun` console script, and the body of `gongmun extract`, without typer.

The common call, `gongmun extract FILE...` (files and folders, perhaps `--no-correct` or
`--debug`), runs `run_extract` directly: building the typer app (typer's import, and a
pydantic adapter per option at parse time) costs about a sixth of a text-layer PDF card's
whole run (`make bench`). Any other command line (another command, `--help`, any other
option, a name starting with `-`) goes to the typer app, `gongmun.cli.app`, which defines
every command and option; its `extract` calls the same `run_extract`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gongmun.extract.limits import Limits

OcrChoice = Literal["auto", "always", "never"]

FAST_FLAGS: dict[str, tuple[str, bool]] = {
    "--correct": ("correct", True), "--no-correct": ("correct", False),
    "--debug": ("debug", True)}
"""The options the fast path takes, as `gongmun.cli.extract` declares them (flags only: an
option with a value, its spellings and checks, is left to typer)."""


def fail(path: str | Path, reason: str) -> None:
    from gongmun.output import one_line_path

    print(f"error: {one_line_path(str(path))}: {reason}", file=sys.stderr, flush=True)


def run_extract(paths: list[Path], *, output: Path | None, correct: bool, ocr: OcrChoice,
                debug: bool, limits: Limits, memory_mb: int | None) -> int:
    """`gongmun extract`: each file's record on stdout (or into `output`); returns the exit
    code (1 if any file failed or the output could not be written)."""
    from gongmun.extract.limits import cap_memory
    from gongmun.inputs import iter_inputs
    from gongmun.output import atomic_writer
    from gongmun.pipeline import load_models

    files = list(iter_inputs(paths))
    if not files:
        fail(" ".join(map(str, paths)), "no documents found")
        return 1
    if output is not None and output.is_dir():
        fail(output, "is a directory (--output takes a file name for the JSON Lines)")
        return 1
    indent = 2 if len(files) == 1 and not paths[0].is_dir() and output is None else None
    if memory_mb:  # given: load the models first, the cap is what one file may add
        load_models(correct)
        cap_memory(memory_mb)
    try:
        with atomic_writer(output) if output else nullcontext(sys.stdout) as sink:
            failed = write_records(files, sink, correct=correct, indent=indent,
                                   limits=limits, debug=debug, ocr=ocr)
    except OSError as err:  # the output cannot be written; nothing half-written is left
        fail(output or "<stdout>", err.strerror or str(err))
        return 1
    return 1 if failed else 0


def write_records(files: list[Path], sink: IO[str], *, correct: bool,
                  indent: int | None, limits: Limits, debug: bool = False,
                  ocr: OcrChoice = "auto") -> int:
    """Each file's record on `sink`; a file that fails is reported and skipped (a bug in
    our code too: it must not stop the other files). Returns how many failed."""
    from gongmun.pipeline import convert

    failed = 0
    for path in files:
        result = convert(path, correct=correct, limits=limits, ocr=ocr)
        if result.record is None:
            fail(path, result.error or "unknown error")
            if debug and result.traceback:
                print(result.traceback, file=sys.stderr, flush=True)
            failed += 1
            continue
        sink.write(json.dumps(result.record.model_dump(mode="json"), ensure_ascii=False,
                              indent=indent) + "\n")
    return failed


def fast_extract_args(args: Sequence[str]) -> tuple[list[Path], dict[str, bool]] | None:
    """The paths and flags of an `extract` command line the fast path takes, or None."""
    if len(args) < 2 or args[0] != "extract":
        return None
    paths: list[Path] = []
    flags: dict[str, bool] = {}
    for arg in args[1:]:
        if arg in FAST_FLAGS:
            name, value = FAST_FLAGS[arg]
            flags[name] = value
        elif arg and not arg.startswith("-"):
            paths.append(Path(arg))
        else:
            return None
    return (paths, flags) if paths else None


def main(args: Sequence[str] | None = None) -> None:
    """The console script: `extract` of files directly, anything else through typer."""
    argv = list(sys.argv[1:] if args is None else args)
    fast = fast_extract_args(argv)
    if fast is None:
        from gongmun.cli import app

        app(argv)
        return
    from gongmun.extract.limits import Limits

    paths, flags = fast
    try:
        # No limit option given: `gongmun.cli.make_limits` gives the defaults, `Limits()`.
        code = run_extract(paths, output=None, correct=flags.get("correct", True),
                           ocr="auto", debug=flags.get("debug", False), limits=Limits(),
                           memory_mb=None)
    except KeyboardInterrupt:  # as click reports it
        print("\nAborted!", file=sys.stderr)
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
