"""Table structure and card fields of the PDF and scan samples, scored against their truth.

The truth is `samples/make_samples.py`: every generated card's tables as a reader should
return them (`*_rows`) and its fields (`CARDS`). For each sample PDF or scan of a card:

- cell accuracy: share of the truth's cells (header, funding, goals, communication tables)
  whose text the extracted table has at the same (row, col), compared without whitespace;
- field accuracy: share of the card's header fields and funding amounts that equal the truth
  (after the pipeline's normalization and OCR correction).

Then the table-layout set (`make_samples.TABLE_SET`: the cards set without rules, with
horizontal rules only, unshaded, narrower, in other faces and sizes), generated into a
temporary folder and split by document into dev (what the reader was tuned on) and held-out
(scored only): each document's figures and each split's mean cell and field accuracy.

Run: `python scripts/eval_tables.py [--set-only]` (part of `make eval`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "samples"))

import make_samples  # noqa: E402

_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def truth_tables(card: dict[str, Any]) -> list[list[list[str]]]:
    return [make_samples.header_rows(card), make_samples.funding_rows(card),
            make_samples.goals_rows(card), make_samples.communication_rows(card)]


def cell_accuracy(expected: list[list[list[str]]], found: list[list[list[str]]]) -> float:
    """Each truth table is matched to the extracted table that shares most cells with it."""
    right = total = 0
    for table in expected:
        cells = [(r, c, squash(v)) for r, row in enumerate(table) for c, v in enumerate(row)
                 if v]
        total += len(cells)
        right += max((sum(1 for r, c, v in cells if r < len(t) and c < len(t[r])
                          and squash(t[r][c]) == v) for t in found), default=0)
    return right / total if total else 1.0


def card_fields(card: dict[str, Any]) -> dict[str, Any]:
    """The truth of the fields scored, in record form (amounts in won)."""
    won = 1_000_000
    fields: dict[str, Any] = {
        "pledge_name": card["pledge_name"],
        "pledge_subtitle": card["pledge_subtitle"].strip("()"),
        "management_no": card["management_no"], "department": card["department"],
        "officer.name": card["officer"]["name"], "officer.phone": card["officer"]["phone"],
        "target": card["target"], "status": card["status"],
    }
    years = make_samples.FUNDING_COLUMNS[1:-1]
    for key, _ in make_samples.FUNDING_SOURCES:
        for year, value in zip(years, card["funding"][key][1:-1], strict=True):
            fields[f"funding.{key}.{year[:4]}"] = value * won if value is not None else None
    return fields


def record_fields(record: dict[str, Any]) -> dict[str, Any]:
    card = record.get("card") or {}
    out = {k: card.get(k) for k in ("pledge_name", "pledge_subtitle", "management_no",
                                     "department", "target", "status")}
    officer = card.get("officer") or {}
    out["officer.name"], out["officer.phone"] = officer.get("name"), officer.get("phone")
    for row in (card.get("funding") or {}).get("rows", []):
        for year, value in row.get("by_year_krw", {}).items():
            out[f"funding.{row['source']}.{year}"] = value
    return out


def field_accuracy(truth: dict[str, Any], found: dict[str, Any]) -> float:
    def same(a: Any, b: Any) -> bool:
        return squash(a) == squash(b) if isinstance(a, str) and isinstance(b, str) else a == b

    return sum(1 for k, v in truth.items() if same(v, found.get(k))) / len(truth)


SCORED: dict[str, str] = {
    **{card["file"]: card["file"] for card in make_samples.CARDS},
    **{variant.file: variant.card for variant in make_samples.VARIANTS},
    **make_samples.CID_CARDS,
    **{scan.file: scan.card for scan in make_samples.SCANS},
}


TABLE_SET: dict[str, str] = {variant.file: variant.card for _, variant in make_samples.TABLE_SET}
TABLE_SET.update({scan.file: TABLE_SET[scan.card] for _, scan in make_samples.TABLE_SET_SCANS})


def score(sample: str, folder: Path = REPO / "samples" / "cards") -> tuple[float, float]:
    from gongmun.pipeline import extract

    return score_record(sample, extract(folder / sample).model_dump(mode="json"))


def score_record(sample: str, record: dict[str, Any]) -> tuple[float, float]:
    """(cell accuracy, field accuracy) of a sample's record."""
    card_file = SCORED.get(sample) or TABLE_SET[sample]
    card = next(c for c in make_samples.CARDS if c["file"] == card_file)
    tables = [t["rows"] for t in record["tables"]]
    scans = [*make_samples.SCANS, *(scan for _, scan in make_samples.TABLE_SET_SCANS)]
    pages = next((s.pages for s in scans if s.file == sample), None)
    expected = truth_tables(card)
    if pages == (1,):  # a one-page scan holds the header and funding tables only
        expected = expected[:2]
    truth = card_fields(card)
    return cell_accuracy(expected, tables), field_accuracy(truth, record_fields(record))


def score_table_set() -> dict[str, list[tuple[str, float, float]]]:
    """(document, cells, fields) of every TABLE_SET document, by split."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        by_split = make_samples.generate_table_set(Path(tmp))
        return {split: [(p.name, *score(p.name, p.parent)) for p in paths]
                for split, paths in by_split.items()}


def main() -> None:
    print(f"{'sample':45} {'cells':>6} {'fields':>6}")
    if "--set-only" not in sys.argv:
        for sample in SCORED:
            cells, fields = score(sample)
            print(f"{sample:45} {cells:6.3f} {fields:6.3f}")
    scans = {scan.file for _, scan in make_samples.TABLE_SET_SCANS}
    for split, results in score_table_set().items():
        print(f"-- table-layout set: {split}")
        for name, cells, fields in results:
            print(f"{name:45} {cells:6.3f} {fields:6.3f}")
        for kind, part in (("text layer", [r for r in results if r[0] not in scans]),
                           ("scans", [r for r in results if r[0] in scans]), ("all", results)):
            if part:
                print(f"{f'mean ({split}, {kind})':45} {sum(r[1] for r in part) / len(part):6.3f}"
                      f" {sum(r[2] for r in part) / len(part):6.3f}")


if __name__ == "__main__":
    main()
