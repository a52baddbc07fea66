"""Calendar arithmetic for rules: adding months and years to dates."""

from __future__ import annotations

import calendar as _calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clipped to the month's last day.

    Examples
    --------
    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    >>> add_months(date(2024, 2, 29), 12)
    datetime.date(2025, 2, 28)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """``day`` plus ``years`` years (29 February becomes 28 February).

    Examples
    --------
    >>> add_years(date(2020, 2, 29), 5)
    datetime.date(2025, 2, 28)
    """
    return add_months(day, 12 * years)
