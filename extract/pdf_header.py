"""A 보도자료's header logo (`기획재정부`, `행정안전부`): found at read time, read by OCR later.

An official release often names its issuing office only in the logo picture at the top of
its first page: the text has no ministry name at all. For a document whose first blocks
carry a release header (보도자료 / 보도참고자료), the reader keeps the pictures that may be
that logo in `Document.logos` (no OCR yet): PDF, the small images in the top band of page
1; HWPX and HWP, the small, wide pictures they store. The same JPEG usually stands in all
three formats, so the three read alike.

OCR is the expensive part (a Tesseract run per reading), so it happens only on demand:
the press builder calls `logo_readings` when the text names no office (대변인 line, the
lead's subject, the contact table), and stops at the first reading that names a public body.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from .errors import ExtractError
from .model import Document
from .ocr import OcrSettings, engine_available, ocr_image

# A logo stands in the top band of the page and is small (measured on the real releases in
# shared/real: logos 25-31 pt high at 68-167 pt from the top of an 841 pt page).
TOP_BAND = 0.2
MAX_LOGO_HEIGHT_PT = 80.0
MAX_LOGO_WIDTH_SHARE = 0.5
MAX_IMAGES = 3
# The release header stands within a document's first blocks.
HEADER_BLOCKS = 12
# A stored logo picture: wide (the real ones are 3.2-5x as wide as high) and small.
MIN_LOGO_ASPECT = 2.5
MAX_LOGO_HEIGHT_PX = 400
MAX_PICTURE_BYTES = 5 * 1024 * 1024
# (height px, white margin px) a logo is read at, in order, until a reading names a public
# body: the real logos (173x54 to 812x162 px) read right at 110 px with no margin or with
# 20 px of white around them; 160 px helps a low-resolution JPEG.
LOGO_VARIANTS = ((110, 0), (110, 20), (160, 0), (160, 20))
_RELEASE_HEADER = re.compile(r"보도\s*(?:참고\s*)?자료")
# One line of text (Tesseract --psm 7): a logo's name is a single line.
_ONE_LINE = 7


def add_logo_pictures(doc: Document, data: bytes) -> None:
    """Keep the pictures of a release's header that may be its logo in `doc.logos`."""
    first = " ".join(b.text for b in doc.blocks[:HEADER_BLOCKS] if b.page in (None, 1))
    if not _RELEASE_HEADER.search(first):
        return
    try:
        if doc.source.format == "pdf":
            candidates = _pdf_logos(data)
        else:
            stored = _hwpx_pictures(data) if doc.source.format == "hwpx" else _hwp_pictures(data)
            candidates = [p for p in stored if _logo_shaped(p)]
    except Exception:  # evidence only: a picture that cannot be read never fails the document
        return
    doc.logos = candidates[:MAX_IMAGES]


def logo_readings(picture: bytes) -> Iterator[str]:
    """OCR readings of a logo picture, one per `LOGO_VARIANTS` size, each made only when
    asked for (a small JPEG reads differently at each size; the caller accepts only a public
    body's name, so a bad reading costs nothing but the next). Nothing without Tesseract."""
    if not engine_available():
        return
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(picture)) as stored:
            image = stored.convert("RGB")
    except Exception:  # not an image PIL reads (bmp/wmf/ole): not a logo we can OCR
        return
    for height, margin in LOGO_VARIANTS:
        scale = height / image.height
        sized = image.resize((max(1, round(image.width * scale)), height),
                             Image.Resampling.LANCZOS)
        if margin:
            sized = ImageOps.expand(sized, border=margin, fill="white")
        try:
            words = ocr_image(sized, OcrSettings(page_segmentation=_ONE_LINE))
        except ExtractError:  # evidence only: an OCR failure never fails the document
            return
        yield " ".join(w.text for w in words)


def _logo_shaped(picture: bytes) -> bool:
    """Small and wide (a chart or a photo is neither); only the header is parsed."""
    from PIL import Image

    try:
        width, height = Image.open(io.BytesIO(picture)).size
    except Exception:
        return False
    return 0 < height <= MAX_LOGO_HEIGHT_PX and width >= MIN_LOGO_ASPECT * height


def _hwpx_pictures(data: bytes) -> list[bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(name) for name in sorted(archive.namelist())
                if name.startswith("BinData/")
                and archive.getinfo(name).file_size <= MAX_PICTURE_BYTES]


def _hwp_pictures(data: bytes) -> list[bytes]:
    from .hwp import pictures

    return pictures(data, MAX_PICTURE_BYTES)


def _pdf_logos(data: bytes) -> list[bytes]:
    """The small images in the top band of page 1, as PNG. pdfium lists a page's image
    objects without parsing its drawing (a page of vector charts takes pdfplumber seconds)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        width, height = page.get_size()
        out = []
        for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = image.get_bounds()
            if _is_logo((left, height - top, right, height - bottom), width, height):
                buffer = io.BytesIO()
                image.get_bitmap(render=False).to_pil().save(buffer, "PNG")
                out.append(buffer.getvalue())
            if len(out) >= MAX_IMAGES:
                break
        return out
    finally:
        pdf.close()


def _is_logo(box: tuple[float, float, float, float], page_width: float,
             page_height: float) -> bool:
    x0, top, x1, bottom = box
    return (top < page_height * TOP_BAND and 0 < bottom - top <= MAX_LOGO_HEIGHT_PT
            and 0 < x1 - x0 <= page_width * MAX_LOGO_WIDTH_SHARE)
