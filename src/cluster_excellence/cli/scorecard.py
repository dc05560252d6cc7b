"""``cluster-excellence scorecard``: a region's benchmarks against reference groups."""

from __future__ import annotations

from pathlib import Path

from ..model.clusters import Portfolio
from ..rules.scorecard import GROUP_FIELDS, group_clusters, portfolio_scorecard
from ._common import (
    BENCHMARKING_CATALOGUE,
    LANGUAGE,
    OK,
    ON,
    OUTPUT,
    PORTFOLIO,
    TABLES,
    Command,
    Option,
    Run,
    chosen_from,
    files,
)


def run(run: Run) -> int:
    """Compare the region with its reference groups and print the scorecard."""
    catalogue = run.catalogue("benchmarking")
    group_by = run.args.group_by
    samples = files("samples")
    if run.args.portfolio is None:
        region = samples.sample_portfolio("region")
        group_by = group_by or "country"
    else:
        region = run.read(run.args.portfolio, [catalogue])
    if run.args.reference is not None:
        reference, reference_name = run.read(run.args.reference, [catalogue]), run.args.reference
    elif run.args.portfolio is None:
        reference, reference_name = samples.sample_portfolio("reference"), "sample-reference.json"
    else:
        reference, reference_name = region, run.args.portfolio
    groups = (
        group_clusters(reference, group_by)
        if group_by
        else {Path(reference_name).name: tuple(reference)}
    )
    run.render(portfolio_scorecard(Portfolio(region), groups, catalogue, run.on))
    return OK


COMMAND = Command(
    "Compare a region's clusters with reference groups, indicator by indicator. Without "
    "PORTFOLIO, the shipped synthetic region of 7 clusters against the synthetic "
    "reference of 36, grouped by country.",
    (
        PORTFOLIO,
        Option(
            ("--reference",),
            {
                "metavar": "FILE",
                "help": "the reference clusters (default: PORTFOLIO itself when given, "
                "else the shipped synthetic reference)",
            },
        ),
        Option(
            ("--group-by",),
            {
                **chosen_from(*GROUP_FIELDS),
                "help": "form reference groups by this field (default: one group; "
                "country for the shipped samples)",
            },
        ),
        ON,
        BENCHMARKING_CATALOGUE,
        TABLES,
        LANGUAGE,
        OUTPUT,
    ),
    run,
    (
        "cluster-excellence scorecard --on 2026-11-20",
        "cluster-excellence scorecard region.json --reference europe.json --group-by country",
    ),
)
