"""The status of clusters and portfolios on a day.

Decision 4 (docs: *Validity and renewal*): per tier a
cluster's latest label that started on or before the day is ``valid``,
``expired_renewable`` or ``lapsed``, or the tier has no label. By default
the status is read **as of** the day: only assessments on or before it
count, because a later renewal was not known then. **Retroactive** reading
counts every assessment, so a renewal inside the window covers the gap. The
highest valid tier is the best tier whose label is valid.

The Qoot Cluster on 1 August 2021, the day after its label expired:

>>> import datetime as dt
>>> from cluster_excellence import Benchmark, Cluster
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> result = cluster_status(qoot, dt.date(2021, 8, 1))
>>> [(s.tier.value, s.status.value) for s in result.labels]
[('bronze', 'expired_renewable')]
>>> print(result.highest_valid_tier)
None
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from .._checks import DayLike, as_day, is_bool, is_query_day, is_text, trusted
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table
from ..errors import InvalidValueError
from ..files.presets import DEFAULT_RULEBOOK
from ..model.assessments import awarded_tier
from ..model.clusters import Cluster, Portfolio, StatedLabel
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .labels import (
    LabelStatus,
    Status,
    label_status,
    latest_labels,
    stated_label_status,
    term_ends,
)

#: The columns of :meth:`PortfolioStatus.to_records` and ``status --format csv``.
STATUS_COLUMNS = (
    "on",
    "rulebook",
    "retroactive",
    "cluster_id",
    "cluster_name",
    "highest_valid_tier",
    "tier",
    "status",
    "valid_from",
    "valid_until",
    "renewable_until",
    "basis",
    "source",
    "disagreement",
)

__all__ = [
    "ClusterStatus",
    "PortfolioStatus",
    "StatedDisagreement",
    "cluster_status",
    "highest_valid_tier",
    "portfolio_status",
    "stated_disagreements",
]


@attrs.frozen
class StatedDisagreement:
    """A stated label whose end is none of the expiries the assessments give its tier."""

    stated: StatedLabel
    #: Of the expiries the assessments give the tier, the one nearest the stated end.
    implied_valid_until: dt.date = attrs.field(validator=is_query_day)

    @property
    def tier(self) -> Tier:
        """The tier of the stated label."""
        return self.stated.tier

    def __str__(self) -> str:
        source = "" if self.stated.source is None else f" ({self.stated.source})"
        return (
            f"{self.tier.value}: stated valid until {self.stated.valid_until.isoformat()}"
            f"{source}, the assessments give {self.implied_valid_until.isoformat()}"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data, as in the ``status`` command's output."""
        return {
            "tier": self.tier.value,
            "stated_valid_until": self.stated.valid_until.isoformat(),
            "implied_valid_until": self.implied_valid_until.isoformat(),
            "source": self.stated.source,
        }


def stated_disagreements(
    cluster: Cluster, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> tuple[StatedDisagreement, ...]:
    """The cluster's stated labels that disagree with what its assessments imply.

    A stated label agrees when its end is one of the expiries that the
    assessments give its tier (:func:`term_ends`: the first term's end or
    the end after any renewal), so a listing taken before a later renewal
    still agrees. A tier that the assessments never award is not compared:
    its stated label is all that is known (our decision). All assessments
    count, whatever the day.

    The Hemp Cluster's 2021 certificate says "valid until November 30th
    2024"; the default rulebook gives 2025-10-31, the ``assessment``
    extension base agrees with the certificate:

    >>> from cluster_excellence import Benchmark, StatedLabel
    >>> from cluster_excellence.model.rulebooks import ExtensionBase
    >>> hemp = Cluster("hemp-sk", "Hemp Cluster", [
    ...     Benchmark(dt.date(2017, 10, 1)), Benchmark(dt.date(2019, 11, 1)),
    ...     Benchmark(dt.date(2021, 11, 1))],
    ...     stated_labels=[StatedLabel(Tier.BRONZE, dt.date(2024, 11, 30), source="certificate")])
    >>> for disagreement in stated_disagreements(hemp):
    ...     print(disagreement)
    bronze: stated valid until 2024-11-30 (certificate), the assessments give 2025-10-31
    >>> by_assessment = DEFAULT_RULEBOOK.variant(extension_base=ExtensionBase.ASSESSMENT)
    >>> stated_disagreements(hemp, by_assessment)
    ()
    """
    found = []
    for stated in cluster.stated_labels:
        ends = term_ends(cluster.assessments, stated.tier, rulebook)
        if ends and stated.valid_until not in ends:
            nearest = min(
                ends, key=lambda end: (abs((end - stated.valid_until).days), -end.toordinal())
            )
            found.append(StatedDisagreement(stated, nearest))
    return tuple(found)


@attrs.frozen
class ClusterStatus(Tables):
    """A cluster's labels on a day: one entry per tier that has a label by then."""

    cluster_id: str = attrs.field(validator=is_text)
    cluster_name: str = attrs.field(validator=is_text)
    on: dt.date = attrs.field(validator=is_query_day)
    #: The id of the rulebook that produced this result.
    rulebook: str = attrs.field(validator=is_text)
    #: True when assessments after ``on`` were counted (Decision 4).
    retroactive: bool = attrs.field(validator=is_bool)
    #: Bronze, Silver, Gold order; tiers without a label are left out.
    labels: tuple[LabelStatus, ...]
    #: The best tier whose label is valid, or None.
    highest_valid_tier: Tier | None
    #: Stated labels that disagree with the assessments (:func:`stated_disagreements`).
    disagreements: tuple[StatedDisagreement, ...] = ()

    def label(self, tier: Tier) -> LabelStatus | None:
        """Return the entry for ``tier``, or None when the tier has no label."""
        for entry in self.labels:
            if entry.tier is tier:
                return entry
        return None

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per tier (without labels: one with empty label columns), in
        the columns of ``status --format csv``, dates as :class:`datetime.date`."""
        head = {
            "on": self.on,
            "rulebook": self.rulebook,
            "retroactive": self.retroactive,
            "cluster_id": self.cluster_id,
            "cluster_name": self.cluster_name,
            "highest_valid_tier": self.highest_valid_tier.value
            if self.highest_valid_tier
            else None,
        }
        records: list[dict[str, Any]] = []
        if not self.labels:
            records.append({**head, **dict.fromkeys(STATUS_COLUMNS[6:])})
        disagreements: dict[Tier, str] = {}
        for disagreement in self.disagreements:  # one text per tier
            text = disagreements.get(disagreement.tier)
            disagreements[disagreement.tier] = (
                str(disagreement) if text is None else f"{text}; {disagreement}"
            )
        for entry in self.labels:
            records.append(
                {
                    **head,
                    "tier": entry.tier.value,
                    "status": entry.status.value,
                    "valid_from": entry.valid_from,
                    "valid_until": entry.valid_until,
                    "renewable_until": entry.renewable_until,
                    "basis": entry.basis,
                    "source": getattr(entry.label, "source", None),
                    "disagreement": disagreements.pop(entry.tier, None),
                }
            )
        for tier, text in disagreements.items():  # a tier without an entry on the day
            records.append(
                {
                    **head,
                    **dict.fromkeys(STATUS_COLUMNS[6:]),
                    "tier": tier.value,
                    "disagreement": text,
                }
            )
        return records

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day and rulebook are in ``frame.attrs``, not in columns."""
        return _status_frame(self)

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [(self.cluster_id, self.to_records(), STATUS_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table of the labels, as a notebook shows the result."""
        caption = f"Labels of {self.cluster_name} on {self.on.isoformat()} ({self.rulebook})"
        return records_table(caption, self.to_records(), STATUS_COLUMNS[6:], max_rows)

    def to_dict(self) -> dict[str, Any]:
        """Return this result as in the ``status`` command's JSON output."""
        best = self.highest_valid_tier
        return {
            "id": self.cluster_id,
            "name": self.cluster_name,
            "highest_valid_tier": None if best is None else best._value_,
            "labels": [_entry_dict(entry) for entry in self.labels],
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


def _status_frame(result: ClusterStatus | PortfolioStatus) -> Any:
    """The typed frame of a status result: its records, the day, rulebook and reading in
    ``frame.attrs``."""
    return dataframe(
        result.to_records(),
        STATUS_COLUMNS,
        attrs={"on": result.on, "rulebook": result.rulebook, "retroactive": result.retroactive},
    )


def _entry_dict(entry: LabelStatus) -> dict[str, Any]:
    label = entry.label
    if isinstance(label, StatedLabel):
        return {
            "tier": label.tier._value_,
            "status": entry.status._value_,
            "valid_from": None,
            "valid_until": label.valid_until.isoformat(),
            "renewable_until": entry.renewable_until.isoformat(),
            "basis": "stated",
            "source": label.source,
        }
    return {
        "tier": label.tier._value_,
        "status": entry.status._value_,
        "valid_from": label.valid_from.isoformat(),
        "valid_until": label.valid_until.isoformat(),
        "renewable_until": label.renewable_until.isoformat(),
        "basis": "assessments",
    }


@attrs.frozen
class PortfolioStatus(Tables):
    """Every cluster's status on one day, under one rulebook, in portfolio order."""

    on: dt.date = attrs.field(validator=is_query_day)
    rulebook: str = attrs.field(validator=is_text)
    retroactive: bool = attrs.field(validator=is_bool)
    clusters: tuple[ClusterStatus, ...]
    #: The rulebook's editions, oldest first: (id, effective_from). Each assessment was
    #: judged by the one in force on its date.
    editions: tuple[tuple[str, dt.date], ...] = ()
    #: Set by :meth:`expiring`: only labels valid on the day that end within this many days.
    expiring_within: int | None = None

    def expiring(self, within_days: int, *, keep_clusters: bool = False) -> PortfolioStatus:
        """Only the label entries that are ``valid`` on the day and whose ``valid_until`` is
        at most ``within_days`` days after it (``status --expiring-within``).

        The contract defines the filter on label entries; leaving out the clusters that
        keep no entry, and their stated disagreements about other tiers, is our decision
        (docs: *Watching a portfolio*): the result lists what expires, nothing else.
        With ``keep_clusters=True`` every cluster stays, with the entries it keeps.

        >>> from cluster_excellence import sample_portfolio
        >>> soon = portfolio_status(sample_portfolio(), dt.date(2026, 11, 20)).expiring(90)
        >>> [(c.cluster_id, [e.valid_until.isoformat() for e in c.labels]) for c in soon.clusters]
        [('example-go', ['2026-11-30'])]
        """
        if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
            raise InvalidValueError(
                f"within_days must be a whole number of days, 0 or more, not {within_days!r}"
            )
        kept = []
        for cluster in self.clusters:
            labels = tuple(
                entry
                for entry in cluster.labels
                if entry.status is Status.VALID
                and (entry.valid_until - self.on).days <= within_days
            )
            if labels or keep_clusters:
                tiers = {entry.tier for entry in labels}
                disagreements = tuple(d for d in cluster.disagreements if d.tier in tiers)
                kept.append(attrs.evolve(cluster, labels=labels, disagreements=disagreements))
        return attrs.evolve(self, clusters=tuple(kept), expiring_within=within_days)

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per cluster and tier (a cluster without labels: one with empty
        label columns), dates as :class:`datetime.date`; the columns of ``status --format csv``."""
        return [record for cluster in self.clusters for record in cluster.to_records()]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day and rulebook are in ``frame.attrs``, not in columns."""
        return _status_frame(self)

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [("Status", self.to_records(), STATUS_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        reading = "retroactive" if self.retroactive else "as of the day"
        caption = f"Label status on {self.on.isoformat()}, {reading} (rulebook {self.rulebook})"
        return records_table(caption, self.to_records(), STATUS_COLUMNS[3:], max_rows)

    def to_dict(self) -> dict[str, Any]:
        """Return the ``status`` command's JSON document (docs: *Command line*)."""
        return {
            "on": self.on.isoformat(),
            "rulebook": self.rulebook,
            "editions": [
                {"id": edition, "effective_from": day.isoformat()} for edition, day in self.editions
            ],
            "retroactive": self.retroactive,
            **({} if self.expiring_within is None else {"expiring_within": self.expiring_within}),
            "clusters": [cluster.to_dict() for cluster in self.clusters],
        }


_label_status = trusted(LabelStatus)
_cluster_status = trusted(ClusterStatus)


def cluster_status(
    cluster: Cluster,
    on: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    retroactive: bool = False,
) -> ClusterStatus:
    """Return the status of each of ``cluster``'s labels on the day ``on``.

    As of ``on`` by default; with ``retroactive=True`` assessments after
    ``on`` count too, so a renewal inside the window makes the gap valid.
    Source: docs, *Validity and renewal*, Decision 4 (as-of by default is
    our decision).

    The GCE-Ocean-like example in the sample portfolio renewed its Gold label
    on 22 September 2021, after it had expired on 30 June 2021:

    >>> from cluster_excellence import GoldAudit
    >>> ocean = Cluster("ocean", "Example Ocean Cluster", [
    ...     GoldAudit(dt.date(2019, 6, 12), score=98.0),
    ...     GoldAudit(dt.date(2021, 9, 22), score=99.0),
    ... ])
    >>> cluster_status(ocean, dt.date(2021, 8, 1)).labels[0].status.value
    'expired_renewable'
    >>> cluster_status(ocean, dt.date(2021, 8, 1), retroactive=True).labels[0].status.value
    'valid'
    """
    on = as_day(on, "on")
    entries: list[LabelStatus] = []
    best: Tier | None = None
    for label in latest_labels(cluster.assessments, rulebook, on, retroactive=retroactive):
        status = label_status(label, on)
        entries.append(_label_status(label, on, status, label.renewable_until))
        if status is Status.VALID:
            best = label.tier
    if not cluster.stated_labels:
        return _cluster_status(
            cluster.id, cluster.name, on, rulebook.id, retroactive, tuple(entries), best, ()
        )
    entries.extend(_stated_entries(cluster, on, rulebook))
    entries.sort(key=lambda entry: entry.tier)
    valid = [entry.tier for entry in entries if entry.status is Status.VALID]
    return _cluster_status(
        cluster.id,
        cluster.name,
        on,
        rulebook.id,
        retroactive,
        tuple(entries),
        max(valid, default=None),
        stated_disagreements(cluster, rulebook),
    )


def _stated_entries(cluster: Cluster, on: dt.date, rulebook: Rulebook) -> list[LabelStatus]:
    """Per tier the assessments never award, the latest stated label known on ``on``."""
    awarded = {awarded_tier(a, rulebook.in_force_on(a.date)) for a in cluster.assessments}
    latest: dict[Tier, LabelStatus] = {}
    for stated in cluster.stated_labels:  # in order of their ends
        if stated.tier not in awarded:
            entry = stated_label_status(stated, on, rulebook)
            if entry is not None:
                latest[stated.tier] = entry
    return list(latest.values())


def highest_valid_tier(
    cluster: Cluster,
    on: dt.date,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    retroactive: bool = False,
) -> Tier | None:
    """Return the best tier whose label is valid on ``on``, or None (Decision 4).

    Tiers are independent records (Decision 6): a Gold label does not end a
    Bronze one, and the highest valid tier is simply the best valid one.

    >>> from cluster_excellence import GoldAudit
    >>> basque = Cluster("basque", "Basque Energy Cluster",
    ...                  [GoldAudit(dt.date(2017, 11, 17), score=84.0)])
    >>> highest_valid_tier(basque, dt.date(2018, 1, 1))
    Tier.GOLD
    >>> print(highest_valid_tier(basque, dt.date(2019, 12, 1)))
    None
    """
    return cluster_status(cluster, on, rulebook, retroactive=retroactive).highest_valid_tier


def portfolio_status(
    portfolio: Portfolio,
    on: DayLike,
    rulebook: Rulebook = DEFAULT_RULEBOOK,
    *,
    retroactive: bool = False,
) -> PortfolioStatus:
    """Return every cluster's status on ``on``, in portfolio order."""
    on = as_day(on, "on")
    results = [cluster_status(c, on, rulebook, retroactive=retroactive) for c in portfolio]
    editions = tuple((edition.id, edition.effective_from) for edition in rulebook.editions())
    return PortfolioStatus(on, rulebook.id, retroactive, tuple(results), editions)
