"""Write docs/api.rst from the package's list of public names (``__init__.pyi``).

Usage: python tools/make_api_docs.py
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STUB = ROOT / "src" / "cluster_excellence" / "__init__.pyi"
TARGET = ROOT / "docs" / "api.rst"

#: The sections of the page: title, the modules whose names it lists, one line.
SECTIONS = (
    ("Tiers and rulebooks", ("model.tiers", "model.rulebooks", "files.presets"),
     "The three tiers, and every parameter of the rules, edition by edition (:doc:`rules`)."),
    ("Programmes", ("model.programmes",),
     "Cluster programmes that require a tier (:doc:`programmes`)."),
    ("Assessments", ("model.assessments",),
     "What a cluster organisation goes through, and what each assessment awards."),
    ("Clusters and portfolios", ("model.clusters",),
     "A cluster's records, its organisation profile and labels known only by their stated end."),
    ("Catalogues", ("model.catalogues",), "Indicator catalogues (:doc:`scoring`)."),
    ("Labels and status", ("rules.labels", "rules.status"),
     "Validity, renewal and the status of labels on a day (:doc:`validity`)."),
    ("Decisions and eligibility", ("rules.decisions", "rules.eligibility"),
     "Explained answers for the Eligibility Criteria and each tier (:doc:`eligibility`)."),
    ("Programme compliance", ("rules.compliance",),
     "Which clusters meet a programme on a day, until when (:doc:`programmes`)."),
    ("Plans and the consistency check", ("rules.planning", "rules.consistency", "render.ics"),
     "Dated actions ahead and recorded awards that contradict the rules (:doc:`planning`)."),
    ("Watching a portfolio", ("rules.changes", "render.badge", "render.report"),
     "What changed between two days, badges and the report to send (:doc:`watching`)."),
    ("Scoring", ("rules.percentiles", "rules.lights", "rules.gold_points", "rules.comparison"),
     "Percentile ranks, quality lights, Gold points and benchmark comparisons (:doc:`scoring`)."),
    ("The regional scorecard", ("rules.scorecard",),
     "A region compared with reference groups (:doc:`scoring`)."),
    ("Reading and writing files",
     ("files.portfolio", "files.table", "files.catalogue", "files.rulebook", "files.programme",
      "files.listing", "files.samples", "files.presets"),
     "The file formats (:doc:`formats`), portfolio tables (CSV, XLSX, DataFrames), their "
     "JSON Schemas (:doc:`schemas`), the label listing and the shipped samples."),
    ("Errors", ("errors",),
     "The library's own errors: every problem of a document, each with its path, and the "
     "values the value types and functions refuse."),
    ("Pictures", ("render.pictures",),
     "Label timelines and scorecard heat maps; needs the ``plot`` extra (:doc:`analysis`)."),
)  # fmt: skip

HEAD = """\
API reference
=============

The names most programs need are imported from the top of the package::

    from cluster_excellence import Cluster, portfolio_status

They are listed first. Every other public name is imported from its module
(``from cluster_excellence.rules.status import ClusterStatus``); the
sections below document each module's names where they live. Both are the
public API (:doc:`compatibility`).

Functions take their arguments in one order: what is judged (a cluster, the
clusters of a portfolio, a label), what it is judged against (a tier, a
programme, a catalogue, reference groups), the day or days, the rulebook;
every other option is a keyword. A day is a :class:`datetime.date`, the
text ``YYYY-MM-DD`` or a midnight :class:`datetime.datetime`.

This page is written by
``tools/make_api_docs.py`` from the list of top-level names and each
module's ``__all__``.
"""


def public_names() -> dict[str, list[str]]:
    """The top-level names by module, in the stub's order."""
    groups: dict[str, list[str]] = {}
    for line in STUB.read_text(encoding="utf-8").splitlines():
        found = re.match(r"from \.(\S+) import (\S+) as", line)
        if found:
            groups.setdefault(found.group(1), []).append(found.group(2))
    return groups


def _role(module: str, name: str) -> str:
    value = getattr(importlib.import_module(f"cluster_excellence.{module}"), name)
    if inspect.isclass(value):
        return "exc" if issubclass(value, BaseException) else "class"
    return "func" if callable(value) else "data"


def render() -> str:
    """The page: the top-level names, then every section's modules."""
    groups = public_names()
    listed = {module for _, modules, _ in SECTIONS for module in modules}
    missing = sorted(set(groups) - listed)
    if missing:
        raise SystemExit(f"add the modules {', '.join(missing)} to a section of {__file__}")
    out = [HEAD, "The top level\n-------------\n"]
    for title, modules, _ in SECTIONS:
        names = [(m, n) for m in modules for n in groups.get(m, [])]
        if names:
            refs = ", ".join(f":{_role(m, n)}:`~cluster_excellence.{m}.{n}`" for m, n in names)
            out.append(f"* {title}: {refs}")
    out.append("")
    for title, modules, intro in SECTIONS:
        out.append(f"{title}\n{'-' * len(title)}\n\n{intro}\n")
        for module in modules:
            out.append(f".. automodule:: cluster_excellence.{module}\n   :no-index:\n")
            out.append(f".. currentmodule:: cluster_excellence.{module}\n")
            names = importlib.import_module(f"cluster_excellence.{module}").__all__
            for name in names:
                role = _role(module, name)
                if role in ("class", "exc"):
                    out.append(f".. autoclass:: {name}\n   :members:\n")
                elif role == "func":
                    out.append(f".. autofunction:: {name}\n")
                else:
                    out.append(f".. autodata:: {name}\n   :no-value:\n")
    return "\n".join(out)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
