"""Results as XLSX workbooks (``--format xlsx``; the ``excel`` extra).

One sheet per table of the result, with the columns of its CSV: date
cells, number cells, booleans, text that stays text (never a formula), a
bold frozen header and filters over the columns (see
:mod:`cluster_excellence._xlsx`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._tabular import Tables
from .._xlsx import records_sheet, workbook
from ..rules.consistency import Inconsistency
from ..rules.decisions import DECISION_COLUMNS, Decision
from ..rules.planning import PLAN_COLUMNS, Plan
from ..rules.status import StatedDisagreement
from .csv import INCONSISTENCY_COLUMNS, inconsistency_rows

__all__ = ["decisions_xlsx", "inconsistencies_xlsx", "plans_xlsx", "result_xlsx"]


def result_xlsx(result: Tables) -> bytes:
    """A workbook of a result's tables, one sheet each."""
    return workbook([records_sheet(*table) for table in result.tables()])


def decisions_xlsx(decisions: Sequence[Decision]) -> bytes:
    """A workbook of one sheet: one row per finding of every decision."""
    records = [record for decision in decisions for record in decision.to_records()]
    return workbook([records_sheet("Eligibility", records, DECISION_COLUMNS)])


def plans_xlsx(plans: Sequence[Plan]) -> bytes:
    """A workbook of one sheet: one row per action of every plan."""
    records = [record for entry in plans for record in entry.to_records()]
    return workbook([records_sheet("Plan", records, PLAN_COLUMNS)])


def inconsistencies_xlsx(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> bytes:
    """A workbook of one sheet: the rows of ``check --format csv``."""
    rows: list[list[Any]] = inconsistency_rows(found, stated)
    return workbook([("Check", INCONSISTENCY_COLUMNS, rows)])
