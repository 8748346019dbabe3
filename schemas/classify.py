"""What kind of document this is, from its content (never its file name).

Weighted evidence from `normalize/data/doc_type_evidence.tsv` (a card's form labels; a news
article's byline, dateline and copyright; a 보도자료 header) plus what an HTML page says of
itself (`og:type` article, a publication time). Text read by OCR also counts the header
labels of `doc_type_ocr_terms.tsv` read one syllable wrong (보도시접), and a contact table
of phone numbers beside officials' titles, which OCR reads well. The confidence grows with
the winning score and shrinks with the evidence for the other kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongmun.extract.model import Document
from gongmun.normalize.resources import read_table

from .models import DocType
from .press_text import near_pattern, term_set

MIN_SCORE = 3.0
# Page metadata that marks a news article: key -> (value pattern, weight).
_PRESS_METADATA = {
    "og:type": (re.compile(r"article", re.I), 2.0),
    "article:published_time": (re.compile(r"\d{4}"), 1.5),
    "ld:datepublished": (re.compile(r"\d{4}"), 1.5),
}
# How much text is enough evidence: the first blocks and table rows.
MAX_BLOCKS, MAX_TABLES, MAX_ROWS = 400, 20, 30
# A 보도자료's contact table: at least this many phone numbers, each within CONTACT_WINDOW
# characters of an official's title. Weighted below the exact 담당부서/담당자 pattern.
MIN_CONTACT_PHONES = 2
CONTACT_WINDOW = 30
CONTACT_WEIGHT = 1.5
_PHONE = re.compile(r"(?<!\d)0\d{1,2}\s?[-.)]\s?\d{3,4}\s?[-.]\s?\d{4}(?!\d)")


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
    ocr_text = "\n".join([b.text for b in doc.blocks[:MAX_BLOCKS] if b.ocr] +
                         ["\t".join(r) for t in doc.tables[:MAX_TABLES] if t.ocr
                          for r in t.rows[:MAX_ROWS]])
    if ocr_text:
        near = _near_evidence()
        card += _score(ocr_text, near.get("management_card", ()))
        press += _score(ocr_text, near.get("press_release", ())) + _contact_score(ocr_text)
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


@cache
def _near_evidence() -> dict[str, tuple[tuple[re.Pattern[str], float], ...]]:
    """Each row of doc_type_ocr_terms.tsv as one pattern: any of its labels, exactly or with
    one syllable wrong, spaces anywhere (OCR splits and joins words)."""
    table: dict[str, list[tuple[re.Pattern[str], float]]] = {}
    for kind, weight, labels in (row[:3] for row in read_table("doc_type_ocr_terms.tsv")):
        variants = "|".join(near_pattern(label) for label in labels.split("|"))
        table.setdefault(kind, []).append((re.compile(variants), float(weight)))
    return {k: tuple(v) for k, v in table.items()}


@cache
def _titles() -> re.Pattern[str]:
    """Officials' titles (press_terms.tsv positions, entities.tsv roles), spaced or not."""
    words = sorted({*term_set("role"), *term_set("position")}, key=len, reverse=True)
    return re.compile("|".join(r"\s*".join(map(re.escape, w.replace(" ", ""))) for w in words))


def _contact_score(text: str) -> float:
    """A contact table: phone numbers, each near an official's title (과장, 사무관, ...)."""
    titles = _titles()
    near = sum(1 for m in _PHONE.finditer(text)
               if titles.search(text[max(0, m.start() - CONTACT_WINDOW):m.start()]))
    return CONTACT_WEIGHT if near >= MIN_CONTACT_PHONES else 0.0


def _metadata_score(metadata: dict[str, str]) -> float:
    lowered = {k.lower(): v for k, v in metadata.items()}
    return sum(weight for key, (pattern, weight) in _PRESS_METADATA.items()
               if pattern.search(lowered.get(key, "")))
