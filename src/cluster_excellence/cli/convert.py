"""``cluster-excellence convert``: a portfolio between JSON, CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

from .._text import printable
from ..errors import PortfolioError
from ..renderers.formats import PORTFOLIO_WRITERS, portfolio_bytes
from ._common import OK, Command, Option, Run, UsageError


def run(run: Run) -> int:
    """Read the portfolio and write it in the format of the output's extension."""
    output: str = run.args.output
    suffix = Path(output).suffix.lower()
    if suffix not in PORTFOLIO_WRITERS:
        raise UsageError(
            f"{printable(output)}: the output must be a .json, .csv, .xlsx or .ods file"
        )
    portfolio = run.read(run.args.input)
    try:
        data = portfolio_bytes(portfolio, suffix)
    except PortfolioError as error:
        raise UsageError(f"{printable(output)}: cannot hold {error}") from None
    except ImportError as error:
        raise UsageError(str(error)) from None
    run.emit(data)
    return OK


COMMAND = Command(
    "Read a portfolio (.json, .csv or .xlsx; - for JSON on standard input) and write it "
    "in the format of the output's extension. A table holds one row per assessment; what "
    "it has no column for (organisation profiles, stated labels, indicator values, "
    "improvement areas, a cluster's note) is refused, never dropped. XLSX needs the excel "
    "extra: pip install 'cluster_excellence[excel]'.",
    (
        Option(("input",), {"metavar": "IN", "help": "the portfolio to read"}),
        Option(
            ("--output", "-o"),
            {
                "metavar": "OUT",
                "required": True,
                "help": "the portfolio to write: OUT.json, OUT.csv or OUT.xlsx",
            },
        ),
    ),
    run,
    (
        "cluster-excellence convert assessments.xlsx --output portfolio.json",
        "cluster-excellence convert records.csv --date-order dmy -o assessments.xlsx",
    ),
)
