"""Write docs/api.rst and docs/internals.rst from the package's public names (``__init__.pyi``).

The API reference documents the stub's names, group by group as the stub
lists them, each with its members; the internals page documents, for
maintainers, every other name of the package's modules (their ``__all__``),
so that each reference of a signature resolves.

Usage: python tools/make_api_docs.py
"""

from __future__ import annotations

import importlib
import inspect
import re
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "cluster_excellence"
STUB = PACKAGE / "__init__.pyi"
TARGET = ROOT / "docs" / "api.rst"
INTERNALS = ROOT / "docs" / "internals.rst"

#: One line under each group's title, by the group's title in the stub.
INTROS = {
    "Errors": "The library's own errors: every problem of a document, each with its place, "
    "and the values the value types and functions refuse.",
    "Sentences for people": "What a finding, a reason or an action says, made in the "
    "language of the output.",
    "Value types": "Tiers, rulebooks, programmes, assessments, clusters, portfolios and "
    "catalogues: immutable, checked when made.",
    "Files: reading and writing, the shipped presets and samples": "The file formats "
    "(:doc:`formats`), portfolio tables, the label listing, the presets (:doc:`rules`, "
    ":doc:`programmes`) and the shipped samples.",
    "Labels and status": "Validity, renewal and the status of labels on a day (:doc:`validity`).",
    "Decisions: eligibility, the Gold baseline": "Explained answers for each tier and the "
    "Gold minimum requirements (:doc:`eligibility`).",
    "Programme compliance": "Which clusters meet a programme on a day, until when "
    "(:doc:`programmes`).",
    "Plans": "Dated actions ahead (:doc:`planning`).",
    "Changes": "What changed between two days (:doc:`watching`).",
    "The consistency check": "Recorded awards that contradict the rules (:doc:`planning`).",
    "Scoring and the regional scorecard": "Gold points and the regional scorecard "
    "(:doc:`scoring`).",
    "Outputs": "Every result in every format (:doc:`cli`), calendars, pictures "
    "(:doc:`analysis`), the report and badges (:doc:`watching`).",
}

HEAD = """\
API reference
=============

Every name here is imported from the top of the package::

    from cluster_excellence import Cluster, portfolio_status

and is the public API (:doc:`compatibility`): the value types, the functions,
the results they return (a typed application annotates with them), the
errors and the enumerations. Nothing else is public; :doc:`internals`
documents the rest for maintainers.

Functions take their arguments in one order: what is judged (a cluster, a
portfolio, a label), what it is judged against (a tier, a programme, a
catalogue, reference groups), the day or days, the rulebook; every other
option is a keyword. A question asked of one cluster is ``cluster_X``, of a
portfolio ``portfolio_X`` (which takes a :class:`~cluster_excellence.Portfolio`);
most have both, the Gold baseline only for a cluster, the consistency check and the
regional scorecard only for a portfolio.
A day is a :class:`datetime.date`, the text ``YYYY-MM-DD`` or a midnight
:class:`datetime.datetime`; a rulebook or a programme is the value or a
preset's id (``"ecei-2019"``, ``"no-gce"``).

Every result has ``to_dict()`` (its JSON document), ``to_records()`` (the rows
of its table), ``to_dataframe()`` (a typed ``pandas.DataFrame``) and
``to_html()`` (its view in a notebook); :func:`~cluster_excellence.render` and
:func:`~cluster_excellence.write` give every other output.

This page is written by ``tools/make_api_docs.py`` from the stub
``cluster_excellence/__init__.pyi``.
"""

INTERNALS_HEAD = """\
Internals
=========

For maintainers: the names of the package's modules that are **not** part of
the public API (:doc:`api`). They may change in any version. They are here so
that every type a public signature names can be looked up.

This page is written by ``tools/make_api_docs.py``.
"""


def groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The stub's groups, in order: each title and its (module, name) pairs."""
    found: list[tuple[str, list[tuple[str, str]]]] = []
    title = ""
    for line in STUB.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and not line.startswith("# The public API"):
            title = line[2:].strip()
            continue
        imported = re.match(r"from \.(\S+) import (\S+) as", line)
        if imported and title in INTROS:
            if not found or found[-1][0] != title:
                found.append((title, []))
            found[-1][1].append((imported.group(1), imported.group(2)))
    return found


def public() -> set[tuple[str, str]]:
    """Every public (module, name) pair."""
    return {pair for _, pairs in groups() for pair in pairs}


def _entry(module: str, name: str) -> str:
    value = getattr(importlib.import_module(f"cluster_excellence.{module}"), name)
    lines = [f".. currentmodule:: cluster_excellence.{module}\n"]
    # an alias such as dict[str, Cell] is data, though Python 3.10 calls it a class
    if inspect.isclass(value) and not isinstance(value, types.GenericAlias):
        kind = "exception" if issubclass(value, BaseException) else "class"
        lines.append(f".. auto{kind}:: {name}\n   :members:\n")
    elif inspect.isfunction(inspect.unwrap(value)):  # a cached function too
        lines.append(f".. autofunction:: {name}\n")
    else:
        lines.append(f".. autodata:: {name}\n   :no-value:\n")
    return "\n".join(lines)


def render() -> str:
    """The API reference: every group of the stub, each name with its members."""
    out = [HEAD]
    for title, pairs in groups():
        out.append(f"{title}\n{'-' * len(title)}\n\n{INTROS[title]}\n")
        out.extend(_entry(module, name) for module, name in pairs)
    return "\n".join(out)


def internal_modules() -> list[str]:
    """The package's modules whose other names a public signature may name."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] == "cli" or parts[-1] in ("__init__", "__main__", "_version", "_lazy"):
            continue
        found.append(".".join(parts))
    return found


def render_internals() -> str:
    """The internals page: every name in a module's ``__all__`` that is not public."""
    names = public()
    out = [INTERNALS_HEAD]
    for module in internal_modules():
        loaded = importlib.import_module(f"cluster_excellence.{module}")
        rest = [n for n in getattr(loaded, "__all__", ()) if (module, n) not in names]
        if not rest:
            continue
        title = f"``cluster_excellence.{module}``"
        out.append(f"{title}\n{'-' * len(title)}\n")
        out.extend(_entry(module, name) for name in rest)
    return "\n".join(out)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    INTERNALS.write_text(render_internals(), encoding="utf-8")
    print(f"wrote {TARGET} and {INTERNALS}")
