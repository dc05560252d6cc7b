"""Percentile ranks: where a value stands in a reference group, and medians.

Benchmarking reports compare a cluster with a reference group
(https://www.cluster-analysis.org/benchmarked-clusters). The published
sources do not give the percentile method: ``mean-rank`` is our decision,
named in every result (docs: *Scoring*, "Percentile ranks").

>>> from cluster_excellence.rules.percentiles import median, percentile_rank
>>> percentile_rank(30, [10, 20, 30, 40, 50]).rank
50.0
>>> median([1e308, 1.7e308])
1.35e+308
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import attrs

from ..model.assessments import Value
from ..model.catalogues import Direction

__all__ = ["PERCENTILE_METHOD", "PercentileRank", "median", "percentile_rank"]


#: How percentile ranks are computed (our decision; see :func:`percentile_rank`).
PERCENTILE_METHOD = "mean-rank"


@attrs.frozen
class PercentileRank:
    """Where a value stands in a reference group, 0-100 (higher is better)."""

    value: Value | None
    #: None when the value is missing or the group is too small.
    rank: float | None
    #: How many values of the group were present (missing ones do not count).
    group_size: int
    method: str = PERCENTILE_METHOD


def number(value: Value) -> float:
    return float(value)  # yes counts as 1, no as 0


def percentile_rank(
    value: Value | None,
    reference: Iterable[Value | None],
    direction: Direction = Direction.HIGHER,
    *,
    min_group_size: int = 5,
) -> PercentileRank:
    """The percentile rank of ``value`` in ``reference``, better values ranking higher.

    Method ``mean-rank`` (our decision): the share of the group's values that
    are worse, counting ties as half, times 100. Missing values (None) are
    left out of the group; a missing ``value``, or a group of fewer than
    ``min_group_size`` values (our default: 5), has no rank. For
    lower-is-better indicators "worse" means higher.

    >>> from cluster_excellence.model.catalogues import Direction
    >>> from cluster_excellence.rules.percentiles import percentile_rank
    >>> percentile_rank(30, [10, 20, 30, 40, 50]).rank
    50.0
    >>> percentile_rank(30, [10, 20, 30, 40, 50], Direction.LOWER).rank
    50.0
    >>> percentile_rank(60, [10, 20, 30, 40, 50]).rank
    100.0
    >>> print(percentile_rank(60, [10, 20, None]).rank)
    None
    """
    return rank_in(value, sorted_group(reference), direction, min_group_size=min_group_size)


def sorted_group(reference: Iterable[Value | None]) -> list[float]:
    """The reference values as sorted numbers, missing ones left out (for :func:`rank_in`)."""
    return sorted(number(v) for v in reference if v is not None)


def rank_in(
    value: Value | None,
    group: Sequence[float],
    direction: Direction = Direction.HIGHER,
    *,
    min_group_size: int = 5,
) -> PercentileRank:
    """:func:`percentile_rank` in a group already made by :func:`sorted_group`.

    Two bisections instead of a pass over the group, for ranking many
    values in one large group (the regional scorecard).
    """
    if value is None or len(group) < min_group_size:
        return PercentileRank(value, None, len(group))
    return PercentileRank(value, mean_rank(number(value), group, direction), len(group))


def mean_rank(x: float, group: Sequence[float], direction: Direction) -> float:
    """Mean-rank percentile of ``x`` in the sorted, non-empty ``group``."""
    below = bisect.bisect_left(group, x)
    above = bisect.bisect_right(group, x)
    worse = below if direction is Direction.HIGHER else len(group) - above
    return 100.0 * (worse + 0.5 * (above - below)) / len(group)


def median(values: Sequence[float]) -> float | None:
    """The median of ``values`` (None for none); the mean of the middle two for an even
    count, computed so that it never overflows (two values near the largest float)."""
    if not values:
        return None
    ordered = sorted(float(v) for v in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    low, high = ordered[middle - 1], ordered[middle]
    return low + (high - low) / 2 if (low < 0) == (high < 0) else (low + high) / 2
