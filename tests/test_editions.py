"""Rules over time: each assessment judged by the edition in force on its date, and every
threshold a parameter of the rulebook, tested on both sides of each boundary."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    GoldAudit,
    Organisation,
    Portfolio,
    Rulebook,
    SilverAudit,
    cluster_status,
    get_rulebook,
    portfolio_check,
)
from cluster_excellence.cli import main
from cluster_excellence.model.assessments import ImprovementArea
from cluster_excellence.model.rulebooks import (
    IntervalCounting,
    IntervalLimit,
    Unrecorded,
    parameters,
)
from cluster_excellence.rules.decisions import Decision, Outcome
from cluster_excellence.rules.eligibility import (
    bronze_eligibility,
    eligibility_criteria,
    gold_eligibility,
    silver_eligibility,
)

from .examples import PROFILE, load_tool
from .property.strategies import clusters

ECEI_2010 = get_rulebook("ecei-2010")
D = dt.date
DAY = dt.timedelta(days=1)
BOUNDARY = D(2019, 11, 15)
AREAS = tuple(
    ImprovementArea((f"B-SER-0{n}",), description="d", effect="e", validated=True)
    for n in (1, 2, 3)
)


def finding(decision: Decision, code: str) -> bool | None:
    (found,) = [f for f in decision.findings if f.code == code]
    return found.met


def edited(group: str, **changes: Any) -> Rulebook:
    """``ecei-2019`` with ``changes`` to one group, in every edition."""
    return DEFAULT_RULEBOOK.variant(
        **{group: attrs.evolve(getattr(DEFAULT_RULEBOOK, group), **changes)}
    )


# -- the edition boundary --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "edition", "applies"),
    [(BOUNDARY - DAY, "ecei-2010", False), (BOUNDARY, "ecei-2019", True)],
)
def test_the_criteria_apply_from_the_day_the_current_edition_takes_effect(
    day: dt.date, edition: str, applies: bool
) -> None:
    assert DEFAULT_RULEBOOK.in_force_on(day).id == edition
    decision = eligibility_criteria(Organisation(committed_members=3), day)
    codes = [f.code for f in decision.findings]
    assert (codes == ["criteria.not_in_force"]) is not applies
    assert {f.rulebook for f in decision.findings} == {edition}
    cluster = Cluster("c", "C", [Benchmark(day)], organisation=Organisation(committed_members=3))
    assert bronze_eligibility(cluster, day).outcome is (
        Outcome.NOT_ELIGIBLE if applies else Outcome.ELIGIBLE
    )


@pytest.mark.parametrize(
    ("audit", "met"),
    [(BOUNDARY - DAY, True), (BOUNDARY, False)],  # 13 months between the benchmarkings
)
def test_the_silver_interval_of_the_edition_in_force_on_the_audit(
    audit: dt.date, met: bool
) -> None:
    cluster = Cluster(
        "s",
        "S",
        [
            Benchmark(D(2018, 9, 1)),
            Benchmark(D(2019, 10, 1)),
            SilverAudit(audit, passed=True, improvement_areas=AREAS, minimum_requirements_met=True),
        ],
        organisation=PROFILE,
    )
    decision = silver_eligibility(cluster, audit)
    assert finding(decision, "silver.benchmarking_interval") is met
    assert portfolio_check(Portfolio([cluster])).clean is met


def test_the_day_before_every_edition_takes_the_earliest() -> None:
    assert DEFAULT_RULEBOOK.in_force_on(D(2001, 1, 1)) is ECEI_2010
    assert DEFAULT_RULEBOOK.in_force_on(ECEI_2010.effective_from) is ECEI_2010
    assert [e.id for e in DEFAULT_RULEBOOK.editions()] == ["ecei-2010", "ecei-2019"]


# -- every threshold at its boundary, and moved ------------------------------------------------


def criteria_case(field: str, value: Any) -> Callable[[Rulebook], bool | None]:
    def decide(rulebook: Rulebook) -> bool | None:
        # Without recorded cooperation with public bodies, one type short is not met.
        profile = attrs.evolve(PROFILE, public_cooperation=False, **{field: value})
        code = {
            "management_fte": "criteria.management_fte",
            "committed_members": "criteria.committed_members",
            "member_types": "criteria.member_types",
        }[field]
        return finding(eligibility_criteria(profile, D(2024, 1, 1), rulebook), code)

    return decide


@pytest.mark.parametrize(
    ("parameter", "value", "below", "at", "above"),
    [
        ("min_management_fte", 0.5, ("management_fte", 0.49), ("management_fte", 0.5),
         ("management_fte", 0.51)),
        ("min_management_fte", 2.0, ("management_fte", 1.99), ("management_fte", 2.0),
         ("management_fte", 2.01)),
        ("min_committed_members", 15, ("committed_members", 14), ("committed_members", 15),
         ("committed_members", 16)),
        ("min_committed_members", 30, ("committed_members", 29), ("committed_members", 30),
         ("committed_members", 31)),
        ("min_member_types", 2, ("member_types", ("business",)),
         ("member_types", ("business", "research")),
         ("member_types", ("business", "research", "public"))),
        ("min_member_types", 3, ("member_types", ("business", "research")),
         ("member_types", ("business", "research", "public")),
         ("member_types", ("business", "research", "public", "other"))),
    ],
)  # fmt: skip
def test_each_criterion_threshold(
    parameter: str, value: Any, below: Any, at: Any, above: Any
) -> None:
    rulebook = edited("criteria", **{parameter: value})
    for (field, figure), met in ((below, False), (at, True), (above, True)):
        assert criteria_case(field, figure)(rulebook) is met, (parameter, value, figure)


def test_public_cooperation_stands_in_only_when_the_rulebook_says_so() -> None:
    profile = attrs.evolve(PROFILE, member_types=("business",), public_cooperation=True)
    day = D(2024, 1, 1)
    assert finding(eligibility_criteria(profile, day), "criteria.member_types") is True
    strict = edited("criteria", public_cooperation_counts=False)
    assert finding(eligibility_criteria(profile, day, strict), "criteria.member_types") is False


def silver(first: dt.date, second: dt.date, **audit: Any) -> Cluster:
    fields: dict[str, Any] = {
        "passed": True,
        "improvement_areas": AREAS,
        "minimum_requirements_met": True,
        **audit,
    }
    day = fields.pop("date", max(second, D(2022, 1, 1)) + dt.timedelta(days=30))
    return Cluster(
        "s",
        "S",
        [Benchmark(first), Benchmark(second), SilverAudit(day, **fields)],
        organisation=PROFILE,
    )


@pytest.mark.parametrize(
    ("months", "counting", "first", "day_before", "on", "day_after"),
    [
        (18, IntervalCounting.DAY, D(2020, 1, 31), D(2021, 7, 30), D(2021, 7, 31), D(2021, 8, 1)),
        (18, IntervalCounting.DAY, D(2020, 8, 31), D(2022, 2, 27), D(2022, 2, 28), D(2022, 3, 1)),
        (12, IntervalCounting.DAY, D(2020, 2, 29), D(2021, 2, 27), D(2021, 2, 28), D(2021, 3, 1)),
        (18, IntervalCounting.MONTH, D(2020, 1, 31), D(2021, 6, 30), D(2021, 7, 1), D(2021, 7, 2)),
    ],
)  # fmt: skip
def test_the_silver_minimum_interval(
    months: int,
    counting: IntervalCounting,
    first: dt.date,
    day_before: dt.date,
    on: dt.date,
    day_after: dt.date,
) -> None:
    rulebook = edited(
        "silver", min_interval_months=months, max_interval_months=None, interval_counting=counting
    )
    for second, met in ((day_before, False), (on, True), (day_after, True)):
        decision = silver_eligibility(silver(first, second), D(2030, 1, 1), rulebook)
        assert finding(decision, "silver.benchmarking_interval") is met, second


@pytest.mark.parametrize("limit", list(IntervalLimit))
def test_the_silver_maximum_interval(limit: IntervalLimit) -> None:
    rulebook = edited("silver", max_interval=limit)
    first = D(2020, 1, 15)  # 24 months: 2022-01-15
    for second, beyond in (
        (D(2022, 1, 14), False),
        (D(2022, 1, 15), False),
        (D(2022, 1, 16), True),
    ):
        decision = silver_eligibility(silver(first, second), D(2030, 1, 1), rulebook)
        (found,) = [f for f in decision.findings if f.code == "silver.benchmarking_interval"]
        assert found.remark is (beyond and limit is IntervalLimit.REMARK)
        assert found.met is not (beyond and limit is IntervalLimit.KNOCK_OUT)


@pytest.mark.parametrize("need", [2, 3, 4])
def test_the_number_of_improvement_areas(need: int) -> None:
    rulebook = edited("silver", improvement_areas=need)
    area = AREAS[0]
    for count in (need - 1, need, need + 1):
        cluster = silver(D(2020, 1, 15), D(2021, 12, 1), improvement_areas=(area,) * count)
        decision = silver_eligibility(cluster, D(2030, 1, 1), rulebook)
        assert finding(decision, "silver.improvement_areas") is (count == need)


@pytest.mark.parametrize(
    ("reading", "met"),
    [(Unrecorded.MET, True), (Unrecorded.UNDETERMINED, None), (Unrecorded.NOT_MET, False)],
)
def test_what_a_passed_audit_did_not_record(reading: Unrecorded, met: bool | None) -> None:
    rulebook = edited("silver", unrecorded_of_passed_audit=reading)
    cluster = silver(D(2020, 1, 15), D(2021, 12, 1), improvement_areas=None)
    decision = silver_eligibility(cluster, D(2030, 1, 1), rulebook)
    assert finding(decision, "silver.improvement_areas") is met
    assert finding(decision, "silver.minimum_requirements") is True  # recorded


@pytest.mark.parametrize(
    ("field", "value"), [("first_audit_days", 2), ("first_audit_days", 1.5),
                         ("first_audit_experts", 2), ("first_audit_experts", 3)],
)  # fmt: skip
def test_the_audit_format_of_a_first_gold(field: str, value: float) -> None:
    rulebook = edited("gold", **{field: value})
    days, experts = rulebook.gold.first_audit_days, rulebook.gold.first_audit_experts
    step = 0.5 if field == "first_audit_days" else 1
    for delta, met in ((-step, False), (0, True), (step, True)):
        audit = GoldAudit(
            D(2023, 5, 1),
            score=90.0,
            audit_days=days + (delta if field == "first_audit_days" else 0),
            experts=int(experts + (delta if field == "first_audit_experts" else 0)),
        )
        decision = gold_eligibility(
            Cluster("g", "G", [audit], organisation=PROFILE), audit.date, rulebook
        )
        assert finding(decision, "gold.audit_format") is met, (field, value, delta)


@pytest.mark.parametrize(("experts", "met"), [(1, False), (2, True)])
def test_a_gold_renewal_needs_two_experts(experts: int, met: bool) -> None:
    first = GoldAudit(D(2021, 5, 1), score=85.0, audit_days=2, experts=2)
    renewal = GoldAudit(D(2023, 4, 1), score=85.0, audit_days=1, experts=experts)
    cluster = Cluster("g", "G", [first, renewal], organisation=PROFILE)
    assert finding(gold_eligibility(cluster, renewal.date), "gold.audit_format") is met
    one_expert = edited("gold", renewal_audit_experts=1)
    assert finding(gold_eligibility(cluster, renewal.date, one_expert), "gold.audit_format") is True
    assert portfolio_check(Portfolio([cluster])).clean is met


@pytest.mark.parametrize("score", [80.0, 70.0])
def test_the_gold_pass_score(score: float) -> None:
    rulebook = DEFAULT_RULEBOOK.variant(gold_pass_score=score)
    for figure, met in ((score - 0.1, False), (score, True), (score + 0.1, True)):
        audit = GoldAudit(D(2023, 5, 1), score=figure, audit_days=2, experts=2)
        cluster = Cluster("g", "G", [audit], organisation=PROFILE)
        assert finding(gold_eligibility(cluster, audit.date, rulebook), "gold.score") is met
        assert (cluster_status(cluster, audit.date, rulebook).highest_valid_tier is not None) is met


@pytest.mark.parametrize(
    ("reading", "met"),
    [(Unrecorded.MET, True), (Unrecorded.UNDETERMINED, None), (Unrecorded.NOT_MET, False)],
)
def test_an_unrecorded_self_test(reading: Unrecorded, met: bool | None) -> None:
    rulebook = edited("gold", unrecorded_self_test=reading)
    audit = GoldAudit(D(2023, 5, 1), score=90.0, audit_days=2, experts=2)
    cluster = Cluster("g", "G", [audit], organisation=PROFILE)
    assert finding(gold_eligibility(cluster, audit.date, rulebook), "gold.self_test") is met


def test_the_rules_page_lists_every_parameter_of_every_edition() -> None:
    """docs/rules-parameters.txt is written from the rulebooks by tools/make_rules_doc.py."""
    module = load_tool("make_rules_doc")
    page = module.TARGET.read_text(encoding="utf-8")
    assert page == module.render(), "run tools/make_rules_doc.py"
    for edition in DEFAULT_RULEBOOK.editions():
        assert f"``{edition.id}``, in force from {edition.effective_from}" in page
        for name in parameters(edition):
            assert f"   * - ``{name}``\n     - " in page, name
            assert edition.source_of(name) != "not stated", (edition.id, name)


# -- the Mineralklynge record, end to end ------------------------------------------------------


def test_mineralklynge_through_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json"]) == 1  # other clusters have findings
    findings = json.loads(capsys.readouterr().out)
    assert "mineralklynge" not in json.dumps(findings)
    for day, held in (("2017-06-14", False), ("2017-06-15", True)):
        assert main(["status", "--on", day, "--format", "json"]) == 0
        clusters = {c["id"]: c for c in json.loads(capsys.readouterr().out)["clusters"]}
        tiers = [label["tier"] for label in clusters["mineralklynge"]["labels"]]
        assert ("silver" in tiers) is held
    args = ["eligibility", "--tier", "silver", "--on", "2017-06-15", "--format", "json"]
    assert main(args) == 0
    decisions = {d["cluster_id"]: d for d in json.loads(capsys.readouterr().out)["decisions"]}
    mineral = decisions["mineralklynge"]
    assert mineral["outcome"] == "eligible"
    assert {f["rulebook"] for f in mineral["findings"]} == {"ecei-2010"}


# -- properties ---------------------------------------------------------------------------------

#: Other values for the groups of parameters, far from the defaults.
OTHER_GROUPS = {
    "criteria": attrs.evolve(
        DEFAULT_RULEBOOK.criteria, min_committed_members=40, min_management_fte=3.0, apply=True
    ),
    "silver": attrs.evolve(
        DEFAULT_RULEBOOK.silver, min_interval_months=6, max_interval_months=8,
        max_interval=IntervalLimit.KNOCK_OUT, improvement_areas=1,
        unrecorded_of_passed_audit=Unrecorded.NOT_MET,
    ),
    "gold": attrs.evolve(
        DEFAULT_RULEBOOK.gold, first_audit_days=3, first_audit_experts=3, renewal_audit_experts=1,
        unrecorded_self_test=Unrecorded.NOT_MET, unrecorded_of_passed_audit=Unrecorded.NOT_MET,
    ),
    "scoring": attrs.evolve(DEFAULT_RULEBOOK.scoring, missing_value=Unrecorded.NOT_MET),
}  # fmt: skip


def _with_old_edition(**groups: Any) -> Rulebook:
    """``ecei-2019`` whose earlier edition has other groups of parameters."""
    return attrs.evolve(DEFAULT_RULEBOOK, previous=attrs.evolve(ECEI_2010, **groups))


def _with_new_edition(**groups: Any) -> Rulebook:
    """``ecei-2019`` with other groups of parameters in the current edition only."""
    return attrs.evolve(DEFAULT_RULEBOOK, **groups)


def _decisions(cluster: Cluster, on: dt.date, rulebook: Rulebook) -> list[Any]:
    found = []
    for decide in (bronze_eligibility, silver_eligibility, gold_eligibility):
        decision = decide(cluster, on, rulebook)
        found.append(
            (decision.outcome, [(f.code, f.met, str(f.message)) for f in decision.findings])
        )
    return found


def _latest_day(cluster: Cluster, on: dt.date) -> dt.date | None:
    days = [a.date for a in cluster.assessments if a.date <= on]
    return max(days, default=None)


@given(clusters(), st.dates(D(2009, 1, 1), D(2035, 12, 31)), st.sampled_from(list(OTHER_GROUPS)))
@example(
    Cluster("s", "S", [Benchmark(D(2021, 1, 4)), Benchmark(D(2022, 8, 1)),
                       SilverAudit(D(2022, 9, 1), passed=True)]),
    D(2023, 1, 1),
    "silver",
)  # fmt: skip
def test_editing_one_edition_never_changes_decisions_under_another(
    cluster: Cluster, on: dt.date, group: str
) -> None:
    """A decision is judged by the edition in force on its assessment's date: the groups of
    the other edition do not change it (nor do they change any label)."""
    cluster = attrs.evolve(cluster, organisation=PROFILE)
    changed = {group: OTHER_GROUPS[group]}
    latest = _latest_day(cluster, on)
    if latest is None or latest >= BOUNDARY:
        rulebook = _with_old_edition(**changed)
        if all(a.date >= BOUNDARY for a in cluster.assessments if a.date <= on):
            assert _decisions(cluster, on, rulebook) == _decisions(cluster, on, DEFAULT_RULEBOOK)
    if latest is not None and all(a.date < BOUNDARY for a in cluster.assessments if a.date <= on):
        rulebook = _with_new_edition(**changed)
        assert _decisions(cluster, on, rulebook) == _decisions(cluster, on, DEFAULT_RULEBOOK)
    for rulebook in (_with_old_edition(**changed), _with_new_edition(**changed)):
        assert (
            cluster_status(cluster, on, rulebook).labels
            == cluster_status(cluster, on, DEFAULT_RULEBOOK).labels
        )


@given(clusters(), st.dates(D(2009, 1, 1), D(2035, 12, 31)))
def test_lifecycle_parameters_of_one_edition_change_only_its_labels(
    cluster: Cluster, on: dt.date
) -> None:
    """Labels made only by assessments under the current edition do not depend on the
    terms of the earlier one."""
    old = attrs.evolve(DEFAULT_RULEBOOK, previous=attrs.evolve(ECEI_2010, first_term_months=6))
    if all(a.date >= BOUNDARY for a in cluster.assessments):
        seen = [(e.tier, e.status, e.valid_until) for e in cluster_status(cluster, on, old).labels]
        assert seen == [
            (e.tier, e.status, e.valid_until) for e in cluster_status(cluster, on).labels
        ]


DEFECTS = {
    "format": "cluster-excellence.portfolio/1",
    "clusters": [
        {"id": "one-expert", "name": "One expert", "assessments": [
            {"type": "gold_audit", "date": "2021-05-03", "score": 86, "audit_days": 2,
             "experts": 2},
            {"type": "gold_audit", "date": "2023-04-12", "score": 88, "audit_days": 1,
             "experts": 1}],
         "organisation": {"programme_recognition": "no-gce"}},
        {"id": "silver-b", "name": "Silver with areas named by benchmarking indicators",
         "assessments": [
            {"type": "benchmarking", "date": "2021-01-10"},
            {"type": "benchmarking", "date": "2022-08-01"},
            {"type": "silver_audit", "date": "2022-10-05", "passed": True,
             "minimum_requirements_met": True, "improvement_areas": [
                {"indicators": [code], "description": "d", "effect": "e", "validated": True}
                for code in ("B-SER-01", "B-FIN-02", "B-INT-02")]}],
         "organisation": {"programme_recognition": "go-cluster"}},
        {"id": "partial", "name": "Partial values", "assessments": [
            {"type": "gold_audit", "date": "2024-03-01", "passed": True, "audit_days": 2,
             "experts": 2, "indicators": {"G-STR-01": 40}}],
         "organisation": {"programme_recognition": "x"}},
    ],
}  # fmt: skip


def test_the_defects_through_the_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    """A Gold renewal by one expert, Silver areas named by benchmarking indicators, a Gold
    audit with partial values: the answers the rules give, from a user's file."""
    path = tmp_path / "defects.json"
    path.write_text(json.dumps(DEFECTS), encoding="utf-8")
    assert main(["check", str(path), "--format", "json"]) == 1
    (found,) = json.loads(capsys.readouterr().out)["inconsistencies"]
    assert (found["cluster_id"], found["date"]) == ("one-expert", "2023-04-12")
    assert [f["code"] for f in found["findings"]] == ["gold.audit_format"]
    silver = [
        "eligibility",
        str(path),
        "--tier",
        "silver",
        "--on",
        "2023-01-01",
        "--format",
        "json",
    ]
    assert main(silver) == 0
    decisions = {d["cluster_id"]: d for d in json.loads(capsys.readouterr().out)["decisions"]}
    assert decisions["silver-b"]["outcome"] == "eligible"
    gold = ["eligibility", str(path), "--tier", "gold", "--on", "2024-06-01", "--format", "json"]
    assert main(gold) == 0
    decisions = {d["cluster_id"]: d for d in json.loads(capsys.readouterr().out)["decisions"]}
    assert decisions["partial"]["outcome"] == "eligible"  # the record outweighs the sample
    assert main(["gold-score", str(path), "--on", "2024-06-01", "--format", "json"]) == 0
    (partial,) = [c for c in json.loads(capsys.readouterr().out)["clusters"] if c["result"]]
    assert partial["result"]["minimums_met"] is None
    assert partial["result"]["undetermined_minimums"] == [
        "G-STR-02",
        "G-MAN-01",
        "G-MAN-04",
        "G-REC-03",
    ]


def test_a_passed_silver_with_a_missed_minimum_is_a_file_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    document = json.loads(json.dumps(DEFECTS))
    document["clusters"][1]["assessments"][2]["minimum_requirements_met"] = False
    path = tmp_path / "silver.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["status", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"cluster-excellence status: {path}: clusters[1].assessments[2].passed: passed is true "
        "but minimum_requirements_met is false\n"
    )


@pytest.mark.parametrize(
    ("field", "profile_changes", "code"),
    [
        ("eccp_listing", {"eccp_listed": False}, "criteria.eccp_listing"),
        ("english_website", {"english_website": False}, "criteria.english_website"),
    ],
)
def test_a_criterion_the_rulebook_drops(
    field: str, profile_changes: dict[str, Any], code: str
) -> None:
    profile = attrs.evolve(PROFILE, **profile_changes)
    day = D(2024, 1, 1)
    assert finding(eligibility_criteria(profile, day), code) is False
    dropped = eligibility_criteria(profile, day, edited("criteria", **{field: False}))
    assert code not in [f.code for f in dropped.findings]
    assert dropped.outcome is Outcome.ELIGIBLE


def test_the_criteria_and_their_waiver_as_the_rulebook_says() -> None:
    recognised = Organisation(committed_members=3, programme_recognition="go-cluster")
    day = D(2024, 1, 1)
    assert eligibility_criteria(recognised, day).outcome is Outcome.ELIGIBLE
    no_waiver = edited("criteria", programme_waiver=False)
    assert eligibility_criteria(recognised, day, no_waiver).outcome is Outcome.NOT_ELIGIBLE
    off = edited("criteria", apply=False)
    codes = [f.code for f in eligibility_criteria(Organisation(), day, off).findings]
    assert codes == ["criteria.not_in_force"]


@pytest.mark.parametrize(
    ("field", "area_changes", "code"),
    [
        ("areas_described", {"description": None}, "silver.improvement_areas_described"),
        ("areas_validated", {"validated": False}, "silver.improvement_areas_validated"),
    ],
)
def test_an_area_requirement_the_rulebook_drops(
    field: str, area_changes: dict[str, Any], code: str
) -> None:
    areas = (attrs.evolve(AREAS[0], **area_changes), *AREAS[1:])
    failed = silver(D(2020, 1, 15), D(2021, 12, 1), improvement_areas=areas, passed=False)
    assert finding(silver_eligibility(failed, D(2030, 1, 1)), code) is not True
    dropped = silver_eligibility(failed, D(2030, 1, 1), edited("silver", **{field: False}))
    assert code not in [f.code for f in dropped.findings]


def test_the_minimum_requirements_of_silver_as_the_rulebook_says() -> None:
    failed = silver(D(2020, 1, 15), D(2021, 12, 1), passed=False, minimum_requirements_met=False)
    assert (
        finding(silver_eligibility(failed, D(2030, 1, 1)), "silver.minimum_requirements") is False
    )
    dropped = silver_eligibility(
        failed, D(2030, 1, 1), edited("silver", minimum_requirements=False)
    )
    assert "silver.minimum_requirements" not in [f.code for f in dropped.findings]


@pytest.mark.parametrize(("days", "met"), [(0.5, False), (1, True)])
def test_the_days_of_a_gold_renewal(days: float, met: bool) -> None:
    first = GoldAudit(D(2021, 5, 1), score=85.0, audit_days=2, experts=2)
    renewal = GoldAudit(D(2023, 4, 1), score=85.0, audit_days=days, experts=2)
    cluster = Cluster("g", "G", [first, renewal], organisation=PROFILE)
    assert finding(gold_eligibility(cluster, renewal.date), "gold.audit_format") is met
    half_day = edited("gold", renewal_audit_days=0.5)
    assert finding(gold_eligibility(cluster, renewal.date, half_day), "gold.audit_format") is True
