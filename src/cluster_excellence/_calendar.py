"""Calendar-month arithmetic on :class:`datetime.date` with plain integers, and its edges.

The label rules count whole calendar months (docs: *Validity and renewal*).
These helpers do that with integer month indices instead of
``dateutil.relativedelta``: the results are the same (the test suite checks
them against ``relativedelta``), and they are several times faster, which
matters for portfolios of many thousands of clusters.

Python's calendar ends on 9999-12-31. So that no rule ever computes a day
past either end, every term a rulebook may set is at most
:data:`MAX_TERM_MONTHS` long, and every day a value type holds lies between
:data:`EARLIEST_DAY` and :data:`LATEST_DAY` (our decision; docs: *File
formats*, "Dates at the calendar's edges").
"""

from __future__ import annotations

import datetime as dt

from .errors import InvalidValueError

__all__ = [
    "EARLIEST_DAY",
    "LATEST_DAY",
    "MAX_TERM_MONTHS",
    "add_months",
    "days_in_month",
    "end_of_month_after",
    "month_index",
    "months_fit",
]

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: Month indices (year * 12 + month - 1) of January of year 1 and December 9999.
FIRST_MONTH = 1 * 12
LAST_MONTH = 9999 * 12 + 11

#: The longest first term, renewal term or renewal window a rulebook may set
#: (our decision: ten years, four times the longest published term).
MAX_TERM_MONTHS = 120

#: The earliest day a value holds: a label's start is looked for at most
#: :data:`MAX_TERM_MONTHS` before a stated end.
EARLIEST_DAY = dt.date(11, 1, 1)
#: The latest day a value holds: a first term and a renewal window of
#: :data:`MAX_TERM_MONTHS` each still end within the calendar.
LATEST_DAY = dt.date(9979, 12, 31)


def month_index(day: dt.date) -> int:
    """The month of ``day`` as one integer: ``year * 12 + month - 1``."""
    return day.year * 12 + day.month - 1


def months_fit(day: dt.date, months: int) -> bool:
    """Whether the month ``months`` months after ``day``'s month lies within the calendar."""
    return FIRST_MONTH <= month_index(day) + months <= LAST_MONTH


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    """Return the number of days of ``month`` (1-12) in ``year``."""
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _check_range(index: int, start: dt.date, months: int) -> None:
    if not FIRST_MONTH <= index <= LAST_MONTH:
        raise InvalidValueError(
            f"{start.isoformat()} plus {months} months falls outside the years 1-9999"
        )


def add_months(start: dt.date, months: int) -> dt.date:
    """Return ``start`` plus ``months`` calendar months, clamped to the month's end.

    This is ``start + relativedelta(months=months)``: when the day does not
    exist in the target month, the month's last day is used. A result
    outside the calendar raises :class:`ValueError`.

    >>> import datetime as dt
    >>> from cluster_excellence._calendar import add_months
    >>> add_months(dt.date(2024, 2, 29), 24)
    datetime.date(2026, 2, 28)
    >>> add_months(dt.date(2024, 2, 29), 48)
    datetime.date(2028, 2, 29)
    >>> add_months(dt.date(2019, 1, 31), 1)
    datetime.date(2019, 2, 28)
    """
    index = start.year * 12 + start.month - 1 + months
    _check_range(index, start, months)
    year, month0 = divmod(index, 12)
    last = days_in_month(year, month0 + 1)
    return dt.date(year, month0 + 1, start.day if start.day <= last else last)


def end_of_month_after(start: dt.date, months: int) -> dt.date:
    """Return the last day of the month that lies ``months`` months after ``start``'s month.

    >>> import datetime as dt
    >>> from cluster_excellence._calendar import end_of_month_after
    >>> end_of_month_after(dt.date(2019, 7, 25), 24)
    datetime.date(2021, 7, 31)
    >>> end_of_month_after(dt.date(2016, 9, 1), 24)
    datetime.date(2018, 9, 30)
    """
    index = start.year * 12 + start.month - 1 + months
    end = MONTH_ENDS.get(index)
    if end is None:
        _check_range(index, start, months)
        year, month0 = divmod(index, 12)
        end = MONTH_ENDS[index] = dt.date(year, month0 + 1, days_in_month(year, month0 + 1))
    return end


# Month ends by month index: a portfolio's dates fall in few months, and a
# lookup is several times cheaper than building the date again.
MONTH_ENDS: dict[int, dt.date] = {}
