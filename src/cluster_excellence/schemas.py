"""JSON Schemas (draft 2020-12) of the portfolio and catalogue file formats.

The schemas describe the shape of the files for other tools (editors,
validators in other languages). The package's readers check more than a
schema can say: that dates exist (2019-02-30 fits the date pattern), that
cluster ids and indicator codes are unique, that no stated label repeats,
that no assessment type repeats on a day, that a Gold audit's ``passed``
agrees with its score, that an indicator's minimum is not stricter than its
threshold, and that indicator values fit their catalogue. Every document the readers accept is valid
under the schemas (the test suite checks this).

The same schemas are shipped as ``data/portfolio.schema.json`` and
``data/catalogue.schema.json``.

>>> portfolio_schema()["properties"]["format"]
{'const': 'cluster-excellence.portfolio/1'}
"""

from __future__ import annotations

from typing import Any

from ._countries import ALPHA_2
from .catalogue import CATALOGUE_FORMAT, Direction, Provenance, ValueKind
from .portfolio import FORMAT, MEMBER_TYPES
from .tiers import Tier

__all__ = ["catalogue_schema", "portfolio_schema"]

_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_TEXT = {"type": "string", "pattern": "\\S"}
_DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_VALUE = {"type": ["number", "boolean"]}
_NON_NEGATIVE = {"type": "number", "minimum": 0}


def _object(properties: dict[str, Any], required: list[str], **more: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
        **more,
    }


def portfolio_schema() -> dict[str, Any]:
    """The schema of ``cluster-excellence.portfolio/1`` files."""
    values = {"type": "object", "additionalProperties": _VALUE, "propertyNames": _TEXT}
    common = {"date": _DATE, "note": _TEXT}
    benchmarking = _object(
        {
            "type": {"const": "benchmarking"},
            **common,
            "awarded": {"type": "boolean"},
            "indicators": values,
        },
        ["type", "date"],
    )
    area = _object(
        {
            "indicators": {"type": "array", "minItems": 1, "items": _TEXT},
            "description": _TEXT,
            "effect": _TEXT,
            "validated": {"type": "boolean"},
        },
        ["indicators"],
    )
    silver = _object(
        {
            "type": {"const": "silver_audit"},
            **common,
            "passed": {"type": "boolean"},
            "minimum_requirements_met": {"type": "boolean"},
            "improvement_areas": {"type": "array", "items": area},
        },
        ["type", "date", "passed"],
    )
    gold = _object(
        {
            "type": {"const": "gold_audit"},
            **common,
            "passed": {"type": "boolean"},
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "minimum_requirements_met": {"type": "boolean"},
            "indicators": values,
            "self_test_passed": {"type": "boolean"},
            "audit_days": {"type": "number", "exclusiveMinimum": 0},
            "experts": {"type": "integer", "minimum": 1},
        },
        ["type", "date"],
        anyOf=[{"required": ["passed"]}, {"required": ["score"]}],
    )
    organisation = _object(
        {
            "eccp_listed": {"type": "boolean"},
            "management_fte": _NON_NEGATIVE,
            "committed_members": {"type": "integer", "minimum": 0},
            "member_types": {
                "type": "array",
                "uniqueItems": True,
                "items": {"enum": list(MEMBER_TYPES)},
            },
            "public_cooperation": {"type": "boolean"},
            "english_website": {"type": "boolean"},
            "programme_recognition": _TEXT,
        },
        [],
    )
    stated = _object(
        {"tier": {"enum": [t.value for t in Tier]}, "valid_until": _DATE, "source": _TEXT},
        ["tier", "valid_until"],
    )
    cluster = _object(
        {
            "id": _TEXT,
            "name": _TEXT,
            "country": {"enum": sorted(ALPHA_2)},
            "comparative_portfolio": _TEXT,
            "website": _TEXT,
            "note": _TEXT,
            "organisation": organisation,
            "stated_labels": {"type": "array", "items": stated},
            "assessments": {"type": "array", "items": {"oneOf": [benchmarking, silver, gold]}},
        },
        ["id", "name", "assessments"],
    )
    return {
        "$schema": _DRAFT,
        "$id": FORMAT,
        "title": "cluster_excellence portfolio file",
        **_object(
            {"format": {"const": FORMAT}, "clusters": {"type": "array", "items": cluster}},
            ["format", "clusters"],
        ),
    }


def catalogue_schema() -> dict[str, Any]:
    """The schema of ``cluster-excellence.catalogue/1`` files."""
    provenance = {"enum": [p.value for p in Provenance]}
    area = _object(
        {"code": _TEXT, "name": _TEXT, "source": _TEXT, "provenance": provenance},
        ["code", "name", "source", "provenance"],
    )
    indicator = _object(
        {
            "code": _TEXT,
            "name": _TEXT,
            "area": _TEXT,
            "kind": {"enum": [k.value for k in ValueKind]},
            "direction": {"enum": [d.value for d in Direction]},
            "unit": _TEXT,
            "scale": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            "gold_threshold": _VALUE,
            "points": {"type": "integer", "minimum": 1},
            "minimum": _VALUE,
            "source": _TEXT,
            "provenance": provenance,
        },
        ["code", "name", "area", "kind", "direction", "source", "provenance"],
        dependentRequired={"points": ["gold_threshold"]},
    )
    return {
        "$schema": _DRAFT,
        "$id": CATALOGUE_FORMAT,
        "title": "cluster_excellence indicator catalogue",
        **_object(
            {
                "format": {"const": CATALOGUE_FORMAT},
                "id": _TEXT,
                "version": _TEXT,
                "title": _TEXT,
                "purpose": {"enum": ["benchmarking", "gold"]},
                "areas": {"type": "array", "items": area},
                "indicators": {"type": "array", "items": indicator},
            },
            ["format", "id", "version", "title", "purpose", "areas", "indicators"],
        ),
    }
