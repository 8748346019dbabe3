"""The press builder on the seed article (the issue's Done-when facts) and on the project's
own press samples, against the truth kept in `samples/make_press_samples.py`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from gongmun.extract import read_document
from gongmun.pipeline import extract
from gongmun.schemas.models import Record

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED_ARTICLE = SAMPLES / "press" / "000_6bcb5439693b9bf5.txt"
sys.path.insert(0, str(SAMPLES))

import make_press_samples as gen  # noqa: E402

# Text of the seed page that is not the article: other articles, lists, menus, copyright.
SEED_FURNITURE = ["이재명", "성남시", "남창옹기종기시장", "최신뉴스", "많이 본 기사",
                  "PHOTO NEWS", "더보기", "저작권자", "무단전재", "뉴스댓글", "인쇄", "기사승인"]


@pytest.fixture(scope="module")
def seed(seed_article_record: Record) -> Any:
    assert seed_article_record.press is not None
    return seed_article_record.press


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    return {s.file: extract(SAMPLES / "press" / s.file) for s in gen.STORIES}


# --- the seed article: the Done-when ---------------------------------------------------


def test_seed_is_a_press_release(seed_article_record: Record) -> None:
    assert seed_article_record.doc_type == "press_release"


def test_seed_headline(seed: Any) -> None:
    assert seed.headline == "강원특별자치도, 의료 AX 선도지구 청사진 공개…18개 과제 5,800억 원 투입"


def test_seed_subheadline(seed: Any) -> None:
    assert seed.subheadline == "기획 예산 10억 확보로 선도지구 지정을 위한 세부 사업계획 수립 추진"


def test_seed_outlet(seed: Any) -> None:
    assert seed.outlet == "뉴스스텝"


def test_seed_reporter_is_the_name_only(seed: Any) -> None:
    assert seed.reporter == "최선경"


def test_seed_published_at_in_kst(seed: Any) -> None:
    assert seed.published_at == "2025-12-08T15:20:46+09:00"


def test_seed_total_amount(seed: Any) -> None:
    assert 580_000_000_000 in [a.krw for a in seed.amounts]


def test_seed_project_amounts_once_per_project(seed: Any) -> None:
    assert [a.krw for a in seed.amounts].count(35_000_000_000) == 2


def test_seed_planning_budget(seed: Any) -> None:
    assert 1_000_000_000 in [a.krw for a in seed.amounts]


def test_seed_count_is_not_money(seed: Any) -> None:
    assert [(c.value, c.unit) for c in seed.counts] == [(5_000_000_000, "건")]
    assert 5_000_000_000 not in [a.krw for a in seed.amounts]


def test_seed_budget_items(seed: Any) -> None:
    items = [(b.name, b.start_year, b.end_year, b.amount_krw) for b in seed.budget_items]
    assert items == [
        ("강원 의료AX 산업 실증 허브 조성", 2026, 2030, 35_000_000_000),
        ("디지털헬스케어 기반 AI융합혁신 교육허브 조성사업", 2026, 2030, 35_000_000_000),
    ]


def test_seed_quotes_are_both_by_the_governor(seed: Any) -> None:
    assert [(q.speaker, q.role) for q in seed.quotes] == [("김진태", "지사")] * 2


def test_seed_second_quote_is_the_continuation(seed: Any) -> None:
    assert seed.quotes[1].text == "의료 AX 선도지구 지정을 위해 앞으로도 최선을 다할 것"


def test_seed_body_has_no_furniture(seed: Any) -> None:
    leaks = [(word, p) for p in seed.paragraphs for word in SEED_FURNITURE if word in p]
    assert not leaks


def test_seed_body_starts_and_ends_with_the_article(seed: Any) -> None:
    assert seed.paragraphs[0].startswith("강원특별자치도는 올해 7월부터")  # dateline removed
    assert seed.paragraphs[-1].startswith("이어, “의료 AX 선도지구")
    assert len(seed.paragraphs) == 12


def test_seed_photo_caption_is_not_body(seed: Any) -> None:
    assert "강원특별자치도, 의료 AX 선도지구 청사진 공개" not in seed.paragraphs


def test_seed_relative_dates_resolved_against_publication(seed: Any) -> None:
    dates = {d.text: (d.date_start, d.date_end) for d in seed.dates}
    assert dates["올해 7월"] == ("2025-07", "2025-07")
    assert dates["내년"] == ("2026", "2026")


def test_seed_glued_words_repaired(seed: Any) -> None:
    assert any("추진을 위해서는 의료 AI" in p for p in seed.paragraphs)


def test_seed_furniture_is_reported(seed_article_record: Record) -> None:
    codes = [w.code for w in seed_article_record.warnings]
    assert "dropped_furniture" in codes


# --- the project's samples against the generator's truth ---------------------------------------

STORY_IDS = [s.file for s in gen.STORIES]


def press_of(records: dict[str, Record], story: gen.Story) -> Any:
    record = records[story.file]
    assert record.doc_type == "press_release"
    assert record.press is not None
    return record.press


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_headline(records: dict[str, Record], story: gen.Story) -> None:
    assert press_of(records, story).headline == story.headline
    assert records[story.file].title == story.headline


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_subheadline(records: dict[str, Record], story: gen.Story) -> None:
    assert press_of(records, story).subheadline == story.subheadline


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_outlet(records: dict[str, Record], story: gen.Story) -> None:
    assert press_of(records, story).outlet == story.outlet


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_reporter(records: dict[str, Record], story: gen.Story) -> None:
    assert press_of(records, story).reporter == story.reporter


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_published_at(records: dict[str, Record], story: gen.Story) -> None:
    assert press_of(records, story).published_at == story.published_at


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_body_is_exactly_the_article(records: dict[str, Record], story: gen.Story) -> None:
    assert press_of(records, story).paragraphs == story.paragraphs


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_furniture_never_in_body(records: dict[str, Record], story: gen.Story) -> None:
    body = "\n".join(press_of(records, story).paragraphs)
    assert [f for f in story.furniture if f in body] == []


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_quotes(records: dict[str, Record], story: gen.Story) -> None:
    quotes = [(q.speaker, q.role, q.text) for q in press_of(records, story).quotes]
    assert quotes == story.quotes


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_amounts(records: dict[str, Record], story: gen.Story) -> None:
    assert [a.krw for a in press_of(records, story).amounts] == story.amounts_krw


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_counts(records: dict[str, Record], story: gen.Story) -> None:
    assert [(c.value, c.unit) for c in press_of(records, story).counts] == story.counts


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_budget_items(records: dict[str, Record], story: gen.Story) -> None:
    items = [(b.name, b.start_year, b.end_year, b.amount_krw)
             for b in press_of(records, story).budget_items]
    assert items == story.budget_items


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_dates(records: dict[str, Record], story: gen.Story) -> None:
    found = {(d.text, d.date_start, d.date_end) for d in press_of(records, story).dates}
    assert set(story.dates) <= found


@pytest.mark.parametrize("story", gen.STORIES, ids=STORY_IDS)
def test_sample_contacts(records: dict[str, Record], story: gen.Story) -> None:
    contacts = [(c.department, c.position, c.name, c.phone)
                for c in press_of(records, story).contacts]
    assert contacts == story.contacts


def test_release_contact_table_is_read_with_its_merged_cell() -> None:
    path = SAMPLES / "press" / gen.GANGWON.file
    doc = read_document(path.read_bytes(), str(path))
    assert [t.rows for t in doc.tables] == [gen.release_contact_rows(gen.GANGWON)]


@pytest.mark.slow
def test_samples_are_what_the_generator_makes(tmp_path: Path) -> None:
    for written in gen.generate(tmp_path):
        assert written.read_bytes() == (SAMPLES / "press" / written.name).read_bytes(), \
            f"run samples/make_press_samples.py: {written.name} is stale"
