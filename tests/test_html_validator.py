"""The HTML and SVG the package writes, checked by the W3C Nu HTML validator.

The report in every language, every result's HTML view (in a page of its own)
and the badge's SVG must pass with no error. Skipped, with the reason, where
Java or the validator (``npm install vnu-jar``, or ``VNU_JAR`` naming its
``vnu.jar``) is missing.
"""

from __future__ import annotations

import datetime as dt
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

from .examples import load_tool, sample_results

ON = dt.date(2026, 11, 20)


_TOOL = load_tool("validate_html")
VNU = _TOOL.validator()


def _errors(paths: list[Path], *flags: str) -> list[str]:
    assert VNU is not None
    found: list[str] = _TOOL.errors(VNU, paths, *flags)
    return found


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
