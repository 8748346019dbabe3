"""Only what a document needs is loaded: no Kiwi or spaCy for born-digital input (a PDF text
layer, HTML, HWP/HWPX is never OCR-corrected), no analysts' libraries on the extract path.

Each check runs in a fresh interpreter, since the test process itself has loaded everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

MODELS = ("kiwipiepy", "spacy")
"""The Korean models: hundreds of MB and seconds to load."""
HEAVY = (*MODELS, "pandas", "pyarrow", "duckdb", "dask", "jinja2", "openpyxl")
"""Libraries the extract path never needs (exports, the review site, the cluster)."""

PROBE = """
import json, sys
from gongmun.pipeline import extract
for path in sys.argv[1:]:
    extract(path)
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}
                        or m.startswith(('gongmun.normalize.typos', 'gongmun.normalize.korean')))))
"""


def loaded_after(*paths: Path) -> set[str]:
    code = PROBE.format(heavy=set(HEAVY))
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths)], capture_output=True,
                          text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return {name if name.startswith("gongmun") else name.split(".")[0]
            for name in json.loads(done.stdout)}


def born_digital_samples() -> list[Path]:
    """The samples whose golden record says no OCR correction ran (text layers, HTML, HWP;
    not the scans or the PDFs whose text layer is broken, which are read by OCR)."""
    found = []
    for path in sorted((REPO / "samples").glob("*/*")):
        golden = REPO / "samples" / "expected" / f"{path.parent.name}__{path.name}.json"
        if golden.exists() and not json.loads(golden.read_text(encoding="utf-8"))[
                "source"].get("ocr_corrected", True):
            found.append(path)
    return found


BORN_DIGITAL = born_digital_samples()


def test_cli_import_loads_nothing_heavy() -> None:
    code = ("import sys, gongmun.cli; print(sorted({m.split('.')[0] for m in sys.modules}"
            f" & {set(HEAVY)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_born_digital_documents_load_no_models() -> None:
    assert BORN_DIGITAL, "no born-digital samples"
    # Not even the corrector's code: importing it costs more than some files take to read.
    assert loaded_after(*BORN_DIGITAL) == set()


@pytest.mark.slow
def test_ocr_text_loads_kiwi() -> None:
    # The seed card is OCR output: its text is corrected, which needs Kiwi's scores.
    assert "kiwipiepy" in loaded_after(REPO / "samples/cards/001_3d71a2a9b0fba71b.txt")


def test_building_the_corrector_loads_no_model() -> None:
    # The pipeline builds its correctors for every document; the models wait for OCR text.
    code = ("import sys; from gongmun.normalize import default_correctors\n"
            "default_correctors()\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'kiwipiepy', 'spacy'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
