"""Text renderings of results: aligned tables, JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from .eligibility import Decision
from .planning import PLAN_COLUMNS, Inconsistency, Plan
from .scorecard import SCORECARD_COLUMNS, Scorecard
from .scoring import GOLD_SCORE_COLUMNS, GoldScores, Light
from .status import STATUS_COLUMNS, PortfolioStatus, StatedDisagreement

#: Cells starting with these are read as formulas by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(cell: str) -> str:
    """Return ``cell`` so that spreadsheet programs show it as text, not a formula.

    A leading apostrophe is the convention spreadsheet programs read as
    "this is text" (OWASP, "CSV Injection").

    >>> csv_safe("=HYPERLINK(1)"), csv_safe("Qoot Cluster"), csv_safe("")
    ("'=HYPERLINK(1)", 'Qoot Cluster', '')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """Return CSV text (RFC 4180 line ends) with every text cell made formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else csv_safe(str(cell)) for cell in row])
    return out.getvalue()


def fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` characters, marking a cut with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def to_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], flexible: int, total: int = 80
) -> str:
    """Align ``rows`` under ``header`` in columns two spaces apart, within ``total`` characters.

    Column ``flexible`` takes what room the others leave and is cut to fit.
    """
    widths = [max([len(header[i])] + [len(row[i]) for row in rows]) for i in range(len(header))]
    room = total - (sum(widths) - widths[flexible]) - 2 * (len(header) - 1)
    widths[flexible] = max(len(header[flexible]), min(widths[flexible], room))
    lines = []
    for row in [header, *rows]:
        cells = [fit(cell, widths[i]).ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def status_json(result: PortfolioStatus) -> str:
    """The ``status --format json`` document, one line, UTF-8 text."""
    return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"


def _cell(value: Any) -> Any:
    """A record's value as a CSV cell: dates in ISO form, booleans as true/false."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def records_csv(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """CSV of flat records in ``columns`` order."""
    return to_csv(columns, [[_cell(record.get(c)) for c in columns] for record in records])


def status_csv(result: PortfolioStatus) -> str:
    """One row per cluster and tier; a cluster without labels gets one row with empty tier."""
    return records_csv(result.to_records(), STATUS_COLUMNS)


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
    title = f"Label status on {result.on.isoformat()}, {reading}\nRulebook: {result.rulebook}\n\n"
    header = ("CLUSTER", "TIER", "STATUS", "FROM", "UNTIL", "RENEWABLE")
    footer = "\n* highest valid tier; RENEWABLE: last day of seamless renewal\n"
    if any(entry.basis == "stated" for cluster in result.clusters for entry in cluster.labels):
        footer += "FROM stated: known only by its stated end (e.g. the label listing)\n"
    disagreements = [
        textwrap.fill(
            f"{cluster.cluster_id}, {disagreement}",
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
    """A number in at most 7 characters: 4 significant digits, thousands as k."""
    if value is None:
        return "-"
    if abs(value) >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:.4g}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def scorecard_json(result: Scorecard) -> str:
    """The ``scorecard --format json`` document."""
    return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"


def scorecard_csv(result: Scorecard) -> str:
    """One row per indicator and reference group."""
    return records_csv(result.to_records(), SCORECARD_COLUMNS)


def scorecard_table(result: Scorecard) -> str:
    """Indicators with the region's and each group's median; then each cluster's lights."""
    groups = ", ".join(f"{name} ({size})" for name, size in result.groups)
    title = (
        f"Regional scorecard on {result.on.isoformat()}: region of {result.region_size} "
        f"clusters\nReference groups: {groups}\n"
        f"Catalogue {result.catalogue}; lights: {result.light_rule}\n\n"
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


def gold_scores_to_dict(result: GoldScores) -> dict[str, Any]:
    """The ``gold-score --format json`` document."""
    return {
        "on": result.on.isoformat(),
        "catalogue": result.catalogue,
        "rulebook": result.rulebook,
        "clusters": [
            {
                "id": entry.cluster_id,
                "name": entry.name,
                "audit_date": entry.audit.date.isoformat() if entry.audit else None,
                "recorded_score": entry.audit.score if entry.audit else None,
                "recorded_passed": entry.audit.passed if entry.audit else None,
                "result": entry.score.to_dict() if entry.score else None,
            }
            for entry in result.clusters
        ],
    }


def gold_scores_json(result: GoldScores) -> str:
    """The ``gold-score --format json`` document, one line."""
    return json.dumps(gold_scores_to_dict(result), ensure_ascii=False) + "\n"


def gold_scores_csv(result: GoldScores) -> str:
    """One row per cluster; clusters without a Gold audit with values have empty results."""
    return records_csv(result.to_records(), GOLD_SCORE_COLUMNS)


def gold_scores_table(result: GoldScores) -> str:
    """One row per cluster with its latest Gold audit's points and result."""
    title = (
        f"Gold scores on {result.on.isoformat()}\n"
        f"Catalogue {result.catalogue}; rulebook {result.rulebook}\n\n"
    )
    header = ("CLUSTER", "AUDIT", "POINTS", "PERCENT", "MINIMUMS", "RESULT")
    rows = []
    for entry in result.clusters:
        score = entry.score
        if score is None or entry.audit is None:
            rows.append([entry.cluster_id, "-", "", "", "", "no Gold audit with values"])
            continue
        minimums = "met" if score.minimums_met else f"{len(score.missed_minimums)} missed"
        rows.append(
            [
                entry.cluster_id,
                entry.audit.date.isoformat(),
                f"{score.points}/{score.max_points}",
                f"{score.percent:.1f}",
                minimums,
                "pass" if score.passed else "fail",
            ]
        )
    return title + to_table(header, rows, flexible=0)


def decisions_json(decisions: Sequence[Decision]) -> str:
    """The ``eligibility --format json`` document: one decision per cluster."""
    return json.dumps({"decisions": [d.to_dict() for d in decisions]}, ensure_ascii=False) + "\n"


def decisions_csv(decisions: Sequence[Decision]) -> str:
    """One row per finding."""
    header = (
        "cluster", "question", "on", "outcome", "code", "met", "message", "rule",
        "rulebook", "source",
    )  # fmt: skip
    rows = [
        [
            record["cluster"],
            record["question"],
            record["on"].isoformat(),
            record["outcome"],
            record["code"],
            {True: "true", False: "false", None: ""}[record["met"]],
            record["message"],
            record["rule"],
            record["rulebook"],
            record["source"],
        ]
        for decision in decisions
        for record in decision.to_records()
    ]
    return to_csv(header, rows)


def decisions_table(decisions: Sequence[Decision]) -> str:
    """Each cluster's outcome, then its findings indented, each line within 80 columns."""
    if not decisions:
        return "No clusters.\n"
    marks = {True: "met", False: "NOT MET", None: "missing"}
    first = decisions[0]
    lines = [
        f"{first.question.title()} eligibility on {first.on.isoformat()} "
        f"(rulebook {first.rulebook})",
        "",
    ]
    for decision in decisions:
        lines.append(fit(f"{decision.cluster_id}: {decision.outcome.value}", 80))
        lines.extend(
            fit(f"  {marks[f.met]:<8} {f.code}: {f.message}", 80) for f in decision.findings
        )
    return "\n".join(lines) + "\n"


def plans_json(plans: Sequence[Plan]) -> str:
    """The ``plan --format json`` document."""
    document = {
        "plans": [
            {
                "cluster": entry.cluster_id,
                "name": entry.cluster_name,
                "on": entry.on.isoformat(),
                "rulebook": entry.rulebook,
                "actions": [action.to_dict() for action in entry.actions],
            }
            for entry in plans
        ]
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


def plans_csv(plans: Sequence[Plan]) -> str:
    """One row per action."""
    return records_csv([r for entry in plans for r in entry.to_records()], PLAN_COLUMNS)


def plans_table(plans: Sequence[Plan]) -> str:
    """Each cluster's actions by date, each line within 80 columns."""
    if not plans:
        return "No clusters.\n"
    lines = [f"Plans from {plans[0].on.isoformat()} (rulebook {plans[0].rulebook})", ""]
    for entry in plans:
        lines.append(fit(f"{entry.cluster_id}: {len(entry.actions)} action(s)", 80))
        lines.extend(fit(f"  {a.date.isoformat()}  {a.title}", 80) for a in entry.actions)
    return "\n".join(lines) + "\n"


def inconsistencies_json(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> str:
    """The ``check --format json`` document."""
    document = {
        "inconsistencies": [i.to_dict() for i in found],
        "stated_disagreements": [
            {"path": path, "cluster": cluster, **d.to_dict()} for path, cluster, d in stated
        ],
    }
    return json.dumps(document, ensure_ascii=False) + "\n"


def inconsistencies_csv(
    found: Sequence[Inconsistency], stated: Sequence[tuple[str, str, StatedDisagreement]] = ()
) -> str:
    """One row per unmet finding of each contradicted award, then per stated disagreement."""
    header = ("path", "cluster", "assessment", "date", "code", "message", "rule", "source")
    rows = [
        [
            i.path,
            i.cluster_id,
            i.assessment,
            i.date.isoformat(),
            f.code,
            f.message,
            f.rule,
            f.source,
        ]
        for i in found
        for f in i.decision.findings
        if f.met is False
    ]
    rows += [
        [
            path,
            cluster,
            "stated_label",
            d.stated.valid_until.isoformat(),
            f"{d.tier.value}.stated_disagrees",
            str(d),
            STATED_RULE,
            d.stated.source or "",
        ]
        for path, cluster, d in stated
    ]
    return to_csv(header, rows)


#: What a stated label is compared with (the ``rule`` of its CSV row).
STATED_RULE = "Decisions 1-3: a stated end must be one of the expiries the assessments give"


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
            lines.append(textwrap.fill(str(d), 80, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(lines) + "\n"
