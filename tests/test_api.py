"""The public names: all importable from the top, each loaded on first use."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import cluster_excellence

from .examples import load_tool

STUB = Path(cluster_excellence.__file__).with_name("__init__.pyi")


def test_every_public_name_resolves() -> None:
    for name in cluster_excellence.__all__:
        assert getattr(cluster_excellence, name) is not None, name
    assert set(cluster_excellence.__all__) <= set(dir(cluster_excellence))


def test_the_stub_is_the_one_list_of_names() -> None:
    """Type checkers read the stub; the package's __all__ is the stub's names."""
    names = [
        alias.asname or alias.name
        for node in ast.parse(STUB.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    ]
    assert len(names) == len(set(names))
    assert sorted([*names, "__version__"]) == cluster_excellence.__all__
    for node in ast.parse(STUB.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom):
            assert len(node.names) == 1, "one name per line (the loader reads lines)"
            for alias in node.names:
                assert alias.asname == alias.name, "re-export each name as itself"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'gold_scorecard'"):
        cluster_excellence.gold_scorecard  # type: ignore[attr-defined]  # noqa: B018


def test_the_import_loads_nothing_until_a_name_is_used() -> None:
    probe = (
        "import sys, cluster_excellence as ce\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith('cluster_excellence.'))\n"
        "print(loaded())\n"
        "ce.cluster_status\n"
        "print('cluster_excellence.rules.status' in sys.modules,"
        " 'cluster_excellence.rules.eligibility' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "['cluster_excellence._lazy', 'cluster_excellence._version']",
        "True False",
    ]


def test_the_api_page_lists_every_public_name() -> None:
    """docs/api.rst is written from the stub; a new name needs a rerun of the tool."""
    tool = load_tool("make_api_docs")
    page = tool.TARGET.read_text(encoding="utf-8")
    assert page == tool.render(), "run tools/make_api_docs.py"
    internals = (Path(__file__).resolve().parents[1] / "docs" / "internals.rst").read_text(
        encoding="utf-8"
    )
    assert internals == tool.render_internals(), "run tools/make_api_docs.py"
    assert {name for _, name in tool.public()} == set(cluster_excellence.__all__) - {"__version__"}


def test_the_stub_keeps_its_groups_whole_and_in_order() -> None:
    """Each group of the API reference holds its own kind of name: the stub's headings
    stay above their names (the stub is never sorted) and in the layers' order."""
    tool = load_tool("make_api_docs")
    groups = dict(tool.groups())
    assert list(groups) == list(tool.INTROS)
    for title, pairs in groups.items():
        values = [getattr(cluster_excellence, name) for _, name in pairs]
        if title == "Errors":
            assert all(isinstance(v, type) and issubclass(v, Exception) for v in values)
        elif title == "Value types":
            assert all(isinstance(v, type) for v in values)
            assert {module.split(".")[0] for module, _ in pairs} == {"model"}
        elif title.startswith("Files"):
            assert {module.split(".")[0] for module, _ in pairs} == {"files"}
        elif title == "Outputs":
            assert {module.split(".")[0] for module, _ in pairs} == {"renderers"}
        elif title != "Sentences for people":
            assert {module.split(".")[0] for module, _ in pairs} == {"rules"}, title
