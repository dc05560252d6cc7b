"""Every command's JSON document is valid under its published JSON Schema, and the shipped
schemas are those the result types' declarations give (docs: *JSON Schemas*)."""

from __future__ import annotations

import json

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
