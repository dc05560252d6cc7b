"""Validating output documents against their published JSON Schemas, for the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from cluster_excellence.renderers.documents import schema_name

DATA = Path(__file__).resolve().parents[1] / "src" / "cluster_excellence" / "data"


def shipped(format: str) -> dict[str, Any]:
    """The schema shipped with the package for the document ``format``."""
    path = DATA / f"{schema_name(format)}.schema.json"
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


def _strict(schema: Any) -> Any:
    """``schema`` allowing no key it does not name (the published one allows later keys)."""
    if isinstance(schema, dict):
        found = {key: _strict(value) for key, value in schema.items()}
        if found.get("type") == "object" and "properties" in found:
            found["additionalProperties"] = False
        return found
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def validate(document: dict[str, Any]) -> None:
    """Validate an output document against its published schema, and against the strict
    form of it (no key the schema does not name: the document and its schema agree)."""
    schema = shipped(document["format"])
    jsonschema.Draft202012Validator(schema).validate(document)
    jsonschema.Draft202012Validator(_strict(schema)).validate(document)
