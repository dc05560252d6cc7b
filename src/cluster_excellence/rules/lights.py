"""Quality lights: red, yellow or green per indicator, and their counts per area.

Benchmarking reports show a quality light per indicator
(https://www.cluster-analysis.org/benchmarked-clusters); the colour rule is
not published, so :class:`LightRule` is our decision, named in every result
(docs: *Scoring*, "Quality lights").

>>> from cluster_excellence import gold_catalogue
>>> from cluster_excellence.rules.lights import quality_light
>>> members = gold_catalogue().indicator("G-STR-01")  # minimum 15, threshold 80
>>> [quality_light(members, v).light.value for v in (14, 15, 79, 80)]
['red', 'yellow', 'yellow', 'green']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from .._enums import ValueEnum
from ..model.assessments import Value
from ..model.catalogues import Catalogue, Indicator, meets
from .percentiles import PercentileRank, mean_rank, median, number, rank_in, sorted_group

__all__ = [
    "DEFAULT_LIGHT_RULE",
    "AreaSummary",
    "IndicatorLight",
    "Light",
    "LightRule",
    "area_summaries",
    "light_of",
    "quality_light",
    "quality_lights",
]


class Light(ValueEnum):
    """A quality light."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


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
    >>> from cluster_excellence.rules.lights import quality_light
    >>> members = gold_catalogue().indicator("G-STR-01")  # minimum 15, threshold 80
    >>> [quality_light(members, v).light.value for v in (14, 15, 79, 80)]
    ['red', 'yellow', 'yellow', 'green']
    """
    group = sorted_group(reference)
    rank = rank_in(value, group, indicator.direction, min_group_size=rule.min_group_size)
    light, basis = light_of(indicator, value, group, rule)
    return IndicatorLight(indicator.code, value, light, basis, rank, rule.id)


def light_of(
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
    rank = mean_rank(number(value), group, indicator.direction)
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
                median(ranks),
            )
        )
    return tuple(summaries)
