"""Our integer month arithmetic agrees with dateutil's relativedelta."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import example, given
from hypothesis import strategies as st

from cluster_excellence._calendar import add_months, end_of_month_after

from .strategies import any_days


class TestAgreesWithRelativedelta:
    """dateutil: ``relativedelta(months=n)`` clamps to the month's end."""

    @given(any_days, st.integers(min_value=-120, max_value=600))
    @example(dt.date(2024, 2, 29), 12)
    @example(dt.date(2024, 1, 31), 1)
    @example(dt.date(2023, 12, 31), -10)
    def test_add_months(self, start: dt.date, months: int) -> None:
        assert add_months(start, months) == start + relativedelta(months=months)

    @given(any_days, st.integers(min_value=0, max_value=600))
    def test_end_of_month_after(self, start: dt.date, months: int) -> None:
        expected = start + relativedelta(months=months, day=31)
        assert end_of_month_after(start, months) == expected
