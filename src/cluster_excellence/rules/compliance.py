"""Programme compliance: which clusters meet a programme's label requirement on a day.

A cluster complies with a :class:`~cluster_excellence.Programme` on a day
when one of its labels of a tier the programme accepts counts on that day:
a valid label, or, where the programme says so, a label in its renewal
window. The labels are read as of the day (Decision 4), each assessment by
the rulebook edition in force on its date. ``compliant_until`` is the last
day on which the labels known on the day keep the cluster compliant: the
latest end among the labels that count (docs: *Programmes*).

>>> from cluster_excellence import Cluster, GoldAudit, SilverAudit, get_programme
>>> ocean = Cluster("ocean", "Ocean", [GoldAudit(dt.date(2021, 9, 22), score=99.0)])
>>> result = compliance(ocean, get_programme("no-gce"), dt.date(2022, 1, 1))
>>> result.compliant, result.held_tier, result.compliant_until
(True, Tier.GOLD, datetime.date(2023, 9, 30))
>>> result.reasons
('Gold valid until 2023-09-30',)
>>> later = compliance(ocean, get_programme("no-gce"), dt.date(2023, 10, 1))
>>> later.compliant, later.standing
(False, 'not_compliant')
>>> for reason in later.reasons: print(reason)
Gold expired on 2023-09-30, renewable until 2024-09-30 (renewal window not counted)
needs a valid Gold label
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._checks import DayLike, as_day
from .._tabular import MAX_HTML_ROWS, Table, Tables, dataframe, records_table
from ..files.presets import DEFAULT_RULEBOOK
from ..model.clusters import Cluster, Portfolio
from ..model.programmes import Programme
from ..model.rulebooks import Rulebook
from ..model.tiers import Tier
from .labels import LabelStatus, Status
from .status import ClusterStatus, cluster_status

__all__ = [
    "COMPLIANCE_COLUMNS",
    "Compliance",
    "PortfolioCompliance",
    "compliance",
    "held_tier",
    "portfolio_compliance",
]

#: What a cluster's standing can be.
COMPLIANT, DUE, NOT_COMPLIANT = "compliant", "due", "not_compliant"

#: The columns of :meth:`PortfolioCompliance.to_records` and ``compliance --format csv``.
COMPLIANCE_COLUMNS = (
    "on",
    "programme",
    "rulebook",
    "cluster_id",
    "cluster_name",
    "compliant",
    "standing",
    "held_tier",
    "compliant_until",
    "become_by",
    "reasons",
)


@attrs.frozen
class Compliance:
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
    #: ``compliant``; ``due`` when not compliant but the programme's ``become_by`` day
    #: is still ahead (or today); else ``not_compliant``.
    standing: str
    #: The best tier whose label counts for the programme on the day, or None.
    held_tier: Tier | None
    #: The last day on which the labels known on the day keep the cluster compliant;
    #: None when it is not compliant.
    compliant_until: dt.date | None
    #: The programme's deadline, if it sets one.
    become_by: dt.date | None
    #: One line per label considered, and what is missing.
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """This cluster's entry in the ``compliance`` command's JSON document."""
        return {
            "id": self.cluster_id,
            "name": self.cluster_name,
            "compliant": self.compliant,
            "held_tier": None if self.held_tier is None else self.held_tier.value,
            "compliant_until": _iso(self.compliant_until),
            "standing": self.standing,
            "become_by": _iso(self.become_by),
            "reasons": list(self.reasons),
        }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@attrs.frozen
class PortfolioCompliance(Tables):
    """Every cluster's compliance with one programme on one day, in portfolio order."""

    on: dt.date
    programme: Programme
    rulebook: str
    clusters: tuple[Compliance, ...]

    def falling_out(self) -> tuple[Compliance, ...]:
        """The compliant clusters, the first to fall out first (then in portfolio order)."""
        compliant = [c for c in self.clusters if c.compliant_until is not None]
        return tuple(sorted(compliant, key=lambda c: c.compliant_until or dt.date.max))

    def to_dict(self) -> dict[str, Any]:
        """The ``compliance`` command's JSON document (docs: *Programmes*)."""
        programme = self.programme
        return {
            "on": self.on.isoformat(),
            "programme": {
                "id": programme.id,
                "name": programme.name,
                "tiers": [tier.value for tier in programme.tiers],
                "renewal_window_counts": programme.renewal_window_counts,
                "become_by": _iso(programme.become_by),
                "sources": list(programme.sources),
            },
            "rulebook": self.rulebook,
            "clusters": [entry.to_dict() for entry in self.clusters],
        }

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per cluster, dates as :class:`datetime.date`, the reasons joined
        with ``"; "``: the columns of ``compliance --format csv``."""
        return [
            {
                "on": self.on,
                "programme": self.programme.id,
                "rulebook": self.rulebook,
                "cluster_id": entry.cluster_id,
                "cluster_name": entry.cluster_name,
                "compliant": entry.compliant,
                "standing": entry.standing,
                "held_tier": None if entry.held_tier is None else entry.held_tier.value,
                "compliant_until": entry.compliant_until,
                "become_by": entry.become_by,
                "reasons": "; ".join(entry.reasons),
            }
            for entry in self.clusters
        ]

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra):
        the day and rulebook are in ``frame.attrs``, not in columns."""
        return dataframe(
            self.to_records(),
            COMPLIANCE_COLUMNS,
            attrs={"on": self.on, "programme": self.programme.id, "rulebook": self.rulebook},
        )

    def tables(self) -> list[Table]:
        """The result as one table (its XLSX sheet): title, records, columns."""
        return [("Compliance", self.to_records(), COMPLIANCE_COLUMNS)]

    def to_html(self, max_rows: int | None = MAX_HTML_ROWS) -> str:
        """An HTML table, as a notebook shows the result; over ``max_rows`` rows, the first
        and last rows around a gap, with the number of rows."""
        caption = (
            f"Compliance with {self.programme.name} on {self.on.isoformat()} "
            f"(rulebook {self.rulebook})"
        )
        return records_table(caption, self.to_records(), COMPLIANCE_COLUMNS[3:], max_rows)


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


def _describe(entry: LabelStatus) -> str:
    name = entry.tier.value.title()
    if entry.status is Status.VALID:
        return f"{name} valid until {entry.valid_until.isoformat()}"
    if entry.status is Status.EXPIRED_RENEWABLE:
        return (
            f"{name} expired on {entry.valid_until.isoformat()}, renewable until "
            f"{entry.renewable_until.isoformat()}"
        )
    return f"{name} lapsed after {entry.renewable_until.isoformat()}"


def _tiers(tiers: Iterable[Tier]) -> str:
    names = [tier.value.title() for tier in tiers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def compliance(
    cluster: Cluster, programme: Programme, on: DayLike, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> Compliance:
    """Whether ``cluster`` meets ``programme`` on ``on``, until when, and why.

    The labels are those of :func:`~cluster_excellence.cluster_status` as of
    ``on`` (stated labels too). A label counts when its tier is one of the
    programme's and it is valid, or in its renewal window where the programme
    counts that. ``compliant_until`` is the latest last day among the labels
    that count: every label that counts is held on ``on``, so the cluster is
    compliant on every day from ``on`` through it, on the labels known on
    ``on``. Source: the programme's sources; docs, *Programmes*.
    """
    on = as_day(on, "on")
    status = cluster_status(cluster, on, rulebook)
    counting = [entry for entry in status.labels if _counts_on(entry, programme)]
    reasons = []
    for entry in status.labels:
        if not programme.counts(entry.tier):
            if entry.status is Status.VALID:
                reasons.append(f"{_describe(entry)} (not accepted)")
        elif entry.status is Status.EXPIRED_RENEWABLE and not programme.renewal_window_counts:
            reasons.append(f"{_describe(entry)} (renewal window not counted)")
        else:
            reasons.append(_describe(entry))
    held = max((entry.tier for entry in counting), default=None)
    until = max((_end(entry, programme) for entry in counting), default=None)
    become_by = programme.become_by
    if counting:
        standing = COMPLIANT
    else:
        needed = f"needs a {'' if programme.renewal_window_counts else 'valid '}"
        reasons.append(f"{needed}{_tiers(programme.tiers)} label")
        if become_by is not None and on <= become_by:
            standing = DUE
            reasons.append(f"due by {become_by.isoformat()}")
        else:
            standing = NOT_COMPLIANT
    return Compliance(
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
    portfolio: Portfolio, programme: Programme, on: DayLike, rulebook: Rulebook = DEFAULT_RULEBOOK
) -> PortfolioCompliance:
    """Every cluster's :func:`compliance` with ``programme`` on ``on``, in portfolio order.

    >>> from cluster_excellence import get_programme, sample_portfolio
    >>> result = portfolio_compliance(
    ...     sample_portfolio(), get_programme("de-go-cluster"), dt.date(2026, 11, 20))
    >>> sum(entry.compliant for entry in result.clusters) > 0
    True
    """
    on = as_day(on, "on")
    entries = tuple(compliance(cluster, programme, on, rulebook) for cluster in portfolio)
    return PortfolioCompliance(on, programme, rulebook.id, entries)
