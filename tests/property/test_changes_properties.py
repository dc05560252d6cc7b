"""Properties of the changes between two days (docs: Watching a portfolio)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    Rulebook,
    Tier,
    cluster_status,
    get_programme,
)
from cluster_excellence.rules.changes import Change, cluster_changes
from cluster_excellence.rules.compliance import cluster_compliance

from .strategies import clusters_with_stated, some_rulebooks

spans = st.dates(min_value=dt.date(2009, 1, 1), max_value=dt.date(2040, 12, 31))
QOOT = Cluster("qoot", "Qoot Cluster", [Benchmark(dt.date(2019, 7, 25))])
PROGRAMMES = [get_programme("no-gce"), get_programme("de-go-cluster")]


@st.composite
def late_awards(draw: st.DrawFn) -> Cluster:
    """A cluster with stated labels whose awards may be made days or months after them."""
    cluster = draw(clusters_with_stated())
    delays = draw(st.lists(st.none() | st.integers(0, 400), min_size=len(cluster.assessments),
                           max_size=len(cluster.assessments)))  # fmt: skip
    assessments = [
        a
        if delay is None or not _awards(a)
        else attrs.evolve(a, awarded_on=a.date + dt.timedelta(days=delay))
        for a, delay in zip(cluster.assessments, delays, strict=True)
    ]
    return attrs.evolve(cluster, assessments=assessments)


def _awards(assessment: Any) -> bool:
    """Only an assessment recorded as awarding (or not recorded) has an award day."""
    return getattr(assessment, "awarded", getattr(assessment, "passed", None)) is not False


def _states(cluster: Cluster, on: dt.date, rulebook: Rulebook) -> dict[Tier, tuple[Any, ...]]:
    return {
        e.tier: (e.status, e.valid_from, e.valid_until, e.renewable_until)
        for e in cluster_status(cluster, on, rulebook).labels
    }


def _replay(start: dict[Tier, tuple[Any, ...]], events: tuple[Change, ...]) -> dict[Tier, Any]:
    state = dict(start)
    for e in events:
        state[e.tier] = (e.status, e.valid_from, e.valid_until, e.renewable_until)
    return state


@given(late_awards(), spans, st.integers(0, 3000), some_rulebooks)
@example(QOOT, dt.date(2021, 7, 31), 366, DEFAULT_RULEBOOK)  # across the expiry and the lapse
def test_replaying_the_events_from_the_first_day_gives_the_last(
    cluster: Cluster, since: dt.date, length: int, rulebook: Rulebook
) -> None:
    until = since + dt.timedelta(days=length)
    events = cluster_changes(cluster, since, until, rulebook).events
    assert _replay(_states(cluster, since, rulebook), events) == _states(cluster, until, rulebook)


@given(late_awards(), spans, st.integers(0, 2000), some_rulebooks, st.integers(1, 2000))
@example(QOOT, dt.date(2021, 7, 31), 1, DEFAULT_RULEBOOK, 1)  # the expiry on the first day
@example(QOOT, dt.date(2022, 7, 31), 1, DEFAULT_RULEBOOK, 1)  # the lapse on the first day
def test_events_fall_exactly_on_the_days_the_status_changes(
    cluster: Cluster, since: dt.date, length: int, rulebook: Rulebook, offset: int
) -> None:
    until = since + dt.timedelta(days=length)
    events = cluster_changes(cluster, since, until, rulebook).events
    days = {e.date for e in events}
    for e in events:
        assert since < e.date <= until
        previous = _states(cluster, e.date - dt.timedelta(days=1), rulebook).get(e.tier)
        assert previous != _states(cluster, e.date, rulebook)[e.tier]
    assert [e.date for e in events] == sorted(e.date for e in events)
    if length:
        some = since + dt.timedelta(days=min(offset, length))
        for day in {since + dt.timedelta(days=1), some}:
            if day in days:
                continue
            before = _states(cluster, day - dt.timedelta(days=1), rulebook)
            assert before == _states(cluster, day, rulebook)


@given(late_awards(), spans, st.integers(0, 3000), some_rulebooks)
def test_compliance_events_alternate_and_end_in_the_last_days_standing(
    cluster: Cluster, since: dt.date, length: int, rulebook: Rulebook
) -> None:
    until = since + dt.timedelta(days=length)
    found = cluster_changes(cluster, since, until, rulebook, programmes=PROGRAMMES).compliance
    for programme in PROGRAMMES:
        standing = cluster_compliance(cluster, programme, since, rulebook).compliant
        for event in (e for e in found if e.programme == programme.id):
            assert since < event.date <= until
            assert event.event == ("lost" if standing else "gained")
            standing = not standing
            assert (
                cluster_compliance(cluster, programme, event.date, rulebook).compliant is standing
            )
        assert cluster_compliance(cluster, programme, until, rulebook).compliant is standing
