"""The three label tiers, ordered Bronze < Silver < Gold.

Sources: https://www.cluster-analysis.org/benchmarked-clusters,
https://www.cluster-analysis.org/silver-label and
https://www.cluster-analysis.org/gold-label (ESCA).

>>> Tier.BRONZE < Tier.SILVER < Tier.GOLD
True
>>> max([Tier.SILVER, Tier.GOLD, Tier.BRONZE])
Tier.GOLD
>>> Tier("silver").motto
'Dedicated to Cluster Excellence'
"""

from __future__ import annotations

import functools

from .._enums import ValueEnum

__all__ = ["Tier"]


@functools.total_ordering
class Tier(ValueEnum):
    """A label tier. Values are the lower-case names used in files and output."""

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"

    @property
    def rank(self) -> int:
        """0 for Bronze, 1 for Silver, 2 for Gold."""
        return _RANK[self]

    @property
    def motto(self) -> str:
        """The label's published motto."""
        return _TITLES[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tier):
            return NotImplemented
        return _RANK[self] < _RANK[other]


_RANK = {Tier.BRONZE: 0, Tier.SILVER: 1, Tier.GOLD: 2}
_TITLES = {
    Tier.BRONZE: "Striving for Cluster Excellence",
    Tier.SILVER: "Dedicated to Cluster Excellence",
    Tier.GOLD: "Cluster Management Excellence",
}
