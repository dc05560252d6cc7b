"""Explained decisions: the Eligibility Criteria and Bronze, at every boundary."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

from cluster_excellence import (
    Benchmark,
    Cluster,
    Organisation,
    PortfolioError,
    portfolio_to_json,
    render,
)
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.rules.decisions import Outcome
from cluster_excellence.rules.eligibility import bronze_eligibility, eligibility_criteria

D = dt.date
IN_FORCE = D(2019, 11, 15)
GOOD = Organisation(
    eccp_listed=True,
    management_fte=0.5,
    committed_members=15,
    member_types=("business", "research"),
    english_website=True,
)


def finding(decision: Any, code: str) -> Any:
    (found,) = [f for f in decision.findings if f.code == code]
    return found


class TestCriteria:
    def test_all_met_at_the_thresholds(self) -> None:
        decision = eligibility_criteria(GOOD, IN_FORCE)
        assert decision.outcome is Outcome.ELIGIBLE
        assert [f.code for f in decision.findings] == [
            "criteria.eccp_listing",
            "criteria.management_fte",
            "criteria.committed_members",
            "criteria.member_types",
            "criteria.english_website",
        ]
        assert all(f.met for f in decision.findings)
        assert all(f.rulebook == "ecei-2019" for f in decision.findings)
        sources = {f.code: f.source for f in decision.findings}
        assert "cluster-analysis.org/benchmarked-clusters" in sources["criteria.eccp_listing"]
        for code in ("management_fte", "committed_members", "member_types", "english_website"):
            assert "clustercollaboration.eu" in sources[f"criteria.{code}"], code

    def test_not_in_force_the_day_before(self) -> None:
        decision = eligibility_criteria(Organisation(committed_members=3), D(2019, 11, 14))
        assert decision.outcome is Outcome.ELIGIBLE
        assert [f.code for f in decision.findings] == ["criteria.not_in_force"]
        assert (
            eligibility_criteria(Organisation(committed_members=3), IN_FORCE).outcome
            is Outcome.NOT_ELIGIBLE
        )

    @pytest.mark.parametrize(
        ("changes", "code", "met", "message"),
        [
            (
                {"management_fte": 0.49},
                "criteria.management_fte",
                False,
                "management team 0.49 FTE < 0.5 FTE",
            ),
            (
                {"management_fte": 0.5},
                "criteria.management_fte",
                True,
                "management team 0.5 FTE >= 0.5 FTE",
            ),
            (
                {"management_fte": None},
                "criteria.management_fte",
                None,
                "management team FTE not recorded",
            ),
            (
                {"committed_members": 14},
                "criteria.committed_members",
                False,
                "committed members 14 < 15",
            ),
            (
                {"committed_members": 15},
                "criteria.committed_members",
                True,
                "committed members 15 >= 15",
            ),
            (
                {"committed_members": None},
                "criteria.committed_members",
                None,
                "committed members not recorded",
            ),
            ({"eccp_listed": False}, "criteria.eccp_listing", False, "not listed on the ECCP"),
            ({"eccp_listed": None}, "criteria.eccp_listing", None, "ECCP listing not recorded"),
            (
                {"english_website": False},
                "criteria.english_website",
                False,
                "no English website showing activity",
            ),
            (
                {"english_website": None},
                "criteria.english_website",
                None,
                "English website not recorded",
            ),
            (
                {"member_types": ("business",)},
                "criteria.member_types",
                None,
                "member types 1 (business; cooperation with public bodies not recorded) < 2",
            ),
            (
                {"member_types": ("business",), "public_cooperation": True},
                "criteria.member_types",
                True,
                "member types 2 (business, cooperation with public bodies) >= 2",
            ),
            (
                {"member_types": ("business",), "public_cooperation": False},
                "criteria.member_types",
                False,
                "member types 1 (business) < 2",
            ),
            (
                {"member_types": ("public",)},
                "criteria.member_types",
                False,
                "member types 1 (public) < 2",
            ),
            (
                {"member_types": ("business", "public")},
                "criteria.member_types",
                True,
                "member types 2 (business, public) >= 2",
            ),
            ({"member_types": ()}, "criteria.member_types", False, "member types 0 (none) < 2"),
            ({"member_types": None}, "criteria.member_types", None, "member types not recorded"),
        ],
    )
    def test_each_finding(
        self, changes: dict[str, Any], code: str, met: bool | None, message: str
    ) -> None:
        decision = eligibility_criteria(attrs.evolve(GOOD, **changes), IN_FORCE)
        found = finding(decision, code)
        assert (found.met, str(found.message)) == (met, message)
        expected = {
            True: Outcome.ELIGIBLE,
            False: Outcome.NOT_ELIGIBLE,
            None: Outcome.UNDETERMINED,
        }[met]
        assert decision.outcome is expected

    def test_a_no_outweighs_a_missing_figure(self) -> None:
        profile = attrs.evolve(GOOD, committed_members=3, english_website=None)
        assert eligibility_criteria(profile, IN_FORCE).outcome is Outcome.NOT_ELIGIBLE

    def test_programme_recognition_waives_the_criteria(self) -> None:
        decision = eligibility_criteria(Organisation(programme_recognition="go-cluster"), IN_FORCE)
        assert decision.outcome is Outcome.ELIGIBLE
        assert [f.code for f in decision.findings] == ["criteria.waived"]
        assert "go-cluster" in str(decision.findings[0].message)

    def test_no_profile_is_undetermined(self) -> None:
        decision = eligibility_criteria(None, IN_FORCE)
        assert decision.outcome is Outcome.UNDETERMINED
        assert all(f.met is None for f in decision.findings)

    def test_renderings(self) -> None:
        decision = eligibility_criteria(
            attrs.evolve(GOOD, committed_members=12), IN_FORCE, cluster_id="x", cluster_name="X"
        )
        text = str(render(decision)).splitlines()
        assert text[:2] == ["Eligibility Criteria on 2019-11-15", "Rulebook: ecei-2019"]
        assert "x (X): not eligible" in text
        assert "  not met  criteria.committed_members  committed members 12 < 15" in text
        document = json.loads(json.dumps(decision.to_dict()))
        assert document["outcome"] == "not_eligible"
        assert document["findings"][2]["message"] == "committed members 12 < 15"
        records = decision.to_records()
        assert len(records) == 5
        assert records[0]["on"] == IN_FORCE
        assert set(records[0]) >= {
            "cluster_id",
            "cluster_name",
            "question",
            "outcome",
            "code",
            "met",
            "message",
            "rule",
            "rulebook",
            "source",
        }


class TestBronze:
    def test_needs_a_benchmarking(self) -> None:
        decision = bronze_eligibility(Cluster("x", "X", organisation=GOOD), D(2024, 1, 1))
        assert decision.outcome is Outcome.NOT_ELIGIBLE
        assert (
            str(decision.findings[0].message) == "no benchmarking recorded on or before 2024-01-01"
        )

    def test_the_criteria_in_force_on_the_benchmarking_day_apply(self) -> None:
        before = Cluster("x", "X", [Benchmark(D(2019, 11, 14))])
        after = Cluster("x", "X", [Benchmark(IN_FORCE)])
        assert bronze_eligibility(before, D(2020, 6, 1)).outcome is Outcome.ELIGIBLE
        assert bronze_eligibility(after, D(2020, 6, 1)).outcome is Outcome.UNDETERMINED
        with_profile = attrs.evolve(after, organisation=GOOD)
        decision = bronze_eligibility(with_profile, D(2020, 6, 1))
        assert decision.outcome is Outcome.ELIGIBLE
        assert (decision.tier.value if decision.tier else None, decision.question) == (
            "bronze",
            "bronze",
        )
        assert str(decision.findings[0].message) == "benchmarking on 2019-11-15"


class TestProfileInFiles:
    def _document(self, organisation: Any) -> str:
        return json.dumps(
            {
                "format": "cluster-excellence.portfolio/1",
                "clusters": [
                    {"id": "a", "name": "A", "assessments": [], "organisation": organisation}
                ],
            }
        )

    def test_read_and_written_back(self) -> None:
        profile: dict[str, Any] = {
            "eccp_listed": True, "management_fte": 1.5, "committed_members": 40,
            "member_types": ["business", "research"], "public_cooperation": True,
            "english_website": True, "programme_recognition": "go-cluster",
        }  # fmt: skip
        portfolio = PORTFOLIO_FILES.parse(self._document(profile))
        assert portfolio.clusters[0].organisation == Organisation(
            **{**profile, "member_types": ("business", "research")}
        )
        assert PORTFOLIO_FILES.parse(portfolio_to_json(portfolio)) == portfolio
        assert PORTFOLIO_FILES.parse(self._document({})).clusters[0].organisation == Organisation()

    @pytest.mark.parametrize(
        ("profile", "expected"),
        [
            ({"management_fte": -1}, "management_fte: -1 must be a number of 0 or more"),
            (
                {"committed_members": 15.5},
                "committed_members: 15.5 must be a whole number of 0 or more",
            ),
            ({"committed_members": True}, "committed_members: must be a number, not true"),
            ({"eccp_listed": "yes"}, 'eccp_listed: must be true or false, not "yes"'),
            (
                {"member_types": ["business", "academia"]},
                'member_types: "academia" is not one of business, research, public, other',
            ),
            ({"member_types": ["business", "business"]}, "member_types: lists a member type twice"),
            ({"programme_recognition": ""}, "programme_recognition: must not be blank"),
            ({"eccp_listd": True}, "eccp_listd: unknown key (did you mean 'eccp_listed'?)"),
        ],
    )
    def test_problems(self, profile: dict[str, Any], expected: str) -> None:
        with pytest.raises(PortfolioError) as caught:
            PORTFOLIO_FILES.parse(self._document(profile))
        assert [str(p) for p in caught.value.problems] == ["clusters[0].organisation." + expected]
