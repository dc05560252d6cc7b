"""Write the example portfolio tables and workbooks of the tutorial (docs/examples/).

- ``assessments.xlsx`` and ``assessments.csv`` hold the assessments of the
  shipped sample portfolio, one row each, as people keep such a sheet: date
  cells, Gold scores in cells formatted as percentages (0.84 shown as 84 %),
  a first row with the column names; the CSV writes dates day first
  (25.07.2019) and scores with a percent sign, as a spreadsheet exported in a
  European locale does. Its notes, organisation profiles, stated labels and
  indicator values are left out here: a table of assessments has no column
  for them.
- ``portfolio.xlsx`` is the whole sample portfolio as ``convert`` writes it:
  the assessments and the sheets Clusters, Improvement areas and Stated
  labels (docs: *Portfolio workbooks*).
- ``region.xlsx`` is the shipped synthetic region with its indicator values
  (the sheet Indicators), for the scorecard.

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
from cluster_excellence._xlsx import workbook as write_workbook
from cluster_excellence.files.table import portfolio_sheets
from cluster_excellence.model.assessments import NO_VALUES, Assessment, SilverAudit
from cluster_excellence.model.clusters import TABLE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
XLSX = EXAMPLES / "assessments.xlsx"
CSV = EXAMPLES / "assessments.csv"
WHOLE = EXAMPLES / "portfolio.xlsx"
REGION = EXAMPLES / "region.xlsx"
#: A fixed time for the workbooks' properties (the zip members still carry the time of writing).
WRITTEN = dt.datetime(2026, 11, 22)


def assessments_only() -> Portfolio:
    """The sample portfolio with only what a table of assessments holds."""
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


def whole(portfolio: Portfolio) -> bytes:
    """The portfolio's workbook as ``convert`` writes it, at a fixed time."""
    return write_workbook(portfolio_sheets(portfolio), written=WRITTEN)


if __name__ == "__main__":
    portfolio = assessments_only()
    XLSX.write_bytes(workbook(portfolio))
    CSV.write_text(csv_text(portfolio), encoding="utf-8", newline="")
    WHOLE.write_bytes(whole(sample_portfolio()))
    REGION.write_bytes(whole(sample_portfolio("region")))
    for path in (XLSX, CSV, WHOLE, REGION):
        print(f"wrote {path.relative_to(ROOT)}")
