"""Draw the pictures of the documentation from the shipped samples.

Usage: python tools/make_doc_pictures.py  (needs the plot extra, and Chromium for the
screenshot of the report)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from cluster_excellence import (
    benchmarking_catalogue,
    get_programme,
    label_timeline,
    portfolio_scorecard,
    report_html,
    sample_portfolio,
    scorecard_heatmap,
)
from cluster_excellence.renderers.pictures import figure_bytes
from cluster_excellence.rules.scorecard import group_clusters

PICTURES = Path(__file__).resolve().parents[1] / "docs" / "pictures"
ON = dt.date(2026, 11, 20)

if __name__ == "__main__":
    PICTURES.mkdir(exist_ok=True)
    card = portfolio_scorecard(
        sample_portfolio("region"),
        group_clusters(sample_portfolio("reference"), "country"),
        benchmarking_catalogue(),
        ON,
    )
    for name, figure in (
        ("timeline.png", label_timeline(sample_portfolio(), on=ON)),
        ("lights.png", scorecard_heatmap(card)),
    ):
        (PICTURES / name).write_bytes(figure_bytes(figure, "png"))
        print(f"wrote {PICTURES / name}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import browser

    chromium = browser.find()
    if chromium is None:
        sys.exit("no Chromium found for the report's screenshot: apt-get install chromium")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        html = report_html(sample_portfolio(), ON, programmes=[get_programme("de-go-cluster")])
        page.write_text(html, encoding="utf-8")
        visit = browser.visit(page, Path(folder) / "profile", chromium, max_height=2200)
    if visit.requests[1:] or visit.failed or visit.errors:
        sys.exit(f"the report fetched or failed: {visit.requests} {visit.failed} {visit.errors}")
    (PICTURES / "report.png").write_bytes(visit.screenshot)
    print(f"wrote {PICTURES / 'report.png'}")
