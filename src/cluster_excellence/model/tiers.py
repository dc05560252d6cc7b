"""The three label tiers, ordered Bronze < Silver < Gold, and what each tier is.

Each tier is awarded by one kind of assessment (a benchmarking awards Bronze,
a Silver audit Silver, a Gold audit Gold; Decision 5, docs: *Validity and
renewal*), and the next tier a cluster works towards is the one above its
best. Sources: https://www.cluster-analysis.org/benchmarked-clusters,
https://www.cluster-analysis.org/silver-label and
https://www.cluster-analysis.org/gold-label (ESCA).

>>> from cluster_excellence import Tier
>>> Tier.BRONZE < Tier.SILVER < Tier.GOLD
True
>>> max([Tier.SILVER, Tier.GOLD, Tier.BRONZE])
Tier.GOLD
>>> Tier("silver").motto
'Dedicated to Cluster Excellence'
>>> Tier.SILVER.kind, Tier.SILVER.next, Tier.GOLD.next
('silver_audit', Tier.GOLD, None)
>>> Tier.of_kind("benchmarking")
Tier.BRONZE
"""

from __future__ import annotations

import functools

from .._enums import ValueEnum
from .._words import N_

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
        return _MOTTOS[self]

    @property
    def kind(self) -> str:
        """The kind of assessment that awards the tier, as files name it."""
        return _KINDS[self]

    @property
    def next(self) -> Tier | None:
        """The tier above this one, None above Gold."""
        return _NEXT[self]

    @property
    def words(self) -> str:
        """The tier's name for people (in English; translated where it is shown)."""
        return _WORDS[self]

    @classmethod
    def of_kind(cls, kind: str) -> Tier:
        """The tier that the assessment ``kind`` (``"benchmarking"``, ...) awards."""
        return _OF_KIND[kind]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tier):
            return NotImplemented
        return _RANK[self] < _RANK[other]


_RANK = {Tier.BRONZE: 0, Tier.SILVER: 1, Tier.GOLD: 2}
_MOTTOS = {
    Tier.BRONZE: "Striving for Cluster Excellence",
    Tier.SILVER: "Dedicated to Cluster Excellence",
    Tier.GOLD: "Cluster Management Excellence",
}
_KINDS = {Tier.BRONZE: "benchmarking", Tier.SILVER: "silver_audit", Tier.GOLD: "gold_audit"}
_OF_KIND = {kind: tier for tier, kind in _KINDS.items()}
_NEXT = {Tier.BRONZE: Tier.SILVER, Tier.SILVER: Tier.GOLD, Tier.GOLD: None}
_WORDS = {Tier.BRONZE: N_("Bronze"), Tier.SILVER: N_("Silver"), Tier.GOLD: N_("Gold")}
