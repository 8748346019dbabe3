"""The JSON Schema of a record, generated from the pydantic models."""

from __future__ import annotations

import json

from .models import Record


def record_json_schema() -> str:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://gongmun.invalid/record.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True)
