"""Every command's JSON document is valid under its published JSON Schema, and the shipped
schemas are those the result types' declarations give (docs: *JSON Schemas*)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from cluster_excellence.cli import main
from cluster_excellence.renderers.documents import DOCUMENTS, schema_name, schemas

from .documents import DATA, shipped, validate

#: Each command's arguments for its JSON document on the shipped samples.
COMMANDS = {
    "cluster-excellence.status/1": ["status", "--on", "2026-11-20"],
    "cluster-excellence.eligibility/1": ["eligibility", "--tier", "silver", "--on", "2026-11-20"],
    "cluster-excellence.plan/1": ["plan", "--on", "2026-11-20", "--programme", "no-gce"],
    "cluster-excellence.compliance/1": ["compliance", "--programme", "de-go-cluster"],
    "cluster-excellence.changes/1": [
        "changes",
        "--from",
        "2020-01-01",
        "--to",
        "2026-11-20",
        "--programme",
        "de-go-cluster",
    ],
    "cluster-excellence.check/1": ["check"],
    "cluster-excellence.gold-score/1": ["gold-score", "--on", "2026-11-20"],
    "cluster-excellence.scorecard/1": ["scorecard", "--on", "2026-11-20"],
}


def test_every_document_has_a_command_here() -> None:
    assert set(COMMANDS) == set(schemas())
    assert len(DOCUMENTS) == len(schemas())


@pytest.mark.parametrize("format", sorted(schemas()))
def test_the_shipped_schema_is_the_declared_one(format: str) -> None:
    jsonschema.Draft202012Validator.check_schema(shipped(format))
    assert shipped(format) == schemas()[format], "run `python tools/make_output_schemas.py`"
    assert (DATA / f"{schema_name(format)}.schema.json").is_file()


@pytest.mark.parametrize("format", sorted(COMMANDS))
def test_every_command_writes_a_valid_document(
    capsys: pytest.CaptureFixture[str], format: str
) -> None:
    assert main([*COMMANDS[format], "--format", "json"]) in (0, 1)  # check: 1 with findings
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == format
    validate(document)


def test_a_document_with_a_key_the_schema_does_not_name_is_caught(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["status", "--on", "2026-11-20", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    document["clusters"][0]["cluster"] = "qoot"
    jsonschema.Draft202012Validator(shipped(document["format"])).validate(document)  # allowed
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        validate(document)  # but not by the strict form the tests hold the writers to


def test_no_document_and_no_table_names_a_cluster_cluster() -> None:
    for format in schemas():
        assert '"cluster"' not in json.dumps(schemas()[format]), format
    for kind in DOCUMENTS:
        for table in kind.LAYOUT.tables:
            names = {column.name for column in table.columns}
            assert "cluster" not in names
            assert {"cluster_id", "cluster_name"} <= names or not names & {"cluster_id"}


def _bare_objects(schema: object, path: str = "") -> list[str]:
    """The places in ``schema`` of an object that says nothing of its keys or values."""
    found: list[str] = []
    if isinstance(schema, dict):
        says = {"properties", "additionalProperties", "patternProperties"}
        if schema.get("type") == "object" and not says & set(schema):
            found.append(path)
        for key, value in schema.items():
            found += _bare_objects(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += _bare_objects(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("format", sorted(schemas()))
def test_every_object_of_a_document_is_described(format: str) -> None:
    # A message's values are the one open object: their names are the message's own
    # (docs: *File formats*, "One vocabulary").
    bare = [path for path in _bare_objects(shipped(format)) if not path.endswith("/values")]
    assert bare == []


def test_the_scorecard_schema_holds_its_clusters_and_lights(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scorecard", "--on", "2026-11-20", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    validate(document)
    entry = document["clusters"][0]
    assert set(entry) == {"id", "name", "benchmark_date", "lights"}
    wrong = json.loads(json.dumps(document))
    wrong["clusters"][0]["lights"]["B-STR-01"] = "blue"
    with pytest.raises(jsonschema.ValidationError, match="'blue' is not one of"):
        jsonschema.Draft202012Validator(shipped(document["format"])).validate(wrong)
    wrong = json.loads(json.dumps(document))
    wrong["clusters"][0]["cluster"] = "region-01"
    with pytest.raises(jsonschema.ValidationError, match="Additional properties"):
        validate(wrong)
    wrong = json.loads(json.dumps(document))
    del wrong["indicators"][0]["lights"]["undetermined"]
    with pytest.raises(jsonschema.ValidationError, match="'undetermined' is a required"):
        validate(wrong)


def _named_keys(schema: object) -> set[str]:
    """Every key a schema names, at any depth."""
    names: set[str] = set()
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            names.update(properties)
        for value in schema.values():
            names |= _named_keys(value)
    elif isinstance(schema, list):
        for value in schema:
            names |= _named_keys(value)
    return names


#: Quoted words in the docs that look like keys and are none: misspelt keys the docs
#: show being refused, a word in quotes in prose, a renderer's registration.
_NOT_KEYS = {"contry", "pased", "fixed", "md"}


def test_the_docs_examples_use_the_published_keys() -> None:
    root = Path(__file__).resolve().parents[1]
    names: set[str] = set()
    for schema in DATA.glob("*.schema.json"):
        names |= _named_keys(json.loads(schema.read_text("utf-8")))
    unknown = []
    for page in [*sorted((root / "docs").glob("*.rst")), root / "README.md"]:
        # a message's values are named by the message (the one open object)
        text = re.sub(r'"values"\s*:\s*\{[^}]*\}', '"values": {}', page.read_text("utf-8"))
        for key in re.findall(r'"([a-z_]+)"\s*:', text):
            if key not in names | _NOT_KEYS:
                unknown.append(f"{page.name}: {key}")
        # "cluster" is no key in any form: neither "cluster": ... nor {"cluster", ...}
        if re.search(r'"cluster"\s*[:,}\]]', text):
            unknown.append(f"{page.name}: cluster")
    assert unknown == []
