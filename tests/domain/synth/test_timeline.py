"""Calendar arithmetic on day numbers (spec §2)."""

from __future__ import annotations

import numpy as np

from doorstroom.domain.synth.timeline import (
    add_months,
    add_years,
    day,
    to_date,
    year_of,
)


def _plus(iso: str, months: int) -> str:
    return to_date(add_months(np.array([day(iso)]), months)[0]).isoformat()


def test_plus_months_clamps_to_the_end_of_the_month() -> None:
    assert _plus("2020-08-31", 6) == "2021-02-28"
    assert _plus("2020-01-31", 1) == "2020-02-29"
    assert _plus("2019-01-31", 1) == "2019-02-28"
    assert _plus("2020-03-15", 24) == "2022-03-15"
    assert _plus("2021-03-31", -1) == "2021-02-28"
    assert _plus("1965-07-04", -12) == "1964-07-04"


def test_plus_months_takes_an_array_of_months() -> None:
    days = np.array([day("2020-01-31"), day("2020-01-31")])
    result = add_months(days, np.array([1, 13]))
    assert [to_date(x).isoformat() for x in result] == ["2020-02-29", "2021-02-28"]


def test_years_and_leap_days() -> None:
    assert (
        to_date(add_years(np.array([day("2020-02-29")]), -18)[0]).isoformat()
        == "2002-02-28"
    )
    assert year_of(np.array([day("1969-12-31"), day("2024-12-31")])).tolist() == [
        1969,
        2024,
    ]
    assert day("1970-01-01") == 0 and day("1969-12-31") == -1
