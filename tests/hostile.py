"""A hostile corpus, generated: broken, malicious and odd files, each with its expected answer.

Every file is made here from code (no binary fixtures), small on disk even when it inflates
to gigabytes. `HOSTILE` maps a file name to how to make its bytes and what the pipeline must
answer: a record, or a failure of a given kind whose one-line reason contains some words.
The PDFs are written by a minimal PDF writer (`raw_pdf`) so that each can break exactly one
rule of the format: a loop of /Prev, a form that draws itself, an xref that points nowhere.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOOD_PDF = REPO / "samples" / "cards" / "card_smart_farm.pdf"
GOOD_TEXT = REPO / "samples" / "cards" / "001_3d71a2a9b0fba71b.txt"
SEED = 20241111
PASSWORD = "user-secret"  # the batch's --password: opens `encrypted_known_password.pdf`

KOREAN = ("도지사 공약사업 관리카드\n추진부서: 디지털산업과\n"
          "□ 사업개요\n○ 스마트팜 실증단지 조성 (2전 완료)\n")


@dataclass(frozen=True)
class Expected:
    """A record (`kind` None), or a failure of `kind` whose reason contains `words`."""

    kind: str | None = None
    words: str = ""

    @property
    def record(self) -> bool:
        return self.kind is None


RECORD = Expected()


def bad(words: str) -> Expected:
    return Expected("bad_input", words)


def limit(words: str) -> Expected:
    return Expected("limit", words)


# --- a minimal PDF writer ------------------------------------------------------------------------

TEXT_PAGE = b"BT /F1 12 Tf 72 720 Td (Hostile corpus page) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def stream(content: bytes, extra: bytes = b"", compressed: bool = False) -> bytes:
    data = zlib.compress(content) if compressed else content
    flate = b" /Filter /FlateDecode" if compressed else b""
    return b"<< /Length %d%s %s >>\nstream\n" % (len(data), flate, extra) + data + \
        b"\nendstream"


def raw_pdf(objects: list[bytes], *, trailer_extra: bytes = b"",
            xref_shift: int = 0) -> bytes:
    """Objects 1..n (object 1 is the catalog), an xref table (its offsets moved by
    `xref_shift` to break it) and a trailer."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % (offset + xref_shift))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer_extra, xref))
    return out.getvalue()


def pdf_with_pages(page_count: int, content: bytes = TEXT_PAGE,
                   resources: bytes = b"<< /Font << /F1 4 0 R >> >>",
                   extra_objects: list[bytes] | None = None, compressed: bool = False,
                   **kwargs: object) -> bytes:
    """`page_count` pages sharing one content stream (object 3) and font (object 4)."""
    first_page = 5 + len(extra_objects or [])
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(page_count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, page_count),
        stream(content, compressed=compressed),
        FONT,
        *(extra_objects or []),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
                b"/Resources %s >>" % resources] * page_count
    return raw_pdf(objects, **kwargs)  # type: ignore[arg-type]


def flate_bomb(inflated_mib: int = 160) -> bytes:
    """A page whose content stream inflates to `inflated_mib` MiB of spaces (~1000:1)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(packer.compress(chunk) for _ in range(inflated_mib)) + packer.flush()
    bomb = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + \
        b"\nendstream"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", bomb, FONT,
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
               b"/Resources << /Font << /F1 4 0 R >> >> >>"]
    return raw_pdf(objects)


def prev_loop() -> bytes:
    """A trailer whose /Prev points at its own xref table: an endless chain of updates."""
    base = pdf_with_pages(1)
    xref = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    return pdf_with_pages(1, trailer_extra=b"/Prev %d" % xref)


def cyclic_xobjects() -> bytes:
    """Two form XObjects that draw each other (and themselves) without end."""
    form_a = stream(b"/FmB Do /FmA Do", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                    b"/Resources << /XObject << /FmA 5 0 R /FmB 6 0 R >> >>")
    form_b = stream(b"/FmA Do", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                    b"/Resources << /XObject << /FmA 5 0 R >> >>")
    return pdf_with_pages(1, content=TEXT_PAGE + b" /FmA Do", extra_objects=[form_a, form_b],
                          resources=b"<< /Font << /F1 4 0 R >> /XObject << /FmA 5 0 R >> >>")


def deep_nesting(depth: int = 100_000) -> bytes:
    """An array nested `depth` levels deep in the page's content stream and in an object."""
    nested = b"[" * depth + b"]" * depth
    return pdf_with_pages(1, content=nested + b" pop " + TEXT_PAGE, extra_objects=[nested])


def xref_missing() -> bytes:
    """`startxref` points into the middle of an object: there is no xref table to read."""
    data = pdf_with_pages(1)
    head, _, tail = data.rpartition(b"startxref\n")
    return head + b"startxref\n" + b"%d" % 20 + tail[tail.index(b"\n"):]


def zero_pages() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def encrypted(password: str) -> bytes:
    import pytest

    fpdf = pytest.importorskip("fpdf", reason="fpdf2 (a dev dependency) encrypts test PDFs")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "confidential quarterly report")
    pdf.set_encryption(owner_password="owner-secret", user_password=password)
    return bytes(pdf.output())


def zip_bomb(inflated_mib: int = 160) -> bytes:
    """A ZIP whose one member inflates to `inflated_mib` MiB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("Contents/section0.xml", "w", force_zip64=True) as member:
        chunk = bytes(1 << 20)
        for _ in range(inflated_mib):
            member.write(chunk)
    return out.getvalue()


def truncated(fraction: float) -> Callable[[], bytes]:
    def make() -> bytes:
        data = GOOD_PDF.read_bytes()
        return data[: int(len(data) * fraction)]
    return make


def random_bytes() -> bytes:
    return random.Random(SEED).randbytes(64 * 1024)


def invalid_utf8() -> bytes:
    # Valid UTF-8 Korean with stray continuation and lone lead bytes sprinkled in.
    text = (KOREAN * 20).encode("utf-8")
    rng = random.Random(SEED)
    spots = sorted(rng.sample(range(len(text)), 12))
    return b"".join(text[a:b] + b"\x80\xc3" for a, b in zip([0, *spots], spots, strict=False))


def nul_bytes() -> bytes:
    return KOREAN.encode("utf-8") + b"\x00" * 64 + KOREAN.encode("utf-8")


def long_line(megabytes: int = 10) -> bytes:
    return ("가나다라 " * (megabytes * (1 << 20) // 13)).encode("utf-8")


def nested_html(depth: int = 100_000) -> bytes:
    return (b"<!doctype html><html><body>" + b"<div>" * depth + b"<p>" +
            KOREAN.encode() + b"</p>" + b"</div>" * depth + b"</body></html>")


def text(encoding: str, bom: bool = False) -> Callable[[], bytes]:
    def make() -> bytes:
        body = GOOD_TEXT.read_text(encoding="utf-8")
        data = body.encode(encoding)
        return (b"\xff\xfe" if bom else b"") + data
    return make


def good_text() -> bytes:
    return GOOD_TEXT.read_bytes()


def good_pdf() -> bytes:
    return GOOD_PDF.read_bytes()


# A file name of 78 Hangul syllables (234 bytes), the one that stopped a whole batch, and
# one of 250 bytes: valid on Linux (255), but neither leaves room for a suffix.
HANGUL_78 = ("공약사업관리카드" * 10)[:78]
NAME_250_BYTES = "가" * 82 + "abcd"  # 246 + 4 bytes

# name -> (make the bytes, the expected answer). Names carry the traps of their own.
HOSTILE: dict[str, tuple[Callable[[], bytes], Expected]] = {
    "empty.txt": (lambda: b"", bad("empty file")),
    "truncated_10.pdf": (truncated(0.10), bad("corrupt or truncated PDF")),
    "truncated_50.pdf": (truncated(0.50), bad("corrupt or truncated PDF")),
    "truncated_90.pdf": (truncated(0.90), bad("corrupt or truncated PDF")),
    "random.bin.pdf": (random_bytes, bad("not a PDF, HTML or text file")),
    "card_named_as.pdf": (good_text, RECORD),  # wrong extension: content decides
    "pdf_named_as.txt": (good_pdf, RECORD),
    "encrypted_known_password.pdf": (lambda: encrypted(PASSWORD), RECORD),
    "encrypted_other_password.pdf": (lambda: encrypted("not-the-one"),
                                     bad("encrypted PDF (the password given does not open")),
    "flate_bomb.pdf": (flate_bomb, limit("inflates to more than")),
    "zip_bomb.hwpx": (zip_bomb, limit("inflates to more than")),
    "deep_nesting.pdf": (deep_nesting, RECORD),
    "prev_loop.pdf": (prev_loop, bad("corrupt or truncated PDF")),
    "cyclic_xobjects.pdf": (cyclic_xobjects, RECORD),
    "xref_offsets_wrong.pdf": (lambda: pdf_with_pages(1, xref_shift=7),
                               bad("corrupt or truncated PDF")),
    "xref_missing.pdf": (xref_missing, RECORD),  # found again by scanning the objects
    "zero_pages.pdf": (zero_pages, bad("no pages")),
    "3000_pages.pdf": (lambda: pdf_with_pages(3000), limit("more than 1,000 pages")),
    "invalid_utf8.txt": (invalid_utf8, bad("undecodable bytes")),
    "cp949.txt": (text("cp949"), RECORD),
    "euc_kr.txt": (text("euc_kr"), RECORD),
    "utf16_bom.txt": (text("utf-16-le", bom=True), RECORD),
    "utf16_no_bom.txt": (text("utf-16-le"), RECORD),
    "nul_bytes.txt": (nul_bytes, bad("binary data")),
    "one_10mb_line.txt": (long_line, limit("characters long (limit 100,000")),
    "nested_100k.html": (nested_html, limit("HTML nested more than 500 elements")),
    f"{HANGUL_78}.txt": (good_text, RECORD),
    f"{NAME_250_BYTES}.txt": (good_text, RECORD),
    "new\nline.txt": (good_text, RECORD),
    "-leading-dash.txt": (good_text, RECORD),
    "--help.txt": (good_text, RECORD),
}


def write_hostile(folder: Path) -> dict[Path, Expected]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (make, expected) in HOSTILE.items():
        path = folder / name
        path.write_bytes(make())
        written[path] = expected
    return written
