"""Kiwi loaded once and shared by forked workers: analysis in a child works and never hangs.

A batch's forkserver loads the models and forks its workers from itself, so each worker
must be able to use a Kiwi built (and warmed up) before the fork. A Kiwi with a thread pool
hangs there (its pool's threads are not copied by fork); ours has none (`KIWI_THREADS`).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHILD_CHECK = textwrap.dedent("""
    import json, os, signal, time
    from gongmun.normalize.korean import get_kiwi, kiwi_morphs
    from gongmun.normalize.typos import typo_transformer

    TEXTS = ["강원도 공약사업 관리카드 추진상황", "시업화 추진 및 IRB하가 완료"]

    def many_at_once(kiwi):
        # Kiwi's multi-text call: its thread pool's work. Without a pool it is refused at
        # once; with one copied by fork it would wait forever for threads that are gone.
        try:
            return len(list(kiwi.tokenize(TEXTS)))
        except Exception:
            return "refused"

    def analyse():
        kiwi = get_kiwi()
        return {
            "many": many_at_once(kiwi),
            "morphs": [[(m.form, m.tag) for m in kiwi_morphs(t)] for t in TEXTS],
            "space": [kiwi.space(t.replace(" ", "")) for t in TEXTS],
            "typos": [[t.form for t in kiwi.tokenize(x, typos=typo_transformer(),
                                                    typo_cost_threshold=1.5)] for x in TEXTS],
        }

    start = time.perf_counter()
    parent = analyse()  # builds Kiwi and loads its language model
    load_s = time.perf_counter() - start
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        signal.alarm(30)  # a hang becomes a SIGALRM death, not a stuck test
        os.close(read)
        start = time.perf_counter()
        child = analyse()
        with os.fdopen(write, "w") as out:
            json.dump({"result": child, "seconds": time.perf_counter() - start}, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as inp:
        text = inp.read()
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": status, "child": json.loads(text) if text else None,
                      "parent": parent, "load_s": load_s}))
""")


@pytest.mark.slow
def test_kiwi_loaded_before_fork_works_in_the_child() -> None:
    import json

    done = subprocess.run([sys.executable, "-c", CHILD_CHECK], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == 0, "the forked child died (SIGALRM: it hung)"
    child = report["child"]
    # Same analysis as the parent's (JSON turns the tuples into lists on both sides).
    assert child["result"] == json.loads(json.dumps(report["parent"]))
    # The child did not load the model again: its first analysis takes a fraction of the
    # parent's start-up (building Kiwi + loading its language model).
    assert child["seconds"] < report["load_s"] / 2


def test_batch_preloads_models_only_for_ocr_text() -> None:
    from gongmun.batch import needs_models

    samples = Path(__file__).resolve().parents[1] / "samples"
    born_digital = [p for p in samples.glob("*/*") if p.suffix in (".pdf", ".html", ".hwp",
                                                                    ".hwpx")]
    ocr_text = [samples / "cards" / "001_3d71a2a9b0fba71b.txt",
                samples / "cards" / "ocr_forest_card.md"]
    assert born_digital
    assert not needs_models(born_digital)
    for text in ocr_text:
        assert needs_models([*born_digital, text])
    assert needs_models([samples / "no such file.txt"])  # unreadable here: preload to be safe


def test_batch_preloads_models_for_images(tmp_path: Path) -> None:
    import io

    from PIL import Image

    from gongmun.batch import needs_models

    scan = tmp_path / "scan.png"
    buffer = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buffer, "PNG")
    scan.write_bytes(buffer.getvalue())
    assert needs_models([scan])  # read by OCR, then corrected
