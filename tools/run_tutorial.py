"""Execute the tutorial notebook (docs/tutorial.ipynb) in a Jupyter kernel and check it.

The notebook runs in a temporary folder holding a copy of it and of
docs/examples, so that the files it writes land there. Every code cell must
run without an error, and each cell tagged in its metadata ("tutorial") must
show what the tutorial promises: the outputs are checked here, not only the
absence of errors. With --write, the executed notebook (with its outputs) is
saved back into docs/, which the documentation shows as it is.

Usage: python tools/run_tutorial.py [--write]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"
EXAMPLES = ROOT / "docs" / "examples"
TIMEOUT = 120

#: What each tagged cell must show: (output type, text expected in it).
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "portfolio": [("text/plain", "<Portfolio of 16 clusters"), ("text/html", "Portfolio of 16")],
    "cluster": [("text/html", "Basque Energy Cluster"), ("text/html", "gold_audit")],
    "csv": [("text/plain", "True")],
    "workbook": [("text/plain", "(True, True)")],
    "errors": [
        ("stream", "DataFrame: 3 problems"),
        ("stream", '"12.06.2019" could be day-first or month-first'),
        ("stream", "row 0, column score: 0.98 looks like a fraction"),
        ("stream", "row 1, column date: 2021-09-31 is not a valid date"),
    ],
    "attrs": [("text/plain", "'on': Timestamp('2026-11-20 00:00:00')")],
    "dtypes": [
        ("text/plain", "datetime64[ns]"),
        ("text/plain", "category"),
    ],
    "valid": [("text/html", "example-gold")],
    "soon": [("text/plain", "{'bronze': ")],
    "plan": [("text/html", "cluster_id")],
    "picture": [("image/png", "")],
    "eligible": [("text/plain", "('mineralklynge',)")],
    "undetermined": [
        ("text/plain", "('example-silver',"),
        ("text/plain", "'criteria.management_fte'"),
        ("text/plain", "('example-go',"),
    ],
    "danish": [
        ("stream", "Plan fra 20. november 2026, 12 måneder frem"),
        ("stream", "certificering"),
    ],
    "report": [("text/plain", "Svaret pr. 20. november 2026")],
}


def _texts(output: Any, kind: str) -> str:
    if kind == "stream":
        return str(output.get("text", "")) if output.get("output_type") == "stream" else ""
    data = output.get("data", {})
    value = data.get(kind)
    if value is None:
        return ""
    return "".join(value) if isinstance(value, list) else str(value) or " "


def check(notebook: Any, folder: Path) -> list[str]:
    """Every problem of the executed notebook."""
    problems: list[str] = []
    seen: set[str] = set()
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            if output.get("output_type") == "error":
                problems.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
        tag = cell.metadata.get("tutorial")
        if tag is None:
            continue
        seen.add(tag)
        for kind, text in EXPECTED[tag]:
            found = [_texts(output, kind) for output in cell.outputs]
            if not any(f and text in f for f in found):
                problems.append(f"cell {number} ({tag}): no {kind} output with {text!r}")
    missing = sorted(set(EXPECTED) - seen)
    if missing:
        problems.append(f"cells not found: {', '.join(missing)}")
    if not (folder / "plan.xlsx").is_file():
        problems.append("plan.xlsx was not written")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="save the outputs into docs/")
    args = parser.parse_args()
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        shutil.copytree(EXAMPLES, folder / "examples")
        client = NotebookClient(
            notebook,
            timeout=TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
        )
        client.execute()
        problems = check(notebook, folder)
    if problems:
        print("the tutorial notebook does not show what it promises:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.write:
        nbformat.write(notebook, NOTEBOOK)  # type: ignore[no-untyped-call]
        print(f"wrote {NOTEBOOK.relative_to(ROOT)}")
    count = sum(cell.cell_type == "code" for cell in notebook.cells)
    print(f"the tutorial ran: {count} code cells, {len(EXPECTED)} checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
