"""The report opened in a real headless browser (Chromium): nothing fetched, no error.

In every language, on a wide and on a phone-sized screen, nothing runs off
the page; printed to PDF (A4), every table's heading and caption stand on the
page of its first row. Skipped, with the reason, where no Chromium is installed
(and the PDF's pages where poppler's ``pdftotext`` is missing; ``.ci/run``
installs nothing: a machine that has Debian's packages runs them).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from cluster_excellence import get_programme, report_html, sample_portfolio
from cluster_excellence._words import LANGUAGES, language

from .examples import load_tool

browser = load_tool("browser")
CHROMIUM = browser.find()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium here: apt-get install chromium to run the browser test"
)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_chromium
def test_the_report_loads_with_no_request_and_no_error(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        report_html(
            sample_portfolio(), dt.date(2026, 11, 20), programmes=[get_programme("de-go-cluster")]
        ),
        encoding="utf-8",
    )
    visit = browser.visit(page, tmp_path / "profile", CHROMIUM)
    assert visit.requests == [page.resolve().as_uri()]  # the page itself, nothing else
    assert visit.failed == []
    assert visit.errors == []
    assert visit.title == "Cluster labels on 2026-11-20"
    assert visit.clipped == []
    width, height = _png_size(visit.screenshot)
    assert width == 900
    assert height > 2000  # the whole page, not one screen
    assert visit.pdf.startswith(b"%PDF-")
    (tmp_path / "report.png").write_bytes(visit.screenshot)


def _pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext here: apt-get install poppler-utils to read the PDF's pages")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")]


@needs_chromium
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_report_reads_on_a_phone_a_screen_and_paper(code: str, tmp_path: Path) -> None:
    words = language(code)
    day = dt.date(2026, 11, 20)
    page = tmp_path / "report.html"
    page.write_text(
        report_html(
            sample_portfolio(),
            day,
            programmes=[get_programme("dk-innovationskraft"), get_programme("de-go-cluster")],
            language=code,
        ),
        encoding="utf-8",
    )
    wide = browser.visit(page, tmp_path / "wide", CHROMIUM, width=1280)
    assert (wide.errors, wide.failed, wide.clipped) == ([], [], [])
    assert wide.title == words.format("Cluster labels on {day}", {"day": day})
    narrow = browser.visit(page, tmp_path / "narrow", CHROMIUM, width=400)
    assert (narrow.errors, narrow.failed, narrow.clipped) == ([], [], [])
    assert narrow.page_width <= 400  # wide tables scroll within the page, not the page
    assert _png_size(narrow.screenshot)[0] == 400
    pages = _pdf_pages(wide.pdf, tmp_path)
    heading = words.format("The plan ahead ({months} months)", {"months": 12})
    first_row = words.show(words.gettext("Cluster"))
    on = [number for number, text in enumerate(pages) if heading in text]
    assert on, f"{heading!r} is on no page"
    after = pages[on[0]].split(heading, 1)[1]
    assert after.strip(), "the heading ends its page: its table starts on the next"
    assert first_row.upper() in after.upper()


@needs_chromium
def test_the_harness_sees_requests_and_errors(tmp_path: Path) -> None:
    """The test above can fail: a page that fetches and throws is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><title>bad</title><img src="http://example.invalid/x.png">'
        "<script>throw new Error('boom')</script>",
        encoding="utf-8",
    )
    visit = browser.visit(page, tmp_path / "profile", CHROMIUM)
    assert "http://example.invalid/x.png" in visit.requests
    assert visit.failed
    assert any("boom" in error for error in visit.errors)


@needs_chromium
def test_the_harness_sees_what_runs_off_a_narrow_screen(tmp_path: Path) -> None:
    """The narrow screen's checks can fail: a cut box and a page too wide are caught."""
    page = tmp_path / "wide.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><title>wide</title>'
        '<div style="width:100px;overflow:hidden;white-space:nowrap">'
        + "Renewable until " * 20
        + '</div><table><tr><td style="white-space:nowrap">'
        + "Valid until " * 80
        + "</td></tr></table>"
        '<svg width="60" height="20"><text x="30" y="15" text-anchor="end">'
        "ingen gyldig certificering</text></svg>",
        encoding="utf-8",
    )
    visit = browser.visit(page, tmp_path / "profile", CHROMIUM, width=400)
    assert visit.page_width > 400
    assert any("Renewable until" in clipped for clipped in visit.clipped)
    assert any("ingen gyldig certificering" in clipped for clipped in visit.clipped)


def test_the_docs_keep_a_screenshot_of_the_report() -> None:
    picture = Path(__file__).resolve().parents[1] / "docs" / "pictures" / "report.png"
    width, height = _png_size(picture.read_bytes())
    assert width == 900
    assert height > 1000
