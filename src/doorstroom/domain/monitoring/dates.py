"""Date arithmetic of spec section 2 as Ibis expressions (any backend).

* :func:`add_months`: calendar months, the day clamped to the end of the target
  month (2020-08-31 + 6 months = 2021-02-28). Ibis compiles ``date + interval
  months`` to the backend's month addition, which clamps on DuckDB and Spark
  (checked by the tests).
* :func:`whole_months`: the largest ``n >= 0`` with ``a + n months <= b``.
* :func:`age_band`: ``<25``, ``25-54``, ``55+`` by completed years, ``onbekend``
  without a birth date; someone born on 29 February becomes a year older on
  1 March in years without 29 February.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ibis

if TYPE_CHECKING:
    import ibis.expr.types as ir

AGE_BANDS: tuple[str, ...] = ("<25", "25-54", "55+", "onbekend")
MONTH_BUCKETS: tuple[str, ...] = ("0-5", "6-11", "12-23", "24+")
UNKNOWN = "onbekend"


def add_months(value: ir.DateValue, months: int) -> ir.DateValue:
    """``value`` plus ``months`` calendar months, clamped to the month's end."""
    return value + ibis.interval(months=months)


def add_days(value: ir.DateValue, days: int) -> ir.DateValue:
    """``value`` plus ``days`` days."""
    return value + ibis.interval(days=days)


def whole_months(start: ir.DateValue, end: ir.DateValue) -> ir.IntegerValue:
    """Whole months from ``start`` to ``end`` (``start <= end``).

    The month difference ``n`` puts ``start + n months`` in ``end``'s month; it is
    one too many exactly when that date, ``min(day(start), last day)``, falls after
    ``end``: when ``day(start) > day(end)`` and ``end`` is not its month's last day.
    """
    months = (end.year() - start.year()) * 12 + (end.month() - start.month())
    end_is_month_end = add_days(end, 1).month() != end.month()
    too_many = (start.day() > end.day()) & ~end_is_month_end
    return months - too_many.cast("int64")


def completed_years(birth: ir.DateValue, at: ir.DateValue) -> ir.IntegerValue:
    """Completed years of age on ``at`` for a birth date ``birth``."""
    before_birthday = (at.month() < birth.month()) | (
        (at.month() == birth.month()) & (at.day() < birth.day())
    )
    return at.year() - birth.year() - before_birthday.cast("int64")


def age_band(birth: ir.DateValue, at: ir.DateValue) -> ir.StringValue:
    """Age band on ``at``: ``<25``, ``25-54``, ``55+`` or ``onbekend``."""
    years = completed_years(birth, at)
    return ibis.cases(
        (birth.isnull() | at.isnull(), UNKNOWN),
        (years < 25, "<25"),
        (years < 55, "25-54"),
        else_="55+",
    )


def month_bucket(months: ir.IntegerValue) -> ir.StringValue:
    """``months_to_return`` bucket: ``0-5``, ``6-11``, ``12-23`` or ``24+``."""
    return ibis.cases(
        (months < 6, "0-5"),
        (months < 12, "6-11"),
        (months < 24, "12-23"),
        else_="24+",
    )


def year_label(value: ir.DateValue) -> ir.StringValue:
    """The calendar year of ``value`` as a string, ``onbekend`` when empty."""
    return value.year().cast("string").fill_null(UNKNOWN)
