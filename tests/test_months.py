"""Calendar-month arithmetic (docs: Validity and renewal, Decision 1)."""

from __future__ import annotations

import datetime as dt

import pytest

from cluster_excellence._calendar import add_months, days_in_month, end_of_month_after


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2024, 2, 29), 24, dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), 48, dt.date(2028, 2, 29)),
        (dt.date(2019, 1, 31), 1, dt.date(2019, 2, 28)),
        (dt.date(2020, 1, 31), 1, dt.date(2020, 2, 29)),
        (dt.date(2019, 12, 31), 24, dt.date(2021, 12, 31)),
        (dt.date(2019, 12, 31), 2, dt.date(2020, 2, 29)),
        (dt.date(2019, 7, 25), 24, dt.date(2021, 7, 25)),
        (dt.date(2021, 3, 31), -1, dt.date(2021, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2019, 7, 25), 24, dt.date(2021, 7, 31)),
        (dt.date(2016, 9, 1), 24, dt.date(2018, 9, 30)),
        (dt.date(2022, 2, 1), 24, dt.date(2024, 2, 29)),
        (dt.date(2023, 12, 31), 2, dt.date(2024, 2, 29)),
        (dt.date(2023, 12, 31), 0, dt.date(2023, 12, 31)),
        (dt.date(2023, 1, 31), 13, dt.date(2024, 2, 29)),
    ],
)
def test_end_of_month_after(start: dt.date, months: int, expected: dt.date) -> None:
    assert end_of_month_after(start, months) == expected


@pytest.mark.parametrize(("year", "days"), [(2000, 29), (1900, 28), (2024, 29), (2026, 28)])
def test_february_length_follows_the_gregorian_leap_rule(year: int, days: int) -> None:
    assert days_in_month(year, 2) == days


@pytest.mark.parametrize("function", [add_months, end_of_month_after])
def test_leaving_the_calendar_is_a_clear_error(function: object) -> None:
    assert callable(function)
    with pytest.raises(
        ValueError, match=r"9998-06-15 plus 24 months falls outside the years 1-9999"
    ):
        function(dt.date(9998, 6, 15), 24)
