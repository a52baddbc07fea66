"""The nazorg contact schedule: data in the TOML file, dates computed here."""

from __future__ import annotations

from datetime import date

import pytest

from doorstroom.domain.trajectory_types import (
    AftercareBand,
    TrajectoryTypeError,
    add_months,
    get_trajectory_type,
    parse_trajectory_type,
    planned_contacts,
)

BASE = {
    "id": "mini",
    "version": 1,
    "name": "Mini",
    "source": "000 L1",
    "phases": [
        {
            "id": "a",
            "name": "A",
            "source": "000 L1",
            "steps": [{"id": "s", "name": "S", "source": "000 L1"}],
        }
    ],
}


def test_add_months_clamps_to_the_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 2), 12) == date(2027, 3, 2)


def test_shipped_doorstroom_schedule_thins_out_over_a_year():
    bands = get_trajectory_type("doorstroom_sec_nec").aftercare
    assert bands == (
        AftercareBand(until_month=1, every_weeks=1),
        AftercareBand(until_month=3, every_weeks=2),
        AftercareBand(until_month=6, every_months=1),
        AftercareBand(until_month=12, every_months=3),
    )
    # start Monday 2 March 2026: weekly until 2 April, fortnightly until 2 June,
    # monthly until 2 September, quarterly until 2 March 2027
    assert planned_contacts(bands, date(2026, 3, 2)) == [
        date(2026, 3, 9),
        date(2026, 3, 16),
        date(2026, 3, 23),
        date(2026, 3, 30),
        date(2026, 4, 13),
        date(2026, 4, 27),
        date(2026, 5, 11),
        date(2026, 5, 25),
        date(2026, 6, 25),
        date(2026, 7, 25),
        date(2026, 8, 25),
        date(2026, 11, 25),
        date(2027, 2, 25),
    ]


def test_a_contact_on_the_band_end_belongs_to_the_band():
    bands = (AftercareBand(until_month=1, every_weeks=2),)
    # 1 Feb + 1 month = 1 Mar; 1 Feb + 4 weeks = 1 Mar (2026 is not a leap year)
    assert planned_contacts(bands, date(2026, 2, 1)) == [
        date(2026, 2, 15),
        date(2026, 3, 1),
    ]


def test_type_without_aftercare_has_an_empty_schedule():
    trajectory_type = parse_trajectory_type(BASE, "mini.v1.toml")
    assert trajectory_type.aftercare == ()
    assert planned_contacts(trajectory_type.aftercare, date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    ("bands", "field"),
    [
        ([{"until_month": 1}], "aftercare.bands[0].every_weeks"),
        (
            [{"until_month": 1, "every_weeks": 1, "every_months": 1}],
            "aftercare.bands[0].every_weeks",
        ),
        (
            [
                {"until_month": 3, "every_weeks": 1},
                {"until_month": 3, "every_months": 1},
            ],
            "aftercare.bands[1].until_month",
        ),
        ([{"until_month": -1, "every_weeks": 1}], "aftercare.bands[0].until_month"),
        ([], "aftercare.bands"),
    ],
)
def test_invalid_schedules_name_the_field(bands, field):
    data = {**BASE, "aftercare": {"source": "000 L3891", "bands": bands}}
    with pytest.raises(TrajectoryTypeError) as info:
        parse_trajectory_type(data, "mini.v1.toml")
    assert info.value.field == field
