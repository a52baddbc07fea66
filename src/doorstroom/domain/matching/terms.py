"""Shared vocabularies of matching: shifts, physical demands and language levels.

The same codes describe what a vacancy asks and what a person can or wants, so
the hard constraints compare like with like.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Shift(StrEnum):
    """Working time patterns (uurregeling)."""

    DAY = "day"
    EARLY = "early"
    LATE = "late"
    NIGHT = "night"
    WEEKEND = "weekend"

    @property
    def label_nl(self) -> str:
        """Dutch label."""
        return _SHIFT_LABELS_NL[self]


_SHIFT_LABELS_NL = {
    Shift.DAY: "dagwerk",
    Shift.EARLY: "vroege shift",
    Shift.LATE: "late shift",
    Shift.NIGHT: "nachtwerk",
    Shift.WEEKEND: "weekendwerk",
}


class PhysicalDemand(StrEnum):
    """Physical demands of a job; a person records the ones they cannot meet.

    These are functional work limits the worker agreed to record (e.g. "no heavy
    lifting"), never a diagnosis or other health data.
    """

    HEAVY_LIFTING = "heavy_lifting"
    LONG_STANDING = "long_standing"
    BENDING_KNEELING = "bending_kneeling"
    REPETITIVE_MOTION = "repetitive_motion"
    OUTDOOR = "outdoor"
    COLD = "cold"
    NOISE = "noise"
    HEIGHTS = "heights"

    @property
    def label_nl(self) -> str:
        """Dutch label."""
        return _DEMAND_LABELS_NL[self]


_DEMAND_LABELS_NL = {
    PhysicalDemand.HEAVY_LIFTING: "zwaar tillen",
    PhysicalDemand.LONG_STANDING: "lang rechtstaan",
    PhysicalDemand.BENDING_KNEELING: "bukken en knielen",
    PhysicalDemand.REPETITIVE_MOTION: "repetitieve bewegingen",
    PhysicalDemand.OUTDOOR: "buitenwerk",
    PhysicalDemand.COLD: "werken in de koude",
    PhysicalDemand.NOISE: "lawaai",
    PhysicalDemand.HEIGHTS: "werken op hoogte",
}


class LanguageLevel(IntEnum):
    """Dutch language level on the CEFR scale (ERK): A1 = 1 ... C2 = 6."""

    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4
    C1 = 5
    C2 = 6


def parse_language_level(value: object) -> LanguageLevel:
    """Read a CEFR level from ``"B1"``, ``"b1"`` or ``3``.

    Raises
    ------
    ValueError
        When the value is not a CEFR level.

    Examples
    --------
    >>> parse_language_level("b1")
    <LanguageLevel.B1: 3>
    """
    if isinstance(value, LanguageLevel):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return LanguageLevel(value)
    if isinstance(value, str):
        text = value.strip().upper()
        if text in LanguageLevel.__members__:
            return LanguageLevel[text]
    raise ValueError(f"geen taalniveau (A1-C2): {value!r}")
