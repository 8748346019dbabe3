"""Varied Korean administrative text for the real-OCR corpus: management cards and press
releases written from pools of projects, offices, people and wordings (a seeded RNG), and
the text layers of the real public documents in `shared/real/`.

Nothing here comes from the seeds: the pools below were written for the corpus, and the real
documents are other ministries' and agencies' publications.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from pathlib import Path

REAL_PDFS = (
    "press_release/2025년 2분기 해외직접투자 (최종)-2022.pdf",
    "press_release/table-vpos-01-2022.pdf",
    "work_report/table-complex-2022.pdf",
    "press_release/(250813) (보도자료) 2025년 7월중 가계대출 동향-hwp-2022.pdf",
)
REAL_TEXTS = ("work_report/2022년 국립국어원 업무계획.txt",)
HELDOUT_HWPX = (
    "press_release/(250813) (보도자료) 2025년 7월중 가계대출 동향.hwpx",
    "press_release/mot.hwpx",
    "local_gov_notice/seoul_sihaengmun.hwpx",
)
"""Real documents whose text no one looked at while tuning: all held out (the hash split put
every real PDF/text document in dev, so these were added, unread, to give held-out real text).
Their text comes from the HWPX XML (paragraph runs), not from the project's readers."""


@dataclass(frozen=True)
class SourceDoc:
    doc_id: str
    kind: str
    """`card`, `press` (written for the corpus) or `real` (a public document's text)."""
    lines: list[str]


def find_shared(start: Path) -> Path | None:
    """`shared/` beside the repository (CI) or above the worktree (here)."""
    for parent in [start, *start.parents]:
        if (parent / "shared" / "real").is_dir():
            return parent / "shared"
    return None


# --- pools -----------------------------------------------------------------------------------

PROJECTS = [
    ("수소경제 선도도시 조성", "수소", "충전소", "개소"),
    ("스마트팜 혁신밸리 구축", "스마트팜", "온실", "동"),
    ("해양관광 거점 조성", "해양관광", "마리나", "개소"),
    ("산림휴양 복합단지 조성", "산림휴양", "숲길", "km"),
    ("청년 창업 지원 확대", "청년창업", "창업기업", "개사"),
    ("공공 산후조리원 설치", "산후조리", "조리원", "개소"),
    ("농산물 공동물류센터 건립", "농산물물류", "물류센터", "개소"),
    ("바이오헬스 클러스터 육성", "바이오헬스", "입주기업", "개사"),
    ("드론 산업 특구 지정", "드론", "실증과제", "건"),
    ("전통시장 현대화 지원", "전통시장", "시장", "곳"),
    ("광역 교통망 확충", "교통망", "정류장", "개소"),
    ("탄소중립 에너지 전환", "탄소중립", "태양광 설비", "MW"),
    ("어린이 놀이공간 확충", "놀이공간", "놀이터", "개소"),
    ("반도체 인력양성 센터 설립", "반도체", "교육생", "명"),
    ("관광 케이블카 설치", "케이블카", "정류장", "개소"),
    ("폐광지역 대체산업 육성", "폐광지역", "대체산업", "건"),
    ("농촌 빈집 정비", "빈집 정비", "빈집", "동"),
    ("의료 취약지 원격진료 확대", "원격진료", "보건지소", "곳"),
    ("지역 대학 연계 일자리 창출", "일자리", "채용", "명"),
    ("하천 생태복원 사업", "생태복원", "하천", "km"),
    ("노인 일자리 확대", "노인일자리", "참여자", "명"),
    ("문화예술 거점 공간 조성", "문화예술", "창작공간", "개소"),
    ("스마트 축산단지 조성", "스마트축산", "축사", "동"),
    ("소상공인 경영안정 지원", "소상공인", "융자", "건"),
    ("수산물 가공단지 조성", "수산가공", "가공공장", "개소"),
    ("체육시설 확충", "체육시설", "체육관", "개소"),
    ("재난안전 통합관제 구축", "재난안전", "관제센터", "개소"),
    ("데이터센터 유치", "데이터센터", "서버", "대"),
    ("전기차 충전 인프라 확충", "전기차", "충전기", "기"),
    ("국가정원 조성", "정원", "정원", "ha"),
]
DEPARTMENTS = ["경제정책과", "미래산업과", "농업정책과", "해양수산과", "산림정책과", "관광정책과",
               "복지정책과", "보건정책과", "교통정책과", "기후에너지과", "문화예술과", "체육과",
               "일자리과", "투자유치과", "건설교통과", "안전정책과", "소상공인과", "축산과",
               "여성가족과", "교육협력과", "환경정책과", "수소산업과", "첨단산업과"]
SURNAMES = "김이박최정강조윤장임한오서신권황안송전홍유고문양손배백허남심노하곽성차주우구민진나류"
GIVEN = ["민준", "서연", "도윤", "지우", "현우", "수빈", "예준", "하은", "준호", "은지", "성민",
         "지훈", "영희", "동현", "미경", "상철", "혜진", "재원", "소영", "태호", "경수", "정아"]
CITIES = ["춘천시", "원주시", "강릉시", "동해시", "태백시", "속초시", "삼척시", "홍천군", "횡성군",
          "영월군", "평창군", "정선군", "철원군", "화천군", "양구군", "인제군", "고성군", "양양군",
          "청주시", "충주시", "제천시", "천안시", "공주시", "전주시", "군산시", "여수시", "순천시",
          "포항시", "경주시", "안동시", "창원시", "진주시", "통영시", "제주시", "서귀포시"]
AGENCIES = ["산업통상자원부", "농림축산식품부", "해양수산부", "산림청", "국토교통부", "보건복지부",
            "과학기술정보통신부", "환경부", "문화체육관광부", "행정안전부", "중소벤처기업부",
            "고용노동부", "기획재정부", "한국관광공사", "한국농어촌공사", "한국산업기술진흥원"]
STATUS = ["완료", "추진중", "미착수", "추진중(정상)", "추진중(지연)", "정상 추진"]
ACTIONS = [
    "기본계획 수립", "타당성 조사 용역 착수", "실시설계 완료", "부지 매입 완료", "착공",
    "준공", "업무협약 체결", "공모 선정", "국비 확보", "중앙투자심사 통과", "예비타당성 조사 통과",
    "설명회 개최", "주민 공청회 개최", "입찰 공고", "사업자 선정", "보상 협의 완료", "인허가 완료",
    "시범 운영 개시", "시설 개소", "조례 제정", "전문가 자문회의 개최", "실증 착수",
    "환경영향평가 협의", "지방재정 투자심사 승인", "기업 유치", "교육과정 운영",
]
ISSUES = [
    "부지 보상 지연으로 착공 일정 조정 필요", "국비 확보를 위한 중앙부처 협의 강화",
    "주민 반대 민원 해소를 위한 협의체 운영", "사업비 증액에 따른 재원 분담 협의 필요",
    "관계기관 협의 결과에 따라 사업계획 변경 검토", "전문 인력 확보 방안 마련 필요",
    "원자재 가격 상승에 따른 공사비 재산정", "환경영향평가 보완 요구 대응",
]
PLAN_VERBS = ["추진", "완료", "착수", "개최", "확대", "지원", "운영", "마무리", "협의", "검토"]
QUOTE_VERBS = ["밝혔다", "말했다", "강조했다", "전했다", "설명했다"]
ROLES = ["도지사", "부지사", "국장", "과장", "시장", "군수", "원장", "센터장", "이사장"]


def josa(word: str, pair: str) -> str:
    """`word` with the particle of `pair` ("을/를", "과/와", "이/가", "은/는") that fits its
    last syllable (a final consonant takes the first)."""
    with_final, without = pair.split("/")
    last = word[-1]
    has_final = "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 != 0
    return word + (with_final if has_final else without)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _money(rng: random.Random) -> int:
    return rng.choice([5, 8, 12, 30, 45, 60, 120, 250, 480]) * rng.choice([10, 100, 1000])


def _ym(rng: random.Random) -> str:
    return f"'{rng.randint(20, 25)}. {rng.randint(1, 12)}월"


def write_card(rng: random.Random, n: int) -> SourceDoc:
    project, topic, facility, counter = rng.choice(PROJECTS)
    dept, coop = rng.sample(DEPARTMENTS, 2)
    city = rng.choice(CITIES)
    start = rng.randint(2020, 2025)
    years = rng.randint(3, 6)
    lines = [rng.choice(["도지사 공약사업 관리카드", "민선 8기 공약사업 관리카드",
                         "공약 이행 관리카드", "시장 공약사업 추진 관리카드"]),
             f"공약명 {project}  관리번호 {rng.randint(1, 9)}-{rng.randint(1, 20)}-{rng.randint(1, 9)}",
             f"추진부서 {dept}  담당자 {_name(rng)}  전화번호 {rng.randint(2000, 4999)}",
             f"협조부서 {coop}  추진상황 {rng.choice(STATUS)}",
             "□ 사업개요",
             f"○ 사업기간 : {start}년~{start + years - 1}년({years}년간)",
             f"○ 사업량 : {facility} {rng.randint(1, 40)}{counter} {rng.choice(['조성', '구축', '설치', '지원'])}",
             f"○ 사업위치 : {city} 일원",
             ]
    total = _money(rng)
    shares = [total * p // 100 for p in rng.choice([(50, 30, 20), (70, 15, 15), (40, 40, 20),
                                                     (60, 20, 20)])]
    shares[-1] = total - shares[0] - shares[1]
    lines.append(f"○ 총사업비 : {total:,}백만 원(국비 {shares[0]:,}, 도비 {shares[1]:,}, "
                 f"시군비 {shares[2]:,})")
    lines.append(f"○ 주요내용 : {topic} {rng.choice(['기반 조성', '생태계 구축', '거점 확충', '경쟁력 강화'])} "
                 f"및 {rng.choice(['지역경제 활성화', '주민 삶의 질 향상', '일자리 창출', '관광객 유치'])}")
    lines.append("□ 재원투자 실적 및 계획 (단위 : 백만 원)")
    yrs = [start + k for k in range(min(years, 4))]
    lines.append("구분 총사업비 " + " ".join(f"{y}년" for y in yrs))
    for label, amount in zip(["계", "국비", "도비", "시군비"], [total, *shares], strict=True):
        parts = [amount * w // 10 for w in (2, 3, 3)]
        parts.append(amount - sum(parts))
        lines.append(f"{label} {amount:,} " + " ".join(f"{p:,}" for p in parts[:len(yrs)]))
    lines.append("□ 추진실적(성과)")
    for _ in range(rng.randint(4, 8)):
        action = rng.choice(ACTIONS)
        extra = rng.choice(["", f"({rng.randint(1, 12)}건)", f"({rng.choice(AGENCIES)})",
                            f"({city})", f"({rng.randint(1, 5)}회)"])
        lines.append(f"{rng.choice(['○', '-'])} {topic} {action}{extra} : {_ym(rng)}")
    lines.append("□ 향후계획")
    for _ in range(rng.randint(2, 4)):
        lines.append(f"○ {facility} {rng.choice(ACTIONS)} {rng.choice(PLAN_VERBS)} : "
                     f"'{rng.randint(25, 27)}. {rng.randint(1, 4)}분기")
    lines.append("□ 문제점 및 대책")
    lines.append(f"○ {rng.choice(ISSUES)}")
    return SourceDoc(f"card{n:03d}", "card", lines)


def write_press(rng: random.Random, n: int) -> SourceDoc:
    project, topic, facility, counter = rng.choice(PROJECTS)
    city = rng.choice(CITIES)
    agency = rng.choice(AGENCIES)
    dept = rng.choice(DEPARTMENTS)
    budget = rng.randint(3, 900)
    unit = rng.choice(["억 원", "억원", "백만 원"])
    official = _name(rng)
    lines = [
        rng.choice(["보도자료", "보 도 자 료", "[보도자료]"]),
        f"배포일시 20{rng.randint(22, 25)}. {rng.randint(1, 12)}. {rng.randint(1, 28)}.  담당부서 {dept}",
        f"담당자 {_name(rng)} 주무관 (033-{rng.randint(200, 299)}-{rng.randint(1000, 9999)})",
        f"{city}, {project} {rng.choice(['본격 추진', '첫 삽', '공모 선정', '성과 가시화'])}",
        f"- {agency} 공모에 선정되어 {rng.choice(['국비', '사업비'])} {budget}{unit} 확보 -",
        f"{josa(city, '은/는')} {rng.randint(1, 12)}월 {rng.randint(1, 28)}일 {josa(agency, '이/가')} 주관하는 "
        f"{topic} 공모사업에 최종 선정되었다고 밝혔다.",
        f"이번 사업은 {rng.randint(2024, 2026)}년부터 {rng.randint(2, 5)}년간 총사업비 "
        f"{josa(str(budget * rng.randint(2, 3)) + unit, '을/를')} 투입해 {facility} {josa(str(rng.randint(2, 30)) + counter, '을/를')} "
        f"{rng.choice(['조성', '구축', '설치'])}하는 내용이다.",
        f"시는 그동안 {josa(rng.choice(ACTIONS), '과/와')} {josa(rng.choice(ACTIONS), '을/를')} 거쳐 사업 준비를 마쳤으며, "
        f"올해 하반기에 {rng.choice(['착공', '실시설계', '사업자 선정'])}에 들어갈 계획이다.",
        f"특히 {topic} 분야 기업 {rng.randint(5, 60)}곳과 협력해 일자리 {rng.randint(30, 900)}개를 "
        f"창출하고, 생산유발 효과 {rng.randint(100, 3000)}억 원을 기대하고 있다.",
        f"{official} {josa(rng.choice(ROLES), '은/는')} \"{topic} 경쟁력을 높이는 계기가 될 것\"이라며 "
        f"\"주민과 함께 성공적으로 추진하겠다\"고 {rng.choice(QUOTE_VERBS)}.",
        f"한편 {josa(city, '은/는')} 지난해 {josa(rng.choice(ACTIONS), '을/를')} 마쳤으며, 내년에는 "
        f"{rng.choice(['관련 조례 제정', '전담 조직 신설', '추가 공모 도전'])}도 추진한다.",
        f"※ 문의 : {dept} {_name(rng)} 팀장 (033-{rng.randint(200, 299)}-{rng.randint(1000, 9999)})",
    ]
    return SourceDoc(f"press{n:03d}", "press", lines)


def real_docs(shared: Path | None) -> list[SourceDoc]:
    """The text layers of the real PDFs and the work report's text, line by line."""
    if shared is None:
        return []
    import pdfplumber

    docs: list[SourceDoc] = []
    for k, rel in enumerate(REAL_PDFS):
        path = shared / "real" / rel
        if not path.exists():
            continue
        lines: list[str] = []
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[:6]:
                lines += (page.extract_text() or "").splitlines()
        if lines:
            docs.append(SourceDoc(f"real_pdf{k}", "real", _usable(lines)))
    for k, rel in enumerate(REAL_TEXTS):
        path = shared / "real" / rel
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            docs.append(SourceDoc(f"real_txt{k}", "real", _usable(text.splitlines())))
    return docs


def hwpx_docs(shared: Path | None) -> list[SourceDoc]:
    import zipfile

    if shared is None:
        return []
    docs: list[SourceDoc] = []
    for k, rel in enumerate(HELDOUT_HWPX):
        path = shared / "real" / rel
        if not path.exists():
            continue
        lines: list[str] = []
        with zipfile.ZipFile(path) as z:
            for name in sorted(n for n in z.namelist() if n.startswith("Contents/section")):
                xml = z.read(name).decode("utf-8", "replace")
                for para in re.findall(r"<hp:p\b.*?</hp:p>", xml, flags=re.S):
                    text = "".join(re.findall(r"<hp:t>([^<]*)</hp:t>", para))
                    lines.append(html.unescape(text))
        docs.append(SourceDoc(f"real_hwpx{k}", "real", _usable(lines)))
    return docs


def _usable(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = re.sub(r"\s+", " ", line).strip()
        if len(line) >= 4 and re.search(r"[가-힣]", line):
            out.append(line)
    return out


def corpus_docs(n_cards: int, n_press: int, seed: int, shared: Path | None) -> list[SourceDoc]:
    rng = random.Random(seed)
    docs = [write_card(rng, k) for k in range(n_cards)]
    docs += [write_press(rng, k) for k in range(n_press)]
    return docs + real_docs(shared)
