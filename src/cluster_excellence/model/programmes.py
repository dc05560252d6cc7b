"""Programmes: cluster programmes that require their clusters to hold a label tier.

National and regional programmes reuse the labels: Denmark's national
clusters must hold Gold, a Norwegian GCE cluster must hold Gold to stay one,
Germany's go-cluster asks for Silver unless a valid Gold is held (docs:
*Programmes*). A :class:`Programme` is data: the tiers that satisfy it,
whether a label in its renewal window still counts, an optional deadline by
which a cluster must hold one, and its sources. Three presets ship as
programme files (``cluster-excellence.programme/1``,
``cluster_excellence.files.presets``); an agency writes its own.

>>> from cluster_excellence import Tier, get_programme
>>> get_programme("de-go-cluster").tiers
(Tier.SILVER, Tier.GOLD)
>>> get_programme("no-gce").counts(Tier.SILVER)
False
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from .._checks import are_texts, as_tuple, day_problem, is_bool, is_text, optional, validator
from .._text import show
from .tiers import Tier

__all__ = [
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


@attrs.frozen(repr=False)
class Programme:
    """A cluster programme and the label tiers that satisfy it; its repr is its id.

    >>> from cluster_excellence import Programme
    >>> silver_or_gold = Programme("go", "go-cluster", ["gold", "silver"])
    >>> silver_or_gold, silver_or_gold.tiers
    (Programme('go'), (Tier.SILVER, Tier.GOLD))
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

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    def counts(self, tier: Tier) -> bool:
        """Whether a label of ``tier`` satisfies the programme."""
        return tier in self.tiers
