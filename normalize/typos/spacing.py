"""The spacing proposers: spaces OCR put inside words (사 업 -> 사업, 2022 년 -> 2022년).

Three small proposers, each a function of the text alone, each returning `Edit`s that delete
one space (the one arbiter decides):

- `unit_join_edits`: a number and the unit or counter that follows it (`2022 년`, `23 개사`,
  `25,000 백만`): Korean writes them solid, and the unit words come from the data files;
- `lm_join_edits`: spaces whose removal Kiwi's language model prefers by a wide margin, read
  in context (one word either side), joined best first so that a run of pieces (`보 건 정
  책 과`) is rebuilt one join at a time;
- `label_join_edits`: pieces of a form label (`관리 번호` -> 관리번호, `labels.tsv`): Kiwi's
  model charges nothing for a space between two nouns, so it cannot tell; the form can.

`join_edits` is all of them, one edit per space.
"""

from __future__ import annotations

import heapq
import itertools
import re
from dataclasses import dataclass
from functools import cache

from ..korean import get_kiwi, kiwi_morphs
from ..resources import read_lines, read_table
from .analysis import kiwi_score
from .arbiter import Edit, sigmoid
from .hangul import HANGUL, is_syllable
from .markers import marker_tokens
from .punctuation import item_marks

SPACE_JOIN_MIN_GAIN = 4.0
"""Kiwi log-score gain (nats) that removing a space must bring, scored on the two words it
separates with one word of context either side, and Kiwi's own spacer must remove that space
too. Chosen on the dev documents of the real-OCR corpus (`scripts/eval_ocr.py --split dev`):
of the dev spaces between two Hangul words, a gain >= 4 with Kiwi's agreement removes 1,350
extra spaces at 97.5 % precision counted space by space (>= 6: 967 at 97.8 %; >= 2: 1,449 at
95.4 %); joined best first and with the guards below, 1,196 of the 1,204 joins made on dev
are right (each alone)."""

FRAGMENT_GAIN_DISCOUNT = 3.0
"""Two pieces of a word are joined at a gain this much below `SPACE_JOIN_MIN_GAIN` (so at 1.0):
the gain enough to join two pieces of a word (`_pieces`: `보 건`, `보건 정 책`, `강 성 민`),
and Kiwi's spacer need not agree (it splits nouns it does not know: 보건 정책과, 강성 민).
Swept on dev (space_join right/made, each alone; clean set unchanged at every value >= 1):
at 4 with the spacer's agreement 1,184/1,191; at 1 without it 1,286/1,296 (+102 right, +3
wrong); at 0, 1,255/1,287 for lone pairs alone and 8 clean sentences changed. Pieces that
are both rebuilt words (no lone syllable) at 1: +16 right, +13 wrong, so not taken."""

UNIT_JOIN_CONFIDENCE = 0.97
"""A number followed, after a space, by a unit word: on dev every such space before a unit
word was OCR's (150 of 150, `2022 년`); the joins made were right 131 of 131 (each alone)."""

LABEL_JOIN_CONFIDENCE = 0.9
"""Pieces of a form label joined: 248 of 248 right on dev (each alone)."""

CONTEXT_WORDS = 1
"""Words of context either side of a candidate join (0 scores the pair alone: on dev the
pair alone was less precise at every gain, 93.5 % against 95.8 % in context at gain 4,
before Kiwi's spacer is asked)."""


@dataclass
class _Token:
    start: int
    end: int
    fragment: bool
    """A lone syllable, or built by joins: a piece cut off a word, which may be joined."""

    def __len__(self) -> int:
        return self.end - self.start


def join_edits(text: str, min_gain: float = SPACE_JOIN_MIN_GAIN) -> list[Edit]:
    """Every proposed space deletion, one edit per space. Two rounds: numbers' units, Kiwi's
    joins and form labels on the text as read; then labels and particles again on the text
    those joins made (`정 책 과` -> `정책 과` -> `정책과`), carried back to the text as read."""
    words = text.split(" ")
    if len(words) < 2:
        return []
    spaced_out = _letter_spaced(words)
    out: dict[int, Edit] = {}
    first = [] if spaced_out else [*unit_join_edits(text), *compound_join_edits(text),
                                   *inflected_run_join_edits(text),
                                   *lm_join_edits(text, min_gain)]
    for edit in [*first, *label_join_edits(text, letter_spaced=spaced_out)]:
        out.setdefault(edit.start, edit)
    if spaced_out:
        return sorted(out.values(), key=lambda e: e.start)
    joined = "".join(ch for i, ch in enumerate(text) if i not in out)
    origin = [i for i in range(len(text)) if i not in out]
    for edit in [*label_join_edits(joined), *particle_join_edits(joined),
                 *field_value_join_edits(joined), *compound_join_edits(joined)]:
        at = origin[edit.start]
        out.setdefault(at, Edit(at, at + 1, "", edit.rule, edit.confidence))
    return sorted(out.values(), key=lambda e: e.start)


# --- a number and its unit -------------------------------------------------------------------

_NUMBER_SPACE_WORD = re.compile(r"(?<![\w.])(?:\d[\d,.]*\d|\d) ([가-힣]+)")


def unit_join_edits(text: str) -> list[Edit]:
    """`2022 년`, `3 개소를`, `25,000 백만`: a number, a space, then a unit word (alone or with
    a particle after it). A word that only starts like a unit (`1 개최`, `3 회의`) is left."""
    edits = []
    for m in _NUMBER_SPACE_WORD.finditer(text):
        word = m.group(1)
        unit = _unit_prefix(word)
        if unit is None:
            continue
        rest = word[len(unit):]
        if rest and rest not in _AFTER_UNIT:
            continue
        space = m.start(1) - 1
        edits.append(Edit(space, space + 1, "", f"unit_join:{unit}", UNIT_JOIN_CONFIDENCE))
    return edits


def _unit_prefix(word: str) -> str | None:
    """The longest unit word `word` starts with, unless a longer non-unit word starts it."""
    if any(word.startswith(w) for w in _not_units()):
        return None
    units = [u for u in _units() if word.startswith(u)]
    return max(units, key=len) if units else None


_AFTER_UNIT = frozenset(["간", "째", "씩", "부터", "까지", "을", "를", "의", "에", "이", "가",
                         "은", "는", "도", "만", "과", "와", "으로", "로", "에서", "이다",
                         "이며", "대비", "말", "초", "중", "내", "간의", "동안"])
"""What may follow a unit word in its eojeol (3년간, 2개를, 1분기부터, 2025년말)."""


@cache
def _units() -> frozenset[str]:
    """Units after a number: counters (`entities.tsv`), scale and count words and Hangul
    measures (`units.tsv`), and the calendar's (`number_units.txt`)."""
    kinds = ("scale_big", "scale_small", "unit_compound", "currency", "count", "measure")
    words = {r[1] for r in read_table("units.tsv") if len(r) > 1 and r[0] in kinds}
    words |= {r[1] for r in read_table("entities.tsv") if len(r) > 1 and r[0] == "counter"}
    words |= set(read_lines("number_units.txt"))
    return frozenset(w for w in words if HANGUL.fullmatch(w))


@cache
def _not_units() -> frozenset[str]:
    """Words that start like a unit but are not one (`units.tsv` not_count: 개최, 회의)."""
    return frozenset(r[1] for r in read_table("units.tsv") if len(r) > 1
                     and r[0] == "not_count" and r[1] not in _units())


# --- Kiwi's language model, best join first -------------------------------------------------


def lm_join_edits(text: str, min_gain: float = SPACE_JOIN_MIN_GAIN) -> list[Edit]:
    """Spaces between two Hangul syllables whose removal raises Kiwi's score of the words
    around it (`CONTEXT_WORDS` either side) by at least `min_gain`, where Kiwi's spacer
    removes the space too. Joined best first: after a join only the joins whose context saw
    it are scored again, so the work is linear in the words."""
    words = text.split(" ")
    if len(words) < 2 or _letter_spaced(words):
        return []
    kiwi_joins = _spaces_kiwi_removes(text)
    starts = _word_starts(words)
    tokens = [_Token(s, s + len(w), _lone_syllable(w)) for s, w in zip(starts, words,
                                                                       strict=True)]
    header_end = _lone_header_end(words, starts)
    n = len(tokens)
    nxt = list(range(1, n + 1))  # a linked list of the tokens left after joins
    prv = list(range(-1, n - 1))
    version = [0] * n
    heap: list[tuple[float, int, int, int, float]] = []

    def window(i: int) -> list[_Token]:
        """Token i, the token after it, and the context words either side."""
        left = [i]
        for _ in range(CONTEXT_WORDS):
            if prv[left[0]] >= 0:
                left.insert(0, prv[left[0]])
        right = [nxt[i]]
        for _ in range(CONTEXT_WORDS):
            if nxt[right[-1]] < n:
                right.append(nxt[right[-1]])
        return [tokens[j] for j in left + right]

    def push(i: int) -> None:
        """Score the join of token i and the token after it, and queue it."""
        if i < 0 or nxt[i] >= n:
            return
        left, right = tokens[i], tokens[nxt[i]]
        # Pieces of one word (a lone syllable beside a lone syllable or a piece rebuilt by
        # joins: `보 건`, `보건 정 책`) need less evidence: see FRAGMENT_GAIN_DISCOUNT.
        pieces = _pieces(text, left, right)
        if (left.end not in kiwi_joins and not pieces) or right.start <= header_end \
                or not _joinable(text, left, right):
            return
        context = window(i)
        gain = _gain_in_context(text, context, context.index(left))
        needed = min_gain - FRAGMENT_GAIN_DISCOUNT if pieces else min_gain
        if gain < needed:
            return
        left_text, right_text = text[left.start:left.end], text[right.start:right.end]
        if not left.fragment and len(right) == 1 and right_text not in JOINING_PARTICLES \
                and _particle_joint(left_text, right_text):
            return  # a particle set apart after a whole word: only those dev proved
        if left.fragment or right.fragment or _bound_joint(left_text, right_text):
            heapq.heappush(heap, (-gain, left.end, i, version[i], needed))

    for i in range(n - 1):
        push(i)
    edits = []
    while heap:
        neg_gain, space, i, seen, needed = heapq.heappop(heap)
        if version[i] != seen or nxt[i] >= n or tokens[i].end != space:
            continue  # stale: the token or its context changed since it was queued
        j = nxt[i]
        edits.append(Edit(space, space + 1, "", "space_join",
                          sigmoid(-neg_gain - needed + 2)))
        tokens[i] = _Token(tokens[i].start, tokens[j].end, True)
        version[j] += 1
        nxt[i] = nxt[j]
        if nxt[j] < n:
            prv[nxt[j]] = i
        # Rescore every join whose window held the changed tokens.
        stale = [i]
        for _ in range(CONTEXT_WORDS + 1):
            if prv[stale[0]] >= 0:
                stale.insert(0, prv[stale[0]])
        for _ in range(CONTEXT_WORDS):
            if nxt[stale[-1]] < n:
                stale.append(nxt[stale[-1]])
        for k in stale:
            version[k] += 1
            push(k)
    return sorted(edits, key=lambda e: e.start)


def _pieces(text: str, left: _Token, right: _Token) -> bool:
    """Both sides of the space are pieces of a word (a lone syllable, a token rebuilt by joins,
    or a lone syllable against a bracket: `보(한 국`, `기 업 부)`), and one of them is a lone
    syllable."""
    left_text, right_text = text[left.start:left.end], text[right.start:right.end]
    left_lone = _lone_edge(left_text, at_end=True)
    right_lone = _lone_edge(right_text, at_end=False)
    return (left.fragment or left_lone) and (right.fragment or right_lone) \
        and (left_lone or right_lone)


def _lone_edge(word: str, *, at_end: bool) -> bool:
    """The word's Hangul run at that end is one syllable, alone or against a bracket."""
    edge = re.search(r"(?<![가-힣])[가-힣]$" if at_end else r"^[가-힣](?![가-힣])", word)
    if edge is None:
        return False
    rest = word[:-1] if at_end else word[1:]
    return not rest or (rest[-1] if at_end else rest[0]) in EDGE_BRACKETS


EDGE_BRACKETS = "()[]"
"""Brackets a lone syllable may stand against and still be a piece (`보(한`, `부)`)."""


def _joinable(text: str, left: _Token, right: _Token) -> bool:
    """Between two syllables, and not making a title (과 장: forms letter-space it)."""
    if not (is_syllable(text[left.end - 1]) and is_syllable(text[right.start])):
        return False
    return text[left.start:left.end] + text[right.start:right.end] not in _roles()


BOUND_JOINT_TAGS = ("XSV", "XSA", "VCP", "E")
"""Kiwi tags of a morpheme that cannot start a word: a verb or adjective suffix (추진|한다,
선정|되어), the copula (계획|이다), an ending (하겠|다). Two whole words are joined when Kiwi
reads the second as starting with one of these: on dev 61 such joins, all right (a noun suffix
such as 성, XSN, was right 1 time in 4: `지정 성과` is two words)."""


def _bound_joint(left: str, right: str) -> bool:
    """Kiwi's reading of `left + right` starts a bound morpheme where `right` starts."""
    for m in kiwi_morphs(left + right):
        if m.start == len(left):
            return m.tag.startswith(BOUND_JOINT_TAGS)
    return False


def _particle_joint(left: str, right: str) -> bool:
    """Kiwi reads `right` as a particle ending `left + right` (정책성대출 도: 도/JX). Such a
    particle set apart after a whole word is joined only by `particle_join_edits`, whose
    particles dev proved: 도, 이, 가, 의 also start words (도 전, 이 사장) and a source's own
    spacing (`정책성대출 도` in a real release) is not OCR's."""
    for m in kiwi_morphs(left + right):
        if m.start == len(left):
            return m.tag.startswith("J")
    return False


def _gain_in_context(text: str, tokens: list[_Token], k: int) -> float:
    """Kiwi's score of tokens k, k+1 joined minus split, with context words either side."""
    before = " ".join(text[t.start:t.end] for t in tokens[max(0, k - CONTEXT_WORDS):k])
    after = " ".join(text[t.start:t.end] for t in tokens[k + 2:k + 2 + CONTEXT_WORDS])
    left = text[tokens[k].start:tokens[k].end]
    right = text[tokens[k + 1].start:tokens[k + 1].end]
    head = before + " " if before else ""
    tail = " " + after if after else ""
    return kiwi_score(f"{head}{left}{right}{tail}") - kiwi_score(f"{head}{left} {right}{tail}")


def _spaces_kiwi_removes(text: str) -> set[int]:
    """Positions of the spaces of `text` that Kiwi's spacer (reset_whitespace) takes out."""
    spaced = get_kiwi().space(text, reset_whitespace=True)
    removed: set[int] = set()
    i = j = 0
    while i < len(text):
        if j < len(spaced) and text[i] == spaced[j]:
            i += 1
            j += 1
        elif text[i] == " ":
            removed.add(i)
            i += 1
        elif j < len(spaced) and spaced[j] == " ":
            j += 1
        else:
            return set()  # Kiwi changed more than spacing: trust nothing
    return removed


# --- domain terms ------------------------------------------------------------------------------


def label_join_edits(text: str, *, letter_spaced: bool = False) -> list[Edit]:
    """Words that together spell a form label of 3+ syllables (`labels.tsv`: `관 리 번호`,
    `사업 개요`): Kiwi's model charges nothing for a space between two nouns, so only the
    form's vocabulary tells. The words must be whole Hangul words (the last may run into a
    colon or a number, `번호3167`), at most `LABEL_JOIN_MAX_WORDS` of them, and one of them a
    lone syllable, a piece OCR cut off, or the label the whole heading after a mark (`□ 사업
    개요`): two whole words elsewhere may be the label written spaced on purpose (`담당 부서`,
    `임기 이후` in real documents). In a letter-spaced line (`보 도 자 료`) only a label with
    exactly one lone piece (`시 군비 960`) or a heading after a mark (`□ 추 진 실 적`) is
    joined."""
    words = text.split(" ")
    starts = _word_starts(words)
    edits: dict[int, Edit] = {}
    for k in range(len(words) - 1):
        if not HANGUL.fullmatch(words[k]):
            continue
        spelled = words[k]
        for m in range(k + 1, min(k + LABEL_JOIN_MAX_WORDS, len(words))):
            head = HANGUL.match(words[m])
            if head is None:
                break
            spelled += head.group()
            pieces = [words[j] for j in range(k, m)] + [head.group()]
            lone = sum(map(_lone_syllable, pieces))
            heading = k == 1 and _is_mark(words[0]) and _heading_ends(words, m, head.end())
            allowed = (lone == 1 or heading) if letter_spaced else (lone >= 1 or heading)
            if spelled in _labels() and _label_end(words[m], head.end()) and allowed:
                for j in range(k + 1, m + 1):
                    space = starts[j] - 1
                    edits.setdefault(space, Edit(space, space + 1, "", f"label_join:{spelled}",
                                                 LABEL_JOIN_CONFIDENCE))
                break
            if head.end() < len(words[m]):
                break
    return sorted(edits.values(), key=lambda e: e.start)


def _heading_ends(words: list[str], m: int, at: int) -> bool:
    """The label ending at words[m][:at] ends the line, but for a qualifier in parentheses
    (`□ 추 진 실 적 (성과)`)."""
    rest = " ".join([words[m][at:], *words[m + 1:]]).strip()
    return not rest or (rest.startswith("(") and rest.endswith(")"))


def _is_mark(token: str) -> bool:
    """A line's opening mark, or an OCR token standing for one (`O`, `디`)."""
    return (len(token) == 1 and token in item_marks()) or token in marker_tokens()


LABEL_JOIN_MAX_WORDS = 4
"""A label split into more pieces than this is not looked for (the longest labels have 4-5
syllables; OCR splits them into at most 4 pieces on dev)."""


def _label_end(word: str, at: int) -> bool:
    """The label ends the word, or a colon, bracket or number follows it."""
    return at == len(word) or not word[at].isalpha()


@cache
def _labels() -> frozenset[str]:
    """Form labels of 3+ syllables: every name in `labels.tsv` (the card's) and the header
    labels of press releases (`press_terms.tsv`)."""
    cells = [cell for row in read_table("labels.tsv") for cell in row]
    cells += [r[1] for r in read_table("press_terms.tsv") if len(r) > 1
              and r[0] in ("header_label", "release_label")]
    return frozenset(c.strip() for c in cells
                     if HANGUL.fullmatch(c.strip() or "x") and len(c.strip()) >= 3)


# --- closed compounds -------------------------------------------------------------------------

COMPOUND_JOIN_CONFIDENCE = 0.9
"""A space between the two parts of a compound the dev text writes solid
(`data/ocr_compounds.tsv`): cross-validated over halves of the dev documents, 290 of 294
such joins were right (`scripts/ocr_compounds.py`); on the whole dev set 171 of 171, and
247 of 247 once also proposed on the text the other joins made (`통합관 제`, `사업 기간`
after `사 업 기간`)."""

_TWO_WORDS = re.compile(r"(?<![가-힣])([가-힣]+) (?=[가-힣])")


def compound_join_edits(text: str) -> list[Edit]:
    """`창업 기업` -> 창업기업, `사업 위치 :` -> 사업위치: two Hangul words that are the parts of a
    closed compound of `ocr_compounds.tsv`. Kiwi's model cannot tell these (it charges nothing
    for a space between two nouns); usage can. Not before a particle (`교육 과정을 개발했다`,
    `추진 상황을 점검했다`: prose may space a compound; on dev allowing particles added 10
    right joins and changed 2 clean sentences)."""
    edits = []
    for m in _TWO_WORDS.finditer(text):
        right = HANGUL.match(text, m.end())
        if right is not None and m.group(1) + right.group() in _compounds():
            space = m.end(1)
            edits.append(Edit(space, space + 1, "", f"compound_join:{m.group(1)}{right.group()}",
                              COMPOUND_JOIN_CONFIDENCE))
    return edits


@cache
def _compounds() -> frozenset[str]:
    return frozenset(r[0] for r in read_table("ocr_compounds.tsv"))



# --- a header row's one-word values ------------------------------------------------------------

FIELD_VALUE_JOIN_CONFIDENCE = 0.9
"""Pieces of a one-word field value joined (`data/ocr_field_values.tsv`, whose dev figures
set which fields): on dev 50 of 50 such joins were right (each alone)."""


def field_value_join_edits(text: str) -> list[Edit]:
    """In a header row (`추진부서 보 건 정 책 과  담당자 강 성 민`), the Hangul words between a
    field whose value is one word (a department, a name: `ocr_field_values.tsv`) and the next
    label are joined, when they are short enough for such a value."""
    words = text.split(" ")
    if len(words) < 3 or words[0] not in _row_openers():
        return []
    starts = _word_starts(words)
    edits = []
    for k, word in enumerate(words):
        longest = _one_word_fields().get(word)
        if longest is None:
            continue
        stop = k + 1
        while stop < len(words) and HANGUL.fullmatch(words[stop]) \
                and words[stop] not in _row_openers():
            stop += 1
        value = words[k + 1:stop]
        if len(value) < 2 or sum(map(len, value)) > longest:
            continue
        if stop < len(words) and words[stop] and not _label_start(words[stop]):
            continue  # the value runs on into something that is not the next label
        for j in range(k + 2, stop):
            space = starts[j] - 1
            edits.append(Edit(space, space + 1, "", f"field_value_join:{word}",
                              FIELD_VALUE_JOIN_CONFIDENCE))
    return edits


def _label_start(word: str) -> bool:
    """The word is a label, perhaps run into its value (`번호3650`, `전화번호4349`)."""
    head = HANGUL.match(word)
    return head is not None and head.group() in _row_openers()


@cache
def _one_word_fields() -> dict[str, int]:
    """Field label -> the most syllables its one-word value has (`ocr_field_values.tsv`)."""
    return {r[0]: int(r[1]) for r in read_table("ocr_field_values.tsv") if len(r) == 2}


# --- a particle set apart ------------------------------------------------------------------

JOINING_PARTICLES = frozenset("은는을를에과와")
"""Particles that never stand as a word: OCR split them off the word before (`정책 과`,
`사업 을`). Chosen on dev: each of these, alone between a 2+ syllable word and the next, was
OCR's in 85 of 87 cases (the two others a letter-spaced title, `과 장`, which the title guard
keeps); 이, 가, 도, 의 were not (이 사장, 가 이드라인, 도 전). Most of these the language
model joins already; this catches the rest (11 more on dev)."""

PARTICLE_JOIN_CONFIDENCE = 0.95
"""A particle set apart joined to the word before: 85 of 87 right on dev (see above)."""


def particle_join_edits(text: str) -> list[Edit]:
    """A lone particle syllable after a word of 2+ syllables joins it (`정책 과` -> 정책과)."""
    edits = []
    for m in re.finditer(r"(?<=[가-힣]{2}) ([가-힣])(?= |$)", text):
        if m.group(1) not in JOINING_PARTICLES:
            continue
        after = re.match(r"[가-힣]*", text[m.end() + 1:])
        if after is not None and m.group(1) + after.group() in _roles():
            continue  # 책임자 과 장: a letter-spaced title, not a particle
        space = m.start()
        edits.append(Edit(space, space + 1, "", f"particle_join:{m.group(1)}",
                          PARTICLE_JOIN_CONFIDENCE))
    return edits


# --- layout guards ---------------------------------------------------------------------------


def _letter_spaced(words: list[str]) -> bool:
    """A form label set with a space between its letters (`구 분`, `보 도 자 료`, `금 융 66.8
    ...`): the Hangul words before the first non-Hangul word are all lone syllables but at most
    one, and nothing Hangul follows them."""
    head = list(itertools.takewhile(lambda w: bool(HANGUL.fullmatch(w)), words))
    rest = words[len(head):]
    lone = sum(_lone_syllable(w) for w in head)
    if len(head) >= 2 and lone >= len(head) - 1 and lone >= 2 \
            and not any(HANGUL.search(w) for w in rest):
        return True
    # Or the whole text is letters set apart (과 학 ·기 술), one word at most excepted.
    hangul = [h for h in (re.sub(r"[^가-힣]", "", w) for w in words) if h]
    return len(hangul) >= 2 and sum(len(h) > 1 for h in hangul) <= 1


def _lone_header_end(words: list[str], starts: list[int]) -> int:
    """Where a run of three or more lone syllables opening the text (`관 항 목 당초 추경`, a
    letter-spaced header) ends: spaces before a word starting there or earlier are layout, not
    OCR damage we can tell apart (inside a line such runs are OCR's: 바 이 오 헬스); -1 if
    there is no such run, or if the run joined ends in a particle or an ending (`충 주 시 는
    3월 4일`: prose; on dev releasing those made 30 more right joins and no wrong one)."""
    head = len(list(itertools.takewhile(_lone_syllable, words)))
    if head < 3 or _inflected("".join(words[:head])):
        return -1
    return starts[head - 1]


INFLECTED_RUN_MIN = 2
"""Lone syllables in a run at least (a noun of 1 syllable and its particle is no evidence)."""

INFLECTED_RUN_CONFIDENCE = 0.9
"""A run of lone syllables that Kiwi reads, joined, as a noun and its particle: on dev 189 of
192 such joins were right (each alone; the same at runs of 2 or 3), the 3 wrong runs holding
a form label or a title (`협 조 부 서 문 화 ...`, `과 장 장 은`); with those refused, 183 of
183."""


def inflected_run_join_edits(text: str) -> list[Edit]:
    """A run of lone syllables that joined is a noun and its particle (`서 귀 포 시 는`,
    `계 기 가`): one word OCR letter-spaced; the Kiwi spacer splits such words (서귀포 시는)
    and the language model charges little for the spaces between nouns' syllables. A run
    holding a form label or a title (`협 조 부 서 문 화 예 술 과`, `과 장 장 은`) is two words
    or more."""
    words = text.split(" ")
    starts = _word_starts(words)
    edits = []
    k = 0
    while k < len(words):
        stop = k
        while stop < len(words) and _lone_syllable(words[stop]):
            stop += 1
        joined = "".join(words[k:stop])
        if stop - k >= INFLECTED_RUN_MIN and _noun_and_particle(joined) and \
                not any(w in joined for w in _roles() | _row_openers()):
            for j in range(k + 1, stop):
                space = starts[j] - 1
                edits.append(Edit(space, space + 1, "", "space_join:inflected_run",
                                  INFLECTED_RUN_CONFIDENCE))
        k = max(stop, k + 1)
    return edits


def _noun_and_particle(word: str) -> bool:
    """Kiwi reads the word as a noun of 2+ syllables, perhaps more nouns, and a particle
    ending it, nothing unknown."""
    morphs = kiwi_morphs(word)
    return len(morphs) >= 2 and morphs[-1].tag.startswith("J") and morphs[-1].end == len(word) \
        and morphs[0].tag.startswith("NN") and morphs[0].end - morphs[0].start >= 2 \
        and not any(m.oov for m in morphs)


def _inflected(word: str) -> bool:
    """Kiwi reads the word as ending in a particle or an ending (충주시는, 달러로): a sentence's
    first word OCR letter-spaced, not a header's labels (관 항 목, 보 도 자 료)."""
    morphs = kiwi_morphs(word)
    return len(morphs) >= 2 and morphs[-1].tag.startswith(("J", "E")) \
        and morphs[-1].end == len(word) and not morphs[0].oov


@cache
def _roles() -> frozenset[str]:
    """Titles (과장, 국장: `entities.tsv`), which forms letter-space (과 장)."""
    return frozenset(r[1] for r in read_table("entities.tsv") if r[0] == "role" and len(r) > 1)


def _word_starts(words: list[str]) -> list[int]:
    """Where each of `text.split(" ")` starts in the text."""
    return list(itertools.accumulate((len(w) + 1 for w in words[:-1]), initial=0))


def _lone_syllable(word: str) -> bool:
    return len(word) == 1 and is_syllable(word)


# --- lost spaces before a number ------------------------------------------------------------

_WORD_THEN_NUMBER = re.compile(r"([가-힣]+)(?=\d)")


def number_split_edits(text: str) -> list[Edit]:
    """A space OCR lost between a word and the number after it: after a number's unit
    when the next number has the same unit or the date's next part (`2022년2023년`,
    `7월25일`; `7월1주` is written so), after a particle (`사업은2024년`, Kiwi's reading of
    the word), after a form label (`전화번호3821`, `labels.tsv`). A word glued to a number
    otherwise (`제2조`, `총3건`) is left alone."""
    edits = []
    for m in _WORD_THEN_NUMBER.finditer(text):
        word, end = m.group(1), m.end()
        before = text[:m.start()]
        if re.search(r"\d[\d,.]*$", before) and word in _units():
            if not _unit_follows(word, text[end:]):
                continue  # 7월1주: a compact date of the source, not a lost space
            rule = f"unit_split:{word}"
        elif word in _labels() and (not before or before[-1] in " \t"):
            rule = f"label_split:{word}"
        elif len(word) >= 2 and _ends_with_particle(word):
            rule = "particle_split"
        else:
            continue
        edits.append(Edit(end, end, " ", rule, NUMBER_SPLIT_CONFIDENCE))
    return edits


NEXT_DATE_PART = {"년": "월", "월": "일"}
"""A date's next part (2024년 7월 25일: separate words in Korean spelling)."""


def _unit_follows(unit: str, rest: str) -> bool:
    """The number at the start of `rest` carries the same unit (a row of column headers,
    `2024년2025년`) or the date's next part (`7월25일`)."""
    m = re.match(r"[\d,.]+\s?([가-힣]+)", rest)
    if m is None:
        return False
    return m.group(1).startswith((unit, NEXT_DATE_PART.get(unit, unit)))


NUMBER_SPLIT_CONFIDENCE = 0.95
"""A space put back before a number after a unit, particle or label: on dev 140 of 140, 36
of 36 and 62 of 62 right (each alone)."""


def _ends_with_particle(word: str) -> bool:
    """Kiwi reads the word as a content word and a particle (사업은, 군은, 기간은)."""
    morphs = kiwi_morphs(word)
    return len(morphs) >= 2 and morphs[-1].tag.startswith("J") \
        and morphs[0].tag.startswith(("NN", "NP")) and not morphs[0].oov \
        and morphs[-1].end == len(word)


# --- a form row's column gaps --------------------------------------------------------------

COLUMN_GAP_CONFIDENCE = 0.95
"""The second space of a column gap before a form row's field label: on dev 160 of 163 right;
the 3 others follow a name OCR turned to Latin garbage (`ZENS`), now left alone, as is a
value that is a domain term (prose, not a form): 138 of 138 right after both guards; a label
followed by a number (`조성 관리번호 8-10-2`) is a field whatever word precedes it: 179 of 179."""


def column_gap_edits(text: str) -> list[Edit]:
    """A form's header row (`추진부서 체육과  담당자 신영희  전화번호 4629`, `배포일시 2023. 1.
    5.  담당부서 ...`) sets its fields apart by a column gap of two spaces, which OCR reads as
    one: in a line opened by a label, a field label that follows a value (`form_rows.tsv`,
    the press header labels of `press_terms.tsv`) gets its gap back."""
    words = text.split(" ")
    if len(words) < 3 or words[0] not in _row_openers():
        return []
    starts = _word_starts(words)
    edits = []
    for k in range(2, len(words)):
        head = HANGUL.match(words[k])
        if head is None or head.group() not in _field_labels():
            continue
        before = words[k - 1]
        if not before or before in _row_openers():
            continue  # already a gap, or a label right after a label
        if not re.search(r"[가-힣0-9]", before):
            continue  # a value OCR turned to Latin garbage (`ZENS` for a name): unsure
        numbered = re.match(r"\s?\d", text[starts[k] + head.end():]) is not None
        if before in _domain_words() and not numbered:
            continue  # `추진실적 사업 추진상황`: domain terms in a row may be prose, not a form
        at = starts[k]
        edits.append(Edit(at, at, " ", "column_gap", COLUMN_GAP_CONFIDENCE))
    return edits


@cache
def _domain_words() -> frozenset[str]:
    """The lexicon's and protected words: a value of a header row is a name, an office or a
    number, seldom one of these."""
    return frozenset(w.strip() for w in (*read_lines("lexicon.txt"), *read_lines("protected.txt")))


@cache
def _field_labels() -> frozenset[str]:
    """Labels that follow a value in a header row: the form rows' later labels and the press
    header labels."""
    later = {label for row in read_table("form_rows.tsv") for label in row[1:]}
    press = {r[1] for r in read_table("press_terms.tsv") if len(r) > 1
             and r[0] == "header_label"}
    return frozenset(later | press)


@cache
def _row_openers() -> frozenset[str]:
    """Labels a header row starts with (every form and press label)."""
    first = {label for row in read_table("form_rows.tsv") for label in row}
    return frozenset(first | _labels() | _field_labels())
