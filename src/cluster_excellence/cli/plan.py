"""``cluster-excellence plan``: the dated actions ahead, also as an iCalendar file."""

from __future__ import annotations

import argparse

from ..renderers.ics import plan_to_ics, reminder_days
from ..rules.planning import portfolio_plan
from ._common import (
    GOLD_CATALOGUE,
    LANGUAGE,
    OK,
    ON,
    OUTPUT,
    PORTFOLIO,
    PROGRAMMES_FOLLOWED,
    RULES,
    Command,
    Option,
    Run,
    UsageError,
    formats,
    months,
)


def _lead_times(text: str) -> tuple[int, ...]:
    try:
        return reminder_days(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run(run: Run) -> int:
    """List each cluster's dated actions (``--format ics``: as a calendar)."""
    catalogue = run.catalogue("gold")
    rulebook = run.rulebook()
    if run.args.remind is not None and run.args.format != "ics":
        raise UsageError("--remind needs --format ics")
    programmes = run.programmes()
    portfolio = run.portfolio(catalogues=[catalogue])
    plans = portfolio_plan(
        portfolio,
        run.on,
        rulebook,
        within_months=run.args.within,
        catalogue=catalogue,
        programmes=programmes,
    )
    if run.args.format == "ics":
        run.emit(plan_to_ics(plans, remind=run.args.remind or (), language=run.args.language))
    else:
        run.render(plans)
    return OK


COMMAND = Command(
    "List each cluster's dated actions from a day on; with --programme, the day each "
    "cluster falls out of each programme.",
    (
        PORTFOLIO,
        ON,
        *RULES,
        Option(
            ("--within",),
            {"type": months, "metavar": "MONTHS", "help": "only actions within this many months"},
        ),
        GOLD_CATALOGUE,
        PROGRAMMES_FOLLOWED,
        formats("ics"),
        LANGUAGE,
        Option(
            ("--remind",),
            {
                "type": _lead_times,
                "metavar": "DAYS[,DAYS...]",
                "help": "with --format ics: an alarm this many days before each event "
                "after the day (e.g. 90,30,7)",
            },
        ),
        OUTPUT,
    ),
    run,
    (
        "cluster-excellence plan --on 2026-11-20 --within 12",
        "cluster-excellence plan portfolio.json --format ics --output deadlines.ics",
    ),
)
