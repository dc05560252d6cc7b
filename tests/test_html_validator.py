"""The HTML and SVG the package writes, checked by the W3C Nu HTML validator.

The report in every language, every result's HTML view (in a page of its own)
and the badge's SVG must pass with no error. Skipped, with the reason, where
Java or the validator (``npm install vnu-jar``, or ``VNU_JAR`` naming its
``vnu.jar``) is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cluster_excellence import (
    badge,
    cluster_status,
    get_programme,
    report_html,
    sample_portfolio,
)
from cluster_excellence._words import LANGUAGES

from .examples import sample_results

ON = dt.date(2026, 11, 20)


def _validator() -> list[str] | None:
    java = shutil.which("java")
    if java is None:
        return None
    candidates = [os.environ.get("VNU_JAR", "")]
    npm = shutil.which("npm")
    if npm is not None:
        for flags in ([], ["-g"]):
            found = subprocess.run(
                [npm, "root", *flags], capture_output=True, text=True, check=False
            ).stdout.strip()
            candidates.append(os.path.join(found, "vnu-jar", "build", "dist", "vnu.jar"))
    for jar in candidates:
        if jar and os.path.isfile(jar):
            return [java, "-jar", jar]
    return None


VNU = _validator()


def _errors(paths: list[Path], *flags: str) -> list[str]:
    assert VNU is not None
    done = subprocess.run(
        [*VNU, "--errors-only", "--format", "json", *flags, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('message')}" for m in messages
    ]


@pytest.mark.skipif(
    VNU is None, reason="no Java or no vnu.jar here: `npm install vnu-jar` to validate the HTML"
)
def test_every_page_and_picture_passes_the_validator(tmp_path: Path) -> None:
    pages = []
    portfolio = sample_portfolio()
    programmes = [get_programme("dk-innovationskraft"), get_programme("de-go-cluster")]
    for code in LANGUAGES:
        page = tmp_path / f"report-{code}.html"
        page.write_text(
            report_html(portfolio, ON, programmes=programmes, language=code), encoding="utf-8"
        )
        pages.append(page)
    for number, result in enumerate(sample_results()):
        page = tmp_path / f"view-{number}.html"
        page.write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>view</title>'
            f"</head><body>{result.to_html()}</body></html>",
            encoding="utf-8",
        )
        pages.append(page)
    assert _errors(pages) == []
    picture = tmp_path / "badge.svg"
    picture.write_text(badge(cluster_status(portfolio["example-gold"], ON)).to_svg())
    assert _errors([picture], "--svg") == []


@pytest.mark.skipif(VNU is None, reason="no Java or no vnu.jar here")
def test_the_validator_finds_an_error(tmp_path: Path) -> None:
    """The test above can fail: a page with matplotlib's metadata in its SVG is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head>'
        '<body><svg xmlns="http://www.w3.org/2000/svg"><metadata><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF></metadata></svg>'
        "</body></html>",
        encoding="utf-8",
    )
    assert _errors([page]) != []
