"""Comparing two benchmarks of a cluster, and the three Silver improvement areas it proposes.

A Silver applicant chooses three improvement areas after a second
benchmarking (https://www.cluster-analysis.org/silver-label); how to rank
the changes is our decision (docs: *Scoring*, "Comparing two benchmarks").
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..model.assessments import Value
from ..model.catalogues import Catalogue, Direction, Indicator, ValueKind
from .percentiles import number

__all__ = ["Comparison", "IndicatorChange", "compare_benchmarks"]


@attrs.frozen
class IndicatorChange:
    """How one indicator changed between two benchmarks of a cluster."""

    code: str
    name: str
    area: str
    before: Value | None
    after: Value | None
    #: ``after - before`` (yes counts as 1), None when either is missing.
    change: float | None
    #: The change on the indicator's own scale, signed so that better is
    #: positive: a share or yes/no by 1, an ordinal by its range, other
    #: values by the earlier value (at least 1).
    improvement: float | None


@attrs.frozen
class Comparison:
    """Two benchmarks of one cluster compared, indicator by indicator."""

    catalogue: str
    #: Every indicator with values in both, strongest improvement first.
    changes: tuple[IndicatorChange, ...]
    #: The three strongest improvements: the proposed Silver improvement areas.
    proposed_improvement_areas: tuple[IndicatorChange, ...]


def _spread(indicator: Indicator, before: float) -> float:
    if indicator.kind in (ValueKind.SHARE, ValueKind.YES_NO):
        return 1.0
    if indicator.kind is ValueKind.ORDINAL and indicator.scale is not None:
        return float(indicator.scale[1] - indicator.scale[0])
    return max(abs(before), 1.0)


def compare_benchmarks(
    earlier: Mapping[str, Value], later: Mapping[str, Value], catalogue: Catalogue
) -> Comparison:
    """Compare two benchmarks of a cluster and propose three improvement areas.

    Changes are ranked by their improvement relative to the indicator's scale
    (see :class:`IndicatorChange`; our decision, as the published Silver
    process leaves the choice to the cluster and the expert). The three
    strongest positive improvements are proposed as the Silver improvement
    areas; fewer when fewer indicators improved. Ties go by code.

    >>> from cluster_excellence import benchmarking_catalogue
    >>> from cluster_excellence.rules.comparison import compare_benchmarks
    >>> result = compare_benchmarks(
    ...     {"B-SER-02": 4, "B-STR-03": 0.5, "B-FIN-03": 0.8},
    ...     {"B-SER-02": 10, "B-STR-03": 0.6, "B-FIN-03": 0.6},
    ...     benchmarking_catalogue())
    >>> [(c.code, round(c.improvement, 2)) for c in result.changes]
    [('B-SER-02', 1.5), ('B-FIN-03', 0.2), ('B-STR-03', 0.1)]
    """
    changes = []
    for indicator in catalogue.indicators:
        before, after = earlier.get(indicator.code), later.get(indicator.code)
        if before is None or after is None:
            continue
        change = number(after) - number(before)
        signed = change if indicator.direction is Direction.HIGHER else -change
        changes.append(
            IndicatorChange(
                indicator.code,
                indicator.name,
                indicator.area,
                before,
                after,
                change,
                signed / _spread(indicator, number(before)),
            )
        )
    changes.sort(key=lambda c: (-(c.improvement or 0.0), c.code))
    proposed = tuple(c for c in changes if c.improvement is not None and c.improvement > 0)[:3]
    return Comparison(catalogue.label, tuple(changes), proposed)
