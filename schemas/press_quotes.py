"""Quotations in Korean news prose and who said them.

    김진태 지사는 “…있다”며, “…반영됐다”고 밝혔다.   -> one quote by 김진태 (지사)
    이어, “…최선을 다할 것”이라고 덧붙였다.          -> the same speaker again

A statement is one sentence's double-quoted segments closed by a quotation particle
(고, 라고, 며 ...) and a reporting verb (밝혔다, 말했다 ...). Its speaker is the `이름 직함`
subject of that sentence; a sentence that opens with a continuation (이어, 또) or a pronoun
(그는), or has no subject at all, keeps the previous speaker. `김 지사는` and a bare `지사는`
refer back to the person last named with that role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongmun.normalize import vocab
from gongmun.normalize.resources import read_table

from .models import Quote
from .press_text import alternation, surnames, term_set

_QUOTE = re.compile(r"[“\"]([^“”\"]{2,})[”\"]")
_PARTICLE = re.compile(r"^\s*(?:이?라고|고|이?라며|며|이?라면서|면서|하며|하고)(?![가-힣])")
_OPEN_STATEMENT = re.compile(r"[”\"]\s*(?:이?라며|며|이?라면서|면서|하며)\s*,?\s*$")
_PLACEHOLDER = "\u0000"
_FILLER = re.compile(r"[\s,.·…\u0000]+")


@cache
def _speaker_pattern() -> re.Pattern[str]:
    roles = alternation("role")
    return re.compile(
        r"(?<![가-힣])(?P<name>[가-힣]{1,4})\s+"
        rf"(?P<org>[가-힣]*?)(?P<role>{roles})(?:은|는|이|가|도)(?![가-힣])")


@cache
def _bare_role_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![가-힣])(?P<role>{alternation('role')})(?:은|는|이|가)(?![가-힣])")


@cache
def _verb_pattern() -> re.Pattern[str]:
    return re.compile(alternation("verb"))


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None
    organization: str | None = None


def find_quotes(paragraphs: list[str]) -> list[Quote]:
    """Each statement with its own speaker: the quoted segments of a sentence go to the person
    named before them in their clause (or right after, `“…”고 김 지사는 말했다`); segments in a
    row by one speaker (`“…”며 “…”고 밝혔다`) are one quote, a second speaker starts another."""
    quotes: list[Quote] = []
    known: list[Speaker] = []
    last: Speaker | None = None
    for paragraph in _statements_joined(paragraphs):
        for sentence in split_sentences(paragraph):
            segments = _statement_segments(sentence)
            masked = _masked(sentence)
            mentions = _speakers_at(masked, known)
            for _, mentioned in mentions:
                if mentioned.name and mentioned not in known:
                    known.append(mentioned)
            if not segments:
                continue
            said: list[tuple[Speaker | None, str]] = []
            for j, (start, end, text) in enumerate(segments):
                before_from = segments[j - 1][1] if j else 0
                after_to = segments[j + 1][0] if j + 1 < len(segments) else len(sentence)
                speaker: Speaker | None = next(
                    (sp for at, sp in reversed(mentions) if before_from <= at < start), None)
                if speaker is None and j == 0:
                    speaker = next((sp for at, sp in mentions if end <= at < after_to), None) \
                        or _carried_over(sentence, last)
                if speaker is None and said:
                    speaker = said[-1][0]
                said.append((speaker, text))
                last = speaker or last
            for who, texts in _runs(said):
                quotes.append(Quote(speaker=who.name if who else None,
                                    role=who.role if who else None,
                                    organization=who.organization if who else None,
                                    text=" ".join(texts)))
    return quotes


def _statements_joined(paragraphs: list[str]) -> list[str]:
    """Paragraphs, with one that breaks off after a quotation (`…있다”라며,`) joined to the
    next: a release's PDF may set the rest of the statement as a paragraph of its own."""
    out: list[str] = []
    for paragraph in paragraphs:
        if out and _OPEN_STATEMENT.search(out[-1]):
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
    return out


def _runs(said: list[tuple[Speaker | None, str]]) -> list[tuple[Speaker | None, list[str]]]:
    out: list[tuple[Speaker | None, list[str]]] = []
    for speaker, text in said:
        if out and out[-1][0] == speaker:
            out[-1][1].append(text)
        else:
            out.append((speaker, [text]))
    return out


def _masked(sentence: str) -> str:
    """`sentence` with every quoted segment blanked out, positions kept."""
    return _QUOTE.sub(lambda m: _PLACEHOLDER * len(m.group()), sentence)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, never splitting inside a double-quoted segment."""
    sentences, start, depth = [], 0, False
    for i, ch in enumerate(text):
        if ch in "“\"”":
            depth = ch == "“" or (ch == '"' and not depth)
        elif ch in ".!?" and not depth and (i + 1 == len(text) or text[i + 1] == " ") \
                and i > 0 and text[i - 1] in "다요까":
            sentences.append(text[start:i + 1].strip())
            start = i + 1
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def _statement_segments(sentence: str) -> list[tuple[int, int, str]]:
    """The quoted segments of `sentence` that someone said (not titles in quotes), as
    (start, end, text)."""
    matches = list(_QUOTE.finditer(sentence))
    if not matches:
        return []
    # Speech is closed by a quotation particle (…”고, …”라며) and a reporting verb after it;
    # a title in quotes (“스마트 도시”를 내세웠다) has neither.
    said = any(_PARTICLE.match(sentence[m.end():]) for m in matches) and \
        bool(_verb_pattern().search(sentence[matches[-1].end():]))
    return [(m.start(), m.end(), m.group(1).strip()) for m in matches] if said else []


def _outside(sentence: str) -> str:
    return _QUOTE.sub(_PLACEHOLDER, sentence)


def _speakers_at(text: str, known: list[Speaker]) -> list[tuple[int, Speaker]]:
    """Speakers named in `text` (quotes masked), with where each mention starts."""
    found: list[tuple[int, Speaker]] = []
    anonymous = term_set("anonymous_role")
    for m in _speaker_pattern().finditer(text):
        name, role = m.group("name"), m.group("role")
        if role in anonymous:  # 도 관계자: an office, no person
            found.append((m.start(), Speaker(None, role, name + m.group("org") or None)))
            continue
        if name in term_set("not_name"):
            continue
        if len(name) >= 2 and (name[:1] in surnames() or name[:2] in surnames()):
            found.append((m.start(), Speaker(name, role, _office(m.group("org"), role))))
        elif (referred := _refer_back(name, role, known)) is not None:
            found.append((m.start(), referred))
    named = {at for at, _ in found}
    for m in _bare_role_pattern().finditer(text):
        if not any(at <= m.start() < at + 20 for at in named) and \
                not (m.start() and "가" <= text[m.start() - 1] <= "힣"):
            role = m.group("role")
            before = text[:m.start()].split()
            org = before[-1] if before and before[-1].endswith(_org_suffixes()) else None
            found.append((m.start(), _refer_back("", role, known) or Speaker(None, role, org)))
    return sorted(found, key=lambda x: x[0])


def _office(glued: str, role: str) -> str | None:
    """The organisation written into a title: `원주시장` -> 원주시, `강원특별자치도지사` ->
    강원특별자치도 (the office word a role drops is in press_terms.tsv, `role_office`)."""
    if not glued:
        return None
    return glued + role_offices().get(role, "")


@cache
def role_offices() -> dict[str, str]:
    return {row[1].strip(): row[2].strip() for row in read_table("press_terms.tsv")
            if row[0] == "role_office" and len(row) >= 3}


@cache
def _org_suffixes() -> tuple[str, ...]:
    return (*term_set("issuer_suffix"), *vocab.entity_words("org_suffix"))


def _refer_back(surname: str, role: str, known: list[Speaker]) -> Speaker | None:
    """`김 지사` or `지사` -> the last person named with that role (and surname)."""
    if surname and surname not in surnames():
        return None
    for speaker in reversed(known):
        # 김 지사 refers back to 김진태 강원특별자치도지사 (role 도지사) too.
        same_role = speaker.role is not None and (speaker.role.endswith(role)
                                                  or role.endswith(speaker.role))
        if same_role and (speaker.name or "").startswith(surname):
            return speaker
    return None


def _carried_over(sentence: str, last: Speaker | None) -> Speaker | None:
    """The previous speaker, when the sentence has no subject of its own before the quote."""
    if last is None:
        return None
    before = _outside(sentence).split(_PLACEHOLDER, 1)[0]
    opener = _FILLER.sub(" ", before).strip()
    openers = (*term_set("continuation"), *term_set("pronoun"))
    if not opener or any(opener == o or opener.startswith(o + " ") for o in openers):
        return last
    return None
