"""``cluster-excellence gold-score``: Gold points and pass or fail of each latest Gold audit."""

from __future__ import annotations

from ..rules.gold_points import portfolio_gold_score
from ._common import (
    GOLD_CATALOGUE,
    LANGUAGE,
    OK,
    ON,
    OUTPUT,
    PORTFOLIO,
    RULES,
    TABLES,
    Command,
    Run,
)


def run(run: Run) -> int:
    """Score each cluster's latest Gold audit with values and print the scores."""
    catalogue = run.catalogue("gold")
    portfolio = run.portfolio("reference", [catalogue])
    run.render(portfolio_gold_score(portfolio, catalogue, run.on, run.rulebook()))
    return OK


COMMAND = Command(
    "Score each cluster's latest Gold audit with indicator values against a Gold "
    "catalogue. Without PORTFOLIO, the shipped synthetic reference of 36 clusters.",
    (PORTFOLIO, ON, *RULES, GOLD_CATALOGUE, TABLES, LANGUAGE, OUTPUT),
    run,
    (
        "cluster-excellence gold-score --on 2026-11-20",
        "cluster-excellence gold-score audits.json --catalogue official-gold.json --format csv",
    ),
)
