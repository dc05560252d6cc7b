"""Time the start of Python with the package imported, against ``import attrs``.

Runs, as separate processes and interleaved, ``--repeat`` rounds of:

- ``python -c pass`` (a bare start);
- ``python -c "import attrs"`` (the one runtime dependency);
- ``python -c "import cluster_excellence"``;
- ``python -c "from cluster_excellence import Benchmark, Cluster,
  cluster_status"``, the README's example: the import that does the work,
  since the package loads each name's module on first use;
- ``python -c "import cluster_excellence.cli"`` (what the command line
  loads, for information).

It prints the medians and their ratios to ``import attrs``. The goal: both
imports of the package within 1.5 times ``import attrs``.

Usage: python benchmarks/import_benchmark.py [--repeat K]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from _measure import peak_rss, run

PROGRAMS = {
    "python -c pass": "pass",
    "import attrs": "import attrs",
    "import cluster_excellence": "import cluster_excellence",
    "the README's import": "from cluster_excellence import Benchmark, Cluster, cluster_status",
    "the command line's modules": "import cluster_excellence.cli",
}
GOALS = ("import cluster_excellence", "the README's import")
GOAL = 1.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    commands = {name: [sys.executable, "-c", code] for name, code in PROGRAMS.items()}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            times[name].append(run(command)[0])
    medians = {name: statistics.median(values) for name, values in times.items()}
    attrs = medians["import attrs"]
    print(f"start-up with imports, median of {args.repeat} interleaved runs:")
    for name, seconds in medians.items():
        goal = f" (goal <= {GOAL})" if name in GOALS else ""
        ratio = seconds / attrs
        print(f"  {name:28} {seconds * 1000:6.1f} ms  ratio to import attrs {ratio:.2f}{goal}")
    readme = peak_rss(commands["the README's import"]) / 1024
    bare = peak_rss(commands["python -c pass"]) / 1024
    print(f"peak memory with the README's import: {readme:.0f} MiB (bare start {bare:.0f} MiB)")


if __name__ == "__main__":
    main()
