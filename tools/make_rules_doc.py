"""Write docs/rules-parameters.txt: every parameter of every edition of the default rulebook,
its value and its source (the table that docs/rules.rst includes).

Usage: python tools/make_rules_doc.py
"""

from __future__ import annotations

import ast
import enum
import inspect
from pathlib import Path
from typing import Any

import attrs

from cluster_excellence import DEFAULT_RULEBOOK, Rulebook
from cluster_excellence.model import rulebooks
from cluster_excellence.model.rulebooks import TierMonths, parameters

TARGET = Path(__file__).resolve().parents[1] / "docs" / "rules-parameters.txt"
GROUP_CLASSES = {group: type(getattr(DEFAULT_RULEBOOK, group)) for group in rulebooks.GROUPS}


def field_comments() -> dict[tuple[str, str], list[str]]:
    """The ``#:`` comment lines above each field of each class of the rulebooks module."""
    source = inspect.getsource(rulebooks)
    lines = source.splitlines()
    comments: dict[tuple[str, str], list[str]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                above: list[str] = []
                row = item.lineno - 2
                while row >= 0 and lines[row].strip().startswith("#:"):
                    above.insert(0, lines[row].strip()[2:].strip())
                    row -= 1
                comments[(node.name, item.target.id)] = above
    return comments


def meanings() -> dict[str, str]:
    """What each parameter means: the comment above its field in the source."""
    docs = field_comments()
    found = {}
    for name in parameters(DEFAULT_RULEBOOK):
        group, _, field = name.rpartition(".")
        owner = GROUP_CLASSES[group].__name__ if group else "Rulebook"
        lines = docs[(owner, field)]
        found[name] = " ".join(line.strip() for line in lines if line.strip())
    return found


def shown(value: Any) -> str:
    """A value as a rulebook file writes it."""
    if isinstance(value, enum.Enum):
        return f"``{value.value}``"
    if isinstance(value, TierMonths):
        return ", ".join(f"{f.name} {getattr(value, f.name)}" for f in attrs.fields(TierMonths))
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def edition_table(edition: Rulebook) -> list[str]:
    title = f"``{edition.id}``, in force from {edition.effective_from.isoformat()}"
    lines = [title, "~" * len(title), "", edition.title + ".", ""]
    lines += [
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 30 15 55",
        "",
        "   * - Parameter",
        "     - Value",
        "     - Source, or the word *decision* and why",
    ]
    for name, value in parameters(edition).items():
        lines += [
            f"   * - ``{name}``",
            f"     - {shown(value)}",
            f"     - {cell(edition.source_of(name))}",
        ]
    return [*lines, ""]


def render() -> str:
    """The included text: what each parameter means, then each edition, newest first."""
    lines = [
        ".. This file is written by tools/make_rules_doc.py; do not edit it by hand.",
        "",
        "What each parameter means",
        "-------------------------",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 30 70",
        "",
        "   * - Parameter",
        "     - Meaning",
    ]
    for name, meaning in meanings().items():
        lines += [f"   * - ``{name}``", f"     - {cell(meaning)}"]
    lines += ["", "The editions of ``ecei-2019``", "-----------------------------", ""]
    for edition in reversed(DEFAULT_RULEBOOK.editions()):
        lines += edition_table(edition)
    return "\n".join(lines)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
