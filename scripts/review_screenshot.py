"""Retake the README's screenshot of a card's review page (docs/review-card.png).

    make run && .venv/bin/python scripts/review_screenshot.py

Needs Debian's chromium (`make test` installs it) and playwright (a dev dependency).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "out" / "review" / "docs" / "cards__card_smart_farm.pdf.html"
SHOT = REPO / "docs" / "review-card.png"
VIEWPORT = {"width": 1280, "height": 820}
PALETTE_COLORS = 128  # a quantized PNG stays under 100 KB and reads the same


def main() -> int:
    if not PAGE.is_file():
        print(f"error: {PAGE}: not found (run `make run` first)", file=sys.stderr)
        return 1
    raw = SHOT.with_suffix(".raw.png")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": VIEWPORT["width"], "height": VIEWPORT["height"]})
        page.goto(PAGE.as_uri())
        # a box clicked: it and its field light up
        page.locator('#page-1 a.box-field[href="#f-department"]').first.click()
        page.evaluate("window.scrollTo(0, 0); document.querySelector('.record').scrollTop = 0")
        page.mouse.move(VIEWPORT["width"] - 10, 10)
        page.screenshot(path=str(raw))
        browser.close()
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=PALETTE_COLORS).save(SHOT, optimize=True)
    raw.unlink()
    print(SHOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
