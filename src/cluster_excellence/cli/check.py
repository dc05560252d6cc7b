"""``cluster-excellence check``: recorded awards that contradict the rules."""

from __future__ import annotations

from ..rules.consistency import portfolio_check
from ._common import (
    FINDINGS,
    GOLD_CATALOGUE,
    LANGUAGE,
    OK,
    OUTPUT,
    PORTFOLIO,
    RULES,
    TABLES,
    Command,
    Run,
)


def run(run: Run) -> int:
    """Check the records; exit status 1 with findings."""
    catalogue = run.catalogue("gold")
    rulebook = run.rulebook()
    portfolio = run.portfolio(catalogues=[catalogue])
    result = portfolio_check(portfolio, rulebook, catalogue=catalogue)
    run.render(result)
    return OK if result.clean else FINDINGS


COMMAND = Command(
    "Report recorded awards that contradict the rules and stated labels that disagree "
    "with the assessments. Exit status 0 when clean, 1 with findings, 2 for bad input.",
    (PORTFOLIO, *RULES, GOLD_CATALOGUE, TABLES, LANGUAGE, OUTPUT),
    run,
    (
        "cluster-excellence check portfolio.json",
        "cluster-excellence check portfolio.json --format json --output findings.json",
    ),
)
