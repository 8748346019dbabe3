"""Which files a run reads: files named on the command line, and documents inside folders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

# Inside a folder, only files that look like documents are read: folders of samples and
# archives also hold expected records, scripts and notes. A file named explicitly is
# always read, whatever its name; its content decides its format.
DOCUMENT_SUFFIXES = frozenset({".pdf", ".txt", ".md", ".text", ".html", ".htm", ".hwp",
                               ".hwpx", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Named files as given; folders walked recursively in a stable (sorted) order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if is_document(p, path))
        else:
            yield path


def is_document(path: Path, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    return path.is_file() and not hidden and path.suffix.lower() in DOCUMENT_SUFFIXES
