"""Scoring benchmarks: percentile ranks, quality lights, Gold points, comparisons.

Benchmarking reports compare a cluster with a reference group and show a
red, yellow or green *quality light* per indicator; Gold needs at least the
rulebook's pass score (80 %) of the catalogue's points and every minimum
requirement (domain brief, "The three tiers"). The published sources do not
give the colour rule or the percentile method: both are our decisions, named
in every result and made parameters here.

>>> from cluster_excellence import gold_catalogue
>>> catalogue = gold_catalogue()
>>> values = {i.code: i.gold_threshold for i in catalogue.indicators}
>>> result = gold_score(values, catalogue)
>>> result.points, result.max_points, result.percent, result.passed
(150, 150, 100.0, True)
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

import attrs

from ._enums import ValueEnum
from .assessments import Benchmarking, GoldAudit, Value
from .catalogue import Catalogue, Direction, Indicator, ValueKind, meets
from .portfolio import Cluster
from .rulebook import ECEI_2019, Rulebook

__all__ = [
    "DEFAULT_LIGHT_RULE",
    "AreaSummary",
    "ClusterGoldScore",
    "Comparison",
    "GoldScore",
    "GoldScores",
    "IndicatorChange",
    "IndicatorLight",
    "IndicatorPoints",
    "Light",
    "LightRule",
    "PercentileRank",
    "area_summaries",
    "compare_benchmarks",
    "gold_score",
    "gold_scores",
    "latest_gold_audit",
    "percentile_rank",
    "quality_light",
    "quality_lights",
]


M = TypeVar("M", Benchmarking, GoldAudit)


class Light(ValueEnum):
    """A quality light."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


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


def _number(value: Value) -> float:
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

    >>> percentile_rank(30, [10, 20, 30, 40, 50]).rank
    50.0
    >>> percentile_rank(30, [10, 20, 30, 40, 50], Direction.LOWER).rank
    50.0
    >>> percentile_rank(60, [10, 20, 30, 40, 50]).rank
    100.0
    >>> print(percentile_rank(60, [10, 20, None]).rank)
    None
    """
    return _rank_in(value, _sorted_group(reference), direction, min_group_size=min_group_size)


def _sorted_group(reference: Iterable[Value | None]) -> list[float]:
    """The reference values as sorted numbers, missing ones left out (for :func:`rank_in`)."""
    return sorted(_number(v) for v in reference if v is not None)


def _rank_in(
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
    return PercentileRank(value, _rank(_number(value), group, direction), len(group))


def _rank(x: float, group: Sequence[float], direction: Direction) -> float:
    """Mean-rank percentile of ``x`` in the sorted, non-empty ``group``."""
    below = bisect.bisect_left(group, x)
    above = bisect.bisect_right(group, x)
    worse = below if direction is Direction.HIGHER else len(group) - above
    return 100.0 * (worse + 0.5 * (above - below)) / len(group)


@attrs.frozen
class LightRule:
    """How quality lights are given (our decision; the published colour rule is unknown).

    With a minimum requirement or a Gold threshold: red below the minimum,
    yellow from the minimum up to the Gold threshold, green at or above it
    (only a minimum: green once it is met; only a threshold: yellow below
    it). Without either: by the percentile rank in the reference group, red
    below ``lower_percentile``, green at or above ``upper_percentile``,
    yellow between (the quartiles by default).
    """

    id: str = "thresholds-then-quartiles"
    lower_percentile: float = 25.0
    upper_percentile: float = 75.0
    min_group_size: int = 5


#: The default light rule.
DEFAULT_LIGHT_RULE = LightRule()


@attrs.frozen
class IndicatorLight:
    """The quality light of one indicator, and what it was based on."""

    code: str
    value: Value | None
    #: None when it cannot be given: no value, or no threshold and too small a group.
    light: Light | None
    #: ``"thresholds"``, ``"percentile"``, ``"no value"`` or ``"group too small"``.
    basis: str
    percentile: PercentileRank
    rule: str


def quality_light(
    indicator: Indicator,
    value: Value | None,
    reference: Iterable[Value | None] = (),
    rule: LightRule = DEFAULT_LIGHT_RULE,
) -> IndicatorLight:
    """The quality light of ``value`` for ``indicator`` under ``rule``.

    >>> from cluster_excellence import gold_catalogue
    >>> members = gold_catalogue().indicator("G-STR-01")  # minimum 15, threshold 80
    >>> [quality_light(members, v).light.value for v in (14, 15, 79, 80)]
    ['red', 'yellow', 'yellow', 'green']
    """
    group = _sorted_group(reference)
    rank = _rank_in(value, group, indicator.direction, min_group_size=rule.min_group_size)
    light, basis = _light(indicator, value, group, rule)
    return IndicatorLight(indicator.code, value, light, basis, rank, rule.id)


def _light(
    indicator: Indicator, value: Value | None, group: Sequence[float], rule: LightRule
) -> tuple[Light | None, str]:
    """The light of :func:`quality_light` and what it is based on, in a sorted group."""
    if value is None:
        return None, "no value"
    minimum, threshold = indicator.minimum, indicator.gold_threshold
    if minimum is not None or threshold is not None:
        if minimum is not None and not meets(value, minimum, indicator.direction):
            return Light.RED, "thresholds"
        if threshold is None or meets(value, threshold, indicator.direction):
            return Light.GREEN, "thresholds"
        return Light.YELLOW, "thresholds"
    if len(group) < rule.min_group_size:
        return None, "group too small"
    rank = _rank(_number(value), group, indicator.direction)
    if rank < rule.lower_percentile:
        return Light.RED, "percentile"
    if rank >= rule.upper_percentile:
        return Light.GREEN, "percentile"
    return Light.YELLOW, "percentile"


def quality_lights(
    values: Mapping[str, Value],
    catalogue: Catalogue,
    reference: Sequence[Mapping[str, Value]] = (),
    rule: LightRule = DEFAULT_LIGHT_RULE,
) -> tuple[IndicatorLight, ...]:
    """The light of every indicator of ``catalogue``, in catalogue order.

    ``reference`` holds the benchmarks of the reference group (their values
    by code); a benchmark without a value for an indicator does not count
    for it.
    """
    return tuple(
        quality_light(
            indicator,
            values.get(indicator.code),
            [benchmark.get(indicator.code) for benchmark in reference],
            rule,
        )
        for indicator in catalogue.indicators
    )


@attrs.frozen
class AreaSummary:
    """The lights of one area, and the median percentile rank of its indicators."""

    area: str
    name: str
    red: int
    yellow: int
    green: int
    #: Indicators without a light (no value, or too small a group).
    undetermined: int
    median_percentile: float | None


def area_summaries(
    lights: Iterable[IndicatorLight], catalogue: Catalogue
) -> tuple[AreaSummary, ...]:
    """Count the lights per area of ``catalogue``, in catalogue order.

    The median percentile is over the indicators of the area that have a
    rank (the median of an even count is the mean of the middle two).
    """
    by_code = {light.code: light for light in lights}
    summaries = []
    for area in catalogue.areas:
        in_area = [
            by_code[i.code]
            for i in catalogue.indicators
            if i.area == area.code and i.code in by_code
        ]
        counts = {colour: sum(1 for light in in_area if light.light is colour) for colour in Light}
        ranks = [light.percentile.rank for light in in_area if light.percentile.rank is not None]
        summaries.append(
            AreaSummary(
                area.code,
                area.name,
                counts[Light.RED],
                counts[Light.YELLOW],
                counts[Light.GREEN],
                sum(1 for light in in_area if light.light is None),
                statistics.median(ranks) if ranks else None,
            )
        )
    return tuple(summaries)


@attrs.frozen
class IndicatorPoints:
    """What one Gold indicator earned."""

    code: str
    value: Value | None
    threshold: Value
    points: int
    earned: int


@attrs.frozen
class GoldScore:
    """A Gold result: points, percentage, minimum requirements, pass or fail."""

    catalogue: str
    rulebook: str
    points: int
    max_points: int
    percent: float
    pass_score: float
    #: Every minimum requirement met (a missing value does not meet it).
    minimums_met: bool
    missed_minimums: tuple[str, ...]
    #: Indicators without a value: they earn nothing.
    missing: tuple[str, ...]
    #: The indicators that cost points, most points first.
    lost: tuple[IndicatorPoints, ...]
    passed: bool

    def to_dict(self) -> dict[str, Any]:
        """This result as plain JSON-ready data."""
        return {
            "catalogue": self.catalogue,
            "rulebook": self.rulebook,
            "points": self.points,
            "max_points": self.max_points,
            "percent": self.percent,
            "pass_score": self.pass_score,
            "passed": self.passed,
            "minimums_met": self.minimums_met,
            "missed_minimums": list(self.missed_minimums),
            "missing": list(self.missing),
            "lost": [
                {"code": p.code, "value": p.value, "threshold": p.threshold, "points": p.points}
                for p in self.lost
            ],
        }


def gold_score(
    values: Mapping[str, Value], catalogue: Catalogue, rulebook: Rulebook = ECEI_2019
) -> GoldScore:
    """Score ``values`` against the Gold thresholds and points of ``catalogue``.

    An indicator earns its points when its value meets its threshold. Gold
    is passed with at least ``rulebook.gold_pass_score`` percent of the
    catalogue's points and every minimum requirement met (published: 80 %,
    2013: 120 of 150 points; https://www.cluster-analysis.org/gold-label). A
    missing value earns nothing and does not meet a minimum (our decision).

    >>> from cluster_excellence import gold_catalogue
    >>> catalogue = gold_catalogue()
    >>> values = {i.code: i.gold_threshold for i in catalogue.indicators}
    >>> values["G-REC-01"] = values["G-REC-02"] = values["G-REC-04"] = 0  # 3 x 4 points
    >>> values["G-SER-01"] = values["G-SER-02"] = 0                      # 2 x 5 points
    >>> result = gold_score(values, catalogue)
    >>> result.points, result.percent, result.passed
    (128, 85.33333333333333, True)
    """
    earned_total = 0
    lost: list[IndicatorPoints] = []
    missed: list[str] = []
    missing: list[str] = []
    for indicator in catalogue.indicators:
        value = values.get(indicator.code)
        if value is None:
            missing.append(indicator.code)
        if indicator.minimum is not None and (
            value is None or not meets(value, indicator.minimum, indicator.direction)
        ):
            missed.append(indicator.code)
        if indicator.gold_threshold is None or indicator.points is None:
            continue
        earned = (
            indicator.points
            if value is not None and meets(value, indicator.gold_threshold, indicator.direction)
            else 0
        )
        earned_total += earned
        if earned < indicator.points:
            lost.append(
                IndicatorPoints(
                    indicator.code, value, indicator.gold_threshold, indicator.points, earned
                )
            )
    maximum = catalogue.max_points()
    percent = 100.0 * earned_total / maximum if maximum else 0.0
    lost.sort(key=lambda p: (-(p.points - p.earned), p.code))
    return GoldScore(
        catalogue=catalogue.label,
        rulebook=rulebook.id,
        points=earned_total,
        max_points=maximum,
        percent=percent,
        pass_score=rulebook.gold_pass_score,
        minimums_met=not missed,
        missed_minimums=tuple(missed),
        missing=tuple(missing),
        lost=tuple(lost),
        passed=maximum > 0 and percent >= rulebook.gold_pass_score and not missed,
    )


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
        change = _number(after) - _number(before)
        signed = change if indicator.direction is Direction.HIGHER else -change
        changes.append(
            IndicatorChange(
                indicator.code,
                indicator.name,
                indicator.area,
                before,
                after,
                change,
                signed / _spread(indicator, _number(before)),
            )
        )
    changes.sort(key=lambda c: (-(c.improvement or 0.0), c.code))
    proposed = tuple(c for c in changes if c.improvement is not None and c.improvement > 0)[:3]
    return Comparison(catalogue.label, tuple(changes), proposed)


def latest_measured(cluster: Cluster, kind: type[M], on: dt.date) -> M | None:
    """The cluster's latest assessment of ``kind`` on or before ``on`` with indicator values."""
    found = None
    for assessment in cluster.assessments:  # date order
        if assessment.date > on:
            break
        if isinstance(assessment, kind) and assessment.indicators:
            found = assessment
    return found


def latest_gold_audit(cluster: Cluster, on: dt.date) -> GoldAudit | None:
    """The cluster's latest Gold audit on or before ``on`` with indicator values."""
    return latest_measured(cluster, GoldAudit, on)


@attrs.frozen
class ClusterGoldScore:
    """A cluster's latest Gold audit with indicator values, scored; or neither."""

    cluster_id: str
    name: str
    audit: GoldAudit | None
    score: GoldScore | None


#: The columns of :meth:`GoldScores.to_records` and ``gold-score --format csv``.
GOLD_SCORE_COLUMNS = (
    "on", "catalogue", "rulebook", "cluster_id", "cluster_name", "audit_date",
    "recorded_score", "points", "max_points", "percent", "minimums_met",
    "missed_minimums", "passed",
)  # fmt: skip


@attrs.frozen
class GoldScores:
    """The Gold scores of a portfolio's clusters on a day, in portfolio order."""

    on: dt.date
    catalogue: str
    rulebook: str
    clusters: tuple[ClusterGoldScore, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """One flat record per cluster; without a scored audit, the result columns are None."""
        records = []
        for entry in self.clusters:
            score, audit = entry.score, entry.audit
            records.append(
                {
                    "on": self.on,
                    "catalogue": self.catalogue,
                    "rulebook": self.rulebook,
                    "cluster_id": entry.cluster_id,
                    "cluster_name": entry.name,
                    "audit_date": audit.date if audit else None,
                    "recorded_score": audit.score if audit else None,
                    "points": score.points if score else None,
                    "max_points": score.max_points if score else None,
                    "percent": score.percent if score else None,
                    "minimums_met": score.minimums_met if score else None,
                    "missed_minimums": " ".join(score.missed_minimums) if score else None,
                    "passed": score.passed if score else None,
                }
            )
        return records

    def _repr_html_(self) -> str:
        from ._html import records_table

        caption = f"Gold scores on {self.on.isoformat()} ({self.catalogue}, {self.rulebook})"
        return records_table(caption, self.to_records(), GOLD_SCORE_COLUMNS[3:])

    def to_dataframe(self) -> Any:
        """:meth:`to_records` as a ``pandas.DataFrame`` (needs the ``pandas`` extra)."""
        from ._frames import dataframe

        return dataframe(self.to_records(), GOLD_SCORE_COLUMNS)


def gold_scores(
    clusters: Iterable[Cluster],
    catalogue: Catalogue,
    on: dt.date,
    rulebook: Rulebook = ECEI_2019,
) -> GoldScores:
    """Score each cluster's latest Gold audit on or before ``on`` (see :func:`gold_score`)."""
    entries = []
    for cluster in clusters:
        audit = latest_gold_audit(cluster, on)
        score = gold_score(audit.indicators, catalogue, rulebook) if audit else None
        entries.append(ClusterGoldScore(cluster.id, cluster.name, audit, score))
    return GoldScores(on, catalogue.label, rulebook.id, tuple(entries))
