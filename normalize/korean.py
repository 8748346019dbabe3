"""The Korean language layer: one Kiwi analyzer and one spaCy pipeline per process, each
built on first use (neither is imported by a document that needs no Korean analysis: a
text layer, HTML or HWP is never corrected, so it never pays for them).

- `get_kiwi()` is the shared `kiwipiepy.Kiwi` (its bundled model; nothing is downloaded).
- `get_nlp()` is a spaCy `Language` whose tokenizer is Kiwi. `spacy.blank("ko")` would need
  mecab-ko, so the tokenizer is registered in spaCy's registry (`gongmun.kiwi_tokenizer.v1`)
  and named in the pipeline's config. A spaCy token is a run of Kiwi morphemes that share
  characters (`위해서` = 위하/VV + 어서/EC); `token._.morphs` holds the morphemes and
  `token._.tags` their tags (`token.tag_` is the tags joined with `+`).
- The spaCy side lives in `korean_spacy.py`, imported by `get_nlp()` (importing spaCy alone
  takes about a second).
- The `gongmun_entities` component marks MONEY, COUNT, DATE, PERIOD (through the value
  parsers of `normalize.values`), PERSON+ROLE (a spaCy `Matcher` over Kiwi's tokens) and ORG
  (eojeols ending in an organisation's name); its vocabulary lives in `data/entities.tsv`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiwipiepy import Kiwi
    from spacy.language import Language

TOKENIZER_NAME = "gongmun.kiwi_tokenizer.v1"
ENTITY_COMPONENT = "gongmun_entities"


KIWI_THREADS = 0
"""Kiwi's own worker threads: none. We analyse one text per call, which runs on the calling
thread anyway, and a thread pool does not survive `fork`: a batch worker forked from a
process holding a pooled Kiwi hangs on its first multi-text call (tests/test_fork_models.py).
With no pool, workers forked after the model is loaded share it (copy-on-write)."""


@cache
def get_kiwi() -> Kiwi:
    """The process-wide Kiwi analyzer, built on first use. Building it takes about a second
    and Kiwi loads its language model on the first analysis (a few seconds more): both are
    paid only by documents whose text is corrected (OCR output)."""
    import warnings

    from kiwipiepy import Kiwi

    with warnings.catch_warnings():
        # kiwipiepy warns that num_workers=0 changed meaning in 0.21 (it is now "no pool",
        # which is what we want).
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=KIWI_THREADS)


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
    return list(_kiwi_morphs(text))


MORPHS_CACHE_SIZE = 8192
"""Texts whose analysis is kept: an OCR card asks for the same cell and candidate texts
again and again (a third of its analyses repeated one already made); entries are small."""


@lru_cache(maxsize=MORPHS_CACHE_SIZE)
def _kiwi_morphs(text: str) -> tuple[Morph, ...]:
    tokens = get_kiwi().tokenize(text)
    return tuple(Morph(t.form, t.tag, t.start, t.start + t.len, float(t.score), bool(t.oov))
                 for t in tokens if t.len > 0)


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


@cache
def get_nlp() -> Language:
    """The process-wide spaCy pipeline: Kiwi tokenizer + rule-based entities."""
    from .korean_spacy import build_nlp

    return build_nlp()


def entities(text: str) -> list[tuple[str, str, int, int]]:
    """`(label, text, start, end)` of every entity the pipeline marks in `text`."""
    doc = get_nlp()(text)
    return [(e.label_, e.text, e.start_char, e.end_char) for e in doc.ents]


def kiwi_scorer() -> Callable[[Sequence[str]], list[float]]:
    """Kiwi's log-probability of each text's best analysis: the language model outline
    glyphs are deciphered with (`extract.decipher.using_language_model`; the pipeline
    gives it), on the corrector's analyzer, so a document that is corrected loads it once."""
    kiwi = get_kiwi()

    def score(texts: Sequence[str]) -> list[float]:
        return [float(kiwi.analyze(text, top_n=1)[0][1]) for text in texts]

    return score
