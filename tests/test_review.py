"""The review site as files: what `gongmun review` writes (the browser tests load it)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from recordmaker import MILLION, card_record, write_record
from reviewdata import GONE, GONE_PAGE, HOSTILE, build_out
from typer.testing import CliRunner

from gongmun.cli import app
from gongmun.review import BOX_PAD_PT, build_site, funding_view
from gongmun.schemas.models import Provenance

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("review")
    out = build_out(tmp)
    return build_site(out, root=tmp).parent


def doc_page(site: Path, stem: str) -> str:
    return (site / "docs" / f"{stem}.html").read_text("utf-8")


def test_index_lists_worst_first(site: Path) -> None:
    index = (site / "index.html").read_text("utf-8")
    statuses = re.findall(r'data-status="([^"]+)"', index)
    # the batch's failed input and the unreadable record, then the card whose funding does
    # not add up, then the rest
    assert statuses[:3] == ["error", "error", "failed check"]
    assert "in/broken.pdf" in index and "not a PDF (truncated)" in index
    assert "garbled.txt.json" in index and "record unreadable" in index
    links = [unquote(link) for link in re.findall(r'href="docs/([^"]+)\.html"', index)]
    assert links[0] == "forest_bad.md"
    assert set(links) == {"forest_bad.md", "card_smart_farm.pdf", GONE_PAGE}


def test_pdf_pages_are_rendered_with_boxes(site: Path) -> None:
    pages = sorted((site / "pages" / "card_smart_farm.pdf").glob("p*.png"))
    assert [p.name for p in pages] == ["p1.png", "p2.png"]
    from PIL import Image

    with Image.open(pages[0]) as image:
        # A4 at the render scale: 595 x 842 pt x 1.5
        assert abs(image.width - 893) <= 2 and abs(image.height - 1263) <= 2
    html = doc_page(site, "card_smart_farm.pdf")
    assert re.search(r'class="box box-field" id="m\d+" href="#f-management_no"', html)
    assert 'href="#t-t2"' in html  # the funding table's box


def test_text_source_is_shown_by_line_with_marks(site: Path) -> None:
    html = doc_page(site, "forest_bad.md")
    line3 = re.search(r'<li id="L3".*?</li>', html, re.S)
    assert line3 is not None
    assert "관리번호" in line3.group(0) and 'href="#f-management_no"' in line3.group(0)
    assert '<mark class="hl hl-field">1-03-5</mark>' in line3.group(0)


def test_failed_cross_foot_cells_are_marked_with_their_sums(site: Path) -> None:
    html = doc_page(site, "forest_bad.md")
    failed = re.findall(r'<td class="failed"[^>]*>([^<]*)<span class="sum">([^<]*)</span>', html)
    # 계 2024 says 70, its parts add up to 71; 국비's years add up to 151, its total says 150
    assert ("70", "✗ 국비+도비+시군비 = 71") in failed
    assert ("150", "✗ 기투자+연도별+임기이후 = 151") in failed
    assert len(failed) == 2
    assert "sources_sum_to_total:2024" in html


def test_record_text_is_escaped(site: Path) -> None:
    html = doc_page(site, GONE_PAGE)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    index = (site / "index.html").read_text("utf-8")
    assert "<script>alert" not in index
    assert HOSTILE not in index


def test_missing_source_still_shows_the_record(site: Path) -> None:
    html = doc_page(site, GONE_PAGE)
    assert f"The source file was not found (in/{GONE})" in html
    assert "시업화 → 사업화" in html  # its correction, from the record alone
    assert "&lt;/dd&gt;&lt;/dl&gt;&lt;script&gt;alert(2)" in html
    assert 'id="f-management_no"' in html


def test_nothing_is_fetched_from_the_network(site: Path) -> None:
    for page in [site / "index.html", *(site / "docs").glob("*.html")]:
        html = page.read_text("utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', html), page
    css = (site / "assets" / "review.css").read_text("utf-8")
    assert "url(" not in css  # fonts by local() name only


def test_funding_view_marks_only_failed_cells() -> None:
    record = card_record("x.txt", national={"2023": 9000, "2024": 6000})
    assert record.card is not None
    funding = record.card.funding.model_dump(mode="json")
    funding["rows"][1]["by_year_krw"]["2024"] = 6001 * MILLION  # 국비 2024 off by one
    checks = [{"name": "sources_sum_to_total:2024", "ok": False, "detail": "..."},
              {"name": "sources_sum_to_total:2023", "ok": True, "detail": "..."}]
    view = funding_view(funding, checks)
    assert view is not None
    marked = [(label, view.columns[i], cell.note) for label, cells in view.rows
              for i, cell in enumerate(cells) if cell.failed]
    assert marked == [("계", "2024년", "국비+도비 = 6,091")]


def test_cli_review_writes_the_site_and_reports_bad_folders(tmp_path: Path) -> None:
    write_record(tmp_path / "out", "a.txt", card_record("a.txt"))
    runner = CliRunner()
    result = runner.invoke(app, ["review", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip()) == tmp_path / "out" / "review" / "index.html"
    assert (tmp_path / "out" / "review" / "docs" / "a.txt.html").is_file()
    (tmp_path / "empty").mkdir()
    for bad in (tmp_path / "missing", tmp_path / "empty"):
        result = runner.invoke(app, ["review", str(bad)])
        assert result.exit_code == 1
        assert result.output.startswith(f"error: {bad}: ")
        assert len(result.output.strip().splitlines()) == 1


def test_html_source_fields_are_placed_by_their_text(tmp_path: Path) -> None:
    """HTML gives no lines or boxes: fields and tables are found by their cells' text."""
    from gongmun.pipeline import extract

    source = REPO / "samples" / "cards" / "lo_hydrogen_card.html"
    write_record(tmp_path / "out", "card.html", extract(source))  # source.path is absolute
    html = (build_site(tmp_path / "out").parent / "docs" / "card.html.html").read_text("utf-8")
    lines = dict(re.findall(r'<li id="L(\d+)"[^>]*>(.*?)</li>', html, re.S))
    holding = {n for n, text in lines.items() if 'href="#f-management_no"' in text}
    assert len(holding) == 1 and "5-02-1" in lines[holding.pop()]
    funding = [n for n, text in lines.items() if 'href="#t-t2"' in text]
    assert len(funding) == 1 and "&lt;td&gt;" in lines[funding[0]] and "2024" in lines[funding[0]]


WEIRD_RECORDS = [
    {},
    {"doc_type": 3, "source": "x", "blocks": "x", "tables": [1, None], "card": [],
     "corrections": [{"location": "zz"}, 7], "warnings": [None, {"location": [1]}]},
    {"doc_type": "management_card", "source": {"path": None, "format": "pdf"},
     "card": {"provenance": {"status": {"page": "one", "bbox": [1, 2]}, "goals": 5},
              "funding": {"rows": [1, {"source": "total", "by_year_krw": [3]}],
                          "checks": [{"name": "years_sum_to_total:total", "ok": False}]},
              "officer": {"name": None}, "status": {"a": [1, {"b": None}]}},
     "press": {"headline": ["a", None], "amounts": [{"text": None}]}},
]


def test_records_of_unexpected_shape_still_get_a_page(tmp_path: Path) -> None:
    records = tmp_path / "out" / "records"
    records.mkdir(parents=True)
    for n, record in enumerate(WEIRD_RECORDS):
        (records / f"weird{n}.json").write_text(json.dumps(record), encoding="utf-8")
    site = build_site(tmp_path / "out").parent
    index = (site / "index.html").read_text("utf-8")
    assert "no review page" not in index  # each one rendered, none fell back to an error row
    for n in range(len(WEIRD_RECORDS)):
        assert (site / "docs" / f"weird{n}.html").is_file()


def test_open_shows_the_index_in_a_browser(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    write_record(tmp_path / "out", "a.txt", card_record("a.txt"))
    result = CliRunner().invoke(app, ["review", str(tmp_path / "out"), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [(tmp_path / "out" / "review" / "index.html").as_uri()]


@pytest.mark.parametrize(("dpi", "points_per_pixel"), [((200, 200), 72 / 200),
                                                       (None, 72 / 300), ((72, 72), 72 / 300)])
def test_scan_boxes_are_placed_in_points_of_the_image(tmp_path: Path, dpi: tuple[int, int] | None,
                                                      points_per_pixel: float) -> None:
    """A scan's bbox is in points (pixels x 72/dpi; no or a bogus DPI tag means 300 dpi, as
    the scan reader takes it): the box lands on the same pixels at any DPI."""
    from PIL import Image

    Image.new("RGB", (400, 300), "white").save(tmp_path / "scan.png",
                                               **({"dpi": dpi} if dpi else {}))
    pixels = (100, 60, 200, 90)  # where the words are on the image
    record = card_record(str(tmp_path / "scan.png"))
    record.source.format = "image"
    record.source.sha256 = hashlib.sha256((tmp_path / "scan.png").read_bytes()).hexdigest()
    assert record.card is not None
    record.card.provenance = {"status": Provenance(
        page=1, bbox=[v * points_per_pixel for v in pixels])}
    write_record(tmp_path / "out", "scan.png", record)
    html = (build_site(tmp_path / "out").parent / "docs" / "scan.png.html").read_text("utf-8")
    style = re.search(r'href="#f-status" style="([^"]+)"', html)
    assert style is not None
    box = {k: float(v) for k, v in re.findall(r"(\w+):([\d.]+)%", style.group(1))}
    pad = BOX_PAD_PT / points_per_pixel
    assert box["left"] == pytest.approx((pixels[0] - pad) / 400 * 100, abs=0.01)
    assert box["top"] == pytest.approx((pixels[1] - pad) / 300 * 100, abs=0.01)
    assert box["width"] == pytest.approx((pixels[2] - pixels[0] + 2 * pad) / 400 * 100, abs=0.01)
    assert (tmp_path / "out" / "review" / "pages" / "scan.png" / "p1.png").is_file()
