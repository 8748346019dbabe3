"""HWP 5 pictures (BinData) for the header-logo reader: inflated, and never past the cap."""

from __future__ import annotations

import zlib

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
