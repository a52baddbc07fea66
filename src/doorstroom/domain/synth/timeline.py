"""Dates as day numbers for vectorised generation.

The generator works on ``int64`` day numbers (days since 1970-01-01), so that whole
chunks of careers can be shifted, compared and split with numpy. ``OPEN`` stands for
"no end date" (still running when the data were extracted): it is larger than any real
day, so an open spell compares as running past every date.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

#: End date of a spell that is still running at extraction.
OPEN = 10**6

#: An unknown date (birth dates before 1970 are negative day numbers, so the marker
#: lies far below any real date).
MISSING = -(10**6)

#: First day of the synthetic histories.
HISTORY_START = int(np.datetime64("2010-01-01", "D").astype(np.int64))

#: Extraction date of the synthetic data: nothing starts after this day, and whatever
#: runs past it has an empty end date.
EXTRACTION = int(np.datetime64("2024-12-31", "D").astype(np.int64))

#: Days in an average year, for drawing durations given in years.
YEAR = 365.25


def day(iso: str) -> int:
    """Return the day number of an ISO date.

    Parameters
    ----------
    iso
        A date ``YYYY-MM-DD``.

    Returns
    -------
    int
        Days since 1970-01-01.

    Examples
    --------
    >>> day("1970-01-02")
    1
    """
    return int(np.datetime64(iso, "D").astype(np.int64))


def to_date(number: int) -> dt.date:
    """Return the calendar date of a day number.

    Examples
    --------
    >>> to_date(day("2020-02-29"))
    datetime.date(2020, 2, 29)
    """
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(number))


def add_months(days: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """Add calendar months, clamping to the last day of the target month.

    This is the spec's "plus N months": same day number, clamped to the month's last
    day (2020-08-31 plus 6 months is 2021-02-28).

    Parameters
    ----------
    days
        Day numbers.
    months
        Months to add (may be negative), a scalar or an array like ``days``.

    Returns
    -------
    numpy.ndarray
        Day numbers (``int64``).

    Examples
    --------
    >>> to_date(add_months(np.array([day("2020-08-31")]), 6)[0])
    datetime.date(2021, 2, 28)
    """
    dates = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    month = dates.astype("datetime64[M]")
    day_of_month = (dates - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.asarray(months, dtype=np.int64)
    first = target.astype("datetime64[D]")
    length = ((target + 1).astype("datetime64[D]") - first).astype(np.int64)
    return (first + np.minimum(day_of_month, length - 1)).astype(np.int64)


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """Add calendar years (29 February becomes 28 February in other years).

    Examples
    --------
    >>> to_date(add_years(np.array([day("2020-02-29")]), 1)[0])
    datetime.date(2021, 2, 28)
    """
    return add_months(days, np.asarray(years, dtype=np.int64) * 12)


def year_of(days: np.ndarray) -> np.ndarray:
    """Return the calendar year of each day number.

    Examples
    --------
    >>> year_of(np.array([day("2019-12-31"), day("2020-01-01")])).tolist()
    [2019, 2020]
    """
    years = (
        np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]")
    )
    return years.astype(np.int64) + 1970


def year_start(year: int) -> int:
    """Return the day number of 1 January of ``year``."""
    return day(f"{year:04d}-01-01")


def year_end(year: int) -> int:
    """Return the day number of 31 December of ``year``."""
    return day(f"{year:04d}-12-31")
