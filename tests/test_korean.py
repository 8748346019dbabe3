"""The Kiwi-backed spaCy pipeline: one per process, Kiwi morphemes on tokens, rule entities."""

from __future__ import annotations

import spacy

from gongmun.normalize.korean import (
    TOKENIZER_NAME,
    Morph,
    _group,
    entities,
    get_kiwi,
    get_nlp,
    kiwi_morphs,
)


def test_models_are_built_once_per_process() -> None:
    assert get_kiwi() is get_kiwi()
    assert get_nlp() is get_nlp()
    assert get_nlp().tokenizer.vocab is get_nlp().vocab


def test_tokenizer_is_registered_and_configured() -> None:
    get_nlp()  # the spaCy side (and its registration) loads with the first pipeline
    assert spacy.registry.tokenizers.get(TOKENIZER_NAME) is not None
    assert get_nlp().config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME
    assert "gongmun_entities" in get_nlp().pipe_names


def test_doc_keeps_the_text_exactly_and_carries_morphemes() -> None:
    text = "추진을 위해서는의료  AI\n선도지구 했다"
    doc = get_nlp()(text)
    assert doc.text == text
    by_text = {t.text: t for t in doc}
    assert by_text["위해서"]._.tags == ["VV", "EC"]
    assert by_text["위해서"].tag_ == "VV+EC"
    assert by_text["의료"]._.morphs == [("의료", "NNG")]
    assert by_text["했"]._.tags[1:] == ["EP"]  # 하 + 었 share the syllable 했


def test_zero_length_morphemes_are_skipped() -> None:
    # Kiwi inserts endings of length 0 (e.g. after a contracted copula); none reach spaCy.
    for text in ["의료기기다", "데이터인 것", "보고서임"]:
        assert all(m.end > m.start for m in kiwi_morphs(text))
        assert get_nlp()(text).text == text


def test_overlapping_morphemes_group_into_one_token() -> None:
    morphs = [Morph("하", "VV", 0, 1), Morph("었", "EP", 0, 1), Morph("다", "EF", 1, 2)]
    assert [(s, e, len(m)) for s, e, m in _group(morphs)] == [(0, 1, 2), (1, 2, 1)]


def test_entities_money_count_date_period() -> None:
    found = {(label, text) for label, text, _, _ in entities(
        "총사업비 : 45,000백만 원, 빅데이터 50억 건, 실증과제(15건) : '24. 12월, "
        "사업기간 : 2023년~2027년(5년간)")}
    assert ("MONEY", "45,000백만 원") in found
    assert ("COUNT", "50억 건") in found  # a count, never money
    assert ("COUNT", "15건") in found
    assert ("DATE", "'24. 12월") in found
    assert ("PERIOD", "2023년~2027년") in found


def test_entities_person_role_and_org() -> None:
    doc = get_nlp()("김진태 지사는 강원대병원과 디지털산업과를 방문했다")
    labels = {(e.label_, e.text) for e in doc.ents}
    assert {("PERSON", "김진태"), ("ROLE", "지사"), ("ORG", "강원대병원"),
            ("ORG", "디지털산업과")} <= labels
    assert doc._.person_roles == [("김진태", "지사")]


def test_particles_after_counts_and_departments_do_not_hide_them() -> None:
    found = {(label, text) for label, text, _, _ in entities(
        "빅데이터 50억 건을 디지털산업과에서 관리하고 강원대병원과 협력한다")}
    assert {("COUNT", "50억 건"), ("ORG", "디지털산업과"), ("ORG", "강원대병원")} <= found
    assert not any(label == "MONEY" for label, _ in found)  # 50억 inside the count


def test_places_and_ordinary_words_are_not_people_or_orgs() -> None:
    labels = {(label, text) for label, text, _, _ in entities("강원도 지사 결과 보고")}
    assert not any(label == "PERSON" for label, _ in labels)
    assert ("ORG", "결과") not in labels
