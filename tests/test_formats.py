"""One reader and writer for the four JSON formats, and the presets it reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Rulebook,
    benchmarking_catalogue,
    get_programme,
    get_rulebook,
    sample_portfolio,
)
from cluster_excellence.errors import (
    CatalogueError,
    PortfolioError,
    ProgrammeError,
    RulebookError,
)
from cluster_excellence.files._json import package_data
from cluster_excellence.files.catalogue import CATALOGUE_FILES
from cluster_excellence.files.formats import INDENT, Format
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.presets import (
    PROGRAMME_IDS,
    PROGRAMME_PRESETS,
    RULEBOOK_IDS,
    RULEBOOK_PRESETS,
)
from cluster_excellence.files.programme import PROGRAMME_FILES
from cluster_excellence.files.rulebook import RULEBOOK_FILES, SHIPPED_FILE
from cluster_excellence.model.rulebooks import parameters

ROOT = Path(__file__).resolve().parents[1]
PRESETS = ROOT / "src" / "cluster_excellence" / "data" / "presets"

#: Each format, a value of it, and its error.
FORMATS: list[tuple[Format[Any], Any, type[Exception]]] = [
    (PORTFOLIO_FILES, sample_portfolio(), PortfolioError),
    (CATALOGUE_FILES, benchmarking_catalogue(), CatalogueError),
    (RULEBOOK_FILES, DEFAULT_RULEBOOK, RulebookError),
    (PROGRAMME_FILES, get_programme("de-go-cluster"), ProgrammeError),
]
IDS = [files.what for files, _, _ in FORMATS]


@pytest.mark.parametrize(("files", "value", "error"), FORMATS, ids=IDS)
def test_each_format_reads_parses_writes_and_describes_alike(
    files: Format[Any], value: Any, error: type[Exception], tmp_path: Path
) -> None:
    text = files.to_json(value)
    path = tmp_path / "document.json"
    path.write_text(text, encoding="utf-8")
    assert files.read(path) == value
    assert files.parse(text) == value
    assert files.parse(text.encode("utf-8"), source="<stdin>") == value  # standard input's
    assert files.check(json.loads(text), source="table") == value
    assert json.loads(text)["format"] == files.format == files.schema()["$id"]
    assert next(iter(json.loads(text))) == "format"
    assert text.startswith("{\n" + " " * INDENT + '"format": ')  # one indentation for all
    assert files.to_json(files.parse(text)) == text
    with pytest.raises(error, match=r"document.json: the file is larger than 10 bytes"):
        files.read(path, max_bytes=10)
    assert repr(files) == f"<Format {files.format}>"


@pytest.mark.parametrize(("files", "value", "error"), FORMATS, ids=IDS)
def test_each_format_refuses_what_is_no_object_with_its_own_error(
    files: Format[Any], value: Any, error: type[Exception]
) -> None:
    with pytest.raises(error) as caught:
        files.parse("[]", source="x.json")
    assert str(caught.value) == "x.json: the document must be a JSON object, not a list"
    with pytest.raises(error) as caught:
        files.check([], source="table")
    assert str(caught.value) == "table: the document must be a JSON object, not a list"
    with pytest.raises(error) as caught:
        files.parse('{"format": "x"}', source="x.json")
    assert f"format: \"x\" is not a supported format (expected '{files.format}')" in str(
        caught.value
    )


def test_the_size_limits_are_the_formats_own() -> None:
    assert [files.max_bytes for files, _, _ in FORMATS] == [
        256 * 1024 * 1024,
        16 * 1024 * 1024,
        1024 * 1024,
        1024 * 1024,
    ]


# -- the presets are files read by the same readers ------------------------------------------


def test_the_shipped_rulebook_is_what_the_writer_writes() -> None:
    """Every parameter of both editions is stated with its source: the file inherits
    nothing, and the tables of the rules page are written from it."""
    text = (PRESETS / "ecei-2019.rulebook.json").read_text(encoding="utf-8")
    assert RULEBOOK_FILES.to_json(DEFAULT_RULEBOOK) == text
    assert package_data(SHIPPED_FILE).decode("utf-8") == text
    for edition in json.loads(text)["editions"]:
        stated = {
            *(k for k in edition if k not in ("criteria", "silver", "gold", "scoring")),
            *(f"{g}.{k}" for g in ("criteria", "silver", "gold", "scoring") for k in edition[g]),
        }
        assert set(parameters(DEFAULT_RULEBOOK)) <= stated
        assert set(edition["parameter_sources"]) == set(parameters(DEFAULT_RULEBOOK))


@pytest.mark.parametrize("programme_id", PROGRAMME_IDS)
def test_each_shipped_programme_is_its_file(programme_id: str) -> None:
    text = (PRESETS / f"{programme_id}.programme.json").read_text(encoding="utf-8")
    assert PROGRAMME_FILES.to_json(get_programme(programme_id)) == text
    assert get_programme(programme_id).id == programme_id


def test_the_presets_are_every_file_of_the_folder() -> None:
    files = sorted(path.name for path in PRESETS.iterdir())
    assert files == sorted(
        ["ecei-2019.rulebook.json", *(f"{p}.programme.json" for p in PROGRAMME_IDS)]
    )
    assert RULEBOOK_IDS == ("ecei-2010", "ecei-2019")
    assert [e.id for e in DEFAULT_RULEBOOK.editions()] == list(RULEBOOK_IDS)


def test_the_presets_give_what_a_command_line_needs() -> None:
    assert "ecei-2010" in RULEBOOK_PRESETS
    assert "bw.json" not in RULEBOOK_PRESETS
    assert RULEBOOK_PRESETS.get("ecei-2010") is get_rulebook("ecei-2010")
    assert RULEBOOK_PRESETS.files is RULEBOOK_FILES
    assert PROGRAMME_PRESETS.files is PROGRAMME_FILES
    assert PROGRAMME_PRESETS.ids == PROGRAMME_IDS
    with pytest.raises(KeyError, match=r"unknown programme 'x' \(known: de-go-cluster, "):
        PROGRAMME_PRESETS.get("x")


def test_a_rulebook_built_without_parameters_holds_those_of_ecei_2019() -> None:
    """The value types' defaults and the shipped file say the same."""
    bare = Rulebook(DEFAULT_RULEBOOK.id, "T", DEFAULT_RULEBOOK.effective_from, ())
    assert parameters(bare) == parameters(DEFAULT_RULEBOOK)
    assert attrs.evolve(DEFAULT_RULEBOOK, previous=None, title="T", sources=()) == attrs.evolve(
        bare, parameter_sources=DEFAULT_RULEBOOK.parameter_sources
    )


def test_short_reprs() -> None:
    assert repr(get_programme("no-gce")) == "Programme('no-gce')"
    assert repr(benchmarking_catalogue()) == "Catalogue('ecei-benchmarking-reference', '2026.2')"


def test_importing_the_rules_reads_the_default_rulebook_without_costly_modules() -> None:
    """The README's import reads the default rulebook's file: neither importlib.resources
    nor difflib (for "did you mean" hints) is loaded for it."""
    code = (
        "import sys\n"
        "from cluster_excellence import Benchmark, Cluster, cluster_status\n"
        "print(sorted({'difflib', 'importlib.resources'} & set(sys.modules)))\n"
        "print(repr(sys.modules['cluster_excellence.files.presets'].DEFAULT_RULEBOOK))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "Rulebook('ecei-2019')"]
