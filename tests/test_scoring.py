"""Scoring on hand-computed examples: percentiles, lights, Gold points, comparisons."""

from __future__ import annotations

import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Catalogue,
    Indicator,
    benchmarking_catalogue,
    gold_catalogue,
)
from cluster_excellence.model.assessments import Value
from cluster_excellence.model.catalogues import Area, Direction, Provenance, ValueKind
from cluster_excellence.model.rulebooks import ScoringRules, Unrecorded
from cluster_excellence.rules.comparison import compare_benchmarks
from cluster_excellence.rules.gold_points import gold_score
from cluster_excellence.rules.lights import (
    Light,
    LightRule,
    area_summaries,
    quality_light,
    quality_lights,
)
from cluster_excellence.rules.percentiles import percentile_rank

P = Provenance.ILLUSTRATIVE


def indicator(code: str, **options: object) -> Indicator:
    kind = options.pop("kind", ValueKind.COUNT)
    direction = options.pop("direction", Direction.HIGHER)
    return Indicator(code, code, "a", kind, direction, "test", P, **options)  # type: ignore[arg-type]


def catalogue(*indicators: Indicator, purpose: str = "gold") -> Catalogue:
    return Catalogue("t", "1", "test", purpose, [Area("a", "A", "test", P)], indicators)


def full_marks() -> dict[str, Value]:
    """Every indicator of the shipped Gold catalogue exactly at its threshold."""
    values: dict[str, Value] = {}
    for item in gold_catalogue().indicators:
        assert item.gold_threshold is not None
        values[item.code] = item.gold_threshold
    return values


class TestPercentileRank:
    """Method mean-rank: worse values plus half the ties, over the group present."""

    @pytest.mark.parametrize(
        ("value", "group", "direction", "rank"),
        [
            (30, [10, 20, 30, 40, 50], Direction.HIGHER, 50.0),
            (10, [10, 20, 30, 40, 50], Direction.HIGHER, 10.0),
            (50, [10, 20, 30, 40, 50], Direction.HIGHER, 90.0),
            (10, [10, 20, 30, 40, 50], Direction.LOWER, 90.0),
            (20, [20, 20, 20, 20, 20], Direction.HIGHER, 50.0),
            (25, [10, 20, 30, 40, 50, None, None], Direction.HIGHER, 40.0),
            (True, [True, False, False, False, False], Direction.HIGHER, 90.0),
        ],
    )
    def test_hand_computed(
        self, value: float, group: list[float | None], direction: Direction, rank: float
    ) -> None:
        assert percentile_rank(value, group, direction).rank == rank

    def test_small_groups_and_missing_values_have_no_rank(self) -> None:
        assert percentile_rank(3, [1, 2, 3, 4]).rank is None
        assert percentile_rank(3, [1, 2, 3, 4], min_group_size=4).rank == 62.5
        result = percentile_rank(None, [1, 2, 3, 4, 5])
        assert (result.rank, result.group_size, result.method) == (None, 5, "mean-rank")


class TestQualityLights:
    """Our default rule: minimum and Gold threshold, else quartiles of the group."""

    @pytest.mark.parametrize(
        ("value", "light"),
        [
            (14, Light.RED),
            (15, Light.YELLOW),
            (79, Light.YELLOW),
            (80, Light.GREEN),
            (200, Light.GREEN),
        ],
    )
    def test_minimum_and_threshold(self, value: int, light: Light) -> None:
        result = quality_light(indicator("x", gold_threshold=80, minimum=15), value)
        assert (result.light, result.basis, result.rule) == (
            light,
            "thresholds",
            "thresholds-then-quartiles",
        )

    @pytest.mark.parametrize(
        ("value", "light"),
        [(0.71, Light.RED), (0.7, Light.YELLOW), (0.51, Light.YELLOW), (0.5, Light.GREEN)],
    )
    def test_lower_is_better(self, value: float, light: Light) -> None:
        share = indicator(
            "x", kind=ValueKind.SHARE, direction=Direction.LOWER, gold_threshold=0.5, minimum=0.7
        )
        assert quality_light(share, value).light is light

    def test_only_a_minimum_or_only_a_threshold(self) -> None:
        assert quality_light(indicator("x", minimum=15), 14).light is Light.RED
        assert quality_light(indicator("x", minimum=15), 15).light is Light.GREEN
        assert quality_light(indicator("x", gold_threshold=3, points=1), 2).light is Light.YELLOW
        assert quality_light(indicator("x", gold_threshold=3, points=1), 3).light is Light.GREEN

    @pytest.mark.parametrize(
        ("value", "light"),
        [
            (1, Light.RED),
            (2, Light.RED),
            (3, Light.YELLOW),
            (6, Light.YELLOW),
            (7, Light.GREEN),
            (8, Light.GREEN),
        ],
    )
    def test_quartiles_without_thresholds(self, value: int, light: Light) -> None:
        group = [1, 2, 3, 4, 5, 6, 7, 8]
        result = quality_light(indicator("x"), value, group)
        assert (result.light, result.basis) == (light, "percentile")

    def test_undetermined(self) -> None:
        assert quality_light(indicator("x"), 3, [1, 2]).basis == "group too small"
        assert quality_light(indicator("x"), None, [1, 2, 3, 4, 5]).basis == "no value"
        assert quality_light(indicator("x"), 3, [1, 2]).light is None

    def test_the_rule_is_a_parameter(self) -> None:
        halves = LightRule(id="halves", lower_percentile=50, upper_percentile=50)
        result = quality_light(indicator("x"), 5, [1, 2, 3, 4, 5, 6, 7, 8], halves)
        assert (result.light, result.rule) == (Light.GREEN, "halves")

    def test_area_summaries(self) -> None:
        c = catalogue(
            indicator("x", gold_threshold=10, points=1),
            indicator("y", gold_threshold=10, points=1),
            indicator("z", gold_threshold=10, points=1),
            purpose="benchmarking",
        )
        lights = quality_lights({"x": 10, "y": 5}, c, [{"x": v, "y": v} for v in range(1, 11)])
        (area,) = area_summaries(lights, c)
        assert (area.red, area.yellow, area.green, area.undetermined) == (0, 1, 1, 1)
        assert area.median_percentile == (95.0 + 45.0) / 2


class TestGoldScore:
    """Published: at least 80 % of the points (2013: 120 of 150) and every minimum requirement."""

    def test_exactly_80_percent_passes_and_79_9_fails(self) -> None:
        c = catalogue(
            indicator("a", gold_threshold=1, points=800),
            indicator("b", gold_threshold=1, points=200),
        )
        passing = gold_score({"a": 1, "b": 0}, c)
        assert (passing.points, passing.max_points, passing.percent, passing.passed) == (
            800,
            1000,
            80.0,
            True,
        )
        c = catalogue(
            indicator("a", gold_threshold=1, points=799),
            indicator("b", gold_threshold=1, points=201),
        )
        failing = gold_score({"a": 1, "b": 0}, c)
        assert (failing.percent, failing.passed) == (79.9, False)

    def test_120_of_150_points_passes_and_119_fails(self) -> None:
        gold = gold_catalogue()
        values = full_marks()
        for code in ("G-REC-01", "G-REC-02", "G-REC-04", "G-FIN-04"):  # 4 points each
            values[code] = 0 if code != "G-FIN-04" else 1.0
        for code in ("G-SER-01", "G-SER-02", "G-SER-04"):  # 5 points each
            values[code] = 0
        result = gold_score(values, gold)
        assert (result.points, result.percent, result.passed) == (119, 119 / 150 * 100, False)
        values["G-SER-04"] = 3
        result = gold_score(values, gold)
        assert (result.points, result.percent, result.passed) == (124, 124 / 150 * 100, True)
        values = full_marks()
        for code in ("G-SER-01", "G-SER-02", "G-SER-03", "G-SER-04", "G-SER-05"):
            values[code] = 0  # 5 x 5 points
        values["G-SER-06"] = 1  # ordinal 1-5, threshold 4: 5 points more
        result = gold_score(values, gold)
        assert (result.points, result.percent, result.passed) == (120, 80.0, True)
        assert result.catalogue == "ecei-gold-reference@2026.1"
        assert result.rulebook == "ecei-2019"

    def test_a_missed_minimum_fails_at_any_score(self) -> None:
        gold = gold_catalogue()
        values = full_marks()
        values["G-STR-01"] = 14
        result = gold_score(values, gold)
        assert (result.percent > 95, result.minimums_met, result.missed_minimums, result.passed) == (
            True, False, ("G-STR-01",), False,
        )  # fmt: skip

    def test_missing_values_earn_nothing_and_leave_their_minimum_undetermined(self) -> None:
        gold = gold_catalogue()
        values = full_marks()
        del values["G-MAN-01"]
        result = gold_score(values, gold)
        assert result.missing == ("G-MAN-01",)
        assert (result.missed_minimums, result.undetermined_minimums) == ((), ("G-MAN-01",))
        assert (result.minimums_met, result.passed) == (None, None)
        assert [(p.code, p.points, p.earned) for p in result.lost] == [("G-MAN-01", 5, 0)]

    @pytest.mark.parametrize(
        ("reading", "minimums_met", "passed"),
        [(Unrecorded.MET, True, True), (Unrecorded.NOT_MET, False, False)],
    )
    def test_the_rulebook_says_what_a_missing_value_means(
        self, reading: Unrecorded, minimums_met: bool, passed: bool
    ) -> None:
        values = full_marks()
        del values["G-MAN-01"]
        rulebook = DEFAULT_RULEBOOK.variant(scoring=ScoringRules(missing_value=reading))
        result = gold_score(values, gold_catalogue(), rulebook)
        assert (result.minimums_met, result.passed) == (minimums_met, passed)
        assert result.rulebook == f"ecei-2019[scoring.missing_value={reading.value}]"

    def test_the_indicators_that_cost_points_come_most_points_first(self) -> None:
        c = catalogue(
            indicator("a", gold_threshold=1, points=2),
            indicator("b", gold_threshold=1, points=9),
            indicator("c", gold_threshold=1, points=2),
        )
        assert [p.code for p in gold_score({}, c).lost] == ["b", "a", "c"]

    def test_the_pass_score_is_the_rulebooks(self) -> None:
        c = catalogue(
            indicator("a", gold_threshold=1, points=85), indicator("b", gold_threshold=1, points=15)
        )
        assert gold_score({"a": 1}, c).passed
        assert not gold_score({"a": 1}, c, DEFAULT_RULEBOOK.variant(gold_pass_score=90.0)).passed


class TestComparison:
    def test_ranked_and_three_proposed(self) -> None:
        result = compare_benchmarks(
            {"B-SER-02": 4, "B-STR-03": 0.5, "B-FIN-03": 0.8, "B-MAN-06": 2, "B-ACH-01": 10},
            {"B-SER-02": 10, "B-STR-03": 0.6, "B-FIN-03": 0.6, "B-MAN-06": 4, "B-ACH-01": 5},
            benchmarking_catalogue(),
        )
        assert [(c.code, c.improvement) for c in result.changes] == [
            ("B-SER-02", 1.5),
            ("B-MAN-06", 0.5),
            ("B-FIN-03", pytest.approx(0.2)),
            ("B-STR-03", pytest.approx(0.1)),
            ("B-ACH-01", -0.5),
        ]
        assert [c.code for c in result.proposed_improvement_areas] == [
            "B-SER-02",
            "B-MAN-06",
            "B-FIN-03",
        ]

    def test_fewer_improvements_fewer_proposals(self) -> None:
        result = compare_benchmarks(
            {"B-SER-02": 4, "B-ACH-01": 10},
            {"B-SER-02": 5, "B-ACH-01": 10},
            benchmarking_catalogue(),
        )
        assert [c.code for c in result.proposed_improvement_areas] == ["B-SER-02"]
        assert compare_benchmarks({}, {"B-SER-02": 5}, benchmarking_catalogue()).changes == ()
