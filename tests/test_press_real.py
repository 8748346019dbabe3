"""Real ministry 보도자료 (shared/real/press_release, PDFs with a text layer): headline set over
two lines, sub-headlines, release time, issuing office, contacts and money in 억 달러."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from real_files import shared_real

from gongmun.pipeline import extract

REPO = Path(__file__).resolve().parents[1]


def _real_dir() -> Path | None:
    return shared_real("press_release")


REAL = _real_dir()
pytestmark = [pytest.mark.slow,  # whole multi-page PDFs through the pipeline
              pytest.mark.skipif(REAL is None, reason="shared/real not beside the repository")]
FDI = "2025년 2분기 해외직접투자 (최종)-2022.pdf"
MOIS = "table-vpos-01-2022.pdf"


@pytest.fixture(scope="module")
def fdi() -> Any:
    assert REAL is not None
    return extract(REAL / FDI).press


@pytest.fixture(scope="module")
def mois() -> Any:
    assert REAL is not None
    return extract(REAL / MOIS).press


def test_headline_over_two_lines_comes_back_whole(fdi: Any, mois: Any) -> None:
    assert fdi.headline == "‘25년 2분기 해외직접투자는 141.5억 달러로 전년동기비 13.4% 감소"
    assert mois.headline == "‘국민주권시대, AI와 함께 열다’ 국민주권정부의 정부혁신 청사진 공개"


def test_subheadline_is_the_dash_line_only(fdi: Any, mois: Any) -> None:
    assert fdi.subheadline is None  # no `- ...` line under it: the body is not a sub-headline
    # `국민주권` | `정부` broke across the PDF's lines inside the word: no space is added
    assert mois.subheadline == ("‘국민이 주도하고 AI가 뒷받침하는 국민주권정부’ 구현을 위한 "
                                "국민주권정부 정부혁신 추진전략 발표")


def test_release_time(fdi: Any, mois: Any) -> None:
    assert fdi.published_at == "2025-09-19T11:00:00+09:00"  # 보도시점, not 배포
    # 보도시점 beside (온라인) 2025. 12. 2.(화) [16:00] and (지 면) 2025. 12. 3.(수) 조간
    assert mois.published_at == "2025-12-02T16:00:00+09:00"


def test_issuing_office(mois: Any) -> None:
    assert mois.outlet == "행정안전부"


def test_contacts_name_phone_and_email_apart(fdi: Any, mois: Any) -> None:
    rows = [(c.department, c.position, c.name, c.phone, c.email) for c in fdi.contacts]
    assert rows == [
        ("대외경제국 국제경제과", "과장", "강병중", "044-215-7630", None),
        ("대외경제국 국제경제과", "사무관", "황예진", None, "yejin1210@korea.kr"),
    ]
    assert [(c.name, c.phone) for c in mois.contacts] == [
        ("장은영", "044-205-2201"), ("신화영", "044-205-2213"), ("신새리", "044-205-2222")]


def test_dollar_amounts_are_never_won(fdi: Any) -> None:
    dollars = [a for a in fdi.amounts if "달러" in a.text]
    assert dollars and all(a.krw is None and a.currency == "USD" for a in dollars)
    assert (dollars[0].text, dollars[0].value) == ("141.5억 달러", 14_150_000_000)


def test_body_paragraph_is_joined_across_pdf_lines(fdi: Any) -> None:
    assert fdi.paragraphs[0].startswith("2025년 2분기(4~6월) 해외직접투자액은")  # as its HWP
    assert fdi.paragraphs[0].endswith("△15.9억 달러) 된 모습이었다.")
    assert not any(p.startswith(("업종별 동향", "분기별 해외직접투자액")) for p in fdi.paragraphs)


def test_issuing_office_named_only_in_the_logo(fdi: Any) -> None:
    from gongmun.extract.ocr import engine_available

    if not engine_available():
        pytest.skip("the logo is read by OCR (tesseract-ocr-kor)")
    assert fdi.outlet == "기획재정부"


def test_logo_text_matches_a_public_body_one_letter_off() -> None:
    from gongmun.schemas.press import logo_issuer

    assert logo_issuer("60) 기 획 재정부") == "기획재정부"
    assert logo_issuer("@) 앵 정 안 전부 | ¢ eee") == "행정안전부"
    assert logo_issuer("주민과 함께한 30년") is None


# --- the PDF, HWP and HWPX of each release agree -----------------------------------------------

# Each release by its file stem, and the formats it comes in. The household-loans PDF is left
# out: its text layer draws Hangul as outlines and its OCR is too garbled to agree (its kind
# is tested below).
RELEASES = {
    "2025년 2분기 해외직접투자 (최종)": ("-2022.pdf", ".hwp", ".hwpx"),
    "table-vpos-01": ("-2022.pdf", ".hwp", ".hwpx"),
    "(250813) (보도자료) 2025년 7월중 가계대출 동향": (".hwp", ".hwpx"),
}


def _fields(record: Any) -> dict[str, Any]:
    p = record.press
    return {"headline": p.headline, "subheadline": p.subheadline,
            "published_at": p.published_at, "outlet": p.outlet,
            "contacts": [(c.department, c.position, c.name, c.phone, c.email)
                         for c in p.contacts]}


@pytest.mark.slow
@pytest.mark.parametrize("stem", sorted(RELEASES))
def test_every_format_of_a_release_agrees(stem: str) -> None:
    """Headline, sub-headlines, release time, issuing office and contacts, field by field,
    the same from each format (the issuing office of 해외직접투자 is named only in its logo:
    read by OCR, so that release needs Tesseract)."""
    from gongmun.extract.ocr import engine_available

    assert REAL is not None
    if stem.startswith("2025년 2분기") and not engine_available():
        pytest.skip("the logo is read by OCR (tesseract-ocr-kor)")
    records = {suffix: _fields(extract(REAL / (stem + suffix))) for suffix in RELEASES[stem]}
    first, *others = RELEASES[stem]
    for suffix in others:
        assert records[suffix] == records[first], suffix
    fields = records[first]
    assert fields["headline"] and fields["published_at"] and fields["outlet"]
    assert fields["contacts"]


@pytest.mark.slow
def test_outline_hangul_release_read_by_ocr_is_a_press_release() -> None:
    from gongmun.extract.ocr import engine_available

    if not engine_available():
        pytest.skip("the PDF's text is read by OCR (tesseract-ocr-kor)")
    assert REAL is not None
    record = extract(REAL / "(250813) (보도자료) 2025년 7월중 가계대출 동향-hwp-2022.pdf")
    assert record.doc_type == "press_release"
    assert record.press.published_at == "2025-08-13T15:00:00+09:00"  # 보도시점, as its HWP


def test_logo_office_is_read_only_without_other_evidence(monkeypatch: Any) -> None:
    """The lead names 행정안전부: the logo pictures are never OCR'd."""
    from gongmun.extract import pdf_header

    def no_ocr(picture: bytes) -> Any:
        raise AssertionError("logo OCR'd although the text names the office")

    monkeypatch.setattr(pdf_header, "logo_readings", no_ocr)
    assert REAL is not None
    record = extract(REAL / "table-vpos-01.hwp")
    assert record.press.outlet == "행정안전부"


def test_hwp_keeps_its_logo_pictures() -> None:
    """HWP 5 stores the logo in BinData like HWPX: the same picture reaches the builder."""
    from gongmun.extract import read_document

    assert REAL is not None
    stem = "2025년 2분기 해외직접투자 (최종)"
    hwp = read_document((REAL / f"{stem}.hwp").read_bytes(), "x.hwp")
    hwpx = read_document((REAL / f"{stem}.hwpx").read_bytes(), "x.hwpx")
    pdf = read_document((REAL / f"{stem}-2022.pdf").read_bytes(), "x.pdf")
    assert len(hwp.logos) == len(hwpx.logos) == len(pdf.logos) == 1
    sizes = {Image.open(io.BytesIO(doc.logos[0])).size for doc in (hwp, hwpx, pdf)}
    assert sizes == {(173, 54)}


def test_headline_in_a_title_box_and_outlet_from_the_lead() -> None:
    assert REAL is not None
    press = extract(REAL / "table-vpos-01.hwpx").press
    assert press.headline == "‘국민주권시대, AI와 함께 열다’ 국민주권정부의 정부혁신 청사진 공개"
    assert press.subheadline == ("‘국민이 주도하고 AI가 뒷받침하는 국민주권정부’ 구현을 위한 "
                                 "국민주권정부 정부혁신 추진전략 발표")
    assert press.outlet == "행정안전부"


def test_date_only_release_and_dash_framed_subheadlines() -> None:
    assert REAL is not None
    press = extract(REAL / "noori.hwp").press
    assert press.headline == ("우리가 독자 개발하여 최초 발사하는 한국형발사체, "
                              "국민이 정한 그 이름은 ｢누리｣")
    assert press.subheadline == ("“세상”의 옛말로, 우주까지 확장된 새로운 세상을 연다는 의미\n"
                                 "명칭공모전에 1만건 이상 응모, 뜨거운 관심 보여")
    assert press.published_at == "2018-09-04"  # 보도일시 2018. 9. 4.(화) 조간
    assert press.outlet == "과학기술정보통신부"
    contacts = [(c.name, c.position) for c in press.contacts]
    assert contacts == [("장인숙", None), ("용찬재", "사무관")]


def test_joint_release_contacts_keep_each_office() -> None:
    assert REAL is not None
    press = extract(REAL / "(250813) (보도자료) 2025년 7월중 가계대출 동향.hwpx").press
    offices = list(dict.fromkeys(c.department for c in press.contacts))
    assert offices[:3] == ["금융위원회 금융정책과", "기획재정부 자금시장과",
                           "국토교통부 주택기금과"]
    assert press.outlet == "금융위원회"
    assert press.published_at == "2025-08-13T15:00:00+09:00"




def test_body_lines_broken_inside_a_word_join_as_in_the_hwp(mois: Any) -> None:
    """The vpos PDF breaks its lines by syllable (`국민` | `주권정부’를`): its paragraphs
    read as the HWP's."""
    body = " ".join(mois.paragraphs)
    for words in ("국민주권정부’를 구현하는", "인공지능 교과목 개선", "추진하고, 장애인"):
        assert words in body


@pytest.mark.slow
def test_pdf_body_reads_as_the_hwp() -> None:
    """The vpos release: the PDF's paragraphs are the HWP's, word for word (lines broken
    inside words, a ▲-enumeration run over two lines)."""
    assert REAL is not None
    pdf = extract(REAL / "table-vpos-01-2022.pdf").press
    hwp = extract(REAL / "table-vpos-01.hwp").press
    assert pdf.paragraphs == hwp.paragraphs
