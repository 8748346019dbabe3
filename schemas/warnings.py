"""Collecting what a reviewer should look at while a record is built."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import LocationValue, WarningOut


@dataclass
class WarningLog:
    items: list[WarningOut] = field(default_factory=list)

    def add(self, code: str, message: str, **location: LocationValue) -> None:
        where: dict[str, LocationValue] = {k: v for k, v in location.items() if v is not None}
        self.items.append(WarningOut(code=code, message=message, location=where or None))
