"""Write docs/api.rst from the package's list of public names (``__init__.pyi``).

Usage: python tools/make_api_docs.py
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import cluster_excellence

ROOT = Path(__file__).resolve().parents[1]
STUB = ROOT / "src" / "cluster_excellence" / "__init__.pyi"
TARGET = ROOT / "docs" / "api.rst"

#: The sections of the page: title, the modules whose names it lists, one line.
SECTIONS = (
    ("Tiers and rulebooks", ("model.tiers", "model.rulebooks"),
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
     ("files.portfolio", "files.catalogue", "files.rulebook", "files.programme",
      "files.listing", "files.samples"),
     "The file formats (:doc:`formats`), their JSON Schemas (:doc:`schemas`), the label "
     "listing and the shipped samples."),
    ("Errors", ("errors",), "Every problem of a document, each with its path."),
    ("Pictures", ("render.pictures",),
     "Label timelines and scorecard heat maps; needs the ``plot`` extra (:doc:`analysis`)."),
)  # fmt: skip

HEAD = """\
API reference
=============

Every name below is imported from the top of the package::

    from cluster_excellence import Cluster, cluster_status

That is the public API (:doc:`compatibility`); the modules the names live
in (:doc:`architecture`) may move between versions. This page is written by
``tools/make_api_docs.py`` from the list of public names.
"""


def public_names() -> dict[str, list[str]]:
    """The public names by module, in the stub's order."""
    groups: dict[str, list[str]] = {}
    for line in STUB.read_text(encoding="utf-8").splitlines():
        found = re.match(r"from \.(\S+) import (\S+) as", line)
        if found:
            groups.setdefault(found.group(1), []).append(found.group(2))
    return groups


def render() -> str:
    """The page, every public name in one section."""
    groups = public_names()
    listed = {module for _, modules, _ in SECTIONS for module in modules}
    missing = sorted(set(groups) - listed)
    if missing:
        raise SystemExit(f"add the modules {', '.join(missing)} to a section of {__file__}")
    out = [HEAD]
    for title, modules, intro in SECTIONS:
        names = [name for module in modules for name in groups.get(module, [])]
        if not names:
            continue
        out.append(f"{title}\n{'-' * len(title)}\n\n{intro}\n")
        for name in names:
            value = getattr(cluster_excellence, name)
            if inspect.isclass(value):
                out.append(f".. autoclass:: cluster_excellence.{name}\n   :members:\n")
            elif inspect.isfunction(value):
                out.append(f".. autofunction:: cluster_excellence.{name}\n")
            else:
                out.append(f".. autodata:: cluster_excellence.{name}\n   :no-value:\n")
    return "\n".join(out)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
