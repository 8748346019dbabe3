"""Edits (a proposed change to a span of text), the one arbiter that decides which are made,
and applying them as recorded corrections."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..corrections import Correction

THRESHOLD = 0.8
"""A change is made when its confidence is at least this."""

@dataclass(frozen=True)
class Edit:
    """A proposed change to `text[start:end]`."""

    start: int
    end: int
    replacement: str
    rule: str
    confidence: float

    def overlaps(self, other: Edit) -> bool:
        if self.start == self.end or other.start == other.end:  # insertions touch, not overlap
            return self.start < other.end and other.start < self.end
        return self.start < other.end and other.start < self.end


def apply_edits(text: str, edits: Iterable[Edit], location: dict[str, Any]
                ) -> tuple[str, list[Correction]]:
    """Apply non-overlapping edits; each correction spans its text in the result."""
    out: list[str] = []
    corrections: list[Correction] = []
    pos = shift = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[pos:e.start])
        start = e.start + shift
        loc = dict(location) | {"start": start, "end": start + len(e.replacement)}
        corrections.append(Correction(text[e.start:e.end], e.replacement, e.rule, loc,
                                      round(e.confidence, 3)))
        out.append(e.replacement)
        shift += len(e.replacement) - (e.end - e.start)
        pos = e.end
    out.append(text[pos:])
    return "".join(out), corrections


@dataclass(frozen=True)
class Decision:
    """What the arbiter kept, and what it dropped with the reason."""

    kept: list[Edit]
    dropped: list[tuple[Edit, str]]


def arbitrate(edits: Iterable[Edit], threshold: float = THRESHOLD) -> Decision:
    """The one place a candidate becomes a change: confidence at least `threshold`, then best
    first, none overlapping a better one."""
    kept: list[Edit] = []
    dropped: list[tuple[Edit, str]] = []
    for e in sorted(edits, key=lambda e: (-e.confidence, e.start)):
        if e.confidence < threshold:
            dropped.append((e, f"confidence {e.confidence:.3f} < {threshold}"))
        elif any(e.overlaps(k) for k in kept):
            dropped.append((e, "overlaps a better edit"))
        else:
            kept.append(e)
    return Decision(kept, dropped)


def drop_ambiguous(text: str, edits: list[Edit], threshold: float) -> list[Edit]:
    """Two different words both plausible for the same written text (조서: 조사? 조성?):
    precision first, neither is made."""
    plausible = [e for e in edits if e.confidence >= threshold * 0.9]

    def result(e: Edit) -> str:
        return text[:e.start] + e.replacement + text[e.end:]

    def rivals(a: Edit, b: Edit) -> bool:
        return a is not b and a.overlaps(b) and result(a) != result(b)

    return [e for e in edits if not any(rivals(e, o) for o in plausible)]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))



def origin_map(text: str, deletions: list[Edit]) -> list[int]:
    """For each position of the text after `deletions` (single characters removed), its
    position in `text`; one extra entry for the end."""
    removed = {e.start for e in deletions}
    return [i for i in range(len(text)) if i not in removed] + [len(text)]


def carry_back(edit: Edit, origin: list[int], length: int) -> Edit:
    """An edit of the joined text as an edit of the original text (covering the spaces that
    were removed inside it)."""
    start = origin[edit.start]
    end = origin[edit.end - 1] + 1 if edit.end > edit.start else start
    return Edit(start, min(end, length), edit.replacement, edit.rule, edit.confidence)


def compose_edits(made: list[Edit], current: str, more: list[Edit]) -> list[Edit]:
    """`made` (edits of a text that gave `current`) followed by `more` (edits of `current`),
    as edits of the first text. An edit of `more` that touches the output of edits of `made`
    merges with them into one edit (its rule the rules joined by `+`, its confidence the
    least), so every change stays recorded against the text as it was read."""
    old = sorted(made, key=lambda e: (e.start, e.end))
    spans = []  # each old edit's span in `current`
    shift = 0
    for e in old:
        start = e.start + shift
        spans.append((start, start + len(e.replacement)))
        shift += len(e.replacement) - (e.end - e.start)

    def touches(span: tuple[int, int], s: int, e: int) -> bool:
        cs, ce = span
        if cs == ce:
            return s < cs < e or s == e == cs
        if s == e:
            return cs < s < ce
        return cs < e and s < ce

    def to_first(pos: int) -> int:
        before = [(k, span) for k, span in enumerate(spans) if span[1] <= pos]
        if not before:
            return pos
        k, (_, ce) = before[-1]
        return old[k].end + (pos - ce)

    groups: list[tuple[set[int], list[Edit]]] = []  # (old edits, new edits) merged
    for n in sorted(more, key=lambda e: (e.start, e.end)):
        hit = {k for k, span in enumerate(spans) if touches(span, n.start, n.end)}
        joined = [g for g in groups if g[0] & hit]
        for g in joined:
            groups.remove(g)
            hit |= g[0]
        groups.append((hit, [x for g in joined for x in g[1]] + [n]))
    merged_old = set().union(*(g[0] for g in groups)) if groups else set()
    out = [e for k, e in enumerate(old) if k not in merged_old]
    for hit, news in groups:
        news.sort(key=lambda e: (e.start, e.end))
        lo = min([spans[k][0] for k in hit] + [news[0].start])
        hi = max([spans[k][1] for k in hit] + [news[-1].end])
        text, _ = apply_edits(current[lo:hi], [Edit(x.start - lo, x.end - lo, x.replacement,
                                                    x.rule, x.confidence) for x in news], {})
        first_lo = min([old[k].start for k in hit] + ([to_first(lo)] if not hit or
                                                       lo < min(spans[k][0] for k in hit)
                                                       else []))
        first_hi = max([old[k].end for k in hit] + ([to_first(hi)] if not hit or
                                                     hi > max(spans[k][1] for k in hit)
                                                     else []))
        rules = [old[k].rule for k in sorted(hit)] + [x.rule for x in news]
        confidence = min([old[k].confidence for k in hit] + [x.confidence for x in news])
        out.append(Edit(first_lo, first_hi, text, "+".join(rules), confidence))
    return sorted(out, key=lambda e: (e.start, e.end))
