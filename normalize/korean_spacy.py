"""The spaCy side of the Korean layer (see `korean.py`): Kiwi as spaCy's tokenizer and the
rule-based entity component. Imported only by `korean.get_nlp()`, on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .korean import ENTITY_COMPONENT, TOKENIZER_NAME, Morph, _group, kiwi_morphs
from .vocab import entity_words

# Kiwi tag -> Universal POS, for `token.pos_`.
_UPOS = {
    "NNG": "NOUN", "NNB": "NOUN", "NR": "NUM", "NNP": "PROPN", "NP": "PRON",
    "VV": "VERB", "VA": "ADJ", "VX": "AUX", "VCP": "AUX", "VCN": "ADJ",
    "MM": "DET", "MAG": "ADV", "MAJ": "CCONJ", "IC": "INTJ",
    "SN": "NUM", "SL": "X", "SH": "X", "SW": "SYM", "SF": "PUNCT", "SP": "PUNCT",
    "SS": "PUNCT", "SSO": "PUNCT", "SSC": "PUNCT", "SE": "PUNCT", "SO": "PUNCT",
}


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
#
# Numbers (MONEY, COUNT, DATE, PERIOD) come from the same parsers the builders use
# (`normalize.values`), so an amount is never read two ways. PERSON+ROLE is a spaCy `Matcher`
# pattern over Kiwi's tokens; ORG looks at whole eojeols with their particles set aside by
# Kiwi's tags (디지털산업과/를), which a pattern over characters cannot see.

# Particles and endings after a name or an organisation (Kiwi tags J*, E*).
_TRAILING_TAGS = ("J", "E")
# Place names end in these: "강원도 지사" is an office, not a person.
_PLACE_ENDINGS = ("도", "시", "군", "구")


@dataclass(frozen=True)
class EntityVocab:
    """The words of `data/entities.tsv` the rules need, by kind."""

    roles: tuple[str, ...]
    surnames: tuple[str, ...]
    org_suffixes: tuple[str, ...]


@cache
def entity_vocab(data_file: str = "entities.tsv") -> EntityVocab:
    return EntityVocab(
        roles=entity_words("role", data_file),
        surnames=entity_words("surname", data_file),
        org_suffixes=entity_words("org_suffix", data_file) + entity_words("dept_suffix", data_file),
    )


def number_entities(text: str) -> list[tuple[int, int, str]]:
    """MONEY, COUNT, DATE and PERIOD spans, from the value parsers."""
    from .values import find_counts, find_dates, find_money

    found = [(m.start, m.end, "MONEY") for m in find_money(text)]
    found += [(c.start, c.end, "COUNT") for c in find_counts(text)]
    found += [(d.start, d.end, "DATE" if d.date_start == d.date_end else "PERIOD")
              for d in find_dates(text)]
    return found


def _person_matcher(vocab: Vocab, words: EntityVocab) -> Matcher:
    surnames = "|".join(sorted(map(re.escape, words.surnames), key=len, reverse=True))
    name = rf"^(?:{surnames})[가-힣]{{1,2}}$"
    matcher = Matcher(vocab)
    # 김진태 지사(는): a name-shaped token, a space, a role token.
    matcher.add("PERSON_ROLE", [[{"TEXT": {"REGEX": name}, "SPACY": True},
                                 {"TEXT": {"IN": list(words.roles)}}]])
    return matcher


def _eojeols(doc: Doc) -> Iterable[list[Token]]:
    """Runs of tokens with no space between them (a Korean word with its particles)."""
    run: list[Token] = []
    for token in doc:
        if token.is_space:
            continue
        run.append(token)
        if token.whitespace_ or token.i == len(doc) - 1:
            yield run
            run = []
    if run:
        yield run


def _org_spans(doc: Doc, words: EntityVocab) -> list[Span]:
    """Eojeols that end, before their particles, in an organisation's name (디지털산업과/를).

    Kiwi sometimes tags the 과 of a department as a particle (산업/과/를), so the name may end
    in a token tagged as one, as long as the organisation's suffix covers it.
    """
    spans, whole = [], doc.text  # Doc.text is rebuilt from the tokens on every access
    for eojeol in _eojeols(doc):
        for k in range(len(eojeol), 0, -1):
            if not all(_is_trailing(t) for t in eojeol[k:]):
                break
            name = eojeol[:k]
            start = name[0].idx
            text = whole[start:name[-1].idx + len(name[-1])]
            suffix = next((s for s in words.org_suffixes
                           if text.endswith(s) and (len(text) > len(s) or len(s) >= 3)), None)
            if suffix and all(_is_nominal(t) for t in name
                              if t.idx < start + len(text) - len(suffix)):
                spans.append(Span(doc, name[0].i, name[-1].i + 1, label="ORG"))
                break
    return spans


def _is_trailing(token: Token) -> bool:
    return bool(token._.tags) and token._.tags[0].startswith(_TRAILING_TAGS)


def _is_nominal(token: Token) -> bool:
    return bool(token._.tags) and token._.tags[0][:2] in ("NN", "SL", "XS")


@Language.factory(ENTITY_COMPONENT, default_config={"data_file": "entities.tsv"})
def make_entity_component(nlp: Language, name: str, data_file: str) -> Callable[[Doc], Doc]:
    words = entity_vocab(data_file)
    matcher = _person_matcher(nlp.vocab, words)

    def component(doc: Doc) -> Doc:
        spans = [doc.char_span(start, end, label=label, alignment_mode="expand")
                 for start, end, label in number_entities(doc.text)]
        people = []
        for _, start, end in matcher(doc):
            if not doc[start].text.endswith(_PLACE_ENDINGS):
                people += [Span(doc, start, start + 1, label="PERSON"),
                           Span(doc, end - 1, end, label="ROLE")]
        # Longer spans first: "50억 건" (COUNT) beats the "50억" inside it.
        kept = _non_overlapping(sorted((s for s in [*spans, *people, *_org_spans(doc, words)]
                                        if s is not None), key=lambda s: s.start - s.end))
        doc.ents = kept
        doc._.person_roles = [(p.text, r.text) for p in kept if p.label_ == "PERSON"
                              for r in kept if r.label_ == "ROLE" and r.start == p.end]
        return doc

    return component


def _non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Spans in the order given, each kept unless it overlaps one already kept."""
    taken: set[int] = set()
    kept: list[Span] = []
    for span in spans:
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return filter_spans(kept)


def build_nlp() -> Language:
    """A spaCy pipeline: Kiwi tokenizer + rule-based entities (`korean.get_nlp` keeps one)."""
    config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
    nlp = spacy.blank("ko", config=config)
    nlp.add_pipe(ENTITY_COMPONENT)
    return nlp

