"""Baseline: the status rules of ``ecei-2019`` with ``relativedelta`` for every assessment.

Reads a portfolio file, computes each cluster's labels as of a day with the
default rules (month-end anchor, extension from the previous expiry, as-of
reading) with ``dateutil.relativedelta`` for every date, and writes the same JSON document
as ``cluster-excellence status --format json``. No validation: it trusts its
input. Used only by ``status_benchmark.py`` as the yardstick.

Usage: python baseline_relativedelta.py PORTFOLIO DATE
"""

from __future__ import annotations

import datetime as dt
import json
import sys

from dateutil.relativedelta import relativedelta

TERMS = {"bronze": 36, "silver": 36, "gold": 24}
TIER_OF = {"benchmarking": "bronze", "silver_audit": "silver", "gold_audit": "gold"}


def month_end(start: dt.date, months: int) -> dt.date:
    return start + relativedelta(months=months, day=31)


def awards(assessment: dict) -> bool:  # type: ignore[type-arg]
    kind = assessment["type"]
    if kind == "benchmarking":
        return bool(assessment.get("awarded", True))
    if kind == "silver_audit":
        return bool(assessment["passed"])
    if "passed" in assessment:
        return bool(assessment["passed"])
    return bool(assessment["score"] >= 80 and assessment.get("minimum_requirements_met", True))


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        document = json.load(file)
    on = dt.date.fromisoformat(sys.argv[2])
    out = []
    for cluster in document["clusters"]:
        by_tier: dict[str, list[dt.date]] = {"bronze": [], "silver": [], "gold": []}
        for assessment in cluster["assessments"]:
            day = dt.date.fromisoformat(assessment["date"])
            if day <= on and awards(assessment):
                by_tier[TIER_OF[assessment["type"]]].append(day)
        labels = []
        best = None
        for tier in ("bronze", "silver", "gold"):
            days = sorted(by_tier[tier])
            start, months = None, 0
            for day in days:
                if start is None or day > month_end(start, months + 12):
                    start, months = day, 24
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
                }
            )
        out.append(
            {
                "id": cluster["id"],
                "name": cluster["name"],
                "highest_valid_tier": best,
                "labels": labels,
            }
        )
    result = {"on": on.isoformat(), "rulebook": "ecei-2019", "retroactive": False, "clusters": out}
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
