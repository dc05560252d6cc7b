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

>>> from cluster_excellence import Benchmark, Cluster, Portfolio
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> found = changes(Portfolio([qoot]), dt.date(2021, 1, 1), dt.date(2022, 12, 31))
>>> for change in found.events:
...     print(change.date, change.cluster_id, change.tier.value, change.event.value)
2021-08-01 qoot bronze expired
2022-08-01 qoot bronze lapsed
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._checks import DayLike, as_day, instance_of, is_query_day, is_text, one_of
from .._enums import ValueEnum
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table
from ..errors import InvalidValueError
from ..files.presets import DEFAULT_RULEBOOK
from ..model.clusters import Cluster, Portfolio
from ..model.programmes import Programme
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .compliance import held_tier
from .labels import LabelStatus, Status, stated_known_from
from .status import ClusterStatus, cluster_status

__all__ = [
    "CHANGE_COLUMNS",
    "Change",
    "Changes",
    "ComplianceChange",
    "LabelEvent",
    "changes",
    "cluster_changes",
]

#: The columns of :meth:`Changes.to_records` and ``changes --format csv``.
CHANGE_COLUMNS = (
    "date",
    "cluster_id",
    "cluster_name",
    "tier",
    "event",
    "status",
    "valid_from",
    "valid_until",
    "renewable_until",
    "programme",
)


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

    def to_dict(self) -> dict[str, Any]:
        """This event in the ``changes`` command's JSON document."""
        return {
            "date": self.date.isoformat(),
            "cluster": self.cluster_id,
            "tier": self.tier.value,
            "event": self.event.value,
            "cluster_name": self.cluster_name,
            "status": self.status.value,
            "valid_from": None if self.valid_from is None else self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "renewable_until": self.renewable_until.isoformat(),
        }

    def to_record(self) -> dict[str, Any]:
        """A flat record (the columns :data:`CHANGE_COLUMNS`), dates as :class:`datetime.date`."""
        return {
            "date": self.date,
            "cluster_id": self.cluster_id,
            "cluster_name": self.cluster_name,
            "tier": self.tier.value,
            "event": self.event.value,
            "status": self.status.value,
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "renewable_until": self.renewable_until,
            "programme": None,
        }


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
    event: str = attrs.field(validator=one_of(("gained", "lost")))
    #: The best tier that counts for the programme from ``date`` on (None when lost).
    held_tier: Tier | None

    def to_dict(self) -> dict[str, Any]:
        """This event in the ``changes`` command's JSON document."""
        return {
            "date": self.date.isoformat(),
            "cluster": self.cluster_id,
            "programme": self.programme,
            "event": self.event,
            "cluster_name": self.cluster_name,
            "held_tier": None if self.held_tier is None else self.held_tier.value,
        }

    def to_record(self) -> dict[str, Any]:
        """A flat record (the columns :data:`CHANGE_COLUMNS`): ``tier`` is the tier that
        counts from ``date`` on, ``event`` is ``gained`` or ``lost``."""
        record: dict[str, Any] = dict.fromkeys(CHANGE_COLUMNS)
        record.update(
            date=self.date,
            cluster_id=self.cluster_id,
            cluster_name=self.cluster_name,
            tier=None if self.held_tier is None else self.held_tier.value,
            event=self.event,
            programme=self.programme,
        )
        return record


@attrs.frozen
class Changes(Tables):
    """The changes of a portfolio's labels after ``since`` through ``until``."""

    #: The day before the first day looked at (the ``changes`` command's ``from``).
    since: dt.date = attrs.field(validator=is_query_day)
    #: The last day looked at (``to``).
    until: dt.date = attrs.field(validator=is_query_day)
    rulebook: str = attrs.field(validator=is_text)
    #: Sorted by date, then the cluster's place in the portfolio, then tier.
    events: tuple[Change, ...]
    #: The programmes whose compliance was followed, by id.
    programmes: tuple[str, ...] = ()
    #: Sorted as ``events``, then by programme in the order given.
    compliance: tuple[ComplianceChange, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``changes`` command's JSON document (docs: *Command line*)."""
        document: dict[str, Any] = {
            "from": self.since.isoformat(),
            "to": self.until.isoformat(),
            "rulebook": self.rulebook,
            "events": [event.to_dict() for event in self.events],
        }
        if self.programmes:
            document["programmes"] = list(self.programmes)
            document["compliance"] = [event.to_dict() for event in self.compliance]
        return document

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per event (``changes --format csv``), dates as
        :class:`datetime.date`: the label events and the compliance events (those with a
        ``programme``), by date, label events first on a day."""
        records = [event.to_record() for event in self.events]
        records += [event.to_record() for event in self.compliance]
        return sorted(records, key=lambda record: record["date"])

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        return dataframe(self.to_records(), CHANGE_COLUMNS)

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [("Changes", self.to_records(), CHANGE_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        caption = (
            f"Changes after {self.since.isoformat()} through {self.until.isoformat()} "
            f"(rulebook {self.rulebook})"
        )
        return records_table(caption, self.to_records(), CHANGE_COLUMNS[:6], max_rows)


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
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    programmes: Iterable[Programme] = (),
) -> tuple[tuple[Change, ...], tuple[ComplianceChange, ...]]:
    """The changes of one cluster's labels on the days after ``since`` through ``until``,
    by date then tier; and, for each of ``programmes``, the days it gained or lost
    compliance (:func:`~cluster_excellence.compliance`), by date then programme.

    Each day's status is as of that day (Decision 4); the definitions are those
    of this module. Source: docs, *Watching a portfolio*.
    """
    since, until = as_day(since, "since"), as_day(until, "until")
    if until < since:
        raise InvalidValueError(
            f"until ({until.isoformat()}) is before since ({since.isoformat()})"
        )
    followed = tuple(programmes)
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
                event = "lost" if now is None else "gained"
                gained_lost.append(
                    ComplianceChange(day, cluster.id, cluster.name, programme.id, event, now)
                )
            held[index] = now
        before = after
    return tuple(events), tuple(gained_lost)


def changes(
    portfolio: Portfolio,
    since: DayLike,
    until: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    programmes: Iterable[Programme] = (),
) -> Changes:
    """Every cluster's changes (:func:`cluster_changes`) after ``since`` through ``until``.

    Events are sorted by date, then by the cluster's place in the portfolio,
    then by tier (compliance events: then by programme in the order given).

    >>> from cluster_excellence import get_programme, sample_portfolio
    >>> found = changes(sample_portfolio(), dt.date(2026, 1, 1), dt.date(2026, 11, 20),
    ...                 programmes=[get_programme("de-go-cluster")])
    >>> for c in found.events[:2]:
    ...     print(c.date, c.cluster_id, c.tier.value, c.event.value)
    2026-01-20 example-leap gold renewed
    2026-02-01 example-window bronze expired
    >>> [(c.date.isoformat(), c.cluster_id, c.event) for c in found.compliance]
    [('2026-07-01', 'example-silver', 'lost')]
    """
    since, until = as_day(since, "since"), as_day(until, "until")
    followed = tuple(programmes)
    events: list[tuple[Any, ...]] = []
    gained_lost: list[tuple[Any, ...]] = []
    order = {programme.id: index for index, programme in enumerate(followed)}
    for place, cluster in enumerate(portfolio):
        found, compliance = cluster_changes(cluster, since, until, rulebook, programmes=followed)
        events.extend((event.date, place, event.tier, event) for event in found)
        gained_lost.extend(
            (event.date, place, order[event.programme], event) for event in compliance
        )
    events.sort(key=lambda item: item[:3])
    gained_lost.sort(key=lambda item: item[:3])
    return Changes(
        since,
        until,
        rulebook.id,
        tuple(item[-1] for item in events),
        tuple(programme.id for programme in followed),
        tuple(item[-1] for item in gained_lost),
    )
