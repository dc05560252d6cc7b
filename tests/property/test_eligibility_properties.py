"""Properties of the Eligibility Criteria decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import (
    Cluster,
    GoldAudit,
    Organisation,
    cluster_gold_baseline,
    cluster_plan,
    gold_catalogue,
)
from cluster_excellence._calendar import add_months
from cluster_excellence.model.catalogues import Provenance
from cluster_excellence.model.clusters import MEMBER_TYPES
from cluster_excellence.rules.decisions import Outcome
from cluster_excellence.rules.eligibility import eligibility_criteria, gold_eligibility

from .strategies import clusters

IN_FORCE = dt.date(2019, 11, 15)
GOLD = gold_catalogue()
maybe_bool = st.none() | st.booleans()
profiles = st.builds(
    Organisation,
    eccp_listed=maybe_bool,
    management_fte=st.none() | st.floats(min_value=0, max_value=5),
    committed_members=st.none() | st.integers(min_value=0, max_value=60),
    member_types=st.none() | st.lists(st.sampled_from(MEMBER_TYPES), unique=True).map(tuple),
    public_cooperation=maybe_bool,
    english_website=maybe_bool,
)
RANK = {Outcome.NOT_ELIGIBLE: 0, Outcome.UNDETERMINED: 1, Outcome.ELIGIBLE: 2}


@given(profiles, st.data())
def test_improving_a_figure_never_turns_eligible_into_not_eligible(
    profile: Organisation, data: st.DataObject
) -> None:
    field = data.draw(
        st.sampled_from(
            [
                "eccp_listed",
                "management_fte",
                "committed_members",
                "member_types",
                "public_cooperation",
                "english_website",
            ]
        )
    )
    value = getattr(profile, field)
    if value is None:
        return
    if isinstance(value, bool):
        better: Any = True
    elif isinstance(value, tuple):
        better = tuple(dict.fromkeys((*value, data.draw(st.sampled_from(MEMBER_TYPES)))))
    else:
        better = value + data.draw(st.integers(min_value=0, max_value=10))
    before = eligibility_criteria(profile, IN_FORCE).outcome
    after = eligibility_criteria(attrs.evolve(profile, **{field: better}), IN_FORCE).outcome
    if before is Outcome.ELIGIBLE:
        assert after is Outcome.ELIGIBLE
    assert RANK[after] >= RANK[before] or before is Outcome.UNDETERMINED


@given(profiles)
def test_undetermined_exactly_when_a_needed_figure_is_missing(profile: Organisation) -> None:
    decision = eligibility_criteria(profile, IN_FORCE)
    missing = [f for f in decision.findings if f.met is None]
    failed = [f for f in decision.findings if f.met is False]
    assert (decision.outcome is Outcome.UNDETERMINED) == (bool(missing) and not failed)
    needed = [
        profile.eccp_listed,
        profile.management_fte,
        profile.committed_members,
        profile.member_types,
        profile.english_website,
    ]
    if all(value is not None for value in needed) and profile.public_cooperation is not None:
        assert not missing


def _gold_values(raw: dict[str, int]) -> dict[str, Any]:
    """From every indicator at its threshold, some values changed: both outcomes occur."""
    values: dict[str, Any] = {i.code: i.gold_threshold for i in GOLD.indicators}
    for code, number in raw.items():
        kind = GOLD.indicator(code).kind.value
        if kind == "yes_no":
            values[code] = number % 2 == 0
        elif kind == "share":
            values[code] = (number % 101) / 100
        elif kind == "ordinal":
            values[code] = 1 + number % 5
        else:
            values[code] = number
    return values


#: The shipped Gold catalogue as an agency holding the official figures would: every
#: entry published, so its figures decide.
OFFICIAL_GOLD = attrs.evolve(
    GOLD,
    indicators=[attrs.evolve(i, provenance=Provenance.PUBLISHED) for i in GOLD.indicators],
)
GOLD_RAW = st.dictionaries(
    st.sampled_from([i.code for i in GOLD.indicators]), st.integers(0, 200), min_size=1
)


@given(GOLD_RAW, st.floats(0, 100))
def test_gold_eligibility_implies_the_baseline_passes(raw: dict[str, int], score: float) -> None:
    """With a catalogue whose figures decide, for an audit with indicator values (without
    them the baseline has nothing to check)."""
    profile = Organisation(programme_recognition="go-cluster")
    audit = GoldAudit(
        dt.date(2023, 5, 1), score=score, audit_days=2, experts=2, indicators=_gold_values(raw)
    )
    cluster = Cluster("g", "G", [audit], organisation=profile)
    day = dt.date(2023, 6, 1)
    if gold_eligibility(cluster, day, catalogue=OFFICIAL_GOLD).outcome is Outcome.ELIGIBLE:
        assert cluster_gold_baseline(cluster, OFFICIAL_GOLD, day).outcome is Outcome.ELIGIBLE


@given(GOLD_RAW, st.floats(0, 100), st.booleans())
def test_an_illustrative_catalogue_never_outweighs_the_audit(
    raw: dict[str, int], score: float, minimums_met: bool
) -> None:
    """The shipped catalogue is illustrative: the decision is the one without it."""
    audit = GoldAudit(
        dt.date(2023, 5, 1),
        score=score,
        minimum_requirements_met=minimums_met,
        audit_days=2,
        experts=2,
        indicators=_gold_values(raw),
    )
    cluster = Cluster("g", "G", [audit], organisation=Organisation(programme_recognition="x"))
    day = dt.date(2023, 6, 1)
    with_it = gold_eligibility(cluster, day, catalogue=GOLD)
    without = gold_eligibility(cluster, day)
    assert with_it.outcome is without.outcome
    assert with_it.outcome is (
        Outcome.ELIGIBLE if score >= 80 and minimums_met else Outcome.NOT_ELIGIBLE
    )


@given(
    clusters(),
    st.dates(min_value=dt.date(2009, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.none() | st.integers(1, 60),
)
def test_plans_are_sorted_and_never_before_their_day(
    cluster: Cluster, on: dt.date, within: int | None
) -> None:
    actions = cluster_plan(cluster, on, within_months=within).actions
    dates = [action.date for action in actions]
    assert dates == sorted(dates)
    assert all(day >= on for day in dates)
    if within is not None:
        assert all(day <= add_months(on, within) for day in dates)
