"""How long ``changes`` takes over ten years of a large portfolio, next to ``status``.

Usage: python benchmarks/changes_benchmark.py [--clusters N] [--repeat K]

The portfolio is the status benchmark's synthetic one (renewal chains, gaps,
failed audits). ``changes`` looks at every day on which a label's as-of
status can change, computing the status on each; the figure to watch is how
many status computations it costs, printed as the ratio to one ``status``
run of the same portfolio. There is no plain program to compare with: the
events have no shortcut that is not the rule itself.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from _measure import peak_rss, run
from status_benchmark import WORK, generate

COMMAND = [sys.executable, "-m", "cluster_excellence"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    path = WORK / f"portfolio-{args.clusters}-2019.json"
    if not path.exists():
        path.write_text(json.dumps(generate(args.clusters, 2019)), encoding="utf-8")
    commands = {
        "status --on 2026-11-20": [*COMMAND, "status", str(path), "--on", "2026-11-20",
                                   "--format", "json"],
        "changes, 2016-11-20 to 2026-11-20": [*COMMAND, "changes", str(path), "--from",
                                              "2016-11-20", "--to", "2026-11-20",
                                              "--format", "json"],
    }  # fmt: skip
    wall: dict[str, list[float]] = {name: [] for name in commands}
    events = 0
    for _ in range(args.repeat):
        for name, command in commands.items():
            seconds, _, out = run(command)
            wall[name].append(seconds)
            if name.startswith("changes"):
                events = len(json.loads(out)["events"])
    base = statistics.median(wall["status --on 2026-11-20"])
    print(f"{args.clusters} clusters ({Path(path).name}), median of {args.repeat} runs")
    print(f"{'command':<36} {'time':>8} {'to status':>10} {'peak MiB':>9}")
    for name, command in commands.items():
        median = statistics.median(wall[name])
        memory = peak_rss(command) / 1024
        print(f"{name:<36} {median:>7.2f}s {median / base:>10.2f} {memory:>9.0f}")
    print(f"events over the ten years: {events}")


if __name__ == "__main__":
    main()
