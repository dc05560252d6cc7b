"""Properties of scoring: monotone in better values, order-free, three colours."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import (
    Benchmark,
    Catalogue,
    Cluster,
    Indicator,
    Portfolio,
    benchmarking_catalogue,
    gold_catalogue,
    portfolio_scorecard,
    portfolio_to_json,
)
from cluster_excellence.files.catalogue import CATALOGUE_FILES
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.model.catalogues import Direction, meets
from cluster_excellence.rules.gold_points import gold_score
from cluster_excellence.rules.lights import Light, quality_light
from cluster_excellence.rules.percentiles import percentile_rank

GOLD = gold_catalogue()
BENCHMARKING = benchmarking_catalogue()
LIGHT_ORDER = {None: -1, Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2}
numbers = st.floats(min_value=0, max_value=1000, allow_nan=False)
groups = st.lists(st.one_of(st.none(), numbers), max_size=30)
directions = st.sampled_from(list(Direction))


def _better(a: float, b: float, direction: Direction) -> tuple[float, float]:
    """(worse, better) of two values under ``direction``."""
    low, high = sorted((a, b))
    return (low, high) if direction is Direction.HIGHER else (high, low)


class TestMonotone:
    """A better value never gets a lower percentile, a worse light or a lower Gold score."""

    @given(numbers, numbers, groups, directions)
    def test_percentile(
        self, a: float, b: float, group: list[float | None], direction: Direction
    ) -> None:
        worse, better = _better(a, b, direction)
        low = percentile_rank(worse, group, direction).rank
        high = percentile_rank(better, group, direction).rank
        assert (low is None) == (high is None)
        if low is not None and high is not None:
            assert high >= low

    @given(st.sampled_from([*GOLD.indicators, *BENCHMARKING.indicators]), st.data())
    def test_light(self, indicator: Indicator, data: st.DataObject) -> None:
        values = st.just(None) | _values(indicator)
        a, b = data.draw(_values(indicator)), data.draw(_values(indicator))
        worse, better = (a, b) if meets(b, a, indicator.direction) else (b, a)
        group = data.draw(st.lists(values, max_size=20))
        low = quality_light(indicator, worse, group).light
        high = quality_light(indicator, better, group).light
        assert LIGHT_ORDER[high] >= LIGHT_ORDER[low]
        # A light is one of the three colours whenever the rule can decide.
        decidable = indicator.minimum is not None or indicator.gold_threshold is not None
        if decidable or sum(v is not None for v in group) >= 5:
            assert low in (Light.RED, Light.YELLOW, Light.GREEN)

    @given(st.data())
    def test_gold_score(self, data: st.DataObject) -> None:
        values = data.draw(_benchmark(GOLD))
        code = data.draw(st.sampled_from([i.code for i in GOLD.indicators]))
        indicator = GOLD.indicator(code)
        improved = dict(values)
        new = data.draw(_values(indicator))
        if code in values and not meets(new, values[code], indicator.direction):
            return
        improved[code] = new
        before, after = gold_score(values, GOLD), gold_score(improved, GOLD)
        assert after.points >= before.points
        assert after.percent >= before.percent

    @given(st.data())
    def test_meeting_a_minimum_never_turns_a_pass_into_a_fail(self, data: st.DataObject) -> None:
        values = data.draw(_benchmark(GOLD))
        with_minimum = [i for i in GOLD.indicators if i.minimum is not None]
        indicator = data.draw(st.sampled_from(with_minimum))
        minimum = indicator.minimum
        assert minimum is not None
        raised = dict(values)
        current = values.get(indicator.code)
        if current is None or not meets(current, minimum, indicator.direction):
            raised[indicator.code] = minimum
        if gold_score(values, GOLD).passed:
            assert gold_score(raised, GOLD).passed


class TestOrder:
    """Results do not depend on the order of clusters or benchmarks."""

    @given(st.lists(st.one_of(st.none(), numbers), max_size=20), numbers, st.randoms())
    def test_percentile(self, group: list[float | None], value: float, rnd: random.Random) -> None:
        shuffled = list(group)
        rnd.shuffle(shuffled)
        assert percentile_rank(value, group).rank == percentile_rank(value, shuffled).rank

    @given(st.data(), st.randoms())
    def test_scorecard(self, data: st.DataObject, rnd: random.Random) -> None:
        region = data.draw(st.lists(_cluster("r"), max_size=6, unique_by=lambda c: c.id))
        reference = data.draw(st.lists(_cluster("f"), max_size=8, unique_by=lambda c: c.id))
        day = dt.date(2030, 1, 1)
        first = portfolio_scorecard(Portfolio(region), {"all": reference}, BENCHMARKING, day)
        rnd.shuffle(region)
        rnd.shuffle(reference)
        second = portfolio_scorecard(Portfolio(region), {"all": reference}, BENCHMARKING, day)
        assert first.indicators == second.indicators
        assert {c.cluster_id: c for c in first.clusters} == {
            c.cluster_id: c for c in second.clusters
        }


class TestRoundTrip:
    @given(st.sampled_from([GOLD, BENCHMARKING]), st.randoms())
    def test_catalogues_are_lossless_and_stable(
        self, catalogue: Catalogue, rnd: random.Random
    ) -> None:
        indicators = list(catalogue.indicators)
        rnd.shuffle(indicators)
        shuffled = Catalogue(
            catalogue.id,
            catalogue.version,
            catalogue.title,
            catalogue.purpose,
            catalogue.areas,
            indicators,
        )
        text = CATALOGUE_FILES.to_json(shuffled)
        assert CATALOGUE_FILES.parse(text) == shuffled
        assert CATALOGUE_FILES.to_json(CATALOGUE_FILES.parse(text)) == text


def _values(indicator: Indicator) -> st.SearchStrategy[Any]:
    kind = indicator.kind.value
    if kind == "yes_no":
        return st.booleans()
    if kind == "share":
        return st.floats(min_value=0, max_value=1)
    if kind == "ordinal":
        assert indicator.scale is not None
        return st.integers(*indicator.scale)
    if kind == "count":
        return st.integers(min_value=0, max_value=300)
    return st.floats(min_value=0, max_value=1e6)


def _benchmark(catalogue: Catalogue) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={i.code: _values(i) for i in catalogue.indicators},
    )


def _cluster(prefix: str) -> st.SearchStrategy[Cluster]:
    return st.builds(
        lambda n, values: Cluster(
            f"{prefix}{n}", f"{prefix}{n}", [Benchmark(dt.date(2024, 1, 1), indicators=values)]
        ),
        st.integers(0, 50),
        _benchmark(BENCHMARKING),
    )


@given(st.lists(_cluster("c"), max_size=5, unique_by=lambda c: c.id))
def test_benchmarks_round_trip_through_the_portfolio_format(clusters: list[Cluster]) -> None:
    """Indicator values survive ``portfolio_to_json`` and the strict reader unchanged."""
    portfolio = Portfolio(clusters)
    text = portfolio_to_json(portfolio)
    assert PORTFOLIO_FILES.against([BENCHMARKING, GOLD]).parse(text) == portfolio
    assert portfolio_to_json(PORTFOLIO_FILES.parse(text)) == text
