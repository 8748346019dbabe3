"""`make bench`: gongmun's speed and memory as ratios to its own references, in one run.

On a machine shared with other jobs absolute times drift with the load; ratios of runs made
side by side (interleaved, in the same minute) do not drift as much, so every figure here is
a ratio to a reference measured in the same run:

1. One file, whole process (`gongmun extract FILE` as a user runs it), median of `--repeat`
   runs, against pdfplumber's own `extract_text` + `extract_tables` of the same PDF, also a
   whole process (interpreter start and imports included on both sides).
2. An OCR'd text card (the seed card, the OCR forest card), whole process, against Kiwi's own
   start-up (import, build, first analysis: Kiwi loads its language model then).
3. `gongmun batch` over generated text-layer PDF cards with 1 and 2 workers, against one
   process running pdfplumber's extraction over the same files.
4. Memory per batch worker, RSS and PSS (from /proc/PID/smaps_rollup: a page shared by n
   processes counts 1/n), for the PDF batch and for a batch of OCR text cards, where the
   workers share the models their forkserver loaded.
5. Where one file's time goes (in process): imports, read, normalize, build, JSON.
6. Pages/s of the PDF reader on the text layer and through OCR (`--ocr always`).

Before timing, the package's bytecode is compiled (`compileall`), as a wheel install does: an
editable install run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile gongmun's own
modules on every run (~0.1 s), a cost no installed user pays.

`--instructions` adds, for figures 1 and 2, the instructions each process executes
(valgrind's cachegrind, one run each, slow): a count the machine's load does not move.

Prints the tables and writes out/bench.json.

    python scripts/bench.py [--docs 500] [--repeat 5] [--ocr-docs 40] [--out out]
                            [--instructions]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS_SEED = 2024
SAMPLE_EVERY_S = 0.2
"""How often a batch's processes are sampled for memory (faster steals CPU from the job)."""

SAMPLE_PDFS = [REPO / "samples" / "cards" / name for name in (
    "card_coastal_tourism.pdf", "card_smart_farm.pdf", "lo_hydrogen_card.pdf")]
"""Text-layer PDF cards (the samples' scans and broken layers are read by OCR)."""
OCR_CARDS = [REPO / "samples" / "cards" / "001_3d71a2a9b0fba71b.txt",
             REPO / "samples" / "cards" / "ocr_forest_card.md"]

RAW_PDFPLUMBER = """
import sys
import pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
"""

KIWI_STARTUP = """
from kiwipiepy import Kiwi
Kiwi().tokenize("도지사 공약사업 관리카드")
"""


# --- whole processes -----------------------------------------------------------------------


def gongmun_command() -> list[str]:
    """`gongmun` as installed (the console script next to this interpreter)."""
    script = Path(sys.executable).parent / "gongmun"
    return [str(script)] if script.exists() else [sys.executable, "-m", "gongmun.cli"]


def run_process(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process run to its end, output discarded; its
    CPU seconds (user + system, all threads) in `LAST_CPU_S`."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             cwd=REPO)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    LAST_CPU_S[0] = usage.ru_utime + usage.ru_stime
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def compile_package() -> None:
    """The package's bytecode, as `pip install` of a wheel writes it (quietly; idempotent)."""
    import compileall

    for folder in PACKAGE_DIRS:
        compileall.compile_dir(str(REPO / folder), quiet=1)


PACKAGE_DIRS = ("gongmun", "extract", "normalize", "schemas")


def instructions(cmd: list[str]) -> int | None:
    """Instructions one run of `cmd` executes (all its threads), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                           "--cachegrind-out-file=/dev/null", *cmd],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          cwd=REPO)
    for line in done.stderr.splitlines():
        if "I   refs:" in line or "I refs:" in line:
            return int(line.split(":")[1].replace(",", "").split()[0])
    return None


def count_instructions(commands: dict[str, list[str]]) -> dict[str, int | None]:
    return {name: instructions(cmd) for name, cmd in commands.items()}


LAST_CPU_S = [0.0]
"""CPU seconds of the last `run_process` (a machine busy with other jobs stretches wall time
far more than CPU time)."""


def interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, dict[str, Any]]:
    """Each command `repeat` times, taking turns (so a change of load hits all of them);
    median wall and CPU seconds and peak RSS of each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            seconds, peak = run_process(cmd)
            times[name].append(seconds)
            cpu[name].append(LAST_CPU_S[0])
            rss[name].append(peak)
    return {name: {"median_s": round(statistics.median(times[name]), 3),
                   "runs_s": [round(t, 3) for t in times[name]],
                   "median_cpu_s": round(statistics.median(cpu[name]), 3),
                   "peak_rss_mb": round(max(rss[name]), 1)} for name in commands}


def per_file(pdfs: list[Path], repeat: int, count: bool = False) -> list[dict[str, Any]]:
    rows = []
    for pdf in pdfs:
        commands = {"gongmun": [*gongmun_command(), "extract", str(pdf)],
                    "pdfplumber": [sys.executable, "-c", RAW_PDFPLUMBER, str(pdf)]}
        got = interleaved(commands, repeat)
        rows.append({"file": pdf.name, **{f"{k}_s": v["median_s"] for k, v in got.items()},
                     **{f"{k}_rss_mb": v["peak_rss_mb"] for k, v in got.items()},
                     "ratio": round(got["gongmun"]["median_s"] / got["pdfplumber"]["median_s"],
                                    2),
                     "cpu_ratio": ratio(got["gongmun"]["median_cpu_s"],
                                        got["pdfplumber"]["median_cpu_s"])})
        if count:
            instr = count_instructions(commands)
            rows[-1].update({f"{k}_instr_m": round(v / 1e6) if v else None
                             for k, v in instr.items()},
                            instr_ratio=ratio(instr["gongmun"], instr["pdfplumber"]))
    return rows


def ocr_cards(cards: list[Path], repeat: int, count: bool = False) -> list[dict[str, Any]]:
    rows = []
    for card in cards:
        commands = {"gongmun": [*gongmun_command(), "extract", str(card)],
                    "kiwi": [sys.executable, "-c", KIWI_STARTUP]}
        got = interleaved(commands, repeat)
        rows.append({"file": card.name, "gongmun_s": got["gongmun"]["median_s"],
                     "kiwi_startup_s": got["kiwi"]["median_s"],
                     "over_kiwi_s": round(got["gongmun"]["median_s"]
                                          - got["kiwi"]["median_s"], 3),
                     "over_kiwi_cpu_s": round(got["gongmun"]["median_cpu_s"]
                                              - got["kiwi"]["median_cpu_s"], 3),
                     "gongmun_rss_mb": got["gongmun"]["peak_rss_mb"],
                     "kiwi_rss_mb": got["kiwi"]["peak_rss_mb"]})
        if count:
            instr = count_instructions(commands)
            rows[-1].update({f"{k}_instr_m": round(v / 1e6) if v else None
                             for k, v in instr.items()},
                            instr_ratio=ratio(instr["gongmun"], instr["kiwi"]))
    return rows


# --- batches -------------------------------------------------------------------------------


def make_corpus(folder: Path, count: int, kind: str) -> list[Path]:
    """`count` generated documents of one kind; kept for the next run (generating 500 PDFs
    takes minutes), regenerated when the count, seed or generator changes."""
    import batch_corpus as corpus

    stamp = folder / ".bench-corpus"
    key = f"{kind} {count} {CORPUS_SEED} {file_digest(Path(corpus.__file__))}"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return sorted(p for p in folder.rglob("*") if p.is_file() and p != stamp)
    shutil.rmtree(folder, ignore_errors=True)
    paths = sorted(corpus.make_corpus(folder, count, seed=CORPUS_SEED, kinds=[kind]))
    stamp.write_text(key, encoding="utf-8")
    return paths


def file_digest(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def memory_of(pid: int) -> tuple[int, int]:
    """RSS and PSS of one process in bytes (smaps_rollup; zeros if it is gone)."""
    fields = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                name, _, rest = line.partition(":")
                if name in ("Rss", "Pss"):
                    fields[name] = int(rest.split()[0]) * 1024
    except OSError:
        return 0, 0
    return fields.get("Rss", 0), fields.get("Pss", 0)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass
    return kids


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def roles(root: int) -> dict[int, str]:
    """The batch's processes: itself, its forkserver, the workers (the forkserver's
    children) and multiprocessing's resource tracker."""
    found = {root: "parent"}
    for kid in children_of(root):
        line = cmdline(kid)
        if "forkserver" in line:
            found[kid] = "forkserver"
            found.update({worker: "worker" for worker in children_of(kid)})
        elif "resource_tracker" in line:
            found[kid] = "tracker"
        else:
            found[kid] = "worker"  # spawn (no forkserver): workers are the batch's children
    return found


def run_batch(in_dir: Path, out_dir: Path, workers: int) -> dict[str, Any]:
    """`gongmun batch` as a subprocess; its wall time and its processes' peak memory."""
    shutil.rmtree(out_dir, ignore_errors=True)
    cmd = [*gongmun_command(), "batch", str(in_dir), "--out", str(out_dir), "--workers",
           str(workers), "--no-progress"]
    start = time.perf_counter()
    job = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                           cwd=REPO)
    peaks: dict[str, float] = {"worker_rss": 0, "worker_pss": 0, "workers_pss": 0,
                               "workers_rss": 0, "forkserver_pss": 0, "total_pss": 0}
    cpu: dict[int, float] = {}  # per process, its last sample (a recycled worker's counts)
    first: float | None = None
    records = out_dir / "records"
    while job.poll() is None:
        if first is None and records.exists():
            first = time.perf_counter() - start
        members = roles(job.pid)
        cpu.update({pid: cpu_seconds(pid) or cpu.get(pid, 0.0) for pid in members})
        sample = {pid: (role, *memory_of(pid)) for pid, role in members.items()}
        workers_mem = [(rss, pss) for role, rss, pss in sample.values() if role == "worker"]
        current = {
            "worker_rss": max((r for r, _ in workers_mem), default=0),
            "worker_pss": max((p for _, p in workers_mem), default=0),
            "workers_rss": sum(r for r, _ in workers_mem),
            "workers_pss": sum(p for _, p in workers_mem),
            "forkserver_pss": sum(p for role, _, p in sample.values() if role == "forkserver"),
            "total_pss": sum(p for _, _, p in sample.values()),
        }
        peaks = {k: max(v, current[k]) for k, v in peaks.items()}
        time.sleep(SAMPLE_EVERY_S)
    wall = time.perf_counter() - start
    stderr = job.stderr.read() if job.stderr else ""
    summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    docs = summary["inputs"]
    steady = (docs - 1) / (wall - first) if first is not None and wall > first else None
    return {"workers": workers, "docs": docs, "failed": summary["failed"],
            "wall_s": round(wall, 3), "docs_per_s": round(docs / wall, 2),
            "first_record_s": round(first, 2) if first is not None else None,
            "steady_docs_per_s": round(steady, 2) if steady else None,
            "cpu_s": round(sum(cpu.values()), 2),
            "docs_per_cpu_s": round(docs / sum(cpu.values()), 2) if sum(cpu.values()) else None,
            **{f"peak_{k}_mb": round(v / 2**20, 1) for k, v in peaks.items()},
            "exit_code": job.returncode, "first_errors": stderr.splitlines()[:3]}


def raw_batch(pdfs: list[Path]) -> float:
    """pdfplumber over the same files in one process (one core, like one worker)."""
    listing = REPO / "out" / "bench" / "raw-list.txt"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text("\n".join(map(str, pdfs)), encoding="utf-8")
    code = ("import sys; sys.argv[1:] = open(sys.argv[1], encoding='utf-8').read().split('\\n')"
            "\n" + RAW_PDFPLUMBER)
    seconds, _ = run_process([sys.executable, "-c", code, str(listing)])
    RAW_BATCH_CPU_S.append(LAST_CPU_S[0])
    return seconds


RAW_BATCH_CPU_S: list[float] = []
"""CPU seconds of each `raw_batch` run, to set against the batch's own (`cpu_s`)."""


def batches(base: Path, docs: int, ocr_docs: int) -> dict[str, Any]:
    pdfs = make_corpus(base / "pdf-cards", docs, "pdf_card")
    raw = raw_batch(pdfs)
    one = run_batch(base / "pdf-cards", base / "run-pdf-w1", 1)
    two = run_batch(base / "pdf-cards", base / "run-pdf-w2", 2)
    raw_again = raw_batch(pdfs)  # the load may have changed: the reference brackets the runs
    reference = (raw + raw_again) / 2
    make_corpus(base / "ocr-cards", ocr_docs, "text_card")
    ocr_one = run_batch(base / "ocr-cards", base / "run-ocr-w1", 1)
    ocr_two = run_batch(base / "ocr-cards", base / "run-ocr-w2", 2)
    return {
        "pdf_docs": docs, "pdfplumber_s": [round(raw, 3), round(raw_again, 3)],
        "pdf_runs": [one, two],
        "one_worker_over_pdfplumber": round(one["wall_s"] / reference, 2),
        "pdfplumber_cpu_s": [round(c, 2) for c in RAW_BATCH_CPU_S[-2:]],
        "one_worker_cpu_over_pdfplumber": ratio(one["cpu_s"],
                                                statistics.mean(RAW_BATCH_CPU_S[-2:])),
        "two_over_one_speedup": round(one["wall_s"] / two["wall_s"], 2),
        "ocr_docs": ocr_docs, "ocr_runs": [ocr_one, ocr_two],
        "ocr_two_over_one_speedup": round(ocr_one["wall_s"] / ocr_two["wall_s"], 2),
        "two_over_one_steady": ratio(two["steady_docs_per_s"], one["steady_docs_per_s"]),
        "ocr_two_over_one_steady": ratio(ocr_two["steady_docs_per_s"],
                                         ocr_one["steady_docs_per_s"]),
        "two_over_one_cpu_per_doc": ratio(one["docs_per_cpu_s"], two["docs_per_cpu_s"]),
        "ocr_two_over_one_total_pss": ratio(ocr_two["peak_total_pss_mb"],
                                            ocr_one["peak_total_pss_mb"]),
        "ocr_two_over_one_workers_pss": ratio(ocr_two["peak_workers_pss_mb"],
                                              ocr_one["peak_workers_pss_mb"]),
        "pdf_two_over_one_total_pss": ratio(two["peak_total_pss_mb"],
                                            one["peak_total_pss_mb"]),
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


# --- stages, in process ----------------------------------------------------------------------


STAGES = """
import json, sys, time
t = time.perf_counter
start = t()
import gongmun.console  # noqa: F401  (what `gongmun extract FILE` imports: no typer)
from gongmun.extract import read_document, read_file
from gongmun.normalize import default_correctors, normalize_document
from gongmun.schemas.build import build_record
imported = t()
out = {"imports": imported - start}
for label in ("cold", "warm"):
    a = t(); doc = read_document(read_file(sys.argv[1]), sys.argv[1])
    b = t(); norm = normalize_document(doc, default_correctors())
    c = t(); record = build_record(norm, pipeline_version="bench")
    d = t(); json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2)
    e = t()
    out[label] = {"read": b - a, "normalize": c - b, "build": d - c, "json": e - d}
print(json.dumps(out))
"""


def stages(paths: list[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        done = subprocess.run([sys.executable, "-c", STAGES, str(path)], capture_output=True,
                              text=True, cwd=REPO, check=True)
        got = json.loads(done.stdout)
        rows.append({"file": path.name, "imports_s": round(got["imports"], 3),
                     **{f"{k}_{label}_s": round(v, 3) for label in ("cold", "warm")
                        for k, v in got[label].items()}})
    return rows


SAMPLE_CARD_PDFS = [REPO / "samples" / "cards" / name
                    for name in ("card_smart_farm.pdf", "card_coastal_tourism.pdf")]


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


# --- report ----------------------------------------------------------------------------------


def print_table(title: str, rows: list[dict[str, Any]], keys: list[str] | None = None) -> None:
    if not rows:
        return
    keys = keys or list(rows[0])
    widths = {k: max(len(k), *(len(str(r.get(k, ""))) for r in rows)) for k in keys}
    print(f"\n{title}")
    print("  ".join(k.ljust(widths[k]) for k in keys))
    for r in rows:
        print("  ".join(str(r.get(k, "")).ljust(widths[k]) for k in keys))


def print_report(report: dict[str, Any]) -> None:
    print_table("1. one file, whole process, median (target: ratio <= 1.5)", report["per_file"])
    print_table("2. OCR'd text card vs Kiwi's own start-up (target: over_kiwi_s <= 0.5)",
                report["ocr_cards"])
    b = report["batch"]
    runs = [{"corpus": "pdf cards", **r} for r in b["pdf_runs"]] + \
           [{"corpus": "OCR text cards", **r} for r in b["ocr_runs"]]
    print_table(f"3-4. gongmun batch ({b['pdf_docs']} PDF cards; pdfplumber alone: "
                f"{b['pdfplumber_s']} s before/after)", runs,
                ["corpus", "workers", "docs", "failed", "wall_s", "docs_per_s",
                 "first_record_s", "steady_docs_per_s", "cpu_s", "docs_per_cpu_s",
                 "peak_worker_rss_mb", "peak_worker_pss_mb", "peak_workers_pss_mb",
                 "peak_forkserver_pss_mb", "peak_total_pss_mb"])
    print(f"\n1 worker / pdfplumber alone: {b['one_worker_over_pdfplumber']} (target <= 1.3); "
          f"CPU seconds, all the batch's processes / pdfplumber's: "
          f"{b['one_worker_cpu_over_pdfplumber']}")
    print(f"2 workers vs 1, PDF cards: {b['two_over_one_speedup']}x (target >= 1.8), after "
          f"the first record {b['two_over_one_steady']}x; OCR cards: "
          f"{b['ocr_two_over_one_speedup']}x, after the first record (models loaded) "
          f"{b['ocr_two_over_one_steady']}x")
    print(f"CPU per document, 2 workers / 1: {b['two_over_one_cpu_per_doc']} (1.0: the second "
          "worker adds no work; a speedup below 2 then means the cores were busy elsewhere)")
    print(f"PSS, 2 workers / 1 (whole batch: parent, forkserver, workers): OCR cards "
          f"{b['ocr_two_over_one_total_pss']} (target <= 1.4), workers only "
          f"{b['ocr_two_over_one_workers_pss']}; PDF cards {b['pdf_two_over_one_total_pss']}")
    print_table("5. where one file's time goes (in process, seconds)", report["stages"])
    print(f"\n6. PDF reader, text layer vs OCR (--ocr always), pages/s: {report['readers']}")
    m = report["machine"]
    print(f"\ncpus: {m['cpus']}; load average at start {m['load_start']}, at end "
          f"{m['load_end']} (other jobs on the machine move absolute times; ratios less)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500, help="PDF cards in the batch corpus")
    parser.add_argument("--ocr-docs", type=int, default=40, help="OCR text cards (memory)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per one-file figure")
    parser.add_argument("--out", type=Path, default=REPO / "out")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions of figures 1-2 (valgrind; slow)")
    args = parser.parse_args(argv)
    compile_package()
    base = args.out / "bench"
    load = lambda: [round(x, 2) for x in os.getloadavg()]  # noqa: E731
    report: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "load_start": load()}}
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("per_file", lambda: per_file(SAMPLE_PDFS, args.repeat, args.instructions)),
        ("ocr_cards", lambda: ocr_cards(OCR_CARDS, args.repeat, args.instructions)),
        ("batch", lambda: batches(base, args.docs, args.ocr_docs)),
        ("stages", lambda: stages([*SAMPLE_PDFS[:1], OCR_CARDS[0]])),
        ("readers", lambda: reader_pages_per_s(SAMPLE_CARD_PDFS)),
    ]
    for key, step in steps:
        print(f"bench: {key} ...", flush=True)
        report[key] = step()
    report["machine"]["load_end"] = load()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n",
                                         encoding="utf-8")
    print_report(report)
    print(f"\nwritten: {args.out / 'bench.json'}")


if __name__ == "__main__":
    main()
