"""The published figures the synthetic population is calibrated on.

Transcribed from the parliamentary answers in ``shared/seeds``:

* ``001_778ce2f97233e4f5.txt``: doorstroom 2019-2022 and SEC_NEC_SEC returns, per
  province of residence;
* ``003_209ba4cc44dcde88.txt``: the 206 ``doorstroomklaar`` advices per instrument,
  year, province and age band, the 357 evaluations per year, province and age band,
  and the 82 trajectories of ESF call 432 (see ``esf_call_trajectories.csv``).

Province codes are those of the data contract; ``""`` is an unknown province.
"""

from __future__ import annotations

from types import MappingProxyType

#: Province codes of the data contract, then "unknown".
PROVINCES = ("ANT", "LIM", "OVL", "VBR", "WVL", "BRU", "BUI", "")
FLEMISH_PROVINCES = ("ANT", "LIM", "OVL", "VBR", "WVL")

#: Age bands of the monitoring engine.
AGE_BANDS = ("<25", "25-54", "55+")

#: 001: doorstroom events 2019-2022 per province of residence (total 2,627).
DOORSTROOM_BY_PROVINCE = MappingProxyType(
    {"ANT": 742, "LIM": 353, "OVL": 581, "VBR": 255, "WVL": 678, "BRU": 8, "BUI": 10}
)
#: 001: SEC_NEC_SEC returns 2019-2022 per province of residence (total 487).
RETURNS_BY_PROVINCE = MappingProxyType(
    {"ANT": 150, "LIM": 63, "OVL": 105, "VBR": 44, "WVL": 123, "BRU": 2, "BUI": 0}
)
DOORSTROOM_TOTAL = sum(DOORSTROOM_BY_PROVINCE.values())
RETURNS_TOTAL = sum(RETURNS_BY_PROVINCE.values())

#: 003: ``doorstroomklaar`` advices per (instrument, year); year ``None`` is "OB"
#: (date unknown). Province counts in the order of ``FLEMISH_PROVINCES``.
READY_BY_PROVINCE = MappingProxyType(
    {
        ("LDE", 2018): (0, 5, 3, 1, 0),
        ("LDE", 2019): (25, 18, 14, 15, 5),
        ("LDE", 2020): (29, 10, 13, 9, 13),
        ("LDE", None): (0, 2, 0, 0, 0),
        ("CM", 2018): (1, 1, 5, 2, 3),
        ("CM", 2019): (4, 3, 7, 2, 3),
        ("CM", 2020): (6, 1, 1, 2, 1),
        ("CM", None): (0, 1, 1, 0, 0),
    }
)
#: 003: the same advices per age band, in the order of ``AGE_BANDS``.
READY_BY_AGE = MappingProxyType(
    {
        ("LDE", 2018): (0, 9, 0),
        ("LDE", 2019): (0, 55, 22),
        ("LDE", 2020): (0, 48, 26),
        ("LDE", None): (0, 2, 0),
        ("CM", 2018): (0, 12, 0),
        ("CM", 2019): (1, 18, 0),
        ("CM", 2020): (2, 9, 0),
        ("CM", None): (0, 1, 1),
    }
)
READY_TOTAL = sum(sum(counts) for counts in READY_BY_PROVINCE.values())

#: 003: the 357 evaluations per year (``None``: unknown) and province of the
#: employer, and per age band (the 2018 age rows add up to 17, not 16).
EVALUATED_BY_PROVINCE = MappingProxyType(
    {
        2018: (1, 3, 6, 4, 2),
        2019: (119, 61, 42, 63, 36),
        None: (3, 3, 13, 1, 0),
    }
)
EVALUATED_BY_AGE = MappingProxyType(
    {
        2018: (1, 16, 0),
        2019: (11, 237, 73),
        None: (1, 16, 3),
    }
)
EVALUATED_TOTAL = sum(sum(counts) for counts in EVALUATED_BY_PROVINCE.values())

#: 003: of the 206 ``doorstroomklaar`` workers, at the end of November 2019: 177 at
#: work with the same employer, 19 with another, 10 not at work.
READY_STATUS_2019 = MappingProxyType({"same": 177, "other": 19, "none": 10})
