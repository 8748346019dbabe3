"""What kind of document this is, from its content (never its file name)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongmun.extract.model import Document

from .models import DocType

# Evidence and its weight. A card has the form's labels; an article has a byline and the
# reporting verbs of Korean news prose.
_CARD_EVIDENCE: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"공약사업\s*관리\s*카드|관리카드"), 3.0),
    (re.compile(r"관리번호"), 2.0),
    (re.compile(r"공약명"), 2.0),
    (re.compile(r"재원\s*투자"), 1.5),
    (re.compile(r"추진실적"), 1.0),
    (re.compile(r"실천목표|추진부서"), 1.0),
]
_PRESS_EVIDENCE: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"보도\s*자료|보도\s*일시"), 3.0),
    (re.compile(r"기사\s*승인|입력\s*\d{4}|기자\s*[/=|]|[가-힣]{2,4}\s*기자\b"), 2.5),
    (re.compile(r"\[[^\]]{2,12}\]\s*\S"), 0.5),
    (re.compile(r"(밝혔다|말했다|전했다|덧붙였다)[.\"”]?"), 1.5),
    (re.compile(r"저작권자|무단\s*전재|재배포\s*금지"), 1.5),
]
MIN_SCORE = 3.0


@dataclass(frozen=True)
class Classification:
    doc_type: DocType
    confidence: float


def classify(doc: Document) -> Classification:
    text = "\n".join([b.text for b in doc.blocks[:400]] +
                     ["\t".join(r) for t in doc.tables[:20] for r in t.rows[:30]])
    card = _score(text, _CARD_EVIDENCE)
    press = _score(text, _PRESS_EVIDENCE)
    best, score, other = ("management_card", card, press) if card >= press else \
        ("press_release", press, card)
    if score < MIN_SCORE:
        return Classification("unknown", round(1 - score / (2 * MIN_SCORE), 2))
    return Classification(best, round(score / (score + other + 1.0), 2))  # type: ignore[arg-type]


def _score(text: str, evidence: list[tuple[re.Pattern[str], float]]) -> float:
    return sum(weight for pattern, weight in evidence if pattern.search(text))
