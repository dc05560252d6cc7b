"""Validity, seamless renewal and status of labels (docs: Validity and renewal, Decisions 1-5)."""

from __future__ import annotations

import datetime as dt

import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    GoldAudit,
    Label,
    SilverAudit,
    Status,
    Tier,
)
from cluster_excellence.model.assessments import Assessment
from cluster_excellence.model.rulebooks import Anchor, ExtensionBase, TierMonths
from cluster_excellence.rules.labels import (
    apply_award,
    first_expiry,
    first_renewable_until,
    label_history,
    label_status,
    last_seamless_renewal_day,
)

D = dt.date
EXACT = DEFAULT_RULEBOOK.variant(anchor=Anchor.EXACT_DAY)
BY_ASSESSMENT = DEFAULT_RULEBOOK.variant(extension_base=ExtensionBase.ASSESSMENT)


def bronze(*days: dt.date, rulebook: object = DEFAULT_RULEBOOK) -> Label:
    label = None
    for day in days:
        label = apply_award(label, Benchmark(day), rulebook)  # type: ignore[arg-type]
    assert label is not None
    return label


class TestFirstAward:
    """Decision 1: a first award is valid 24 months, month-end or exact-day anchored."""

    def test_qoot_month_end(self) -> None:
        label = bronze(D(2019, 7, 25))
        assert (label.valid_from, label.valid_until, label.renewable_until) == (
            D(2019, 7, 25),
            D(2021, 7, 31),
            D(2022, 7, 31),
        )
        assert label.tier is Tier.BRONZE
        assert label.rulebook == "ecei-2019"

    def test_qoot_exact_day_matches_its_certificate(self) -> None:
        assert first_expiry(D(2019, 7, 25), EXACT) == D(2021, 7, 25)
        assert first_renewable_until(D(2019, 7, 25), EXACT) == D(2022, 7, 25)

    def test_nordland_september_2016_expires_in_september_2018(self) -> None:
        for day in range(1, 31):
            assert first_expiry(D(2016, 9, day)) == D(2018, 9, 30)

    @pytest.mark.parametrize(
        ("assessed", "month_end", "exact_day"),
        [
            (D(2020, 2, 29), D(2022, 2, 28), D(2022, 2, 28)),
            (D(2024, 2, 29), D(2026, 2, 28), D(2026, 2, 28)),
            (D(2022, 2, 28), D(2024, 2, 29), D(2024, 2, 28)),
            (D(2023, 1, 31), D(2025, 1, 31), D(2025, 1, 31)),
            (D(2019, 12, 31), D(2021, 12, 31), D(2021, 12, 31)),
            (D(2019, 12, 1), D(2021, 12, 31), D(2021, 12, 1)),
            (D(2020, 1, 1), D(2022, 1, 31), D(2022, 1, 1)),
        ],
    )
    def test_pinned_edges(self, assessed: dt.date, month_end: dt.date, exact_day: dt.date) -> None:
        assert first_expiry(assessed) == month_end
        assert first_expiry(assessed, EXACT) == exact_day

    def test_a_one_month_term_from_january_31_clamps_to_february(self) -> None:
        short = EXACT.variant(first_term_months=1)
        assert first_expiry(D(2023, 1, 31), short) == D(2023, 2, 28)
        assert first_expiry(D(2024, 1, 31), short) == D(2024, 2, 29)

    def test_gold_first_award(self) -> None:
        label = apply_award(None, GoldAudit(D(2017, 11, 17), score=84.0))
        assert (label.tier, label.valid_until, label.renewable_until) == (
            Tier.GOLD,
            D(2019, 11, 30),
            D(2020, 11, 30),
        )


class TestStatusBoundaries:
    """Decision 4: valid through valid_until, expired_renewable through renewable_until."""

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2019, 7, 25), Status.VALID),
            (D(2021, 7, 30), Status.VALID),
            (D(2021, 7, 31), Status.VALID),
            (D(2021, 8, 1), Status.EXPIRED_RENEWABLE),
            (D(2022, 7, 30), Status.EXPIRED_RENEWABLE),
            (D(2022, 7, 31), Status.EXPIRED_RENEWABLE),
            (D(2022, 8, 1), Status.LAPSED),
            (D(2030, 1, 1), Status.LAPSED),
        ],
    )
    def test_qoot(self, day: dt.date, expected: Status) -> None:
        assert label_status(bronze(D(2019, 7, 25)), day) is expected

    def test_no_status_before_the_label_starts(self) -> None:
        with pytest.raises(ValueError, match="starts on 2019-07-25, after 2019-07-24"):
            label_status(bronze(D(2019, 7, 25)), D(2019, 7, 24))

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (D(2021, 7, 24), Status.VALID),
            (D(2021, 7, 25), Status.VALID),
            (D(2021, 7, 26), Status.EXPIRED_RENEWABLE),
            (D(2022, 7, 25), Status.EXPIRED_RENEWABLE),
            (D(2022, 7, 26), Status.LAPSED),
        ],
    )
    def test_qoot_exact_day(self, day: dt.date, expected: Status) -> None:
        assert label_status(bronze(D(2019, 7, 25), rulebook=EXACT), day) is expected


class TestRenewal:
    """Decisions 2 and 3: renewal window and seamless extension."""

    def test_on_the_last_day_of_the_window_renews(self) -> None:
        label = bronze(D(2019, 7, 25), D(2022, 7, 31))
        assert label.valid_from == D(2019, 7, 25)
        assert label.valid_until == D(2024, 7, 31)
        assert label.renewable_until == D(2025, 7, 31)
        assert len(label.assessments) == 2
        assert last_seamless_renewal_day(label) == D(2025, 7, 31)

    def test_the_day_after_the_window_starts_a_new_label(self) -> None:
        label = bronze(D(2019, 7, 25), D(2022, 8, 1))
        assert label.valid_from == D(2022, 8, 1)
        assert label.valid_until == D(2024, 8, 31)
        assert len(label.assessments) == 1

    def test_the_day_before_the_window_ends_renews(self) -> None:
        assert bronze(D(2019, 7, 25), D(2022, 7, 30)).valid_from == D(2019, 7, 25)

    def test_renewing_before_expiry_extends_from_the_previous_expiry(self) -> None:
        assert bronze(D(2019, 7, 25), D(2021, 5, 10)).valid_until == D(2024, 7, 31)

    def test_renewing_on_the_expiry_day_and_the_day_after(self) -> None:
        assert bronze(D(2019, 7, 25), D(2021, 7, 31)).valid_until == D(2024, 7, 31)
        assert bronze(D(2019, 7, 25), D(2021, 8, 1)).valid_until == D(2024, 7, 31)

    def test_silver_renews_by_36_months_and_gold_by_24(self) -> None:
        silver = apply_award(None, SilverAudit(D(2020, 1, 15), passed=True))
        silver = apply_award(silver, SilverAudit(D(2022, 11, 8), passed=True))
        assert silver.valid_until == D(2025, 1, 31)
        gold = apply_award(None, GoldAudit(D(2017, 11, 17), score=84.0))
        gold = apply_award(gold, GoldAudit(D(2019, 11, 20), passed=True))
        assert gold.valid_until == D(2021, 11, 30)
        assert gold.renewable_until == D(2022, 11, 30)

    def test_hemp_cluster_default_and_assessment_base(self) -> None:
        days = (D(2017, 10, 1), D(2019, 11, 1), D(2021, 11, 1))
        assert bronze(*days).valid_until == D(2025, 10, 31)
        assert bronze(*days, rulebook=BY_ASSESSMENT).valid_until == D(2024, 11, 30)
        assert bronze(*days, rulebook=BY_ASSESSMENT).valid_from == D(2017, 10, 1)

    def test_exact_day_gold_chain_counts_from_the_first_assessment(self) -> None:
        exact = EXACT
        gold = apply_award(None, GoldAudit(D(2024, 2, 29), passed=True), exact)
        assert gold.valid_until == D(2026, 2, 28)
        gold = apply_award(gold, GoldAudit(D(2026, 1, 20), passed=True), exact)
        assert gold.valid_until == D(2028, 2, 29)  # not 2026-02-28 + 24 months
        assert gold.renewable_until == D(2029, 2, 28)
        assert (gold.term_start, gold.term_months) == (D(2024, 2, 29), 48)

    def test_exact_day_bronze_chain_from_february_29(self) -> None:
        label = bronze(D(2020, 2, 29), D(2022, 2, 1), D(2024, 11, 5), rulebook=EXACT)
        assert label.valid_until == D(2028, 2, 29)  # 2020-02-29 + 24 + 36 + 36 months

    def test_a_renewal_never_shortens_a_label(self) -> None:
        short = BY_ASSESSMENT.variant(
            renewal_term_months=TierMonths(6, 6, 6), renewal_window_months=6
        )
        label = bronze(D(2020, 3, 10), D(2020, 4, 2), rulebook=short)
        assert label.valid_until == D(2022, 3, 31)
        assert len(label.assessments) == 2

    def test_a_renewal_window_of_zero_months_ends_at_expiry(self) -> None:
        none = DEFAULT_RULEBOOK.variant(renewal_window_months=0)
        assert bronze(D(2019, 7, 25), D(2021, 7, 31), rulebook=none).valid_from == D(2019, 7, 25)
        assert bronze(D(2019, 7, 25), D(2021, 8, 1), rulebook=none).valid_from == D(2021, 8, 1)


class TestApplyAwardRefuses:
    def test_an_assessment_that_awards_nothing(self) -> None:
        with pytest.raises(ValueError, match="awards no label"):
            apply_award(None, Benchmark(D(2019, 7, 25), awarded=False))

    def test_another_tier(self) -> None:
        with pytest.raises(ValueError, match="awards silver, not bronze"):
            apply_award(bronze(D(2019, 7, 25)), SilverAudit(D(2020, 1, 1), passed=True))

    def test_an_assessment_not_after_the_latest(self) -> None:
        with pytest.raises(ValueError, match="not later than the label's latest assessment"):
            apply_award(bronze(D(2019, 7, 25)), Benchmark(D(2019, 7, 25)))

    def test_a_label_of_another_rulebook(self) -> None:
        with pytest.raises(
            ValueError,
            match=r"computed under rulebook 'ecei-2019', not 'ecei-2019\[anchor=exact-day\]'",
        ):
            apply_award(bronze(D(2019, 7, 25)), Benchmark(D(2020, 7, 25)), EXACT)


class TestLabelHistory:
    def test_splits_into_labels_and_ignores_other_tiers_and_failures(self) -> None:
        assessments: list[Assessment] = [
            Benchmark(D(2022, 5, 10)),
            GoldAudit(D(2020, 1, 1), score=90.0),
            Benchmark(D(2019, 2, 14)),
            Benchmark(D(2020, 6, 1), awarded=False),
        ]
        history = label_history(assessments, Tier.BRONZE)
        assert [(label.valid_from, label.valid_until) for label in history] == [
            (D(2019, 2, 14), D(2021, 2, 28)),
            (D(2022, 5, 10), D(2024, 5, 31)),
        ]
        assert [a.date for a in history[0].assessments] == [D(2019, 2, 14)]
        gold = label_history(assessments, Tier.GOLD)
        assert [label.valid_until for label in gold] == [D(2022, 1, 31)]

    def test_until_keeps_only_assessments_on_or_before_the_day(self) -> None:
        assessments: list[Assessment] = [Benchmark(D(2019, 7, 25)), Benchmark(D(2022, 7, 1))]
        assert label_history(assessments, Tier.BRONZE, until=D(2022, 6, 30))[0].valid_until == (
            D(2021, 7, 31)
        )
        assert label_history(assessments, Tier.BRONZE, until=D(2022, 7, 1))[0].valid_until == (
            D(2024, 7, 31)
        )

    def test_no_awards_no_labels(self) -> None:
        assert label_history([], Tier.SILVER) == ()


def test_labels_refuse_dates_out_of_order() -> None:
    label = bronze(D(2019, 7, 25))
    with pytest.raises(ValueError, match="valid_from <= valid_until <= renewable_until"):
        Label(
            tier=label.tier,
            valid_from=label.valid_from,
            valid_until=label.renewable_until,
            renewable_until=label.valid_until,
            assessments=label.assessments,
            rulebook=label.rulebook,
            term_start=label.term_start,
            term_months=label.term_months,
        )
