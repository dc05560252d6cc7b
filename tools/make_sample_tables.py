"""Write the example portfolio tables of the tutorial: docs/examples/assessments.xlsx and .csv.

Both hold the assessments of the shipped sample portfolio (its notes,
organisation profiles, stated labels and indicator values have no column in
a table, so they are left out here). The workbook is written as people keep
such a sheet: date cells, Gold scores in cells formatted as percentages
(0.84 shown as 84 %), a first row with the column names. The CSV writes
dates day first (25.07.2019) and scores with a percent sign, as a
spreadsheet exported in a European locale does.

Usage: python tools/make_sample_tables.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import attrs
import openpyxl

from cluster_excellence import Portfolio, sample_portfolio
from cluster_excellence.model.assessments import NO_VALUES, Assessment, SilverAudit
from cluster_excellence.model.clusters import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
XLSX = ROOT / "docs" / "examples" / "assessments.xlsx"
CSV = ROOT / "docs" / "examples" / "assessments.csv"
#: A fixed time for the workbook's properties, so that a rerun writes the same file.
WRITTEN = dt.datetime(2026, 11, 22)


def assessments_only() -> Portfolio:
    """The sample portfolio with only what a table holds."""
    clusters = []
    for cluster in sample_portfolio():
        assessments: list[Assessment] = []
        for assessment in cluster.assessments:
            if isinstance(assessment, SilverAudit):
                assessments.append(attrs.evolve(assessment, improvement_areas=None))
            else:
                assessments.append(attrs.evolve(assessment, indicators=NO_VALUES))
        clusters.append(
            attrs.evolve(
                cluster, note=None, organisation=None, stated_labels=(), assessments=assessments
            )
        )
    return Portfolio(clusters)


def _columns(records: list[dict[str, Any]]) -> list[str]:
    return [c for c in TABLE_COLUMNS if any(r[c] is not None for r in records)]


def workbook(portfolio: Portfolio) -> bytes:
    """The sheet as an analyst keeps it."""
    records = portfolio.to_records()
    columns = _columns(records)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Assessments"
    sheet.append(columns)
    for row, record in enumerate(records, start=2):
        for column, name in enumerate(columns, start=1):
            value = record[name]
            if value is None:
                continue
            cell = sheet.cell(row=row, column=column)
            if name == "score":
                cell.value = value / 100
                cell.number_format = "0%"
            else:
                cell.value = value
                if isinstance(value, dt.date):
                    cell.number_format = "dd.mm.yyyy"
    book.properties.created = book.properties.modified = WRITTEN
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(portfolio: Portfolio) -> str:
    """The table as a European spreadsheet exports it: day-first dates, scores in %."""
    records = portfolio.to_records()
    columns = _columns(records)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for name in columns:
            value = record[name]
            if value is None:
                row.append("")
            elif isinstance(value, bool):
                row.append("yes" if value else "no")
            elif isinstance(value, dt.date):
                row.append(value.strftime("%d.%m.%Y"))
            elif name == "score":
                row.append(f"{value:g}%")
            else:
                row.append(str(value))
        writer.writerow(row)
    return out.getvalue()


if __name__ == "__main__":
    portfolio = assessments_only()
    XLSX.write_bytes(workbook(portfolio))
    CSV.write_text(csv_text(portfolio), encoding="utf-8", newline="")
    print(f"wrote {XLSX.relative_to(ROOT)} and {CSV.relative_to(ROOT)}")
