"""Per-field accuracy of the press builder on the held-out press corpus.

    python scripts/eval_press.py [dev|heldout] [--failures]

Scores `tests/data/press_corpus/<split>/` (made by `scripts/press_corpus.py`; heldout by
default: rules are tuned on dev only). Each document is scored in both of its forms (page dump
and HTML); a field is right when it equals the truth exactly (quotes as (speaker, role, text)
in order, amounts as won values in order). The press field score is the mean over every
field of every document.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "press_corpus"
FIELDS = ("headline", "subheadline", "outlet", "reporter", "published_at", "paragraphs",
          "quotes", "amounts")


def predicted(press: Any) -> dict[str, Any]:
    if press is None:
        return dict.fromkeys(FIELDS)
    return {
        "headline": press.headline, "subheadline": press.subheadline, "outlet": press.outlet,
        "reporter": press.reporter, "published_at": press.published_at,
        "paragraphs": press.paragraphs,
        "quotes": [[q.speaker, q.role, q.text] for q in press.quotes],
        "amounts": [a.krw for a in press.amounts],
    }


def expected(truth: dict[str, Any]) -> dict[str, Any]:
    out = {k: truth[k] for k in FIELDS if k in truth}
    out["amounts"] = truth["amounts_krw"]
    return out


def score(split: str = "heldout") -> tuple[dict[str, list[bool]], list[tuple[str, str, Any, Any]],
                                           dict[str, dict[str, list[bool]]]]:
    from gongmun.pipeline import extract

    results: dict[str, list[bool]] = defaultdict(list)
    by_template: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    failures: list[tuple[str, str, Any, Any]] = []
    for truth_path in sorted((CORPUS / split).glob("*.json")):
        truth = expected(json.loads(truth_path.read_text(encoding="utf-8")))
        template = truth_path.stem.rsplit("_", 1)[0]
        for suffix in (".txt", ".html"):
            path = truth_path.with_suffix(suffix)
            record = extract(path)
            got = predicted(record.press)
            for name in FIELDS:
                ok = got[name] == truth[name]
                results[name].append(ok)
                by_template[template][name].append(ok)
                if not ok:
                    failures.append((path.name, name, truth[name], got[name]))
    return results, failures, by_template


def main(argv: list[str]) -> int:
    split = next((a for a in argv if not a.startswith("-")), "heldout")
    results, failures, by_template = score(split)
    n = len(results["headline"])
    print(f"press corpus ({split}): {n // 2} documents x 2 forms (page dump, HTML)")
    for name in FIELDS:
        right = sum(results[name])
        print(f"  {name:13s} {right / n:6.3f}  ({right}/{n})")
    total = sum(sum(v) for v in results.values()) / sum(len(v) for v in results.values())
    print(f"  press field score {total:.3f}")
    weak = [(t, f) for t, fields in sorted(by_template.items())
            for f in ("headline", "published_at") if not all(fields[f])]
    print("  headline and published_at right on every template"
          if not weak else f"  templates with misses: {weak}")
    if "--failures" in argv:
        for name, field, want, got in failures:
            print(f"{name} {field}\n  want {want!r}\n  got  {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
