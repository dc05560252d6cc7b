"""The report opened in a real headless browser (Chromium): nothing fetched, no error.

Skipped, with the reason, only where no Chromium is installed (``.ci/run``
installs nothing: a machine that has Debian's package runs it).
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

import pytest

from cluster_excellence import get_programme, report_html, sample_portfolio

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
    width, height = _png_size(visit.screenshot)
    assert width == 900
    assert height > 2000  # the whole page, not one screen
    assert visit.pdf.startswith(b"%PDF-")
    (tmp_path / "report.png").write_bytes(visit.screenshot)


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


def test_the_docs_keep_a_screenshot_of_the_report() -> None:
    picture = Path(__file__).resolve().parents[1] / "docs" / "pictures" / "report.png"
    width, height = _png_size(picture.read_bytes())
    assert width == 900
    assert height > 1000
