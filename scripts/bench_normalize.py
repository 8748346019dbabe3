"""Normalization benchmark: start-up cost of Kiwi / spaCy / the corrector, and throughput.

`run()` returns a dict (`scripts/bench.py` calls it for `make bench`); run this file to
print it. Timings: the seed card (read once) normalized with correction on, after
start-up, with the corrector's score cache emptied before each run, so that every run does
the full work; throughput in characters per second over the seed card and article.

    python scripts/bench_normalize.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED_CARD = REPO / "samples" / "cards" / "001_3d71a2a9b0fba71b.txt"
SEED_ARTICLE = REPO / "samples" / "press" / "000_6bcb5439693b9bf5.txt"


def _timed(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def run(repeat: int = 5) -> dict[str, Any]:
    from gongmun.extract import read_document
    from gongmun.normalize import default_correctors, normalize_document
    from gongmun.normalize.corrections import TextContext
    from gongmun.normalize.korean import get_kiwi, get_nlp
    from gongmun.normalize.plain import normalize_text
    from gongmun.normalize.typos import kiwi_score

    kiwi, kiwi_s = _timed(get_kiwi)
    _, kiwi_first_s = _timed(lambda: kiwi.analyze("강원특별자치도는 올해 7월부터 기획해 온 사업"))
    nlp, spacy_s = _timed(get_nlp)
    _, first_doc_s = _timed(lambda: nlp("강원특별자치도는 올해 7월부터 기획해 온 사업"))
    correctors, corrector_s = _timed(default_correctors)
    context = TextContext(location={"block": 0}, block_type="paragraph")
    # The first correction builds Kiwi's typo dictionary from the OCR confusion model.
    _, typo_s = _timed(lambda: correctors[0]("AI 기반 시업화 마케팅", context))

    card = read_document(SEED_CARD.read_bytes(), str(SEED_CARD))
    card_chars = sum(len(b.text) for b in card.blocks)
    card_times = []
    corrections = 0
    for _ in range(repeat):
        kiwi_score.cache_clear()
        result, seconds = _timed(lambda: normalize_document(card, correctors))
        card_times.append(seconds)
        corrections = len(result.corrections)
    uncorrected = [_timed(lambda: normalize_document(card, []))[1] for _ in range(repeat)]

    texts = [SEED_CARD.read_text("utf-8"), SEED_ARTICLE.read_text("utf-8")]
    chars = sum(map(len, texts))
    text_times, nlp_times = [], []
    for _ in range(repeat):
        kiwi_score.cache_clear()
        text_times.append(_timed(lambda: [normalize_text(t) for t in texts])[1])
        nlp_times.append(_timed(lambda: [nlp(t) for t in texts])[1])

    return {
        "startup_s": {
            "kiwi_build": round(kiwi_s, 3),
            "kiwi_first_analysis": round(kiwi_first_s, 3),
            "spacy_pipeline": round(spacy_s, 3),
            "spacy_first_doc": round(first_doc_s, 3),
            "corrector_data": round(corrector_s, 3),
            "corrector_first_call": round(typo_s, 3),
            "total": round(kiwi_s + kiwi_first_s + spacy_s + first_doc_s + corrector_s + typo_s,
                           3),
        },
        "seed_card": {
            "chars": card_chars,
            "corrections": corrections,
            "normalize_s_median": round(statistics.median(card_times), 4),
            "normalize_s_max": round(max(card_times), 4),
            "without_correction_s_median": round(statistics.median(uncorrected), 4),
        },
        "throughput": {
            "chars": chars,
            "normalize_chars_per_s": round(chars / statistics.median(text_times)),
            "spacy_chars_per_s": round(chars / statistics.median(nlp_times)),
        },
        "repeat": repeat,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(run(args.repeat), indent=2))


if __name__ == "__main__":
    main()
