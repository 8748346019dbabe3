"""A 보도자료 read by OCR: its release-time label and weekday may be misread."""

from __future__ import annotations

from gongmun.extract.model import Block, BlockType, Document, Source
from gongmun.schemas.press import build_press
from gongmun.schemas.press_layout import ocr_release_time


def test_release_label_one_syllable_off_and_misread_weekday() -> None:
    # Tesseract's readings of the household-loans release header (shared/real)
    assert ocr_release_time("보도시접 2025. 8. 13.(?) 15:00 비프 2025. 8. 13.(?) 09:00") \
        == "2025. 8. 13. 15:00"
    assert ocr_release_time("보 도 시점 (온라인) 2025. 12. 2.(화) 16:00") \
        == "2025. 12. 2.(화) 16:00"


def test_two_syllables_off_is_no_label() -> None:
    assert ocr_release_time("최고시점 2025. 8. 13.(수) 15:00") is None
    assert ocr_release_time("시점 2025. 8. 13.(수) 15:00") is None


def _release(ocr: bool) -> Document:
    lines = ["보도시접 2025. 8. 13.(?) 15:00", "가계대출 동향 점검회의 개최",
             "□ 금융위원회는 13일 가계부채 점검회의를 개최하였다."]
    source = Source(path="x.pdf", sha256="0", format="pdf", size_bytes=0)
    return Document(source, [Block(BlockType.PARAGRAPH, t, page=1, ocr=ocr) for t in lines])


def test_misread_label_gives_the_time_only_in_ocr_text() -> None:
    assert build_press(_release(ocr=True))[0].published_at == "2025-08-13T15:00:00+09:00"
    assert build_press(_release(ocr=False))[0].published_at is None


def _pdf_line(text: str, top: float, marker: str | None = None,
              kind: BlockType = BlockType.PARAGRAPH) -> Block:
    return Block(kind, text, page=1, bbox=(60.0, top, 540.0, top + 14.0), marker=marker)


def test_enumeration_of_triangles_runs_on_across_lines() -> None:
    from gongmun.schemas.press import logical_blocks

    blocks = [_pdf_line("▲국민 주도 참여·소통 거버넌스 구현, ▲포용과 균형의 기본사회 구현,", 100,
                        "○", BlockType.LIST_ITEM),
              _pdf_line("성과로 신뢰받는 일 잘하는 정부 구현, ▲공공부문 인공지능 대전환 등", 118,
                        "▲", BlockType.CAPTION),
              _pdf_line("4대 핵심 전략으로 구성됐다.", 136)]
    joined, origins = logical_blocks(blocks)
    assert [b.text for b in joined] == [
        "▲국민 주도 참여·소통 거버넌스 구현, ▲포용과 균형의 기본사회 구현, "
        "▲성과로 신뢰받는 일 잘하는 정부 구현, ▲공공부문 인공지능 대전환 등 "
        "4대 핵심 전략으로 구성됐다."]
    assert origins == [[0, 1, 2]]


def test_photo_caption_after_a_sentence_stays_apart() -> None:
    from gongmun.schemas.press import logical_blocks

    blocks = [_pdf_line("도지사는 현장을 둘러보고 관계자를 격려했다.", 100),
              _pdf_line("도지사가 현장을 둘러보고 있다.", 118, "▲", BlockType.CAPTION)]
    assert len(logical_blocks(blocks)[0]) == 2
