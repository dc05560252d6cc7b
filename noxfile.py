#!/usr/bin/env python3
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""The checks a contributor runs, each defined once: ``.ci/run`` and the GitHub
workflow call these sessions.

``nox -l`` lists them, ``nox`` runs those marked as defaults, ``nox -s lint
typecheck`` runs two (``./noxfile.py -s lint`` too). Each session makes its
own virtual environment under ``.nox/`` and installs the project with its test
extra and the dependency group it needs (``[dependency-groups]`` in
``pyproject.toml``). ``tests`` runs on every supported Python; a Python that is
not installed is skipped, not an error (``--error-on-missing-interpreters``
makes it one, as the GitHub workflow does).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = False

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
PYTHONS = nox.project.python_versions(PYPROJECT, max_version="3.13")
LINTED = ["src", "tests", "benchmarks", "tools", "docs/conf.py", "noxfile.py"]
CURRENT = f"{sys.version_info.major}.{sys.version_info.minor}"
# The suite's temporary files go where nox's own go, not under the session's deep
# folder: headless Chromium, which the report's test drives, misses a page's
# errors when TMPDIR is that long.
SUITE_ENV = {"TMPDIR": tempfile.gettempdir()}


def _group(name: str) -> tuple[str, ...]:
    return tuple(nox.project.dependency_groups(PYPROJECT, name))


def _temporary(session: nox.Session, name: str) -> Path:
    """A fresh folder of the session's own (removed and made anew on every run)."""
    path = Path(session.create_tmp()).resolve() / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole suite (doctests of the package and the docs included)."""
    session.install("-e", ".[test]")
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:randomly", *session.posargs, env=SUITE_ENV
    )


@nox.session(python=CURRENT)
def coverage(session: nox.Session) -> None:
    """The suite under branch coverage, with the floor in pyproject.toml."""
    session.install("-e", ".[test]", *_group("test"))
    session.run("coverage", "erase")
    session.run(
        "coverage",
        "run",
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:randomly",
        *session.posargs,
        silent=True,
        env=SUITE_ENV,
    )
    session.run("coverage", "report")


@nox.session(python=CURRENT)
def lint(session: nox.Session) -> None:
    """ruff's checks and format, and the CI and docs-hosting configurations
    against their JSON Schemas (shipped with check-jsonschema: no network)."""
    session.install(*_group("lint"))
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    workflows = sorted(str(path) for path in (ROOT / ".github" / "workflows").glob("*.yml"))
    session.run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows)
    session.run("check-jsonschema", "--builtin-schema", "vendor.readthedocs", ".readthedocs.yaml")
    session.run(
        "check-jsonschema", "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml"
    )


@nox.session(python=CURRENT)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package, the tests, the tools, the benchmarks and
    this file."""
    session.install("-e", ".[test]", *_group("typecheck"), "nox>=2025.2.9")
    session.run("mypy", "--strict", *session.posargs)


@nox.session(python=CURRENT)
def docs(session: nox.Session) -> None:
    """The documentation, nitpicky and with warnings as errors, an index entry for
    every public name, and every page valid HTML (the W3C validator, where Java and
    its jar are here). ``nox -s docs -- DIR`` keeps the build in DIR."""
    session.install("-e", ".[test]", *_group("docs"))
    build = Path(session.posargs[0]) if session.posargs else _temporary(session, "docs")
    session.run("sphinx-build", "-n", "-W", "--keep-going", "-q", "-b", "html", "docs", str(build))
    session.run("python", "tools/check_docs_index.py", str(build))
    session.run("python", "tools/validate_html.py", str(build))


@nox.session(python=CURRENT)
def notebook(session: nox.Session) -> None:
    """The tutorial notebook executed in a Jupyter kernel, its outputs checked."""
    session.install("-e", ".[test]", *_group("notebook"))
    session.run("python", "-m", "ipykernel", "install", "--sys-prefix", "--name", "python3")
    session.run("python", "tools/run_tutorial.py")


def _outcome(*args: str) -> subprocess.CompletedProcess[str]:
    """A command's exit status and both of its outputs, for the checks of failures."""
    return subprocess.run(args, capture_output=True, text=True, check=False)


def _build(session: nox.Session, *kinds: str) -> Path:
    """The wheel and/or sdist built from this tree, checked by twine."""
    session.install(*_group("release"))
    dist = _temporary(session, "dist")
    session.run("python", "-m", "build", *kinds, "--outdir", str(dist), ".", silent=True)
    session.run("twine", "check", "--strict", *(str(path) for path in sorted(dist.iterdir())))
    return dist


@nox.session(python=CURRENT, default=False)
def wheel(session: nox.Session) -> None:
    """The built wheel (and sdist) pass ``twine check --strict``; the wheel
    installed alone in a clean environment runs its commands, reads every kind
    of portfolio, says which extra a missing feature needs, and answers bad
    input with exit status 2."""
    dist = _build(session, "--wheel", "--sdist")
    (wheel_file,) = dist.glob("*.whl")
    work = _temporary(session, "wheel-work")
    venv = work / "venv"
    session.run("python", "-m", "venv", str(venv))
    bin_ = venv / "bin"
    pip = str(bin_ / "pip")
    command = str(bin_ / "cluster-excellence")
    python = str(bin_ / "python")
    examples = ROOT / "docs" / "examples"

    def run(*args: str, success_codes: list[int] | None = None) -> str:
        output = session.run(*args, external=True, silent=True, success_codes=success_codes or [0])
        return output if isinstance(output, str) else ""

    session.chdir(work)
    run(pip, "install", "--quiet", str(wheel_file))
    run(command, "status", "--on", "2021-08-01", "--format", "json")
    run(python, "-m", "cluster_excellence", "--version")
    run(command, "scorecard", "--on", "2026-11-20")
    sample = "import cluster_excellence as ce; print(ce.sample_portfolio().clusters[0].id)"
    assert run(python, "-c", sample).strip()
    listing = work / "listing.txt"
    listing.write_text("Aviation Valley | Aviation and space | | 2013/02/23\n", encoding="utf-8")
    run(command, "import-listing", str(listing), "--tier", "gold", "--output", "listed.json")
    listed = run(command, "status", "listed.json", "--on", "2013-03-01", "--format", "json")
    assert '"expired_renewable"' in listed

    # Bad input: exit status 2, nothing on standard output, the problem named.
    bad = work / "bad.json"
    bad.write_text(
        '{"format": "cluster-excellence.portfolio/1", "clusters": [{"id": "x"}]}',
        encoding="utf-8",
    )
    done = _outcome(command, "status", str(bad))
    assert done.returncode == 2, done
    assert done.stdout == "", done
    assert "clusters[0].name: is missing" in done.stderr, done

    # Without an extra, the command fails and says which extra to install.
    on = ("--on", "2026-11-20")
    csv_file = str(examples / "assessments.csv")
    for extra, args in [
        ("plot", ("timeline", "-o", str(work / "timeline.png"))),
        ("excel", ("plan", csv_file, *on, "--format", "xlsx", "-o", str(work / "plan.xlsx"))),
    ]:
        done = _outcome(command, *args)
        assert done.returncode != 0, f"{args[0]} ran without the {extra} extra"
        assert f"pip install 'cluster_excellence[{extra}]'" in done.stderr, done

    # Reading needs nothing more than the package (its own workbook reader, and
    # dateutil as a runtime dependency): JSON, CSV and XLSX portfolios agree.
    from_csv = run(command, "status", csv_file, *on, "--format", "json")
    run(command, "convert", csv_file, "-o", "assessments.json")
    assert run(command, "status", "assessments.json", *on, "--format", "json") == from_csv
    xlsx_file = str(examples / "assessments.xlsx")
    assert run(command, "status", xlsx_file, *on, "--format", "json") == from_csv
    # Writing XLSX with the excel extra.
    run(pip, "install", "--quiet", f"{wheel_file}[excel]")
    run(command, "plan", "assessments.json", *on, "--format", "xlsx", "-o", "plan.xlsx")
    assert (work / "plan.xlsx").read_bytes()[:2] == b"PK"

    # With the plot extra, the picture; and what agencies watch.
    run(pip, "install", "--quiet", f"{wheel_file}[plot]")
    run(command, "timeline", "--on", "2026-11-20", "-o", "timeline.png")
    assert (work / "timeline.png").read_bytes()[1:4] == b"PNG"
    run(
        command, "report", "--on", "2026-11-20", "--programme", "de-go-cluster", "-o", "report.html"
    )
    assert "<h2>Compliance with" in (work / "report.html").read_text(encoding="utf-8")
    changes = run(
        command, "changes", "--from", "2025-11-20", "--to", "2026-11-20", "--format", "json"
    )
    assert '"event": "renewed"' in changes
    badge = run(command, "badge", "--cluster", "example-gold", "--on", "2026-11-20")
    assert '"schemaVersion": 1' in badge
    # The wheel carries the compiled catalogues: the badge in Danish.
    danish = run(command, "badge", "--cluster", "example-gold", *on, "--language", "da")
    assert '"message": "gyldig til maj 2027"' in danish, danish


@nox.session(python=CURRENT, default=False)
def sdist(session: nox.Session) -> None:
    """The source archive tests itself, as a distribution packager runs it: built,
    unpacked in a temporary folder, installed (not editable) with its test extra
    into this session's fresh environment, and ``pytest tests docs`` run in the
    unpacked tree. The package's own doctests (``src``) are left out there, since
    the tree's ``src`` is not what is installed; the ``tests`` session runs them."""
    dist = _build(session, "--sdist")
    (archive,) = dist.glob("*.tar.gz")
    unpacked = _temporary(session, "sdist")
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    (tree,) = unpacked.iterdir()
    session.install(f"{tree}[test]")
    session.chdir(tree)
    pytest = ("python", "-m", "pytest", "tests", "docs", "-x", "-q", "-p", "no:randomly")
    session.run(*pytest, *session.posargs, env=SUITE_ENV)


if __name__ == "__main__":
    nox.main()
