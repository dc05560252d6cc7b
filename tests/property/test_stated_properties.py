"""Properties of labels known only by their stated end (the label listing)."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Cluster,
    Portfolio,
    StatedLabel,
    Status,
    Tier,
    cluster_status,
    portfolio_to_json,
)
from cluster_excellence._calendar import add_months
from cluster_excellence.files.portfolio import PORTFOLIO_FILES
from cluster_excellence.model.rulebooks import Anchor
from cluster_excellence.rules.labels import stated_label_status, term_ends
from cluster_excellence.rules.status import stated_disagreements

from .strategies import any_days, clusters, clusters_with_stated, some_rulebooks

ONE_DAY = dt.timedelta(days=1)
ORDER = [None, Status.VALID, Status.EXPIRED_RENEWABLE, Status.LAPSED]


def _status(
    stated: StatedLabel, day: dt.date, rulebook: object = DEFAULT_RULEBOOK
) -> Status | None:
    entry = stated_label_status(stated, day, rulebook)  # type: ignore[arg-type]
    return None if entry is None else entry.status


@given(any_days, st.integers(-2000, 2000), st.integers(0, 2000), some_rulebooks)
@example(dt.date(2024, 2, 29), -1, 1, DEFAULT_RULEBOOK)
@example(dt.date(2013, 2, 23), 0, 1, DEFAULT_RULEBOOK)
def test_the_status_only_moves_forward(
    end: dt.date, offset: int, step: int, rulebook: object
) -> None:
    """None, then valid, then expired_renewable, then lapsed: never back."""
    stated = StatedLabel(Tier.BRONZE, end)
    first = end + dt.timedelta(days=offset)
    later = first + dt.timedelta(days=step)
    assert ORDER.index(_status(stated, first, rulebook)) <= ORDER.index(
        _status(stated, later, rulebook)
    )


@given(any_days, some_rulebooks)
@example(dt.date(2024, 2, 29), DEFAULT_RULEBOOK)
@example(dt.date(2023, 1, 31), DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY))
@example(dt.date(2013, 2, 23), DEFAULT_RULEBOOK)
def test_the_boundaries_are_the_stated_end_and_the_window(end: dt.date, rulebook: object) -> None:
    stated = StatedLabel(Tier.GOLD, end)
    entry = stated_label_status(stated, end, rulebook)  # type: ignore[arg-type]
    assert entry is not None
    assert entry.status is Status.VALID
    assert entry.valid_from is None
    assert entry.basis == "stated"
    window_end = entry.renewable_until
    assert _status(stated, end + ONE_DAY, rulebook) in (
        Status.EXPIRED_RENEWABLE,
        Status.LAPSED,  # a window of 0 months under the exact-day anchor
    )
    assert _status(stated, window_end, rulebook) in (Status.VALID, Status.EXPIRED_RENEWABLE)
    assert _status(stated, window_end + ONE_DAY, rulebook) is Status.LAPSED
    # The window is the rulebook's number of months after the stated end.
    months = rulebook.renewal_window_months  # type: ignore[attr-defined]
    if rulebook.anchor is Anchor.EXACT_DAY:  # type: ignore[attr-defined]
        assert window_end == add_months(end, months)
    else:
        assert window_end.month == add_months(end.replace(day=1), months).month
        assert (window_end + ONE_DAY).day == 1


@given(any_days)
@example(dt.date(2021, 7, 25))
@example(dt.date(2024, 2, 29))
def test_a_stated_label_counts_from_the_shortest_term_before_its_end(end: dt.date) -> None:
    """Known from the last day of the month 24 months before the stated end's month."""
    stated = StatedLabel(Tier.SILVER, end)
    known_from = add_months(end.replace(day=1), -24)
    known_from = add_months(known_from, 1) - ONE_DAY  # that month's last day
    assert _status(stated, known_from - ONE_DAY) is None
    assert _status(stated, known_from) is Status.VALID


@given(clusters(), st.sampled_from(list(Tier)), any_days)
def test_a_stated_label_never_overrides_awarded_assessments(
    cluster: Cluster, tier: Tier, end: dt.date
) -> None:
    """With a stated label added, a tier the assessments award keeps its computed status."""
    stated = Cluster(
        cluster.id, cluster.name, cluster.assessments, stated_labels=[StatedLabel(tier, end)]
    )
    for day in (end - ONE_DAY, end, end + ONE_DAY, dt.date(2026, 11, 20)):
        plain = cluster_status(cluster, day)
        mixed = cluster_status(stated, day)
        if term_ends(cluster.assessments, tier):
            assert mixed.labels == plain.labels
        else:
            assert [e for e in mixed.labels if e.tier is not tier] == list(plain.labels)
        valid = [e.tier for e in mixed.labels if e.status is Status.VALID]
        assert mixed.highest_valid_tier == max(valid, default=None)


@given(clusters(), st.sampled_from(list(Tier)), some_rulebooks)
def test_every_implied_end_agrees_and_others_do_not(
    cluster: Cluster, tier: Tier, rulebook: object
) -> None:
    ends = term_ends(cluster.assessments, tier, rulebook)  # type: ignore[arg-type]
    for end in ends:
        agreeing = Cluster("c", "C", cluster.assessments, stated_labels=[StatedLabel(tier, end)])
        assert stated_disagreements(agreeing, rulebook) == ()  # type: ignore[arg-type]
    if ends:
        off = ends[-1] + ONE_DAY
        if off not in ends:
            other = Cluster("c", "C", cluster.assessments, stated_labels=[StatedLabel(tier, off)])
            (found,) = stated_disagreements(other, rulebook)  # type: ignore[arg-type]
            assert found.implied_valid_until == ends[-1]


@given(st.lists(clusters_with_stated(), max_size=4))
def test_stated_labels_survive_the_file_format(generated: list[Cluster]) -> None:
    portfolio = Portfolio(
        Cluster(f"c{i}", c.name, c.assessments, stated_labels=c.stated_labels, website=c.website)
        for i, c in enumerate(generated)
    )
    text = portfolio_to_json(portfolio)
    assert PORTFOLIO_FILES.parse(text) == portfolio
    assert portfolio_to_json(PORTFOLIO_FILES.parse(text)) == text
