"""The vocabulary of Korean news pages and press releases, compiled from `normalize/data/`.

`press_terms.tsv` holds words (reporter titles, date labels, roles, reporting verbs ...) and
`press_furniture.tsv` the patterns of page furniture; this module turns them into regexes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from gongmun.normalize import vocab
from gongmun.normalize.resources import read_table

_TRAILERS = re.compile(r"[\s>›»+]*(?:\(?\d{1,4}\)?)?[\s>›»+]*$")
# Furniture kinds matched against the whole block, and those searched inside it.
_WHOLE = ("end", "drop", "signoff")
_SEARCHED = ("copyright", "photo")
# Longer blocks are prose, whatever they contain (a sentence may mention 저작권자).
MAX_COPYRIGHT_LEN = 150
MAX_PHOTO_LEN = 120
_ENTRY_SEPARATOR = re.compile(r"\s*[|/·]\s*|\s+")
_PROSE_END = re.compile(r"(?:다|요|까)\s*[.!?][\"'”’)]*\s*$")
_SENTENCE_END = re.compile(r"(?:다|요|까)\s*[.!?]?[\"'”’)]*\s*$")


@cache
def terms() -> dict[str, tuple[str, ...]]:
    """kind -> words, longest first (so that alternations prefer 도지사 over 지사)."""
    table: dict[str, list[str]] = defaultdict(list)
    for row in read_table("press_terms.tsv"):
        if len(row) >= 2:
            table[row[0]].append(row[1].strip())
    # Speakers' roles are shared with the NLP entity rules, in one place.
    table["role"] = list(vocab.entity_words("role"))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


def term_set(kind: str) -> tuple[str, ...]:
    return terms().get(kind, ())


@cache
def contact_fields() -> dict[str, str]:
    """A contact-table label (담당자) -> the field it fills (name)."""
    return {row[1].strip(): row[2].strip() for row in read_table("press_terms.tsv")
            if row[0] == "contact_label" and len(row) >= 3}


MIN_FUZZY_TERM = 4
"""A label is matched one syllable off (in OCR'd text) only from this length on: one letter
off a shorter word matches ordinary words."""


def near_pattern(label: str) -> str:
    """A regex for `label` as OCR reads it: spaces anywhere, and, when the label is at least
    MIN_FUZZY_TERM letters long, any one syllable wrong (보도시접 for 보도시점)."""
    letters = [re.escape(c) for c in label.replace(" ", "")]
    spaced = r"\s*".join
    out = [spaced(letters)]
    if len(letters) >= MIN_FUZZY_TERM:
        out += [spaced([*letters[:i], "[가-힣]", *letters[i + 1:]]) for i in range(len(letters))]
    return "|".join(out)


def alternation(kind: str) -> str:
    """A regex alternation of one kind of term, spaces in terms matching any whitespace."""
    return "|".join(re.escape(t).replace(r"\ ", r"\s*") for t in term_set(kind))


def surnames() -> frozenset[str]:
    """Surnames a speaker in press text may carry, the rare ones included."""
    return vocab.surnames(rare=True)


@cache
def _furniture() -> dict[str, tuple[re.Pattern[str], ...]]:
    table: dict[str, list[re.Pattern[str]]] = defaultdict(list)
    for row in read_table("press_furniture.tsv"):
        if len(row) >= 2:
            table[row[0]].append(re.compile(row[1]))
    return {k: tuple(v) for k, v in table.items()}


def ends_with_stop(text: str) -> bool:
    """Whether `text` ends like a sentence of body prose, full stop included (…했다.):
    headlines end in a verb too (주민 숙원 풀린다) but without the stop."""
    return bool(_PROSE_END.search(text))


def is_sentence(text: str) -> bool:
    """Whether `text` ends like a Korean sentence of prose (…했다., …입니다.)."""
    return bool(_SENTENCE_END.search(text))


def _all_buttons(text: str, drops: tuple[re.Pattern[str], ...]) -> bool:
    """A share bar or a row of buttons: every entry of the line is a button
    (`페이스북 트위터 카카오톡 URL복사`, `가 가+ 공유`)."""
    entries = [e for e in _ENTRY_SEPARATOR.split(text) if e]
    return len(entries) >= 2 and all(any(p.fullmatch(e) for p in drops) for e in entries)


def furniture_kind(text: str) -> str | None:
    """`end`, `copyright`, `drop`, `photo`, `signoff` or None (body text)."""
    stripped = text.strip()
    bare = _TRAILERS.sub("", stripped) or stripped
    patterns = _furniture()
    for kind in _WHOLE:
        if any(p.fullmatch(bare) or p.fullmatch(stripped) for p in patterns.get(kind, ())):
            return kind
    if _all_buttons(stripped, patterns.get("drop", ())):
        return "drop"
    if len(stripped) <= MAX_COPYRIGHT_LEN and any(
            p.search(stripped) for p in patterns.get("copyright", ())):
        return "copyright"
    if (len(stripped) <= MAX_PHOTO_LEN and not is_sentence(stripped)
            and any(p.search(stripped) for p in patterns.get("photo", ()))):
        return "photo"
    return None
