"""Properties of status on a day (docs: Validity and renewal, Decision 4)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cluster_excellence import Cluster, Rulebook, Status, Tier, cluster_status
from cluster_excellence.model.assessments import Assessment
from cluster_excellence.rules.labels import label_history, label_status

from .strategies import assessments, clusters, some_rulebooks

on_days = st.dates(min_value=dt.date(2009, 1, 1), max_value=dt.date(2040, 12, 31))

#: Better first: valid, then expired_renewable, lapsed, and no label at all.
_RANK = {Status.VALID: 3, Status.EXPIRED_RENEWABLE: 2, Status.LAPSED: 1, None: 0}


def _by_tier(
    cluster: Cluster, on: dt.date, rulebook: Rulebook, *, retroactive: bool
) -> dict[Tier, Status]:
    result = cluster_status(cluster, on, rulebook, retroactive=retroactive)
    return {entry.tier: entry.status for entry in result.labels}


class TestAsOf:
    """Decision 4: as-of, only assessments on or before the day count."""

    @given(clusters(), st.lists(assessments, max_size=6), on_days, some_rulebooks)
    def test_later_assessments_change_nothing(
        self, cluster: Cluster, extra: list[Assessment], on: dt.date, rulebook: Rulebook
    ) -> None:
        taken = {(a.kind, a.date) for a in cluster.assessments}
        later = [a for a in extra if a.date > on and (a.kind, a.date) not in taken]
        later = list({(a.kind, a.date): a for a in later}.values())
        grown = Cluster(cluster.id, cluster.name, [*cluster.assessments, *later])
        before = cluster_status(cluster, on, rulebook)
        after = cluster_status(grown, on, rulebook)
        assert before == after


class TestRetroactive:
    """Decision 4: retroactive reading is never worse than as-of reading."""

    @given(clusters(), on_days, some_rulebooks)
    def test_never_worse(self, cluster: Cluster, on: dt.date, rulebook: Rulebook) -> None:
        as_of = _by_tier(cluster, on, rulebook, retroactive=False)
        retro = _by_tier(cluster, on, rulebook, retroactive=True)
        for tier in Tier:
            assert _RANK[retro.get(tier)] >= _RANK[as_of.get(tier)]


class TestOneStatusPerDay:
    """Decision 4: on each day a tier is valid, expired_renewable, lapsed or unlabelled."""

    @given(clusters(), on_days, some_rulebooks, st.booleans())
    def test_exactly_one(
        self, cluster: Cluster, on: dt.date, rulebook: Rulebook, retro: bool
    ) -> None:
        result = cluster_status(cluster, on, rulebook, retroactive=retro)
        tiers = [entry.tier for entry in result.labels]
        assert tiers == sorted(set(tiers))
        for tier in Tier:
            history = label_history(
                cluster.assessments, tier, rulebook, until=None if retro else on
            )
            started = [label for label in history if label.valid_from <= on]
            entry = result.label(tier)
            if not started:
                assert entry is None
                continue
            assert entry is not None
            assert entry.label == started[-1]
            assert entry.status is label_status(started[-1], on)
            # The earlier labels are all over: none is valid on the day.
            assert all(label_status(label, on) is Status.LAPSED for label in started[:-1])
        valid = [entry.tier for entry in result.labels if entry.status is Status.VALID]
        assert result.highest_valid_tier == (max(valid) if valid else None)
