"""Properties of validity and renewal (docs: Validity and renewal, Decisions 1-3)."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence import DEFAULT_RULEBOOK, Benchmark, GoldAudit, Label, Rulebook, Tier
from cluster_excellence._calendar import add_months
from cluster_excellence.model.rulebooks import Anchor, ExtensionBase
from cluster_excellence.rules.labels import apply_award, expiry, first_expiry, label_history

from .strategies import any_days, days, rulebooks_where, some_rulebooks

ONE_DAY = dt.timedelta(days=1)


def _is_month_end(day: dt.date) -> bool:
    return (day + ONE_DAY).day == 1


def _chain(first: dt.date, gaps: list[int], rulebook: Rulebook) -> list[Label]:
    """Apply benchmarkings ``gaps`` days apart; return the label after each step."""
    labels = [apply_award(None, Benchmark(first), rulebook)]
    day = first
    for gap in gaps:
        day += dt.timedelta(days=gap)
        labels.append(apply_award(labels[-1], Benchmark(day), rulebook))
    return labels


gaps = st.lists(st.integers(min_value=1, max_value=1500), max_size=6)


class TestFirstExpiry:
    """Decision 1: a first award runs a term of ``first_term_months`` from the assessment."""

    @given(any_days, some_rulebooks)
    @example(dt.date(2024, 2, 29), DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY))
    @example(dt.date(2023, 12, 31), DEFAULT_RULEBOOK)
    def test_falls_after_the_assessment_within_its_term(
        self, day: dt.date, rulebook: Rulebook
    ) -> None:
        end = first_expiry(day, rulebook)
        assert end > day
        lower = add_months(day, rulebook.first_term_months)
        assert lower <= end
        if rulebook.anchor is Anchor.EXACT_DAY:
            assert end == lower
        else:
            assert (end.year, end.month) == (lower.year, lower.month)
            assert _is_month_end(end)

    @given(any_days, any_days, some_rulebooks)
    def test_a_later_assessment_never_expires_earlier(
        self, a: dt.date, b: dt.date, rulebook: Rulebook
    ) -> None:
        early, late = sorted((a, b))
        assert first_expiry(early, rulebook) <= first_expiry(late, rulebook)


class TestRenewal:
    """Decisions 2 and 3: awards inside the window extend; outside they start anew."""

    @given(any_days, gaps, some_rulebooks)
    def test_a_later_assessment_never_gives_an_earlier_expiry(
        self, first: dt.date, steps: list[int], rulebook: Rulebook
    ) -> None:
        labels = _chain(first, steps, rulebook)
        for before, after in itertools.pairwise(labels):
            if after.valid_from == before.valid_from:
                assert after.valid_until >= before.valid_until
                assert after.renewable_until >= before.renewable_until
            else:
                assert after.valid_from > before.renewable_until

    @given(any_days, gaps, some_rulebooks)
    def test_inside_the_window_no_gap_outside_a_new_label(
        self, first: dt.date, steps: list[int], rulebook: Rulebook
    ) -> None:
        labels = _chain(first, steps, rulebook)
        for before, after in itertools.pairwise(labels):
            award = after.assessments[-1].date
            if award <= before.renewable_until:
                assert after.valid_from == before.valid_from
                assert award <= after.valid_until  # the award day is covered: no gap
                assert after.assessments[:-1] == before.assessments
            else:
                assert after.valid_from == award
                assert after.assessments == (after.assessments[-1],)

    @given(any_days, gaps, rulebooks_where(anchor=Anchor.MONTH_END))
    @example(dt.date(2024, 2, 29), [700], DEFAULT_RULEBOOK)
    def test_month_end_dates_are_month_ends(
        self, first: dt.date, steps: list[int], rulebook: Rulebook
    ) -> None:
        for label in _chain(first, steps, rulebook):
            assert _is_month_end(label.valid_until)
            assert _is_month_end(label.renewable_until)

    @given(any_days, gaps, rulebooks_where(Anchor.EXACT_DAY, ExtensionBase.PREVIOUS_EXPIRY))
    @example(dt.date(2024, 2, 29), [691], DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY))
    def test_exact_day_expiry_counts_from_the_first_assessment(
        self, first: dt.date, steps: list[int], rulebook: Rulebook
    ) -> None:
        """Decision 3: never by chaining clamped dates."""
        label = _chain(first, steps, rulebook)[-1]
        renewals = len(label.assessments) - 1
        months = rulebook.first_term_months + renewals * rulebook.renewal_term_months.bronze
        assert label.valid_until == add_months(label.valid_from, months)

    @given(any_days, st.integers(min_value=1, max_value=800), some_rulebooks)
    def test_the_renewal_window_boundary(
        self, first: dt.date, offset: int, rulebook: Rulebook
    ) -> None:
        """The last day of the window renews; the day after starts a new label."""
        label = apply_award(None, GoldAudit(first, passed=True), rulebook)
        last = label.renewable_until
        assert apply_award(label, GoldAudit(last, passed=True), rulebook).valid_from == first
        after = last + ONE_DAY
        assert apply_award(label, GoldAudit(after, passed=True), rulebook).valid_from == after
        inside = min(first + dt.timedelta(days=offset), last)
        assert apply_award(label, GoldAudit(inside, passed=True), rulebook).valid_from == first


class TestHistory:
    @given(st.lists(days, max_size=10, unique=True), some_rulebooks)
    def test_labels_do_not_overlap_and_hold_every_award_once(
        self, award_days: list[dt.date], rulebook: Rulebook
    ) -> None:
        history = label_history([Benchmark(d) for d in award_days], Tier.BRONZE, rulebook)
        for before, after in itertools.pairwise(history):
            assert after.valid_from > before.renewable_until
        assert [a.date for label in history for a in label.assessments] == sorted(award_days)

    @given(any_days, st.integers(min_value=1, max_value=120), some_rulebooks)
    def test_expiry_is_the_anchor_rule_of_the_term(
        self, start: dt.date, months: int, rulebook: Rulebook
    ) -> None:
        end = expiry(start, months, rulebook)
        assert add_months(start, months) <= end < add_months(start, months + 1)
