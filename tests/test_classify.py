"""Document-type detection from content: card, press release/article, unknown."""

from __future__ import annotations

from gongmun.extract import read_document
from gongmun.extract.model import Block, BlockType, Document, Source
from gongmun.schemas.classify import classify, decide


def doc_of(text: str, name: str = "x.txt"):  # type: ignore[no-untyped-def]
    return read_document(text.encode(), name)


CARD = """# 도지사 공약사업 관리카드
공 약 명\t데이터산업 수도 육성\t관리번호\t2-14-2
추진부서\t데이터산업과
□ 재원투자 실적 및 계획
"""
ARTICLE = """도, 스마트팜 단지 조성 본격화
홍길동 기자 / 입력 2025.03.02 09:10
[가상일보] 도는 스마트팜 단지 조성을 본격화한다고 2일 밝혔다.
도지사는 "최선을 다하겠다"고 말했다.
[저작권자ⓒ 가상일보. 무단전재-재배포 금지]
"""
RELEASE = """강원특별자치도 보도자료
보도일시 2025. 12. 8.(월) 11:00
담당부서 바이오헬스과 담당자 홍길동
도, 의료 AX 사업 본격 추진
□ 강원특별자치도는 의료 AX 사업을 본격 추진한다고 밝혔다.
"""
MINUTES = """회의록
1. 참석자: 12명
2. 안건: 청사 주차장 운영 개선
3. 결과: 원안 의결
"""


def test_card_is_detected() -> None:
    kind = classify(doc_of(CARD))
    assert kind.doc_type == "management_card"
    assert 0.5 < kind.confidence <= 1


def test_news_article_is_a_press_release() -> None:
    kind = classify(doc_of(ARTICLE))
    assert kind.doc_type == "press_release"
    assert 0.5 < kind.confidence <= 1


def test_official_release_is_a_press_release() -> None:
    assert classify(doc_of(RELEASE)).doc_type == "press_release"


def test_other_text_is_unknown_but_keeps_blocks() -> None:
    doc = doc_of(MINUTES)
    kind = classify(doc)
    assert kind.doc_type == "unknown"
    assert 0 <= kind.confidence <= 1
    assert len(doc.blocks) == 4


def test_file_name_is_not_evidence() -> None:
    assert classify(doc_of(MINUTES, "보도자료_관리카드.txt")).doc_type == "unknown"


def test_page_metadata_counts_as_evidence() -> None:
    source = Source(path="p.html", sha256="0", format="html", size_bytes=1)
    body = [Block(BlockType.PARAGRAPH, "도는 사업을 추진한다고 밝혔다.")]
    bare = Document(source, body)
    tagged = Document(source, body, metadata={"og:type": "article",
                                              "article:published_time": "2025-01-02"})
    assert classify(bare).doc_type == "unknown"
    assert classify(tagged).doc_type == "press_release"


def test_mixed_evidence_lowers_confidence() -> None:
    assert decide(8.0, 4.0).confidence < decide(8.0, 0.0).confidence
    assert decide(8.0, 0.0).doc_type == "management_card"
    assert decide(1.0, 2.0).doc_type == "unknown"
