"""Silver and Gold decisions, the Gold baseline, and the eligibility command."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

from cluster_excellence import (
    Benchmarking,
    Cluster,
    GoldAudit,
    ImprovementArea,
    Organisation,
    Outcome,
    SilverAudit,
    Value,
    gold_baseline,
    gold_catalogue,
    gold_eligibility,
    silver_eligibility,
)
from cluster_excellence.cli import main

from .examples import PROFILE

D = dt.date
AREAS = tuple(
    ImprovementArea((f"G-SER-0{n}",), description="d", effect="e", validated=True)
    for n in (1, 2, 3)
)


def at_thresholds() -> dict[str, Value]:
    values: dict[str, Value] = {}
    for indicator in gold_catalogue().indicators:
        assert indicator.gold_threshold is not None
        values[indicator.code] = indicator.gold_threshold
    return values


def silver_cluster(first: dt.date, second: dt.date, **audit: Any) -> Cluster:
    fields: dict[str, Any] = {"improvement_areas": AREAS, "minimum_requirements_met": True, **audit}
    return Cluster(
        "s", "S",
        [Benchmarking(first), Benchmarking(second), SilverAudit(second + dt.timedelta(days=60), passed=True, **fields)],
        organisation=PROFILE,
    )  # fmt: skip


def result(decision: Any, code: str) -> tuple[bool | None, str]:
    (found,) = [f for f in decision.findings if f.code == code]
    return found.met, found.message


class TestSilver:
    @pytest.mark.parametrize(
        ("second", "met"),
        [
            (D(2021, 7, 14), False),  # 18 months less a day
            (D(2021, 7, 15), True),  # 18 months to the day
            (D(2022, 1, 15), True),  # 24 months to the day
            (D(2022, 1, 16), False),  # 24 months and a day
        ],
    )
    def test_the_interval_is_18_to_24_months_inclusive(self, second: dt.date, met: bool) -> None:
        decision = silver_eligibility(silver_cluster(D(2020, 1, 15), second), D(2023, 1, 1))
        assert result(decision, "silver.benchmarking_interval")[0] is met
        assert decision.outcome is (Outcome.ELIGIBLE if met else Outcome.NOT_ELIGIBLE)

    def test_the_interval_clamps_at_month_ends(self) -> None:
        decision = silver_eligibility(silver_cluster(D(2020, 8, 31), D(2022, 2, 28)), D(2023, 1, 1))
        assert result(decision, "silver.benchmarking_interval")[0] is True  # 2020-08-31 + 18 months

    def test_29_months_is_too_late(self) -> None:
        decision = silver_eligibility(silver_cluster(D(2019, 1, 10), D(2021, 6, 10)), D(2022, 1, 1))
        met, message = result(decision, "silver.benchmarking_interval")
        assert met is False
        assert "window was 2020-07-10 to 2021-01-10" in message

    @pytest.mark.parametrize(
        ("areas", "code", "met"),
        [
            (AREAS[:2], "silver.improvement_areas", False),
            ((*AREAS, AREAS[0]), "silver.improvement_areas", False),
            (None, "silver.improvement_areas", None),
            (
                (attrs.evolve(AREAS[0], effect=None), *AREAS[1:]),
                "silver.improvement_areas_described",
                None,
            ),
            (
                (attrs.evolve(AREAS[0], validated=False), *AREAS[1:]),
                "silver.improvement_areas_validated",
                False,
            ),
            (
                (attrs.evolve(AREAS[0], validated=None), *AREAS[1:]),
                "silver.improvement_areas_validated",
                None,
            ),
        ],
    )
    def test_improvement_areas(self, areas: Any, code: str, met: bool | None) -> None:
        cluster = silver_cluster(D(2020, 1, 15), D(2021, 12, 1), improvement_areas=areas)
        assert result(silver_eligibility(cluster, D(2023, 1, 1)), code)[0] is met

    def test_minimum_requirements_and_criteria(self) -> None:
        missed = silver_cluster(D(2020, 1, 15), D(2021, 12, 1), minimum_requirements_met=False)
        assert (
            result(silver_eligibility(missed, D(2023, 1, 1)), "silver.minimum_requirements")[0]
            is False
        )
        small = attrs.evolve(
            silver_cluster(D(2020, 1, 15), D(2021, 12, 1)),
            organisation=attrs.evolve(PROFILE, committed_members=14),
        )
        assert silver_eligibility(small, D(2023, 1, 1)).outcome is Outcome.NOT_ELIGIBLE

    def test_no_audit(self) -> None:
        decision = silver_eligibility(
            Cluster("x", "X", [Benchmarking(D(2020, 1, 1))]), D(2023, 1, 1)
        )
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert [f.code for f in decision.findings] == ["silver.audit"]


class TestGold:
    def gold(self, *audits: GoldAudit, profile: Organisation | None = PROFILE) -> Cluster:
        return Cluster("g", "G", audits, organisation=profile)

    def test_a_first_award_needs_2_days_by_2_experts(self) -> None:
        ok = self.gold(
            GoldAudit(D(2023, 5, 1), score=85.0, audit_days=2, experts=2, self_test_passed=True)
        )
        assert gold_eligibility(ok, D(2023, 6, 1)).outcome is Outcome.ELIGIBLE
        short = self.gold(GoldAudit(D(2023, 5, 1), score=85.0, audit_days=1, experts=2))
        met, message = result(gold_eligibility(short, D(2023, 6, 1)), "gold.audit_format")
        assert (met, message) == (False, "first award: 1 day(s) by 2 expert(s), needs 2 days by 2")

    def test_a_renewal_inside_the_window_needs_1_day(self) -> None:
        first = GoldAudit(
            D(2021, 5, 1), score=85.0, audit_days=2, experts=2
        )  # valid until 2023-05-31
        for day, renewal in ((D(2024, 5, 31), True), (D(2024, 6, 1), False)):
            cluster = self.gold(first, GoldAudit(day, score=85.0, audit_days=1, experts=1))
            met, message = result(gold_eligibility(cluster, day), "gold.audit_format")
            assert met is renewal
            assert message.startswith("renewal of the Gold label valid until 2023-05-31") is renewal

    @pytest.mark.parametrize(("score", "met"), [(80.0, True), (79.9, False)])
    def test_the_pass_score(self, score: float, met: bool) -> None:
        cluster = self.gold(GoldAudit(D(2023, 5, 1), score=score, audit_days=2, experts=2))
        assert result(gold_eligibility(cluster, D(2023, 6, 1)), "gold.score")[0] is met

    def test_a_failed_self_test(self) -> None:
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), score=90.0, audit_days=2, experts=2, self_test_passed=False)
        )
        assert gold_eligibility(cluster, D(2023, 6, 1)).outcome is Outcome.NOT_ELIGIBLE

    def test_values_are_scored_with_the_catalogue(self) -> None:
        catalogue = gold_catalogue()
        values = at_thresholds()
        values["G-STR-01"] = 10  # minimum 15
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), passed=False, audit_days=2, experts=2, indicators=values)
        )
        decision = gold_eligibility(cluster, D(2023, 6, 1), catalogue=catalogue)
        assert result(decision, "gold.minimum_requirements") == (
            False,
            "minimum requirements missed: G-STR-01",
        )
        assert result(decision, "gold.score")[0] is True
        baseline = gold_baseline(cluster, D(2023, 6, 1), catalogue)
        assert baseline.outcome is Outcome.NOT_ELIGIBLE
        assert result(baseline, "baseline.G-STR-01") == (
            False, "Committed cluster participants: 10 misses 15 (margin -5)",
        )  # fmt: skip
        assert result(baseline, "baseline.G-MAN-01") == (
            True,
            "Dedicated cluster management staff: 3.0 meets 0.5 (margin +2.5)",
        )

    def test_gold_eligibility_implies_the_baseline_passes(self) -> None:
        catalogue = gold_catalogue()
        values = at_thresholds()
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), score=100.0, audit_days=2, experts=2, indicators=values)
        )
        assert (
            gold_eligibility(cluster, D(2023, 6, 1), catalogue=catalogue).outcome
            is Outcome.ELIGIBLE
        )
        assert gold_baseline(cluster, D(2023, 6, 1), catalogue).outcome is Outcome.ELIGIBLE

    def test_no_values_no_baseline(self) -> None:
        baseline = gold_baseline(self.gold(), D(2023, 6, 1), gold_catalogue())
        assert baseline.outcome is Outcome.UNDETERMINED
        assert all(f.met is None for f in baseline.findings)


class TestCommand:
    @pytest.mark.parametrize("tier", ["bronze", "silver", "gold"])
    def test_every_outcome_appears_on_the_sample(
        self, tier: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["eligibility", "--tier", tier, "--on", "2026-11-20", "--format", "json"]) == 0
        decisions = json.loads(capsys.readouterr().out)["decisions"]
        outcomes = {d["outcome"] for d in decisions}
        assert "not_eligible" in outcomes
        assert "eligible" in outcomes
        if tier != "silver":
            assert "undetermined" in outcomes

    def test_table_and_csv(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["eligibility", "--tier", "bronze", "--on", "2026-11-20"]) == 0
        out = capsys.readouterr().out
        assert "example-none: not_eligible" in out
        assert "  NOT MET  criteria.committed_members: committed members 9 < 15" in out
        assert max(len(line) for line in out.splitlines()) <= 80
        assert main(["eligibility", "--tier", "gold", "--format", "csv", "--on", "2026-11-20"]) == 0
        header = capsys.readouterr().out.splitlines()[0]
        assert header == "cluster,question,on,outcome,code,met,message,rule,rulebook,source"

    def test_a_tier_is_required(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["eligibility"]) == 2
        assert "--tier" in capsys.readouterr().err
