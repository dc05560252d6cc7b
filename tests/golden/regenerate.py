"""Write the golden snapshot of the sample portfolio's status over a grid of days.

The snapshot records, for the first day of every quarter from 2016 to 2029,
as of the day and retroactively, every label of every cluster of the shipped
sample under ``ecei-2019``. A change of rules or data shows up as a
reviewable diff of ``sample-status.txt``.

Usage: python tests/golden/regenerate.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cluster_excellence import DEFAULT_RULEBOOK, portfolio_status, sample_portfolio

SNAPSHOT = Path(__file__).with_name("sample-status.txt")


def days() -> list[dt.date]:
    return [dt.date(year, month, 1) for year in range(2016, 2030) for month in (1, 4, 7, 10)]


def render() -> str:
    """The snapshot text: one line per day, reading and cluster."""
    portfolio = sample_portfolio()
    lines = [
        f"# {DEFAULT_RULEBOOK.id}: day reading cluster highest | tier status from until renewable"
    ]
    for day in days():
        for retroactive in (False, True):
            result = portfolio_status(portfolio, day, DEFAULT_RULEBOOK, retroactive=retroactive)
            reading = "retro" if retroactive else "as-of"
            for cluster in result.clusters:
                best = cluster.highest_valid_tier.value if cluster.highest_valid_tier else "-"
                labels = " | ".join(
                    f"{e.tier.value} {e.status.value} {e.valid_from or 'stated'} "
                    f"{e.valid_until} {e.renewable_until}"
                    for e in cluster.labels
                )
                lines.append(f"{day} {reading} {cluster.cluster_id} {best} | {labels}".rstrip(" |"))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
