"""The few ways reading a file can fail. Each carries a one-line, user-facing reason."""


class ExtractError(Exception):
    """Base: the input cannot become a Document. `str(err)` is the reason shown to users."""


class UnreadableInput(ExtractError):
    """Not a file we can open or parse (missing, a folder, corrupt, truncated, random bytes)."""


class EmptyInput(UnreadableInput):
    """Zero bytes, or no text at all."""


class EncryptedInput(ExtractError):
    """A password-protected PDF."""


class UnsupportedFormat(ExtractError):
    """A format we recognize but do not read (yet), or one we cannot recognize."""


class LimitExceeded(ExtractError):
    """Larger than the configured limits (bytes, pages)."""
