"""Dated plans: the actions ahead of a cluster, each with the rule behind it.

A *plan* lists, for a cluster on a day, each label's last valid day, the
last day of seamless renewal (for Gold also the last day a 1-day renewal
audit counts), when the Silver window for a second benchmarking opens and
closes, and what is missing for the next tier (docs: *Planning and checking
records*).

>>> import datetime as dt
>>> from cluster_excellence import Benchmark, Cluster, cluster_plan
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> for action in cluster_plan(qoot, dt.date(2020, 1, 1)).actions[:4]:
...     print(action.date, action.code)
2020-01-01 next.silver
2021-01-25 silver.second_benchmarking_opens
2021-07-25 silver.second_benchmarking_closes
2021-07-31 bronze.expires
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar

import attrs

from .._calendar import LAST_MONTH, add_months, month_index
from .._checks import DayLike, as_day, failure
from .._layout import (
    DAY,
    INT,
    MESSAGE,
    TEXT,
    TEXTS,
    VALUES,
    Column,
    Document,
    Key,
    Layout,
    Shape,
    Table,
    listing,
)
from .._results import Result
from .._words import Message
from ..files.presets import DEFAULT_RULEBOOK, programme_name, programme_of, rulebook_of
from ..model.assessments import Benchmark
from ..model.catalogues import Catalogue, catalogue_of
from ..model.clusters import Cluster, Portfolio, portfolio_of
from ..model.programmes import Programme
from ..model.rulebooks import IntervalLimit, Rulebook
from ..model.tiers import Tier
from .awards import awarded_tier
from .compliance import Standing, cluster_compliance
from .decisions import Outcome
from .eligibility import cluster_eligibility
from .labels import Status
from .status import cluster_status

__all__ = [
    "Action",
    "ClusterPlan",
    "PortfolioPlan",
    "cluster_plan",
    "portfolio_plan",
]

_LABELS = (
    "https://www.cluster-analysis.org/benchmarked-clusters; docs: Validity and renewal, "
    "Decisions 1-3"
)


@attrs.frozen
class Action:
    """One dated thing to do or to know."""

    date: dt.date
    cluster_id: str
    #: Stable identifier, e.g. ``bronze.renewal_deadline``.
    code: str
    #: What happens on the day.
    title: Message
    rule: Message
    source: str
    #: For a finding of the next tier (``next.*``): the finding alone, without the tier.
    finding: Message | None = None


_ACTION = Shape(
    "action",
    Key("date", DAY),
    Key("code", TEXT),
    Key("title", MESSAGE),
    Key("values", VALUES, lambda action: action.title.values),
    Key("rule", MESSAGE),
    Key("source", TEXT),
)
_PLAN_COLUMNS = (
    Column("date", DAY, "Date"),
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("code", TEXT, "Code"),
    Column("title", MESSAGE, "What", wide=True),
    Column("rule", MESSAGE, "Rule", wide=True),
    Column("source", TEXT, "Source", wide=True),
)


def _plan_rows(plans: Iterable[ClusterPlan]) -> Iterator[dict[str, Any]]:
    for plan in plans:
        for action in plan.actions:
            yield {
                "date": action.date,
                "cluster_id": plan.cluster_id,
                "cluster_name": plan.cluster_name,
                "code": action.code,
                "title": action.title,
                "rule": action.rule,
                "source": action.source,
            }


def _plan_title(result: ClusterPlan | PortfolioPlan) -> list[Message]:
    within = getattr(result, "within_months", None)
    first = (
        Message("Plan from {on}", on=result.on)
        if within is None
        else Message("Plan from {on}, {months} months ahead", on=result.on, months=within)
    )
    return [first, Message("Rulebook: {rulebook}", rulebook=result.rulebook)]


def _plan_group(row: Mapping[str, Any]) -> Message:
    return Message(
        "{cluster_id} ({cluster_name})",
        cluster_id=row["cluster_id"],
        cluster_name=row["cluster_name"],
    )


def _plan_table(rows: Any) -> Table:
    return Table(
        "Plan",
        _PLAN_COLUMNS,
        rows,
        title=_plan_title,
        empty=Message("No action falls within the plan."),
        shown=("cluster_id", "date", "title"),
        group=("cluster_id", "cluster_name"),
        group_line=_plan_group,
    )


_CLUSTER_PLAN = Shape(
    "plan",
    Key("cluster_id", TEXT),
    Key("cluster_name", TEXT),
    Key("on", DAY),
    Key("rulebook", TEXT),
    Key("actions", listing(_ACTION)),
)


@attrs.frozen(repr=False)
class ClusterPlan(Result):
    """A cluster's actions from a day on, sorted by date."""

    cluster_id: str
    cluster_name: str
    on: dt.date
    rulebook: str
    actions: tuple[Action, ...]

    LAYOUT: ClassVar[Layout] = Layout(
        [_plan_table(lambda plan: _plan_rows([plan]))], entry=_CLUSTER_PLAN
    )

    def steps(self) -> tuple[tuple[Action, tuple[Action, ...]], ...]:
        """The actions as a calendar or a report shows them: each with the actions it
        stands for. The findings for the next tier (``next.*``, all on the plan day) are
        one step titled with their number when there are several; every other action is
        a step of its own, standing for nothing else. In date order.

        >>> import datetime as dt
        >>> from cluster_excellence import cluster_plan, sample_portfolio
        >>> hemp = sample_portfolio()["hemp-sk"]
        >>> first, *rest = cluster_plan(hemp, dt.date(2026, 11, 20)).steps()
        >>> str(first[0].title), len(first[1])
        ('5 findings for Bronze (missing or not met)', 5)
        """
        findings = tuple(a for a in self.actions if a.finding is not None)
        steps: list[tuple[Action, tuple[Action, ...]]] = [
            (a, ()) for a in self.actions if a.finding is None
        ]
        if len(findings) == 1:
            steps.append((findings[0], ()))
        elif findings:
            tier = Tier(findings[0].code.partition(".")[2])
            title = Message(
                "{count} findings for {tier} (missing or not met)", count=len(findings), tier=tier
            )
            steps.append((attrs.evolve(findings[0], title=title), findings))
        return tuple(
            sorted(steps, key=lambda step: (step[0].date, step[0].code, str(step[0].title)))
        )


def _silver_window(latest: dt.date, edition: Rulebook, add: Any) -> None:
    """When a second benchmarking counts for Silver, by the edition in force on the plan's
    day (a later Silver audit is judged by its own day's edition)."""
    rules = edition.silver
    low, high = rules.min_interval_months, rules.max_interval_months
    rule = (
        Message(
            "Silver: a second benchmarking at least {low} months after the first ({edition})",
            low=low,
            edition=edition.id,
        )
        if high is None
        else Message(
            "Silver: a second benchmarking {low} to {high} months after the first ({edition})",
            low=low,
            high=high,
            edition=edition.id,
        )
    )
    add(
        add_months(latest, low),
        "silver.second_benchmarking_opens",
        Message(
            "a second benchmarking counts for Silver from this day ({months} months after {day})",
            months=low,
            day=latest,
        ),
        rule,
        edition.source_of("silver.min_interval_months"),
    )
    if high is None:
        return
    template = (
        "last day a second benchmarking counts for Silver without a remark "
        "({months} months after {day})"
        if rules.max_interval is IntervalLimit.REMARK
        else "last day a second benchmarking counts for Silver ({months} months after {day})"
    )
    add(
        add_months(latest, high),
        "silver.second_benchmarking_closes",
        Message(template, months=high, day=latest),
        rule,
        edition.source_of("silver.max_interval"),
    )


def _programme_actions(
    cluster: Cluster, programme: Programme, on: dt.date, rulebook: Rulebook, add: Any
) -> None:
    found = cluster_compliance(cluster, programme, on, rulebook)
    code = f"programme.{programme.id}"
    template = (
        "Programme {programme}: a {tiers} label"
        if programme.renewal_window_counts
        else "Programme {programme}: a valid {tiers} label"
    )
    tiers = "/".join(tier.value for tier in programme.tiers)
    rule = Message(template, programme=programme.id, tiers=tiers)
    source = "; ".join(programme.sources) or "not stated"
    until = found.compliant_until
    if until is not None:  # a day before the calendar's end: days end by 9979-12-31
        title = Message(
            "falls out of {programme} (the labels that count end on {until})",
            programme=programme_name(programme),
            until=until,
        )
        add(until + dt.timedelta(days=1), f"{code}.falls_out", title, rule, source)
    elif found.standing is Standing.DUE and found.become_by is not None:
        title = Message(
            "last day to hold a {tiers} label for {programme}",
            tiers=tiers,
            programme=programme_name(programme),
        )
        add(found.become_by, f"{code}.deadline", title, rule, source)
    else:
        title = Message("does not meet {programme}", programme=programme_name(programme))
        add(on, f"{code}.not_compliant", title, rule, source)


#: The assessment that would award each tier anew, for people.
_NEW_AWARD = {
    Tier.BRONZE: "for {tier}: a new benchmarking (the recorded one made a label that has lapsed)",
    Tier.SILVER: "for {tier}: a new Silver audit (the recorded one made a label that has lapsed)",
    Tier.GOLD: "for {tier}: a new Gold audit (the recorded one made a label that has lapsed)",
}


def cluster_plan(
    cluster: Cluster,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    within_months: int | None = None,
    catalogue: Catalogue | None = None,
    programmes: Iterable[Programme | str] = (),
) -> ClusterPlan:
    """The dated actions ahead of ``cluster`` from ``on`` (within ``within_months``).

    Only dates on or after ``on`` appear. The labels are read as of ``on``
    (Decision 4). The next tier is the one above the highest valid tier (Bronze
    when none is valid, nothing above Gold); what its decision finds not met
    or missing is listed on ``on`` itself. For each of ``programmes`` (programmes or
    preset ids), the day the cluster falls out of it (the day after
    ``compliant_until``), its ``become_by`` deadline while it is due, or, when it does
    not comply, the day ``on`` itself (docs: *Programmes*).
    """
    return _plan(
        cluster,
        as_day(on, "on"),
        rulebook_of(rulebook),
        _months(within_months),
        catalogue_of(catalogue, optional=True),
        tuple(programme_of(p) for p in programmes),
    )


def _months(value: int | None) -> int | None:
    if value is not None and (type(value) is not int or value < 1):
        raise failure("within_months", f"must be a whole number above 0 or None, not {value!r}")
    return value


def _plan(
    cluster: Cluster,
    on: dt.date,
    rulebook: Rulebook,
    within_months: int | None,
    catalogue: Catalogue | None,
    programmes: tuple[Programme, ...],
) -> ClusterPlan:
    status = cluster_status(cluster, on, rulebook)
    actions: list[Action] = []

    def add(
        day: dt.date,
        code: str,
        title: Message,
        rule: Message,
        source: str,
        finding: Message | None = None,
    ) -> None:
        actions.append(Action(day, cluster.id, code, title, rule, source, finding))

    validity, window = Message("Decision 1 and 3: validity"), Message("Decision 2: renewal window")
    for entry in status.labels:
        tier = entry.tier
        add(
            entry.valid_until,
            f"{tier.value}.expires",
            Message("last valid day of the {tier} label", tier=tier),
            validity,
            _LABELS,
        )
        add(
            entry.renewable_until,
            f"{tier.value}.renewal_deadline",
            Message(
                "last day an awarding assessment renews the {tier} label seamlessly", tier=tier
            ),
            window,
            _LABELS,
        )
        if tier is Tier.GOLD:
            add(
                entry.renewable_until,
                "gold.one_day_renewal_audit",
                Message("last day a Gold renewal is a 1-day audit"),
                Message("Gold: renewal within a year after expiry"),
                "https://www.cluster-analysis.org/gold-label",
            )
    edition = rulebook.in_force_on(on)
    benchmarkings = [
        a for a in cluster.assessments
        if isinstance(a, Benchmark) and a.date <= on
        and awarded_tier(a, rulebook.in_force_on(a.date)) is Tier.BRONZE
    ]  # fmt: skip
    if benchmarkings:
        _silver_window(benchmarkings[-1].date, edition, add)
    best = status.highest_valid_tier
    following = Tier.BRONZE if best is None else best.next
    if following is not None:
        decision = cluster_eligibility(cluster, following, on, rulebook, catalogue=catalogue)
        held = status.label(following)
        if decision.outcome is Outcome.ELIGIBLE and (held is None or held.status is Status.LAPSED):
            new = Message(_NEW_AWARD[following], tier=following)
            rule = Message("Decision 2: a later award starts a new label")
            add(on, f"next.{following.value}", new, rule, _LABELS, new)
        for finding in decision.findings:
            if finding.met is not True:
                state = Message("missing" if finding.met is None else "not met")
                what = Message("{finding} ({state})", finding=finding.message, state=state)
                title = Message("for {tier}: {what}", tier=following, what=what)
                add(on, f"next.{following.value}", title, finding.rule, finding.source, what)
    for programme in programmes:
        _programme_actions(cluster, programme, on, rulebook, add)
    horizon = dt.date.max  # the calendar's end: a horizon past it keeps every action
    if within_months is not None and month_index(on) + within_months <= LAST_MONTH:
        horizon = add_months(on, within_months)
    kept = sorted(
        (a for a in actions if on <= a.date <= horizon),
        key=lambda a: (a.date, a.code, str(a.title)),
    )
    return ClusterPlan(cluster.id, cluster.name, on, rulebook.id, tuple(kept))


@attrs.frozen(repr=False)
class PortfolioPlan(Result):
    """The plans of a portfolio's clusters from one day on, in portfolio order."""

    on: dt.date
    rulebook: str
    plans: tuple[ClusterPlan, ...]
    #: How far ahead the plans look, in months; None for every action ahead.
    within_months: int | None = None
    #: The ids of the programmes followed.
    programmes: tuple[str, ...] = ()

    LAYOUT: ClassVar[Layout] = Layout(
        [_plan_table(lambda result: _plan_rows(result.plans))],
        document=Document(
            "cluster-excellence.plan/1",
            Shape(
                "plan",
                Key("on", DAY),
                Key("rulebook", TEXT),
                Key("within_months", INT, nullable=True),
                Key("programmes", TEXTS),
                Key("plans", listing(_CLUSTER_PLAN)),
            ),
        ),
    )

    def __iter__(self) -> Iterator[ClusterPlan]:
        return iter(self.plans)

    def __len__(self) -> int:
        return len(self.plans)


def portfolio_plan(
    portfolio: Portfolio,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    within_months: int | None = None,
    catalogue: Catalogue | None = None,
    programmes: Iterable[Programme | str] = (),
) -> PortfolioPlan:
    """The :func:`cluster_plan` of every cluster of ``portfolio``, in its order.

    >>> from cluster_excellence import portfolio_plan, sample_portfolio
    >>> plans = portfolio_plan(sample_portfolio(), "2026-11-20", within_months=3)
    >>> len(plans), plans.to_records()[0]["code"]
    (16, 'next.bronze')
    """
    portfolio = portfolio_of(portfolio)
    day, book, months = as_day(on, "on"), rulebook_of(rulebook), _months(within_months)
    followed = tuple(programme_of(p) for p in programmes)
    catalogue = catalogue_of(catalogue, optional=True)
    plans = tuple(_plan(c, day, book, months, catalogue, followed) for c in portfolio)
    return PortfolioPlan(day, book.id, plans, months, tuple(p.id for p in followed))
