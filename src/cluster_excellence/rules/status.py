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
>>> from cluster_excellence import Benchmark, Cluster, cluster_status
>>> qoot = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
>>> result = cluster_status(qoot, dt.date(2021, 8, 1))
>>> [(s.tier.value, s.status.value) for s in result.labels]
[('bronze', 'expired_renewable')]
>>> print(result.highest_valid_tier)
None
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs

from .._checks import DayLike, as_day, failure
from .._layout import (
    BOOL,
    DAY,
    INT,
    MESSAGE,
    TEXT,
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
from .._words import Message
from ..files.presets import DEFAULT_RULEBOOK, rulebook_of
from ..model.clusters import Cluster, Portfolio, StatedLabel, portfolio_of
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .awards import awarded_tier
from .labels import (
    NO_LABEL,
    LabelStatus,
    Status,
    label_status,
    latest_labels,
    stated_label_status,
    term_ends,
)

__all__ = [
    "ClusterStatus",
    "PortfolioStatus",
    "StatedDisagreement",
    "cluster_status",
    "highest_valid_tier",
    "portfolio_status",
    "rulebook_line",
    "stated_disagreements",
]


@attrs.frozen
class StatedDisagreement:
    """A stated label whose end is none of the expiries the assessments give its tier."""

    stated: StatedLabel
    #: Of the expiries the assessments give the tier, the one nearest the stated end.
    implied_valid_until: dt.date

    @property
    def tier(self) -> Tier:
        """The tier of the stated label."""
        return self.stated.tier

    @property
    def message(self) -> Message:
        """What disagrees with what, for people."""
        if self.stated.source is None:
            return Message(
                "{tier}: stated valid until {stated}, the assessments give {implied}",
                tier=self.tier,
                stated=self.stated.valid_until,
                implied=self.implied_valid_until,
            )
        return Message(
            "{tier}: stated valid until {stated} ({source}), the assessments give {implied}",
            tier=self.tier,
            stated=self.stated.valid_until,
            source=self.stated.source,
            implied=self.implied_valid_until,
        )

    def __str__(self) -> str:
        return str(self.message)


def stated_disagreements(
    cluster: Cluster, rulebook: Rulebook | str = DEFAULT_RULEBOOK
) -> tuple[StatedDisagreement, ...]:
    """The cluster's stated labels that disagree with what its assessments imply.

    A stated label agrees when its end is one of the expiries that the
    assessments give its tier (:func:`~cluster_excellence.rules.labels.term_ends`:
    the first term's end or the end after any renewal), so a listing taken
    before a later renewal still agrees. A tier that the assessments never award
    is not compared: its stated label is all that is known (our decision). All
    assessments count, whatever the day.

    The Hemp Cluster's 2021 certificate says "valid until November 30th
    2024"; the default rulebook gives 2025-10-31, the ``assessment``
    extension base agrees with the certificate:

    >>> import datetime as dt
    >>> from cluster_excellence import DEFAULT_RULEBOOK, Benchmark, Cluster, StatedLabel, Tier
    >>> from cluster_excellence.model.rulebooks import ExtensionBase
    >>> from cluster_excellence.rules.status import stated_disagreements
    >>> hemp = Cluster("hemp-sk", "Hemp Cluster", [
    ...     Benchmark(dt.date(2017, 10, 1)), Benchmark(dt.date(2019, 11, 1)),
    ...     Benchmark(dt.date(2021, 11, 1))],
    ...     stated_labels=[StatedLabel(Tier.BRONZE, dt.date(2024, 11, 30), source="certificate")])
    >>> for disagreement in stated_disagreements(hemp):
    ...     print(disagreement)
    Bronze: stated valid until 2024-11-30 (certificate), the assessments give 2025-10-31
    >>> by_assessment = DEFAULT_RULEBOOK.variant(extension_base=ExtensionBase.ASSESSMENT)
    >>> stated_disagreements(hemp, by_assessment)
    ()
    """
    rulebook = rulebook_of(rulebook)
    found = []
    for stated in cluster.stated_labels:
        ends = term_ends(cluster.assessments, stated.tier, rulebook)
        if ends and stated.valid_until not in ends:
            nearest = min(
                ends, key=lambda end: (abs((end - stated.valid_until).days), -end.toordinal())
            )
            found.append(StatedDisagreement(stated, nearest))
    return tuple(found)


#: The JSON of a stated disagreement (the ``status`` and ``check`` documents).
DISAGREEMENT = Shape(
    "stated disagreement",
    Key("tier", words(Tier)),
    Key("stated_valid_until", DAY, lambda d: d.stated.valid_until),
    Key("implied_valid_until", DAY),
    Key("source", TEXT, lambda d: d.stated.source, nullable=True),
)
#: The JSON of a label's entry in a cluster's status.
LABEL_ENTRY = Shape(
    "label entry",
    Key("tier", words(Tier)),
    Key("status", words(Status)),
    Key("valid_from", DAY, nullable=True),
    Key("valid_until", DAY),
    Key("renewable_until", DAY),
    Key("basis", words(("assessments", "stated"), "basis")),
    Key("source", TEXT, nullable=True),
)
#: The JSON of a cluster's status: an entry of the ``clusters`` of the status document.
CLUSTER_ENTRY = Shape(
    "cluster status",
    Key("id", TEXT, "cluster_id"),
    Key("name", TEXT, "cluster_name"),
    Key("highest_valid_tier", words(Tier), nullable=True),
    Key("labels", listing(LABEL_ENTRY)),
    Key("disagreements", listing(DISAGREEMENT)),
)
_STATUS_ROW = words((*(status.value for status in Status), NO_LABEL), "status")
#: The columns of a status table (``status --format csv``, DataFrames).
STATUS_COLUMNS = (
    Column("on", DAY, "On"),
    Column("rulebook", TEXT, "Rulebook"),
    Column("retroactive", BOOL, "Retroactive"),
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("highest_valid_tier", words(Tier), "Highest valid tier"),
    Column("tier", words(Tier), "Tier"),
    Column("status", _STATUS_ROW, "Status"),
    Column("valid_from", DAY, "Valid from"),
    Column("valid_until", DAY, "Valid until"),
    Column("renewable_until", DAY, "Renewable until"),
    Column("basis", words(("assessments", "stated"), "basis"), "Basis"),
    Column("source", TEXT, "Source", wide=True),
    Column("disagreement", MESSAGE, "Disagreement", wide=True),
)


def _cluster_rows(status: ClusterStatus) -> Iterator[dict[str, Any]]:
    """One row per tier with a label (without labels: one row of its own), a stated
    disagreement in its tier's row (one text per tier)."""
    head = {
        "on": status.on,
        "rulebook": status.rulebook,
        "retroactive": status.retroactive,
        "cluster_id": status.cluster_id,
        "cluster_name": status.cluster_name,
        "highest_valid_tier": status.highest_valid_tier,
    }
    disagreements: dict[Tier, list[StatedDisagreement]] = {}
    for disagreement in status.disagreements:
        disagreements.setdefault(disagreement.tier, []).append(disagreement)
    if not status.labels and not disagreements:
        yield {**head, "status": NO_LABEL}
    for entry in status.labels:
        yield {
            **head,
            "tier": entry.tier,
            "status": entry.status,
            "valid_from": entry.valid_from,
            "valid_until": entry.valid_until,
            "renewable_until": entry.renewable_until,
            "basis": entry.basis,
            "source": entry.source,
            "disagreement": _joined(disagreements.pop(entry.tier, [])),
        }
    for tier, found in disagreements.items():  # a tier without an entry on the day
        yield {**head, "tier": tier, "status": NO_LABEL, "disagreement": _joined(found)}


def _joined(found: list[StatedDisagreement]) -> Message | None:
    if not found:
        return None
    if len(found) == 1:
        return found[0].message
    return Message("{first}; {rest}", first=found[0].message, rest=_joined(found[1:]))


def rulebook_line(rulebook: str, editions: tuple[tuple[str, dt.date], ...] = ()) -> Message:
    """``Rulebook: id``, and, when it has earlier editions, each with its first day, the
    newest first (a rulebook's id is its newest edition's)."""
    if len(editions) <= 1:
        return Message("Rulebook: {rulebook}", rulebook=rulebook)
    newest, *earlier = reversed(editions)
    before = tuple(
        Message("before it {edition} (from {day})", edition=edition, day=day)
        for edition, day in earlier
    )
    return Message(
        "Rulebook: {rulebook} (from {day}), {earlier}",
        rulebook=rulebook,
        day=newest[1],
        earlier=before,
    )


def _status_title(result: PortfolioStatus | ClusterStatus) -> list[Message]:
    within = getattr(result, "expiring_within", None)
    if within is not None:
        first = Message(
            "Labels valid on {on} that end within {days} days", on=result.on, days=within
        )
    elif result.retroactive:
        first = Message("Label status on {on}, every assessment counted", on=result.on)
    else:
        first = Message("Label status on {on}, as of the day", on=result.on)
    return [first, rulebook_line(result.rulebook, getattr(result, "editions", ()))]


def _status_notes(result: PortfolioStatus | ClusterStatus) -> list[Message]:
    notes = [Message("Renewable until: the last day on which an award renews a label seamlessly.")]
    clusters = result.clusters if isinstance(result, PortfolioStatus) else (result,)
    if any(entry.basis == "stated" for c in clusters for entry in c.labels):
        notes.append(
            Message(
                "A label without a valid from is known only by its stated end "
                "(e.g. from the label listing)."
            )
        )
    return notes


def _group_line(row: Mapping[str, Any]) -> Message:
    tier = row["highest_valid_tier"]
    if tier is None:
        return Message(
            "{cluster_id} ({cluster_name}): no valid label",
            cluster_id=row["cluster_id"],
            cluster_name=row["cluster_name"],
        )
    return Message(
        "{cluster_id} ({cluster_name}): highest valid tier {tier}",
        cluster_id=row["cluster_id"],
        cluster_name=row["cluster_name"],
        tier=tier,
    )


def _status_table(rows: Any) -> Table:
    return Table(
        "Status",
        STATUS_COLUMNS,
        rows,
        title=_status_title,
        empty=Message("No cluster holds a label that fits."),
        shown=(
            "cluster_id",
            "tier",
            "status",
            "valid_from",
            "valid_until",
            "renewable_until",
            "disagreement",
        ),
        attrs=("on", "rulebook", "retroactive"),
        group=("cluster_id", "cluster_name", "highest_valid_tier"),
        group_line=_group_line,
        notes=_status_notes,
    )


@attrs.frozen(repr=False)
class ClusterStatus(Result):
    """A cluster's labels on a day: one entry per tier that has a label by then."""

    cluster_id: str
    cluster_name: str
    on: dt.date
    #: The id of the rulebook that produced this result.
    rulebook: str
    #: True when assessments after ``on`` were counted (Decision 4).
    retroactive: bool
    #: Bronze, Silver, Gold order; tiers without a label are left out.
    labels: tuple[LabelStatus, ...]
    #: The best tier whose label is valid, or None.
    highest_valid_tier: Tier | None
    #: Stated labels that disagree with the assessments (:func:`stated_disagreements`).
    disagreements: tuple[StatedDisagreement, ...] = ()

    LAYOUT: ClassVar[Layout] = Layout([_status_table(_cluster_rows)], entry=CLUSTER_ENTRY)

    def label(self, tier: Tier) -> LabelStatus | None:
        """Return the entry for ``tier``, or None when the tier has no label."""
        for entry in self.labels:
            if entry.tier is tier:
                return entry
        return None


def _portfolio_rows(result: PortfolioStatus) -> Iterator[dict[str, Any]]:
    for cluster in result.clusters:
        yield from _cluster_rows(cluster)


#: The ``status --format json`` document (docs: *Command line*).
STATUS_DOCUMENT = Document(
    "cluster-excellence.status/1",
    Shape(
        "status",
        Key("on", DAY),
        Key("rulebook", TEXT),
        Key(
            "editions",
            listing(
                Shape(
                    "edition",
                    Key("id", TEXT, operator.itemgetter(0)),
                    Key("effective_from", DAY, operator.itemgetter(1)),
                )
            ),
        ),
        Key("retroactive", BOOL),
        Key("expiring_within", INT, omit=lambda value: value is None),
        Key("clusters", listing(CLUSTER_ENTRY)),
    ),
)


@attrs.frozen(repr=False)
class PortfolioStatus(Result):
    """Every cluster's status on one day, under one rulebook, in portfolio order."""

    on: dt.date
    rulebook: str
    retroactive: bool
    clusters: tuple[ClusterStatus, ...]
    #: The rulebook's editions, oldest first: (id, effective_from). Each assessment was
    #: judged by the one in force on its date.
    editions: tuple[tuple[str, dt.date], ...] = ()
    #: Set by :meth:`expiring`: only labels valid on the day that end within this many days.
    expiring_within: int | None = None

    LAYOUT: ClassVar[Layout] = Layout([_status_table(_portfolio_rows)], document=STATUS_DOCUMENT)

    def expiring(self, within_days: int, *, keep_clusters: bool = False) -> PortfolioStatus:
        """Only the label entries that are ``valid`` on the day and whose ``valid_until`` is
        at most ``within_days`` days after it (``status --expiring-within``).

        The filter on label entries is the command's; leaving out the clusters that keep
        no entry, and their stated disagreements about other tiers, is our decision
        (both: docs, *Watching a portfolio*): the result lists what expires, nothing else.
        With ``keep_clusters=True`` every cluster stays, with the entries it keeps.

        >>> import datetime as dt
        >>> from cluster_excellence import portfolio_status, sample_portfolio
        >>> soon = portfolio_status(sample_portfolio(), dt.date(2026, 11, 20)).expiring(90)
        >>> [(c.cluster_id, [e.valid_until.isoformat() for e in c.labels]) for c in soon.clusters]
        [('example-go', ['2026-11-30'])]
        """
        if type(within_days) is not int or within_days < 0:
            raise failure(
                "within_days", f"must be a whole number of days, 0 or more, not {within_days!r}"
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


def cluster_status(
    cluster: Cluster,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    retroactive: bool = False,
) -> ClusterStatus:
    """Return the status of each of ``cluster``'s labels on the day ``on``.

    As of ``on`` by default; with ``retroactive=True`` assessments after
    ``on`` count too, so a renewal inside the window makes the gap valid.
    Source: docs, *Validity and renewal*, Decision 4 (as-of by default is
    our decision). ``rulebook`` is a :class:`~cluster_excellence.Rulebook` or
    a preset's id.

    The GCE-Ocean-like example in the sample portfolio renewed its Gold label
    on 22 September 2021, after it had expired on 30 June 2021:

    >>> import datetime as dt
    >>> from cluster_excellence import Cluster, GoldAudit, cluster_status
    >>> ocean = Cluster("ocean", "Example Ocean Cluster", [
    ...     GoldAudit(dt.date(2019, 6, 12), score=98.0),
    ...     GoldAudit(dt.date(2021, 9, 22), score=99.0),
    ... ])
    >>> cluster_status(ocean, dt.date(2021, 8, 1)).labels[0].status.value
    'expired_renewable'
    >>> cluster_status(ocean, dt.date(2021, 8, 1), retroactive=True).labels[0].status.value
    'valid'
    """
    return _status(cluster, as_day(on, "on"), rulebook_of(rulebook), retroactive)


def _status(cluster: Cluster, on: dt.date, rulebook: Rulebook, retroactive: bool) -> ClusterStatus:
    """:func:`cluster_status` of checked arguments."""
    entries: list[LabelStatus] = []
    best: Tier | None = None
    for label in latest_labels(cluster.assessments, on, rulebook, retroactive=retroactive):
        status = label_status(label, on)
        entries.append(LabelStatus(label, on, status, label.renewable_until))
        if status is Status.VALID:
            best = label.tier
    if not cluster.stated_labels:
        return ClusterStatus(
            cluster.id, cluster.name, on, rulebook.id, retroactive, tuple(entries), best
        )
    entries.extend(_stated_entries(cluster, on, rulebook))
    entries.sort(key=lambda entry: entry.tier)
    valid = [entry.tier for entry in entries if entry.status is Status.VALID]
    return ClusterStatus(
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
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    retroactive: bool = False,
) -> Tier | None:
    """Return the best tier whose label is valid on ``on``, or None (Decision 4).

    Tiers are independent records (Decision 6): a Gold label does not end a
    Bronze one, and the highest valid tier is simply the best valid one.

    >>> import datetime as dt
    >>> from cluster_excellence import Cluster, GoldAudit
    >>> from cluster_excellence.rules.status import highest_valid_tier
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
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
    *,
    retroactive: bool = False,
) -> PortfolioStatus:
    """Return every cluster's status on ``on`` (:func:`cluster_status`), in portfolio order.

    >>> from cluster_excellence import portfolio_status, sample_portfolio
    >>> result = portfolio_status(sample_portfolio(), "2026-11-20")
    >>> result.to_dict()["clusters"][0]["labels"][0]["tier"]
    'bronze'
    """
    portfolio = portfolio_of(portfolio)
    day, book = as_day(on, "on"), rulebook_of(rulebook)
    if type(retroactive) is not bool:
        raise failure("retroactive", f"must be True or False, not {retroactive!r}")
    results = tuple(_status(cluster, day, book, retroactive) for cluster in portfolio)
    editions = tuple((edition.id, edition.effective_from) for edition in book.editions())
    return PortfolioStatus(day, book.id, retroactive, results, editions)
