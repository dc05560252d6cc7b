"""``cluster-excellence status``: the status of every cluster's labels on a day."""

from __future__ import annotations

from ..rules.status import portfolio_status
from ._common import LANGUAGE, OK, ON, OUTPUT, PORTFOLIO, RULES, TABLES, Command, Option, Run, days


def run(run: Run) -> int:
    """Compute and print the status (``--expiring-within``: only what expires soon)."""
    rulebook = run.rulebook()
    portfolio = run.portfolio()
    result = portfolio_status(portfolio, run.on, rulebook, retroactive=run.args.retroactive)
    if run.args.expiring_within is not None:
        result = result.expiring(run.args.expiring_within)
    run.render(result)
    return OK


COMMAND = Command(
    "Print the status of every cluster's Bronze, Silver and Gold labels on a day. "
    "Without PORTFOLIO, the sample portfolio shipped with the package.",
    (
        PORTFOLIO,
        ON,
        *RULES,
        Option(
            ("--retroactive",),
            {
                "action": "store_true",
                "help": "count assessments after the day too (a later renewal covers the gap)",
            },
        ),
        Option(
            ("--expiring-within",),
            {
                "type": days,
                "metavar": "DAYS",
                "help": "keep only the labels valid on the day that end at most DAYS days "
                "after it (and the clusters that hold one)",
            },
        ),
        TABLES,
        LANGUAGE,
        OUTPUT,
    ),
    run,
    (
        "cluster-excellence status --on 2021-08-01",
        "cluster-excellence status portfolio.json --expiring-within 90",
        "cluster-excellence status portfolio.json --format json --output status.json",
    ),
)
