"""The `gongmun` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from gongmun.extract.errors import ExtractError

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
written, and the exit code is 1.
"""


def fail(path: str | Path, reason: str) -> None:
    typer.echo(f"error: {path}: {reason}", err=True)


@app.command(help=EXTRACT_HELP)
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write JSON Lines here (atomically) instead of stdout.")] = None,
    correct: Annotated[bool, typer.Option("--correct/--no-correct",
                       help="Fix OCR typos (each fix is listed in `corrections`).")] = True,
) -> None:
    from gongmun.inputs import iter_inputs
    from gongmun.output import atomic_writer
    from gongmun.pipeline import extract as extract_record

    files = list(iter_inputs(paths))
    if not files:
        fail(" ".join(map(str, paths)), "no documents found")
        raise typer.Exit(1)
    single = len(files) == 1 and not paths[0].is_dir() and output is None
    failed = 0
    with atomic_writer(output) if output else _stdout() as sink:
        for path in files:
            try:
                record = extract_record(path, correct=correct)
            except ExtractError as err:
                fail(path, str(err))
                failed += 1
                continue
            except Exception as err:  # a bug must not stop the other files
                fail(path, f"internal error: {type(err).__name__}: {err}")
                failed += 1
                continue
            data = record.model_dump(mode="json")
            if single:
                sink.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            else:
                sink.write(json.dumps(data, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a record."""
    from gongmun.schemas.jsonschema import record_json_schema

    typer.echo(record_json_schema())


class _stdout:
    def __enter__(self):  # type: ignore[no-untyped-def]
        return sys.stdout

    def __exit__(self, *exc: object) -> None:
        sys.stdout.flush()


if __name__ == "__main__":
    app()
