"""``cluster-excellence eligibility``: whether each cluster can get a tier, and why not."""

from __future__ import annotations

from ..rules.eligibility import portfolio_eligibility
from ._common import (
    GOLD_CATALOGUE,
    LANGUAGE,
    OK,
    ON,
    OUTPUT,
    PORTFOLIO,
    RULES,
    TABLES,
    TIER,
    Command,
    Run,
)


def run(run: Run) -> int:
    """Decide the tier for every cluster and print the decisions with their findings."""
    catalogue = run.catalogue("gold")
    rulebook = run.rulebook()
    portfolio = run.portfolio(catalogues=[catalogue])
    run.render(
        portfolio_eligibility(portfolio, run.args.tier, run.on, rulebook, catalogue=catalogue)
    )
    return OK


COMMAND = Command(
    "Explain, for each cluster, whether its records qualify for a tier.",
    (PORTFOLIO, TIER, ON, *RULES, GOLD_CATALOGUE, TABLES, LANGUAGE, OUTPUT),
    run,
    (
        "cluster-excellence eligibility --tier silver --on 2026-11-20",
        "cluster-excellence eligibility portfolio.json --tier gold --format json",
    ),
)
