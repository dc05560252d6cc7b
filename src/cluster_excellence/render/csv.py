"""Results as CSV (RFC 4180), safe to open in a spreadsheet.

A text cell that a spreadsheet program would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, also after
leading spaces or control characters) is written with a leading apostrophe,
which spreadsheets read as "this is text" (OWASP, "CSV Injection",
https://owasp.org/www-community/attacks/CSV_Injection). Numbers stay
numbers: only text cells are changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from .._tabular import csv_safe
from ..rules.changes import CHANGE_COLUMNS, Changes
from ..rules.compliance import COMPLIANCE_COLUMNS, PortfolioCompliance
from ..rules.consistency import Inconsistency
from ..rules.decisions import DECISION_COLUMNS, Decision
from ..rules.gold_points import GOLD_SCORE_COLUMNS, GoldScores
from ..rules.planning import PLAN_COLUMNS, Plan
from ..rules.scorecard import SCORECARD_COLUMNS, Scorecard
from ..rules.status import STATUS_COLUMNS, PortfolioStatus, StatedDisagreement

__all__ = [
    "changes_csv",
    "compliance_csv",
    "csv_safe",
    "decisions_csv",
    "gold_scores_csv",
    "inconsistencies_csv",
    "inconsistency_rows",
    "plans_csv",
    "records_csv",
    "scorecard_csv",
    "status_csv",
    "to_csv",
]


def _cell(value: Any) -> str:
    """A value as a CSV cell: text made formula-safe, numbers as they are, dates in ISO form,
    booleans as true/false, nothing as an empty cell."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return csv_safe(str(value))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text with RFC 4180 line ends; each cell as :func:`_cell` writes it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(cell) for cell in row])
    return out.getvalue()


def records_csv(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV of flat records in ``columns`` order."""
    return to_csv(columns, [[record.get(c) for c in columns] for record in records])


def status_csv(result: PortfolioStatus) -> str:
    """One row per cluster and tier; a cluster without labels gets one row with empty tier."""
    return records_csv(result.to_records(), STATUS_COLUMNS)


def scorecard_csv(result: Scorecard) -> str:
    """One row per indicator and reference group."""
    return records_csv(result.to_records(), SCORECARD_COLUMNS)


def gold_scores_csv(result: GoldScores) -> str:
    """One row per cluster; clusters without a Gold audit with values have empty results."""
    return records_csv(result.to_records(), GOLD_SCORE_COLUMNS)


def decisions_csv(decisions: Sequence[Decision]) -> str:
    """One row per finding."""
    return records_csv(
        [record for decision in decisions for record in decision.to_records()], DECISION_COLUMNS
    )


def plans_csv(plans: Sequence[Plan]) -> str:
    """One row per action."""
    return records_csv([r for entry in plans for r in entry.to_records()], PLAN_COLUMNS)


#: What a stated label is compared with (the ``rule`` of its CSV row).
STATED_RULE = "Decisions 1-3: a stated end must be one of the expiries the assessments give"


INCONSISTENCY_COLUMNS = (
    "path",
    "cluster",
    "assessment",
    "date",
    "code",
    "message",
    "rule",
    "source",
)


def inconsistency_rows(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> list[list[Any]]:
    """One row per unmet finding of each contradicted award, then per stated disagreement
    (:data:`INCONSISTENCY_COLUMNS`)."""
    rows: list[list[Any]] = [
        [i.path, i.cluster_id, i.assessment, i.date, f.code, f.message, f.rule, f.source]
        for i in found
        for f in i.decision.findings
        if f.met is False
    ]
    rows += [
        [
            path,
            cluster,
            "stated_label",
            d.stated.valid_until,
            f"{d.tier.value}.stated_disagrees",
            str(d),
            STATED_RULE,
            d.stated.source or "",
        ]
        for path, cluster, d in stated
    ]
    return rows


def inconsistencies_csv(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> str:
    """One row per unmet finding of each contradicted award, then per stated disagreement."""
    return to_csv(INCONSISTENCY_COLUMNS, inconsistency_rows(found, stated))


def compliance_csv(result: PortfolioCompliance) -> str:
    """One row per cluster."""
    return records_csv(result.to_records(), COMPLIANCE_COLUMNS)


def changes_csv(result: Changes) -> str:
    """One row per event, label events and compliance events."""
    return records_csv(result.to_records(), CHANGE_COLUMNS)
