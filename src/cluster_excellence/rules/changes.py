"""What changed between two days: labels awarded, renewed, expired and lapsed.

A *change* is a day D, after the first day and on or before the second, on
which a tier's status as of D (Decision 4: only the awards known by then)
differs from its status as of the day before. Each such day gives one event
per tier (docs: *Watching a portfolio*):

- ``awarded``: a new label begins (a first award, or one after a label lapsed);
- ``renewed``: a renewal moves ``valid_until`` later, also when it ends a stay in
  the renewal window;
- ``expired``: the first day after ``valid_until``;
- ``lapsed``: the first day after ``renewable_until``.

The status changes only on a few days: the day an award becomes known (its
award day when recorded, else its date), the day a stated label becomes
known, and the days after each ``valid_until`` and ``renewable_until``. Only
those days are looked at, so a span of decades costs no more than a month.

The Qoot Cluster's Bronze label (benchmarked on 25 July 2019) over 2021 and 2022:

>>> import datetime as dt
>>> from cluster_excellence import Benchmark, Cluster, Portfolio, portfolio_changes
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> found = portfolio_changes(Portfolio([qoot]), dt.date(2021, 1, 1), dt.date(2022, 12, 31))
>>> for change in found.events:
...     print(change.date, change.cluster_id, change.tier.value, change.event.value)
2021-08-01 qoot bronze expired
2022-08-01 qoot bronze lapsed
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from .._checks import DayLike, as_day, failure, instance_of, is_query_day, is_text, one_of
from .._enums import ValueEnum
from .._layout import (
    DAY,
    TEXT,
    TEXTS,
    Column,
    Document,
    Key,
    Layout,
    Shape,
    Table,
    listing,
    words,
)
from .._results import Result
from .._words import N_, Message
from ..files.presets import DEFAULT_RULEBOOK, programme_of, rulebook_of
from ..model.clusters import Cluster, Portfolio, portfolio_of
from ..model.programmes import Programme
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .compliance import held_tier
from .labels import LabelStatus, Status, stated_known_from
from .status import ClusterStatus, cluster_status, rulebook_line

__all__ = [
    "Change",
    "ClusterChanges",
    "ComplianceChange",
    "LabelEvent",
    "PortfolioChanges",
    "cluster_changes",
    "portfolio_changes",
]


class LabelEvent(ValueEnum):
    """What happened to a tier's label on a day (docs: *Watching a portfolio*)."""

    #: A new label begins: a first award, or an award after the earlier label lapsed.
    AWARDED = "awarded"
    #: A renewal moves ``valid_until`` later (also one that ends a stay in the window).
    RENEWED = "renewed"
    #: The first day after ``valid_until``.
    EXPIRED = "expired"
    #: The first day after ``renewable_until``.
    LAPSED = "lapsed"

    @property
    def words(self) -> str:
        """The event for people (in English; translated where it is shown)."""
        return _EVENT_WORDS[self]


_EVENT_WORDS = {
    LabelEvent.AWARDED: N_("awarded"),
    LabelEvent.RENEWED: N_("renewed"),
    LabelEvent.EXPIRED: N_("expired"),
    LabelEvent.LAPSED: N_("lapsed"),
}
#: What happened to a cluster's compliance with a programme on a day.
GAINED, LOST = "gained", "lost"
N_("gained"), N_("lost")


@attrs.frozen
class Change:
    """One tier of one cluster whose as-of status changed on ``date``; the label as it
    is from that day on."""

    date: dt.date = attrs.field(validator=is_query_day)
    cluster_id: str = attrs.field(validator=is_text)
    cluster_name: str = attrs.field(validator=is_text)
    tier: Tier = attrs.field(validator=instance_of(Tier))
    event: LabelEvent = attrs.field(validator=instance_of(LabelEvent))
    #: The status from ``date`` on.
    status: Status = attrs.field(validator=instance_of(Status))
    #: None for a label known only by its stated end.
    valid_from: dt.date | None
    valid_until: dt.date = attrs.field(validator=is_query_day)
    renewable_until: dt.date = attrs.field(validator=is_query_day)


@attrs.frozen
class ComplianceChange:
    """A cluster that began (``gained``) or stopped (``lost``) meeting a programme on
    ``date``."""

    date: dt.date = attrs.field(validator=is_query_day)
    cluster_id: str = attrs.field(validator=is_text)
    cluster_name: str = attrs.field(validator=is_text)
    #: The programme's id.
    programme: str = attrs.field(validator=is_text)
    #: ``gained`` or ``lost``.
    event: str = attrs.field(validator=one_of((GAINED, LOST)))
    #: The best tier that counts for the programme from ``date`` on (None when lost).
    held_tier: Tier | None


_EVENT = Shape(
    "label event",
    Key("date", DAY),
    Key("cluster_id", TEXT),
    Key("cluster_name", TEXT),
    Key("tier", words(Tier)),
    Key("event", words(LabelEvent)),
    Key("status", words(Status)),
    Key("valid_from", DAY, nullable=True),
    Key("valid_until", DAY),
    Key("renewable_until", DAY),
)
_COMPLIANCE_EVENT = Shape(
    "compliance event",
    Key("date", DAY),
    Key("cluster_id", TEXT),
    Key("cluster_name", TEXT),
    Key("programme", TEXT),
    Key("event", words((GAINED, LOST), "compliance event")),
    Key("held_tier", words(Tier), nullable=True),
)
_EVENTS = (*(event.value for event in LabelEvent), GAINED, LOST)
_COLUMNS = (
    Column("date", DAY, "Date"),
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("tier", words(Tier), "Tier"),
    Column("event", words(_EVENTS, "event"), "Event"),
    Column("status", words(Status), "Status"),
    Column("valid_from", DAY, "Valid from"),
    Column("valid_until", DAY, "Valid until"),
    Column("renewable_until", DAY, "Renewable until"),
    Column("programme", TEXT, "Programme"),
)


def _rows(events: Iterable[Change], compliance: Iterable[ComplianceChange]) -> list[dict[str, Any]]:
    """One row per event, the label events and the compliance events (those with a
    ``programme``; ``tier`` is the tier that counts from the day on), by date, label
    events first on a day."""
    rows: list[dict[str, Any]] = [
        {
            "date": e.date,
            "cluster_id": e.cluster_id,
            "cluster_name": e.cluster_name,
            "tier": e.tier,
            "event": e.event,
            "status": e.status,
            "valid_from": e.valid_from,
            "valid_until": e.valid_until,
            "renewable_until": e.renewable_until,
        }
        for e in events
    ]
    rows += [
        {
            "date": e.date,
            "cluster_id": e.cluster_id,
            "cluster_name": e.cluster_name,
            "tier": e.held_tier,
            "event": e.event,
            "programme": e.programme,
        }
        for e in compliance
    ]
    return sorted(rows, key=lambda row: row["date"])


def _title(result: Any) -> list[Message]:
    return [
        Message(
            "Changes after {since} through {until}, each day as of that day",
            since=result.since,
            until=result.until,
        ),
        rulebook_line(result.rulebook),
    ]


def _notes(result: Any) -> list[Message]:
    notes = []
    if result.events:
        notes.append(
            Message("Renewable until: the last day on which an award renews a label seamlessly.")
        )
    for programme in result.programmes:
        if not any(event.programme == programme for event in result.compliance):
            notes.append(Message("No cluster gained or lost {programme}.", programme=programme))
    return notes


def _table(rows: Any) -> Table:
    return Table(
        "Changes",
        _COLUMNS,
        rows,
        title=_title,
        empty=Message("No label was awarded, renewed, expired or lapsed."),
        shown=(
            "date",
            "cluster_id",
            "tier",
            "event",
            "valid_until",
            "renewable_until",
            "programme",
        ),
        notes=_notes,
    )


@attrs.frozen(repr=False)
class ClusterChanges(Result):
    """The changes of one cluster's labels after ``since`` through ``until``."""

    cluster_id: str
    cluster_name: str
    since: dt.date
    until: dt.date
    rulebook: str
    #: By date, then tier.
    events: tuple[Change, ...]
    #: The programmes whose compliance was followed, by id.
    programmes: tuple[str, ...] = ()
    #: By date, then programme in the order given.
    compliance: tuple[ComplianceChange, ...] = ()

    LAYOUT: ClassVar[Layout] = Layout(
        [_table(lambda result: _rows(result.events, result.compliance))],
        entry=Shape(
            "cluster changes",
            Key("cluster_id", TEXT),
            Key("cluster_name", TEXT),
            Key("events", listing(_EVENT)),
            Key("compliance", listing(_COMPLIANCE_EVENT)),
        ),
    )


@attrs.frozen(repr=False)
class PortfolioChanges(Result):
    """The changes of a portfolio's labels after ``since`` through ``until``."""

    #: The day before the first day looked at (the ``changes`` command's ``from``).
    since: dt.date
    #: The last day looked at (``to``).
    until: dt.date
    rulebook: str
    #: Sorted by date, then the cluster's place in the portfolio, then tier.
    events: tuple[Change, ...]
    #: The programmes whose compliance was followed, by id.
    programmes: tuple[str, ...] = ()
    #: Sorted as ``events``, then by programme in the order given.
    compliance: tuple[ComplianceChange, ...] = ()

    LAYOUT: ClassVar[Layout] = Layout(
        [_table(lambda result: _rows(result.events, result.compliance))],
        document=Document(
            "cluster-excellence.changes/1",
            Shape(
                "changes",
                Key("from", DAY, "since"),
                Key("to", DAY, "until"),
                Key("rulebook", TEXT),
                Key("events", listing(_EVENT)),
                Key("programmes", TEXTS, omit=lambda programmes: not programmes),
                Key(
                    "compliance",
                    listing(_COMPLIANCE_EVENT),
                    lambda result: result.compliance if result.programmes else None,
                    omit=lambda compliance: compliance is None,
                ),
            ),
        ),
    )


def _state(entry: LabelStatus | None) -> tuple[Any, ...] | None:
    if entry is None:
        return None
    return (entry.status, entry.basis, entry.valid_from, entry.valid_until, entry.renewable_until)


def _event(before: LabelStatus | None, after: LabelStatus) -> LabelEvent:
    """Name the change from ``before`` to ``after`` (two different states of one tier)."""
    if before is None or before.basis != after.basis or before.valid_from != after.valid_from:
        return LabelEvent.AWARDED
    if after.valid_until > before.valid_until:
        return LabelEvent.RENEWED
    if after.status is Status.EXPIRED_RENEWABLE:
        return LabelEvent.EXPIRED
    if after.status is Status.LAPSED:
        return LabelEvent.LAPSED
    return LabelEvent.AWARDED


def _next_day(cluster: Cluster, status: ClusterStatus, rulebook: Rulebook) -> dt.date | None:
    """The first day after ``status.on`` on which the cluster's as-of status may change."""
    day = status.on
    candidates = []
    for assessment in cluster.assessments:
        known = assessment.date
        if assessment.awarded_on is not None and assessment.awarded_on > known:
            known = assessment.awarded_on
        if known > day:
            candidates.append(known)
    for stated in cluster.stated_labels:
        known = stated_known_from(stated, rulebook)
        if known > day:
            candidates.append(known)
    for entry in status.labels:
        for end in (entry.valid_until, entry.renewable_until):
            if day <= end < dt.date.max:
                candidates.append(end + dt.timedelta(days=1))
    return min(candidates, default=None)


def cluster_changes(
    cluster: Cluster,
    since: DayLike,
    until: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    programmes: Iterable[Programme | str] = (),
) -> ClusterChanges:
    """The changes of one cluster's labels on the days after ``since`` through ``until``,
    by date then tier; and, for each of ``programmes`` (programmes or preset ids), the
    days it gained or lost compliance (:func:`~cluster_excellence.cluster_compliance`),
    by date then programme.

    Each day's status is as of that day (Decision 4); the definitions are those
    of this module. Source: docs, *Watching a portfolio*.
    """
    first, last = _span(since, until)
    followed = tuple(programme_of(p) for p in programmes)
    return _changes(cluster, first, last, rulebook_of(rulebook), followed)


def _span(since: DayLike, until: DayLike) -> tuple[dt.date, dt.date]:
    first, last = as_day(since, "since"), as_day(until, "until")
    if last < first:
        raise failure("until", f"{last.isoformat()} is before since ({first.isoformat()})")
    return first, last


def _changes(
    cluster: Cluster,
    since: dt.date,
    until: dt.date,
    rulebook: Rulebook,
    followed: tuple[Programme, ...],
) -> ClusterChanges:
    events: list[Change] = []
    gained_lost: list[ComplianceChange] = []
    before = cluster_status(cluster, since, rulebook)
    held = [held_tier(before, programme) for programme in followed]
    while True:
        day = _next_day(cluster, before, rulebook)
        if day is None or day > until:
            break
        after = cluster_status(cluster, day, rulebook)
        old = {entry.tier: entry for entry in before.labels}
        for entry in after.labels:  # in tier order
            previous = old.get(entry.tier)
            if _state(previous) != _state(entry):
                events.append(
                    Change(
                        day,
                        cluster.id,
                        cluster.name,
                        entry.tier,
                        _event(previous, entry),
                        entry.status,
                        entry.valid_from,
                        entry.valid_until,
                        entry.renewable_until,
                    )
                )
        for index, programme in enumerate(followed):
            now = held_tier(after, programme)
            if (now is None) != (held[index] is None):
                event = LOST if now is None else GAINED
                gained_lost.append(
                    ComplianceChange(day, cluster.id, cluster.name, programme.id, event, now)
                )
            held[index] = now
        before = after
    return ClusterChanges(
        cluster.id,
        cluster.name,
        since,
        until,
        rulebook.id,
        tuple(events),
        tuple(programme.id for programme in followed),
        tuple(gained_lost),
    )


def portfolio_changes(
    portfolio: Portfolio,
    since: DayLike,
    until: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    programmes: Iterable[Programme | str] = (),
) -> PortfolioChanges:
    """Every cluster's changes (:func:`cluster_changes`) after ``since`` through ``until``.

    Events are sorted by date, then by the cluster's place in the portfolio,
    then by tier (compliance events: then by programme in the order given).

    >>> import datetime as dt
    >>> from cluster_excellence import portfolio_changes, sample_portfolio
    >>> found = portfolio_changes(sample_portfolio(), dt.date(2026, 1, 1), dt.date(2026, 11, 20),
    ...                           programmes=["de-go-cluster"])
    >>> for c in found.events[:2]:
    ...     print(c.date, c.cluster_id, c.tier.value, c.event.value)
    2026-01-20 example-leap gold renewed
    2026-02-01 example-window bronze expired
    >>> [(c.date.isoformat(), c.cluster_id, c.event) for c in found.compliance]
    [('2026-07-01', 'example-silver', 'lost')]
    """
    portfolio = portfolio_of(portfolio)
    first, last = _span(since, until)
    book = rulebook_of(rulebook)
    followed = tuple(programme_of(p) for p in programmes)
    events: list[tuple[Any, ...]] = []
    gained_lost: list[tuple[Any, ...]] = []
    order = {programme.id: index for index, programme in enumerate(followed)}
    for place, cluster in enumerate(portfolio):
        found = _changes(cluster, first, last, book, followed)
        events.extend((event.date, place, event.tier, event) for event in found.events)
        gained_lost.extend(
            (event.date, place, order[event.programme], event) for event in found.compliance
        )
    events.sort(key=lambda item: item[:3])
    gained_lost.sort(key=lambda item: item[:3])
    return PortfolioChanges(
        first,
        last,
        book.id,
        tuple(item[-1] for item in events),
        tuple(programme.id for programme in followed),
        tuple(item[-1] for item in gained_lost),
    )
