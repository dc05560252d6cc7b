"""A baseline: the status rules of ``ecei-2019`` with ``dateutil.relativedelta``.

Reads a portfolio file, computes each cluster's labels as of a day with the
default rules (month-end anchor, extension from the previous expiry, as-of
reading) with ``relativedelta`` for every date, and writes the same JSON
document as ``cluster-excellence status --format json``. No validation: it
trusts its input. ``status_benchmark.py`` shows how the command's integer
month arithmetic compares with it.

Usage: python baseline.py PORTFOLIO DATE
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

TERMS = {"bronze": 36, "silver": 36, "gold": 24}
TIER_OF = {"benchmarking": "bronze", "silver_audit": "silver", "gold_audit": "gold"}
EDITIONS = [
    {"id": "ecei-2010", "effective_from": "2010-11-01"},
    {"id": "ecei-2019", "effective_from": "2019-11-15"},
]


def month_end_relativedelta(start: dt.date, months: int) -> dt.date:
    """The same with ``relativedelta``."""
    from dateutil.relativedelta import relativedelta

    return start + relativedelta(months=months, day=31)


def awards(assessment: dict[str, Any]) -> bool:
    kind = assessment["type"]
    if kind == "benchmarking":
        return bool(assessment.get("awarded", True))
    if kind == "silver_audit" or "passed" in assessment:
        return bool(assessment["passed"])
    return bool(assessment["score"] >= 80 and assessment.get("minimum_requirements_met", True))


def main(month_end: Callable[[dt.date, int], dt.date], path: str, day: str) -> None:
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    on = dt.date.fromisoformat(day)
    out = []
    for cluster in document["clusters"]:
        by_tier: dict[str, list[dt.date]] = {"bronze": [], "silver": [], "gold": []}
        for assessment in cluster["assessments"]:
            date = dt.date.fromisoformat(assessment["date"])
            if date <= on and awards(assessment):
                by_tier[TIER_OF[assessment["type"]]].append(date)
        labels = []
        best = None
        for tier in ("bronze", "silver", "gold"):
            start, months = None, 0
            for date in sorted(by_tier[tier]):
                if start is None or date > month_end(start, months + 12):
                    start, months = date, 24
                else:
                    months += TERMS[tier]
            if start is None:
                continue
            until, renewable = month_end(start, months), month_end(start, months + 12)
            status = (
                "valid" if on <= until else "expired_renewable" if on <= renewable else "lapsed"
            )
            if status == "valid":
                best = tier
            labels.append(
                {
                    "tier": tier,
                    "status": status,
                    "valid_from": start.isoformat(),
                    "valid_until": until.isoformat(),
                    "renewable_until": renewable.isoformat(),
                    "basis": "assessments",
                    "source": None,
                }
            )
        out.append(
            {
                "id": cluster["id"],
                "name": cluster["name"],
                "highest_valid_tier": best,
                "labels": labels,
                "disagreements": [],
            }
        )
    result = {
        "format": "cluster-excellence.status/1",
        "on": on.isoformat(),
        "rulebook": "ecei-2019",
        "editions": EDITIONS,
        "retroactive": False,
        "clusters": out,
    }
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(month_end_relativedelta, sys.argv[1], sys.argv[2])
