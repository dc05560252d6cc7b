"""Time ``cluster-excellence status --format json`` on a large synthetic portfolio.

Generates a portfolio of clusters (default 100,000, about four assessments
each, a share of them listed out of date order), then runs, end to end as
separate processes, ``--repeat`` interleaved rounds:

- ``cluster-excellence status FILE --on DATE --format json``;
- ``floor.py``: the tightest plain-Python program for the same document (one
  ``json.loads``, the same rules with integer months, one ``json.dumps``, no
  validation at all);
- ``baseline.py``: the same rules with ``relativedelta`` for every date.

It checks that all three print the same bytes, and prints times, the ratios
(the median of the ratios within each round) and the peak memory (max RSS)
of the command. The goals (CPU time): at most 1.8 times the floor on 100,000
clusters, at most 2 times on 1,300 (the real population, where the start of
Python and of attrs weighs most).

Usage: python benchmarks/status_benchmark.py [--clusters N] [--repeat K] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
from pathlib import Path

from _measure import median_ratio, peak_rss, rounds

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
ON = "2024-06-30"
#: The goal of each size measured: the most time the command may take, as times the floor.
GOALS = {1_300: 2.0, 100_000: 1.8}


def generate(clusters: int, seed: int) -> dict[str, object]:
    """A synthetic portfolio: renewal chains, gaps, failed audits, shuffled lists."""
    rng = random.Random(seed)
    start = dt.date(2010, 1, 1).toordinal()
    items = []
    for number in range(clusters):
        day = start + rng.randrange(0, 365 * 10)
        assessments: list[dict[str, object]] = []
        for _ in range(rng.choice((2, 3, 4, 4, 5, 6))):
            kind = rng.choices(("benchmarking", "silver_audit", "gold_audit"), (6, 2, 2))[0]
            entry: dict[str, object] = {
                "type": kind,
                "date": dt.date.fromordinal(day).isoformat(),
            }
            if kind == "benchmarking" and rng.random() < 0.05:
                entry["awarded"] = False
            elif kind == "silver_audit":
                entry["passed"] = rng.random() < 0.85
            elif kind == "gold_audit":
                entry["score"] = round(rng.uniform(70, 100), 1)
            assessments.append(entry)
            day += rng.randrange(200, 1400)
        if rng.random() < 0.2:
            rng.shuffle(assessments)
        items.append(
            {
                "id": f"c{number:06d}",
                "name": f"Synthetic cluster {number}",
                "country": rng.choice(("DE", "DK", "NO", "ES", "SK", "FR", "IT", "PL")),
                "assessments": assessments,
            }
        )
    return {"format": "cluster-excellence.portfolio/1", "clusters": items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()

    WORK.mkdir(exist_ok=True)
    path = WORK / f"portfolio-{args.clusters}-{args.seed}.json"
    if not path.exists():
        document = generate(args.clusters, args.seed)
        path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    document = json.loads(path.read_text(encoding="utf-8"))
    count = sum(len(c["assessments"]) for c in document["clusters"])
    print(
        f"portfolio: {args.clusters:,} clusters, {count:,} assessments, "
        f"{path.stat().st_size / 1e6:.1f} MB, status on {ON}"
    )

    cli = shutil.which("cluster-excellence", path=os.path.dirname(sys.executable))
    commands = {
        "cluster-excellence": [
            cli or "cluster-excellence",
            "status",
            str(path),
            "--on",
            ON,
            "--format",
            "json",
        ],
        "floor": [sys.executable, str(HERE / "floor.py"), str(path), ON],
        "relativedelta baseline": [
            sys.executable,
            str(HERE / "baseline.py"),
            str(path),
            ON,
        ],
    }
    wall, cpu = rounds(commands, args.repeat)
    print("all three print the same document")
    print(f"{'':24} {'wall':>7}    {'CPU':>7}    (best of {args.repeat})")
    for name in commands:
        print(f"{name:24} {min(wall[name]):7.2f} s  {min(cpu[name]):7.2f} s")
    goal = GOALS.get(args.clusters)
    shown = f" (goal <= {goal})" if goal is not None else ""
    for label, figures in (("wall", wall), ("CPU", cpu)):
        ours = figures["cluster-excellence"]
        floor = median_ratio(ours, figures["floor"])
        relativedelta = median_ratio(ours, figures["relativedelta baseline"])
        print(
            f"{label:4} ratio (median of rounds) to the floor {floor:.2f}{shown}, "
            f"to the relativedelta baseline {relativedelta:.2f}"
        )
    peak = peak_rss(commands["cluster-excellence"])
    print(f"peak memory of cluster-excellence:   {peak / 1024:.0f} MiB (max RSS)")


if __name__ == "__main__":
    main()
