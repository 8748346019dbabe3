"""The OCR channel: what OCR prints where the source had something else, and how likely
(`data/ocr_confusions.tsv` priors, `data/ocr_channel.tsv` estimated on the dev OCR corpus),
and the vocabulary the proposers check candidates against."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..resources import read_lines, read_table
from .hangul import compose, decompose, is_syllable

if TYPE_CHECKING:
    from kiwipiepy import TypoTransformer

CHANNEL_COST_DECADES = 3.0
"""A confusion ten times rarer than the likeliest one costs 1/3 more (costs run 0..1)."""
CHANNEL_MIN_SUPPORT = 2
"""Times a confusion must be seen in the dev corpus before it proposes candidates."""


@dataclass(frozen=True)
class Variant:
    """What a written character (or short string) may stand for, and how far-fetched it is."""

    text: str
    cost: float
    rule: str


@dataclass
class ConfusionModel:
    """The OCR confusion model of `ocr_confusions.tsv`."""

    jamo: dict[tuple[str, str], list[tuple[str, float]]] = field(default_factory=dict)
    syllable: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    latin: list[tuple[str, str, float]] = field(default_factory=list)
    digit: dict[str, tuple[str, float]] = field(default_factory=dict)
    _variants: dict[str, list[Variant]] = field(default_factory=dict, repr=False,
                                                compare=False)

    @classmethod
    def load(cls, name: str = "ocr_confusions.tsv", channel: str = "ocr_channel.tsv"
             ) -> ConfusionModel:
        model = cls()
        for row in read_table(name):
            level, seen, meant, cost = row[0], row[1], row[2], float(row[3])
            seen = "" if seen == "-" else seen
            meant = "" if meant == "-" else meant
            if level in ("initial", "vowel", "final"):
                model.jamo.setdefault((level, seen), []).append((meant, cost))
            elif level == "syllable":
                model.syllable.setdefault(seen, []).append((meant, cost))
            elif level == "latin":
                model.latin.append((seen, meant, cost))
            elif level == "digit":
                model.digit[seen] = (meant, cost)
        model._apply_channel(channel)
        return model

    def _apply_channel(self, name: str) -> None:
        """Costs from the channel estimated on the dev OCR corpus (`ocr_channel.tsv`): a
        confusion seen there gets cost log10(P_top / P) / CHANNEL_COST_DECADES, P = how often
        its true form was misread so, P_top the likeliest Hangul confusion's P; one seen at
        least `CHANNEL_MIN_SUPPORT` times joins the model. The hand-listed confusions the dev
        corpus never showed, or showed fewer times, keep their prior (a different engine's
        habits, like 전 for 건)."""
        rows = [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in read_table(name)
                if len(r) == 5 and r[0] in ("initial", "vowel", "final", "syllable", "latin")]
        hangul = [n / t for level, _, _, n, t in rows
                  if level != "latin" and n >= CHANNEL_MIN_SUPPORT and t]
        if not hangul:
            return
        top = max(hangul)
        for level, seen, meant, n, total in rows:
            cost = min(1.0, max(0.0, math.log10(top * total / n) / CHANNEL_COST_DECADES))
            seen_, meant_ = ("" if seen == "-" else seen), ("" if meant == "-" else meant)
            if n < CHANNEL_MIN_SUPPORT:
                continue  # one sighting estimates nothing; the prior stands
            if level in ("initial", "vowel", "final"):
                targets = self.jamo.setdefault((level, seen_), [])
            elif level == "syllable" and is_syllable(meant_) and is_syllable(seen_):
                targets = self.syllable.setdefault(seen_, [])
            else:
                continue
            known = [k for k, (m, _) in enumerate(targets) if m == meant_]
            if known:
                targets[known[0]] = (meant_, cost)
            else:
                targets.append((meant_, cost))

    def variants(self, ch: str) -> list[Variant]:
        """Every character the written `ch` may be an OCR reading of (one confusion);
        remembered per character, as the proposers ask for every character of every text."""
        if ch not in self._variants:
            self._variants[ch] = self._confusions_of(ch)
        return self._variants[ch]

    def _confusions_of(self, ch: str) -> list[Variant]:
        out = [Variant(meant, cost, f"confusion:{ch}→{meant}")
               for meant, cost in self.syllable.get(ch, [])]
        if not is_syllable(ch):
            return out
        i, v, f = decompose(ch)
        for level, part in (("initial", i), ("vowel", v), ("final", f)):
            for meant, cost in self.jamo.get((level, part), []):
                parts = {"initial": i, "vowel": v, "final": f} | {level: meant}
                try:
                    new = compose(parts["initial"], parts["vowel"], parts["final"])
                except ValueError:  # not a possible initial/vowel/final
                    continue
                out.append(Variant(new, cost, f"confusion:{part or '∅'}→{meant or '∅'}"))
        return out

    def typo_transformer(self) -> TypoTransformer:
        """The Hangul confusions as a Kiwi `TypoTransformer` (defined meant -> seen)."""
        from kiwipiepy import TypoDefinition, TypoTransformer

        defs = []
        for (level, seen), targets in self.jamo.items():
            for meant, cost in targets:
                if not seen or not meant or level == "final":
                    continue  # Kiwi's definitions take initials/vowels; finals need escaping
                defs.append(TypoDefinition([meant], [seen], max(cost * 2, 0.5)))
        for seen, targets in self.syllable.items():
            for meant, cost in targets:
                if is_syllable(seen) and is_syllable(meant):
                    defs.append(TypoDefinition([meant], [seen], max(cost * 2, 0.5)))
        return TypoTransformer(defs)


@dataclass(frozen=True)
class Vocabulary:
    lexicon: frozenset[str]
    protected: tuple[str, ...]
    counters: frozenset[str]
    form_rows: tuple[tuple[str, ...], ...]
    max_len: int

    @classmethod
    def load(cls) -> Vocabulary:
        lexicon = frozenset(w.strip() for w in read_lines("lexicon.txt"))
        counters = frozenset(r[1] for r in read_table("entities.tsv")
                             if r[0] == "counter" and len(r) > 1)
        rows = tuple(tuple(r) for r in read_table("form_rows.tsv"))
        return cls(lexicon, tuple(read_lines("protected.txt")), counters, rows,
                   max(map(len, lexicon)))



@cache
def typo_transformer() -> TypoTransformer:
    return ConfusionModel.load().typo_transformer()
