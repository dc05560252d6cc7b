"""Three XLSX readers on the same workbook: the package's own, openpyxl and python-calamine.

Usage: python benchmarks/engine_benchmark.py [--clusters N] [--repeat K]

The workbook is the table benchmark's synthetic portfolio as ``convert`` writes it.
Each engine runs in its own process and reads every cell of the sheet of
assessments into Python values (no checks of the portfolio's rules: what is
measured is the reader); each prints a digest of the cells' texts, which must
agree. It prints the wall time (median of rounds), the ratio to the package's
own reader and the peak memory. An engine that is not installed is said so and
left out (python-calamine is not a dependency: ``pip install python-calamine``).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys

from _measure import peak_rss, run
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.files.table import portfolio_to_xlsx
from status_benchmark import WORK, generate

#: Each engine's program: read the first sheet's cells, print a digest of their texts.
PROGRAMS = {
    "own": (
        "import hashlib, sys\n"
        "from cluster_excellence.files._workbook import open_workbook\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "book = open_workbook(data, sys.argv[1], 'xlsx')\n"
        "digest = hashlib.sha256()\n"
        "for _, values, _ in book.rows(book.sheets[0]):\n"
        "    digest.update(repr([v if isinstance(v, str) else None for v in values]).encode())\n"
        "print(digest.hexdigest())\n"
    ),
    "openpyxl": (
        "import hashlib, sys, openpyxl\n"
        "book = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
        "digest = hashlib.sha256()\n"
        "for values in book.worksheets[0].iter_rows(values_only=True):\n"
        "    values = list(values)\n"
        "    while values and values[-1] is None: values.pop()\n"
        "    digest.update(repr([v if isinstance(v, str) else None for v in values]).encode())\n"
        "print(digest.hexdigest())\n"
    ),
    "calamine": (
        "import hashlib, sys\n"
        "from python_calamine import CalamineWorkbook\n"
        "book = CalamineWorkbook.from_path(sys.argv[1])\n"
        "digest = hashlib.sha256()\n"
        "for values in book.get_sheet_by_index(0).to_python(skip_empty_area=False):\n"
        "    values = [None if v == '' else v for v in values]\n"
        "    while values and values[-1] is None: values.pop()\n"
        "    digest.update(repr([v if isinstance(v, str) else None for v in values]).encode())\n"
        "print(digest.hexdigest())\n"
    ),
}
MODULES = {"own": "cluster_excellence", "openpyxl": "openpyxl", "calamine": "python_calamine"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    path = WORK / f"engines-{args.clusters}.xlsx"
    path.write_bytes(
        portfolio_to_xlsx(PORTFOLIO_FILES.parse(json.dumps(generate(args.clusters, 2019))))
    )
    commands = {}
    for name, program in PROGRAMS.items():
        if importlib.util.find_spec(MODULES[name]) is None:
            print(f"{name}: not installed, left out")
            continue
        commands[name] = [sys.executable, "-c", program, str(path)]
    wall: dict[str, list[float]] = {name: [] for name in commands}
    digests: dict[str, bytes] = {}
    for _ in range(args.repeat):
        for name, command in commands.items():
            seconds, _, out = run(command)
            wall[name].append(seconds)
            digests[name] = out
    if len(set(digests.values())) != 1:
        sys.exit(f"the engines read different texts: {digests}")
    base = statistics.median(wall["own"])
    size = path.stat().st_size / 1e6
    print(f"{args.clusters} clusters, a {size:.1f} MB workbook, median of {args.repeat} runs")
    print(f"{'engine':<9} {'time':>8} {'to own':>8} {'peak MiB':>9}")
    for name, command in commands.items():
        median = statistics.median(wall[name])
        memory = peak_rss(command) / 1024
        print(f"{name:<9} {median:>7.2f}s {median / base:>8.2f} {memory:>9.0f}")


if __name__ == "__main__":
    main()
