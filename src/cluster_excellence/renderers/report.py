"""A report to send: one self-contained, printable HTML page about a portfolio on a day.

The page holds the status table, the compliance table when a programme is
given, the plan ahead, the label timeline and, when the portfolio has
benchmarks with indicator values, the scorecard heat map (docs: *Watching
a portfolio*). It makes no request of any kind: the styles are in the page,
the pictures are inline SVG, there is no script, and a Content Security
Policy forbids everything else. Every text from the data is escaped. Tables
are semantic (caption, header cells with scope), headings are in order, and
no state is told by colour alone: each is also written in words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from .._checks import DayLike, as_day
from .._results import escape
from .._text import printable
from .._version import __version__
from ..files.presets import DEFAULT_RULEBOOK, programme_of, rulebook_of
from ..model.catalogues import Catalogue
from ..model.clusters import Cluster, Portfolio, portfolio_of
from ..model.programmes import Programme
from ..model.rulebooks import Rulebook
from ..rules.compliance import portfolio_compliance
from ..rules.planning import cluster_plan
from ..rules.scorecard import latest_benchmark, portfolio_scorecard
from ..rules.status import PortfolioStatus, portfolio_status
from . import pictures

__all__ = ["DEFAULT_PLAN_MONTHS", "report_html"]

#: How far ahead the report's plan looks, in months (our decision; a parameter).
DEFAULT_PLAN_MONTHS = 12

_STYLE = """
@page { size: A4; margin: 14mm 12mm; }
:root { color: #1a1a1a; background: #fff; }
body { font: 10.5pt/1.4 "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto;
  max-width: 186mm; padding: 8mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #888;
  break-after: avoid; }
p.meta { margin: 0; color: #444; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 1mm 0 2mm; }
caption { text-align: left; font-weight: bold; padding: 1mm 0; caption-side: top; }
th, td { border: 1px solid #bbb; padding: 1mm 1.6mm; text-align: left; vertical-align: top; }
thead th { background: #eee; }
tbody th { font-weight: normal; }
tr { break-inside: avoid; }
td.valid { background: #e3f1e3; } td.expired_renewable { background: #fdf0d5; }
td.lapsed { background: #f6e0e0; }
td.compliant { background: #e3f1e3; } td.not_compliant { background: #f6e0e0; }
td.due { background: #fdf0d5; }
td.day { white-space: nowrap; }
figure { margin: 2mm 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #333; }
.note { font-size: 9pt; color: #333; }
"""

#: Words and a mark for each state, so that no state is told by colour alone.
_WORDS = {
    "valid": "\u2714 valid",
    "expired_renewable": "\u25d0 expired, renewable",
    "lapsed": "\u2716 lapsed",
    "compliant": "\u2714 compliant",
    "due": "\u25d0 due",
    "not_compliant": "\u2716 not compliant",
}


def _text(value: object) -> str:
    return escape(printable(str(value)))


def _table(caption: str, header: Sequence[str], rows: Sequence[Sequence[tuple[str, str]]]) -> str:
    """A table; each cell is (css class, escaped html); the first cell heads its row."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = []
    for row in rows:
        cells = []
        for index, (kind, html) in enumerate(row):
            css = f' class="{kind}"' if kind else ""
            tag = '<th scope="row"' if index == 0 else "<td"
            cells.append(f"{tag}{css}>{html}</{'th' if index == 0 else 'td'}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(header)}">No clusters.</td></tr>')
    return (
        f"<table><caption>{_text(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _day(day: dt.date | None) -> tuple[str, str]:
    return ("day", "" if day is None else day.isoformat())


_XML_HEAD = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)


def _svg(figure: Any, label: str) -> str:
    """A matplotlib figure as inline SVG in a figure element named by ``label``."""
    svg = pictures.figure_bytes(figure, "svg").decode("utf-8")
    svg = _XML_HEAD.sub("", svg, count=1)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_text(label)}" ', 1)
    return f"<figure>{svg}<figcaption>{_text(label)}</figcaption></figure>"


def report_html(
    portfolio: Portfolio,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    programmes: Sequence[Programme | str] = (),
    catalogue: Catalogue | None = None,
    plan_months: int = DEFAULT_PLAN_MONTHS,
    title: str | None = None,
    max_rows: int = pictures.MAX_ROWS,
) -> str:
    """The report of ``portfolio`` on ``on`` as one HTML document (``report`` command).

    Needs matplotlib for the pictures (the ``plot`` extra; an :class:`ImportError`
    says how to install it). The plan looks ``plan_months`` ahead. A timeline of
    more than ``max_rows`` rows is left out with a note that says so. The
    scorecard compares each cluster's latest benchmark with those of the whole
    portfolio, indicator by indicator, against ``catalogue``, the benchmarking
    catalogue (e.g. :func:`~cluster_excellence.benchmarking_catalogue`); without
    one the section says that it needs one.
    """
    portfolio = portfolio_of(portfolio)
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    followed = [programme_of(programme) for programme in programmes]
    pictures.require_matplotlib()
    status = portfolio_status(portfolio, on, rulebook)
    heading = title or f"Cluster labels on {on.isoformat()}"
    editions = ", ".join(edition for edition, _ in status.editions)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(heading)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{_text(heading)}</h1>",
        f'<p class="meta">{len(status.clusters)} clusters; labels as of {on.isoformat()}, '
        f"each assessment judged by the rulebook edition in force on its date "
        f"({_text(editions)}). Made with cluster_excellence {escape(__version__)}.</p>",
        "</header><main>",
        _status_section(status),
    ]
    for programme in followed:
        parts.append(_compliance_section(portfolio, programme, on, rulebook))
    parts.append(_plan_section(portfolio, on, rulebook, followed, plan_months))
    parts.append(_timeline_section(portfolio, on, rulebook, max_rows))
    measured = [cluster for cluster in portfolio if latest_benchmark(cluster, on) is not None]
    if measured:
        parts.append(_scorecard_section(measured, catalogue, on, max_rows))
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _status_section(status: PortfolioStatus) -> str:
    rows = []
    for cluster in status.clusters:
        name = ("", _text(cluster.cluster_name))
        best = cluster.highest_valid_tier
        if not cluster.labels:
            rows.append([name, ("", "no label"), ("", ""), ("", ""), ("", ""), ("", "")])
        for entry in cluster.labels:
            tier = entry.tier.value.title() + (" (highest valid)" if entry.tier is best else "")
            rows.append([
                name,
                ("", escape(tier)),
                (entry.status.value, _WORDS[entry.status.value]),
                ("day", "stated" if entry.valid_from is None else entry.valid_from.isoformat()),
                _day(entry.valid_until),
                _day(entry.renewable_until),
            ])  # fmt: skip
    table = _table(
        f"Labels on {status.on.isoformat()}",
        ("Cluster", "Tier", "Status", "Valid from", "Valid until", "Renewable until"),
        rows,
    )
    return (
        f"<section><h2>Label status</h2>{table}"
        '<p class="note">Renewable until: the last day an award renews the label seamlessly. '
        "Stated: known only by its stated end (e.g. the label listing).</p></section>"
    )


def _compliance_section(
    portfolio: Portfolio, programme: Programme, on: dt.date, rulebook: Rulebook
) -> str:
    result = portfolio_compliance(portfolio, programme, on, rulebook)
    rows = [
        [
            ("", _text(entry.cluster_name)),
            (entry.standing.value, _WORDS[entry.standing.value]),
            ("", "" if entry.held_tier is None else entry.held_tier.value.title()),
            _day(entry.compliant_until),
            ("", _text("; ".join(str(reason) for reason in entry.reasons))),
        ]
        for entry in result.clusters
    ]
    table = _table(
        f"Compliance on {on.isoformat()} ({programme.id})",
        ("Cluster", "Standing", "Tier that counts", "Compliant until", "Why"),
        rows,
    )
    return f"<section><h2>Compliance with {_text(programme.name)}</h2>{table}</section>"


def _plan_section(
    portfolio: Portfolio,
    on: dt.date,
    rulebook: Rulebook,
    programmes: Sequence[Programme],
    months: int,
) -> str:
    rows = []
    for cluster in portfolio:
        found = cluster_plan(cluster, on, rulebook, within_months=months, programmes=programmes)
        for action, covered in found.steps():
            what = _text(action.title)
            if covered:
                items = "".join(f"<li>{_text(f.finding)}</li>" for f in covered)
                what += f"<ul>{items}</ul>"
            rows.append([("", _text(cluster.name)), _day(action.date), ("", what)])
    table = _table(f"Actions from {on.isoformat()}", ("Cluster", "Date", "What"), rows)
    return f"<section><h2>The plan ahead ({months} months)</h2>{table}</section>"


def _timeline_section(portfolio: Portfolio, on: dt.date, rulebook: Rulebook, max_rows: int) -> str:
    try:
        figure = pictures.label_timeline(portfolio, on, rulebook, title="", max_rows=max_rows)
    except ValueError as error:
        picture = f'<p class="note">The timeline is left out: {_text(error)}.</p>'
    else:
        picture = _svg(
            figure,
            "Each cluster's labels over time: bars from award to expiry, hatched renewal "
            "windows, markers for assessments, a dashed line on the day.",
        )
    return f"<section><h2>Label timeline</h2>{picture}</section>"


def _scorecard_section(
    measured: list[Cluster], catalogue: Catalogue | None, on: dt.date, max_rows: int
) -> str:
    if catalogue is None:
        picture = (
            '<p class="note">The portfolio has benchmarks with indicator values; the '
            "scorecard needs a benchmarking catalogue to read them.</p>"
        )
    else:
        card = portfolio_scorecard(Portfolio(measured), {"this portfolio": measured}, catalogue, on)
        try:
            heat = pictures.scorecard_heatmap(card, title="", max_rows=max_rows)
        except ValueError as error:
            picture = f'<p class="note">The heat map is left out: {_text(error)}.</p>'
        else:
            picture = _svg(
                heat,
                "Quality lights of each cluster's latest benchmark against the portfolio: "
                "R red, Y yellow, G green, - no light.",
            )
    return f"<section><h2>Scorecard</h2>{picture}</section>"
