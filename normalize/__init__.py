"""Normalization: text in -> clean text out, plus every correction made, with its location."""

from __future__ import annotations

from .corrections import Correction, Corrector, TextContext
from .document import NormalizedDocument, normalize_document


def default_correctors() -> list[Corrector]:
    """The correctors the pipeline runs when correction is on, in order.

    Heavy models load lazily on first use, once per process.
    """
    from .typos import get_corrector

    return [get_corrector()]


__all__ = [
    "Correction",
    "Corrector",
    "NormalizedDocument",
    "TextContext",
    "default_correctors",
    "normalize_document",
]
