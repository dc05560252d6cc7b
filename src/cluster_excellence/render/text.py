"""Results as text for an 80-column terminal: aligned tables and indented findings.

Every text that comes from data (ids, names, sources) is shown with its
control characters escaped (:func:`~cluster_excellence._text.printable`),
so that a name cannot move the cursor, colour the terminal or forge a row.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

from .._text import printable
from ..rules.changes import Changes
from ..rules.compliance import PortfolioCompliance
from ..rules.consistency import Inconsistency
from ..rules.decisions import Decision
from ..rules.gold_points import GoldScores
from ..rules.lights import Light
from ..rules.planning import Plan
from ..rules.scorecard import Scorecard
from ..rules.status import PortfolioStatus, StatedDisagreement

__all__ = [
    "changes_table",
    "compliance_table",
    "decisions_table",
    "fit",
    "gold_scores_table",
    "inconsistencies_table",
    "plans_table",
    "rulebook_lines",
    "scorecard_table",
    "status_table",
    "to_table",
]


def fit(text: str, width: int) -> str:
    """``text`` with control characters escaped, cut to ``width`` characters (a cut
    marked with an ellipsis)."""
    text = printable(text)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def to_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], flexible: int, total: int = 80
) -> str:
    """Align ``rows`` under ``header`` in columns two spaces apart, within ``total`` characters.

    Column ``flexible`` takes what room the others leave and is cut to fit.
    Cells are shown with their control characters escaped.
    """
    header = [printable(cell) for cell in header]
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [max([len(header[i])] + [len(row[i]) for row in rows]) for i in range(len(header))]
    room = total - (sum(widths) - widths[flexible]) - 2 * (len(header) - 1)
    widths[flexible] = max(len(header[flexible]), min(widths[flexible], room))
    lines = []
    for row in [header, *rows]:
        cells = [fit(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def rulebook_lines(rulebook: str, editions: Sequence[tuple[str, dt.date]]) -> str:
    """``Rulebook: id``, and, when it has earlier editions, each with its first day, the
    newest first (the rulebook's id is its newest edition's)."""
    text = f"Rulebook: {rulebook}"
    if len(editions) > 1:
        newest, *earlier = reversed(editions)
        text += f" (from {newest[1].isoformat()}), before it " + ", before it ".join(
            f"{edition} (from {day.isoformat()})" for edition, day in earlier
        )
    return textwrap.fill(printable(text), width=80, subsequent_indent="  ") + "\n"


def status_table(result: PortfolioStatus) -> str:
    """Aligned columns for an 80-column terminal, one row per cluster and tier."""
    rows: list[list[str]] = []
    for cluster in result.clusters:
        if not cluster.labels:
            rows.append([cluster.cluster_id, "-", "no label", "", "", ""])
        for entry in cluster.labels:
            tier = entry.tier.value + ("*" if entry.tier is cluster.highest_valid_tier else "")
            rows.append(
                [
                    cluster.cluster_id,
                    tier,
                    entry.status.value,
                    "stated" if entry.valid_from is None else entry.valid_from.isoformat(),
                    entry.valid_until.isoformat(),
                    entry.renewable_until.isoformat(),
                ]
            )
    reading = "retroactive" if result.retroactive else "as of the day"
    title = f"Label status on {result.on.isoformat()}, {reading}\n"
    title += rulebook_lines(result.rulebook, result.editions) + "\n"
    header = ("CLUSTER", "TIER", "STATUS", "FROM", "UNTIL", "RENEWABLE")
    footer = "\n* highest valid tier; RENEWABLE: last day of seamless renewal\n"
    if any(entry.basis == "stated" for cluster in result.clusters for entry in cluster.labels):
        footer += "FROM stated: known only by its stated end (e.g. the label listing)\n"
    disagreements = [
        textwrap.fill(
            printable(f"{cluster.cluster_id}, {disagreement}"),
            width=80,
            initial_indent="  ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
        for cluster in result.clusters
        for disagreement in cluster.disagreements
    ]
    if disagreements:
        footer += "\nStated labels that disagree with the assessments:\n"
        footer += "".join(line + "\n" for line in disagreements)
    return title + to_table(header, rows, flexible=0) + footer


def _figure(value: float | None) -> str:
    """A number in at most 9 characters: 4 significant digits, thousands as k, and
    powers of ten beyond ten million."""
    if value is None:
        return "-"
    if abs(value) >= 10_000_000:
        return f"{value:.2e}"
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:.4g}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def scorecard_table(result: Scorecard) -> str:
    """Indicators with the region's and each group's median; then each cluster's lights."""
    groups = ", ".join(f"{printable(name)} ({size})" for name, size in result.groups)
    title = (
        f"Regional scorecard on {result.on.isoformat()}: region of {result.region_size} "
        f"clusters\nReference groups: {groups}\n"
        f"Catalogue {printable(result.catalogue)}; lights: {printable(result.light_rule)}\n\n"
    )
    header = ("INDICATOR", "REGION", *(name for name, _ in result.groups), "R/Y/G")
    rows = [
        [
            row.code,
            _figure(row.region_median),
            *(f"{_figure(g.median)} {_share(g.region_at_or_above)}" for g in row.groups),
            f"{row.red}/{row.yellow}/{row.green}",
        ]
        for row in result.indicators
    ]
    legend = "\nGroup columns: the group's median, then the share of the region at or above it.\n\n"
    letters = {Light.RED: "r", Light.YELLOW: "y", Light.GREEN: "g", None: "."}
    cluster_rows = [
        [c.cluster_id, "".join(letters[light] for light in c.lights)] for c in result.clusters
    ]
    lights = to_table(
        ("CLUSTER", "LIGHTS (r red, y yellow, g green, . none)"), cluster_rows, flexible=0
    )
    return title + to_table(header, rows, flexible=0) + legend + lights


def gold_scores_table(result: GoldScores) -> str:
    """One row per cluster with its latest Gold audit's points and result."""
    title = (
        f"Gold scores on {result.on.isoformat()}\n"
        f"Catalogue {printable(result.catalogue)}; rulebook {printable(result.rulebook)}\n\n"
    )
    header = ("CLUSTER", "AUDIT", "POINTS", "PERCENT", "MINIMUMS", "RESULT")
    rows = []
    for entry in result.clusters:
        score = entry.score
        if score is None or entry.audit is None:
            rows.append([entry.cluster_id, "-", "", "", "", "no Gold audit with values"])
            continue
        if score.missed_minimums:
            minimums = f"{len(score.missed_minimums)} missed"
        elif score.undetermined_minimums:
            minimums = f"{len(score.undetermined_minimums)} unknown"
        else:
            minimums = "met"
        rows.append(
            [
                entry.cluster_id,
                entry.audit.date.isoformat(),
                f"{score.points}/{score.max_points}",
                f"{score.percent:.1f}",
                minimums,
                {True: "pass", False: "fail", None: "undetermined"}[score.passed],
            ]
        )
    return title + to_table(header, rows, flexible=0)


def decisions_table(decisions: Sequence[Decision]) -> str:
    """Each cluster's outcome, then its findings indented, each line within 80 columns."""
    if not decisions:
        return "No clusters.\n"
    first = decisions[0]
    lines = [
        f"{first.question.title()} eligibility on {first.on.isoformat()} "
        f"(rulebook {printable(first.rulebook)})",
        "",
    ]
    for decision in decisions:
        lines.append(fit(f"{decision.cluster_id}: {decision.outcome.value}", 80))
        lines.extend(
            fit(f"  {f.mark.upper() if f.met is False else f.mark:<8} {f.code}: {f.message}", 80)
            for f in decision.findings
        )
    return "\n".join(lines) + "\n"


def plans_table(plans: Sequence[Plan]) -> str:
    """Each cluster's actions by date, each line within 80 columns."""
    if not plans:
        return "No clusters.\n"
    lines = [f"Plans from {plans[0].on.isoformat()} (rulebook {printable(plans[0].rulebook)})", ""]
    for entry in plans:
        lines.append(fit(f"{entry.cluster_id}: {len(entry.actions)} action(s)", 80))
        lines.extend(fit(f"  {a.date.isoformat()}  {a.title}", 80) for a in entry.actions)
    return "\n".join(lines) + "\n"


def inconsistencies_table(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> str:
    """Each contradicted award and what contradicts it; then the stated disagreements."""
    if not found and not stated:
        return "No recorded award contradicts the rules; no stated label disagrees.\n"
    lines = [f"{len(found)} recorded award(s) contradict the rules", ""]
    for item in found:
        lines.append(fit(f"{item.path} {item.cluster_id}: {item.assessment} on {item.date}", 80))
        lines.extend(
            fit(f"  {f.code}: {f.message}", 80) for f in item.decision.findings if f.met is False
        )
    if stated:
        lines += ["", f"{len(stated)} stated label(s) disagree with the assessments", ""]
        for path, cluster, d in stated:
            lines.append(fit(f"{path} {cluster}:", 80))
            lines.append(
                textwrap.fill(printable(str(d)), 80, initial_indent="  ", subsequent_indent="    ")
            )
    return "\n".join(lines) + "\n"


def compliance_table(result: PortfolioCompliance) -> str:
    """One row per cluster (its standing, the tier that counts, until when), the labels
    of a cluster that does not comply indented beneath it; then the first to fall out."""
    programme = result.programme
    tiers = " or ".join(tier.value.title() for tier in programme.tiers)
    counted = "valid or renewable" if programme.renewal_window_counts else "valid"
    deadline = f", held by {programme.become_by.isoformat()}" if programme.become_by else ""
    title = (
        f"{fit(f'Compliance on {result.on.isoformat()} with {programme.id}', 80)}\n"
        f"{fit(programme.name, 80)}\n"
        f"{fit(f'Needs: a {counted} {tiers} label{deadline}', 80)}\n"
        f"{fit(f'Rulebook: {result.rulebook}', 80)}\n\n"
    )
    if not result.clusters:
        return title + "No clusters.\n"
    header = ("CLUSTER", "STANDING", "TIER", "COMPLIANT UNTIL")
    rows = [
        [
            entry.cluster_id,
            entry.standing.replace("_", " "),
            "-" if entry.held_tier is None else entry.held_tier.value,
            "" if entry.compliant_until is None else entry.compliant_until.isoformat(),
        ]
        for entry in result.clusters
    ]
    lines = to_table(header, rows, flexible=0).splitlines()
    out = lines[:1]
    for line, entry in zip(lines[1:], result.clusters, strict=True):
        out.append(line)
        if not entry.compliant:
            facts = [r for r in entry.reasons if not r.startswith(("needs ", "due by "))]
            out.extend(fit(f"    {fact}", 80) for fact in facts or [f"no {tiers} label"])
    text = title + "\n".join(out) + "\n"
    first = [e for e in result.falling_out()[:3] if e.compliant_until is not None]
    if first:
        names = ", ".join(f"{e.cluster_id} after {e.compliant_until}" for e in first)
        wrapped = textwrap.fill(
            printable(f"First to fall out: {names}"), width=80, subsequent_indent="  "
        )
        text += "\n" + wrapped + "\n"
    return text


def changes_table(result: Changes) -> str:
    """One row per label event by date; then, with programmes, the compliance gained and
    lost."""
    title = (
        f"Changes after {result.since.isoformat()} through {result.until.isoformat()}, "
        "each day as of that day\n"
    )
    title += rulebook_lines(result.rulebook, ()) + "\n"
    if not result.events:
        text = title + "No label was awarded, renewed, expired or lapsed.\n"
    else:
        header = ("DATE", "CLUSTER", "TIER", "EVENT", "VALID UNTIL", "RENEWABLE")
        rows = [
            [
                event.date.isoformat(),
                event.cluster_id,
                event.tier.value,
                event.event.value,
                event.valid_until.isoformat(),
                event.renewable_until.isoformat(),
            ]
            for event in result.events
        ]
        text = title + to_table(header, rows, flexible=1)
        text += "\nRENEWABLE: last day of seamless renewal\n"
    for programme in result.programmes:
        found = [event for event in result.compliance if event.programme == programme]
        text += f"\n{fit(f'Compliance with {programme}:', 80)}\n"
        if not found:
            text += "  no cluster gained or lost it\n"
            continue
        rows = [
            [
                event.date.isoformat(),
                event.cluster_id,
                event.event,
                "-" if event.held_tier is None else event.held_tier.value,
            ]
            for event in found
        ]
        text += to_table(("DATE", "CLUSTER", "EVENT", "TIER"), rows, flexible=1)
    return text
