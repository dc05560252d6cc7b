"""``cluster-excellence badge``: a badge of a cluster's best label."""

from __future__ import annotations

from ..renderers.badge import badge
from ..renderers.formats import dumps
from ..rules.status import cluster_status
from ._common import (
    LANGUAGE,
    OK,
    ON,
    OUTPUT,
    PORTFOLIO,
    RULES,
    Command,
    Option,
    Run,
    chosen,
    chosen_from,
)


def run(run: Run) -> int:
    """Print the badge as the shields.io endpoint document or as SVG."""
    rulebook = run.rulebook()
    cluster = chosen(run.portfolio(), run.args.cluster)
    found = badge(cluster_status(cluster, run.on, rulebook), language=run.args.language)
    run.emit(found.to_svg() if run.args.format == "svg" else dumps(found.to_dict()))
    return OK


COMMAND = Command(
    "Print the badge of one cluster's highest valid label on a day, e.g. "
    "'ECEI Gold | valid until 2027-05': the shields.io endpoint document (json) or a "
    "small SVG with the same words.",
    (
        PORTFOLIO,
        Option(("--cluster",), {"required": True, "metavar": "ID", "help": "the cluster's id"}),
        ON,
        *RULES,
        Option(
            ("--format",),
            {
                **chosen_from("json", "svg"),
                "default": "json",
                "help": "the output format (default: %(default)s)",
            },
        ),
        LANGUAGE,
        OUTPUT,
    ),
    run,
    (
        "cluster-excellence badge --cluster example-gold --on 2026-11-20",
        "cluster-excellence badge portfolio.json --cluster ocean --format svg -o badge.svg",
    ),
)
