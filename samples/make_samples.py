"""Generate the sample management-card PDFs in `samples/cards/` from the data in `CARDS`.

The cards follow the layout of a real 도지사 공약사업 관리카드 (see the OCR'd seed card next
to them): a ruled header table, marked text sections, a funding table with a two-row merged
header, a goals table whose project cells span two rows, and a communication table.
`CARDS` is the truth the PDF reader's tests compare against; the `*_rows` functions give each
table as a reader should return it (merged cells: text in the first row/column, "" elsewhere).

Run: `python samples/make_samples.py [OUT_DIR]` (default: samples/cards). Needs fpdf2 and the
Nanum Gothic font (Debian package fonts-nanum). The output is byte-for-byte reproducible
with the same fpdf2 version: creation date and file id are fixed.
"""

from __future__ import annotations

import io
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from fpdf import FPDF
    from PIL import Image

FONT_PATH = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
FONT = "NanumGothic"
OUT_DIR = Path(__file__).resolve().parent / "cards"
CREATION_DATE = datetime(2024, 10, 15, 9, 0, 0, tzinfo=UTC)

# Layout, in millimetres and points (A4 portrait).
MARGIN_MM = 15
BOTTOM_MARGIN_MM = 15
TITLE_PT = 16
SECTION_PT = 12
BODY_PT = 10
TABLE_PT = 9
LINE_MM = 5.2
ITEM_GAP_MM = 1.0
SECTION_GAP_MM = 3
INDENT_MM = {0: 0, 1: 4, 2: 9, 3: 14}
HEADER_FILL = (230, 230, 230)

TITLE = "도지사 공약사업 관리카드"
SECTIONS = {"overview": "사업개요", "funding": "재원투자 실적 및 계획",
            "achievements": "추진실적(성과)", "communication": "도민소통 실적",
            "plans": "향후계획"}
GOALS_HEADING = "현재까지 목표달성"
EFFECTS_HEADING = "기대효과"
FUNDING_UNIT = "백만 원"
FUNDING_COLUMNS = ["기투자", "2022년", "2023년", "2024년", "2025년", "2026년", "임기이후"]
FUNDING_SOURCES = [("national", "국 비"), ("provincial", "도 비"), ("municipal", "시군비"),
                   ("other", "기 타")]
COMMUNICATION_COLUMNS = [("total", "계"), ("resident_meetings", "주민간담회, 공청회 등"),
                         ("satisfaction_surveys", "만족도 조사"),
                         ("expert_consultations", "민간전문가 자문"), ("media", "언론, 방송"),
                         ("other", "기타")]
GOALS_WIDTHS = (32, 50, 34, 64)
GOALS_HEADER = ["주요사업", "목표치", "추진상황\n(완료/추진중/미착수)", "추진내용"]

# Money in the cards is in 백만 원 (the funding table's unit line says so).
CARDS: list[dict[str, Any]] = [
    {
        "file": "card_smart_farm.pdf",
        "pledge_name": "스마트농업 혁신지구 조성",
        "pledge_subtitle": "(청년농업인 스마트팜 창업 지원)",
        "management_no": "3-05-1",
        "department": "농업정책과",
        "officer": {"name": "박서연", "phone": "3415"},
        "cooperating_departments": ["농업기술원", "일자리과"],
        "target": "임기 내 완료 (공정 100%)",
        "status": "추진중(정상)",
        "period": {"start_year": 2023, "end_year": 2026},
        "work_items": [
            {"title": "스마트팜 실증단지 조성", "quantity": 3, "unit": "개소",
             "phases": [("1단계", "'23년~'24년", 2), ("2단계", "'25년~'26년", 1)]},
            {"title": "청년농업인 스마트팜 창업 지원", "quantity": 5, "unit": "건",
             "phases": [("1단계", "'23년~'24년", 3), ("2단계", "'25년~'26년", 2)]},
        ],
        "summary": "노지·시설 스마트농업 실증 및 청년농업인 정착 기반 조성",
        "funding": {
            "national": [None, None, 1500, 1500, 1500, 1500, None],
            "provincial": [None, None, 600, 1000, 1000, 1000, None],
            "municipal": [None, None, 400, 600, 700, 700, None],
            "other": [None, None, None, None, None, None, None],
        },
        "achievements_as_of": "'24. 3분기 기준 누계",
        "achievements": [
            ("○", "스마트농업 혁신지구 기본계획 수립", "'23. 4월"),
            ("○", "실증단지 부지 선정(춘천·철원) 및 업무협약 체결", "'23. 9월"),
            ("-", "청년농업인 창업 지원 대상자(3명) 선정", "'24. 3월"),
            ("-", "실증단지 1호 준공 및 시범운영", "'24. 8월"),
        ],
        "goals": [
            {"project": "스마트팜 실증단지 조성",
             "targets": [
                 {"year": "'23", "text": "기본계획 수립, 부지 선정", "status": "완료",
                  "details": ["기본계획 수립(4월)", "부지 선정 및 협약 체결(9월)"]},
                 {"year": "'24", "text": "실증단지(2개소) 착공 및 준공", "status": "추진중",
                  "details": ["1호 실증단지 준공 및 시범운영(8월)",
                              "2호 실증단지 실시설계 완료"]},
             ]},
            {"project": "청년농업인 스마트팜 창업 지원",
             "targets": [
                 {"year": "'23", "text": "지원 조례 제정, 공모", "status": "완료",
                  "details": ["지원 조례 제정(6월)"]},
                 {"year": "'24", "text": "창업 지원 대상자(3명) 선정 및 교육", "status": "추진중",
                  "details": ["대상자 선정(3월)", "현장 실습 교육 진행 중"]},
             ]},
        ],
        "goals_pages": [2],
        "communication": {"total": 12, "resident_meetings": 5, "satisfaction_surveys": None,
                          "expert_consultations": 3, "media": 4, "other": None},
        "plans": [
            ("-", "2호 실증단지 준공 및 운영", "'25. 4월"),
            ("-", "청년농업인 창업 지원 대상자(2명) 추가 선정", "'25. 6월"),
        ],
        "expected_effects": [
            "스마트농업 확산으로 농가 생산성 향상 및 노동력 절감",
            "청년농업인 유입과 정착으로 농촌 인구 감소 완화",
        ],
    },
    {
        "file": "card_coastal_tourism.pdf",
        "pledge_name": "동해안 해양관광 벨트 구축",
        "pledge_subtitle": "(해양레저 거점 및 둘레길 연계)",
        "management_no": "4-11-3",
        "department": "관광정책과",
        "officer": {"name": "이준호", "phone": "2287"},
        "cooperating_departments": ["해양수산과", "건설교통과"],
        "target": "임기 내 착수 (공정 70%)",
        "status": "추진중(정상)",
        "period": {"start_year": 2023, "end_year": 2026},
        "work_items": [
            {"title": "해양레저 거점센터 조성", "quantity": 3, "unit": "개소",
             "phases": [("1단계", "'23년~'24년", 2), ("2단계", "'25년~'26년", 1)]},
            {"title": "해안 둘레길 정비 및 관광 콘텐츠 개발", "quantity": 5, "unit": "건",
             "phases": [("1단계", "'23년~'24년", 3), ("2단계", "'25년~'26년", 2)]},
        ],
        "summary": ("동해안 6개 시군을 잇는 해양레저 거점과 해안 둘레길을 연계한 체류형 "
                    "해양관광 벨트 조성 및 사계절 관광 콘텐츠 개발"),
        "funding": {
            "national": [None, None, 1200, 1800, 1800, 1200, None],
            "provincial": [None, None, 600, 1000, 1000, 1000, None],
            "municipal": [None, None, 300, 700, 700, 700, None],
            "other": [None, None, None, None, None, None, None],
        },
        "achievements_as_of": "'24. 3분기 기준 누계",
        "achievements": [
            ("○", "해양관광 벨트 구축 기본구상 용역 착수", "'23. 3월"),
            ("○", "해양레저 거점센터 입지 선정(강릉·속초) 및 타당성 조사", "'23. 8월"),
            ("-", "거점센터 1호 착공 및 둘레길 1구간 정비 착수", "'24. 4월"),
        ],
        "goals": [
            {"project": "해양레저 거점센터 조성",
             "targets": [
                 {"year": "'23", "text": "기본구상 용역, 입지 선정, 타당성 조사", "status": "완료",
                  "details": ["기본구상 용역 착수(3월)", "입지 선정 및 타당성 조사(8월)"]},
                 {"year": "'24", "text": "거점센터(2개소) 착공 및 설계", "status": "추진중",
                  "details": ["1호 거점센터 착공(4월)", "2호 거점센터 실시설계 진행"]},
             ]},
            {"project": "해안 둘레길 정비 및 관광 콘텐츠 개발",
             "targets": [
                 {"year": "'23", "text": "둘레길 1구간 실시설계, 콘텐츠 발굴", "status": "완료",
                  "details": ["1구간(12km) 실시설계 완료(12월)"]},
                 {"year": "'24", "text": "둘레길 1구간 정비, 콘텐츠 공모전 개최",
                  "status": "추진중",
                  "details": ["1구간 정비 착수(4월)", "공모전 개최 및 우수작 선정(6월)"]},
             ]},
        ],
        # The goals table starts on page 1 and continues on page 2 after the first project,
        # under a repeated header row.
        "goals_pages": [1, 2],
        "goals_split_after": 1,
        "communication": {"total": 17, "resident_meetings": 6, "satisfaction_surveys": 2,
                          "expert_consultations": 3, "media": 5, "other": 1},
        "plans": [
            ("-", "1호 거점센터 준공 및 개관 : 해양레저 체험 운영", "'25. 4월"),
            ("-", "둘레길 2구간 정비 착수", "'25. 6월"),
            ("-", "해양관광 벨트 통합 홍보 및 관광상품 출시", "'25. 9월"),
        ],
        "expected_effects": [
            "동해안 체류형 관광객 증가로 지역경제 활성화",
            "사계절 해양레저 관광 기반 마련으로 관광 비수기 극복",
        ],
    },
]


# --- the truth as the reader should return it ------------------------------------------------


def budget(card: dict[str, Any]) -> dict[str, int]:
    """총사업비 and its sources (백만 원), from the funding table."""
    sources = {key: sum(v or 0 for v in card["funding"][key]) for key, _ in FUNDING_SOURCES}
    return {"total": sum(sources.values()), **sources}


def fmt_amount(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def header_rows(card: dict[str, Any]) -> list[list[str]]:
    officer = card["officer"]
    return [
        ["공약명", card["pledge_name"], "", "", "관리번호", card["management_no"]],
        ["", card["pledge_subtitle"], "", "", "", ""],
        ["추진부서", card["department"], "담당자", officer["name"], "전화번호", officer["phone"]],
        ["협조부서", ", ".join(card["cooperating_departments"]), "", "", "", ""],
        ["실천목표", card["target"], "", "", "추진상황", card["status"]],
    ]


def funding_rows(card: dict[str, Any]) -> list[list[str]]:
    totals = budget(card)
    n_years = len(FUNDING_COLUMNS)
    column_sums = [sum(card["funding"][key][i] or 0 for key, _ in FUNDING_SOURCES)
                   for i in range(n_years)]
    rows = [["구 분", "총사업비", "연도별 투자 실적 및 계획"] + [""] * (n_years - 1),
            ["", "", *FUNDING_COLUMNS],
            ["계", fmt_amount(totals["total"]), *(fmt_amount(v) for v in column_sums)]]
    for key, label in FUNDING_SOURCES:
        rows.append([label, fmt_amount(totals[key]),
                     *(fmt_amount(v) for v in card["funding"][key])])
    return rows


def goal_target_text(target: dict[str, str]) -> str:
    return f"<{target['year']}년> {target['text']}"


def goals_rows(card: dict[str, Any]) -> list[list[str]]:
    rows = [list(GOALS_HEADER)]
    for goal in card["goals"]:
        for i, target in enumerate(goal["targets"]):
            rows.append([goal["project"] if i == 0 else "", goal_target_text(target),
                         target["status"], "\n".join(target["details"])])
    return rows


def communication_rows(card: dict[str, Any]) -> list[list[str]]:
    values = card["communication"]
    return [[label for _, label in COMMUNICATION_COLUMNS],
            [fmt_amount(values[key]) for key, _ in COMMUNICATION_COLUMNS]]


def work_item_line(item: dict[str, Any]) -> str:
    return f"{item['title']}({item['quantity']}{item['unit']})"


def schedule_line(item: dict[str, Any]) -> str:
    phases = ", ".join(f"{name}({years}) {qty}{item['unit']}"
                       for name, years, qty in item["phases"])
    return f"추진일정 : {phases}"


def budget_line(card: dict[str, Any]) -> str:
    b = budget(card)
    return (f"총사업비 : {b['total']:,}백만 원(국비 {b['national']:,}, 도비 {b['provincial']:,}, "
            f"시군비 {b['municipal']:,})")


def summary_line(card: dict[str, Any]) -> str:
    return f"주요내용 : {card['summary']}"


def period_line(card: dict[str, Any]) -> str:
    start, end = card["period"]["start_year"], card["period"]["end_year"]
    return f"사업기간 : {start}년~{end}년({end - start + 1}년간)"


CIRCLED = "①②③④⑤⑥⑦⑧⑨"


# --- drawing ---------------------------------------------------------------------------------


def generate(out_dir: Path = OUT_DIR) -> list[Path]:
    """Write one PDF per card into `out_dir`, then the scans of them; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    rendered: dict[str, bytes] = {}
    for card in CARDS:
        path = out_dir / card["file"]
        rendered[card["file"]] = render_card(card)
        path.write_bytes(rendered[card["file"]])
        paths.append(path)
    for variant in VARIANTS:
        card = next(c for c in CARDS if c["file"] == variant.card)
        if variant.rotated_funding:
            card = {**card, "goals_pages": [p + 2 for p in card["goals_pages"]]}
        path = out_dir / variant.file
        path.write_bytes(render_card(card, variant))
        paths.append(path)
    for name, card_file in CID_CARDS.items():
        path = out_dir / name
        path.write_bytes(without_unicode_map(rendered[card_file]))
        paths.append(path)
    for scan in SCANS:
        path = out_dir / scan.file
        path.write_bytes(render_scan(scan, rendered[scan.card]))
        paths.append(path)
    return paths


# --- the same cards set differently ------------------------------------------------------------


class Variant(NamedTuple):
    """A card's text-layer PDF as another office's template would set it."""

    file: str
    card: str
    font_path: Path = FONT_PATH
    borders: str = "ALL"
    """fpdf2's TableBordersLayout: ALL, HORIZONTAL_LINES (no vertical rules), NONE, ..."""
    rotated_funding: bool = False
    """The funding table on a page of its own, turned 90 degrees (see _rotated_funding_page);
    the pages after it move down by two."""
    header_fill: bool = True
    """Header and label cells shaded grey; False: plain (nothing marks the header but text)."""
    width_scale: float = 1.0
    """Every table's column widths times this (narrower columns wrap more cells)."""
    table_pt: float = TABLE_PT
    padding_mm: float = 1.2


VARIANTS = [
    Variant("borderless_coastal_tourism.pdf", "card_coastal_tourism.pdf",
            borders="HORIZONTAL_LINES"),
    Variant("myeongjo_smart_farm.pdf", "card_smart_farm.pdf",
            font_path=FONT_PATH.with_name("NanumMyeongjo.ttf")),
    Variant("rotated_table_smart_farm.pdf", "card_smart_farm.pdf", rotated_funding=True),
]


# --- a set of table layouts for measuring table structure -------------------------------------

MYEONGJO = FONT_PATH.with_name("NanumMyeongjo.ttf")
TABLE_SET: list[tuple[str, Variant]] = [
    # (split, variant). The split is by document and fixed before tuning: the reader is tuned
    # on "dev" only and scored on "heldout"; each split mixes both cards and every kind of
    # ruling (fpdf2's TableBordersLayout), with the held-out layouts set in other widths,
    # sizes, paddings and faces than the dev ones (another office's template).
    ("dev", Variant("tables_dev_unruled_plain_smart_farm.pdf", "card_smart_farm.pdf",
                    borders="NONE", header_fill=False)),
    ("dev", Variant("tables_dev_hlines_plain_coastal.pdf", "card_coastal_tourism.pdf",
                    borders="HORIZONTAL_LINES", header_fill=False)),
    ("dev", Variant("tables_dev_narrow_ruled_smart_farm.pdf", "card_smart_farm.pdf",
                    width_scale=0.85, table_pt=8.5)),
    ("dev", Variant("tables_dev_top_line_myeongjo_coastal.pdf", "card_coastal_tourism.pdf",
                    font_path=MYEONGJO, borders="SINGLE_TOP_LINE", header_fill=False)),
    # Added after the first held-out scoring, which showed rule-less shaded headers and
    # fpdf2's MINIMAL ruling failing: their dev examples here, fresh held-out ones below.
    ("dev", Variant("tables_dev_unruled_shaded_coastal.pdf", "card_coastal_tourism.pdf",
                    borders="NONE", width_scale=0.97)),
    ("dev", Variant("tables_dev_minimal_shaded_smart_farm.pdf", "card_smart_farm.pdf",
                    borders="MINIMAL", table_pt=8.5)),
    # Added after the second held-out scoring (column rules only, NO_HORIZONTAL_LINES).
    ("dev", Variant("tables_dev_no_hlines_smart_farm.pdf", "card_smart_farm.pdf",
                    borders="NO_HORIZONTAL_LINES", width_scale=0.95)),
    ("heldout", Variant("tables_ho_unruled_plain_coastal.pdf", "card_coastal_tourism.pdf",
                        borders="NONE", header_fill=False, padding_mm=1.6)),
    ("heldout", Variant("tables_ho_hlines_plain_smart_farm.pdf", "card_smart_farm.pdf",
                        borders="HORIZONTAL_LINES", header_fill=False, width_scale=0.92,
                        table_pt=8.0)),
    ("heldout", Variant("tables_ho_narrow_myeongjo_coastal.pdf", "card_coastal_tourism.pdf",
                        font_path=MYEONGJO, width_scale=0.8, padding_mm=0.9)),
    ("heldout", Variant("tables_ho_unruled_shaded_smart_farm.pdf", "card_smart_farm.pdf",
                        borders="NONE", table_pt=9.5, padding_mm=1.5)),
    ("heldout", Variant("tables_ho_minimal_plain_coastal.pdf", "card_coastal_tourism.pdf",
                        borders="MINIMAL", header_fill=False, width_scale=0.95)),
    ("heldout", Variant("tables_ho2_internal_plain_smart_farm.pdf", "card_smart_farm.pdf",
                        borders="INTERNAL", header_fill=False, padding_mm=1.3)),
    ("heldout", Variant("tables_ho2_no_hlines_shaded_coastal.pdf", "card_coastal_tourism.pdf",
                        font_path=MYEONGJO, borders="NO_HORIZONTAL_LINES", table_pt=8.5)),
    ("heldout", Variant("tables_ho2_unruled_shaded_myeongjo_coastal.pdf",
                        "card_coastal_tourism.pdf", font_path=MYEONGJO, borders="NONE",
                        width_scale=0.9)),
]


# --- a CID font without its Unicode map -----------------------------------------------------

CID_CARDS = {"cid_no_tounicode_smart_farm.pdf": "card_smart_farm.pdf"}
"""The card with its CID font's /ToUnicode map unlinked: what a PDF made by a writer that
subsets Korean fonts without a map looks like to a text extractor (glyph ids, not text)."""


def without_unicode_map(pdf_bytes: bytes) -> bytes:
    # Same length, so the cross-reference offsets stay right; the map is left unreferenced.
    return pdf_bytes.replace(b"/ToUnicode", b"/NoUnicode")


# --- scans of the cards ----------------------------------------------------------------------


class Scan(NamedTuple):
    """A scan of one card as an archive would hold it."""

    file: str
    card: str
    dpi: int
    skew_deg: float
    """Counter-clockwise rotation of the sheet on the scanner glass."""
    blur_px: float
    noise: float
    """Share of pixels flipped to speckle (dust, paper grain)."""
    pages: tuple[int, ...] | None = None
    """Pages of the card to scan (1-based); None: all."""
    bilevel: bool = False
    """Black and white (CCITT G4 TIFF, the archival fax format) instead of grey."""
    garbage_text_layer: bool = False
    """A PDF whose invisible text layer is garbage (a bad OCR run or a broken font map) over
    the page image: the pipeline must notice and OCR the page itself."""


SCANS = [
    Scan("scan_smart_farm_300dpi.pdf", "card_smart_farm.pdf", dpi=300, skew_deg=0.8,
         blur_px=0.7, noise=0.002),
    Scan("scan_coastal_tourism_200dpi.tif", "card_coastal_tourism.pdf", dpi=200,
         skew_deg=-0.6, blur_px=0.5, noise=0.001, bilevel=True),
    Scan("scan_coastal_tourism_p1_300dpi.png", "card_coastal_tourism.pdf", dpi=300,
         skew_deg=0.4, blur_px=0.9, noise=0.002, pages=(1,)),
    Scan("garbled_layer_smart_farm_p1.pdf", "card_smart_farm.pdf", dpi=200, skew_deg=0.0,
         blur_px=0.4, noise=0.0, pages=(1,), garbage_text_layer=True),
]
SCAN_SEED = 20241015
GARBAGE_SYLLABLES_PER_LINE = 30


TABLE_SET_SCANS: list[tuple[str, Scan]] = [
    # (split, scan of a TABLE_SET document): `card` names the document scanned.
    ("dev", Scan("tables_dev_scan_narrow_ruled_smart_farm_250dpi.pdf",
                 "tables_dev_narrow_ruled_smart_farm.pdf", dpi=250, skew_deg=0.5,
                 blur_px=0.6, noise=0.0015)),
    ("dev", Scan("tables_dev_scan_hlines_plain_coastal_300dpi.png",
                 "tables_dev_hlines_plain_coastal.pdf", dpi=300, skew_deg=-0.4, blur_px=0.6,
                 noise=0.001, pages=(1,))),
    ("heldout", Scan("tables_ho_scan_narrow_myeongjo_coastal_300dpi.pdf",
                     "tables_ho_narrow_myeongjo_coastal.pdf", dpi=300, skew_deg=-0.7,
                     blur_px=0.8, noise=0.002)),
    ("heldout", Scan("tables_ho_scan_hlines_plain_smart_farm_300dpi.tif",
                     "tables_ho_hlines_plain_smart_farm.pdf", dpi=300, skew_deg=0.3,
                     blur_px=0.5, noise=0.001, bilevel=True)),
]


def generate_table_set(out_dir: Path, scans: bool = True) -> dict[str, list[Path]]:
    """Write the TABLE_SET cards (and, with `scans`, TABLE_SET_SCANS) into `out_dir`; their
    paths by split. Not samples with goldens: `scripts/eval_tables.py` scores them, and
    tests generate the ones they need."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_split: dict[str, list[Path]] = {}
    for split, variant in TABLE_SET:
        path = out_dir / variant.file
        if not path.exists():
            card = next(c for c in CARDS if c["file"] == variant.card)
            try:
                pdf = render_card(card, variant)
            except RuntimeError:  # taller tables: the goals table moves to a page of its own
                pdf = render_card({**card, "goals_pages": [card["goals_pages"][-1] + 1]},
                                  variant)
            path.write_bytes(pdf)
        by_split.setdefault(split, []).append(path)
    for split, scan in TABLE_SET_SCANS if scans else []:
        path = out_dir / scan.file
        if not path.exists():
            path.write_bytes(render_scan(scan, (out_dir / scan.card).read_bytes()))
        by_split.setdefault(split, []).append(path)
    return by_split


def render_scan(scan: Scan, pdf_bytes: bytes) -> bytes:
    images = [degrade(image, scan, i) for i, image in enumerate(page_images(pdf_bytes, scan))]
    if scan.garbage_text_layer:
        return pdf_with_garbage_layer(images, scan.dpi)
    out = io.BytesIO()
    if scan.file.endswith(".pdf"):
        images[0].save(out, format="PDF", resolution=scan.dpi, save_all=True,
                       append_images=images[1:], creationDate=CREATION_DATE.utctimetuple(),
                       modDate=CREATION_DATE.utctimetuple())
    elif scan.file.endswith(".tif"):
        images[0].save(out, format="TIFF", dpi=(scan.dpi, scan.dpi), save_all=True,
                       append_images=images[1:], compression="group4")
    else:
        images[0].save(out, format="PNG", dpi=(scan.dpi, scan.dpi), optimize=True)
    return out.getvalue()


def page_images(pdf_bytes: bytes, scan: Scan) -> list[Image.Image]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(pdf_bytes)
    numbers = scan.pages or tuple(range(1, len(pdf) + 1))
    images = [pdf[n - 1].render(scale=scan.dpi / 72, grayscale=True).to_pil().convert("L")
              for n in numbers]
    pdf.close()
    return images


def degrade(image: Image.Image, scan: Scan, index: int) -> Image.Image:
    """Skew, blur and speckle a clean page image, reproducibly."""
    import numpy as np
    from PIL import Image, ImageFilter

    image = image.rotate(scan.skew_deg, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if scan.blur_px:
        image = image.filter(ImageFilter.GaussianBlur(scan.blur_px))
    pixels = np.asarray(image).copy()
    rng = np.random.default_rng(SCAN_SEED + index)
    flips = rng.random(pixels.shape) < scan.noise
    pixels[flips] = 255 - pixels[flips]
    image = Image.fromarray(pixels)
    if scan.bilevel:
        image = image.point(lambda v: 255 if v >= 160 else 0).convert("1")
    image.info["dpi"] = (scan.dpi, scan.dpi)
    return image


def pdf_with_garbage_layer(images: list[Image.Image], dpi: int) -> bytes:
    """Each image as a page with invisible text of random syllables over it."""
    import random

    pdf = _new_pdf_bare()
    rng = random.Random(SCAN_SEED)
    for image in images:
        width_mm, height_mm = image.width / dpi * 25.4, image.height / dpi * 25.4
        pdf.add_page(format=(width_mm, height_mm))
        pdf.image(image, x=0, y=0, w=width_mm, h=height_mm)
        pdf.set_font(FONT, size=BODY_PT)
        pdf.text_mode = "INVISIBLE"  # type: ignore[assignment]
        for y in range(20, int(height_mm) - 20, 8):
            garbage = "".join(chr(0xAC00 + rng.randrange(11172))
                              for _ in range(GARBAGE_SYLLABLES_PER_LINE))
            pdf.text(MARGIN_MM, y, garbage)
    return bytes(pdf.output())


def _new_pdf_bare() -> FPDF:
    from fpdf import FPDF

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = FPDF(unit="mm")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_author("gongmun sample generator")
    pdf.set_auto_page_break(False)
    pdf.add_font(FONT, "", str(FONT_PATH))
    return pdf


def render_card(card: dict[str, Any], variant: Variant | None = None) -> bytes:
    pdf = _new_pdf(variant.font_path if variant else FONT_PATH)
    pdf.sample_borders = variant.borders if variant else "ALL"  # type: ignore[attr-defined]
    pdf.sample_variant = variant or Variant("", "")  # type: ignore[attr-defined]
    _title(pdf)
    _table(pdf, header_rows(card), header_spans(), col_widths=(18, 52, 18, 40, 18, 34),
           heading_rows=0, label_cells={(0, 0), (0, 4), (2, 0), (2, 2), (2, 4), (3, 0),
                                        (4, 0), (4, 4)})
    _overview(pdf, card)
    if variant and variant.rotated_funding:
        _rotated_funding_page(pdf, card)
    else:
        _funding(pdf, card)
    _achievements(pdf, card)
    _goals(pdf, card)
    _communication(pdf, card)
    _plans(pdf, card)
    return bytes(pdf.output())


def _new_pdf(font_path: Path = FONT_PATH) -> FPDF:
    from fpdf import FPDF

    # fontTools reports every font table it drops while subsetting; that is expected.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(TITLE)
    pdf.set_author("gongmun sample generator")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=BOTTOM_MARGIN_MM)
    # FONT is the generator's name for the body font; a variant may set it in another face.
    pdf.add_font(FONT, "", str(font_path))
    pdf.add_page()
    return pdf


def _title(pdf: FPDF) -> None:
    pdf.set_font(FONT, size=TITLE_PT)
    pdf.cell(0, 12, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _section(pdf: FPDF, text: str) -> None:
    pdf.ln(SECTION_GAP_MM)
    pdf.set_font(FONT, size=SECTION_PT)
    pdf.multi_cell(0, LINE_MM + 1, f"□ {text}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(ITEM_GAP_MM)


def _line(pdf: FPDF, text: str, level: int = 1, align: str = "L") -> None:
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_x(MARGIN_MM + INDENT_MM[level])
    # An explicit width keeps wrapped lines at the item's indent (w=0 would return to the
    # left margin), as report writers indent a wrapped item.
    pdf.multi_cell(pdf.epw - INDENT_MM[level], LINE_MM, text, align=align, new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(ITEM_GAP_MM)


def _overview(pdf: FPDF, card: dict[str, Any]) -> None:
    _section(pdf, SECTIONS["overview"])
    _line(pdf, f"○ {period_line(card)}")
    _line(pdf, "○ 사업량:")
    for number, item in zip(CIRCLED, card["work_items"], strict=False):
        _line(pdf, f"{number} {work_item_line(item)}", level=2)
        _line(pdf, f"※ {schedule_line(item)}", level=3)
    _line(pdf, f"○ {budget_line(card)}")
    _line(pdf, f"○ {summary_line(card)}")


def _funding(pdf: FPDF, card: dict[str, Any]) -> None:
    _section(pdf, SECTIONS["funding"])
    pdf.set_font(FONT, size=TABLE_PT)
    pdf.cell(0, LINE_MM, f"(단위 : {FUNDING_UNIT})", align="R", new_x="LMARGIN", new_y="NEXT")
    n = len(FUNDING_COLUMNS)
    _table(pdf, funding_rows(card), funding_spans(), col_widths=(22, 23, *([19.2] * n)),
           heading_rows=2, align="C")


def _rotated_funding_page(pdf: FPDF, card: dict[str, Any]) -> None:
    """The funding section on a page of its own, set landscape on the portrait page: drawn
    rotated 90 degrees counter-clockwise about the page's lower left margin corner, so it
    reads bottom to top (a landscape table in a portrait file)."""
    pdf.add_page()
    pdf.set_auto_page_break(False)
    corner_x, corner_y = MARGIN_MM, pdf.h - BOTTOM_MARGIN_MM
    with pdf.rotation(90, x=corner_x, y=corner_y):
        pdf.set_xy(corner_x, corner_y)
        _funding(pdf, card)
    pdf.set_auto_page_break(True, margin=BOTTOM_MARGIN_MM)
    pdf.add_page()


def _achievements(pdf: FPDF, card: dict[str, Any]) -> None:
    _section(pdf, SECTIONS["achievements"])
    _line(pdf, f"《기 추진실적 : {card['achievements_as_of']}》", level=0)
    for marker, text, when in card["achievements"]:
        _line(pdf, f"{marker} {text} : {when}", level=1 if marker == "○" else 2)


def _goals(pdf: FPDF, card: dict[str, Any]) -> None:
    """The goals table; `goals_pages` says where it goes, split between goal groups.

    The page breaks are explicit (not fpdf's automatic ones) so that the tests know where
    the table falls; a part that does not fit on its page is an error, not a silent move.
    """
    pages: list[int] = card["goals_pages"]
    if pdf.page_no() < pages[0]:
        pdf.add_page()
    _line(pdf, f"《{GOALS_HEADING}》", level=0)
    rows, spans = goals_rows(card), goals_spans(card)
    split = goals_split_row(card)
    parts = [(rows[:split], spans)] if split is None else [
        (rows[:split], [s for s in spans if s[0] < split]),
        ([rows[0], *rows[split:]], [(r - split + 1, c, rs, cs) for r, c, rs, cs in spans
                                    if r >= split])]
    for page, (part_rows, part_spans) in zip(pages, parts, strict=True):
        if pdf.page_no() < page:
            pdf.add_page()
        _table(pdf, part_rows, part_spans, col_widths=GOALS_WIDTHS, heading_rows=1)
        if pdf.page_no() != page:
            raise RuntimeError(f"{card['file']}: the goals table does not fit on page {page}; "
                               "shorten the card's text")


def goals_split_row(card: dict[str, Any]) -> int | None:
    """The first row (of `goals_rows`) on the table's second page, or None (one page)."""
    if len(card["goals_pages"]) == 1:
        return None
    groups = card["goals"][: card["goals_split_after"]]
    return 1 + sum(len(goal["targets"]) for goal in groups)


def _communication(pdf: FPDF, card: dict[str, Any]) -> None:
    _section(pdf, SECTIONS["communication"])
    _table(pdf, communication_rows(card), [], col_widths=(20, 40, 30, 30, 30, 30),
           heading_rows=1, align="C")


def _plans(pdf: FPDF, card: dict[str, Any]) -> None:
    _section(pdf, SECTIONS["plans"])
    for marker, text, when in card["plans"]:
        _line(pdf, f"{marker} {text} : {when}")
    pdf.ln(SECTION_GAP_MM)
    _line(pdf, f"- <{EFFECTS_HEADING}> -", level=0, align="C")
    for text in card["expected_effects"]:
        _line(pdf, f"- {text}")


# Spans as (row, col, rowspan, colspan); the reader must find the same.
def header_spans() -> list[tuple[int, int, int, int]]:
    return [(0, 0, 2, 1), (0, 1, 1, 3), (0, 4, 2, 1), (0, 5, 2, 1), (1, 1, 1, 3),
            (3, 1, 1, 5), (4, 1, 1, 3)]


def funding_spans() -> list[tuple[int, int, int, int]]:
    return [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, len(FUNDING_COLUMNS))]


def goals_spans(card: dict[str, Any]) -> list[tuple[int, int, int, int]]:
    spans, row = [], 1
    for goal in card["goals"]:
        rowspan = len(goal["targets"])
        if rowspan > 1:
            spans.append((row, 0, rowspan, 1))
        row += rowspan
    return spans


def _table(pdf: FPDF, rows: list[list[str]], spans: list[tuple[int, int, int, int]],
           col_widths: tuple[float, ...], heading_rows: int, align: str = "L",
           label_cells: set[tuple[int, int]] | None = None) -> None:
    """Draw `rows` as a ruled table; cells covered by a span in `spans` are not drawn."""
    from fpdf.fonts import FontFace

    variant: Variant = getattr(pdf, "sample_variant", None) or Variant("", "")
    col_widths = tuple(w * variant.width_scale for w in col_widths)
    fill = HEADER_FILL if variant.header_fill else None
    starts = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    covered = {(r + dr, c + dc) for r, c, rs, cs in spans
               for dr in range(rs) for dc in range(cs) if dr or dc}
    label_style = FontFace(fill_color=fill)
    pdf.set_font(FONT, size=variant.table_pt)
    with pdf.table(col_widths=col_widths, width=sum(col_widths), num_heading_rows=heading_rows,
                   first_row_as_headings=heading_rows > 0, repeat_headings=1,
                   headings_style=FontFace(emphasis="", fill_color=fill),
                   line_height=variant.table_pt * 0.55, padding=variant.padding_mm,
                   text_align=align,
                   v_align="M", borders_layout=getattr(pdf, "sample_borders", "ALL")) as table:
        for r, cells in enumerate(rows):
            row = table.row()
            for c, text in enumerate(cells):
                if (r, c) in covered:
                    continue
                rowspan, colspan = starts.get((r, c), (1, 1))
                style = label_style if label_cells and (r, c) in label_cells else None
                row.cell(text, rowspan=rowspan, colspan=colspan, style=style)
    pdf.ln(ITEM_GAP_MM)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_DIR
    for written in generate(target):
        print(written)
