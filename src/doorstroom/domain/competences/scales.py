"""The guide's four-level scale for behaviour indicators, plus "niet geobserveerd".

The guide ("Gids doorstroom sociale economie", step 2 of the competence gap
assessment) scores every behaviour indicator on four levels: *Onvoldoende*,
*Matig*, *Goed* and *Zeer goed*. We store them as the integers 1 to 4 so that
gaps and medians are plain arithmetic.

A rater may also say that a competence was *niet geobserveerd* (not observed).
That is not a level: it is stored as ``None`` and never counts as 0 or 1.

Examples
--------
>>> parse_level("zeer goed")
<Level.VERY_GOOD: 4>
>>> parse_level("niet geobserveerd") is None
True
>>> Level.MODERATE.label_nl
'Matig'
"""

from __future__ import annotations

import math
from enum import IntEnum

#: Dutch label for a rating that is not a level.
NOT_OBSERVED_LABEL_NL = "Niet geobserveerd"

#: Lowest and highest level of the scale.
MIN_LEVEL = 1
MAX_LEVEL = 4

#: Keys of the four levels in the framework data files, lowest first.
LEVEL_KEYS: tuple[str, str, str, str] = ("onvoldoende", "matig", "goed", "zeer_goed")

_NOT_OBSERVED_SPELLINGS = frozenset(
    {"niet geobserveerd", "niet_geobserveerd", "ng", "n.g.", "not_observed"}
)


class Level(IntEnum):
    """A level of the four-level indicator scale (glossary: insufficient ... very_good)."""

    INSUFFICIENT = 1
    MODERATE = 2
    GOOD = 3
    VERY_GOOD = 4

    @property
    def code(self) -> str:
        """The English code id of the glossary (``insufficient`` ... ``very_good``)."""
        return self.name.lower()

    @property
    def label_nl(self) -> str:
        """The Dutch label shown in the interface (``Onvoldoende`` ... ``Zeer goed``)."""
        return _LABELS_NL[self]

    @property
    def key(self) -> str:
        """The key used in framework data files (``onvoldoende`` ... ``zeer_goed``)."""
        return LEVEL_KEYS[self.value - 1]


_LABELS_NL = {
    Level.INSUFFICIENT: "Onvoldoende",
    Level.MODERATE: "Matig",
    Level.GOOD: "Goed",
    Level.VERY_GOOD: "Zeer goed",
}


def parse_level(value: object) -> Level | None:
    """Read a rating as a :class:`Level`, or ``None`` for "niet geobserveerd".

    Parameters
    ----------
    value:
        A :class:`Level`, an integer 1-4, a digit string, a Dutch label
        (``"matig"``, ``"zeer goed"``), a data-file key (``"zeer_goed"``), an English
        code (``"very_good"``), or one of ``"niet geobserveerd"``, ``"ng"``,
        ``"not_observed"`` or ``None`` for a competence that was not observed.

    Returns
    -------
    Level or None
        The level, or ``None`` when the competence was not observed.

    Raises
    ------
    ValueError
        For anything else, with a Dutch message naming the value. An empty string
        is refused: "not observed" must be said explicitly.

    Examples
    --------
    >>> parse_level(3)
    <Level.GOOD: 3>
    >>> parse_level("Onvoldoende")
    <Level.INSUFFICIENT: 1>
    """
    if value is None or isinstance(value, Level):
        return value
    if isinstance(value, bool):
        raise ValueError(f"Ongeldig niveau {value!r}: verwacht 1 tot 4.")
    if isinstance(value, int):
        if MIN_LEVEL <= value <= MAX_LEVEL:
            return Level(value)
        raise ValueError(f"Ongeldig niveau {value}: verwacht 1 tot 4.")
    if isinstance(value, str):
        text = " ".join(value.strip().lower().split())
        if text in _NOT_OBSERVED_SPELLINGS:
            return None
        if text.isdigit():
            return parse_level(int(text))
        for level in Level:
            if text in {level.label_nl.lower(), level.key, level.code}:
                return level
    raise ValueError(
        f"Ongeldig niveau {value!r}: verwacht 1 tot 4, onvoldoende, matig, goed, "
        "zeer goed of niet geobserveerd."
    )


def check_level_value(value: float, what: str) -> float:
    """Check that a (possibly fractional) level lies on the scale.

    Consensus levels can be fractional (the median of 2 and 3 is 2.5), so a
    person's level is a float in [1, 4].

    Parameters
    ----------
    value:
        The level.
    what:
        What the value is, for the error message (e.g. ``"niveau van samenwerken"``).

    Returns
    -------
    float
        The value as a float.

    Raises
    ------
    ValueError
        When the value is not a finite number between 1 and 4.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what}: {value!r} is geen getal tussen 1 en 4.")
    number = float(value)
    if not math.isfinite(number) or not MIN_LEVEL <= number <= MAX_LEVEL:
        raise ValueError(f"{what}: {value!r} ligt niet tussen 1 en 4.")
    return number


def level_label_nl(level: float | None) -> str:
    """Dutch label of a level; fractional levels show as a number.

    Parameters
    ----------
    level:
        A level 1-4 (possibly fractional), or ``None`` for not observed/unknown.

    Returns
    -------
    str
        ``"Goed"`` for 3, ``"2,5"`` for 2.5, ``"Niet geobserveerd"`` for ``None``.

    Examples
    --------
    >>> level_label_nl(2.5)
    '2,5'
    >>> level_label_nl(4)
    'Zeer goed'
    """
    if level is None:
        return NOT_OBSERVED_LABEL_NL
    if float(level).is_integer() and MIN_LEVEL <= level <= MAX_LEVEL:
        return Level(int(level)).label_nl
    return format_number_nl(level)


def format_number_nl(value: float, decimals: int = 2) -> str:
    """Format a number the Dutch way, with a decimal comma and no trailing zeros.

    Parameters
    ----------
    value:
        The number.
    decimals:
        Maximum number of decimals.

    Returns
    -------
    str
        For example ``"0,85"`` or ``"3"``.

    Examples
    --------
    >>> format_number_nl(0.8529411)
    '0,85'
    >>> format_number_nl(3.0)
    '3'
    >>> format_number_nl(100.0, 0)
    '100'
    """
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",")
