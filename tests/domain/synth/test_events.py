"""The spec's definitions on a hand-made chunk (see the table in each test)."""

from __future__ import annotations

import numpy as np

from doorstroom.domain.synth import careers, events
from doorstroom.domain.synth.events import ChunkTables
from doorstroom.domain.synth.timeline import OPEN, day

CM, LDE, IM = careers.CM, careers.LDE, careers.IM

# dossier: (person, start, end, kind, employer key)
DOSSIERS = [
    (0, "2015-01-01", "2019-03-31", CM, 0),  # d0: NEC job 2019-06-01 -> doorstroom
    (0, "2020-03-01", None, CM, 2),  # d1: back to SE after it -> a return
    (1, "2016-01-01", "2018-12-31", LDE, 3),  # d2: NEC job only in 2021 -> none
    (2, "2017-01-01", "2019-08-31", CM, 5),  # d3: side job running on -> 2019-09-01
    (3, "2020-01-01", "2024-05-31", CM, 7),  # d4: NEC job after as_of -> pending
    (
        4,
        "2018-01-01",
        "2020-08-31",
        CM,
        9,
    ),  # d5: window ends 2022-08-31, job starts then
    (5, "2018-01-01", "2020-08-31", CM, 11),  # d6: job starts a day too late
    (5, "2021-01-01", None, IM, 12),  # d7: IM (NEC with WOP), not a doorstroom job
]
# spell: (person, start, end, NEC employer, dossier, employer key)
SPELLS = [
    (0, "2015-01-01", "2019-03-31", False, 0, 0),
    (0, "2019-06-01", None, True, -1, 1),
    (0, "2020-03-01", None, False, 1, 2),
    (1, "2016-01-01", "2018-12-31", False, 2, 3),
    (1, "2021-01-15", "2021-06-30", True, -1, 4),
    (2, "2017-01-01", "2019-08-31", False, 3, 5),
    (2, "2019-05-01", "2019-12-31", True, -1, 6),
    (3, "2020-01-01", "2024-05-31", False, 4, 7),
    (3, "2024-08-01", None, True, -1, 8),
    (4, "2018-01-01", "2020-08-31", False, 5, 9),
    (4, "2022-08-31", "2023-01-31", True, -1, 10),
    (5, "2018-01-01", "2020-08-31", False, 6, 11),
    (5, "2021-01-01", None, True, 7, 12),
    (5, "2022-09-01", "2022-12-31", True, -1, 13),
]


def _day(value: str | None) -> int:
    return OPEN if value is None else day(value)


def _tables() -> ChunkTables:
    d = list(zip(*DOSSIERS, strict=True))
    s = list(zip(*SPELLS, strict=True))
    return ChunkTables(
        d_person=np.array(d[0]),
        d_start=np.array([_day(x) for x in d[1]]),
        d_end=np.array([_day(x) for x in d[2]]),
        d_kind=np.array(d[3], dtype=np.int8),
        d_employer=np.array(d[4]),
        d_episode=np.arange(len(DOSSIERS)),
        s_person=np.array(s[0]),
        s_start=np.array([_day(x) for x in s[1]]),
        s_end=np.array([_day(x) for x in s[2]]),
        s_nec=np.array(s[3]),
        s_dossier=np.array(s[4]),
        s_employer=np.array(s[5]),
        employer_kind=np.zeros(14, dtype=np.int8),
    )


def test_doorstroom_dates_follow_the_24_month_window() -> None:
    found = events.doorstroom_dates(_tables(), day("2024-06-30"))
    expected = [
        day("2019-06-01"),
        -1,
        -1,
        day("2019-09-01"),
        -1,
        day("2022-08-31"),
        -1,
        -1,
    ]
    assert found.tolist() == expected


def test_a_doorstroom_after_as_of_is_still_pending() -> None:
    found = events.doorstroom_dates(_tables(), day("2024-12-31"))
    assert found[4] == day("2024-08-01")


def test_returns_count_se_dossiers_started_after_a_doorstroom() -> None:
    tables = _tables()
    dates = events.doorstroom_dates(tables, day("2024-06-30"))
    back = events.returns(
        tables, dates, day("2019-01-01"), day("2022-12-31"), day("2024-06-30")
    )
    assert np.flatnonzero(back).tolist() == [1]
    # outside the period: not counted
    back = events.returns(
        tables, dates, day("2021-01-01"), day("2022-12-31"), day("2024-06-30")
    )
    assert not back.any()


def test_status_at_a_date_and_same_employer() -> None:
    tables = _tables()
    status, same = events.status_at(tables, 6, day("2021-06-01"))
    assert status.tolist() == [
        events.NEC_WITHOUT_WOP,  # the NEC job beats the SE dossier
        events.NEC_WITHOUT_WOP,
        events.NOT_WORKING,
        events.SEC,
        events.NOT_WORKING,  # between the dossier and the NEC job
        events.NEC_WITH_WOP,
    ]
    # person 0's NEC job is not with the employer of the latest dossier (d1)
    assert same.tolist() == [False, False, False, True, False, True]


def test_pairs_by_person() -> None:
    left, right = events.pairs_by_person(np.array([1, 3, 0]), np.array([0, 1, 1, 2]))
    assert list(zip(left.tolist(), right.tolist(), strict=True)) == [
        (0, 1),
        (0, 2),
        (2, 0),
    ]
