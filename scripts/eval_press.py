"""Per-field accuracy of the press builder on the held-out press corpus.

    python scripts/eval_press.py [dev|heldout] [--failures] [--ocr]

Scores `tests/data/press_corpus/<split>/` (made by `scripts/press_corpus.py`; heldout by
default: rules are tuned on dev only). Each document is scored in both of its forms (page dump
and HTML); a field is right when it equals the truth exactly (quotes as (speaker, role, text)
in order, amounts as won values in order). The press field score is the mean over every
field of every document.

Then the OCR'd releases of `tests/data/press_ocr_corpus/<split>/` (`--ocr`: those alone):
보도자료 page images read by the scan path (cached), scored per field (`ocr_fields`).
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


# --- OCR'd releases (tests/data/press_ocr_corpus, made by scripts/press_ocr_corpus.py) -------

OCR_FIELDS = ("headline", "headline_line", "subheadline", "outlet", "published_at",
              "contact_phones", "contact_names", "contact_departments")
HEADLINE_MIN_SIMILARITY = 0.8
"""An OCR'd headline is the right line when its letters match the truth's this well (edit
similarity, spaces ignored): Tesseract misreads some syllables of the right line, and on the
dev releases every other line of page 1 scores at most 0.65 against the headline (the body's
first sentence, which repeats its words)."""


def similarity(a: str | None, b: str | None) -> float:
    """1 - edit distance / the longer length, spaces ignored; 1.0 for two Nones."""
    import re
    from difflib import SequenceMatcher

    if a is None or b is None:
        return float(a is None and b is None)
    x, y = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    return SequenceMatcher(None, x, y, autojunk=False).ratio() if x or y else 1.0


LINE_MATCH = 0.9
"""`headline_line`: the headline is the right line(s) when it is, within OCR's respacing,
the text of the lines that stand where the headline was drawn (`headline_box` of the truth):
how well OCR read those lines is not the builder's doing."""
BOX_SLACK_PT = 4.0
"""A line belongs to the headline's box when its middle is within it, give or take the
tilt of a scan (at most 0.6 degree over a 480 pt line: 5 pt end to end, 2.5 at the middle)."""


def headline_lines_text(doc: Any, box: list[float] | None) -> str | None:
    """The text of the page-1 lines (not tables) whose middle stands in the headline's box."""
    if box is None:
        return None
    top, bottom = box[1] - BOX_SLACK_PT, box[3] + BOX_SLACK_PT
    lines = [b for b in doc.blocks if b.page in (None, 1) and b.bbox is not None
             and b.type.value != "table" and top <= (b.bbox[1] + b.bbox[3]) / 2 <= bottom]
    return " ".join(b.text for b in sorted(lines, key=lambda b: b.bbox[1])) or None


def ocr_fields(press: Any, truth: dict[str, Any], doc: Any = None) -> dict[str, bool]:
    """Per field: is the OCR'd release's record right? Headline and sub-headline lines by
    similarity (the right lines, read with OCR noise); office and time exactly; contacts: the
    phone numbers exactly (as a set), and no name given that is wrong (a name OCR garbled must
    be left out, not invented) with at least half the names found."""
    if press is None:
        return dict.fromkeys(OCR_FIELDS, False)
    want_subs = (truth["subheadline"] or "").split("\n") if truth["subheadline"] else []
    got_subs = (press.subheadline or "").split("\n") if press.subheadline else []
    phones = {c.phone for c in press.contacts if c.phone}
    read = similarity(press.headline, truth["headline"])
    drawn = headline_lines_text(doc, truth.get("headline_box")) if doc is not None else None
    want_phones = {c["phone"] for c in truth["contacts"] if c["phone"]}
    want_names = {c["name"] for c in truth["contacts"] if c["name"]}
    names = [c.name for c in press.contacts if c.name]
    return {
        "headline": read >= HEADLINE_MIN_SIMILARITY,
        "headline_line": read >= HEADLINE_MIN_SIMILARITY
        or (drawn is not None and similarity(press.headline, drawn) >= LINE_MATCH),
        "subheadline": len(got_subs) == len(want_subs) and all(
            similarity(g, w) >= HEADLINE_MIN_SIMILARITY
            for g, w in zip(got_subs, want_subs, strict=True)),
        "outlet": press.outlet == truth["outlet"],
        "published_at": press.published_at == truth["published_at"],
        "contact_phones": phones == want_phones,
        "contact_names": all(n in want_names for n in names)
        and 2 * len(set(names) & want_names) >= len(want_names),
        "contact_departments": _departments_right(press.contacts, truth["contacts"]),
    }


def _departments_right(got: list[Any], want: list[dict[str, Any]]) -> bool:
    """Each contact found by its phone number carries its 과/팀: its department ends as the
    truth's last word does (a table may print the office's name or leave it to the header)."""
    by_phone = {c["phone"]: c["department"] for c in want if c["phone"]}
    pairs = [(c.department, by_phone[c.phone]) for c in got if c.phone in by_phone]
    def tail(department: str, unit: str) -> str:  # OCR may drop the space before the 과
        return department.replace(" ", "")[-len(unit):]

    return bool(pairs) and all(
        d is not None and similarity(tail(d, w.split()[-1]), w.split()[-1])
        >= HEADLINE_MIN_SIMILARITY for d, w in pairs)


def score_ocr(split: str = "heldout") -> tuple[dict[str, list[bool]],
                                               list[tuple[str, str, Any, Any]]]:
    sys.path.insert(0, str(REPO / "scripts"))
    import press_ocr_corpus

    from gongmun.normalize import default_correctors, normalize_document
    from gongmun.schemas.build import build_record

    results: dict[str, list[bool]] = defaultdict(list)
    failures: list[tuple[str, str, Any, Any]] = []
    for doc_id, doc, truth in press_ocr_corpus.load(split):
        normalized = normalize_document(doc, default_correctors())
        record = build_record(normalized, pipeline_version="eval")
        for name, ok in ocr_fields(record.press, truth, normalized.document).items():
            results[name].append(ok)
            if not ok:
                got = _ocr_value(record.press, name)
                want = truth.get(name.removesuffix("_line"), truth["contacts"])
                failures.append((doc_id, name, want, got))
    return results, failures


def _ocr_value(press: Any, name: str) -> Any:
    if press is None:
        return None
    if name == "contact_departments":
        return [(c.department, c.phone) for c in press.contacts]
    if name.startswith("contact"):
        return [(c.name, c.phone) for c in press.contacts]
    return getattr(press, name.removesuffix("_line"))


def print_ocr(split: str, show_failures: bool) -> None:
    results, failures = score_ocr(split)
    n = len(results["headline"])
    what = "the household-loans PDF (kept apart)" if split == "target" else \
        f"{n} releases read from page images"
    print(f"OCR'd releases ({split}): {what}")
    for name in OCR_FIELDS:
        right = sum(results[name])
        print(f"  {name:19s} {right / n:6.3f}  ({right}/{n})" if n else f"  {name}: none")
    if show_failures:
        for doc_id, field, want, got in failures:
            print(f"{doc_id} {field}\n  want {want!r}\n  got  {got!r}")


def main(argv: list[str]) -> int:
    split = next((a for a in argv if not a.startswith("-")), "heldout")
    if "--ocr" in argv:
        print_ocr(split, "--failures" in argv)
        return 0
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
    print_ocr(split, "--failures" in argv)
    print_ocr("target", "--failures" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
