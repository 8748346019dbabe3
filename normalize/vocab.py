"""Word lists that several stages share, each loaded once from `normalize/data/`."""

from __future__ import annotations

from functools import cache

from .resources import read_table


@cache
def entity_words(kind: str, data_file: str = "entities.tsv") -> tuple[str, ...]:
    """The words of one kind of `entities.tsv` (`role`, `surname`, `org_suffix` ...), in the
    file's order."""
    return tuple(row[1].strip() for row in read_table(data_file)
                 if row[0] == kind and len(row) >= 2)


@cache
def surnames(*, rare: bool = False, data_file: str = "entities.tsv") -> frozenset[str]:
    """Korean surnames (`entities.tsv`); with `rare`, the rare ones too (사, 부, 상: too
    common as syllables to mark names in free text, but a quoted speaker may carry one)."""
    rare_ones = entity_words("surname_rare", data_file) if rare else ()
    return frozenset((*entity_words("surname", data_file), *rare_ones))


@cache
def particles(use: str) -> tuple[str, ...]:
    """The particles of `particles.tsv` marked for `use` (`eojeol_end`, `final_syllable`)."""
    return tuple(row[0] for row in read_table("particles.tsv")
                 if len(row) >= 2 and use in row[1].split(","))
