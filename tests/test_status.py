"""Status of clusters and portfolios on a day (docs: Validity and renewal, Decisions 4 and 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from cluster_excellence import (
    DEFAULT_RULEBOOK,
    Benchmark,
    Cluster,
    GoldAudit,
    Portfolio,
    SilverAudit,
    Status,
    Tier,
    cluster_status,
    portfolio_status,
    sample_portfolio,
)
from cluster_excellence.errors import InvalidValueError
from cluster_excellence.rules.status import highest_valid_tier

D = dt.date


def summary(cluster: Cluster, on: dt.date, *, retroactive: bool = False) -> list[tuple[str, str]]:
    result = cluster_status(cluster, on, retroactive=retroactive)
    return [(entry.tier.value, entry.status.value) for entry in result.labels]


OCEAN = Cluster(
    "ocean",
    "Example Ocean",
    [
        GoldAudit(D(2019, 6, 12), score=98.0),
        GoldAudit(D(2021, 9, 22), score=99.0),
    ],
)


class TestAsOfAndRetroactive:
    """Decision 4: as-of counts only assessments on or before the day."""

    def test_as_of_a_later_renewal_is_unknown(self) -> None:
        assert summary(OCEAN, D(2021, 8, 1)) == [("gold", "expired_renewable")]

    def test_retroactive_the_renewal_covers_the_gap(self) -> None:
        assert summary(OCEAN, D(2021, 8, 1), retroactive=True) == [("gold", "valid")]
        result = cluster_status(OCEAN, D(2021, 8, 1), retroactive=True)
        assert result.retroactive
        assert result.labels[0].label.valid_until == D(2023, 6, 30)

    def test_on_the_renewal_day_both_agree(self) -> None:
        assert summary(OCEAN, D(2021, 9, 22)) == [("gold", "valid")]

    def test_a_label_that_starts_after_the_day_is_not_listed(self) -> None:
        cluster = Cluster("x", "X", [Benchmark(D(2019, 2, 14)), Benchmark(D(2022, 5, 10))])
        assert summary(cluster, D(2022, 5, 9), retroactive=True) == [("bronze", "lapsed")]
        assert summary(cluster, D(2022, 5, 10)) == [("bronze", "valid")]
        assert cluster_status(cluster, D(2022, 5, 9)).labels[0].valid_from == D(2019, 2, 14)

    def test_before_any_award_there_is_no_label(self) -> None:
        cluster = Cluster("x", "X", [Benchmark(D(2019, 2, 14))])
        result = cluster_status(cluster, D(2019, 2, 13))
        assert result.labels == ()
        assert result.highest_valid_tier is None

    def test_a_datetime_with_a_time_of_day_is_not_a_day(self) -> None:
        with pytest.raises(InvalidValueError, match=r"on: 2021-08-01 12:00:00 has a time of day"):
            cluster_status(OCEAN, dt.datetime(2021, 8, 1, 12))
        with pytest.raises(InvalidValueError, match=r"has a time of day"):
            cluster_status(OCEAN, dt.datetime(2021, 8, 1, tzinfo=dt.timezone.utc))

    @pytest.mark.parametrize(
        "day",
        [
            dt.date(2021, 8, 1),
            "2021-08-01",
            dt.datetime(2021, 8, 1),
        ],
    )
    def test_a_day_is_a_date_an_iso_text_or_a_midnight_datetime(self, day: object) -> None:
        expected = cluster_status(OCEAN, dt.date(2021, 8, 1))
        assert cluster_status(OCEAN, day) == expected  # type: ignore[arg-type]
        assert cluster_status(OCEAN, day).on == dt.date(2021, 8, 1)  # type: ignore[arg-type]

    def test_a_pandas_timestamp_at_midnight_is_a_day(self) -> None:
        pandas = pytest.importorskip("pandas")
        expected = cluster_status(OCEAN, dt.date(2021, 8, 1))
        assert cluster_status(OCEAN, pandas.Timestamp("2021-08-01")) == expected
        with pytest.raises(InvalidValueError, match="has a time of day"):
            cluster_status(OCEAN, pandas.Timestamp("2021-08-01 00:00:00.000000001"))
        with pytest.raises(InvalidValueError, match="is not a valid date"):
            cluster_status(OCEAN, "2021-02-30")


class TestTiers:
    """Decision 6: tiers are independent; the highest valid tier is the best valid one."""

    cluster = Cluster(
        "x",
        "X",
        [
            Benchmark(D(2022, 3, 10)),
            SilverAudit(D(2024, 6, 18), passed=True),
            GoldAudit(D(2023, 5, 14), score=86.5),
        ],
    )

    def test_gold_does_not_end_bronze_and_needs_no_silver(self) -> None:
        assert summary(self.cluster, D(2023, 6, 1)) == [("bronze", "valid"), ("gold", "valid")]
        assert highest_valid_tier(self.cluster, D(2023, 6, 1)) is Tier.GOLD

    def test_labels_come_in_tier_order(self) -> None:
        assert summary(self.cluster, D(2024, 7, 1)) == [
            ("bronze", "expired_renewable"),
            ("silver", "valid"),
            ("gold", "valid"),
        ]

    def test_highest_valid_tier_skips_tiers_that_are_not_valid(self) -> None:
        assert highest_valid_tier(self.cluster, D(2025, 7, 1)) is Tier.SILVER
        assert highest_valid_tier(self.cluster, D(2026, 7, 1)) is None

    def test_a_failed_audit_does_not_revoke(self) -> None:
        cluster = Cluster(
            "x",
            "X",
            [GoldAudit(D(2020, 1, 10), score=90.0), GoldAudit(D(2021, 1, 10), score=60.0)],
        )
        assert summary(cluster, D(2021, 6, 1)) == [("gold", "valid")]

    def test_the_label_lookup(self) -> None:
        result = cluster_status(self.cluster, D(2023, 6, 1))
        silver = result.label(Tier.SILVER)
        gold = result.label(Tier.GOLD)
        assert silver is None
        assert gold is not None
        assert gold.status is Status.VALID


class TestPortfolio:
    def test_results_keep_the_portfolio_order_and_name_the_rulebook(self) -> None:
        portfolio = Portfolio(
            [Cluster("b", "B", [Benchmark(D(2020, 1, 1))]), Cluster("a", "A", [])]
        )
        result = portfolio_status(portfolio, D(2020, 6, 1))
        assert [c.cluster_id for c in result.clusters] == ["b", "a"]
        assert result.rulebook == "ecei-2019"
        assert result.to_dict() == {
            "format": "cluster-excellence.status/1",
            "on": "2020-06-01",
            "rulebook": "ecei-2019",
            "editions": [
                {"id": "ecei-2010", "effective_from": "2010-11-01"},
                {"id": "ecei-2019", "effective_from": "2019-11-15"},
            ],
            "retroactive": False,
            "clusters": [
                {
                    "id": "b",
                    "name": "B",
                    "highest_valid_tier": "bronze",
                    "labels": [
                        {
                            "tier": "bronze",
                            "status": "valid",
                            "valid_from": "2020-01-01",
                            "valid_until": "2022-01-31",
                            "renewable_until": "2023-01-31",
                            "basis": "assessments",
                            "source": None,
                        }
                    ],
                    "disagreements": [],
                },
                {
                    "id": "a",
                    "name": "A",
                    "highest_valid_tier": None,
                    "labels": [],
                    "disagreements": [],
                },
            ],
        }

    def test_dates_too_near_the_calendar_end_cannot_be_recorded(self) -> None:
        with pytest.raises(ValueError, match="9998-01-01 is after 9979-12-31, the latest day"):
            Cluster("far", "Far", [Benchmark(D(9998, 1, 1))])


def _sample_statuses(on: dt.date, *, retroactive: bool = False) -> dict[str, list[str]]:
    result = portfolio_status(sample_portfolio(), on, DEFAULT_RULEBOOK, retroactive=retroactive)
    return {
        c.cluster_id: [f"{e.tier.value}:{e.status.value}" for e in c.labels]
        for c in result.clusters
    }


class TestSamplePortfolio:
    """The shipped sample shows every status, on the dates the docs use."""

    def test_on_2021_08_01(self) -> None:
        assert _sample_statuses(D(2021, 8, 1)) == {
            "qoot": ["bronze:expired_renewable"],
            "nordland-2016": ["bronze:lapsed"],
            "hemp-sk": ["bronze:valid"],
            "basque-energy": ["gold:lapsed"],
            "example-ocean": ["gold:expired_renewable"],
            "example-bronze": [],
            "example-window": [],
            "example-silver": [],
            "example-gold": [],
            "example-failed": [],
            "example-none": [],
            "example-late": ["bronze:expired_renewable"],
            "example-leap": [],
            "example-listed": [],
            "mineralklynge": ["bronze:lapsed", "silver:lapsed"],
            "example-go": [],
        }
        assert _sample_statuses(D(2021, 8, 1), retroactive=True)["example-ocean"] == ["gold:valid"]

    def test_on_2026_11_20(self) -> None:
        assert _sample_statuses(D(2026, 11, 20)) == {
            "qoot": ["bronze:lapsed"],
            "nordland-2016": ["bronze:lapsed"],
            "hemp-sk": ["bronze:lapsed"],
            "basque-energy": ["gold:lapsed"],
            "example-ocean": ["gold:lapsed"],
            "example-bronze": ["bronze:valid"],
            "example-window": ["bronze:expired_renewable"],
            "example-silver": ["bronze:valid", "silver:expired_renewable"],
            "example-gold": ["bronze:lapsed", "gold:valid"],
            "example-failed": ["bronze:expired_renewable"],
            "example-none": [],
            "example-late": ["bronze:lapsed"],
            "example-leap": ["gold:valid"],
            "example-listed": ["gold:valid"],
            "mineralklynge": ["bronze:lapsed", "silver:lapsed"],
            "example-go": ["bronze:valid", "silver:valid"],
        }

    def test_every_cluster_says_where_its_records_come_from(self) -> None:
        for cluster in sample_portfolio():
            assert cluster.note
            if cluster.id.startswith("example-"):
                assert cluster.name.startswith("Example")
                assert "Invented example" in cluster.note
            else:
                assert cluster.note.startswith("Public record")
