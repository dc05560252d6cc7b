"""A report to send: one self-contained, printable HTML page about a portfolio on a day.

The page opens with the answer (docs: *Watching a portfolio*, "The
report"): the day and the rulebook, how many clusters hold which label as
their highest valid one (with a small picture of the tiers), for each
programme how many comply and who falls out next, and the actions due in
the next 90 days. Then come the details: the status table, a compliance
table for each programme, the plan ahead, the label timeline and, when the
portfolio has benchmarks with indicator values, the scorecard heat map.

Every word is in the language asked for (``"en"``, ``"da"``, ``"nb"``,
``"de"``), and the page says which (``lang``). It makes no request of any
kind: the styles are in the page, the pictures are inline SVG, there is no
script, and a Content Security Policy forbids everything else. Every text
from the data is escaped. Tables are semantic (caption, header cells with
scope), headings are in order, and no state is told by colour alone: each
is also written in words. Printed (A4), headings stay with their tables and
a table's header repeats on every page; on a narrow screen a wide table
scrolls sideways within its box, so nothing is cut off.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import unescape
from typing import Any

from .._checks import DayLike, as_day, failure, text_problem
from .._results import escape
from .._version import __version__
from .._words import Language, Message
from .._words import language as _language
from ..files.presets import DEFAULT_RULEBOOK, programme_name, programme_of, rulebook_of
from ..model.catalogues import Catalogue, catalogue_of
from ..model.clusters import Cluster, Portfolio, portfolio_of
from ..model.programmes import Programme
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from ..rules.compliance import PortfolioCompliance, Standing, portfolio_compliance
from ..rules.planning import Action, cluster_plan
from ..rules.scorecard import latest_benchmark, portfolio_scorecard
from ..rules.status import PortfolioStatus, portfolio_status
from . import pictures

__all__ = [
    "DEFAULT_PLAN_MONTHS",
    "DEFAULT_SOON_DAYS",
    "MAX_SOON_DAYS",
    "NEXT_OUT_NAMED",
    "report_html",
]

#: How far ahead the report's plan looks, in months (our decision; a parameter).
DEFAULT_PLAN_MONTHS = 12
#: How far ahead the summary's actions look, in days (our decision: about a quarter, the
#: time an agency needs to arrange an assessment; a parameter).
DEFAULT_SOON_DAYS = 90
#: The longest look ahead the summary takes, in days (our decision: ten years, past any
#: label's term and window).
MAX_SOON_DAYS = 3660
#: The clusters the summary names as the next to fall out of a programme, at most (our
#: decision: a line of a table; the programme's section lists them all).
NEXT_OUT_NAMED = 3

_STYLE = """
@page { size: A4; margin: 16mm 14mm 18mm; }
:root { color: #1a1a1a; background: #fff; }
body { font: 10.5pt/1.4 "DejaVu Sans", Arial, Helvetica, sans-serif; margin: 0 auto;
  max-width: 186mm; padding: 8mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #888; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; }
h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
p.meta { margin: 0; color: #444; }
.box { overflow-x: auto; margin: 1mm 0 2mm; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding: 1mm 0; caption-side: top; }
th, td { border: 1px solid #bbb; padding: 1mm 1.6mm; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
thead th { background: #eee; }
tbody th { font-weight: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.valid { background: #e3f1e3; } td.expired_renewable { background: #fdf0d5; }
td.lapsed { background: #f6e0e0; }
td.compliant { background: #e3f1e3; } td.not_compliant { background: #f6e0e0; }
td.due { background: #fdf0d5; }
.day, .count { white-space: nowrap; }
.count { text-align: right; }
ul.steps { margin: 0; padding-left: 0; list-style: none; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.answer { display: flex; flex-wrap: wrap; gap: 4mm; align-items: flex-start; }
.answer > .box { flex: 1 1 60mm; }
.answer > svg { flex: 0 0 auto; max-width: 100%; height: auto; }
figure { margin: 2mm 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #333; }
.note { font-size: 9pt; color: #333; }
@media screen and (max-width: 600px) {
  body { padding: 3mm 2mm; font-size: 10pt; }
}
@media print { .box { overflow: visible; } body { padding: 0; max-width: none; } }
"""

#: A mark for each state, so that no state is told by colour alone (the words follow).
_MARKS = {
    "valid": "\u2714",
    "expired_renewable": "\u25d0",
    "lapsed": "\u2716",
    "compliant": "\u2714",
    "due": "\u25d0",
    "not_compliant": "\u2716",
}
#: The bars of the tiers' picture: the timeline's colours, grey for no valid label.
_BAR_COLOURS: dict[Tier | None, str] = {tier: pictures.TIER_COLOURS[tier] for tier in Tier}
_BAR_COLOURS[None] = "#DDDDDD"


class _Page:
    """The words of one report: every text in its language, escaped for HTML."""

    def __init__(self, words: Language) -> None:
        self.words = words

    def say(self, template: str, **values: Any) -> str:
        """A message in the page's language, escaped."""
        return escape(Message(template, **values).text(self.words))

    def show(self, value: Any) -> str:
        """A value (a day, a tier, a message, a text from the data), escaped."""
        return escape(self.words.show(value))

    def state(self, kind: Any) -> tuple[str, str]:
        """A cell for a status or a standing: its class, its mark and its words."""
        return (kind.value, f"{_MARKS[kind.value]} {self.show(kind)}")

    def day(self, day: dt.date | None) -> tuple[str, str]:
        """A cell for a day (empty for none)."""
        return ("day", "" if day is None else self.show(day))

    def table(
        self,
        caption: str,
        header: Sequence[str],
        rows: Sequence[Sequence[tuple[str, str]]],
        empty: str,
    ) -> str:
        """A table in its scrolling box; ``caption`` and ``header`` are messages' texts
        (escaped); each cell is (css class, escaped html); the first cell heads its row."""
        head = "".join(f'<th scope="col">{h}</th>' for h in header)
        body = []
        for row in rows:
            cells = []
            for index, (kind, html) in enumerate(row):
                css = f' class="{kind}"' if kind else ""
                tag = "th" if index == 0 else "td"
                scope = ' scope="row"' if index == 0 else ""
                cells.append(f"<{tag}{scope}{css}>{html}</{tag}>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        if not rows:
            body.append(f'<tr><td colspan="{len(header)}">{empty}</td></tr>')
        return (
            f'<div class="box" role="region" tabindex="0" aria-label="{caption}">'
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )


_XML_HEAD = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
#: What matplotlib writes into an SVG that HTML does not allow: the RDF metadata.
_METADATA = re.compile(r"<metadata\b.*?</metadata>\s*", re.DOTALL)


def _svg(figure: Any, label: str) -> str:
    """A matplotlib figure as inline SVG in a figure element named by ``label`` (escaped):
    without the XML head and the metadata, which HTML does not allow in a page."""
    svg = pictures.figure_bytes(figure, "svg").decode("utf-8")
    svg = _METADATA.sub("", _XML_HEAD.sub("", svg, count=1), count=1)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return f"<figure>{svg}<figcaption>{label}</figcaption></figure>"


def report_html(
    portfolio: Portfolio,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    programmes: Sequence[Programme | str] = (),
    catalogue: Catalogue | None = None,
    plan_months: int = DEFAULT_PLAN_MONTHS,
    soon_days: int = DEFAULT_SOON_DAYS,
    title: str | None = None,
    max_rows: int = pictures.MAX_ROWS,
    language: Language | str | None = None,
) -> str:
    """The report of ``portfolio`` on ``on`` as one HTML document (``report`` command), in
    ``language`` (``"en"``, ``"da"``, ``"nb"``, ``"de"``; default English).

    It opens with the answer: the clusters by highest valid tier, each
    programme's compliance and who falls out next, and the actions due within
    ``soon_days`` days; then the details. Needs matplotlib for the pictures
    (the ``plot`` extra; an :class:`ImportError` says how to install it). The
    plan looks ``plan_months`` ahead. A timeline of more than ``max_rows``
    rows is left out with a note that says so. The scorecard compares each
    cluster's latest benchmark with those of the whole portfolio, indicator by
    indicator, against ``catalogue``, the benchmarking catalogue (e.g.
    :func:`~cluster_excellence.benchmarking_catalogue`); without one the
    section says that it needs one. ``title`` replaces the heading ("Cluster
    labels on DAY").
    """
    portfolio = portfolio_of(portfolio)
    on = as_day(on, "on")
    rulebook = rulebook_of(rulebook)
    followed = [programme_of(programme) for programme in programmes]
    if type(soon_days) is not int or not 0 <= soon_days <= MAX_SOON_DAYS:
        raise failure(
            "soon_days",
            f"must be a whole number of days from 0 to {MAX_SOON_DAYS}, not {soon_days!r}",
        )
    if type(plan_months) is not int or plan_months < 1:
        raise failure("plan_months", f"must be a whole number above 0, not {plan_months!r}")
    max_rows = pictures.check_max_rows(max_rows)
    catalogue = catalogue_of(catalogue, optional=True)
    heading = _title(title)
    words = _language(language)
    page = _Page(words)
    pictures.require_matplotlib()
    status = portfolio_status(portfolio, on, rulebook)
    compliance = [portfolio_compliance(portfolio, p, on, rulebook) for p in followed]
    heading = escape(heading) if heading else page.say("Cluster labels on {day}", day=on)
    editions = ", ".join(edition for edition, _ in status.editions)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{words.code}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{heading}</h1>",
        '<p class="meta">',
        page.say(
            "1 cluster; labels as of {day}, each assessment judged by the rulebook "
            "edition in force on its date ({editions}). Made with cluster_excellence "
            "{version}."
            if len(status.clusters) == 1
            else "{count} clusters; labels as of {day}, each assessment judged by the "
            "rulebook edition in force on its date ({editions}). Made with "
            "cluster_excellence {version}.",
            count=len(status.clusters),
            day=on,
            editions=editions,
            version=__version__,
        ),
        "</p></header><main>",
        _answer(page, portfolio, status, compliance, on, rulebook, followed, soon_days),
        _status_section(page, status),
    ]
    for programme, result in zip(followed, compliance, strict=True):
        parts.append(_compliance_section(page, programme, result))
    parts.append(_plan_section(page, portfolio, on, rulebook, followed, plan_months))
    parts.append(_timeline_section(page, portfolio, on, rulebook, max_rows))
    measured = [cluster for cluster in portfolio if latest_benchmark(cluster, on) is not None]
    if measured:
        parts.append(_scorecard_section(page, measured, catalogue, on, max_rows))
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _title(title: object) -> str | None:
    """``title`` if it is one line of text (or None for the default); else a clear error."""
    if title is None:
        return None
    problem = text_problem(title)
    if problem is not None:
        raise failure("title", problem)
    assert isinstance(title, str)
    return title


def _steps(
    portfolio: Portfolio,
    on: dt.date,
    rulebook: Rulebook,
    programmes: Sequence[Programme],
    months: int,
) -> list[tuple[Cluster, Action, tuple[Action, ...]]]:
    """Every cluster's plan steps within ``months``, in date order (clusters in their order
    on a day)."""
    found = [
        (cluster, action, covered)
        for cluster in portfolio
        for action, covered in cluster_plan(
            cluster, on, rulebook, within_months=months, programmes=programmes
        ).steps()
    ]
    found.sort(key=lambda step: step[1].date)
    return found


def _answer(
    page: _Page,
    portfolio: Portfolio,
    status: PortfolioStatus,
    compliance: Sequence[PortfolioCompliance],
    on: dt.date,
    rulebook: Rulebook,
    programmes: Sequence[Programme],
    soon_days: int,
) -> str:
    """The summary at the top: tiers held, each programme's compliance, what is due soon."""
    counts: dict[Tier | None, int] = dict.fromkeys([*reversed(Tier), None], 0)
    for cluster in status.clusters:
        counts[cluster.highest_valid_tier] += 1
    tiers = page.table(
        page.say("Clusters by highest valid label on {day}", day=on),
        (page.say("Highest valid label"), page.say("Clusters")),
        [
            [
                ("", page.show(tier) if tier is not None else page.say("no valid label")),
                ("count", page.show(count)),
            ]
            for tier, count in counts.items()
        ],
        page.say("No clusters."),
    )
    parts = [
        f'<section class="summary"><h2>{page.say("The answer on {day}", day=on)}</h2>',
        f'<div class="answer keep">{tiers}{_tier_picture(page, counts)}</div>',
    ]
    if compliance:
        rows = []
        for programme, result in zip(programmes, compliance, strict=True):
            standings = [entry.standing for entry in result.clusters]
            first = result.falling_out()
            if first:
                last = first[0].compliant_until
                names = [entry.cluster_name for entry in first if entry.compliant_until == last]
                if len(names) > NEXT_OUT_NAMED:
                    next_out = page.say(
                        "{names} and {more} more, compliant until {day}",
                        names=tuple(names[:NEXT_OUT_NAMED]),
                        more=len(names) - NEXT_OUT_NAMED,
                        day=last,
                    )
                else:
                    next_out = page.say(
                        "{names}, compliant until {day}", names=tuple(names), day=last
                    )
            else:
                next_out = page.say("none complies")
            rows.append([
                ("", page.show(programme_name(programme))),
                ("count", page.show(standings.count(Standing.COMPLIANT))),
                ("count", page.show(standings.count(Standing.DUE))),
                ("count", page.show(standings.count(Standing.NOT_COMPLIANT))),
                ("", next_out),
            ])  # fmt: skip
        parts.append(
            page.table(
                page.say("Programmes on {day}", day=on),
                (
                    page.say("Programme"),
                    page.say("Compliant"),
                    page.say("Due"),
                    page.say("Not compliant"),
                    page.say("Next to fall out"),
                ),
                rows,
                page.say("No programmes."),
            )
        )
    until = (
        on + dt.timedelta(days=soon_days)
        if on <= dt.date.max - dt.timedelta(soon_days)
        else dt.date.max
    )
    days = (until - on).days  # fewer than soon_days at the calendar's end
    months = max(1, days // 28 + 1)  # enough months to hold the days
    soon: dict[str, list[tuple[Cluster, Action]]] = {}
    for member, action, _ in _steps(portfolio, on, rulebook, programmes, months):
        if action.date <= until:
            soon.setdefault(member.id, []).append((member, action))
    rows = []
    for steps in soon.values():
        items = "".join(
            f'<li><span class="day">{page.show(action.date)}</span>: {page.show(action.title)}</li>'
            for _, action in steps
        )
        rows.append([
            ("", page.show(steps[0][0].name)),
            ("", f'<ul class="steps">{items}</ul>'),
        ])  # fmt: skip
    if days == 0:
        caption = page.say("Due on {day}", day=on)
        nothing = page.say("Nothing is due on {day}.", day=on)
    elif days == 1:
        caption = page.say("Due by tomorrow, {day}", day=until)
        nothing = page.say("Nothing is due by tomorrow.")
    else:
        caption = page.say("Due in the next {days} days, to {day}", days=days, day=until)
        nothing = page.say("Nothing is due in the next {days} days.", days=days)
    parts.append(page.table(caption, (page.say("Cluster"), page.say("What")), rows, nothing))
    parts.append("</section>")
    return "".join(parts)


def _tier_picture(page: _Page, counts: dict[Tier | None, int]) -> str:
    """A small bar chart of ``counts``, each bar named and counted in words."""
    most = max(counts.values()) or 1
    names = [page.show(t) if t is not None else page.say("no valid label") for t in counts]
    # room for the longest name at 11 px (about 6.5 px a character, escapes counted short)
    bar_width, row = 150, 22
    left = 12 + round(6.5 * max(len(unescape(name)) for name in names))
    rows = []
    for index, ((tier, count), name) in enumerate(zip(counts.items(), names, strict=True)):
        y = index * row + 4
        width = round(bar_width * count / most)
        rows.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{name}</text>'
            f'<rect x="{left}" y="{y}" width="{width}" height="16" fill="{_BAR_COLOURS[tier]}" '
            'stroke="#333" stroke-width="0.5"/>'
            f'<text x="{left + width + 5}" y="{y + 13}">{page.show(count)}</text>'
        )
    height = len(counts) * row + 6
    total = left + bar_width + 40
    label = page.say("Clusters by highest valid label")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
        f'width="{total}" height="{height}" viewBox="0 0 {total} {height}" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">'
        f"<title>{label}</title>{''.join(rows)}</svg>"
    )


def _status_section(page: _Page, status: PortfolioStatus) -> str:
    rows = []
    for cluster in status.clusters:
        name = ("", page.show(cluster.cluster_name))
        best = cluster.highest_valid_tier
        if not cluster.labels:
            rows.append([name, ("", page.say("no label")), ("", ""), ("", ""), ("", ""), ("", "")])
        for entry in cluster.labels:
            tier = (
                page.say("{tier} (highest valid)", tier=entry.tier)
                if entry.tier is best
                else page.show(entry.tier)
            )
            rows.append([
                name,
                ("", tier),
                page.state(entry.status),
                page.day(entry.valid_from) if entry.valid_from else ("day", page.say("stated")),
                page.day(entry.valid_until),
                page.day(entry.renewable_until),
            ])  # fmt: skip
    table = page.table(
        page.say("Labels on {day}", day=status.on),
        (
            page.say("Cluster"),
            page.say("Tier"),
            page.say("Status"),
            page.say("Valid from"),
            page.say("Valid until"),
            page.say("Renewable until"),
        ),
        rows,
        page.say("No clusters."),
    )
    return (
        f"<section><h2>{page.say('Label status')}</h2>{table}"
        '<p class="note">'
        + page.say(
            "Renewable until: the last day an award renews the label seamlessly. Stated: "
            "known only by its stated end (e.g. the label listing)."
        )
        + "</p></section>"
    )


def _compliance_section(page: _Page, programme: Programme, result: PortfolioCompliance) -> str:
    rows = [
        [
            ("", page.show(entry.cluster_name)),
            page.state(entry.standing),
            ("", "" if entry.held_tier is None else page.show(entry.held_tier)),
            page.day(entry.compliant_until),
            ("", escape("; ".join(reason.message.text(page.words) for reason in entry.reasons))),
        ]
        for entry in result.clusters
    ]
    table = page.table(
        page.say("Compliance on {day} ({programme})", day=result.on, programme=programme.id),
        (
            page.say("Cluster"),
            page.say("Standing"),
            page.say("Tier that counts"),
            page.say("Compliant until"),
            page.say("Why"),
        ),
        rows,
        page.say("No clusters."),
    )
    heading = page.say("Compliance with {programme}", programme=programme_name(programme))
    return f"<section><h2>{heading}</h2>{table}</section>"


def _plan_section(
    page: _Page,
    portfolio: Portfolio,
    on: dt.date,
    rulebook: Rulebook,
    programmes: Sequence[Programme],
    months: int,
) -> str:
    rows = []
    for cluster, action, covered in _steps(portfolio, on, rulebook, programmes, months):
        what = page.show(action.title)
        if covered:
            items = "".join(f"<li>{page.show(f.finding)}</li>" for f in covered)
            what += f"<ul>{items}</ul>"
        rows.append([("", page.show(cluster.name)), page.day(action.date), ("", what)])
    table = page.table(
        page.say("Actions from {day}", day=on),
        (page.say("Cluster"), page.say("Date"), page.say("What")),
        rows,
        page.say("No actions."),
    )
    heading = page.say("The plan ahead ({months} months)", months=months)
    return f"<section><h2>{heading}</h2>{table}</section>"


def _timeline_section(
    page: _Page, portfolio: Portfolio, on: dt.date, rulebook: Rulebook, max_rows: int
) -> str:
    try:
        figure = pictures.label_timeline(
            portfolio, on, rulebook, title="", max_rows=max_rows, language=page.words
        )
    except pictures.NotDrawn as error:
        why = page.say("The timeline is left out: {why}.", why=error.message)
        picture = f'<p class="note">{why}</p>'
    else:
        picture = _svg(
            figure,
            page.say(
                "Each cluster's labels over time: bars from award to expiry, hatched renewal "
                "windows, markers for assessments, a dashed line on the day."
            ),
        )
    return f"<section><h2>{page.say('Label timeline')}</h2>{picture}</section>"


def _scorecard_section(
    page: _Page, measured: list[Cluster], catalogue: Catalogue | None, on: dt.date, max_rows: int
) -> str:
    if catalogue is None:
        picture = (
            '<p class="note">'
            + page.say(
                "The portfolio has benchmarks with indicator values; the scorecard needs a "
                "benchmarking catalogue to read them."
            )
            + "</p>"
        )
    else:
        group = Message("this portfolio").text(page.words)
        card = portfolio_scorecard(Portfolio(measured), {group: measured}, catalogue, on)
        try:
            heat = pictures.scorecard_heatmap(
                card, title="", max_rows=max_rows, language=page.words
            )
        except pictures.NotDrawn as error:
            why = page.say("The heat map is left out: {why}.", why=error.message)
            picture = f'<p class="note">{why}</p>'
        else:
            picture = _svg(
                heat,
                page.say(
                    "Quality lights of each cluster's latest benchmark against the portfolio: "
                    "R red, Y yellow, G green, - no light."
                ),
            )
    return f"<section><h2>{page.say('Scorecard')}</h2>{picture}</section>"
