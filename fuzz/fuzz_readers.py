"""Coverage-guided fuzzing of each reader (atheris / libFuzzer): `make fuzz`.

    python fuzz/fuzz_readers.py TARGET [SECONDS]      TARGET: pdf, text, html, sniff

Each target feeds mutated bytes to one reader through the pipeline's own entry (`convert`,
correction off) and fails on the one thing that must never happen: an internal error (an
exception in our code, or one the pipeline does not classify). Bad input and limits hit are
correct answers. The seeds are the samples of the target's format and the small hostile
files of `tests/hostile.py`, so the mutations start from real structure.

Without atheris (no wheel for the platform), the same target runs under a plain random
mutator for the same time: no coverage guidance, but the same check.
"""

from __future__ import annotations

import importlib
import logging
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

# Per input: libFuzzer's own time-out (our SIGALRM limit would fight its alarm) and memory.
INPUT_TIMEOUT_S = 20
RSS_LIMIT_MB = 2048
MAX_INPUT_BYTES = 256 * 1024  # mutations of larger inputs mostly test pdfminer's speed

SEEDS: dict[str, list[str]] = {
    "pdf": ["samples/cards/*.pdf", "samples/press/*.pdf"],
    "text": ["samples/cards/*.txt", "samples/cards/*.md", "samples/press/*.txt"],
    "html": ["samples/cards/*.html", "samples/press/*.html"],
    "sniff": ["samples/cards/*.txt", "samples/press/*.html"],
}
HOSTILE_SEEDS = {
    "pdf": ["truncated_50.pdf", "prev_loop.pdf", "cyclic_xobjects.pdf", "xref_missing.pdf",
            "zero_pages.pdf", "encrypted_other_password.pdf"],
    "text": ["cp949.txt", "utf16_bom.txt", "invalid_utf8.txt"],
    "html": [],
    "sniff": ["nul_bytes.txt", "utf16_no_bom.txt", "random.bin.pdf"],
}
READER_MODULES = ["gongmun.extract.pdf", "gongmun.extract.html", "gongmun.extract.text",
                  "gongmun.extract.guards", "gongmun.extract.sniff", "pdfminer.pdfdocument",
                  "pdfminer.pdfpage", "pdfminer.pdfparser", "pdfminer.pdfinterp",
                  "pdfminer.converter", "pdfminer.pdftypes", "pdfplumber"]
NAMES = {"pdf": "fuzz.pdf", "text": "fuzz.txt", "html": "fuzz.html", "sniff": "fuzz.bin"}


class InternalError(Exception):
    """A crash for the fuzzer: our code failed on this input."""


def make_target(target: str) -> Callable[[bytes], None]:
    from gongmun.extract.limits import Limits
    from gongmun.pipeline import convert

    limits = Limits(timeout_s=None, memory_mb=None)
    name = NAMES[target]

    def one_input(data: bytes) -> None:
        if target == "sniff":
            from gongmun.extract.errors import ExtractError
            from gongmun.extract.sniff import sniff

            try:
                sniff(data)
            except ExtractError:
                return
            return
        result = convert(name, data=data, correct=False, limits=limits)
        if result.error_kind == "internal":
            raise InternalError(f"{result.error}\n{result.traceback}")

    return one_input


def corpus_dir(target: str) -> Path:
    """`.fuzz/TARGET` in the repository: the corpus grows from run to run."""
    folder = REPO / ".fuzz" / target
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def seed_files(target: str, folder: Path) -> list[bytes]:
    from hostile import HOSTILE

    seeds = [p.read_bytes() for pattern in SEEDS[target] for p in sorted(REPO.glob(pattern))]
    seeds += [HOSTILE[name][0]() for name in HOSTILE_SEEDS[target]]
    seeds = [s[:MAX_INPUT_BYTES] for s in seeds]
    for n, data in enumerate(seeds):
        (folder / f"seed{n:03d}").write_bytes(data)
    return seeds


def run_atheris(target: str, seconds: int) -> int:
    import atheris

    with atheris.instrument_imports(include=["gongmun", "pdfminer", "pdfplumber",
                                             "charset_normalizer"]):
        # The readers load lazily; imported here, so that their code is instrumented.
        for module in READER_MODULES:
            importlib.import_module(module)
        one_input = make_target(target)
    corpus = corpus_dir(target)
    seed_files(target, corpus)
    argv = [sys.argv[0], str(corpus), f"-max_total_time={seconds}",
            f"-timeout={INPUT_TIMEOUT_S}", f"-rss_limit_mb={RSS_LIMIT_MB}",
            f"-max_len={MAX_INPUT_BYTES}", "-print_final_stats=1",
            f"-artifact_prefix={corpus.parent}/{target}-"]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


def run_random(target: str, seconds: int) -> int:
    """The fallback: random byte mutations of the seeds, for `seconds`."""
    one_input = make_target(target)
    seeds = seed_files(target, corpus_dir(target))
    rng = random.Random(0)
    runs = crashes = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 16)):
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2 and data:
            del data[rng.randrange(len(data)):]
        try:
            one_input(bytes(data))
        except InternalError as err:
            crashes += 1
            print(f"crash: {err}", file=sys.stderr)
        runs += 1
    print(f"{target}: {runs} runs in {seconds} s, {crashes} crashes (random mutator)")
    return 1 if crashes else 0


def main() -> int:
    logging.disable(logging.WARNING)  # pdfminer warns on every damaged object
    target = sys.argv[1] if len(sys.argv) > 1 else ""
    if target not in SEEDS:
        print(f"usage: fuzz_readers.py {{{','.join(SEEDS)}}} [SECONDS]", file=sys.stderr)
        return 2
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    sys.argv = sys.argv[:1]
    try:
        import atheris  # noqa: F401
    except ImportError:
        return run_random(target, seconds)
    return run_atheris(target, seconds)


if __name__ == "__main__":
    sys.exit(main())
