"""What a release ships: the extras and the dependency groups agree, the version is
the changelog's, and the source archive holds everything the tests read.

The archive's own test run (built, unpacked, installed with its test extra in a
fresh environment, ``pytest tests docs`` in the unpacked tree) is the nox session
``sdist``, which ``.ci/run`` and the release workflow run: a second run of the
whole suite inside this one would double its time. Here the archive is built
and its list of files compared with the repository's, which takes seconds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

import cluster_excellence

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest depends on tomli before Python 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS: dict[str, list[str]] = PYPROJECT["project"]["optional-dependencies"]
GROUPS: dict[str, list[Any]] = PYPROJECT["dependency-groups"]


def _group(name: str) -> set[str]:
    """A dependency group's requirements, its included groups resolved (PEP 735)."""
    found: set[str] = set()
    for entry in GROUPS[name]:
        if isinstance(entry, dict):
            found |= _group(entry["include-group"])
        else:
            found.add(entry)
    return found


def test_the_all_extra_is_every_optional_feature() -> None:
    assert set(EXTRAS["all"]) == set(EXTRAS["pandas"]) | set(EXTRAS["plot"]) | set(EXTRAS["excel"])


def test_the_test_group_holds_the_test_extra() -> None:
    assert set(EXTRAS["test"]) <= _group("test")


def test_the_dev_extra_and_the_dev_group_agree() -> None:
    """The `dev` extra, for the pip of a fresh venv, holds what the groups hold."""
    dev = set(EXTRAS["dev"]) - {"cluster_excellence[test]"}
    assert "cluster_excellence[test]" in EXTRAS["dev"]
    assert dev | set(EXTRAS["test"]) == _group("dev")
    every_group = set().union(*(_group(name) for name in GROUPS))
    assert every_group == _group("dev")


def test_the_version_is_the_latest_release_in_the_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \[([^\]]+)\](.*)$", changelog, re.MULTILINE)
    assert sections[0] == ("Unreleased", "")
    version, dated = sections[1]
    assert version == cluster_excellence.__version__
    assert re.fullmatch(r" - \d{4}-\d{2}-\d{2}", dated)


def _tracked() -> list[str] | None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return done.stdout.splitlines() if done.returncode == 0 else None


@pytest.mark.skipif(_tracked() is None, reason="not in a git checkout (an unpacked sdist)")
def test_the_sdist_holds_every_file_but_the_ci_configuration(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="the dev extra's build makes the sdist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (archive,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(archive) as tar:
        shipped = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    tracked = _tracked()
    assert tracked is not None
    left_out = {name for name in tracked if name not in shipped}
    # What only the repository's own CI and tools read.
    assert {name for name in left_out if not name.startswith((".ci/", ".github/", "."))} == set()
    for needed in ["conftest.py", "tests/__init__.py", "tests/golden/sample-status.txt"]:
        assert needed in shipped
