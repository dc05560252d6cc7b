"""``cluster-excellence timeline``: each cluster's labels over time, drawn."""

from __future__ import annotations

from pathlib import Path

from .._text import printable
from ..model.clusters import Portfolio
from ..renderers import pictures
from ._common import LANGUAGE, OK, ON, PORTFOLIO, RULES, Command, Option, Run, UsageError, chosen


def run(run: Run) -> int:
    """Draw the timeline into a .png or .svg file."""
    output: str = run.args.output
    fmt = Path(output).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise UsageError(f"{printable(output)}: the picture must be a .png or .svg file")
    try:
        pictures.require_matplotlib()
    except ImportError as error:
        raise UsageError(str(error)) from None
    rulebook = run.rulebook()
    portfolio = run.portfolio()
    if run.args.cluster:
        names = dict.fromkeys(run.args.cluster)
        portfolio = Portfolio([chosen(portfolio, name) for name in names])
    try:
        figure = pictures.label_timeline(portfolio, run.on, rulebook, language=run.args.language)
    except ValueError as error:
        raise UsageError(str(error)) from None
    run.emit(pictures.figure_bytes(figure, fmt))
    return OK


COMMAND = Command(
    "Draw a label timeline: per cluster and tier the labels, their renewal windows, "
    "stated labels and the assessments. Needs matplotlib: "
    "pip install 'cluster_excellence[plot]'.",
    (
        PORTFOLIO,
        ON,
        *RULES,
        Option(
            ("--cluster",),
            {
                "action": "append",
                "metavar": "ID",
                "help": "draw only this cluster (repeat for more; default: all)",
            },
        ),
        LANGUAGE,
        Option(
            ("--output", "-o"),
            {"metavar": "FILE", "required": True, "help": "the picture, FILE.png or FILE.svg"},
        ),
    ),
    run,
    (
        "cluster-excellence timeline --on 2026-11-20 --output timeline.png",
        "cluster-excellence timeline portfolio.json --cluster qoot --output qoot.svg",
    ),
)
