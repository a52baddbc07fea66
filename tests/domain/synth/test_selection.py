"""Birth date ranges for age bands, and employers of the right kind."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from doorstroom.domain.synth import careers, employers
from doorstroom.domain.synth.selection import band_range
from doorstroom.domain.synth.timeline import day, to_date


def _completed_years(born: date, at: date) -> int:
    """Completed years (someone born on 29 February ages on 1 March)."""
    birthday_passed = (at.month, at.day) >= (born.month, born.day)
    if born.month == 2 and born.day == 29 and at.month == 2 and at.day == 28:
        birthday_passed = False
    return at.year - born.year - (not birthday_passed)


@pytest.mark.parametrize(
    ("band", "lowest", "highest"), [("<25", 18, 24), ("25-54", 25, 54), ("55+", 55, 66)]
)
@pytest.mark.parametrize(
    "when", ["2019-11-30", "2020-02-29", "2021-03-01", "2024-06-30"]
)
def test_every_birth_date_in_the_range_is_in_the_band(
    band: str, lowest: int, highest: int, when: str
) -> None:
    at = date.fromisoformat(when)
    low, high = band_range(band, np.array([day(when)]))
    born = to_date(low[0])
    ages = set()
    while born <= to_date(high[0]):
        ages.add(_completed_years(born, at))
        born += timedelta(days=1)
    assert min(ages) == lowest and max(ages) == highest


def test_employers_have_the_kind_asked_for_mostly_nearby() -> None:
    rng = np.random.default_rng(5)
    pool = employers.build_pool(60_000, rng)
    kinds = np.array(
        [careers.CM, careers.LDE, careers.NEC, careers.INTERIM] * 500, dtype=np.int8
    )
    provinces = np.array(["LIM"] * 2_000, dtype=object)
    picked = employers.assign_employers(pool, kinds, provinces, rng)
    assert np.array_equal(pool.kind[picked], kinds)
    local = (pool.province[picked] == "LIM").mean()
    assert 0.8 < local < 0.95
    # a few large employers take many workers
    nec = picked[kinds == careers.NEC]
    assert np.bincount(nec).max() >= 3


def test_pool_scales_and_uses_contract_codes() -> None:
    small = employers.build_pool(60_000, np.random.default_rng(1))
    large = employers.build_pool(600_000, np.random.default_rng(1))
    assert len(small) == 9_430
    assert 9 * len(small) < len(large) < 11 * len(small)
    assert set(small.province) <= {"ANT", "LIM", "OVL", "VBR", "WVL", "BRU", "BUI", ""}
    assert set(small.province[small.kind <= careers.LDE]) == {
        "ANT",
        "LIM",
        "OVL",
        "VBR",
        "WVL",
    }
    assert len(set(small.ids)) == len(small)
