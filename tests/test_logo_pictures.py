"""Header-logo pictures: HWP 5 BinData inflated and never past the cap; OCR on demand."""

from __future__ import annotations

import io
import zlib
from typing import Any

from PIL import Image

from gongmun.extract.errors import UnreadableInput
from gongmun.extract.hwp import _inflated_picture


def _deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def test_picture_inflates() -> None:
    jpeg = b"\xff\xd8\xff" + bytes(range(256)) * 10
    assert _inflated_picture(_deflated(jpeg), 1 << 20) == jpeg


def test_picture_inflating_past_the_cap_is_left_out() -> None:
    bomb = _deflated(b"\0" * (4 << 20))  # a few KiB that inflate to 4 MiB
    assert len(bomb) < 16 << 10
    assert _inflated_picture(bomb, 1 << 20) is None


def test_picture_stored_uncompressed_is_kept() -> None:
    # A JPEG's first byte 0xFF opens a deflate block of the reserved type: it cannot inflate.
    jpeg = b"\xff\xd8\xff\xe0 not deflate data"
    assert _inflated_picture(jpeg, 1 << 20) == jpeg


def test_logo_ocr_failure_is_no_reading(monkeypatch: Any) -> None:
    """A logo is evidence only: Tesseract failing on it ends the readings, not the record."""
    from gongmun.extract import pdf_header

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise UnreadableInput("OCR failed: broken engine")

    buffer = io.BytesIO()
    Image.new("RGB", (173, 54), "white").save(buffer, "PNG")
    monkeypatch.setattr(pdf_header, "engine_available", lambda: True)
    monkeypatch.setattr(pdf_header, "ocr_image", failing)
    assert list(pdf_header.logo_readings(buffer.getvalue())) == []
