"""Draw the pictures of the documentation from the shipped samples.

Usage: python tools/make_doc_pictures.py  (needs the plot extra)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cluster_excellence import (
    benchmarking_catalogue,
    figure_bytes,
    group_clusters,
    label_timeline,
    regional_scorecard,
    sample_portfolio,
    scorecard_heatmap,
)

PICTURES = Path(__file__).resolve().parents[1] / "docs" / "pictures"
ON = dt.date(2026, 11, 20)

if __name__ == "__main__":
    PICTURES.mkdir(exist_ok=True)
    card = regional_scorecard(
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
