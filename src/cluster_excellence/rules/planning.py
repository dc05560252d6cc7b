"""Dated plans: the actions ahead of a cluster, each with the rule behind it.

A *plan* lists, for a cluster on a day, each label's last valid day, the
last day of seamless renewal (for Gold also the last day a 1-day renewal
audit counts), when the Silver window for a second benchmarking opens and
closes, and what is missing for the next tier (docs: *Planning and checking
records*).

>>> from cluster_excellence import Benchmark, Cluster
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> for action in plan(qoot, dt.date(2020, 1, 1)).actions[:4]:
...     print(action.date, action.code)
2020-01-01 next.silver
2021-01-25 silver.second_benchmarking_opens
2021-07-25 silver.second_benchmarking_closes
2021-07-31 bronze.expires
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from .._calendar import LAST_MONTH, add_months, month_index
from .._checks import DayLike, as_day
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table
from ..files.presets import DEFAULT_RULEBOOK
from ..model.assessments import Benchmark, awarded_tier
from ..model.catalogues import Catalogue
from ..model.clusters import Cluster
from ..model.programmes import Programme
from ..model.rulebooks import IntervalLimit, Rulebook
from ..model.tiers import Tier
from .compliance import compliance
from .decisions import DECISION_COLUMNS, Decision, Outcome
from .eligibility import bronze_eligibility, gold_eligibility, silver_eligibility
from .labels import Status
from .status import cluster_status

__all__ = [
    "PLAN_COLUMNS",
    "Action",
    "Plan",
    "PortfolioEligibility",
    "PortfolioPlan",
    "decide",
    "finding_words",
    "next_tier_name",
    "plan",
    "portfolio_eligibility",
    "portfolio_plan",
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
class Plan(Tables):
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

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [("Plan", self.to_records(), PLAN_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        caption = f"Plan of {self.cluster_name} from {self.on.isoformat()}"
        return records_table(caption, self.to_records(), ("date", "title", "rule"), max_rows)

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        return dataframe(self.to_records(), PLAN_COLUMNS)


def next_tier_name(finding: Action) -> str:
    """The tier a finding for the next tier (code ``next.<tier>``) is about, as a name."""
    return finding.code.partition(".")[2].title()


def finding_words(finding: Action) -> str:
    """A finding's title without its leading "for TIER: ", for a list under that tier."""
    return finding.title.removeprefix(f"for {next_tier_name(finding)}: ")


def decide(
    cluster: Cluster, tier: Tier, on: dt.date, rulebook: Rulebook, catalogue: Catalogue | None
) -> Decision:
    if tier is Tier.BRONZE:
        return bronze_eligibility(cluster, on, rulebook)
    if tier is Tier.SILVER:
        return silver_eligibility(cluster, on, rulebook)
    return gold_eligibility(cluster, on, rulebook, catalogue=catalogue)


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
    on: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
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
    on = as_day(on, "on")
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
        if isinstance(a, Benchmark) and a.date <= on
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


@attrs.frozen
class PortfolioPlan(Tables):
    """The plans of a portfolio's clusters from one day on, in portfolio order."""

    on: dt.date
    rulebook: str
    plans: tuple[Plan, ...]

    def __iter__(self) -> Iterator[Plan]:
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per action of every plan (``plan --format csv``)."""
        return [record for entry in self.plans for record in entry.to_records()]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day and rulebook are in ``frame.attrs``."""
        return dataframe(
            self.to_records(), PLAN_COLUMNS, attrs={"on": self.on, "rulebook": self.rulebook}
        )

    def tables(self) -> list[Table]:
        """The plans as one table (its XLSX sheet): title, records, columns."""
        return [("Plan", self.to_records(), PLAN_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        caption = f"Plans from {self.on.isoformat()} (rulebook {self.rulebook})"
        return records_table(
            caption, self.to_records(), ("date", "cluster_id", "title", "rule"), max_rows
        )


def portfolio_plan(
    clusters: Iterable[Cluster],
    on: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    within_months: int | None = None,
    catalogue: Catalogue | None = None,
    programmes: Iterable[Programme] = (),
) -> PortfolioPlan:
    """The :func:`plan` of every cluster (a portfolio or any clusters), in their order.

    >>> from cluster_excellence import sample_portfolio
    >>> plans = portfolio_plan(sample_portfolio(), "2026-11-20", within_months=3)
    >>> len(plans), plans.to_records()[0]["code"]
    (16, 'next.bronze')
    """
    day = as_day(on, "on")
    kept = tuple(programmes)
    return PortfolioPlan(
        day,
        rulebook.id,
        tuple(
            plan(
                cluster,
                day,
                rulebook,
                within_months=within_months,
                catalogue=catalogue,
                programmes=kept,
            )
            for cluster in clusters
        ),
    )


@attrs.frozen
class PortfolioEligibility(Tables):
    """The decisions on one tier for a portfolio's clusters on one day, in portfolio order."""

    on: dt.date
    tier: Tier
    rulebook: str
    decisions: tuple[Decision, ...]

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    def eligible(self) -> tuple[str, ...]:
        """The ids of the clusters whose records qualify for the tier."""
        return tuple(d.cluster_id or "" for d in self.decisions if d.outcome is Outcome.ELIGIBLE)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per finding of every decision (``eligibility --format csv``)."""
        return [record for decision in self.decisions for record in decision.to_records()]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day and the tier are in ``frame.attrs``."""
        return dataframe(
            self.to_records(),
            DECISION_COLUMNS,
            attrs={"on": self.on, "question": self.tier.value},
        )

    def tables(self) -> list[Table]:
        """The findings as one table (its XLSX sheet): title, records, columns."""
        return [("Eligibility", self.to_records(), DECISION_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table of the findings; over ``max_rows`` rows, the first and last."""
        caption = f"{self.tier.value.title()} eligibility on {self.on.isoformat()}"
        columns = ("cluster", "outcome", "code", "met", "message")
        return records_table(caption, self.to_records(), columns, max_rows)


def portfolio_eligibility(
    clusters: Iterable[Cluster],
    tier: Tier | str,
    on: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    catalogue: Catalogue | None = None,
) -> PortfolioEligibility:
    """Whether each cluster's records qualify for ``tier`` on ``on``, explained
    (:func:`bronze_eligibility`, :func:`silver_eligibility`, :func:`gold_eligibility`).

    >>> from cluster_excellence import sample_portfolio
    >>> found = portfolio_eligibility(sample_portfolio(), "silver", "2026-11-20")
    >>> found.eligible()
    ('example-silver', 'mineralklynge', 'example-go')
    """
    day = as_day(on, "on")
    chosen = Tier(tier)
    return PortfolioEligibility(
        day,
        chosen,
        rulebook.id,
        tuple(decide(cluster, chosen, day, rulebook, catalogue) for cluster in clusters),
    )
