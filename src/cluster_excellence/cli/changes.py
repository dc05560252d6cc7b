"""``cluster-excellence changes``: what changed between two days."""

from __future__ import annotations

import datetime as dt

from ..rules.changes import portfolio_changes
from ._common import (
    LANGUAGE,
    OK,
    OUTPUT,
    PORTFOLIO,
    PROGRAMMES_FOLLOWED,
    RULES,
    TABLES,
    Command,
    Option,
    Run,
    UsageError,
    day,
)


def run(run: Run) -> int:
    """List the label events (and, with programmes, compliance gained and lost)."""
    since, until = run.args.since, run.args.until or dt.date.today()
    if until < since:
        raise UsageError(f"--to {until.isoformat()} is before --from {since.isoformat()}")
    rulebook = run.rulebook()
    programmes = run.programmes()
    portfolio = run.portfolio()
    run.render(portfolio_changes(portfolio, since, until, rulebook, programmes=programmes))
    return OK


COMMAND = Command(
    "List every day after --from through --to on which a label's status, as of that "
    "day, changed: awarded (a new label), renewed (valid until moves later), expired, "
    "lapsed; with --programme also the days a cluster gained or lost a programme. "
    "Without PORTFOLIO, the sample portfolio shipped with the package.",
    (
        PORTFOLIO,
        Option(
            ("--from",),
            {
                "dest": "since",
                "type": day,
                "required": True,
                "metavar": "DATE",
                "help": "the day of the last look: changes after it count",
            },
        ),
        Option(
            ("--to",),
            {
                "dest": "until",
                "type": day,
                "metavar": "DATE",
                "help": "the last day that counts (default: today)",
            },
        ),
        *RULES,
        PROGRAMMES_FOLLOWED,
        TABLES,
        LANGUAGE,
        OUTPUT,
    ),
    run,
    (
        "cluster-excellence changes --from 2026-01-01 --to 2026-11-20",
        "cluster-excellence changes portfolio.json --from 2026-10-01 --programme no-gce "
        "--format json",
    ),
)
