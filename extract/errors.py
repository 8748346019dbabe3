"""The few ways reading a file can fail. Each carries a one-line, user-facing reason.

Every error has a `kind`, so that callers tell apart what the user can fix from what we
must fix (docling's FailureCategory):

- `bad_input`: the file itself is wrong (corrupt, encrypted, empty, not a document);
- `limit`: the file may be fine but is larger or slower than the configured limits;
- `internal`: our own code failed (a bug); the traceback is kept for the report.
"""

from typing import ClassVar, Literal

ErrorKind = Literal["bad_input", "limit", "internal"]


class ExtractError(Exception):
    """Base: the input cannot become a Document. `str(err)` is the reason shown to users."""

    kind: ClassVar[ErrorKind] = "bad_input"


class UnreadableInput(ExtractError):
    """Not a file we can open or parse (missing, a folder, corrupt, truncated, random bytes)."""


class EmptyInput(UnreadableInput):
    """Zero bytes, or no text at all."""


class EncryptedInput(ExtractError):
    """A password-protected PDF."""


class UnsupportedFormat(ExtractError):
    """A format we recognize but do not read (yet), or one we cannot recognize."""


class LimitExceeded(ExtractError):
    """Larger than the configured limits (bytes, pages, stream size, line length, time,
    memory). The message names the limit and how to raise it."""

    kind: ClassVar[ErrorKind] = "limit"


class InternalError(ExtractError):
    """Our own code failed on this input. The reason says so; the traceback is kept apart."""

    kind: ClassVar[ErrorKind] = "internal"
