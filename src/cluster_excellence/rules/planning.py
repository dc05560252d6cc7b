"""Dated plans: the actions ahead of a cluster, each with the rule behind it.

A *plan* lists, for a cluster on a day, each label's last valid day, the
last day of seamless renewal (for Gold also the last day a 1-day renewal
audit counts), when the Silver window for a second benchmarking opens and
closes, and what is missing for the next tier (docs: *Planning and checking
records*).

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
from collections.abc import Iterable
from typing import Any

import attrs

from .._calendar import LAST_MONTH, add_months, month_index
from .._tabular import dataframe, records_table
from ..model.assessments import Benchmarking, awarded_tier
from ..model.catalogues import Catalogue
from ..model.clusters import Cluster
from ..model.programmes import Programme
from ..model.rulebooks import ECEI_2019, IntervalLimit, Rulebook
from ..model.tiers import Tier
from .compliance import compliance
from .decisions import Decision, Outcome
from .eligibility import bronze_eligibility, gold_eligibility, silver_eligibility
from .labels import Status
from .status import cluster_status

__all__ = [
    "PLAN_COLUMNS",
    "Action",
    "Plan",
    "decide",
    "finding_words",
    "next_tier_name",
    "plan",
]

_LABELS = (
    "https://www.cluster-analysis.org/benchmarked-clusters; docs: Validity and renewal, "
    "Decisions 1-3"
)


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

    def steps(self) -> tuple[tuple[Action, tuple[Action, ...]], ...]:
        """The actions as a calendar or a report shows them: each with the actions it
        stands for. The findings for the next tier (``next.*``, all on the plan day) are
        one step titled with their number when there are several; every other action is
        a step of its own, standing for nothing else. In date order.

        >>> from cluster_excellence import sample_portfolio
        >>> hemp = next(c for c in sample_portfolio() if c.id == "hemp-sk")
        >>> first, *rest = plan(hemp, dt.date(2026, 11, 20)).steps()
        >>> first[0].title, len(first[1])
        ('5 findings for Bronze (missing or not met)', 5)
        """
        findings = tuple(a for a in self.actions if a.code.startswith("next."))
        steps: list[tuple[Action, tuple[Action, ...]]] = [
            (a, ()) for a in self.actions if not a.code.startswith("next.")
        ]
        if len(findings) == 1:
            steps.append((findings[0], ()))
        elif findings:
            title = (
                f"{len(findings)} findings for {next_tier_name(findings[0])} (missing or not met)"
            )
            steps.append((attrs.evolve(findings[0], title=title), findings))
        return tuple(sorted(steps, key=lambda step: (step[0].date, step[0].code, step[0].title)))

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per action (``plan --format csv``), dates as :class:`datetime.date`."""
        return [attrs.asdict(action) for action in self.actions]

    def _repr_html_(self) -> str:
        caption = f"Plan of {self.cluster_name} from {self.on.isoformat()}"
        return records_table(caption, self.to_records(), ("date", "title", "rule"))

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        return dataframe(self.to_records(), PLAN_COLUMNS)


def next_tier_name(finding: Action) -> str:
    """The tier a finding for the next tier (code ``next.<tier>``) is about, as a name."""
    return finding.code.partition(".")[2].title()


def finding_words(finding: Action) -> str:
    """A finding's title without its leading ``for <Tier>: ``, for a list under that tier."""
    return finding.title.removeprefix(f"for {next_tier_name(finding)}: ")


def decide(
    cluster: Cluster, tier: Tier, on: dt.date, rulebook: Rulebook, catalogue: Catalogue | None
) -> Decision:
    if tier is Tier.BRONZE:
        return bronze_eligibility(cluster, on, rulebook)
    if tier is Tier.SILVER:
        return silver_eligibility(cluster, on, rulebook)
    return gold_eligibility(cluster, on, rulebook, catalogue)


def _silver_window(latest: dt.date, edition: Rulebook, add: Any) -> None:
    """When a second benchmarking counts for Silver, by the edition in force on the plan's
    day (a later Silver audit is judged by its own day's edition)."""
    rules = edition.silver
    low, high = rules.min_interval_months, rules.max_interval_months
    span = f"at least {low} months" if high is None else f"{low} to {high} months"
    rule = f"Silver: a second benchmarking {span} after the first ({edition.id})"
    add(
        add_months(latest, low),
        "silver.second_benchmarking_opens",
        f"a second benchmarking counts for Silver from this day ({low} months after {latest})",
        rule,
        edition.source_of("silver.min_interval_months"),
    )
    if high is None:
        return
    if rules.max_interval is IntervalLimit.REMARK:
        title = (
            f"last day a second benchmarking counts for Silver without a remark "
            f"({high} months after {latest})"
        )
    else:
        title = f"last day a second benchmarking counts for Silver ({high} months after {latest})"
    add(
        add_months(latest, high),
        "silver.second_benchmarking_closes",
        title,
        rule,
        edition.source_of("silver.max_interval"),
    )


def _programme_actions(
    cluster: Cluster, programme: Programme, on: dt.date, rulebook: Rulebook, add: Any
) -> None:
    found = compliance(cluster, programme, on, rulebook)
    code = f"programme.{programme.id}"
    tiers = "/".join(tier.value for tier in programme.tiers)
    rule = f"Programme {programme.id}: a {'' if programme.renewal_window_counts else 'valid '}"
    rule += f"{tiers} label"
    source = "; ".join(programme.sources) or "not stated"
    until = found.compliant_until
    if until is not None:
        if until < dt.date.max:
            title = f"falls out of {programme.name} (the labels that count end on {until})"
            add(until + dt.timedelta(days=1), f"{code}.falls_out", title, rule, source)
    elif found.standing == "due" and found.become_by is not None:
        title = f"last day to hold a {tiers} label for {programme.name}"
        add(found.become_by, f"{code}.deadline", title, rule, source)
    else:
        add(on, f"{code}.not_compliant", f"does not meet {programme.name}", rule, source)


def plan(
    cluster: Cluster,
    on: dt.date,
    rulebook: Rulebook = ECEI_2019,
    *,
    within_months: int | None = None,
    catalogue: Catalogue | None = None,
    programmes: Iterable[Programme] = (),
) -> Plan:
    """The dated actions ahead of ``cluster`` from ``on`` (within ``within_months``).

    Only dates on or after ``on`` appear. The labels are read as of ``on``
    (Decision 4). The next tier is the one above the highest valid tier (Bronze
    when none is valid, nothing above Gold); what its decision finds not met
    or missing is listed on ``on`` itself. For each of ``programmes``, the day
    the cluster falls out of it (the day after ``compliant_until``), its
    ``become_by`` deadline while it is due, or, when it does not comply, the
    day ``on`` itself (docs: *Programmes*).
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
    edition = rulebook.in_force_on(on)
    benchmarkings = [
        a for a in cluster.assessments
        if isinstance(a, Benchmarking) and a.date <= on
        and awarded_tier(a, rulebook.in_force_on(a.date)) is Tier.BRONZE
    ]  # fmt: skip
    if benchmarkings:
        _silver_window(benchmarkings[-1].date, edition, add)
    best = status.highest_valid_tier
    following = {
        None: Tier.BRONZE,
        Tier.BRONZE: Tier.SILVER,
        Tier.SILVER: Tier.GOLD,
        Tier.GOLD: None,
    }[best]
    if following is not None:
        decision = decide(cluster, following, on, rulebook, catalogue)
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
    for programme in programmes:
        _programme_actions(cluster, programme, on, rulebook, add)
    horizon = dt.date.max  # the calendar's end: a horizon past it keeps every action
    if within_months is not None and month_index(on) + within_months <= LAST_MONTH:
        horizon = add_months(on, within_months)
    kept = sorted(
        (a for a in actions if on <= a.date <= horizon), key=lambda a: (a.date, a.code, a.title)
    )
    return Plan(cluster.id, cluster.name, on, rulebook.id, tuple(kept))
