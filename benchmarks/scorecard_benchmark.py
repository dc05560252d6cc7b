"""Time ``cluster-excellence scorecard`` on many benchmarks.

Generates a portfolio of clusters (default 10,000) in eight countries, each
with one benchmarking that holds a value for every indicator of the shipped
benchmarking catalogue, then runs, end to end as separate processes,
``--repeat`` rounds of:

- ``cluster-excellence scorecard FILE --group-by country --on DATE --format
  json`` (every cluster is in the region and in its country's group);
- ``scorecard_baseline.py``: the same rules in minimal plain Python.

It checks that both print the same bytes and prints the best times, the
ratio (median of the rounds' ratios) and the peak memory. (The import of the
package is timed by ``import_benchmark.py``.)

Usage: python benchmarks/scorecard_benchmark.py [--clusters N] [--repeat K] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from _measure import median_ratio, peak_rss, rounds

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
ON = "2026-11-20"
COUNTRIES = ("DE", "DK", "NO", "SE", "ES", "FR", "IT", "PL")


def value(indicator: dict[str, Any], rng: random.Random) -> Any:
    """A value of the indicator's kind."""
    kind = indicator["kind"]
    if kind == "yes_no":
        return rng.random() < 0.6
    if kind == "share":
        return round(rng.random(), 2)
    if kind == "ordinal":
        low, high = indicator["scale"]
        return rng.randint(low, high)
    if kind == "count":
        return rng.randint(0, 200)
    if kind == "fte":
        return round(rng.uniform(0, 12), 1)
    return rng.randrange(0, 2_000_000, 1000)  # money


def generate(clusters: int, seed: int, catalogue: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(seed)
    start = dt.date(2023, 1, 1).toordinal()
    return {
        "format": "cluster-excellence.portfolio/1",
        "clusters": [
            {
                "id": f"c{number:06d}",
                "name": f"Synthetic cluster {number}",
                "country": rng.choice(COUNTRIES),
                "assessments": [
                    {
                        "type": "benchmarking",
                        "date": dt.date.fromordinal(start + rng.randrange(0, 1400)).isoformat(),
                        "indicators": {i["code"]: value(i, rng) for i in catalogue["indicators"]},
                    }
                ],
            }
            for number in range(clusters)
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    catalogue_file = resources.files("cluster_excellence").joinpath(
        "data/benchmarking-reference.json"
    )
    catalogue = json.loads(catalogue_file.read_text(encoding="utf-8"))
    WORK.mkdir(exist_ok=True)
    path = WORK / f"benchmarks-{args.clusters}-{args.seed}.json"
    catalogue_path = WORK / "benchmarking-reference.json"
    catalogue_path.write_text(json.dumps(catalogue), encoding="utf-8")
    if not path.exists():
        path.write_text(json.dumps(generate(args.clusters, args.seed, catalogue)), "utf-8")
    print(
        f"portfolio: {args.clusters:,} clusters with one benchmarking of "
        f"{len(catalogue['indicators'])} values each, {path.stat().st_size / 1e6:.1f} MB, "
        f"scorecard on {ON}"
    )
    cli = shutil.which("cluster-excellence", path=os.path.dirname(sys.executable))
    ours = [cli or "cluster-excellence", "scorecard", str(path), "--group-by", "country"]
    ours += ["--on", ON, "--format", "json"]
    baseline = [sys.executable, str(HERE / "scorecard_baseline.py"), str(path)]
    baseline += [str(catalogue_path), ON]
    wall, _ = rounds({"ours": ours, "baseline": baseline}, args.repeat)
    best = {name: min(times) for name, times in wall.items()}
    ratio = median_ratio(wall["ours"], wall["baseline"])
    print("both print the same document")
    print(f"cluster-excellence scorecard  {best['ours']:6.2f} s  (best of {args.repeat})")
    print(f"plain baseline                {best['baseline']:6.2f} s")
    print(f"ratio (median of rounds) to the plain baseline {ratio:.2f}")
    print(f"peak memory of cluster-excellence scorecard: {peak_rss(ours) / 1024:.0f} MiB")
    print(f"peak memory of the plain baseline:           {peak_rss(baseline) / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
