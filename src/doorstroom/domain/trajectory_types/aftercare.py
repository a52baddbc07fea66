"""Aftercare (nazorg) contact schedules that thin out over time.

A schedule is a list of bands, each "every N weeks (or months) until month M after
the start of the job" (guide 000 L3891: "Naargelang de behoefte aan opvolging, kan
je dit contact langzaam afbouwen"). The bands themselves are data, in the
trajectory type's TOML file; this module only computes dates.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class AftercareBand:
    """Contacts every ``every_weeks`` weeks or ``every_months`` months (exactly
    one is non-zero) until ``until_month`` months after the start."""

    until_month: int
    every_weeks: int = 0
    every_months: int = 0


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the month's last day.

    Examples
    --------
    >>> add_months(date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def planned_contacts(bands: tuple[AftercareBand, ...], start: date) -> list[date]:
    """The planned contact dates after ``start`` (the first day of the job).

    Each band steps on from the previous contact (or ``start``) and stops at its
    own end, ``start`` plus ``until_month`` months; a contact on that end date
    belongs to the band.

    Parameters
    ----------
    bands
        The schedule, in order of ``until_month``.
    start
        The first working day in the new job.

    Returns
    -------
    list of date
        Ascending, without duplicates.
    """
    contacts: list[date] = []
    previous = start
    for band in bands:
        end = add_months(start, band.until_month)
        while True:
            if band.every_weeks:
                following = previous + timedelta(weeks=band.every_weeks)
            else:
                following = add_months(previous, band.every_months)
            if following > end:
                break
            contacts.append(following)
            previous = following
    return contacts
