"""Normalization: text in -> clean text out, plus every correction made, with its location."""

from __future__ import annotations

from collections.abc import Callable

from .corrections import Correction, Corrector, TextContext
from .document import NormalizedDocument, normalize_document


def default_correctors() -> list[Corrector]:
    """The correctors the pipeline runs when correction is on, in order.

    Each is built on its first call, and its models (Kiwi, spaCy) load once a text needs
    them, once per process: a document with no OCR text never calls a corrector, so it never
    even imports one.
    """
    return [_OnFirstCall(_ocr_corrector)]


def _ocr_corrector() -> Corrector:
    from .typos import get_corrector

    return get_corrector()


class _OnFirstCall:
    """A corrector built when it is first called."""

    def __init__(self, build: Callable[[], Corrector]) -> None:
        self._build = build
        self._corrector: Corrector | None = None

    def __call__(self, text: str, context: TextContext) -> tuple[str, list[Correction]]:
        if self._corrector is None:
            self._corrector = self._build()
        return self._corrector(text, context)


__all__ = [
    "Correction",
    "Corrector",
    "NormalizedDocument",
    "TextContext",
    "default_correctors",
    "normalize_document",
]
