"""The text of a 보도자료 PDF's header logo (`기획재정부`, `행정안전부`), read by OCR.

An official release often names its issuing office only in the logo image at the top of its
first page: the text layer has no ministry name at all. For a PDF whose first page carries a
release header (보도자료 / 보도참고자료), the small images in the top band of that page are
read with the OCR engine and their text is kept in `Document.metadata["header_image_text"]`
(evidence for the press builder, which matches it against the names of public bodies). Only
when Tesseract is installed; otherwise nothing happens. Bounded: at most MAX_IMAGES images,
each OCR'd as one line.
"""

from __future__ import annotations

import io
import re
from typing import Any

from .model import Document
from .ocr import OcrSettings, engine_available, ocr_image

METADATA_KEY = "header_image_text"
# A logo stands in the top band of the page and is small (measured on the real releases in
# shared/real: logos 25-31 pt high at 68-167 pt from the top of an 841 pt page).
TOP_BAND = 0.2
MAX_LOGO_HEIGHT_PT = 80.0
MAX_LOGO_WIDTH_SHARE = 0.5
MAX_IMAGES = 3
LOGO_DPI = 300
# The release header stands within a document's first blocks.
HEADER_BLOCKS = 12
# An HWPX logo picture: wide (the real ones are 3.2-5x as wide as high) and small.
MIN_LOGO_ASPECT = 2.5
MAX_LOGO_HEIGHT_PX = 400
MAX_PICTURE_BYTES = 5 * 1024 * 1024
# (height px, white margin px) a stored logo is read at: the real PDF logos cropped at
# LOGO_DPI stand 105-130 px high and OCR well; a larger size helps a low-resolution JPEG.
LOGO_VARIANTS = ((110, 0), (110, 20), (160, 0), (160, 20))
_RELEASE_HEADER = re.compile(r"보도\s*(?:참고\s*)?자료")
# One line of text (Tesseract --psm 7): a logo's name is a single line.
_ONE_LINE = 7


def add_logo_text(doc: Document, data: bytes) -> None:
    """Put the OCR'd text of a release's header logos into `doc.metadata` (PDF: the small
    images in the top band of page 1; HWPX: the wide, small pictures it stores)."""
    first = " ".join(b.text for b in doc.blocks[:HEADER_BLOCKS] if b.page in (None, 1))
    if not _RELEASE_HEADER.search(first) or not engine_available():
        return
    read = _hwpx_logo_text if doc.source.format == "hwpx" else _logo_text
    try:
        text = read(data)
    except Exception:  # evidence only: a logo that cannot be read never fails the document
        return
    if text:
        doc.metadata[METADATA_KEY] = text


def _hwpx_logo_text(data: bytes) -> str:
    """HWPX keeps its pictures in BinData/: a logo is a wide, small one (a chart or photo is
    neither). Their place on the page is not needed: only a public body's name in them is
    ever used."""
    import zipfile

    from PIL import Image

    texts: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(n for n in archive.namelist() if n.startswith("BinData/"))
        for name in names:
            if archive.getinfo(name).file_size > MAX_PICTURE_BYTES:
                continue
            try:
                picture = Image.open(io.BytesIO(archive.read(name)))
                picture.load()
            except Exception:  # not an image PIL reads (bmp/wmf/ole): not a logo we can OCR
                continue
            width, height = picture.size
            if height <= MAX_LOGO_HEIGHT_PX and width >= MIN_LOGO_ASPECT * height:
                texts += _variants_read(picture.convert("RGB"))
            if len(texts) >= MAX_IMAGES:
                break
    return " | ".join(t for t in texts if t.strip())


def _variants_read(picture: Any) -> list[str]:
    """A logo stored small (a 173x54 JPEG) reads differently at each size: it is read at a
    few heights, with and without a white margin, and every reading is kept (the press
    builder accepts only a public body's name, so a bad reading costs nothing)."""
    from PIL import Image, ImageOps

    out = []
    for height, margin in LOGO_VARIANTS:
        scale = max(1.0, height / picture.height)
        sized = picture.resize((round(picture.width * scale), round(picture.height * scale)),
                               Image.Resampling.LANCZOS)
        if margin:
            sized = ImageOps.expand(sized, border=margin, fill="white")
        words = ocr_image(sized, OcrSettings(page_segmentation=_ONE_LINE))
        out.append(" ".join(w.text for w in words))
    return out


def _logo_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        texts = []
        for image in [im for im in page.images if _is_logo(im, page)][:MAX_IMAGES]:
            box = (max(image["x0"], 0), max(image["top"], 0),
                   min(image["x1"], page.width), min(image["bottom"], page.height))
            picture = page.crop(box).to_image(resolution=LOGO_DPI).original
            words = ocr_image(picture, OcrSettings(page_segmentation=_ONE_LINE, dpi=LOGO_DPI))
            texts.append(" ".join(w.text for w in words))
    return " | ".join(t for t in texts if t.strip())


def _is_logo(image: dict[str, Any], page: Any) -> bool:
    height = image["bottom"] - image["top"]
    width = image["x1"] - image["x0"]
    return (image["top"] < page.height * TOP_BAND and 0 < height <= MAX_LOGO_HEIGHT_PT
            and 0 < width <= page.width * MAX_LOGO_WIDTH_SHARE)
