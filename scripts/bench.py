"""`make bench`: batch throughput and memory over a generated corpus; pipeline vs pdfplumber.

For each corpus size (default 100 and 500 documents: text and PDF management cards and
press releases from `gongmun.corpus`) and each worker count (1 and 2), runs
`gongmun batch` into a fresh OUT_DIR as a subprocess and reports docs/s, pages/s and the
peak resident memory of the whole job (parent + workers, sampled). Then, in this process
and on the same PDFs, times pdfplumber's own `extract_text` + `extract_tables` against the
full pipeline (`gongmun.extract`). Prints a table; writes out/bench.json.

    python scripts/bench.py [--sizes 100,500] [--workers 1,2] [--out out]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
CORPUS_SEED = 2024
SAMPLE_CARD_PDFS = [REPO / "samples" / "cards" / name
                    for name in ("card_smart_farm.pdf", "card_coastal_tourism.pdf")]
# RSS moves over seconds (model loading); sampling faster steals CPU from the job itself.
SAMPLE_EVERY_S = 0.2


def make_corpora(base: Path, sizes: list[int]) -> dict[int, Path]:
    """The largest corpus is generated; smaller ones are its first documents, hard-linked."""
    from gongmun.corpus import make_corpus

    largest = max(sizes)
    full = base / f"corpus-{largest}"
    paths = make_corpus(full, largest, seed=CORPUS_SEED)
    corpora = {largest: full}
    for size in sizes:
        if size == largest:
            continue
        folder = base / f"corpus-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        for path in paths[:size]:
            link = folder / path.relative_to(full)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, link)
        corpora[size] = folder
    return corpora


def run_batch(in_dir: Path, out_dir: Path, workers: int) -> dict[str, Any]:
    shutil.rmtree(out_dir, ignore_errors=True)
    cmd = [sys.executable, "-m", "gongmun.cli", "batch", str(in_dir), "--out", str(out_dir),
           "--workers", str(workers), "--no-progress"]
    start = time.perf_counter()
    job = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, cpu, first = watch_job(job, out_dir / "records")
    wall = time.perf_counter() - start
    stderr = job.stderr.read() if job.stderr else ""
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    return {"workers": workers, "docs": summary["inputs"], "done": summary["done"],
            "failed": summary["failed"], "pages": summary["pages"],
            "seconds": round(summary["seconds"], 3), "wall_seconds": round(wall, 3),
            "docs_per_s": summary["docs_per_s"], "pages_per_s": summary["pages_per_s"],
            "peak_rss_mb": round(peak / 2**20, 1), "cpu_seconds": round(cpu, 2),
            "docs_per_cpu_s": round(summary["inputs"] / cpu, 3) if cpu else None,
            "first_record_s": round(first, 2) if first is not None else None,
            "steady_docs_per_s": (round((summary["inputs"] - 1) / (wall - first), 3)
                                  if first is not None and wall > first else None),
            "exit_code": job.returncode,
            "first_errors": stderr.splitlines()[:3]}


def watch_job(job: subprocess.Popen[str], records: Path) -> tuple[int, float, float | None]:
    """Peak summed RSS of the job and its descendants, and their CPU seconds, until it exits.

    Sampled: a recycled worker's CPU time counts up to its last sample (one sampling
    interval before exit at worst). CPU seconds stay meaningful on a busy machine, where
    wall time does not.
    Also when the first record appeared: start-up, model loading and warm-up before it.
    """
    root = psutil.Process(job.pid)
    peak, cpu_by_pid, first = 0, dict[int, float](), None
    start = time.perf_counter()
    while job.poll() is None:
        if first is None and records.exists():
            first = time.perf_counter() - start
        rss = 0
        for member in family(root):
            try:
                rss += member.memory_info().rss
                times = member.cpu_times()
                cpu_by_pid[member.pid] = times.user + times.system
            except psutil.Error:
                continue  # a worker that just exited (recycled)
        peak = max(peak, rss)
        time.sleep(SAMPLE_EVERY_S)
    return peak, sum(cpu_by_pid.values()), first


def family(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def pdfplumber_vs_pipeline(pdfs: list[Path]) -> dict[str, Any]:
    """Seconds for pdfplumber's extract_text + extract_tables and for the full pipeline."""
    import pdfplumber

    from gongmun.pipeline import extract

    if not pdfs:
        return {"pdfs": 0}
    with contextlib.suppress(Exception):
        extract(pdfs[0])  # load lazily-loaded models before timing: per worker, not per file
    plumber = pipeline = 0.0
    pages = failed = 0
    for path in pdfs:
        start = time.perf_counter()
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()
                pages += 1
        plumber += time.perf_counter() - start
        start = time.perf_counter()
        try:
            extract(path)
        except Exception:  # counted; the ratio covers the time spent either way
            failed += 1
        pipeline += time.perf_counter() - start
    return {"pdfs": len(pdfs), "pages": pages, "pipeline_failed": failed,
            "pdfplumber_seconds": round(plumber, 3), "pipeline_seconds": round(pipeline, 3),
            "pipeline_over_pdfplumber": round(pipeline / plumber, 2) if plumber else None}


def reader_pages_per_s(pdfs: list[Path]) -> dict[str, Any]:
    """Pages/s of the PDF reader on its text layer and through OCR (`--ocr always`), on the
    same sample cards, read only (no normalization): the cost of the two paths."""
    from gongmun.extract import read_document
    from gongmun.extract.ocr import engine_available
    from gongmun.extract.scan import using_ocr_mode

    out: dict[str, Any] = {}
    modes = ["never", "always"] if engine_available("kor") else ["never"]
    for mode, name in (("never", "text_layer"), ("always", "ocr")):
        if mode not in modes:
            continue
        pages, start = 0, time.perf_counter()
        with using_ocr_mode(mode):  # type: ignore[arg-type]
            for path in pdfs:
                doc = read_document(path.read_bytes(), str(path))
                pages += doc.source.pages or 0
        seconds = time.perf_counter() - start
        out[name] = {"pages": pages, "seconds": round(seconds, 2),
                     "pages_per_s": round(pages / seconds, 2) if seconds else None}
    return out


def normalize_figures() -> dict[str, Any] | None:
    """scripts/bench_normalize.py's `run()`, when that bench exists."""
    path = REPO / "scripts" / "bench_normalize.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("bench_normalize", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures: dict[str, Any] = module.run()
    return figures


def speedups(runs: list[dict[str, Any]], key: str = "docs_per_s") -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for size in sorted({r["docs"] for r in runs}):
        by_workers = {r["workers"]: r[key] for r in runs if r["docs"] == size}
        one, two = by_workers.get(1), by_workers.get(2)
        out[str(size)] = round(two / one, 2) if one and two else None
    return out


def print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    columns = {"docs": "docs", "workers": "workers", "failed": "failed", "pages": "pages",
               "seconds": "s", "docs_per_s": "docs/s", "pages_per_s": "pages/s",
               "peak_rss_mb": "peak RSS MB", "cpu_seconds": "CPU s",
               "docs_per_cpu_s": "docs/CPU s", "first_record_s": "1st record s",
               "steady_docs_per_s": "steady docs/s"}
    table = Table(*columns.values(), title="gongmun batch", title_justify="left")
    for r in report["runs"]:
        table.add_row(*(str(r[k]) for k in columns))
    console = Console(width=160)
    console.print(table)
    console.print(f"speedup 2 vs 1 worker (docs/s): {report['speedup_2_vs_1']}; after the "
                  f"first record (models loaded): {report['steady_speedup_2_vs_1']}")
    console.print(f"pipeline vs pdfplumber: {report['pdfplumber']}")
    if report.get("readers") is not None:
        console.print(f"PDF reader, text layer vs OCR: {report['readers']}")
    if report.get("normalize") is not None:
        console.print(f"normalize: {report['normalize']}")
    console.print(f"cpus: {report['machine']['cpus']}, load average at start: "
                  f"{report['machine']['load_average']} (a shared machine makes figures noisy)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,500")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--out", type=Path, default=REPO / "out")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    base = args.out / "bench"
    machine = {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]}
    print(f"generating corpora {sizes} in {base} ...", flush=True)
    corpora = make_corpora(base, sizes)
    runs = []
    for size in sizes:
        for workers in worker_counts:
            print(f"batch: {size} docs, {workers} workers ...", flush=True)
            runs.append(run_batch(corpora[size], base / f"run-{size}-w{workers}", workers))
    pdfs = sorted(corpora[min(sizes)].rglob("*.pdf"))
    normalize = normalize_figures()  # first: it times the models' load in a fresh process
    report = {"machine": machine, "runs": runs, "speedup_2_vs_1": speedups(runs),
              "steady_speedup_2_vs_1": speedups(runs, "steady_docs_per_s"),
              "pdfplumber": pdfplumber_vs_pipeline(pdfs), "normalize": normalize,
              "readers": reader_pages_per_s(SAMPLE_CARD_PDFS)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    print_report(report)
    print(f"written: {args.out / 'bench.json'}")


if __name__ == "__main__":
    main()
