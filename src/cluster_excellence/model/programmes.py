"""Programmes: cluster programmes that require their clusters to hold a label tier.

National and regional programmes reuse the labels: Denmark's national
clusters must hold Gold, a Norwegian GCE cluster must hold Gold to stay one,
Germany's go-cluster asks for Silver unless a valid Gold is held (docs:
*Programmes*). A :class:`Programme` is data: the tiers that satisfy it,
whether a label in its renewal window still counts, an optional deadline by
which a cluster must hold one, and its sources. Three presets ship; an agency
writes its own as a programme file (``cluster-excellence.programme/1``).

>>> from cluster_excellence import Tier
>>> from cluster_excellence.model.programmes import PROGRAMMES
>>> PROGRAMMES["de-go-cluster"].tiers
(Tier.SILVER, Tier.GOLD)
>>> PROGRAMMES["no-gce"].counts(Tier.SILVER)
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from .._checks import are_texts, as_tuple, day_problem, is_bool, is_text, optional, validator
from .._text import show
from .tiers import Tier

__all__ = [
    "PROGRAMMES",
    "Programme",
    "programme_tiers_problem",
]


def programme_tiers_problem(value: Any) -> str | None:
    """What is wrong with the tiers of a programme, or None: at least one tier, each once."""
    if not isinstance(value, tuple) or not all(isinstance(t, Tier) for t in value):
        return f"must be tiers (bronze, silver, gold), not {show(value)}"
    if not value:
        return "must name at least one tier"
    if len(set(value)) != len(value):
        return "must name each tier once"
    return None


def _tiers(value: Iterable[Any]) -> Any:
    """Tiers in tier order (a tier's name is read as the tier)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        return value
    items = [
        Tier(item) if isinstance(item, str) and item in _TIER_NAMES else item for item in value
    ]
    if all(isinstance(item, Tier) for item in items):
        return tuple(sorted(items))
    return tuple(items)


_TIER_NAMES = frozenset(t.value for t in Tier)


@attrs.frozen
class Programme:
    """A cluster programme and the label tiers that satisfy it.

    >>> from cluster_excellence import Programme
    >>> silver_or_gold = Programme("go", "go-cluster", ["gold", "silver"])
    >>> silver_or_gold.tiers
    (Tier.SILVER, Tier.GOLD)
    >>> Programme("x", "X", [])
    Traceback (most recent call last):
    ...
    cluster_excellence.errors.InvalidValueError: tiers: must name at least one tier
    """

    #: Short identifier, e.g. ``"no-gce"``.
    id: str = attrs.field(validator=is_text)
    #: The programme's name.
    name: str = attrs.field(validator=is_text)
    #: The tiers whose labels satisfy the programme, in tier order.
    tiers: tuple[Tier, ...] = attrs.field(
        converter=_tiers, validator=validator(programme_tiers_problem)
    )
    #: Whether a label in its renewal window (expired, still renewable) counts.
    renewal_window_counts: bool = attrs.field(default=False, validator=is_bool)
    #: The day by which a cluster must hold a satisfying label, if the programme sets one;
    #: before it, a cluster without one is *due* rather than not compliant.
    become_by: dt.date | None = attrs.field(
        default=None, validator=validator(optional(day_problem))
    )
    #: Where the requirement comes from (URLs, or the docs page recording a decision).
    sources: tuple[str, ...] = attrs.field(default=(), converter=as_tuple, validator=are_texts)

    def counts(self, tier: Tier) -> bool:
        """Whether a label of ``tier`` satisfies the programme."""
        return tier in self.tiers


_DENMARK = "https://www.clusterexcellencedenmark.dk"
_NORWAY = "https://www.gceocean.no"
_GERMANY = "https://www.clusterplattform.de"
_PROGRAMMES_DOC = "cluster_excellence docs, Programmes"

#: The preset programmes by id (docs: *Programmes*). None sets a ``become_by`` day:
#: no source gives one.
PROGRAMMES: Mapping[str, Programme] = MappingProxyType(
    {
        programme.id: programme
        for programme in (
            Programme(
                "dk-innovationskraft",
                "Denmark: national clusters of the Innovationskraft programme (2021-2024)",
                (Tier.GOLD,),
                sources=(
                    f"{_DENMARK} (national clusters must be, or become, Gold)",
                    f"decision ({_PROGRAMMES_DOC}: only a valid label counts)",
                ),
            ),
            Programme(
                "no-gce",
                "Norway: Global Centres of Expertise (Norwegian Innovation Clusters)",
                (Tier.GOLD,),
                sources=(
                    f"{_NORWAY} (Gold is required to stay a GCE cluster; evaluated every "
                    "second year)",
                    f"decision ({_PROGRAMMES_DOC}: only a valid label counts)",
                ),
            ),
            Programme(
                "de-go-cluster",
                "Germany: go-cluster (Federal Ministry for Economic Affairs)",
                (Tier.SILVER, Tier.GOLD),
                sources=(
                    f"{_GERMANY} (the Silver process is mandatory since 2016 unless a valid "
                    "Gold label is held)",
                    f"decision ({_PROGRAMMES_DOC}: only a valid label counts)",
                ),
            ),
        )
    }
)
