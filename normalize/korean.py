"""The Korean language layer: one Kiwi analyzer and one spaCy pipeline per process.

- `get_kiwi()` is the shared `kiwipiepy.Kiwi` (its bundled model; nothing is downloaded).
- `get_nlp()` is a spaCy `Language` whose tokenizer is Kiwi. `spacy.blank("ko")` would need
  mecab-ko, so the tokenizer is registered in spaCy's registry (`gongmun.kiwi_tokenizer.v1`)
  and named in the pipeline's config. A spaCy token is a run of Kiwi morphemes that share
  characters (`위해서` = 위하/VV + 어서/EC); `token._.morphs` holds the morphemes and
  `token._.tags` their tags (`token.tag_` is the tags joined with `+`).
- The `gongmun_entities` component marks MONEY, COUNT, DATE, PERIOD, ORG, PERSON and ROLE
  with rules whose vocabulary lives in `data/entities.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .resources import read_table

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

TOKENIZER_NAME = "gongmun.kiwi_tokenizer.v1"
ENTITY_COMPONENT = "gongmun_entities"

# Kiwi tag -> Universal POS, for `token.pos_`.
_UPOS = {
    "NNG": "NOUN", "NNB": "NOUN", "NR": "NUM", "NNP": "PROPN", "NP": "PRON",
    "VV": "VERB", "VA": "ADJ", "VX": "AUX", "VCP": "AUX", "VCN": "ADJ",
    "MM": "DET", "MAG": "ADV", "MAJ": "CCONJ", "IC": "INTJ",
    "SN": "NUM", "SL": "X", "SH": "X", "SW": "SYM", "SF": "PUNCT", "SP": "PUNCT",
    "SS": "PUNCT", "SSO": "PUNCT", "SSC": "PUNCT", "SE": "PUNCT", "SO": "PUNCT",
}


@cache
def get_kiwi() -> Kiwi:
    """The process-wide Kiwi analyzer (built on first use, about a second)."""
    from kiwipiepy import Kiwi

    return Kiwi()


@dataclass(frozen=True)
class Morph:
    """One Kiwi morpheme: its (normalized) form, tag and character span in the text."""

    form: str
    tag: str
    start: int
    end: int
    score: float = 0.0
    oov: bool = False
    """Not in Kiwi's dictionary: a guessed proper noun (names, but also OCR garbage)."""


def kiwi_morphs(text: str) -> list[Morph]:
    """Kiwi's best analysis of `text`, zero-length morphemes (inserted endings) skipped."""
    tokens = get_kiwi().tokenize(text)
    return [Morph(t.form, t.tag, t.start, t.start + t.len, float(t.score), bool(t.oov))
            for t in tokens if t.len > 0]


class KiwiTokenizer:
    """spaCy tokenizer: Kiwi's morphemes grouped into tokens by their character spans."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        morphs = kiwi_morphs(text) if text.strip() else []
        groups = _group(morphs)
        words: list[str] = []
        spaces: list[bool] = []
        infos: list[list[Morph]] = []
        pos = 0

        def gap(until: int) -> None:
            for piece in re.finditer(r"\s+|\S+", text[pos:until]):
                chunk = piece.group()
                if chunk.startswith(" ") and words and not spaces[-1] and words[-1].strip():
                    spaces[-1] = True
                    chunk = chunk[1:]
                if chunk:  # other whitespace, or characters Kiwi dropped: tokens of their own
                    words.append(chunk)
                    spaces.append(False)
                    infos.append([])

        for start, end, members in groups:
            gap(start)
            words.append(text[start:end])
            spaces.append(False)
            infos.append(members)
            pos = end
        gap(len(text))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token, members in zip(doc, infos, strict=True):
            if not members:
                continue
            token._.morphs = [(m.form, m.tag) for m in members]
            token._.tags = [m.tag for m in members]
            token.tag_ = "+".join(m.tag for m in members)
            token.pos_ = _UPOS.get(members[0].tag, _UPOS.get(members[0].tag[:2], "X"))
            token.lemma_ = members[0].form
        return doc

    # spaCy calls these when a pipeline is saved or loaded; there is nothing to store.
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: Any) -> KiwiTokenizer:
        return self

    def to_disk(self, _path: Any, **_: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_: Any) -> KiwiTokenizer:
        return self


def _group(morphs: list[Morph]) -> list[tuple[int, int, list[Morph]]]:
    """Morphemes whose spans overlap (a contracted `했` = 하 + 었) make one token."""
    groups: list[tuple[int, int, list[Morph]]] = []
    for m in sorted(morphs, key=lambda m: (m.start, m.end)):
        if groups and m.start < groups[-1][1]:
            start, end, members = groups[-1]
            groups[-1] = (start, max(end, m.end), [*members, m])
        else:
            groups.append((m.start, m.end, [m]))
    return groups


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_kiwi_tokenizer() -> Callable[[Language], KiwiTokenizer]:
    def make(nlp: Language) -> KiwiTokenizer:
        return KiwiTokenizer(nlp.vocab)

    return make


for _name in ("morphs", "tags"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=None)
if not Doc.has_extension("person_roles"):
    Doc.set_extension("person_roles", default=None)


# --- entity rules ---------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_Q = "['’‘`]"


@dataclass(frozen=True)
class EntityRules:
    """Compiled rules for one vocabulary file."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    person: re.Pattern[str]
    place_endings: tuple[str, ...] = ("도", "시", "군", "구")

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every (start, end, label) the rules find, overlapping ones included."""
        found = [(m.start(), m.end(), label) for label, rx in self.patterns
                 for m in rx.finditer(text)]
        for m in self.person.finditer(text):
            name = m.group("name")
            if name.endswith(self.place_endings):
                continue
            found.append((m.start("name"), m.end("name"), "PERSON"))
            found.append((m.start("role"), m.end("role"), "ROLE"))
        return found


@cache
def entity_rules(data_file: str = "entities.tsv") -> EntityRules:
    vocab: dict[str, list[str]] = {}
    for row in read_table(data_file):
        if len(row) >= 2:
            vocab.setdefault(row[0], []).append(row[1])

    def alt(kind: str) -> str:
        return "|".join(sorted((re.escape(w) for w in vocab.get(kind, [])), key=len, reverse=True))

    counters, roles, surnames = alt("counter"), alt("role"), alt("surname")
    orgs = alt("org_suffix") + "|" + alt("dept_suffix")
    year = rf"(?:\d{{4}}|{_Q}\d{{2}})\s*년"
    day = rf"(?:{year}\s*)?\d{{1,2}}\s*월(?:\s*\d{{1,2}}\s*일)?"
    dotted = rf"{_Q}?\d{{2}}\.\s*(?:\d{{1,2}}\s*월|\d\s*분기|\d{{1,2}}\.(?!\d))"
    date = (rf"\d{{4}}-\d{{2}}-\d{{2}}(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?)?"
            rf"|{year}\s*(?:\d\s*분기|\d{{1,2}}\s*월(?:\s*\d{{1,2}}\s*일)?)?|{dotted}|{day}")
    end = rf"{date}|{_Q}?\d{{2,4}}\s*년|\d{{1,2}}\s*(?:월|\.)"
    patterns = (
        ("PERIOD", re.compile(rf"(?:{date}|{_Q}?\d{{2,4}}|{_Q}?\d{{2}}\.\s*\d{{1,2}})\s*~\s*"
                              rf"(?:{end})(?:\s*\(\d+년간\))?")),
        ("DATE", re.compile(date)),
        ("MONEY", re.compile(rf"(?:(?:{_NUM})\s*조\s*)?(?:{_NUM})\s*(?:백만|천만|억|만|천)?\s*원"
                             rf"|(?:(?:{_NUM})\s*조\s*)?(?:{_NUM})\s*(?:억|조)(?!\s*(?:{counters}))")),
        ("COUNT", re.compile(rf"(?:{_NUM})\s*(?:억|만|천)?\s*(?:{counters})(?![가-힣])")),
        ("ORG", re.compile(rf"(?<![가-힣A-Za-z])[가-힣A-Za-z]*(?:{orgs})"
                           rf"(?=[은는이가을를의와과도에]?(?:[^가-힣]|$))")),
    )
    person = re.compile(rf"(?<![가-힣])(?P<name>(?:{surnames})[가-힣]{{1,2}})\s?"
                        rf"(?P<role>{roles})(?=[은는이가을를의께도]?(?:[^가-힣]|$))")
    return EntityRules(patterns, person)


@Language.factory(ENTITY_COMPONENT, default_config={"data_file": "entities.tsv"})
def make_entity_component(nlp: Language, name: str, data_file: str) -> Callable[[Doc], Doc]:
    rules = entity_rules(data_file)
    priority = {"PERIOD": 0, "MONEY": 1, "COUNT": 2, "DATE": 3, "PERSON": 4, "ROLE": 4, "ORG": 5}

    def component(doc: Doc) -> Doc:
        spans: list[Span] = []
        found = sorted(rules.find(doc.text), key=lambda f: (priority[f[2]], f[0] - f[1]))
        for start, end, label in found:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        kept = _non_overlapping(spans)
        doc.ents = kept
        names = [s for s in kept if s.label_ == "PERSON"]
        doc._.person_roles = [
            (p.text, r.text) for p in names for r in kept
            if r.label_ == "ROLE" and 0 <= r.start - p.end <= 1
        ]
        return doc

    return component


def _non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Spans in priority order, each kept unless it overlaps one already kept."""
    taken: set[int] = set()
    kept: list[Span] = []
    for span in spans:
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return filter_spans(kept)


@cache
def get_nlp() -> Language:
    """The process-wide spaCy pipeline: Kiwi tokenizer + rule-based entities."""
    config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
    nlp = spacy.blank("ko", config=config)
    nlp.add_pipe(ENTITY_COMPONENT)
    return nlp


def entities(text: str) -> list[tuple[str, str, int, int]]:
    """`(label, text, start, end)` of every entity the pipeline marks in `text`."""
    doc = get_nlp()(text)
    return [(e.label_, e.text, e.start_char, e.end_char) for e in doc.ents]
