"""Programme compliance: which clusters meet a programme's label requirement on a day.

A cluster complies with a :class:`~cluster_excellence.Programme` on a day
when one of its labels of a tier the programme accepts counts on that day:
a valid label, or, where the programme says so, a label in its renewal
window. The labels are read as of the day (Decision 4), each assessment by
the rulebook edition in force on its date. ``compliant_until`` is the last
day on which the labels known on the day keep the cluster compliant: the
latest end among the labels that count (docs: *Programmes*).

>>> import datetime as dt
>>> from cluster_excellence import Cluster, GoldAudit, cluster_compliance
>>> ocean = Cluster("ocean", "Ocean", [GoldAudit(dt.date(2021, 9, 22), score=99.0)])
>>> result = cluster_compliance(ocean, "no-gce", dt.date(2022, 1, 1))
>>> result.compliant, result.held_tier, result.compliant_until
(True, Tier.GOLD, datetime.date(2023, 9, 30))
>>> [str(reason) for reason in result.reasons]
['Gold valid until 2023-09-30']
>>> later = cluster_compliance(ocean, "no-gce", dt.date(2023, 10, 1))
>>> later.compliant, later.standing
(False, Standing.NOT_COMPLIANT)
>>> for reason in later.reasons: print(reason)
Gold expired on 2023-09-30, renewable until 2024-09-30 (renewal window not counted)
needs a valid Gold label
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

import attrs

from .._checks import DayLike, as_day
from .._enums import ValueEnum
from .._layout import (
    BOOL,
    DAY,
    MESSAGE,
    TEXT,
    TEXTS,
    VALUES,
    Column,
    Document,
    Key,
    Kind,
    Layout,
    Shape,
    Table,
    listing,
    nested,
    words,
)
from .._results import Result
from .._words import N_, Message
from ..files.presets import DEFAULT_RULEBOOK, programme_name, programme_of, rulebook_of
from ..model.clusters import Cluster, Portfolio, portfolio_of
from ..model.programmes import Programme
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .labels import LabelStatus, Status
from .status import ClusterStatus, cluster_status

__all__ = [
    "ClusterCompliance",
    "PortfolioCompliance",
    "Reason",
    "Standing",
    "cluster_compliance",
    "held_tier",
    "portfolio_compliance",
]


class Standing(ValueEnum):
    """Where a cluster stands with a programme on a day."""

    #: A label that counts for the programme is held.
    COMPLIANT = "compliant"
    #: None is held, but the programme's ``become_by`` day is still ahead (or today).
    DUE = "due"
    #: None is held, and no deadline is ahead.
    NOT_COMPLIANT = "not_compliant"

    @property
    def words(self) -> str:
        """The standing for people (in English; translated where it is shown)."""
        return _STANDING_WORDS[self]


_STANDING_WORDS = {
    Standing.COMPLIANT: N_("compliant"),
    Standing.DUE: N_("due"),
    Standing.NOT_COMPLIANT: N_("not compliant"),
}


@attrs.frozen
class Reason:
    """Why a cluster stands where it does: a label considered, or what is missing."""

    #: Stable identifier, e.g. ``compliance.window_not_counted``.
    code: str
    message: Message

    def __str__(self) -> str:
        return str(self.message)


#: The JSON of a reason.
REASON = Shape(
    "reason",
    Key("code", TEXT),
    Key("message", MESSAGE),
    Key("values", VALUES, lambda reason: reason.message.values),
)
#: Reasons in a table's cell: their sentences joined with ``"; "``.
REASONS = Kind(
    "reasons",
    {"type": "array", "items": {"type": "string"}},
    list,
    "string",
    cell=lambda reasons: "; ".join(map(str, reasons)),
)


@attrs.frozen(repr=False)
class ClusterCompliance(Result):
    """Whether one cluster meets a programme on a day, until when, and why."""

    cluster_id: str
    cluster_name: str
    on: dt.date
    #: The programme's id.
    programme: str
    #: The id of the rulebook that read the labels.
    rulebook: str
    #: Whether a label that counts for the programme is held on the day.
    compliant: bool
    standing: Standing
    #: The best tier whose label counts for the programme on the day, or None.
    held_tier: Tier | None
    #: The last day on which the labels known on the day keep the cluster compliant;
    #: None when it is not compliant.
    compliant_until: dt.date | None
    #: The programme's deadline, if it sets one.
    become_by: dt.date | None
    #: One per label considered, and what is missing.
    reasons: tuple[Reason, ...]

    LAYOUT: ClassVar[Layout]


_ENTRY = Shape(
    "compliance entry",
    Key("id", TEXT, "cluster_id"),
    Key("name", TEXT, "cluster_name"),
    Key("compliant", BOOL),
    Key("held_tier", words(Tier), nullable=True),
    Key("compliant_until", DAY, nullable=True),
    Key("standing", words(Standing)),
    Key("become_by", DAY, nullable=True),
    Key("reasons", listing(REASON)),
)
_COLUMNS = (
    Column("on", DAY, "On"),
    Column("programme", TEXT, "Programme"),
    Column("rulebook", TEXT, "Rulebook"),
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("compliant", BOOL, "Compliant"),
    Column("standing", words(Standing), "Standing"),
    Column("held_tier", words(Tier), "Tier that counts"),
    Column("compliant_until", DAY, "Compliant until"),
    Column("become_by", DAY, "Due by"),
    Column("reasons", REASONS, "Why", wide=True),
)


def _rows(entries: Iterable[ClusterCompliance]) -> Iterator[dict[str, Any]]:
    for entry in entries:
        yield {
            "on": entry.on,
            "programme": entry.programme,
            "rulebook": entry.rulebook,
            "cluster_id": entry.cluster_id,
            "cluster_name": entry.cluster_name,
            "compliant": entry.compliant,
            "standing": entry.standing,
            "held_tier": entry.held_tier,
            "compliant_until": entry.compliant_until,
            "become_by": entry.become_by,
            "reasons": tuple(reason.message for reason in entry.reasons),
        }


def _needs(programme: Programme) -> Message:
    tiers = _either(programme.tiers)
    if programme.become_by is None:
        template = (
            "Needs: a {tiers} label"
            if programme.renewal_window_counts
            else "Needs: a valid {tiers} label"
        )
        return Message(template, tiers=tiers)
    template = (
        "Needs: a {tiers} label, held by {day}"
        if programme.renewal_window_counts
        else "Needs: a valid {tiers} label, held by {day}"
    )
    return Message(template, tiers=tiers, day=programme.become_by)


def _title(result: Any) -> list[Message]:
    programme: Programme | str = result.programme
    if isinstance(programme, str):
        return [
            Message("Compliance on {on} with {programme}", on=result.on, programme=programme),
            Message("Rulebook: {rulebook}", rulebook=result.rulebook),
        ]
    lines = [
        Message("Compliance on {on} with {programme}", on=result.on, programme=programme.id),
        Message("{name}", name=programme_name(programme)),
        _needs(programme),
    ]
    lines.append(Message("Rulebook: {rulebook}", rulebook=result.rulebook))
    return lines


def _notes(result: Any) -> list[Message]:
    falling = [e for e in getattr(result, "falling_out", tuple)()[:3] if e.compliant_until]
    if not falling:
        return []
    first = tuple(
        Message("{cluster_id} after {day}", cluster_id=e.cluster_id, day=e.compliant_until)
        for e in falling
    )
    return [Message("First to fall out: {clusters}", clusters=first)]


def _table(rows: Any) -> Table:
    return Table(
        "Compliance",
        _COLUMNS,
        rows,
        title=_title,
        empty=Message("No clusters."),
        shown=("cluster_id", "standing", "held_tier", "compliant_until", "reasons"),
        attrs=("on", "programme", "rulebook"),
        notes=_notes,
    )


ClusterCompliance.LAYOUT = Layout([_table(lambda entry: _rows([entry]))], entry=_ENTRY)

#: The JSON of a programme in the compliance document.
_PROGRAMME = Shape(
    "programme",
    Key("id", TEXT),
    Key("name", TEXT),
    Key("tiers", listing(words(Tier))),
    Key("renewal_window_counts", BOOL),
    Key("become_by", DAY, nullable=True),
    Key("sources", TEXTS),
)


@attrs.frozen(repr=False)
class PortfolioCompliance(Result):
    """Every cluster's compliance with one programme on one day, in portfolio order."""

    on: dt.date
    programme: Programme
    rulebook: str
    clusters: tuple[ClusterCompliance, ...]

    LAYOUT: ClassVar[Layout] = Layout(
        [_table(lambda result: _rows(result.clusters))],
        document=Document(
            "cluster-excellence.compliance/1",
            Shape(
                "compliance",
                Key("on", DAY),
                Key("programme", nested(_PROGRAMME)),
                Key("rulebook", TEXT),
                Key("clusters", listing(_ENTRY)),
            ),
        ),
    )

    def falling_out(self) -> tuple[ClusterCompliance, ...]:
        """The compliant clusters, the first to fall out first (then in portfolio order)."""
        compliant = [c for c in self.clusters if c.compliant_until is not None]
        return tuple(sorted(compliant, key=lambda c: c.compliant_until or dt.date.max))


def _end(entry: LabelStatus, programme: Programme) -> dt.date:
    """The last day ``entry``'s label counts for ``programme``."""
    return entry.renewable_until if programme.renewal_window_counts else entry.valid_until


def _counts_on(entry: LabelStatus, programme: Programme) -> bool:
    if not programme.counts(entry.tier):
        return False
    if entry.status is Status.VALID:
        return True
    return entry.status is Status.EXPIRED_RENEWABLE and programme.renewal_window_counts


def held_tier(status: ClusterStatus, programme: Programme) -> Tier | None:
    """The best tier among ``status``'s labels that counts for ``programme``: a tier the
    programme accepts whose label is valid, or in its renewal window where the programme
    counts that; None when none counts (docs: *Programmes*)."""
    return max((e.tier for e in status.labels if _counts_on(e, programme)), default=None)


def _describe(entry: LabelStatus) -> tuple[str, Message]:
    if entry.status is Status.VALID:
        message = Message("{tier} valid until {until}", tier=entry.tier, until=entry.valid_until)
        return "compliance.valid", message
    if entry.status is Status.EXPIRED_RENEWABLE:
        message = Message(
            "{tier} expired on {until}, renewable until {renewable}",
            tier=entry.tier,
            until=entry.valid_until,
            renewable=entry.renewable_until,
        )
        return "compliance.expired_renewable", message
    message = Message(
        "{tier} lapsed after {renewable}", tier=entry.tier, renewable=entry.renewable_until
    )
    return "compliance.lapsed", message


def _either(tiers: Sequence[Tier]) -> Message:
    """The tiers for people: ``Gold``, ``Silver or Gold``, ``Bronze, Silver or Gold``."""
    if len(tiers) == 1:
        return Message("{tier}", tier=tiers[0])
    if len(tiers) == 2:
        return Message("{first} or {last}", first=tiers[0], last=tiers[1])
    return Message("{first}, {second} or {last}", first=tiers[0], second=tiers[1], last=tiers[2])


def cluster_compliance(
    cluster: Cluster,
    programme: Programme | str,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
) -> ClusterCompliance:
    """Whether ``cluster`` meets ``programme`` (a programme or a preset's id) on ``on``,
    until when, and why.

    The labels are those of :func:`~cluster_excellence.cluster_status` as of
    ``on`` (stated labels too). A label counts when its tier is one of the
    programme's and it is valid, or in its renewal window where the programme
    counts that. ``compliant_until`` is the latest last day among the labels
    that count: every label that counts is held on ``on``, so the cluster is
    compliant on every day from ``on`` through it, on the labels known on
    ``on``. Source: the programme's sources; docs, *Programmes*.
    """
    return _compliance(cluster, programme_of(programme), as_day(on, "on"), rulebook_of(rulebook))


def _compliance(
    cluster: Cluster, programme: Programme, on: dt.date, rulebook: Rulebook
) -> ClusterCompliance:
    status = cluster_status(cluster, on, rulebook)
    counting = [entry for entry in status.labels if _counts_on(entry, programme)]
    reasons = []
    for entry in status.labels:
        code, described = _describe(entry)
        if not programme.counts(entry.tier):
            if entry.status is Status.VALID:
                message = Message("{label} (not accepted)", label=described)
                reasons.append(Reason("compliance.not_accepted", message))
        elif entry.status is Status.EXPIRED_RENEWABLE and not programme.renewal_window_counts:
            message = Message("{label} (renewal window not counted)", label=described)
            reasons.append(Reason("compliance.window_not_counted", message))
        else:
            reasons.append(Reason(code, described))
    held = max((entry.tier for entry in counting), default=None)
    until = max((_end(entry, programme) for entry in counting), default=None)
    become_by = programme.become_by
    if counting:
        standing = Standing.COMPLIANT
    else:
        template = (
            "needs a {tiers} label"
            if programme.renewal_window_counts
            else "needs a valid {tiers} label"
        )
        reasons.append(
            Reason("compliance.needs", Message(template, tiers=_either(programme.tiers)))
        )
        if become_by is not None and on <= become_by:
            standing = Standing.DUE
            reasons.append(Reason("compliance.due_by", Message("due by {day}", day=become_by)))
        else:
            standing = Standing.NOT_COMPLIANT
    return ClusterCompliance(
        cluster.id,
        cluster.name,
        on,
        programme.id,
        rulebook.id,
        bool(counting),
        standing,
        held,
        until,
        become_by,
        tuple(reasons),
    )


def portfolio_compliance(
    portfolio: Portfolio,
    programme: Programme | str,
    on: DayLike,
    rulebook: Rulebook | str = DEFAULT_RULEBOOK,
) -> PortfolioCompliance:
    """Every cluster's :func:`cluster_compliance` with ``programme`` (a programme or a
    preset's id) on ``on``, in portfolio order.

    >>> import datetime as dt
    >>> from cluster_excellence import portfolio_compliance, sample_portfolio
    >>> result = portfolio_compliance(sample_portfolio(), "de-go-cluster", dt.date(2026, 11, 20))
    >>> sum(entry.compliant for entry in result.clusters) > 0
    True
    """
    portfolio = portfolio_of(portfolio)
    chosen, day, book = programme_of(programme), as_day(on, "on"), rulebook_of(rulebook)
    entries = tuple(_compliance(cluster, chosen, day, book) for cluster in portfolio)
    return PortfolioCompliance(day, chosen, book.id, entries)
