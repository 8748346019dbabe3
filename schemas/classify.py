"""What kind of document this is, from its content (never its file name).

Weighted evidence from `normalize/data/doc_type_evidence.tsv` (a card's form labels; a news
article's byline, dateline and copyright; a 보도자료 header) plus what an HTML page says of
itself (`og:type` article, a publication time). The confidence grows with the winning
score and shrinks with the evidence for the other kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongmun.extract.model import Document
from gongmun.normalize.resources import read_table

from .models import DocType

MIN_SCORE = 3.0
# Page metadata that marks a news article: key -> (value pattern, weight).
_PRESS_METADATA = {
    "og:type": (re.compile(r"article", re.I), 2.0),
    "article:published_time": (re.compile(r"\d{4}"), 1.5),
    "ld:datepublished": (re.compile(r"\d{4}"), 1.5),
}
# How much text is enough evidence: the first blocks and table rows.
MAX_BLOCKS, MAX_TABLES, MAX_ROWS = 400, 20, 30


@dataclass(frozen=True)
class Classification:
    doc_type: DocType
    confidence: float


@cache
def _evidence() -> dict[str, tuple[tuple[re.Pattern[str], float], ...]]:
    table: dict[str, list[tuple[re.Pattern[str], float]]] = {}
    for kind, weight, pattern in (row[:3] for row in read_table("doc_type_evidence.tsv")):
        table.setdefault(kind, []).append((re.compile(pattern), float(weight)))
    return {k: tuple(v) for k, v in table.items()}


def classify(doc: Document) -> Classification:
    text = "\n".join([b.text for b in doc.blocks[:MAX_BLOCKS]] +
                     ["\t".join(r) for t in doc.tables[:MAX_TABLES] for r in t.rows[:MAX_ROWS]])
    evidence = _evidence()
    card = _score(text, evidence.get("management_card", ()))
    press = _score(text, evidence.get("press_release", ())) + _metadata_score(doc.metadata)
    return decide(card, press)


def decide(card: float, press: float) -> Classification:
    """The kind with more evidence, if it has enough; confidence in [0, 1]."""
    best: DocType
    best, score, other = ("management_card", card, press) if card >= press else \
        ("press_release", press, card)
    if score < MIN_SCORE:
        return Classification("unknown", round(1 - score / (2 * MIN_SCORE), 2))
    # Saturates with plenty of evidence; evidence for the other kind pulls it down.
    strength = score / (score + 1.0)
    purity = score / (score + other)
    return Classification(best, round(strength * purity, 2))


def _score(text: str, evidence: tuple[tuple[re.Pattern[str], float], ...]) -> float:
    return sum(weight for pattern, weight in evidence if pattern.search(text))


def _metadata_score(metadata: dict[str, str]) -> float:
    lowered = {k.lower(): v for k, v in metadata.items()}
    return sum(weight for key, (pattern, weight) in _PRESS_METADATA.items()
               if pattern.search(lowered.get(key, "")))
