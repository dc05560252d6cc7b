"""The regional cluster excellence scorecard.

Modelled on the Regional Cluster Excellence Scorecard piloted in Nordland,
which compared 7 regional clusters with 29 Danish and 28 Norwegian ones
(docs: *Scoring*, "The regional scorecard"). A *region* (a set of clusters)
is compared with one or more named reference groups: per indicator, the
region's median, each group's median, the share of the region's clusters at
or above each group's median, and the count of lights; per cluster, its row
of lights. Every number can be
traced: the result names the catalogue, the light rule, the reference the
lights are based on, and every group's size.

Each cluster counts with its latest benchmarking on or before the day that
carries indicator values (our decision: the latest benchmark is the one that
describes the cluster on that day).
"""

from __future__ import annotations

import bisect
import datetime as dt
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from .._checks import DayLike, as_day
from .._layout import (
    DAY,
    INT,
    NUMBER,
    TEXT,
    TEXTS,
    Column,
    Document,
    Key,
    Kind,
    Layout,
    Shape,
    Table,
    listing,
    nested,
)
from .._results import Result
from .._words import Message
from ..errors import InvalidValueError
from ..model.assessments import Benchmark, IndicatorValues, Value, raw_values
from ..model.catalogues import Catalogue, Direction, catalogue_of
from ..model.clusters import Cluster, Portfolio, portfolio_of
from .gold_points import latest_measured
from .lights import DEFAULT_LIGHT_RULE, Light, LightRule, light_of
from .percentiles import median, sorted_group

__all__ = [
    "GROUP_FIELDS",
    "GroupStatistic",
    "PortfolioScorecard",
    "ScorecardCluster",
    "ScorecardIndicator",
    "group_clusters",
    "latest_benchmark",
    "portfolio_scorecard",
]

#: The cluster fields reference groups can be formed by.
GROUP_FIELDS = ("country", "comparative_portfolio")


def latest_benchmark(cluster: Cluster, on: dt.date) -> Benchmark | None:
    """The cluster's latest benchmarking on or before ``on`` with indicator values."""
    return latest_measured(cluster, Benchmark, on)


def group_clusters(portfolio: Portfolio, field: str) -> dict[str, tuple[Cluster, ...]]:
    """The reference groups of :func:`portfolio_scorecard`: the portfolio's clusters by
    ``field`` (``"country"`` or ``"comparative_portfolio"``).

    Clusters without the field form the group ``"(no country)"`` (or
    ``"(no comparative_portfolio)"``). Groups come sorted by name.

    >>> from cluster_excellence import group_clusters, sample_portfolio
    >>> {name: len(group) for name, group in group_clusters(sample_portfolio("reference"),
    ...                                                     "country").items()}
    {'DE': 6, 'DK': 12, 'NO': 12, 'SE': 6}
    """
    portfolio = portfolio_of(portfolio)
    if field not in GROUP_FIELDS:
        raise InvalidValueError(
            f"field: groups are formed by {' or '.join(GROUP_FIELDS)}, not {field!r}"
        )
    groups: dict[str, list[Cluster]] = {}
    for cluster in portfolio:
        groups.setdefault(getattr(cluster, field) or f"(no {field})", []).append(cluster)
    return {name: tuple(groups[name]) for name in sorted(groups)}


@attrs.frozen
class GroupStatistic:
    """One reference group's figures for one indicator."""

    group: str
    #: Clusters of the group with a value for the indicator.
    size: int
    median: float | None
    #: Share (0-1) of the region's clusters with a value at or better than
    #: the group's median; None without a median or region values.
    region_at_or_above: float | None


@attrs.frozen
class ScorecardIndicator:
    """One indicator's row of the scorecard."""

    code: str
    name: str
    area: str
    #: Clusters of the region with a value for the indicator.
    region_size: int
    region_median: float | None
    groups: tuple[GroupStatistic, ...]
    red: int
    yellow: int
    green: int
    undetermined: int


@attrs.frozen
class ScorecardCluster:
    """One region cluster's row of lights, in catalogue order."""

    cluster_id: str
    cluster_name: str
    #: The day of the benchmark used, None when the cluster has none.
    benchmark_date: dt.date | None
    lights: tuple[Light | None, ...]


_LETTERS = {Light.RED: "r", Light.YELLOW: "y", Light.GREEN: "g", None: "."}
_COLUMNS = (
    Column("on", DAY, "On"),
    Column("catalogue", TEXT, "Catalogue"),
    Column("light_rule", TEXT, "Light rule"),
    Column("indicator", TEXT, "Indicator"),
    Column("name", TEXT, "Name", wide=True),
    Column("area", TEXT, "Area"),
    Column("region_size", INT, "Region"),
    Column("region_median", NUMBER, "Region", spec=".4g"),
    Column("group", TEXT, "Group"),
    Column("group_size", INT, "Group size"),
    Column("group_median", NUMBER, "Group median", spec=".4g"),
    Column("region_at_or_above", NUMBER, "At or above", spec=".0%"),
    Column("red", INT, "Red"),
    Column("yellow", INT, "Yellow"),
    Column("green", INT, "Green"),
    Column("undetermined", INT, "No light"),
)
_LIGHT_COLUMNS = (
    Column("cluster_id", TEXT, "Cluster"),
    Column("cluster_name", TEXT, "Name", wide=True),
    Column("benchmark_date", DAY, "Benchmark"),
    Column("lights", TEXT, "Lights (r red, y yellow, g green, . none)"),
)


def _rows(result: PortfolioScorecard) -> Any:
    """One row per indicator and reference group."""
    for row in result.indicators:
        for group in row.groups:
            yield {
                "on": result.on,
                "catalogue": result.catalogue,
                "light_rule": result.light_rule,
                "indicator": row.code,
                "name": row.name,
                "area": row.area,
                "region_size": row.region_size,
                "region_median": row.region_median,
                "group": group.group,
                "group_size": group.size,
                "group_median": group.median,
                "region_at_or_above": group.region_at_or_above,
                "red": row.red,
                "yellow": row.yellow,
                "green": row.green,
                "undetermined": row.undetermined,
            }


def _light_rows(result: PortfolioScorecard) -> Any:
    """One row per region cluster: its lights, in catalogue order, a letter each."""
    for cluster in result.clusters:
        yield {
            "cluster_id": cluster.cluster_id,
            "cluster_name": cluster.cluster_name,
            "benchmark_date": cluster.benchmark_date,
            "lights": "".join(_LETTERS[light] for light in cluster.lights),
        }


def _title(result: PortfolioScorecard) -> list[Message]:
    groups = tuple(
        Message("{group} ({size})", group=name, size=size) for name, size in result.groups
    )
    return [
        Message(
            "Regional scorecard on {on}: region of {size} clusters",
            on=result.on,
            size=result.region_size,
        ),
        Message("Reference groups: {groups}", groups=groups),
        Message(
            "Catalogue {catalogue}; lights: {rule}",
            catalogue=result.catalogue,
            rule=result.light_rule,
        ),
    ]


def _notes(result: PortfolioScorecard) -> list[Message]:
    return [
        Message(
            "Region: the region's median; at or above: the share of the region at or above "
            "the group's median; red, yellow, green: the region's lights."
        )
    ]


def _lights_title(result: PortfolioScorecard) -> list[Message]:
    return [Message("Quality lights of each cluster's latest benchmark on {on}", on=result.on)]


_STATISTIC = Shape(
    "group statistic",
    Key("group", TEXT),
    Key("size", INT),
    Key("median", NUMBER, nullable=True),
    Key("region_at_or_above", NUMBER, nullable=True),
)
_LIGHT_COUNTS = Shape(
    "light counts",
    Key("red", INT),
    Key("yellow", INT),
    Key("green", INT),
    Key("undetermined", INT),
)
_GROUP = Shape(
    "reference group",
    Key("name", TEXT, operator.itemgetter(0)),
    Key("size", INT, operator.itemgetter(1)),
)
_LIGHT_REFERENCE = Shape(
    "light reference",
    Key("groups", TEXTS, lambda result: [name for name, _ in result.groups]),
    Key("size", INT, "light_reference_size"),
)


def _lights_by_code(lights: Mapping[str, Light | None]) -> dict[str, str | None]:
    return {code: None if light is None else light.value for code, light in lights.items()}


#: A cluster's lights by indicator code (an object whose keys are the catalogue's codes).
_LIGHTS_BY_CODE = Kind(
    "lights by indicator",
    {
        "type": "object",
        "additionalProperties": {"enum": [*(light.value for light in Light), None]},
    },
    _lights_by_code,
)


def _of_cluster(name: str) -> Any:
    get = operator.attrgetter(name)
    return lambda entry: get(entry[1])


#: An entry of the document's ``clusters``: (the catalogue's codes, the cluster's row).
_CLUSTER = Shape(
    "scorecard cluster",
    Key("id", TEXT, _of_cluster("cluster_id")),
    Key("name", TEXT, _of_cluster("cluster_name")),
    Key("benchmark_date", DAY, _of_cluster("benchmark_date"), nullable=True),
    Key(
        "lights",
        _LIGHTS_BY_CODE,
        lambda entry: dict(zip(entry[0], entry[1].lights, strict=True)),
    ),
)


def _cluster_entries(result: PortfolioScorecard) -> list[tuple[tuple[str, ...], Any]]:
    return [(result.indicator_codes, row) for row in result.clusters]


_SCORECARD = Document(
    "cluster-excellence.scorecard/1",
    Shape(
        "scorecard",
        Key("on", DAY),
        Key("catalogue", TEXT),
        Key("light_rule", TEXT),
        Key("region_size", INT),
        Key("groups", listing(_GROUP)),
        Key("light_reference", nested(_LIGHT_REFERENCE), lambda result: result),
        Key(
            "indicators",
            listing(
                Shape(
                    "scorecard indicator",
                    Key("code", TEXT),
                    Key("name", TEXT),
                    Key("area", TEXT),
                    Key("region_size", INT),
                    Key("region_median", NUMBER, nullable=True),
                    Key("groups", listing(_STATISTIC)),
                    Key("lights", nested(_LIGHT_COUNTS), lambda row: row),
                )
            ),
        ),
        Key("clusters", listing(_CLUSTER), _cluster_entries),
    ),
)


@attrs.frozen(repr=False)
class PortfolioScorecard(Result):
    """A region compared with reference groups, indicator by indicator."""

    on: dt.date
    catalogue: str
    light_rule: str
    region_size: int
    #: (name, number of clusters with a benchmark) for every reference group.
    groups: tuple[tuple[str, int], ...]
    #: The lights of indicators without thresholds rank against all groups together.
    light_reference_size: int
    indicator_codes: tuple[str, ...]
    indicators: tuple[ScorecardIndicator, ...]
    clusters: tuple[ScorecardCluster, ...]

    LAYOUT: ClassVar[Layout] = Layout(
        [
            Table(
                "Scorecard",
                _COLUMNS,
                _rows,
                title=_title,
                empty=Message("The catalogue has no indicator."),
                shown=(
                    "indicator",
                    "region_median",
                    "group",
                    "group_median",
                    "region_at_or_above",
                    "red",
                    "yellow",
                    "green",
                ),
                attrs=("on", "catalogue", "light_rule"),
                notes=_notes,
            ),
            Table(
                "Lights",
                _LIGHT_COLUMNS,
                _light_rows,
                title=_lights_title,
                empty=Message("The region has no cluster."),
                shown=("cluster_id", "lights"),
            ),
        ],
        document=_SCORECARD,
    )


def _median(values: Sequence[Value]) -> float | None:
    return median([float(v) for v in values])


def portfolio_scorecard(
    region: Portfolio,
    groups: Mapping[str, Iterable[Cluster]],
    catalogue: Catalogue,
    on: DayLike,
    *,
    rule: LightRule = DEFAULT_LIGHT_RULE,
) -> PortfolioScorecard:
    """Compare the ``region``'s clusters with each reference group on the day ``on``.

    Lights follow ``rule``; for indicators without thresholds they rank each
    region cluster against the benchmarks of all groups together. Medians of
    yes/no indicators count yes as 1. Nothing depends on the order of
    clusters within the region or a group, except the order of the rows.
    """
    region = portfolio_of(region, "region")
    catalogue = catalogue_of(catalogue)
    on = as_day(on, "on")
    region_benchmarks: list[tuple[Cluster, IndicatorValues | None, dt.date | None]] = []
    for cluster in region:
        benchmark = latest_benchmark(cluster, on)
        region_benchmarks.append(
            (
                cluster,
                benchmark.indicators if benchmark else None,
                benchmark.date if benchmark else None,
            )
        )
    group_values: dict[str, list[IndicatorValues]] = {}
    for name, members in groups.items():
        found = [latest_benchmark(cluster, on) for cluster in members]
        group_values[name] = [b.indicators for b in found if b is not None]
    # The plain dicts behind the values: the loops below touch every value.
    region_dicts = [raw_values(values) if values else None for _, values, _ in region_benchmarks]
    group_dicts = {name: [raw_values(v) for v in found] for name, found in group_values.items()}
    reference = [values for dicts in group_dicts.values() for values in dicts]

    lights: list[list[Light | None]] = [[] for _ in region_benchmarks]
    rows = []
    for indicator in catalogue.indicators:
        code = indicator.code
        reference_values = sorted_group([values.get(code) for values in reference])
        region_values = [values[code] for values in region_dicts if values and code in values]
        region_sorted = sorted([float(v) for v in region_values])
        counts = dict.fromkeys(Light, 0)
        undetermined = 0
        for row_lights, values in zip(lights, region_dicts, strict=True):
            value = values.get(code) if values else None
            light = light_of(indicator, value, reference_values, rule)[0]
            row_lights.append(light)
            if light is None:
                undetermined += 1
            else:
                counts[light] += 1
        statistics_by_group = []
        for name, dicts in group_dicts.items():
            present = [values[code] for values in dicts if code in values]
            median = _median(present)
            at_or_above = None
            if median is not None and region_values:
                # Values at least as good as the median, by bisection (see ``meets``).
                if indicator.direction is Direction.HIGHER:
                    good = len(region_sorted) - bisect.bisect_left(region_sorted, median)
                else:
                    good = bisect.bisect_right(region_sorted, median)
                at_or_above = good / len(region_values)
            statistics_by_group.append(GroupStatistic(name, len(present), median, at_or_above))
        rows.append(
            ScorecardIndicator(
                code,
                indicator.name,
                indicator.area,
                len(region_values),
                _median(region_values),
                tuple(statistics_by_group),
                counts[Light.RED],
                counts[Light.YELLOW],
                counts[Light.GREEN],
                undetermined,
            )
        )
    return PortfolioScorecard(
        on=on,
        catalogue=catalogue.label,
        light_rule=rule.id,
        region_size=len(region_benchmarks),
        groups=tuple((name, len(values)) for name, values in group_values.items()),
        light_reference_size=len(reference),
        indicator_codes=tuple(i.code for i in catalogue.indicators),
        indicators=tuple(rows),
        clusters=tuple(
            ScorecardCluster(cluster.id, cluster.name, date, tuple(row_lights))
            for (cluster, _, date), row_lights in zip(region_benchmarks, lights, strict=True)
        ),
    )
