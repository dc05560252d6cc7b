"""How long ``status`` takes on a portfolio table (CSV, XLSX, ODS) next to the same JSON file.

Usage: python benchmarks/table_benchmark.py [--clusters N] [--repeat K]

The portfolio is the status benchmark's synthetic one without what a table
cannot hold; it is written as JSON, CSV and XLSX by the package's own
writers. Each run reads the file strictly (every cell read and checked by
the JSON reader's rules), computes every cluster's labels and writes the
status document; the documents must be the same bytes. The figure to
watch is the ratio of each table to the JSON file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from _measure import peak_rss, run
from cluster_excellence import portfolio_to_json
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.table import portfolio_to_csv, portfolio_to_ods, portfolio_to_xlsx
from status_benchmark import WORK, generate

COMMAND = [sys.executable, "-m", "cluster_excellence", "status"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    portfolio = PORTFOLIO_FILES.parse(json.dumps(generate(args.clusters, 2019)))
    kinds = ("json", "csv", "xlsx", "ods")
    paths = {kind: WORK / f"table-{args.clusters}.{kind}" for kind in kinds}
    paths["json"].write_text(portfolio_to_json(portfolio), encoding="utf-8")
    paths["csv"].write_text(portfolio_to_csv(portfolio), encoding="utf-8", newline="")
    paths["xlsx"].write_bytes(portfolio_to_xlsx(portfolio))
    paths["ods"].write_bytes(portfolio_to_ods(portfolio))
    commands = {
        kind: [*COMMAND, str(path), "--on", "2026-11-20", "--format", "json"]
        for kind, path in paths.items()
    }
    wall: dict[str, list[float]] = {kind: [] for kind in commands}
    outputs: dict[str, bytes] = {}
    for _ in range(args.repeat):
        for kind, command in commands.items():
            seconds, _, out = run(command)
            wall[kind].append(seconds)
            outputs[kind] = out
    if len(set(outputs.values())) != 1:
        sys.exit("the files gave different status documents")
    base = statistics.median(wall["json"])
    assessments = sum(len(c.assessments) for c in portfolio)
    print(f"{args.clusters} clusters, {assessments} assessments, median of {args.repeat} runs")
    print(f"{'file':<6} {'size MB':>8} {'time':>8} {'to JSON':>8} {'peak MiB':>9}")
    for kind, command in commands.items():
        median = statistics.median(wall[kind])
        size = paths[kind].stat().st_size / 1e6
        memory = peak_rss(command) / 1024
        print(f"{kind:<6} {size:>8.1f} {median:>7.2f}s {median / base:>8.2f} {memory:>9.0f}")


if __name__ == "__main__":
    main()
