from __future__ import annotations

import json
from pathlib import Path

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
