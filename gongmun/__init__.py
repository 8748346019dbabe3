"""gongmun: Korean administrative reports to trusted JSON records.

    >>> import gongmun
    >>> record = gongmun.extract("card.pdf")      # a pydantic `Record`
    >>> record.card.total_budget_krw
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gongmun.export import load
    from gongmun.pipeline import extract

__all__ = ["__version__", "extract", "load"]


def __getattr__(name: str) -> Any:
    # The pipeline pulls in pydantic and the readers; `import gongmun` stays cheap.
    if name == "extract":
        from gongmun.pipeline import extract

        return extract
    if name == "load":
        from gongmun.export import load

        return load
    raise AttributeError(name)
