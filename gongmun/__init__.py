"""gongmun: Korean administrative reports to trusted JSON records.

    >>> import gongmun
    >>> record = gongmun.extract("card.pdf")      # a pydantic `Record`
    >>> record.card.total_budget_krw
    >>> result = gongmun.convert("card.pdf")      # never raises: status, error kind, record
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gongmun.export import load
    from gongmun.pipeline import convert

__all__ = ["__version__", "convert", "extract", "load"]


class _CallableReaders(types.ModuleType):
    """The `gongmun.extract` package, callable as the `gongmun.extract(path)` function.

    The readers' package and the API's function share the name `extract`: importing the
    package (which the pipeline does) sets the attribute `gongmun.extract` to the module,
    which would hide the function after the first call. Making the module callable keeps
    both `gongmun.extract(path)` and `gongmun.extract.read_document` working.
    """

    def __call__(self, path: Any, **kwargs: Any) -> Any:
        from gongmun.pipeline import extract

        return extract(path, **kwargs)


def _make_readers_callable() -> None:
    import gongmun.extract as readers  # cheap: the readers themselves load on first use

    readers.__class__ = _CallableReaders


def __getattr__(name: str) -> Any:
    # The pipeline pulls in pydantic and the readers; `import gongmun` stays cheap.
    if name == "convert":
        from gongmun.pipeline import convert

        return convert
    if name == "load":
        from gongmun.export import load

        return load
    raise AttributeError(name)


_make_readers_callable()
if TYPE_CHECKING:  # to a type checker, `gongmun.extract` is the function it behaves as
    from gongmun.pipeline import extract
else:
    extract = sys.modules["gongmun.extract"]
