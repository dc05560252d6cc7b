"""``cluster-excellence compliance``: which clusters meet a programme on a day, until when."""

from __future__ import annotations

from ..files.presets import PROGRAMME_IDS
from ..rules.compliance import portfolio_compliance
from ._common import LANGUAGE, OK, ON, OUTPUT, PORTFOLIO, RULES, TABLES, Command, Option, Run


def run(run: Run) -> int:
    """Judge every cluster against the programme and print the result."""
    rulebook = run.rulebook()
    programme = run.programme(run.args.programme)
    portfolio = run.portfolio()
    run.render(portfolio_compliance(portfolio, programme, run.on, rulebook))
    return OK


COMMAND = Command(
    "Say, for each cluster, whether it holds a label that a cluster programme accepts on "
    "a day, which tier counts, the last day its labels keep it compliant, and why. "
    "Without PORTFOLIO, the sample portfolio shipped with the package.",
    (
        PORTFOLIO,
        Option(
            ("--programme",),
            {
                "required": True,
                "metavar": "ID|FILE",
                "help": f"the programme: a preset ({', '.join(PROGRAMME_IDS)}) or a programme file",
            },
        ),
        ON,
        *RULES,
        TABLES,
        LANGUAGE,
        OUTPUT,
    ),
    run,
    (
        "cluster-excellence compliance --programme no-gce --on 2026-11-20",
        "cluster-excellence compliance portfolio.json --programme regional.json --format csv",
    ),
)
