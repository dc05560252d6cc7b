"""Dated plans and the consistency check of recorded awards.

A *plan* lists, for a cluster on a day, the dated actions ahead, each with
the rule behind it: each label's last valid day, the last day of seamless
renewal (for Gold also the last day a 1-day renewal audit counts), when the
Silver window for a second benchmarking opens and closes, and what is
missing for the next tier. The *consistency check* reports every recorded
award that contradicts the rulebook, without changing the computed labels.

>>> import datetime as dt
>>> from cluster_excellence import Benchmarking, Cluster
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmarking(dt.date(2019, 7, 25))])
>>> for action in plan(qoot, dt.date(2020, 1, 1)).actions[:4]:
...     print(action.date, action.code)
2020-01-01 next.silver
2021-01-25 silver.second_benchmarking_opens
2021-07-25 silver.second_benchmarking_closes
2021-07-31 bronze.expires
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

import attrs

from ._months import add_months
from .assessments import Benchmarking, awarded_tier
from .catalogue import Catalogue
from .eligibility import (
    SILVER_INTERVAL_MONTHS,
    Decision,
    Outcome,
    bronze_eligibility,
    gold_eligibility,
    silver_eligibility,
)
from .labels import Status
from .portfolio import Cluster, Portfolio
from .rulebook import ECEI_2019, Rulebook
from .status import cluster_status
from .tiers import Tier

__all__ = ["Action", "Inconsistency", "Plan", "check_records", "plan", "plan_to_ics"]

_LABELS = "domain brief, Decisions 1-3; https://www.cluster-analysis.org/benchmarked-clusters"


#: The columns of :meth:`Plan.to_records` and ``plan --format csv``.
PLAN_COLUMNS = ("date", "cluster_id", "code", "title", "rule", "source")


@attrs.frozen
class Action:
    """One dated thing to do or to know."""

    date: dt.date
    cluster_id: str
    #: Stable identifier, e.g. ``bronze.renewal_deadline``.
    code: str
    #: One line: what happens on the day.
    title: str
    rule: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {**attrs.asdict(self), "date": self.date.isoformat()}


@attrs.frozen
class Plan:
    """A cluster's actions from a day on, sorted by date."""

    cluster_id: str
    cluster_name: str
    on: dt.date
    rulebook: str
    actions: tuple[Action, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per action (``plan --format csv``), dates as :class:`datetime.date`."""
        return [attrs.asdict(action) for action in self.actions]

    def _repr_html_(self) -> str:
        from ._html import records_table

        caption = f"Plan of {self.cluster_name} from {self.on.isoformat()}"
        return records_table(caption, self.to_records(), ("date", "title", "rule"))

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        from ._frames import dataframe

        return dataframe(self.to_records(), PLAN_COLUMNS)


def _decide(
    cluster: Cluster, tier: Tier, on: dt.date, rulebook: Rulebook, catalogue: Catalogue | None
) -> Decision:
    if tier is Tier.BRONZE:
        return bronze_eligibility(cluster, on, rulebook)
    if tier is Tier.SILVER:
        return silver_eligibility(cluster, on, rulebook)
    return gold_eligibility(cluster, on, rulebook, catalogue)


def plan(
    cluster: Cluster,
    on: dt.date,
    rulebook: Rulebook = ECEI_2019,
    *,
    within_months: int | None = None,
    catalogue: Catalogue | None = None,
) -> Plan:
    """The dated actions ahead of ``cluster`` from ``on`` (within ``within_months``).

    Only dates on or after ``on`` appear. The labels are read as of ``on``
    (Decision 4). The next tier is the one above the highest valid tier (Bronze
    when none is valid, nothing above Gold); what its decision finds not met
    or missing is listed on ``on`` itself.
    """
    status = cluster_status(cluster, on, rulebook)
    actions: list[Action] = []

    def add(day: dt.date, code: str, title: str, rule: str, source: str) -> None:
        actions.append(Action(day, cluster.id, code, title, rule, source))

    for entry in status.labels:
        tier = entry.tier
        name = tier.value.title()
        add(
            entry.valid_until,
            f"{tier.value}.expires",
            f"last valid day of the {name} label",
            "Decision 1 and 3: validity",
            _LABELS,
        )
        add(
            entry.renewable_until, f"{tier.value}.renewal_deadline",
            f"last day an awarding assessment renews the {name} label seamlessly",
            "Decision 2: renewal window", _LABELS,
        )  # fmt: skip
        if tier is Tier.GOLD:
            add(
                entry.renewable_until, "gold.one_day_renewal_audit",
                "last day a Gold renewal is a 1-day audit",
                "Gold: renewal within a year after expiry",
                "https://www.cluster-analysis.org/gold-label",
            )  # fmt: skip
    benchmarkings = [
        a for a in cluster.assessments
        if isinstance(a, Benchmarking) and a.date <= on and awarded_tier(a, rulebook) is Tier.BRONZE
    ]  # fmt: skip
    if benchmarkings:
        latest = benchmarkings[-1].date
        low, high = SILVER_INTERVAL_MONTHS
        rule = "Silver: a second benchmarking 1.5 to 2 years after the first"
        source = "https://www.cluster-analysis.org/silver-label"
        add(
            add_months(latest, low),
            "silver.second_benchmarking_opens",
            f"a second benchmarking counts for Silver from this day ({low} months after {latest})",
            rule,
            source,
        )
        add(add_months(latest, high), "silver.second_benchmarking_closes",
            f"last day a second benchmarking counts for Silver ({high} months after {latest})",
            rule, source)  # fmt: skip
    best = status.highest_valid_tier
    following = {
        None: Tier.BRONZE,
        Tier.BRONZE: Tier.SILVER,
        Tier.SILVER: Tier.GOLD,
        Tier.GOLD: None,
    }[best]
    if following is not None:
        decision = _decide(cluster, following, on, rulebook, catalogue)
        held = status.label(following)
        if decision.outcome is Outcome.ELIGIBLE and (held is None or held.status is Status.LAPSED):
            kind = {
                Tier.BRONZE: "benchmarking",
                Tier.SILVER: "Silver audit",
                Tier.GOLD: "Gold audit",
            }
            add(
                on, f"next.{following.value}",
                f"for {following.value.title()}: a new {kind[following]} (the recorded one "
                "made a label that has lapsed)",
                "Decision 2: a later award starts a new label", _LABELS,
            )  # fmt: skip
        for finding in decision.findings:
            if finding.met is not True:
                state = "missing" if finding.met is None else "not met"
                add(
                    on,
                    f"next.{following.value}",
                    f"for {following.value.title()}: {finding.message} ({state})",
                    finding.rule,
                    finding.source,
                )
    horizon = add_months(on, within_months) if within_months is not None else dt.date.max
    kept = sorted(
        (a for a in actions if on <= a.date <= horizon), key=lambda a: (a.date, a.code, a.title)
    )
    return Plan(cluster.id, cluster.name, on, rulebook.id, tuple(kept))


def _escape(text: str) -> str:
    """RFC 5545, 3.3.11: escape backslash, semicolon, comma and newlines in TEXT."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545, 3.1: lines longer than 75 octets continue on lines starting with a space."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def plan_to_ics(plans: Iterable[Plan]) -> str:
    """The actions of ``plans`` as an iCalendar file (RFC 5545) of all-day events.

    UIDs are stable (a hash of cluster, code and date), and ``DTSTAMP`` is the
    plan day, so the same plans give the same bytes.
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cluster_excellence//plan//EN",
        "CALSCALE:GREGORIAN",
    ]
    for entry in plans:
        stamp = entry.on.strftime("%Y%m%dT000000Z")
        for action in entry.actions:
            key = f"{action.cluster_id}|{action.code}|{action.date.isoformat()}|{action.title}"
            uid = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
            lines += [
                "BEGIN:VEVENT",
                f"UID:{uid}@cluster-excellence",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{action.date.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(action.date + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{_escape(f'{entry.cluster_name}: {action.title}')}",
                "DESCRIPTION:"
                + _escape(f"{action.code}. Rule: {action.rule}. Source: {action.source}."),
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


@attrs.frozen
class Inconsistency:
    """A recorded award that the rulebook's decision for its day contradicts."""

    #: ``clusters[i]`` in portfolio order.
    path: str
    cluster_id: str
    #: ``benchmarking``, ``silver_audit`` or ``gold_audit``.
    assessment: str
    date: dt.date
    decision: Decision

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, with the unmet findings only."""
        return {
            "path": self.path,
            "cluster": self.cluster_id,
            "assessment": self.assessment,
            "date": self.date.isoformat(),
            "findings": [f.to_dict() for f in self.decision.findings if f.met is False],
        }


def check_records(
    portfolio: Portfolio, rulebook: Rulebook = ECEI_2019, catalogue: Catalogue | None = None
) -> tuple[Inconsistency, ...]:
    """Every recorded award that contradicts the rulebook (a decision of ``not_eligible``).

    An awarding benchmarking is checked with :func:`bronze_eligibility`, a
    passed Silver audit with :func:`silver_eligibility`, a passing Gold audit
    with :func:`gold_eligibility`, each on the assessment's day. Undetermined
    decisions are not contradictions. The computed labels stay as they are.
    """
    found = []
    for index, cluster in enumerate(portfolio.clusters):
        for assessment in cluster.assessments:
            tier = awarded_tier(assessment, rulebook)
            if tier is None:
                continue
            decision = _decide(cluster, tier, assessment.date, rulebook, catalogue)
            if decision.outcome is Outcome.NOT_ELIGIBLE:
                found.append(
                    Inconsistency(
                        f"clusters[{index}]", cluster.id, assessment.kind, assessment.date, decision
                    )
                )
    return tuple(found)
