"""Write the golden snapshots of the sample portfolio.

``sample-status.txt`` records, for the first day of every quarter from 2016 to
2029, as of the day and retroactively, every label of every cluster of the
shipped sample under ``ecei-2019``. ``sample-<language>.txt`` records, for each
language, what people read of the sample on one day: the status, eligibility,
compliance and plan tables, every cluster's badge, and the calendar's events.
A change of rules, data or words shows up as a reviewable diff.

Usage: python tests/golden/regenerate.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Tier,
    badge,
    get_programme,
    plan_to_ics,
    portfolio_compliance,
    portfolio_eligibility,
    portfolio_plan,
    portfolio_status,
    render,
    sample_portfolio,
)
from cluster_excellence._words import LANGUAGES

SNAPSHOT = Path(__file__).with_name("sample-status.txt")
#: The day of the snapshots of the languages.
LANGUAGE_DAY = dt.date(2026, 11, 20)


def days() -> list[dt.date]:
    return [dt.date(year, month, 1) for year in range(2016, 2030) for month in (1, 4, 7, 10)]


def render_snapshot() -> str:
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


def language_snapshot(code: str) -> Path:
    return Path(__file__).with_name(f"sample-{code}.txt")


def render_language(code: str) -> str:
    """What people read of the sample on :data:`LANGUAGE_DAY`, in the language ``code``."""
    portfolio = sample_portfolio()
    day = LANGUAGE_DAY
    programmes = [get_programme(id) for id in ("dk-innovationskraft", "no-gce", "de-go-cluster")]
    results = [
        portfolio_status(portfolio, day),
        portfolio_eligibility(portfolio, Tier.SILVER, day),
        *(portfolio_compliance(portfolio, programme, day) for programme in programmes),
        portfolio_plan(portfolio, day, within_months=12, programmes=programmes[:1]),
    ]
    blocks = [str(render(result, "table", language=code, width=100)) for result in results]
    status = portfolio_status(portfolio, day)
    blocks.append("\n".join(str(badge(cluster, language=code)) for cluster in status.clusters))
    calendar = plan_to_ics(portfolio_plan(portfolio, day, within_months=12).plans, language=code)
    events = [
        line
        for line in calendar.splitlines()
        if line.startswith(("X-WR-CALNAME", "SUMMARY", "DESCRIPTION"))
    ]
    blocks.append("\n".join(events))
    return "\n\n".join(block.rstrip("\n") for block in blocks) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render_snapshot(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
    for code in LANGUAGES:
        language_snapshot(code).write_text(render_language(code), encoding="utf-8")
        print(f"wrote {language_snapshot(code)}")
