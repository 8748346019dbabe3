"""Files that cannot be read: the right error, and one line on stderr from the CLI."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gongmun.extract import read_document
from gongmun.extract.errors import (
    EmptyInput,
    EncryptedInput,
    ExtractError,
    UnreadableInput,
)

REPO = Path(__file__).resolve().parents[1]
GOOD_PDF = REPO / "samples" / "cards" / "card_smart_farm.pdf"
SEED = 20240917


def empty() -> bytes:
    return b""


def truncated_pdf() -> bytes:
    data = GOOD_PDF.read_bytes()
    return data[: len(data) // 2]


def random_bytes() -> bytes:
    return random.Random(SEED).randbytes(4096)


def pdf_header_then_garbage() -> bytes:
    return b"%PDF-1.7\n" + random.Random(SEED).randbytes(4096)


def _small_pdf(text: str | None, user_password: str | None = None) -> bytes:
    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) makes the test PDFs")
    pdf = fpdf.FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 80, 40)  # drawn content only, like a page without a text layer
    else:
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 10, text)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    return _small_pdf("confidential", user_password="user-secret")


def pdf_without_text() -> bytes:
    return _small_pdf(None)


# name -> (make the bytes, expected error, words the reason must contain)
BAD_INPUTS: dict[str, tuple[Callable[[], bytes], type[ExtractError], str]] = {
    "empty": (empty, EmptyInput, "empty"),
    "truncated_pdf": (truncated_pdf, UnreadableInput, "corrupt or truncated PDF"),
    "random_bytes": (random_bytes, UnreadableInput, ""),
    "pdf_header_then_garbage": (pdf_header_then_garbage, UnreadableInput,
                                "corrupt or truncated PDF"),
    "encrypted_pdf": (encrypted_pdf, EncryptedInput, "encrypted PDF (password required)"),
    "pdf_without_text": (pdf_without_text, UnreadableInput, "no text layer"),
}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.slow) if n == "pdf_without_text" else n  # tries OCR
    for n in BAD_INPUTS])
def test_read_document_raises_the_right_error(name: str) -> None:
    make, error, reason = BAD_INPUTS[name]
    with pytest.raises(ExtractError) as caught:
        read_document(make(), f"{name}.pdf")
    assert isinstance(caught.value, error), repr(caught.value)
    message = str(caught.value)
    assert reason in message
    assert message and "\n" not in message


def test_owner_password_only_is_readable() -> None:
    # Encrypted with an empty user password: any reader opens it without asking.
    data = _small_pdf("open to all", user_password="")
    doc = read_document(data, "owner_only.pdf")
    assert [b.text for b in doc.blocks] == ["open to all"]


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongmun.cli", "extract", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("name", BAD_INPUTS)
def test_cli_prints_one_error_line(name: str, tmp_path: Path) -> None:
    make, _, reason = BAD_INPUTS[name]
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make())
    result = run_cli(path.name, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path.name}: ")
    assert reason in lines[0]
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.slow
def test_good_record_written_next_to_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(truncated_pdf())
    out = tmp_path / "out.jsonl"
    result = run_cli(GOOD_PDF, bad, "-o", out, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {bad}: corrupt or truncated PDF")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source"]["path"] for r in records] == [str(GOOD_PDF)]
    assert records[0]["source"]["format"] == "pdf"


# --- errors that tell the truth (issue 11) ------------------------------------------------------


@pytest.mark.slow
def test_the_api_extract_works_twice_in_a_fresh_interpreter() -> None:
    code = ("import gongmun, sys; p = sys.argv[1]; "
            "print(gongmun.extract(p).doc_type, gongmun.extract(p).doc_type, "
            "gongmun.extract.read_file(p)[:1] != b'')")
    done = subprocess.run([sys.executable, "-c", code, str(GOOD_PDF)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.stdout.split() == ["management_card", "management_card", "True"], done.stderr


def test_a_time_out_in_a_pdf_is_reported_as_a_time_out() -> None:
    from hostile import pdf_with_pages

    from gongmun.extract.limits import Limits
    from gongmun.pipeline import convert

    slow = pdf_with_pages(3000)  # over a second to lay out
    result = convert("slow.pdf", data=slow, correct=False,
                     limits=Limits(max_pages=5000, timeout_s=0.3))
    assert (result.status, result.error_kind) == ("failed", "limit")
    assert result.error == "timed out after 0.3 s (limit --timeout)"


def test_a_bug_inside_a_reader_is_internal_not_bad_input(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from gongmun.extract import pdf
    from gongmun.pipeline import convert

    # Our own PDF code fails (here: given what it does not expect) while pdfplumber runs;
    # the reader's catch-all for pdfminer errors must not call that a corrupt file.
    monkeypatch.setattr(pdf, "missing_frame_edges", lambda edges: pdf.crossing_groups(None))
    result = convert(GOOD_PDF, correct=False)
    assert (result.status, result.error_kind) == ("failed", "internal")
    assert result.error is not None and result.error.startswith("internal error: TypeError")
    assert result.traceback is not None and "crossing_groups" in result.traceback


def test_a_parser_error_on_a_damaged_file_stays_bad_input() -> None:
    from gongmun.pipeline import convert

    result = convert("broken.pdf", data=pdf_header_then_garbage(), correct=False)
    assert (result.error_kind, result.traceback) == ("bad_input", None)


@pytest.mark.slow
def test_the_cli_shows_an_internal_traceback_only_with_debug(tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import gongmun.pipeline as p\n"
        "def boom(data, path, **kw):\n    raise KeyError('simulated bug')\n"
        "p.extract_bytes = boom\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(hook)}
    for debug in ([], ["--debug"]):
        done = subprocess.run([sys.executable, "-m", "gongmun.cli", "extract", "--no-correct",
                               *debug, str(GOOD_PDF)], capture_output=True, text=True,
                              env=env, timeout=300, check=False)
        first = done.stderr.splitlines()[0]
        assert first == f"error: {GOOD_PDF}: internal error: KeyError: 'simulated bug'"
        assert ("Traceback (most recent call last):" in done.stderr) == bool(debug)


@pytest.mark.slow
def test_a_known_password_opens_an_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypted_pdf())
    done = run_cli("--no-correct", "--password", "user-secret", path.name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "confidential" in done.stdout
    wrong = run_cli("--no-correct", "--password", "guess", path.name, cwd=tmp_path)
    assert wrong.stderr == (f"error: {path.name}: encrypted PDF (the password given does "
                            "not open it)\n")


def test_a_record_missing_content_is_partial_with_the_reason(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from gongmun import pipeline
    from gongmun.extract.model import ExtractNote

    real = pipeline.read_document

    def with_a_lost_page(data: bytes, path: str):  # type: ignore[no-untyped-def]
        doc = real(data, path)
        return replace(doc, notes=[ExtractNote("pdf_page_without_text", "page 2 has no text", 2)])

    monkeypatch.setattr(pipeline, "read_document", with_a_lost_page)
    result = pipeline.convert(GOOD_PDF, correct=False)
    assert (result.status, result.left_out) == ("partial", ["page 2 has no text"])
    assert result.record is not None and result.error is None
