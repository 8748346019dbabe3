"""The review site in a real browser: Debian's headless Chromium, driven by Playwright.

One browser for the module. Skips (with the reason) where Chromium or Playwright is missing;
`make test` installs Chromium, so CI runs these.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reviewdata import CARDS, GONE, PDF_CARD, build_out

from gongmun.review import RENDER_SCALE, build_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

if not Path(CHROMIUM).is_file():
    pytest.skip("Chromium is not installed (make test installs Debian's chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = pytest.mark.slow  # a real browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("review-browser")
    return build_site(build_out(tmp), root=tmp).parent


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()
    assert all(url.startswith("file://") for url in requests), requests
    assert dialogs == []  # no script from a record ever ran


def open_doc(page: Any, site: Path, stem: str) -> None:
    page.goto((site / "docs" / f"{stem}.html").as_uri())
    page.wait_for_load_state("load")


def word_bbox(text: str) -> tuple[float, float, float, float]:
    """Where `text` is on page 1 of the sample PDF, read independently of the record."""
    import pdfplumber

    with pdfplumber.open(CARDS / PDF_CARD) as pdf:
        page = pdf.pages[0]
        word = next(w for w in page.extract_words() if w["text"] == text)
        return word["x0"], word["top"], word["x1"], word["bottom"]


@pytest.mark.parametrize(("field", "text"), [("management_no", "3-05-1"),
                                             ("department", "농업정책과"),
                                             ("period", "2023년~2026년(4년간)")])
def test_a_fields_box_sits_over_its_text(page: Any, site: Path, field: str,
                                         text: str) -> None:
    open_doc(page, site, PDF_CARD)
    image = page.locator("#page-1 img").bounding_box()
    box = page.locator(f'#page-1 a.box-field[href="#f-{field}"]').first.bounding_box()
    x0, top, x1, bottom = word_bbox(text)
    px = image["width"] / 595.28  # CSS px per PDF point at this viewport (A4 is 595.28 pt)
    word = {"x": image["x"] + x0 * px, "y": image["y"] + top * px,
            "width": (x1 - x0) * px, "height": (bottom - top) * px}
    # the box covers the word and is not much bigger than its line
    assert box["x"] <= word["x"] + 1 and box["y"] <= word["y"] + 1
    assert box["x"] + box["width"] >= word["x"] + word["width"] - 1
    assert box["y"] + box["height"] >= word["y"] + word["height"] - 1
    assert box["height"] < 3 * word["height"]


def test_the_page_image_is_drawn_with_text_under_the_boxes(page: Any, site: Path) -> None:
    from PIL import Image

    open_doc(page, site, PDF_CARD)
    img = page.locator("#page-1 img")
    assert page.evaluate("e => e.naturalWidth", img.element_handle()) == round(
        595.28 * RENDER_SCALE)
    box = page.locator('#page-1 a.box-field[href="#f-management_no"]').first
    shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
    dark = sum(shot.histogram()[:100])
    assert dark > 0.05 * shot.width * shot.height  # glyphs (and the border), not a blank box
    full = Image.open(io.BytesIO(page.screenshot())).convert("L")
    assert sum(1 for n in full.histogram() if n) > 20  # a rendered page, not a blank one


def test_links_go_index_to_document_to_box_and_back(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    page.locator("a.doc-link", has_text="3-05-1").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/docs/{PDF_CARD}.html")
    # field -> its box: lit and on screen
    page.locator("#f-management_no .locate a").first.click()
    box = page.locator('#page-1 a.box-field[href="#f-management_no"]').first
    assert "lit" in (box.get_attribute("class") or "")
    assert box.is_visible() and in_viewport(page, box)
    # box -> its field
    box.click()
    field = page.locator("#f-management_no")
    assert "lit" in (field.get_attribute("class") or "")
    assert in_viewport(page, field)
    # the keyboard: j steps to the first box and focuses it
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.classList.contains('box')")
    page.locator("#back").click()
    assert page.url.endswith("/index.html")


def test_a_failed_cross_foot_shows(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    first = page.locator("#docs tbody tr:not([hidden])").first
    assert first.get_attribute("data-status") == "error"
    failed_row = page.locator('#docs tbody tr[data-status="failed check"]')
    assert failed_row.locator("td.bad").inner_text() == "2"
    failed_row.locator("a.doc-link").click()
    page.wait_for_load_state("load")
    cells = page.locator("table.funding td.failed")
    assert cells.count() == 2
    assert "= 71" in cells.nth(0).inner_text() or "= 71" in cells.nth(1).inner_text()
    red = page.evaluate("e => getComputedStyle(e).backgroundColor", cells.first.element_handle())
    assert red != "rgba(0, 0, 0, 0)"
    assert page.locator("#checks li.failed").count() == 2


def test_a_record_without_its_source_opens_from_the_index(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    page.fill("#filter-text", "gone")
    page.locator("#docs tbody tr:not([hidden]) a.doc-link").click()
    page.wait_for_load_state("load")
    assert GONE in page.locator("#source-note").inner_text()
    assert page.locator("#f-management_no dd").inner_text() == "2-14-2"
    assert page.locator(".source .box").count() == 0  # nothing to draw on


def test_the_index_filters_and_sorts(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    rows = page.locator("#docs tbody tr:not([hidden])")
    assert rows.count() == 5
    page.fill("#filter-text", "forest_bad")
    assert rows.count() == 1
    page.fill("#filter-text", "")
    page.select_option("#filter-type", "management_card")
    assert rows.count() == 3
    page.select_option("#filter-type", "")
    button = page.locator('th button[data-key="corrections"]')
    for expected_order in ("descending", "ascending"):
        button.click()
        counts = [int(rows.nth(i).get_attribute("data-corrections") or -1)
                  for i in range(rows.count())]
        assert counts == sorted(counts, reverse=expected_order == "descending")
        assert len(set(counts)) > 1  # the order is a real test: the counts differ


def in_viewport(page: Any, locator: Any) -> bool:
    rect = locator.bounding_box()
    view = page.viewport_size
    return bool(rect and rect["y"] + rect["height"] > 0 and rect["y"] < view["height"])
