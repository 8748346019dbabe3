"""OCR typo correction, precision first.

Candidates come from the OCR confusion model (`data/ocr_confusions.tsv`): a syllable's
initial, vowel or final read as another jamo, whole glyphs read as other characters, Latin
and digit look-alikes, dropped parentheses, words glued together. Kiwi's typo-tolerant
analysis (a `TypoTransformer` built from the same model) proposes candidates too. A
candidate becomes a correction only with evidence that clears `threshold`:

- the corrected word is in the domain lexicon (`data/lexicon.txt`) and the written one is
  not a valid word (not in `data/protected.txt`, not a dictionary word in Kiwi's analysis),
  and Kiwi's score of the text rises;
- or the layout says what the text must be: a number's counter in parentheses (`(2전)`), a
  status column whose values are 완료/추진중/미착수, a header label, a form's label position.

Every change is returned as a `Correction` with the original text, the rule, the location
(the context's location plus `start`/`end` of the corrected text in the returned text) and a
confidence, so that `restore_original` gives back the text exactly.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ..corrections import Correction, TextContext
from ..korean import Morph, entities, get_kiwi
from ..resources import read_table
from ..text import canonical_label
from ..vocab import particles, surnames
from .analysis import CONTENT_TAGS, WINDOW_CHARS, Analysis, kiwi_score, word_is_valid_at
from .arbiter import (
    THRESHOLD,
    Decision,
    Edit,
    apply_edits,
    arbitrate,
    carry_back,
    compose_edits,
    drop_ambiguous,
    origin_map,
    sigmoid,
)
from .channel import (
    CHANNEL_COST_DECADES,
    CHANNEL_MIN_SUPPORT,
    ConfusionModel,
    Variant,
    Vocabulary,
    typo_transformer,
)
from .hangul import HANGUL, compose, decompose, is_syllable, jamo
from .markers import marker_edits, marker_tokens
from .numbers import number_punct_edits
from .punctuation import punctuation_edits
from .spacing import (
    SPACE_JOIN_MIN_GAIN,
    column_gap_edits,
    join_edits,
    number_split_edits,
)

if TYPE_CHECKING:
    from kiwipiepy import TypoTransformer


MAX_PASSES = 3
"""Passes of the corrector over its own output at most. On the 2,287 dev lines a second pass
changes 56 and a third 1; the bound keeps a pathological text's work linear."""

TYPO_COST_THRESHOLD = 1.5
"""The most typo cost Kiwi's typo-tolerant analysis may spend on a reading (the channel's
costs x 2, at least 0.5 each: `ConfusionModel.typo_transformer`): one or two confusions."""

PREDICATE_MIN_GAIN = 8.0
"""A predicate's one-syllable fix needs Kiwi's score, read with one eojeol of context either
side, to rise by this much more than the confusion's channel cost (in nats). Swept on dev
(confusion fixes right/made, each alone, all word rules together): none 26/28; at 12, 31/33;
at 8, 35/37; at 4 the same on real OCR but the injected set's precision falls from 0.913 to
0.894, so 8. No clean sentence changed at any of them."""

KIWI_ONLY_MIN_GAIN = 6.0
"""A word fix that Kiwi's dictionary alone supports (no lexicon word) needs about this much
rise in Kiwi's score of the eojeol (the confidence is a sigmoid centred here); see the dev
sweep in the README."""


# --- the corrector ---------------------------------------------------------------------------


class OcrCorrector:
    """The OCR typo corrector: a `Corrector` (text, context) -> (text, corrections)."""

    def __init__(self, threshold: float = THRESHOLD, *, spacing: bool = True,
                 kiwi_typos: bool = True, space_join_min_gain: float = SPACE_JOIN_MIN_GAIN
                 ) -> None:
        self.threshold = threshold
        self.space_join_min_gain = space_join_min_gain
        self.spacing = spacing
        self.kiwi_typos = kiwi_typos
        self.model = ConfusionModel.load()
        self.vocab = Vocabulary.load()
        self._typo_transformer: TypoTransformer | None = None
        self._typo_cache: tuple[str, list[Any]] | None = None

    # The corrector protocol.
    def __call__(self, text: str, context: TextContext) -> tuple[str, list[Correction]]:
        # Passes until nothing changes (at most MAX_PASSES): a fix can reveal the next
        # (0하가하가: Kiwi reads the second 하가 only once the first is 허가), and running the
        # corrector on its own output must change nothing. Every pass's edits are composed
        # into edits of the text as read.
        edits = self._edits(text, context)
        current, _ = apply_edits(text, edits, {})
        for _ in range(MAX_PASSES - 1):
            more = self._edits(current, context, layout=False) if edits else []
            if not more:
                break
            edits = compose_edits(edits, current, more)
            current, _ = apply_edits(text, edits, {})
        if not edits:
            return text, []
        return apply_edits(text, edits, dict(context.location))

    def _edits(self, text: str, context: TextContext, *, layout: bool = True) -> list[Edit]:
        """One pass's edits of `text`. Spaces OCR put inside words come out first, so that
        the word proposers see whole words (사 엽 -> 사엽 -> 사업); the word pass's edits are
        carried back to the text, absorbing the joins they cover. `layout`: propose the table
        cell's layout edits too (the first pass only: they read the row as it was read, not
        this text)."""
        joins = join_edits(text, self.space_join_min_gain) if self.spacing else []
        joins = arbitrate(joins, self.threshold).kept
        joined, _ = apply_edits(text, joins, {})
        origin = origin_map(text, joins)
        decision = arbitrate(self.propose(joined, context, layout=layout), self.threshold)
        edits = [carry_back(e, origin, len(text)) for e in decision.kept]
        joins = [j for j in joins if not any(e.start <= j.start < e.end for e in edits)]
        return sorted([*joins, *edits], key=lambda e: (e.start, e.end))

    def propose(self, text: str, context: TextContext, *, layout: bool = True) -> list[Edit]:
        """Every candidate edit with its confidence (before the threshold)."""
        edits: list[Edit] = []
        if context.block_type == "table_cell" and layout:
            edits += self._cell_edits(text, context)
        if not any(c.isalnum() for c in text):
            return edits
        analysis = Analysis(text)
        if context.block_type != "table_cell":
            edits += marker_edits(text)
        edits += self._latin_edits(text)
        edits += self._digit_edits(text)
        edits += number_punct_edits(text)
        edits += punctuation_edits(text, marker_tokens())
        edits += self._counter_edits(text, analysis)
        edits += self._word_edits(text, analysis)
        edits += self._predicate_edits(text, analysis)
        if self.spacing:
            edits += self._spacing_edits(text, analysis)
            edits += number_split_edits(text)
            edits += column_gap_edits(text)
        return edits

    # --- words: confusion model + lexicon + Kiwi ---------------------------------------------

    def _word_edits(self, text: str, analysis: Analysis) -> list[Edit]:
        candidates: dict[tuple[int, str], Variant] = {}
        for m in HANGUL.finditer(text):
            run = m.group()
            for i, ch in enumerate(run):
                # A lexicon word covering i lies within max_len of it: look no further, so a
                # long run costs linear work.
                lo = max(0, i - self.vocab.max_len)
                for variant in self.model.variants(ch):
                    if not is_syllable(variant.text):
                        continue
                    near = run[lo:i] + variant.text + run[i + 1:i + self.vocab.max_len + 1]
                    if self._lexicon_cover(near, i - lo) is None:
                        continue
                    key = (m.start() + i, variant.text)
                    if key not in candidates or candidates[key].cost > variant.cost:
                        candidates[key] = variant
        for (pos, new), variant in self._kiwi_candidates(text, analysis):
            candidates.setdefault((pos, new), variant)
        edits = []
        for (pos, new), variant in candidates.items():
            edit = self._score_word(text, analysis, pos, new, variant)
            if edit is not None:
                edits.append(edit)
        return drop_ambiguous(text, edits, self.threshold)

    def _lexicon_cover(self, run: str, i: int) -> tuple[int, int] | None:
        """The longest lexicon word in `run` covering position i, as (start, end)."""
        best: tuple[int, int] | None = None
        for length in range(min(self.vocab.max_len, len(run)), 1, -1):
            for a in range(max(0, i - length + 1), min(i, len(run) - length) + 1):
                if run[a:a + length] in self.vocab.lexicon:
                    return (a, a + length)
        return best

    def _score_word(self, text: str, analysis: Analysis, pos: int, new: str,
                    variant: Variant) -> Edit | None:
        if self._protected(text, pos, pos + 1):
            return None
        if analysis.valid_word_at(pos):
            return None  # a dictionary word stays, whatever it looks like
        run = _run_at(text, pos)
        start, end = run
        candidate_run = text[start:pos] + new + text[pos + 1:end]
        cover = self._lexicon_cover(candidate_run, pos - start)
        in_lexicon = cover is not None
        if in_lexicon and cover is not None and \
                text[start + cover[0]:start + cover[1]] in self.vocab.lexicon:
            return None
        whole = cover is not None and cover == (0, end - start)
        if not whole and _name_shaped(text[start:end], 4 if cover is None else 3):
            return None  # 김수성 is somebody, not 감수성
        gain = analysis.local_gain(pos, pos + 1, new)
        if gain <= 0:
            return None
        if in_lexicon and cover is not None:
            # The written form of the lexicon word falls apart in Kiwi's analysis: evidence
            # that it is not a word; a written form Kiwi reads as a word gets none.
            fragmented = analysis.fragmented(start + cover[0], start + cover[1])
            evidence = gain + (2.0 if fragmented else 0.0)
            confidence = sigmoid(evidence - 2.0) * (1 - 0.25 * variant.cost)
        else:  # Kiwi's dictionary alone: needs a much larger gain, and a word
            if start > 0 and text[start - 1].isdigit():
                return None  # a counter after a number: the counter rule's business
            if pos == end - 1 and text[pos] in _PLACE_SUFFIXES and pos > start:
                return None  # 동해시, 홍천군: a place name's suffix, not a typo
            if not analysis.same_words(pos, new):
                return None
            # Noisy channel in log space: the language model's gain against the channel's
            # cost of the confusion (cost x decades back to a log ratio, in nats).
            channel = variant.cost * CHANNEL_COST_DECADES * math.log(10)
            confidence = sigmoid(gain - KIWI_ONLY_MIN_GAIN - channel)
        # The correction spans the word it makes (시업화 -> 사업화), or the Hangul run.
        a, b = (start + cover[0], start + cover[1]) if cover is not None else (start, end)
        word = text[a:pos] + new + text[pos + 1:b]
        rule = variant.rule + (f" lexicon:{word}" if cover is not None else " kiwi")
        return Edit(a, b, word, rule, confidence)

    def _kiwi_candidates(self, text: str, analysis: Analysis
                         ) -> Iterator[tuple[tuple[int, str], Variant]]:
        """Single-syllable changes Kiwi's typo-tolerant analysis makes with the OCR model."""
        if not self.kiwi_typos or not HANGUL.search(text):
            return
        if self._all_valid_words(text, analysis):
            return  # `_score_word` refuses a change inside a dictionary word: none to find
        for t in self._typo_tokens(text):
            if t.typo_cost <= 0 or t.len != len(t.form) or not t.tag.startswith("NN"):
                continue
            surface = text[t.start:t.start + t.len]
            diffs = [k for k, (a, b) in enumerate(zip(surface, t.form, strict=True)) if a != b]
            if len(diffs) != 1:
                continue
            k = diffs[0]
            written, meant = surface[k], t.form[k]
            variant = next((v for v in self.model.variants(written) if v.text == meant), None)
            if variant is not None:
                yield (t.start + k, meant), variant

    def _predicate_edits(self, text: str, analysis: Analysis) -> list[Edit]:
        """A verb or adjective misread in one syllable (마졌으며 for 마쳤으며): Kiwi's
        typo-tolerant analysis with the dev channel (`typo_transformer`) reads a predicate
        there; the eojeol it spells is one channel confusion away from the written one; and
        Kiwi's score of the eojeol with one eojeol of context either side rises by far more
        than the confusion costs (`PREDICATE_MIN_GAIN`). A valid form loses (세워졌으며 read
        as 세워쳤으며 falls by ~20 nats in context)."""
        if not self.kiwi_typos or not HANGUL.search(text) or \
                self._all_valid_words(text, analysis):
            return []
        kiwi = get_kiwi()
        tokens = self._typo_tokens(text)
        edits = []
        done: set[int] = set()
        for t in tokens:
            if t.typo_cost <= 0 or not t.tag.startswith(PREDICATE_TAGS):
                continue
            start, end = _eojeol_at(text, t.start)
            if start in done:
                continue
            done.add(start)
            inside = [(u.form, u.tag) for u in tokens if start <= u.start < end]
            try:
                meant = kiwi.join(inside)
            except (ValueError, RuntimeError):
                continue
            written = text[start:end]
            if len(meant) != len(written):
                continue
            diffs = [k for k in range(len(written)) if written[k] != meant[k]]
            if len(diffs) != 1:
                continue
            pos = start + diffs[0]
            variant = next((v for v in self.model.variants(text[pos]) if v.text == meant[diffs[0]]),
                           None)
            if variant is None or self._protected(text, pos, pos + 1):
                continue
            a, b = _context_window(text, start, end)
            gain = kiwi_score(text[a:pos] + variant.text + text[pos + 1:b]) - \
                kiwi_score(text[a:b])
            channel = variant.cost * CHANNEL_COST_DECADES * math.log(10)
            confidence = sigmoid(gain - PREDICATE_MIN_GAIN - channel)
            edits.append(Edit(pos, pos + 1, variant.text, f"{variant.rule} predicate",
                              confidence))
        return edits

    def _typo_tokens(self, text: str) -> list[Any]:
        """Kiwi's typo-tolerant analysis of the text with the dev channel, once per text (the
        noun and the predicate proposers both read it; it costs ~10x a plain analysis)."""
        cached = self._typo_cache  # one read: another thread may replace it
        if cached is not None and cached[0] == text:
            return cached[1]
        if self._typo_transformer is None:
            self._typo_transformer = typo_transformer()
        tokens = list(get_kiwi().tokenize(text, typos=self._typo_transformer,
                                          typo_cost_threshold=TYPO_COST_THRESHOLD))
        self._typo_cache = (text, tokens)
        return tokens

    def _all_valid_words(self, text: str, analysis: Analysis) -> bool:
        """Every character a confusion could have written lies in a dictionary word (the
        typo-tolerant analysis costs ~10x a plain one, and mostly finds nothing)."""
        return all(analysis.valid_word_at(i) for i, ch in enumerate(text)
                   if is_syllable(ch) or ch in self.model.syllable)

    def _protected(self, text: str, start: int, end: int) -> bool:
        """A protected word or phrase, standing as a word (not the start of a longer one:
        시업 protects 시업, 시업을, not 시업화), overlaps text[start:end]."""
        for phrase in self.vocab.protected:
            at = text.find(phrase)
            while at >= 0:
                stop = at + len(phrase)
                if at < end and start < stop and _word_bounded(text, at, stop):
                    return True
                at = text.find(phrase, at + 1)
        return False

    # --- numbers and their counters ----------------------------------------------------------

    _COUNT = re.compile(r"(?<![\d.,])(\d+)([가-힣])(?=[)\],:·/\s]|$)")

    def _counter_edits(self, text: str, analysis: Analysis) -> list[Edit]:
        edits = []
        unmatched = _unmatched_closing(text)
        for m in self._COUNT.finditer(text):
            unit_pos = m.start(2)
            written = m.group(2)
            if written in self.vocab.counters or self._protected(text, m.start(), m.end()):
                continue
            if written in _number_words():
                continue  # 3조 (원), 제14조: part of the number, never a misread counter
            for variant in self.model.variants(written):
                if variant.text not in self.vocab.counters:
                    continue
                parenthesized = _paren_depth(text, m.start()) > 0
                paren = self._paren_edit(text, m, unmatched)
                sibling = re.search(rf"\d\s?{variant.text}(?![가-힣])", text) is not None
                if parenthesized or paren is not None or sibling:
                    # Numbers in parentheses, or next to counts of the same unit, are counts.
                    confidence = 0.95 * (1 - 0.25 * variant.cost)
                else:
                    gain = analysis.local_gain(unit_pos, unit_pos + 1, variant.text)
                    confidence = sigmoid(gain - 4.0) * (1 - 0.25 * variant.cost) * 0.9
                edits.append(Edit(m.start(), m.end(), m.group(1) + variant.text,
                                  f"counter:{written}→{variant.text}", confidence))
                if paren is not None:
                    edits.append(paren)
        return edits

    def _paren_edit(self, text: str, m: re.Match[str], unmatched: list[int]) -> Edit | None:
        """A dropped `(` before a count glued to a word (`지원11건 ... 3)`), when a `)` later
        closes nothing and no bracket stands between."""
        if m.start() == 0 or not is_syllable(text[m.start() - 1]):
            return None
        closing = next((j for j in unmatched if j > m.end()), None)
        if closing is None or any(c in "()" for c in text[m.end():closing]):
            return None
        confidence = 0.85
        inner = [int(n) for n in re.findall(r"\d+", text[m.end():closing])]
        if inner and sum(inner) == int(m.group(1)):
            confidence = 0.97  # the breakdown in the parentheses adds up to the count
        return Edit(m.start(), m.start(), "(", "dropped_paren", confidence)

    # --- Latin words and digits ----------------------------------------------------------------

    _LATIN = re.compile(r"(?<![A-Za-z0-9&])[A-Za-z0-9&]*[A-Za-z][A-Za-z0-9&]*(?![A-Za-z0-9&])")

    def _latin_edits(self, text: str) -> list[Edit]:
        edits = []
        for m in self._LATIN.finditer(text):
            word = m.group()
            if word in self.vocab.lexicon or self._protected(text, m.start(), m.end()):
                continue
            if not HANGUL.search(text[m.end():]):
                continue  # a row label misread before a row of numbers (Al for 계), no acronym
            best: tuple[float, str, str] | None = None
            for new, cost, rule in self._latin_variants(word):
                if new in self.vocab.lexicon and (best is None or cost < best[0]):
                    best = (cost, new, rule)
            if best is not None:
                cost, new, rule = best
                edits.append(Edit(m.start(), m.end(), new, f"{rule} lexicon:{new}",
                                  0.95 * (1 - 0.25 * cost)))
        return edits

    def _latin_variants(self, word: str, depth: int = 2) -> Iterator[tuple[str, float, str]]:
        frontier = [(word, 0.0, "")]
        for _ in range(depth):
            grown = []
            for current, cost, rule in frontier:
                for seen, meant, c in self.model.latin:
                    at = current.find(seen)
                    while at >= 0:
                        new = current[:at] + meant + current[at + len(seen):]
                        step = f"latin:{seen}→{meant}"
                        grown.append((new, cost + c, f"{rule}+{step}" if rule else step))
                        at = current.find(seen, at + 1)
            yield from grown
            frontier = grown

    _NUMBERISH = re.compile(r"(?<![A-Za-z0-9])[0-9OoDlI|iSB](?:[0-9OoDlI|iSB,.]*[0-9OoDlI|iSB])?"
                            r"(?=[년월일건개회억원만천%명종곳차]|\s*(?:백만|천만)?\s*원)")

    def _digit_edits(self, text: str) -> list[Edit]:
        edits = []
        for m in self._NUMBERISH.finditer(text):
            word = m.group()
            letters = [c for c in word if c in self.model.digit]
            if not letters or not any(c.isdigit() for c in word):
                continue
            if self._protected(text, m.start(), m.end()):
                continue
            new = "".join(self.model.digit[c][0] if c in self.model.digit else c for c in word)
            cost = max(self.model.digit[c][1] for c in letters)
            rule = "digit:" + ",".join(sorted({f"{c}→{self.model.digit[c][0]}" for c in letters}))
            edits.append(Edit(m.start(), m.end(), new, rule, 0.95 * (1 - 0.25 * cost)))
        return edits

    # --- spacing -------------------------------------------------------------------------------

    def _spacing_edits(self, text: str, analysis: Analysis) -> list[Edit]:
        """A space after a particle or ending glued to the next word: where Kiwi's spacing
        model puts one before a lexicon word, or a particle runs into an opening quote;
        never inside a name, organisation or amount (Kiwi.space splits those too)."""
        morphs = analysis.morphs
        proposals: dict[int, str] = {}
        # Kiwi's spacing of the text, asked for only when a glued lexicon word needs it
        spaced = cache(lambda: _inserted_spaces(text, get_kiwi().space(text)))
        for left, right in itertools.pairwise(morphs):
            if left.end != right.start or text[left.end - 1].isspace():
                continue
            if not left.tag.startswith(("J", "E")) or not _word_before(text, morphs, left):
                continue
            if right.tag.startswith("NN") and right.end - right.start >= 2 \
                    and right.form in self.vocab.lexicon and left.end in spaced():
                proposals[left.end] = f"spacing lexicon:{right.form}"
            elif right.tag == "SSO" and left.tag.startswith("J") and \
                    text[left.start - 1:left.start] in "'’\"”)":
                proposals[left.end] = "spacing quote"
        if not proposals:
            return []
        inside = [(s, e) for label, _, s, e in entities(text)
                  if label in ("PERSON", "ORG", "MONEY", "COUNT", "DATE", "PERIOD")]
        return [Edit(p, p, " ", rule.split(" ")[0], 0.9) for p, rule in proposals.items()
                if not any(s < p < e for s, e in inside)]

    # --- table cells: status column, header labels, form labels -------------------------------

    def _cell_edits(self, text: str, context: TextContext) -> list[Edit]:
        return [*self._status_edits(text, context), *self._label_edits(text, context),
                *self._form_label_edits(text, context)]

    def _status_edits(self, text: str, context: TextContext) -> list[Edit]:
        """A status column allows a few values (`추진상황 (완료/추진중/미착수)`); a cell of
        confusion variants of one of them is that value (`원료 완료` -> `완료`)."""
        allowed = _status_values(context)
        if not allowed or text in allowed or not text.strip():
            return []
        meant: set[str] = set()
        cost = 0.0
        for word in text.split():
            if word in allowed:
                meant.add(word)
                continue
            match = self._one_confusion(word, allowed)
            if match is None:
                return []
            meant.add(match[0])
            cost = max(cost, match[1])
        if len(meant) != 1:
            return []
        value = meant.pop()
        return [Edit(0, len(text), value, f"status_column:{value}", 0.97 * (1 - 0.25 * cost))]

    def _one_confusion(self, word: str, targets: Iterable[str]) -> tuple[str, float] | None:
        """The target `word` is one confusion away from, and the confusion's cost."""
        for target in targets:
            if len(target) != len(word):
                continue
            diffs = [k for k in range(len(word)) if word[k] != target[k]]
            if len(diffs) != 1:
                continue
            k = diffs[0]
            variant = next((v for v in self.model.variants(word[k]) if v.text == target[k]),
                           None)
            if variant is not None:
                return target, variant.cost
        return None

    def _label_edits(self, text: str, context: TextContext) -> list[Edit]:
        """A header cell (first row or first column) one confusion away from a form label
        (`Э` -> `계`) and not itself a word."""
        loc = context.location
        if loc.get("row") != 0 and loc.get("col") != 0:
            return []
        cell = text.strip()
        if not cell or len(cell) > 6 or canonical_label(cell) is not None:
            return []
        if any(is_syllable(c) for c in cell) and Analysis(cell).valid_word_at(0):
            return []
        best: Edit | None = None
        for k, ch in enumerate(cell):
            for variant in self.model.variants(ch):
                label = canonical_label(cell[:k] + variant.text + cell[k + 1:])
                if label is None:
                    continue
                offset = text.index(cell) + k
                edit = Edit(offset, offset + 1, variant.text,
                            f"header_label:{label} {variant.rule}",
                            0.95 * (1 - 0.25 * variant.cost))
                if best is None or edit.confidence > best.confidence:
                    best = edit
        return [best] if best is not None else []

    def _form_label_edits(self, text: str, context: TextContext) -> list[Edit]:
        """A form label garbled by OCR and split over cells, between two labels of a form row
        (`추진부서 | 디지털산업과 | 다다기 | 당 자 김은규 | 전화번호`): the cell holding the
        label's first syllable garbled becomes the label; the rest of the label, written in
        the next cell, moves to it. Nothing is invented: every syllable of the label but the
        garbled one is in the text, and the garbled one shares its first sounds."""
        row = context.row_values
        col = context.location.get("col")
        if not row or not isinstance(col, int):
            return []
        plan = self._form_label_plan(row)
        if plan is None:
            return []
        label_col, rest_col, label, rest_len, confidence = plan
        if col == label_col:
            return [Edit(0, len(text), label, f"form_label:{label}", confidence)]
        if col == rest_col:
            return [Edit(0, rest_len, "", f"form_label:{label}", confidence)]
        return []

    def _form_label_plan(self, row: tuple[str, ...]) -> tuple[int, int, str, int, float] | None:
        labels = {c: lab for c, cell in enumerate(row) if (lab := _leading_label(cell))}
        for form in self.vocab.form_rows:
            for before, missing, after in zip(form, form[1:], form[2:], strict=False):
                if missing in labels.values():
                    continue
                left = next((c for c, lab in labels.items() if lab == before), None)
                right = next((c for c, lab in labels.items() if lab == after), None)
                if left is None or right is None or right - left < 4:
                    continue
                plan = self._garbled_label(row, left + 2, right, missing)
                if plan is not None:
                    return plan
        return None

    def _garbled_label(self, row: tuple[str, ...], first: int, stop: int, label: str
                       ) -> tuple[int, int, str, int, float] | None:
        """Cells first..stop-1: a garbled cell, then a cell starting with the label's tail."""
        cells = [(c, row[c]) for c in range(first, stop) if row[c].strip()]
        if len(cells) < 2:
            return None
        (gc, garbled), (tc, tail_cell) = cells[0], cells[1]
        for cut in range(1, len(label)):
            head, tail = label[:cut], label[cut:]
            m = re.match(r"\s*" + r"\s*".join(map(re.escape, tail)) + r"(?:\s+|$)", tail_cell)
            if m is None or len(tail) < 2:
                continue
            g = garbled.strip()
            if not (len(head) <= len(g) <= 3 * len(head)) or not all(map(is_syllable, g)):
                continue
            if canonical_label(g) is not None or Analysis(g).valid_word_at(0):
                return None
            # The garbled text starts with the head's sounds (initial and vowel of each).
            if not jamo(g).startswith(jamo(head)[:2]):
                continue
            return gc, tc, label, m.end(), 0.9
        return None


# --- helpers -----------------------------------------------------------------------------------

PREDICATE_TAGS = ("VV", "VA", "VX")
"""Kiwi tags of the predicates `_predicate_edits` looks at (a noun is `_word_edits`')."""


def _eojeol_at(text: str, pos: int) -> tuple[int, int]:
    """The whitespace-delimited word around pos."""
    start = text.rfind(" ", 0, pos) + 1
    end = text.find(" ", pos)
    return start, len(text) if end < 0 else end


def _context_window(text: str, start: int, end: int) -> tuple[int, int]:
    """The eojeol text[start:end] with one eojeol either side (a predicate is read with its
    object or subject: 협의를 마쳤으며), at most `WINDOW_CHARS` either side."""
    a = text.rfind(" ", 0, max(0, start - 1)) + 1
    b = text.find(" ", end + 1)
    b = len(text) if b < 0 else b
    return max(a, start - WINDOW_CHARS), min(b, end + WINDOW_CHARS)


_PLACE_SUFFIXES = frozenset("시군구읍면동리도")
"""Administrative place suffixes: Kiwi splits 동해시 into 동해 + 시 and would take 동해사."""

_PARTICLES = particles("eojeol_end")


def _word_bounded(text: str, start: int, end: int) -> bool:
    """text[start:end] is a word: no syllable glued before it, and after it nothing, a
    non-syllable or a particle ending the eojeol."""
    if start > 0 and is_syllable(text[start - 1]):
        return False
    rest = text[end:_run_at(text, end)[1]] if end < len(text) and is_syllable(text[end]) else ""
    return rest == "" or rest in _PARTICLES


def _run_at(text: str, pos: int) -> tuple[int, int]:
    start = pos
    while start > 0 and is_syllable(text[start - 1]):
        start -= 1
    end = pos + 1
    while end < len(text) and is_syllable(text[end]):
        end += 1
    return start, end


def _name_shaped(run: str, longest: int) -> bool:
    """A Hangul run that may be a person's name: a surname and one to three syllables."""
    return 2 <= len(run) <= longest and any(run.startswith(s) for s in surnames())


def _word_before(text: str, morphs: list[Morph], particle: Morph) -> bool:
    """The eojeol that `particle` ends starts with a dictionary word: a stem of 2+ syllables
    (위하 in 위해서는), a one-syllable verb stem or bound noun (열린, 것으로); a particle after a
    lone noun syllable (설도지구: 설 + 도?) is no evidence of a missing space."""
    start = particle.start
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    first = next((m for m in morphs if m.start >= start), None)
    if first is None or first is particle or first.oov:
        return False
    if first.end - first.start >= 2:
        return first.tag.startswith((*CONTENT_TAGS, "SN"))
    # One syllable: a verb stem (열린, 하는) or a common bound noun (것으로, 등에), not a
    # noun or a rare bound-noun reading Kiwi falls back on (설도지구: 설/NNB + 도/JX).
    return first.tag in ("VV", "VA", "VX", "NP") or \
        (first.tag == "NNB" and first.form in _COMMON_BOUND_NOUNS)


_COMMON_BOUND_NOUNS = frozenset(["것", "등", "수", "중", "때", "데", "바", "점", "내", "후", "뿐"])


def _paren_depth(text: str, pos: int) -> int:
    depth = 0
    for ch in text[:pos]:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth


def _unmatched_closing(text: str) -> list[int]:
    depth, out = 0, []
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
            else:
                out.append(i)
    return out


def _inserted_spaces(text: str, spaced: str) -> set[int]:
    """Positions of `text` before which `spaced` has a space that `text` has not."""
    out: set[int] = set()
    i = j = 0
    while i < len(text) and j < len(spaced):
        if text[i] == spaced[j]:
            i += 1
            j += 1
        elif spaced[j].isspace():
            out.add(i)
            j += 1
        elif text[i].isspace():
            i += 1
        else:
            return set()  # not a pure spacing change; trust nothing
    return out


_LEGEND = re.compile(r"\(([^()]*/[^()]*)\)")


def _status_values(context: TextContext) -> frozenset[str]:
    """The values a status column allows: its header's legend, or the form's status list when
    the column already holds them."""
    header = context.column_header or ""
    if (m := _LEGEND.search(header)) is not None:
        return frozenset(v.strip() for v in m.group(1).split("/") if v.strip())
    statuses = _form_statuses()
    filled = [v for v in context.column_values[1:] if v.strip()]
    if len(filled) >= 3 and sum(v in statuses for v in filled) * 2 > len(filled):
        return statuses
    return frozenset()


@cache
def _number_words() -> frozenset[str]:
    """Words that close a number (`units.tsv` scale words 조, 억, 만, 천, 백, 십: 3조 원 is
    money, not 3종), and so are never a misread counter."""
    return frozenset(r[1] for r in read_table("units.tsv")
                     if len(r) > 1 and r[0] in ("scale_big", "scale_small"))


@cache
def _form_statuses() -> frozenset[str]:
    return frozenset(r[1] for r in read_table("card_fields.tsv") if r[0] == "status")


def _leading_label(cell: str) -> str | None:
    cell = cell.strip()
    if not cell:
        return None
    return canonical_label(cell) or canonical_label(cell.split()[0])


@cache
def get_corrector() -> OcrCorrector:
    """The process-wide corrector (its data files read once)."""
    return OcrCorrector()


__all__ = [
    "CHANNEL_COST_DECADES",
    "CHANNEL_MIN_SUPPORT",
    "KIWI_ONLY_MIN_GAIN",
    "SPACE_JOIN_MIN_GAIN",
    "THRESHOLD",
    "ConfusionModel",
    "Decision",
    "Edit",
    "OcrCorrector",
    "Variant",
    "Vocabulary",
    "apply_edits",
    "arbitrate",
    "compose",
    "decompose",
    "get_corrector",
    "is_syllable",
    "jamo",
    "kiwi_score",
    "typo_transformer",
    "word_is_valid_at",
]
