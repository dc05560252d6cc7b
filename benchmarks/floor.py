"""The floor: the tightest plain-Python program for ``status --format json``.

It reads the portfolio with one ``json.loads``, applies the rules of
``ecei-2019`` as of a day (month-end anchor, extension from the previous
expiry) with integer month arithmetic, and writes the document with one
``json.dumps``. It checks nothing and trusts its input: ISO dates are
compared as strings and only the year and month are parsed. It is the
yardstick of ``status_benchmark.py``: the command, which reads strictly and
builds value types, must stay within 1.8 times its time on 100,000 clusters
and within 2 times on 1,300.

Usage: python floor.py PORTFOLIO DATE
"""

from __future__ import annotations

import json
import sys
from typing import Any

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_RENEWAL = {"benchmarking": 36, "silver_audit": 36, "gold_audit": 24}
_SLOT = {"benchmarking": 0, "silver_audit": 1, "gold_audit": 2}
_TIERS = ("bronze", "silver", "gold")
EDITIONS = [
    {"id": "ecei-2010", "effective_from": "2010-11-01"},
    {"id": "ecei-2019", "effective_from": "2019-11-15"},
]


def main(path: str, on: str) -> None:
    """Print the status document of the portfolio at ``path`` on the day ``on``."""
    with open(path, "rb") as file:
        document = json.loads(file.read())
    ends: dict[int, str] = {}

    def end(index: int) -> str:
        found = ends.get(index)
        if found is None:
            year, month0 = divmod(index, 12)
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            days = 29 if month0 == 1 and leap else _DAYS[month0]
            found = ends[index] = f"{year:04d}-{month0 + 1:02d}-{days:02d}"
        return found

    out = []
    for cluster in document["clusters"]:
        runs: list[list[Any] | None] = [None, None, None]  # start, month index, months, window end
        for assessment in sorted(cluster["assessments"], key=lambda a: a["date"]):
            day = assessment["date"]
            if day > on:
                break
            kind = assessment["type"]
            if kind == "benchmarking":
                if not assessment.get("awarded", True):
                    continue
            elif kind == "silver_audit":
                if not assessment["passed"]:
                    continue
            else:
                passed = assessment.get("passed")
                if passed is None:
                    passed = assessment["score"] >= 80 and assessment.get(
                        "minimum_requirements_met", True
                    )
                if not passed:
                    continue
            slot = _SLOT[kind]
            run = runs[slot]
            if run is not None and day <= run[3]:
                run[2] += _RENEWAL[kind]
                run[3] = end(run[1] + run[2] + 12)
            else:
                index = int(day[:4]) * 12 + int(day[5:7]) - 1
                runs[slot] = [day, index, 24, end(index + 36)]
        labels = []
        best = None
        for slot, run in enumerate(runs):
            if run is None:
                continue
            until, renewable = end(run[1] + run[2]), run[3]
            status = (
                "valid" if on <= until else "expired_renewable" if on <= renewable else "lapsed"
            )
            if status == "valid":
                best = _TIERS[slot]
            labels.append(
                {
                    "tier": _TIERS[slot],
                    "status": status,
                    "valid_from": run[0],
                    "valid_until": until,
                    "renewable_until": renewable,
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
        "on": on,
        "rulebook": "ecei-2019",
        "editions": EDITIONS,
        "retroactive": False,
        "clusters": out,
    }
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
