"""``cluster-excellence report``: one self-contained, printable HTML page to send."""

from __future__ import annotations

from pathlib import Path

from .._text import printable
from ..files.presets import PROGRAMME_IDS
from ..renderers import pictures
from ..renderers.report import DEFAULT_PLAN_MONTHS, report_html
from ._common import (
    BENCHMARKING_CATALOGUE,
    LANGUAGE,
    OK,
    ON,
    PORTFOLIO,
    RULES,
    Command,
    Option,
    Run,
    UsageError,
    months,
    single_line,
)


def run(run: Run) -> int:
    """Write the report to an .html file."""
    output: str = run.args.output
    if Path(output).suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"{printable(output)}: the report must be an .html file")
    try:
        pictures.require_matplotlib()
    except ImportError as error:
        raise UsageError(str(error)) from None
    rulebook = run.rulebook()
    programmes = run.programmes()
    catalogue = run.catalogue("benchmarking")
    portfolio = run.portfolio(catalogues=[catalogue])
    page = report_html(
        portfolio,
        run.on,
        rulebook,
        programmes=programmes,
        catalogue=catalogue,
        plan_months=run.args.within,
        title=run.args.title,
        language=run.args.language,
    )
    run.emit(page)
    return OK


COMMAND = Command(
    "Write one HTML page that opens with the answer (clusters by highest valid label, each "
    "--programme's compliance and who falls out next, the actions due in 90 days), then "
    "the status table, a compliance table for each --programme, the plan ahead, the label "
    "timeline and, when the portfolio has indicator values, the scorecard heat map. It "
    "makes no request of any kind and prints on A4. Needs matplotlib: "
    "pip install 'cluster_excellence[plot]'.",
    (
        PORTFOLIO,
        ON,
        *RULES,
        Option(
            ("--programme",),
            {
                "action": "append",
                "metavar": "ID|FILE",
                "help": "add the compliance table of this programme (a preset: "
                f"{', '.join(PROGRAMME_IDS)}; or a programme file; repeat for more)",
            },
        ),
        Option(
            ("--within",),
            {
                "type": months,
                "default": DEFAULT_PLAN_MONTHS,
                "metavar": "MONTHS",
                "help": "how far ahead the plan looks (default: %(default)s months)",
            },
        ),
        BENCHMARKING_CATALOGUE,
        Option(
            ("--title",),
            {
                "type": single_line,
                "metavar": "TEXT",
                "help": "the report's heading and title (default: 'Cluster labels on DAY', "
                "in the report's language)",
            },
        ),
        LANGUAGE,
        Option(
            ("--output", "-o"),
            {"metavar": "FILE", "required": True, "help": "the report, FILE.html"},
        ),
    ),
    run,
    (
        "cluster-excellence report --on 2026-11-20 --output report.html",
        "cluster-excellence report portfolio.json --programme de-go-cluster -o report.html",
        "cluster-excellence report --language da --programme dk-innovationskraft -o rapport.html",
    ),
)
