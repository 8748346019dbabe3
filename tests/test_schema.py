from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongmun.schemas.jsonschema import record_json_schema

SCHEMA_FILE = Path(__file__).parents[1] / "schemas" / "record.schema.json"


def test_checked_in_schema_is_in_sync_with_the_models() -> None:
    assert json.loads(SCHEMA_FILE.read_text()) == json.loads(record_json_schema()), (
        "regenerate with: gongmun schema > schemas/record.schema.json")


def test_schema_names_the_contract_fields() -> None:
    schema = json.loads(record_json_schema())
    envelope = set(schema["properties"])
    assert {"schema_version", "doc_type", "source", "title", "blocks", "tables", "card",
            "press", "corrections", "warnings"} <= envelope
    card = set(schema["$defs"]["Card"]["properties"])
    assert {"pledge_name", "management_no", "funding", "goals", "communication",
            "expected_effects", "total_budget_krw", "budget_sources_krw"} <= card


def _card_fields_rows() -> list[list[str]]:
    from importlib import resources

    text = resources.files("gongmun.normalize").joinpath("data", "card_fields.tsv").read_text()
    return [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith("#")]


def test_card_fields_and_the_contract_types_agree() -> None:
    from gongmun.schemas.models import card_field_mismatches

    assert card_field_mismatches(_card_fields_rows()) == []


def test_a_source_added_to_the_tsv_alone_is_a_mismatch() -> None:
    from gongmun.schemas.models import card_field_mismatches

    rows = [*_card_fields_rows(), ["funding", "구비", "district"]]
    assert card_field_mismatches(rows) == [
        "card_fields.tsv fills funding with ['district'], which the record contract does not "
        "allow (schemas/models.py)"]


def test_a_status_dropped_from_the_tsv_is_a_mismatch() -> None:
    from gongmun.schemas.models import card_field_mismatches

    rows = [r for r in _card_fields_rows() if r[:2] != ["status", "미착수"]]
    assert card_field_mismatches(rows) == ["card_fields.tsv has no status row for ['미착수']"]


IMPORT_WITH_A_NEW_SOURCE = """
import gongmun.normalize.resources as resources
real = resources.read_table
resources.read_table = lambda name: real(name) + (
    [["funding", "구비", "district"]] if name == "card_fields.tsv" else [])
import gongmun.schemas.models
"""


@pytest.mark.slow
def test_the_package_refuses_to_import_when_the_tsv_and_the_types_disagree() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IMPORT_WITH_A_NEW_SOURCE],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "VocabularyMismatch: card_fields.tsv fills funding with ['district']" in done.stderr
