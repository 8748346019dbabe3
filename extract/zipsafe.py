"""Reading members of an untrusted ZIP (an HWPX) within limits.

A ZIP says how large each member is, but a forged header can say anything: every member's
declared size is checked before it is inflated, and the bytes are counted while inflating,
so a zip bomb stops at the limit whatever its headers claim.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from . import limits
from .errors import EncryptedInput, LimitExceeded, UnreadableInput

# Real HWPX files hold a few dozen members (XML parts, images, previews); 10^4 leaves room
# for image-heavy documents while refusing archives built to exhaust the directory walk.
MAX_ZIP_ENTRIES = 10_000
# One XML part: the largest section of the real files is ~2 MB; 64 MiB leaves a wide margin.
MAX_ZIP_MEMBER_BYTES = 64 * 1024 * 1024
# All parts read from one archive together.
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
# Inflate in pieces of this size, so that the count stops a bomb after at most one piece.
READ_CHUNK_BYTES = 1024 * 1024


# What zipfile raises on damaged archives (headers, versions, inflating, CRCs).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, EOFError,
              OSError, NotImplementedError, RuntimeError, IndexError, KeyError)


class SafeZip:
    def __init__(self, data: bytes, kind: str) -> None:
        self.kind = kind
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except ZIP_ERRORS as err:
            raise UnreadableInput(f"corrupt {kind} (not a readable ZIP: {err})") from err
        if len(infos) > MAX_ZIP_ENTRIES:
            raise LimitExceeded(f"{kind} has more than {MAX_ZIP_ENTRIES} ZIP entries")
        self._infos = {info.filename: info for info in infos}
        self._read_total = 0

    def names(self) -> list[str]:
        return list(self._infos)

    def __contains__(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise UnreadableInput(f"corrupt {self.kind}: {name} is missing")
        if info.flag_bits & 0x1:
            raise EncryptedInput(f"encrypted {self.kind} (password required)")
        self._check(info.file_size, name, "declares")
        out = bytearray()
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(READ_CHUNK_BYTES):
                    out += chunk
                    self._check(len(out), name, "inflates to")
        except ZIP_ERRORS as err:
            raise UnreadableInput(f"corrupt {self.kind}: {name}: {err}") from err
        if len(out) != info.file_size:
            raise UnreadableInput(f"corrupt {self.kind}: {name} is not the size it declares")
        self._read_total += len(out)
        return bytes(out)

    def _check(self, size: int, name: str, verb: str) -> None:
        # The run's stream limit (--max-stream-mb) applies to ZIP members as to PDF streams.
        cap = min(MAX_ZIP_MEMBER_BYTES, limits.current().max_stream_bytes)
        if size > cap:
            raise LimitExceeded(f"{self.kind} part {name} {verb} more than "
                                f"{cap // (1024 * 1024)} MiB (--max-stream-mb)")
        if self._read_total + size > MAX_ZIP_TOTAL_BYTES:
            raise LimitExceeded(f"{self.kind} parts {verb} more than "
                                f"{MAX_ZIP_TOTAL_BYTES // (1024 * 1024)} MiB in total")
