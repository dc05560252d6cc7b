"""What each assessment awards (docs: Validity and renewal, Decision 5) and what a value accepts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from cluster_excellence import DEFAULT_RULEBOOK, Benchmark, GoldAudit, SilverAudit, Tier
from cluster_excellence.rules.awards import awarded_tier

D = dt.date(2020, 5, 4)


class TestAwards:
    def test_a_benchmarking_awards_bronze_unless_recorded_as_not_awarded(self) -> None:
        assert awarded_tier(Benchmark(D), DEFAULT_RULEBOOK) is Tier.BRONZE
        assert awarded_tier(Benchmark(D, awarded=False), DEFAULT_RULEBOOK) is None

    def test_a_silver_audit_awards_silver_when_passed(self) -> None:
        assert awarded_tier(SilverAudit(D, passed=True), DEFAULT_RULEBOOK) is Tier.SILVER
        assert awarded_tier(SilverAudit(D, passed=False), DEFAULT_RULEBOOK) is None

    @pytest.mark.parametrize(
        ("audit", "tier"),
        [
            (GoldAudit(D, score=80.0), Tier.GOLD),
            (GoldAudit(D, score=80), Tier.GOLD),
            (GoldAudit(D, score=79.9), None),
            (GoldAudit(D, score=120 / 150 * 100), Tier.GOLD),
            (GoldAudit(D, score=119 / 150 * 100), None),
            (GoldAudit(D, score=100.0, minimum_requirements_met=False), None),
            (GoldAudit(D, passed=True), Tier.GOLD),
            (GoldAudit(D, passed=False), None),
            (GoldAudit(D, passed=True, score=84.0), Tier.GOLD),
        ],
    )
    def test_a_gold_audit(self, audit: GoldAudit, tier: Tier | None) -> None:
        assert awarded_tier(audit, DEFAULT_RULEBOOK) is tier

    def test_the_pass_score_is_the_rulebooks(self) -> None:
        strict = DEFAULT_RULEBOOK.variant(gold_pass_score=85.0)
        assert awarded_tier(GoldAudit(D, score=84.0), strict) is None
        assert awarded_tier(GoldAudit(D, score=85.0), strict) is Tier.GOLD


class TestContradictions:
    """A recorded ``passed`` must agree with the score and the minimum requirements
    (https://www.cluster-analysis.org/gold-label: at least 80 % and every minimum)."""

    @pytest.mark.parametrize(
        ("record", "message"),
        [
            ({"passed": True, "score": 79.0}, "score 79 is below the pass score 80"),
            ({"passed": False, "score": 81.5}, "score 81.5 reaches the pass score 80"),
            (
                {"passed": True, "minimum_requirements_met": False},
                "passed is true but minimum_requirements_met is false",
            ),
            ({}, "needs passed or score"),
        ],
    )
    def test_are_refused_with_what_contradicts_what(
        self, record: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            GoldAudit(D, **record)

    @pytest.mark.parametrize(
        "record",
        [
            {"passed": True, "score": 80.0},
            {"passed": False, "score": 79.9},
            {"passed": False, "score": 95.0, "minimum_requirements_met": False},
            {"score": 10.0},
            {"passed": False},
        ],
    )
    def test_consistent_audits_are_accepted(self, record: dict[str, Any]) -> None:
        assert GoldAudit(D, **record).date == D

    def test_the_published_pass_score_judges_a_record_not_the_rulebooks(self) -> None:
        audit = GoldAudit(D, passed=True, score=82.0)
        strict = DEFAULT_RULEBOOK.variant(gold_pass_score=85.0)
        assert awarded_tier(audit, strict) is Tier.GOLD  # the recorded outcome decides
        assert awarded_tier(GoldAudit(D, score=82.0), strict) is None

    def test_an_integer_score_is_kept_as_a_float(self) -> None:
        audit = GoldAudit(D, score=84)
        assert type(audit.score) is float
        assert audit == GoldAudit(D, score=84.0)


class TestValues:
    def test_a_datetime_is_not_a_day(self) -> None:
        with pytest.raises(
            ValueError, match=r"date: must be a day \(datetime\.date\), not a datetime"
        ):
            Benchmark(dt.datetime(2019, 7, 25, 10, 30))

    def test_a_string_is_not_a_day(self) -> None:
        with pytest.raises(ValueError, match='not "2019-07-25"'):
            SilverAudit("2019-07-25", passed=True)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [1, 0, "yes", None])
    def test_flags_are_true_or_false(self, value: object) -> None:
        with pytest.raises(TypeError, match="passed: must be True or False"):
            SilverAudit(D, passed=value)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("score", "message"),
        [
            (-0.1, "-0.1 is outside 0-100"),
            (100.1, "100.1 is outside 0-100"),
            (float("nan"), "nan is not a finite number"),
            (float("inf"), "inf is not a finite number"),
            (True, "must be a number from 0 to 100, not true"),
            (10**400, "an integer of 401 digits is too large for a number"),
        ],
    )
    def test_a_score_is_a_percentage(self, score: float, message: str) -> None:
        with pytest.raises(ValueError, match=f"score: {re.escape(message)}"):
            GoldAudit(D, score=score)

    def test_values_are_equal_by_content_and_hashable(self) -> None:
        assert Benchmark(D) == Benchmark(D, awarded=True)
        assert len({Benchmark(D), Benchmark(D), SilverAudit(D, passed=True)}) == 2

    def test_kinds_and_tiers(self) -> None:
        assert [Benchmark.kind, SilverAudit.kind, GoldAudit.kind] == [
            "benchmarking",
            "silver_audit",
            "gold_audit",
        ]
        assert [Benchmark.tier, SilverAudit.tier, GoldAudit.tier] == [
            Tier.BRONZE,
            Tier.SILVER,
            Tier.GOLD,
        ]


def test_tiers_are_ordered_and_have_their_mottos() -> None:
    assert Tier.BRONZE < Tier.SILVER < Tier.GOLD
    assert sorted([Tier.GOLD, Tier.BRONZE, Tier.SILVER]) == [Tier.BRONZE, Tier.SILVER, Tier.GOLD]
    assert Tier.GOLD.motto == "Cluster Management Excellence"
    assert repr(Tier.GOLD) == "Tier.GOLD"
    assert str(Tier.GOLD) == "gold"
