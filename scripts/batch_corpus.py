"""A generated corpus of management cards and press releases, for the batch tests and the bench.

Each document is a variation of the forms in the seed samples (different management numbers,
departments, amounts, dates and items), as OCR-style text or as a PDF drawn with fpdf2 and a
Korean font. Document `i` depends only on `(seed, i)`, so the first 100 documents of a
500-document corpus are the 100-document corpus.

    python scripts/batch_corpus.py OUT_DIR 500 [--kinds text_card,pdf_card,text_press,pdf_press]
"""

from __future__ import annotations

import argparse
import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KOREAN_FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")
KINDS = ("text_card", "pdf_card", "text_press", "pdf_press")
TEXT_KINDS = ("text_card", "text_press")
# The bench mix: mostly cards (the documents the project exists for), a PDF share large
# enough that pages/s means something.
DEFAULT_WEIGHTS = {"text_card": 35, "pdf_card": 25, "text_press": 25, "pdf_press": 15}
TERM_YEARS = (2022, 2023, 2024, 2025, 2026)  # the governor's term: the funding table's columns

PLEDGES = [
    ("데이터산업 수도 육성", "데이터 활용 의료·건강 생태계 조성"),
    ("수소경제 선도 도시 조성", "액화수소 산업 클러스터 구축"),
    ("반도체 교육센터 구축", "지역 인재 양성"),
    ("스마트 농업 확산", "청년 스마트팜 보급"),
    ("관광 활성화 기반 구축", "동해안 해양관광 벨트 조성"),
    ("바이오헬스 산업 육성", "의료기기 실증 지원"),
    ("산림 휴양 인프라 확충", "치유의 숲 조성"),
    ("교통 복지 확대", "농어촌 수요응답형 버스 도입"),
]
DEPARTMENTS = ["디지털산업과", "미래산업과", "바이오헬스과", "관광정책과", "농업정책과",
               "산림과", "교통정책과", "에너지과", "일자리과", "복지정책과"]
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = "민서준현지우도윤하은수빈예진성호영재경규태희선아"
STATUSES = ["추진중(정상)", "추진중(정상)", "추진중(지연)", "완료", "미착수"]
ACTIVITIES = [
    "기본계획 수립", "타당성 조사 용역 착수", "중앙투자심사 승인", "업무협약 체결",
    "사업설명회 개최", "실시설계 완료", "공모사업 선정", "국비 확보", "착공식 개최",
    "시범운영 개시", "성과보고회 개최", "전문가 자문회의 개최", "주민설명회 개최",
    "운영기관 선정", "연차평가 완료", "세미나 개최", "실증과제 협약 체결",
]
EFFECTS = [
    "지역 산업 생태계 조성을 통한 일자리 창출",
    "도민 삶의 질 향상과 지역 균형 발전",
    "관련 기업 유치 및 정착으로 지역 경제 활성화",
    "전문 인력 양성으로 지역 경쟁력 강화",
]
OUTLETS = ["뉴스스텝", "강원일보", "강원도민일보", "연합뉴스"]


@dataclass
class Funding:
    """One source's row of the 재원투자 table, in 백만 원."""

    label: str
    prior: int
    by_year: dict[int, int]
    after_term: int

    @property
    def total(self) -> int:
        return self.prior + sum(self.by_year.values()) + self.after_term


@dataclass
class CardSpec:
    management_no: str
    pledge: str
    subtitle: str
    department: str
    cooperating: str
    officer: str
    phone: str
    status: str
    start_year: int
    end_year: int
    funding: list[Funding]
    achievements: list[tuple[str, int, int]]  # (text, year, month)
    plans: list[tuple[str, int, int]]
    effects: list[str] = field(default_factory=list)


@dataclass
class PressSpec:
    headline: str
    subheadline: str
    outlet: str
    reporter: str
    published: str  # "2025-12-08 15:20:46"
    paragraphs: list[str]


# --- specs --------------------------------------------------------------------------------


def management_no(index: int) -> str:
    """Unique for every index: 5 goals x 20 pledges per hundred, then the third part grows."""
    return f"{1 + index % 5}-{1 + (index // 5) % 20}-{1 + index // 100}"


def card_spec(rng: random.Random, index: int) -> CardSpec:
    pledge, subtitle = rng.choice(PLEDGES)
    start = rng.choice([2022, 2023, 2024])
    end = start + rng.randint(2, 5)
    return CardSpec(
        management_no=management_no(index), pledge=pledge, subtitle=subtitle,
        department=rng.choice(DEPARTMENTS), cooperating=rng.choice(DEPARTMENTS),
        officer=person(rng), phone=str(rng.randint(2000, 2999)),
        status=rng.choice(STATUSES), start_year=start, end_year=end,
        funding=funding_rows(rng, start, end),
        achievements=dated_items(rng, rng.randint(3, 8), 2022, 2024),
        plans=dated_items(rng, rng.randint(2, 4), 2025, 2025),
        effects=rng.sample(EFFECTS, 2),
    )


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def funding_rows(rng: random.Random, start: int, end: int) -> list[Funding]:
    years = [y for y in TERM_YEARS if start <= y <= end]
    rows = []
    for label in ("국 비", "도 비", "시군비"):
        scale = rng.choice([100, 500, 1000])
        by_year = {y: rng.randint(1, 20) * scale if y in years else 0 for y in TERM_YEARS}
        after = rng.randint(0, 10) * scale if end > TERM_YEARS[-1] else 0
        rows.append(Funding(label, 0, by_year, after))
    rows.append(Funding("기 타", 0, dict.fromkeys(TERM_YEARS, 0), 0))
    return rows


def dated_items(rng: random.Random, count: int, first: int, last: int
                ) -> list[tuple[str, int, int]]:
    items = [(rng.choice(ACTIVITIES), rng.randint(first, last), rng.randint(1, 12))
             for _ in range(count)]
    return sorted(items, key=lambda item: (item[1], item[2]))


def press_spec(rng: random.Random, index: int) -> PressSpec:
    pledge, subtitle = rng.choice(PLEDGES)
    total = rng.randint(1, 60) * 100
    project = rng.randint(1, 9) * 50
    year = rng.choice([2024, 2025])
    reporter = person(rng)
    governor = "김진태"
    paragraphs = [
        f"[{rng.choice(OUTLETS)}] 강원특별자치도는 총 {total:,}억 원 규모의 '{pledge}' 사업이 "
        f"{year + 1}년 정부예산에 반영됨에 따라 본격적인 추진에 들어간다고 밝혔다.",
        f"해당 사업은 '{subtitle}(’{(year + 1) % 100}~’{(year + 5) % 100}년, {project}억)'으로 "
        "지역 국회의원들과의 긴밀한 협력으로 예산에 반영됐다.",
        f"도는 올해 {rng.randint(1, 12)}월부터 기본계획 수립에 착수했으며, 내년에는 "
        f"{rng.randint(5, 30)}개 세부 과제별 추진 전략을 구체화할 예정이다.",
        f"{governor} 지사는 “이번 사업은 강원의 미래 성장동력을 확보하는 계기가 될 것”이라며 "
        "“도민이 체감할 수 있는 성과를 내겠다”고 말했다.",
        f"기사번호 {index:06d}",
    ]
    return PressSpec(
        headline=f"강원특별자치도, {pledge} 본격 추진…{total:,}억 원 투입",
        subheadline=f"{subtitle} 예산 {project}억 확보",
        outlet=rng.choice(OUTLETS), reporter=reporter,
        published=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                  f"{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00",
        paragraphs=paragraphs,
    )


# --- text renderings (OCR/markdown style, like the seeds) ---------------------------------


def short_date(year: int, month: int) -> str:
    return f"'{year % 100:02d}. {month}월"


def card_text(card: CardSpec) -> str:
    total = sum(f.total for f in card.funding)
    national, provincial, municipal = (f.total for f in card.funding[:3])
    lines = [
        "# 도지사 공약사업 관리카드", "",
        f"공 약 명\t{card.pledge}\t\t\t\t관리번호\t{card.management_no}",
        f"\t({card.subtitle})\t\t\t\t\t",
        f"추진부서\t{card.department}\t담당자 {card.officer}\t\t전화번호\t{card.phone}",
        f"협조부서\t{card.cooperating}\t\t\t\t\t",
        f"실천목표\t임기 내 완료\t\t추진상황\t{card.status}\t\t", "",
        "### □ 사업개요", "",
        f"○ 사업기간 : {card.start_year}년~{card.end_year}년"
        f"({card.end_year - card.start_year + 1}년간)", "",
        f"○ 총사업비 : {total:,}백만 원(국비 {national:,}, 도비 {provincial:,}, "
        f"시군비 {municipal:,})", "",
        f"○ 주요내용 : {card.subtitle} 및 {card.pledge}", "",
        *funding_text(card.funding),
        "# □ 추진실적(성과)", "",
        "### 《기 추진실적 : '24. 3분기 기준 누계》", "",
        *[f"○ {text} : {short_date(y, m)}" for text, y, m in card.achievements], "",
        "# □ 도민소통 실적", "",
        "계\t주민간담회, 공청회 등\t만족도 조사\t민간전문가 자문\t언론, 방송\t기타",
        "3\t1\t\t1\t1\t", "",
        "### □ 향후계획", "",
        *[f"- {text} : {short_date(y, m)}" for text, y, m in card.plans], "",
        "### - <기대효과> -", "",
        *[f"- {effect}" for effect in card.effects],
    ]
    return "\n".join(lines) + "\n"


def funding_cells(row: Funding, blank_zero: bool) -> list[str]:
    values = [row.total, row.prior, *row.by_year.values(), row.after_term]
    return [f"{v:,}" if v or not blank_zero else "" for v in values]


def funding_sum(rows: Sequence[Funding]) -> Funding:
    by_year = {y: sum(r.by_year[y] for r in rows) for y in TERM_YEARS}
    return Funding("계", sum(r.prior for r in rows), by_year, sum(r.after_term for r in rows))


def funding_text(rows: list[Funding]) -> list[str]:
    total = funding_sum(rows)
    header = ["구 분", "총사업비", "기투자", *[f"{y}년" for y in TERM_YEARS], "임기이후"]
    return [
        "## □ 재원투자 실적 및 계획", "", "(단위 : 백만 원)", "",
        "구 분\t총사업비\t연도별 투자 실적 및 계획" + "\t" * (len(header) - 3),
        "\t".join(["", "", *header[2:]]),
        "\t".join([total.label, *funding_cells(total, blank_zero=False)]),
        *["\t".join([r.label, *funding_cells(r, blank_zero=True)]) for r in rows], "",
    ]


def press_text(press: PressSpec) -> str:
    lines = [
        press.headline, "",
        f"{press.reporter} 기자 / 기사승인 : {press.published}", "",
        press.subheadline, "",
        *[p + "\n" for p in press.paragraphs],
        f"<저작권자 © {press.outlet}, 무단 전재 및 재배포 금지>",
    ]
    return "\n".join(lines) + "\n"


# --- PDF renderings -----------------------------------------------------------------------


def new_pdf() -> Any:
    from fpdf import FPDF

    # fontTools reports every font table it cannot subset; harmless and noisy.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    pdf = FPDF(format="A4")
    pdf.add_font("Nanum", fname=str(KOREAN_FONT))
    bold = KOREAN_FONT.with_name("NanumGothicBold.ttf")
    pdf.add_font("Nanum", style="B", fname=str(bold if bold.exists() else KOREAN_FONT))
    pdf.set_font("Nanum", size=10)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


def card_pdf(card: CardSpec) -> bytes:
    pdf = new_pdf()
    pdf.set_font("Nanum", size=16)
    pdf.cell(0, 12, "도지사 공약사업 관리카드", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Nanum", size=9)
    pdf_table(pdf, [
        ["공약명", card.pledge, "관리번호", card.management_no],
        ["", f"({card.subtitle})", "", ""],
        ["추진부서", card.department, "담당자", card.officer],
        ["협조부서", card.cooperating, "전화번호", card.phone],
        ["실천목표", "임기 내 완료", "추진상황", card.status],
    ])
    total = sum(f.total for f in card.funding)
    national, provincial, municipal = (f.total for f in card.funding[:3])
    paragraphs(pdf, ["□ 사업개요",
                     f"○ 사업기간 : {card.start_year}년~{card.end_year}년",
                     f"○ 총사업비 : {total:,}백만 원(국비 {national:,}, 도비 {provincial:,}, "
                     f"시군비 {municipal:,})",
                     f"○ 주요내용 : {card.subtitle} 및 {card.pledge}",
                     "□ 재원투자 실적 및 계획", "(단위 : 백만 원)"])
    head = ["구분", "총사업비", "기투자", *[f"{y}년" for y in TERM_YEARS], "임기이후"]
    pdf_table(pdf, [head,
                    [ "계", *funding_cells(funding_sum(card.funding), blank_zero=False)],
                    *[[r.label.replace(" ", ""), *funding_cells(r, blank_zero=True)]
                      for r in card.funding]])
    pdf.add_page()  # real cards run over two or more pages: 실적 and 계획 on the next
    paragraphs(pdf, ["□ 추진실적(성과)",
                     *[f"○ {t} : {short_date(y, m)}" for t, y, m in card.achievements],
                     "□ 향후계획",
                     *[f"- {t} : {short_date(y, m)}" for t, y, m in card.plans],
                     "□ 기대효과", *[f"- {e}" for e in card.effects]])
    return bytes(pdf.output())


def press_pdf(press: PressSpec) -> bytes:
    pdf = new_pdf()
    pdf.set_font("Nanum", size=14)
    pdf.multi_cell(0, 8, press.headline, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Nanum", size=10)
    paragraphs(pdf, [press.subheadline, f"{press.reporter} 기자 / 기사승인 : {press.published}",
                     *press.paragraphs])
    return bytes(pdf.output())


def pdf_table(pdf: Any, rows: list[list[str]]) -> None:
    with pdf.table(line_height=6, text_align="CENTER") as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)


def paragraphs(pdf: Any, texts: Iterable[str]) -> None:
    for text in texts:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


# --- the corpus ---------------------------------------------------------------------------


def kind_of(rng: random.Random, kinds: Sequence[str]) -> str:
    weights = [DEFAULT_WEIGHTS[k] for k in kinds]
    return rng.choices(list(kinds), weights=weights)[0]


def render(index: int, seed: int, kinds: Sequence[str]) -> tuple[str, bytes]:
    """Document `index`: its relative path and bytes."""
    rng = random.Random(f"{seed}:{index}")
    kind = kind_of(rng, kinds)
    if kind.endswith("card"):
        card = card_spec(rng, index)
        stem = f"cards/{index // 100:03d}/card_{index:05d}_{card.management_no}"
        if kind == "pdf_card":
            return f"{stem}.pdf", card_pdf(card)
        return f"{stem}.txt", card_text(card).encode("utf-8")
    press = press_spec(rng, index)
    stem = f"press/{index // 100:03d}/press_{index:05d}"
    if kind == "pdf_press":
        return f"{stem}.pdf", press_pdf(press)
    return f"{stem}.txt", press_text(press).encode("utf-8")


def make_corpus(out_dir: str | Path, count: int, *, seed: int = 0,
                kinds: Sequence[str] = KINDS) -> list[Path]:
    """Write `count` documents under `out_dir` (skipping those already there); their paths."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown document kinds: {sorted(unknown)}; choose from {KINDS}")
    root = Path(out_dir)
    paths = []
    for index in range(count):
        rel, data = render(index, seed, kinds)
        path = root / rel
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_bytes_atomic(path, data)
        paths.append(path)
    return paths


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    # A generator killed half-way must not leave a truncated document for the next run.
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help=f"comma-separated subset of {','.join(KINDS)}")
    args = parser.parse_args(argv)
    paths = make_corpus(args.out_dir, args.count, seed=args.seed, kinds=args.kinds.split(","))
    print(f"{len(paths)} documents in {args.out_dir}")


if __name__ == "__main__":
    main()
