"""Writing outputs so that a crash never leaves one half-written."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[str]]:
    """Write to a temporary file beside `path`, then rename it into place (atomic on POSIX)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temp name must fit too: a name near the filesystem's limit cannot grow a suffix.
    prefix = f".{_cut(target.name, TEMP_NAME_BYTES)}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)


# Most filesystems (ext4, xfs, btrfs, tmpfs) allow 255 bytes per name.
NAME_MAX_BYTES = 255
TEMP_NAME_BYTES = 100  # of the target's name kept in its temp file's name
HASH_CHARS = 12


def short_name(name: str, key: str) -> str:
    """`name` if the filesystem takes it, else its start, `~`, a hash of `key` and its
    suffix (`.json`): distinct keys give distinct names, and the name stays readable."""
    if len(name.encode("utf-8", "surrogateescape")) <= NAME_MAX_BYTES:
        return name
    suffix = "".join(Path(name).suffixes[-1:])
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:HASH_CHARS]
    room = NAME_MAX_BYTES - len(f"~{digest}{suffix}".encode())
    return f"{_cut(name, room)}~{digest}{suffix}"


def _cut(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` within `max_bytes` of UTF-8 (never half a character)."""
    return text.encode("utf-8", "surrogateescape")[:max_bytes].decode("utf-8", "ignore")


def one_line_path(path: str) -> str:
    """A path as one line of a log: control characters (a newline in a file name) escaped."""
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in path)
