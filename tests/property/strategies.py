"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import strategies as st

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    GoldAudit,
    Rulebook,
    SilverAudit,
    StatedLabel,
    Tier,
)
from cluster_excellence.model.assessments import Assessment
from cluster_excellence.model.rulebooks import Anchor, ExtensionBase, TierMonths

#: Days the scheme could plausibly see, with room for long renewal chains.
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))

#: The pinned edges: leap days, month ends, year ends.
edge_days = st.sampled_from(
    [
        dt.date(2024, 2, 29),
        dt.date(2020, 2, 29),
        dt.date(2023, 1, 31),
        dt.date(2023, 12, 31),
        dt.date(2022, 2, 28),
        dt.date(2021, 4, 30),
        dt.date(2019, 7, 25),
    ]
)

any_days = st.one_of(edge_days, days)

months = st.integers(min_value=1, max_value=60)


def rulebooks_where(
    anchor: Anchor | None = None, extension_base: ExtensionBase | None = None
) -> st.SearchStrategy[Rulebook]:
    """Variants of ``ecei-2019`` with any terms, optionally a fixed anchor or base."""
    return st.builds(
        lambda anchor, base, first, bronze, silver, gold, window: DEFAULT_RULEBOOK.variant(
            anchor=anchor,
            extension_base=base,
            first_term_months=first,
            renewal_term_months=TierMonths(bronze, silver, gold),
            renewal_window_months=min(window, bronze, silver, gold),
        ),
        st.just(anchor) if anchor else st.sampled_from(list(Anchor)),
        st.just(extension_base) if extension_base else st.sampled_from(list(ExtensionBase)),
        months,
        months,
        months,
        months,
        st.integers(min_value=0, max_value=24),
    )


rulebooks = rulebooks_where()

#: The preset and its two published alternatives weigh more than random books.
some_rulebooks = st.one_of(
    st.sampled_from(
        [
            DEFAULT_RULEBOOK,
            DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY),
            DEFAULT_RULEBOOK.variant(extension_base=ExtensionBase.ASSESSMENT),
        ]
    ),
    rulebooks,
)


def _assessment(kind: str, day: dt.date, flag: bool, score: float) -> Assessment:
    if kind == "benchmarking":
        return Benchmark(day, awarded=flag)
    if kind == "silver_audit":
        return SilverAudit(day, passed=flag)
    return GoldAudit(day, score=score, minimum_requirements_met=flag)


assessments: st.SearchStrategy[Assessment] = st.builds(
    _assessment,
    st.sampled_from(["benchmarking", "silver_audit", "gold_audit"]),
    st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2035, 12, 31)),
    st.booleans() | st.just(True),
    st.floats(min_value=60, max_value=100),
)


@st.composite
def clusters(draw: st.DrawFn) -> Cluster:
    """A cluster with up to 12 assessments, none of one kind twice on one day."""
    items = draw(st.lists(assessments, max_size=12, unique_by=lambda a: (a.kind, a.date)))
    return Cluster("c", "C", items)


#: Labels known only by a stated end.
stated_labels = st.builds(
    lambda tier, day, source: StatedLabel(tier, day, source=source),
    st.sampled_from(list(Tier)),
    any_days,
    st.none() | st.sampled_from(["label listing", "certificate", "=cmd|' /C calc'!A0"]),
)


@st.composite
def clusters_with_stated(draw: st.DrawFn) -> Cluster:
    """A cluster of :func:`clusters` with up to three stated labels and maybe a website."""
    cluster = draw(clusters())
    stated = draw(st.lists(stated_labels, max_size=3, unique_by=lambda s: (s.tier, s.valid_until)))
    website = draw(st.none() | st.just("www.example.org"))
    return attrs.evolve(cluster, stated_labels=stated, website=website)
