"""The award day: validity counts from the assessment, the label is held from the award.

Mineralklynge Norge was reviewed for Silver on 28 March 2017 and awarded on
15 June 2017 (the EUCLES board approves labels monthly).
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import (
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    PortfolioError,
    SilverAudit,
    Tier,
    cluster_status,
    portfolio_to_json,
)
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.rules.labels import label_history

from .property.strategies import clusters

D = dt.date
REVIEWED, AWARDED = D(2017, 3, 28), D(2017, 6, 15)
MINERALKLYNGE = Cluster(
    "mineralklynge",
    "Mineralklynge Norge",
    [
        Benchmark(D(2014, 4, 1)),
        Benchmark(D(2016, 9, 1)),
        SilverAudit(REVIEWED, passed=True, awarded_on=AWARDED),
    ],
)
MINERALKLYNGE_PORTFOLIO = Portfolio([MINERALKLYNGE])


@pytest.mark.parametrize(
    ("on", "held"),
    [
        (REVIEWED - dt.timedelta(days=1), False),
        (REVIEWED, False),
        (AWARDED - dt.timedelta(days=1), False),
        (AWARDED, True),
        (AWARDED + dt.timedelta(days=1), True),
    ],
)
def test_the_label_is_held_from_the_award_day(on: dt.date, held: bool) -> None:
    silver = cluster_status(MINERALKLYNGE, on).label(Tier.SILVER)
    assert (silver is not None) is held
    if silver is not None:
        assert (silver.valid_from, silver.valid_until) == (REVIEWED, D(2019, 3, 31))


def test_hindsight_sees_the_label_from_its_assessment() -> None:
    silver = cluster_status(MINERALKLYNGE, REVIEWED, retroactive=True).label(Tier.SILVER)
    assert silver is not None
    assert silver.valid_from == REVIEWED


def test_a_renewal_not_yet_awarded_leaves_the_old_label_as_it_was() -> None:
    first = GoldAudit(D(2021, 5, 1), score=85.0)  # valid until 2023-05-31
    renewal = GoldAudit(D(2023, 5, 10), score=88.0, awarded_on=D(2023, 7, 1))
    cluster = Cluster("g", "G", [first, renewal])
    on = D(2023, 6, 15)
    gold = cluster_status(cluster, on).label(Tier.GOLD)
    assert gold is not None
    assert (gold.status.value, gold.valid_until) == ("expired_renewable", D(2023, 5, 31))
    gold = cluster_status(cluster, D(2023, 7, 1)).label(Tier.GOLD)
    assert gold is not None
    assert (gold.status.value, gold.valid_until) == ("valid", D(2025, 5, 31))
    (history,) = label_history(cluster.assessments, Tier.GOLD, until=on)
    assert history.assessments == (first,)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        (
            {
                "type": "silver_audit",
                "date": "2017-03-28",
                "passed": True,
                "awarded_on": "2017-03-27",
            },
            ".awarded_on: 2017-03-27 is before the assessment on 2017-03-28",
        ),
        (
            {
                "type": "silver_audit",
                "date": "2017-03-28",
                "passed": False,
                "awarded_on": "2017-06-15",
            },
            ".awarded_on: an assessment recorded as awarding nothing has no award day",
        ),
        (
            {"type": "benchmarking", "date": "2017-03-28", "awarded_on": "2017-06-15T00:00:00"},
            '.awarded_on: "2017-06-15T00:00:00" is not a date in YYYY-MM-DD form',
        ),
    ],
)
def test_award_days_in_files(fields: dict[str, object], problem: str) -> None:
    text = json.dumps(
        {
            "format": "cluster-excellence.portfolio/1",
            "clusters": [{"id": "m", "name": "M", "assessments": [fields]}],
        }
    )
    with pytest.raises(PortfolioError) as caught:
        PORTFOLIO_FILES.parse(text)
    assert [str(p) for p in caught.value.problems] == ["clusters[0].assessments[0]" + problem]


def test_award_days_round_trip() -> None:
    text = portfolio_to_json(MINERALKLYNGE_PORTFOLIO)
    assert '"awarded_on": "2017-06-15"' in text
    assert PORTFOLIO_FILES.parse(text) == MINERALKLYNGE_PORTFOLIO


def test_the_constructor_says_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="awarded_on: 2017-03-27 is before the assessment"):
        SilverAudit(REVIEWED, passed=True, awarded_on=D(2017, 3, 27))


@st.composite
def awarded_later(draw: st.DrawFn) -> tuple[Cluster, int]:
    """A cluster, one of whose awarding assessments is awarded some days after it."""
    cluster = draw(clusters())
    if not cluster.assessments:
        return cluster, -1
    index = draw(st.integers(0, len(cluster.assessments) - 1))
    return cluster, index


@given(awarded_later(), st.integers(0, 200), st.dates(D(2009, 1, 1), D(2040, 12, 31)))
@example((MINERALKLYNGE, 2), (AWARDED - REVIEWED).days, AWARDED - dt.timedelta(days=1))
@example((MINERALKLYNGE, 2), (AWARDED - REVIEWED).days, AWARDED)
def test_before_its_award_day_an_award_is_as_if_unrecorded(
    drawn: tuple[Cluster, int], delay: int, on: dt.date
) -> None:
    """As of a day before the award, the status is that of the records without the award;
    from the award day on, that of the award recorded without an award day."""
    cluster, index = drawn
    if index < 0:
        return
    items = list(cluster.assessments)
    chosen = attrs.evolve(items[index], awarded_on=None)
    awarded = chosen.date + dt.timedelta(days=delay)
    if getattr(chosen, "awarded", None) is False or getattr(chosen, "passed", None) is False:
        return  # an assessment that awards nothing has no award day
    with_day = attrs.evolve(
        cluster,
        assessments=[*items[:index], attrs.evolve(chosen, awarded_on=awarded), *items[index + 1 :]],
    )
    if on < awarded:
        expected = attrs.evolve(cluster, assessments=[*items[:index], *items[index + 1 :]])
    else:
        expected = attrs.evolve(cluster, assessments=[*items[:index], chosen, *items[index + 1 :]])
    assert _seen(with_day, on) == _seen(expected, on)


def _seen(cluster: Cluster, on: dt.date) -> list[tuple[object, ...]]:
    """What the status shows of each label (its assessments carry the award day)."""
    return [
        (e.tier, e.status, e.valid_from, e.valid_until, e.renewable_until)
        for e in cluster_status(cluster, on).labels
    ]
