"""``cluster-excellence convert``: a portfolio between JSON, CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

from .._text import printable
from ..errors import PortfolioError
from ..renderers.formats import PORTFOLIO_WRITERS, is_folder, portfolio_bytes, write_folder
from ._common import OK, Command, Option, Run, UsageError


def run(run: Run) -> int:
    """Read the portfolio and write it in the format of the output's extension."""
    output: str = run.args.output
    suffix = Path(output).suffix.lower()
    folder = is_folder(output)
    if suffix not in PORTFOLIO_WRITERS and not folder:
        raise UsageError(
            f"{printable(output)}: the output must be a .json, .csv, .xlsx or .ods file, or a "
            "folder for CSV files (ending with /)"
        )
    portfolio = run.read(run.args.input)
    if folder:
        write_folder(portfolio, output, protect=run.inputs)
        return OK
    try:
        data = portfolio_bytes(portfolio, suffix)
    except PortfolioError as error:
        raise UsageError(f"{printable(output)}: cannot hold {error}") from None
    except ImportError as error:
        raise UsageError(str(error)) from None
    run.emit(data)
    return OK


COMMAND = Command(
    "Read a portfolio (.json, .csv, .xlsx, .ods, a folder of CSV files; - for JSON on "
    "standard input) and write it in the format of the output's extension, or as a folder "
    "of CSV files (an output ending with /). A workbook and a folder hold the whole "
    "portfolio; one CSV file holds one row per assessment, and what it has no column for "
    "(organisation profiles, stated labels, indicator values, improvement areas, a "
    "cluster's note) is refused, never dropped. Writing XLSX needs the excel extra: pip "
    "install 'cluster_excellence[excel]'.",
    (
        Option(("input",), {"metavar": "IN", "help": "the portfolio to read"}),
        Option(
            ("--output", "-o"),
            {
                "metavar": "OUT",
                "required": True,
                "help": "the portfolio to write: OUT.json, OUT.csv, OUT.xlsx, OUT.ods or "
                "a folder OUT/ of CSV files",
            },
        ),
    ),
    run,
    (
        "cluster-excellence convert assessments.xlsx --output portfolio.json",
        "cluster-excellence convert records.csv --date-order dmy -o assessments.xlsx",
        "cluster-excellence convert portfolio.json -o tables/",
    ),
)
