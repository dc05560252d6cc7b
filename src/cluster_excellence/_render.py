"""Text renderings of results: aligned tables, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from .status import PortfolioStatus

#: Cells starting with these are read as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: str) -> str:
    """Return ``cell`` so that spreadsheet programs show it as text, not a formula.

    A leading apostrophe is the convention spreadsheet programs read as
    "this is text" (OWASP, "CSV Injection").

    >>> csv_safe("=HYPERLINK(1)"), csv_safe("Qoot Cluster"), csv_safe("")
    ("'=HYPERLINK(1)", 'Qoot Cluster', '')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Return CSV text (RFC 4180 line ends) with every text cell made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else csv_safe(str(cell)) for cell in row])
    return out.getvalue()


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters, marking a cut with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def to_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], flexible: int, total: int = 80
) -> str:
    """Align ``rows`` under ``header`` in columns two spaces apart, within ``total`` characters.

    Column ``flexible`` takes what room the others leave and is cut to fit.
    """
    widths = [max([len(header[i])] + [len(row[i]) for row in rows]) for i in range(len(header))]
    room = total - (sum(widths) - widths[flexible]) - 2 * (len(header) - 1)
    widths[flexible] = max(len(header[flexible]), min(widths[flexible], room))
    lines = []
    for row in [header, *rows]:
        cells = [fit(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def status_json(result: PortfolioStatus) -> str:
    """The ``status --format json`` document, one line, UTF-8 text."""
    return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"


_STATUS_COLUMNS = (
    "on",
    "rulebook",
    "retroactive",
    "cluster_id",
    "cluster_name",
    "highest_valid_tier",
    "tier",
    "status",
    "valid_from",
    "valid_until",
    "renewable_until",
)


def status_csv(result: PortfolioStatus) -> str:
    """One row per cluster and tier; a cluster without labels gets one row with empty tier."""
    rows: list[list[Any]] = []
    for cluster in result.clusters:
        head = [
            result.on.isoformat(),
            result.rulebook,
            "true" if result.retroactive else "false",
            cluster.cluster_id,
            cluster.cluster_name,
            cluster.highest_valid_tier.value if cluster.highest_valid_tier else "",
        ]
        if not cluster.labels:
            rows.append([*head, "", "", "", "", ""])
        for entry in cluster.labels:
            label = entry.label
            rows.append(
                [
                    *head,
                    label.tier.value,
                    entry.status.value,
                    label.valid_from.isoformat(),
                    label.valid_until.isoformat(),
                    label.renewable_until.isoformat(),
                ]
            )
    return to_csv(_STATUS_COLUMNS, rows)


def status_table(result: PortfolioStatus) -> str:
    """Aligned columns for an 80-column terminal, one row per cluster and tier."""
    rows: list[list[str]] = []
    for cluster in result.clusters:
        if not cluster.labels:
            rows.append([cluster.cluster_id, "-", "no label", "", "", ""])
        for entry in cluster.labels:
            label = entry.label
            tier = label.tier.value + ("*" if label.tier is cluster.highest_valid_tier else "")
            rows.append(
                [
                    cluster.cluster_id,
                    tier,
                    entry.status.value,
                    label.valid_from.isoformat(),
                    label.valid_until.isoformat(),
                    label.renewable_until.isoformat(),
                ]
            )
    reading = "retroactive" if result.retroactive else "as of the day"
    title = f"Label status on {result.on.isoformat()}, {reading}\nRulebook: {result.rulebook}\n\n"
    header = ("CLUSTER", "TIER", "STATUS", "FROM", "UNTIL", "RENEWABLE")
    footer = "\n* highest valid tier; RENEWABLE: last day of seamless renewal\n"
    return title + to_table(header, rows, flexible=0) + footer
