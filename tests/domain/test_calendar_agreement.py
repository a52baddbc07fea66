"""The rules (pure Python) and the monitoring engine (Ibis expressions) both add
calendar months clamped to the month's end, as spec section 3 defines it. They
must agree to the day: one definition, written twice for two engines."""

from __future__ import annotations

from datetime import date, timedelta

import ibis

from doorstroom.domain.monitoring import dates
from doorstroom.domain.rules.calendar import add_months

MONTHS = (1, 3, 6, 12, 24)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_add_months_agrees_on_every_day_of_three_years():
    days = _days(date(2023, 1, 1), date(2025, 12, 31))  # 2024 is a leap year
    table = ibis.memtable({"day": days})
    expr = table.select(
        "day", **{f"plus_{m}": dates.add_months(table.day, m) for m in MONTHS}
    )
    con = ibis.duckdb.connect()
    rows = con.to_pyarrow(expr).to_pylist()
    assert len(rows) == len(days)
    for row in rows:
        for m in MONTHS:
            assert row[f"plus_{m}"] == add_months(row["day"], m), (row["day"], m)


def test_whole_months_is_the_largest_n_with_add_months_not_after_the_end():
    starts = [date(2024, 1, 31), date(2024, 2, 29), date(2023, 5, 15), date(2024, 3, 1)]
    ends = _days(date(2024, 1, 31), date(2026, 3, 31))
    pairs = [(s, e) for s in starts for e in ends if s <= e]
    table = ibis.memtable(
        {"start": [s for s, _ in pairs], "end": [e for _, e in pairs]}
    )
    expr = table.select("start", "end", n=dates.whole_months(table.start, table.end))
    rows = ibis.duckdb.connect().to_pyarrow(expr).to_pylist()
    assert len(rows) == len(pairs)
    for row in rows:
        n = 0
        while add_months(row["start"], n + 1) <= row["end"]:
            n += 1
        assert row["n"] == n, (row["start"], row["end"])
