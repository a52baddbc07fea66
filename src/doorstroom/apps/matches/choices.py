"""Translatable labels for the matching vocabularies shown to users.

The domain keeps one Dutch label per code (``label_nl``) for its own sentences;
pages and forms use these ``gettext_lazy`` labels instead, so that they follow
the user's language (Dutch source strings, English in the catalogue).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from doorstroom.domain.matching import LanguageLevel, PhysicalDemand, Shift, TravelMode

SHIFT_LABELS: dict[Shift, Promise] = {
    Shift.DAY: _("dagwerk"),
    Shift.EARLY: _("vroege shift"),
    Shift.LATE: _("late shift"),
    Shift.NIGHT: _("nachtwerk"),
    Shift.WEEKEND: _("weekendwerk"),
}

TRAVEL_MODE_LABELS: dict[TravelMode, Promise] = {
    TravelMode.WALK: _("te voet"),
    TravelMode.BIKE: _("met de fiets"),
    TravelMode.PUBLIC_TRANSPORT: _("met het openbaar vervoer"),
    TravelMode.CAR: _("met de auto"),
}

PHYSICAL_DEMAND_LABELS: dict[PhysicalDemand, Promise] = {
    PhysicalDemand.HEAVY_LIFTING: _("zwaar tillen"),
    PhysicalDemand.LONG_STANDING: _("lang rechtstaan"),
    PhysicalDemand.BENDING_KNEELING: _("bukken en knielen"),
    PhysicalDemand.REPETITIVE_MOTION: _("repetitieve bewegingen"),
    PhysicalDemand.OUTDOOR: _("buitenwerk"),
    PhysicalDemand.COLD: _("werken in de koude"),
    PhysicalDemand.NOISE: _("lawaai"),
    PhysicalDemand.HEIGHTS: _("werken op hoogte"),
}

#: Age bands of the fairness report (same bands as the monitoring report).
AGE_BAND_LABELS: dict[str, Promise] = {
    "<25": _("jonger dan 25"),
    "25-54": _("25 tot 54 jaar"),
    "55+": _("55 jaar of ouder"),
}

#: Attributes of the fairness report.
ATTRIBUTE_LABELS: dict[str, Promise] = {
    "sex": _("Geslacht"),
    "age_band": _("Leeftijd"),
    "origin": _("Afkomst"),
}

UNKNOWN_LABEL = _("Onbekend")


def shift_choices() -> list[tuple[str, Promise]]:
    """Form choices for shifts, in the domain's order."""
    return [(member.value, SHIFT_LABELS[member]) for member in Shift]


def travel_mode_choices() -> list[tuple[str, Promise]]:
    """Form choices for travel modes, in the domain's order."""
    return [(member.value, TRAVEL_MODE_LABELS[member]) for member in TravelMode]


def physical_demand_choices() -> list[tuple[str, Promise]]:
    """Form choices for physical demands (functional limits, never a diagnosis)."""
    return [(member.value, PHYSICAL_DEMAND_LABELS[member]) for member in PhysicalDemand]


def language_level_choices() -> list[tuple[str, str]]:
    """CEFR levels A1-C2 (the same in every language)."""
    return [(level.name, level.name) for level in LanguageLevel]
