"""The regional scorecard in minimal plain Python, for the benchmark to compare with.

Reads a portfolio and a benchmarking catalogue with ``json``, groups the
clusters by country, and prints the document of ``cluster-excellence
scorecard PORTFOLIO --group-by country --format json``: the same rules
(latest benchmarking with values on or before the day, medians, shares at
or above each group's median, lights by thresholds, else by mean-rank
percentile against all groups with the quartiles and at least 5 values),
without any checks.

Usage: python benchmarks/scorecard_baseline.py PORTFOLIO CATALOGUE DATE
"""

from __future__ import annotations

import bisect
import json
import statistics
import sys
from typing import Any


def median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def meets(value: float, target: float, higher: bool) -> bool:
    return value >= target if higher else value <= target


def light(indicator: dict[str, Any], value: Any, ranked: list[float]) -> str | None:
    if value is None:
        return None
    higher = indicator["direction"] == "higher"
    minimum, threshold = indicator.get("minimum"), indicator.get("gold_threshold")
    if minimum is not None or threshold is not None:
        if minimum is not None and not meets(value, minimum, higher):
            return "red"
        if threshold is None or meets(value, threshold, higher):
            return "green"
        return "yellow"
    if len(ranked) < 5:
        return None
    x = float(value)
    below, above = bisect.bisect_left(ranked, x), bisect.bisect_right(ranked, x)
    worse = below if higher else len(ranked) - above
    rank = 100.0 * (worse + 0.5 * (above - below)) / len(ranked)
    return "red" if rank < 25.0 else "green" if rank >= 75.0 else "yellow"


def main(portfolio_path: str, catalogue_path: str, on: str) -> None:
    with open(portfolio_path, encoding="utf-8") as file:
        clusters = json.load(file)["clusters"]
    with open(catalogue_path, encoding="utf-8") as file:
        catalogue = json.load(file)
    region = []
    for cluster in clusters:
        latest = None
        for a in cluster["assessments"]:
            if (
                a["type"] == "benchmarking"
                and a["date"] <= on
                and a.get("indicators")
                and (latest is None or a["date"] > latest["date"])
            ):
                latest = a
        region.append((cluster, latest))
    groups: dict[str, list[dict[str, Any]]] = {}
    for cluster, latest in region:
        groups.setdefault(cluster.get("country", "(no country)"), [])
        if latest is not None:
            groups[cluster.get("country", "(no country)")].append(latest["indicators"])
    groups = dict(sorted(groups.items()))
    reference = [values for members in groups.values() for values in members]
    lights: list[dict[str, str | None]] = [{} for _ in region]
    rows = []
    for indicator in catalogue["indicators"]:
        code = indicator["code"]
        higher = indicator["direction"] == "higher"
        ranked = sorted(float(v[code]) for v in reference if code in v)
        present = [float(b["indicators"][code]) for _, b in region if b and code in b["indicators"]]
        counts = {"red": 0, "yellow": 0, "green": 0, "undetermined": 0}
        for index, (_, latest) in enumerate(region):
            value = latest["indicators"].get(code) if latest else None
            colour = light(indicator, value, ranked)
            lights[index][code] = colour
            counts[colour or "undetermined"] += 1
        statistics_by_group = []
        for name, members in groups.items():
            values = [float(v[code]) for v in members if code in v]
            middle = median(values)
            share = None
            if middle is not None and present:
                share = sum(1 for v in present if meets(v, middle, higher)) / len(present)
            statistics_by_group.append(
                {"group": name, "size": len(values), "median": middle, "region_at_or_above": share}
            )
        rows.append(
            {
                "code": code,
                "name": indicator["name"],
                "area": indicator["area"],
                "region_size": len(present),
                "region_median": median(present),
                "groups": statistics_by_group,
                "lights": counts,
            }
        )
    document = {
        "on": on,
        "catalogue": f"{catalogue['id']}@{catalogue['version']}",
        "light_rule": "thresholds-then-quartiles",
        "region_size": len(region),
        "groups": [{"name": name, "size": len(members)} for name, members in groups.items()],
        "light_reference": {"groups": list(groups), "size": len(reference)},
        "indicators": rows,
        "clusters": [
            {
                "id": cluster["id"],
                "name": cluster["name"],
                "benchmark_date": latest["date"] if latest else None,
                "lights": lights[index],
            }
            for index, (cluster, latest) in enumerate(region)
        ],
    }
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
