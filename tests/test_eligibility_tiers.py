"""Silver and Gold decisions, the Gold baseline, and the eligibility command."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    GoldAudit,
    Organisation,
    SilverAudit,
    cluster_gold_baseline,
    gold_catalogue,
)
from cluster_excellence.cli import main
from cluster_excellence.model.assessments import ImprovementArea, Value
from cluster_excellence.model.catalogues import Provenance
from cluster_excellence.model.rulebooks import GoldRenewal, IntervalLimit, ScoringRules, Unrecorded
from cluster_excellence.rules.decisions import Outcome
from cluster_excellence.rules.eligibility import gold_eligibility, silver_eligibility

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
    fields: dict[str, Any] = {
        "date": second + dt.timedelta(days=60),
        "passed": True,
        "improvement_areas": AREAS,
        "minimum_requirements_met": True,
        **audit,
    }
    return Cluster(
        "s", "S", [Benchmark(first), Benchmark(second), SilverAudit(**fields)],
        organisation=PROFILE,
    )  # fmt: skip


#: The shipped Gold catalogue as an agency holding the official figures would: every entry
#: published, so its figures decide.
PUBLISHED_GOLD = attrs.evolve(
    gold_catalogue(),
    indicators=[
        attrs.evolve(i, provenance=Provenance.PUBLISHED) for i in gold_catalogue().indicators
    ],
)


def result(decision: Any, code: str) -> tuple[bool | None, str]:
    (found,) = [f for f in decision.findings if f.code == code]
    return found.met, str(found.message)


KNOCK_OUT = DEFAULT_RULEBOOK.variant(
    silver=attrs.evolve(DEFAULT_RULEBOOK.silver, max_interval=IntervalLimit.KNOCK_OUT)
)
UNDETERMINED = DEFAULT_RULEBOOK.variant(
    silver=attrs.evolve(DEFAULT_RULEBOOK.silver, unrecorded_of_passed_audit=Unrecorded.UNDETERMINED)
)


class TestSilver:
    @pytest.mark.parametrize(
        ("second", "met", "remark"),
        [
            (D(2021, 7, 14), False, False),  # 18 months less a day
            (D(2021, 7, 15), True, False),  # 18 months to the day
            (D(2022, 1, 15), True, False),  # 24 months to the day
            (D(2022, 1, 16), True, True),  # 24 months and a day: a remark by default
        ],
    )
    def test_the_interval_is_18_to_24_months_inclusive(
        self, second: dt.date, met: bool, remark: bool
    ) -> None:
        cluster = silver_cluster(D(2020, 1, 15), second)
        decision = silver_eligibility(cluster, D(2023, 1, 1))
        (finding,) = [f for f in decision.findings if f.code == "silver.benchmarking_interval"]
        assert (finding.met, finding.remark) == (met, remark)
        assert decision.outcome is (Outcome.ELIGIBLE if met else Outcome.NOT_ELIGIBLE)
        knocked = silver_eligibility(cluster, D(2023, 1, 1), KNOCK_OUT)
        assert result(knocked, "silver.benchmarking_interval")[0] is (met and not remark)

    def test_the_interval_clamps_at_month_ends(self) -> None:
        decision = silver_eligibility(silver_cluster(D(2020, 8, 31), D(2022, 2, 28)), D(2023, 1, 1))
        assert result(decision, "silver.benchmarking_interval")[0] is True  # 2020-08-31 + 18 months

    def test_29_months_is_a_remark_or_a_knock_out_as_the_rulebook_says(self) -> None:
        cluster = silver_cluster(D(2019, 1, 10), D(2021, 6, 10))
        met, message = result(
            silver_eligibility(cluster, D(2022, 1, 1)), "silver.benchmarking_interval"
        )
        assert met is True
        assert message == (
            "benchmarkings on 2019-01-10 and 2021-06-10: 29 months apart, more than 24 "
            "(under ecei-2019 a remark, not a bar)"
        )
        met, message = result(
            silver_eligibility(cluster, D(2022, 1, 1), KNOCK_OUT), "silver.benchmarking_interval"
        )
        assert met is False
        assert message.endswith("29 months apart, more than 24")

    def test_before_the_criteria_at_least_12_months_and_no_maximum(self) -> None:
        """Mineralklynge Norge: benchmarkings in spring 2014 and September 2016, audited in
        March 2017."""
        cluster = silver_cluster(D(2014, 4, 1), D(2016, 9, 1), date=D(2017, 3, 28))
        decision = silver_eligibility(cluster, D(2017, 6, 15))
        assert result(decision, "silver.benchmarking_interval") == (
            True, "benchmarkings on 2014-04-01 and 2016-09-01: at least 12 months apart",
        )  # fmt: skip
        assert {f.rulebook for f in decision.findings} == {"ecei-2010"}
        assert decision.outcome is Outcome.ELIGIBLE
        pinned = silver_eligibility(cluster, D(2017, 6, 15), DEFAULT_RULEBOOK.pinned())
        (interval,) = [f for f in pinned.findings if f.code == "silver.benchmarking_interval"]
        assert (interval.met, interval.remark, interval.rulebook) == (
            True,
            True,
            "ecei-2019[pinned]",
        )
        unknown = attrs.evolve(cluster, organisation=None)
        assert silver_eligibility(unknown, D(2017, 6, 15)).outcome is Outcome.ELIGIBLE
        pinned = silver_eligibility(unknown, D(2017, 6, 15), DEFAULT_RULEBOOK.pinned())
        assert pinned.outcome is Outcome.UNDETERMINED  # the criteria, applied to 2017

    @pytest.mark.parametrize(
        ("areas", "code", "met", "undetermined"),
        [
            (AREAS[:2], "silver.improvement_areas", False, False),
            ((*AREAS, AREAS[0]), "silver.improvement_areas", False, False),
            (None, "silver.improvement_areas", True, None),
            (
                (attrs.evolve(AREAS[0], effect=None), *AREAS[1:]),
                "silver.improvement_areas_described",
                True,
                None,
            ),
            (
                (attrs.evolve(AREAS[0], validated=False), *AREAS[1:]),
                "silver.improvement_areas_validated",
                False,
                False,
            ),
            (
                (attrs.evolve(AREAS[0], validated=None), *AREAS[1:]),
                "silver.improvement_areas_validated",
                True,
                None,
            ),
        ],
    )
    def test_improvement_areas(
        self, areas: Any, code: str, met: bool | None, undetermined: bool | None
    ) -> None:
        """What a passed audit did not record, it stands for, unless the rulebook says
        otherwise; what it recorded decides."""
        cluster = silver_cluster(D(2020, 1, 15), D(2021, 12, 1), improvement_areas=areas)
        assert result(silver_eligibility(cluster, D(2023, 1, 1)), code)[0] is met
        assert (
            result(silver_eligibility(cluster, D(2023, 1, 1), UNDETERMINED), code)[0]
            is undetermined
        )
        failed = silver_cluster(
            D(2020, 1, 15), D(2021, 12, 1), improvement_areas=areas, passed=False
        )
        decision = silver_eligibility(failed, D(2023, 1, 1))
        assert result(decision, code)[0] is (None if met and undetermined is None else met)
        assert decision.outcome is Outcome.NOT_ELIGIBLE

    def test_improvement_areas_named_by_benchmarking_indicators(self) -> None:
        areas = tuple(
            ImprovementArea((f"B-{n}",), description="d", effect="e", validated=True)
            for n in ("ST-01", "ST-02", "GO-01")
        )
        cluster = silver_cluster(D(2020, 1, 15), D(2021, 12, 1), improvement_areas=areas)
        assert silver_eligibility(cluster, D(2023, 1, 1)).outcome is Outcome.ELIGIBLE

    def test_minimum_requirements_and_criteria(self) -> None:
        with pytest.raises(
            ValueError, match="passed is true but minimum_requirements_met is false"
        ):
            SilverAudit(D(2022, 1, 30), passed=True, minimum_requirements_met=False)
        missed = silver_cluster(
            D(2020, 1, 15), D(2021, 12, 1), passed=False, minimum_requirements_met=False
        )
        decision = silver_eligibility(missed, D(2023, 1, 1))
        assert result(decision, "silver.minimum_requirements") == (
            False, "a Gold minimum requirement missed",
        )  # fmt: skip
        assert result(decision, "silver.audit") == (False, "Silver audit on 2022-01-30 (failed)")
        small = attrs.evolve(
            silver_cluster(D(2020, 1, 15), D(2021, 12, 1)),
            organisation=attrs.evolve(PROFILE, committed_members=14),
        )
        assert silver_eligibility(small, D(2023, 1, 1)).outcome is Outcome.NOT_ELIGIBLE

    def test_no_audit(self) -> None:
        decision = silver_eligibility(Cluster("x", "X", [Benchmark(D(2020, 1, 1))]), D(2023, 1, 1))
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
        assert (met, message) == (
            False, "first award: 1 day(s) by 2 expert(s), needs 2 day(s) by 2 expert(s)",
        )  # fmt: skip

    def test_a_renewal_inside_the_window_needs_1_day_by_2_experts(self) -> None:
        first = GoldAudit(
            D(2021, 5, 1), score=85.0, audit_days=2, experts=2
        )  # valid until 2023-05-31, renewable until 2024-05-31
        for day, renewal in ((D(2024, 5, 31), True), (D(2024, 6, 1), False)):
            cluster = self.gold(first, GoldAudit(day, score=85.0, audit_days=1, experts=2))
            met, message = result(gold_eligibility(cluster, day), "gold.audit_format")
            assert met is renewal
            assert message.startswith("renewal of the Gold label valid until 2023-05-31") is renewal

    def test_one_expert_is_not_a_gold_audit(self) -> None:
        first = GoldAudit(D(2021, 5, 1), score=85.0, audit_days=2, experts=2)
        renewal = GoldAudit(D(2023, 4, 1), score=85.0, audit_days=1, experts=1)
        met, message = result(
            gold_eligibility(self.gold(first, renewal), D(2023, 4, 1)), "gold.audit_format"
        )
        assert (met, message) == (
            False,
            "renewal of the Gold label valid until 2023-05-31: 1 day(s) by 1 expert(s), "
            "needs 1 day(s) by 2 expert(s)",
        )
        alone = self.gold(GoldAudit(D(2023, 5, 1), score=85.0, audit_days=2, experts=1))
        assert gold_eligibility(alone, D(2023, 6, 1)).outcome is Outcome.NOT_ELIGIBLE

    def test_renewals_only_after_expiry_as_the_rulebook_may_say(self) -> None:
        first = GoldAudit(D(2021, 5, 1), score=85.0, audit_days=2, experts=2)
        early = self.gold(first, GoldAudit(D(2023, 4, 1), score=85.0, audit_days=1, experts=2))
        assert result(gold_eligibility(early, D(2023, 4, 1)), "gold.audit_format")[0] is True
        late_only = DEFAULT_RULEBOOK.variant(
            gold=attrs.evolve(DEFAULT_RULEBOOK.gold, renewal=GoldRenewal.WINDOW_ONLY)
        )
        met, message = result(
            gold_eligibility(early, D(2023, 4, 1), late_only), "gold.audit_format"
        )
        assert (met, message.split(":")[0]) == (False, "first award")

    @pytest.mark.parametrize(("score", "met"), [(80.0, True), (79.9, False)])
    def test_the_pass_score(self, score: float, met: bool) -> None:
        cluster = self.gold(GoldAudit(D(2023, 5, 1), score=score, audit_days=2, experts=2))
        assert result(gold_eligibility(cluster, D(2023, 6, 1)), "gold.score")[0] is met

    def test_a_failed_self_test(self) -> None:
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), score=90.0, audit_days=2, experts=2, self_test_passed=False)
        )
        assert gold_eligibility(cluster, D(2023, 6, 1)).outcome is Outcome.NOT_ELIGIBLE

    def test_values_are_scored_with_a_published_catalogue(self) -> None:
        values = at_thresholds()
        values["G-STR-01"] = 10  # minimum 15
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), passed=False, audit_days=2, experts=2, indicators=values)
        )
        decision = gold_eligibility(cluster, D(2023, 6, 1), catalogue=PUBLISHED_GOLD)
        assert result(decision, "gold.minimum_requirements") == (
            False,
            "minimum requirements missed by ecei-gold-reference@2026.1 (published): G-STR-01",
        )
        assert result(decision, "gold.score")[0] is True
        baseline = cluster_gold_baseline(cluster, gold_catalogue(), D(2023, 6, 1))
        assert baseline.outcome is Outcome.NOT_ELIGIBLE
        assert result(baseline, "baseline.G-STR-01") == (
            False, "Committed cluster participants: 10 misses 15 (margin -5)",
        )  # fmt: skip
        assert result(baseline, "baseline.G-MAN-01") == (
            True,
            "Dedicated cluster management staff: 3.0 meets 0.5 (margin +2.5)",
        )

    def test_an_illustrative_catalogue_is_a_remark_beside_the_record(self) -> None:
        values = at_thresholds()
        values["G-STR-01"] = 10
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), score=85.0, audit_days=2, experts=2, indicators=values)
        )
        decision = gold_eligibility(cluster, D(2023, 6, 1), catalogue=gold_catalogue())
        assert decision.outcome is Outcome.ELIGIBLE
        assert result(decision, "gold.minimum_requirements") == (
            True, "every minimum requirement met (recorded)",
        )  # fmt: skip
        (remark,) = [f for f in decision.findings if f.code == "gold.catalogue_minimums"]
        assert remark.remark
        assert remark.mark == "remark"
        assert str(remark.message) == (
            "ecei-gold-reference@2026.1 (illustrative) finds minimum(s) missed: G-STR-01; "
            "the audit's record stands"
        )

    def test_a_missing_value_leaves_a_minimum_undetermined(self) -> None:
        values = at_thresholds()
        del values["G-STR-01"]
        cluster = self.gold(
            GoldAudit(D(2023, 5, 1), passed=True, audit_days=2, experts=2, indicators=values)
        )
        baseline = cluster_gold_baseline(cluster, gold_catalogue(), D(2023, 6, 1))
        assert result(baseline, "baseline.G-STR-01")[0] is None
        assert baseline.outcome is Outcome.UNDETERMINED
        strict = DEFAULT_RULEBOOK.variant(scoring=ScoringRules(missing_value=Unrecorded.NOT_MET))
        assert (
            cluster_gold_baseline(cluster, gold_catalogue(), D(2023, 6, 1), strict).outcome
            is Outcome.NOT_ELIGIBLE
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
        assert cluster_gold_baseline(cluster, catalogue, D(2023, 6, 1)).outcome is Outcome.ELIGIBLE

    def test_no_values_no_baseline(self) -> None:
        baseline = cluster_gold_baseline(self.gold(), gold_catalogue(), D(2023, 6, 1))
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
        assert "example-none (Example Not Awarded Cluster): not eligible" in out
        assert "  not met  criteria.committed_members  committed members 9 < 15" in out
        assert max(len(line) for line in out.splitlines()) <= 80
        assert main(["eligibility", "--tier", "gold", "--format", "csv", "--on", "2026-11-20"]) == 0
        header = capsys.readouterr().out.splitlines()[0]
        assert header == (
            "cluster_id,cluster_name,question,on,outcome,code,mark,met,message,rule,rulebook,"
            "source,remark"
        )

    def test_a_tier_is_required(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["eligibility"]) == 2
        assert "--tier" in capsys.readouterr().err
