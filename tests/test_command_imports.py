"""Each command imports only what it uses, so that the command line starts quickly
(docs: *Performance*). These tests fail when a command starts loading a module it
does not need: another command's, a reader or renderer it does not use, or a module
of the standard library that costs start-up time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cluster_excellence import portfolio_to_json, sample_portfolio
from cluster_excellence.cli import COMMANDS

PROBE = (
    "import os, sys\n"
    "from cluster_excellence.cli import main\n"
    "sys.stdout = open(os.devnull, 'w')\n"
    "status = main(sys.argv[1:])\n"
    "sys.stdout = sys.__stdout__\n"
    "print(status)\n"
    "print(' '.join(sorted(sys.modules)))\n"
)

#: Every module of the package that ``status FILE --format json`` may load.
STATUS_MODULES = {
    f"cluster_excellence{name}"
    for name in (
        "",
        "._calendar",
        "._checks",
        "._countries",
        "._enums",
        "._layout",
        "._lazy",
        "._output",
        "._results",
        "._tabular",
        "._text",
        "._version",
        "._words",
        "._xlsx",
        ".cli",
        ".cli._common",
        ".cli.status",
        ".errors",
        ".files",
        ".files._fields",
        ".files._json",
        ".files._spelling",
        ".files.formats",
        ".files.portfolio",
        ".files.presets",
        ".files.rulebook",
        ".model",
        ".model.assessments",
        ".model.clusters",
        ".model.rulebooks",
        ".model.tiers",
        ".renderers",
        ".renderers.formats",
        ".rules",
        ".rules.awards",
        ".rules.labels",
        ".rules.status",
    )
}
#: Modules of the standard library and of extras that status has no use for, each costly to
#: load (pathlib loads urllib.parse and ipaddress; shutil the compression modules).
NOT_FOR_STATUS = {
    "csv",
    "dateutil",
    "difflib",
    "email",
    "hashlib",
    "importlib.resources",
    "matplotlib",
    "openpyxl",
    "pandas",
    "pathlib",
    "secrets",
    "shutil",
    "tempfile",
    "textwrap",
    "urllib.parse",
    "xml.parsers.expat",
    "zipfile",
}


def loaded(*argv: str) -> set[str]:
    """The modules loaded by one run of the command line in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    status, modules = done.stdout.splitlines()
    assert status == "0", done.stderr
    return set(modules.split())


def test_status_loads_only_what_it_uses(tmp_path: Path) -> None:
    portfolio = tmp_path / "portfolio.json"
    portfolio.write_text(portfolio_to_json(sample_portfolio()), encoding="utf-8")
    modules = loaded("status", str(portfolio), "--on", "2024-06-30", "--format", "json")
    ours = {name for name in modules if name.split(".")[0] == "cluster_excellence"}
    assert ours <= STATUS_MODULES, sorted(ours - STATUS_MODULES)
    assert not modules & NOT_FOR_STATUS, sorted(modules & NOT_FOR_STATUS)


@pytest.mark.parametrize("command", [entry.module for entry in COMMANDS])
def test_a_command_loads_no_other_command(command: str) -> None:
    name = next(entry.name for entry in COMMANDS if entry.module == command)
    modules = loaded(name, "--help")
    commands = {n for n in modules if n.startswith("cluster_excellence.cli.")}
    assert commands <= {"cluster_excellence.cli._common", f"cluster_excellence.cli.{command}"}
