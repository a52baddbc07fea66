"""Hard constraints between a person and a vacancy, each with its reason.

A vacancy is proposed to a person only when every hard constraint holds:

========  =====================================================================
hours     the vacancy's hours lie within the person's minimum and maximum
shifts    every shift the job needs is one the person can work
travel    some mode both available to the person and reaching the workplace
          gets there within the person's maximum minutes (see :mod:`.geo`)
physical  no physical demand of the job is one of the person's limits
language  the person's Dutch level is at least the level asked
sector    the sector is not a no-go and, if the person named wishes, is one
employer  the employer is not a no-go
========  =====================================================================

Each check carries a **margin** where one makes sense (hours to spare, minutes to
spare, language levels to spare); a passed check with a small margin is
**nearly failed** and is named in the explanation ("de reistijd is krap: 41 van
max. 45 minuten"). An unknown postcode does not filter; the check says the
distance could not be verified.

The checks are monotone: widening what a person accepts never turns a pass into
a fail (tested with hypothesis).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from doorstroom.domain.matching.geo import (
    MODES,
    Gazetteer,
    TravelMode,
    allowed_km,
    travel_minutes,
)
from doorstroom.domain.matching.persons import MatchPerson
from doorstroom.domain.matching.vacancies import Vacancy


class ConstraintKind(StrEnum):
    """The hard constraints, in the order they are reported."""

    HOURS = "hours"
    SHIFTS = "shifts"
    TRAVEL = "travel"
    PHYSICAL = "physical"
    LANGUAGE = "language"
    SECTOR = "sector"
    EMPLOYER = "employer"


@dataclass(frozen=True)
class ConstraintSettings:
    """When a passed check counts as nearly failed.

    Attributes
    ----------
    near_hours:
        Hours to spare at or below which the hours check is tight.
    near_minutes:
        Minutes to spare at or below which the travel check is tight.
    near_language:
        Levels to spare at or below which the language check is tight.
    """

    near_hours: float = 2.0
    near_minutes: float = 10.0
    near_language: int = 0


@dataclass(frozen=True)
class ConstraintCheck:
    """One hard constraint for one pair.

    Attributes
    ----------
    kind:
        Which constraint.
    passed:
        Whether it holds.
    nearly_failed:
        Passed with a margin at or below the threshold.
    margin:
        What is to spare (hours, minutes, levels); negative when failed; ``None``
        where no margin applies or it could not be computed.
    message_nl:
        Plain Dutch reason.
    """

    kind: ConstraintKind
    passed: bool
    nearly_failed: bool
    margin: float | None
    message_nl: str


@dataclass(frozen=True)
class ConstraintReport:
    """All hard constraints for one pair."""

    person_id: str
    vacancy_id: str
    checks: tuple[ConstraintCheck, ...]

    @property
    def passed(self) -> bool:
        """Every constraint holds."""
        return all(check.passed for check in self.checks)

    @property
    def failed(self) -> tuple[ConstraintCheck, ...]:
        """The constraints that do not hold."""
        return tuple(check for check in self.checks if not check.passed)

    @property
    def nearly_failed(self) -> tuple[ConstraintCheck, ...]:
        """The constraints that hold with little to spare."""
        return tuple(check for check in self.checks if check.nearly_failed)

    def check(self, kind: ConstraintKind) -> ConstraintCheck:
        """The check of one kind."""
        for check in self.checks:
            if check.kind is kind:
                return check
        raise KeyError(kind)


def best_mode(person: MatchPerson, vacancy: Vacancy) -> TravelMode | None:
    """The mode that reaches furthest within the person's time, among common modes."""
    common = [
        m for m in MODES if m in person.travel_modes and m in vacancy.reachable_by
    ]
    if not common:
        return None
    return max(
        common,
        key=lambda m: (allowed_km(person.max_travel_minutes, m), -MODES.index(m)),
    )


def check_constraints(
    person: MatchPerson,
    vacancy: Vacancy,
    gazetteer: Gazetteer,
    settings: ConstraintSettings | None = None,
) -> ConstraintReport:
    """Check every hard constraint of one person against one vacancy.

    Parameters
    ----------
    person:
        The person (no group attributes exist on it).
    vacancy:
        The vacancy.
    gazetteer:
        Postcode lookup for the travel check.
    settings:
        Thresholds for "nearly failed".

    Returns
    -------
    ConstraintReport
        One check per :class:`ConstraintKind`, in that order.
    """
    settings = settings or ConstraintSettings()
    checks = (
        _hours(person, vacancy, settings),
        _shifts(person, vacancy),
        _travel(person, vacancy, gazetteer, settings),
        _physical(person, vacancy),
        _language(person, vacancy, settings),
        _sector(person, vacancy),
        _employer(person, vacancy),
    )
    return ConstraintReport(person.id, vacancy.id, checks)


def _hours(
    person: MatchPerson, vacancy: Vacancy, settings: ConstraintSettings
) -> ConstraintCheck:
    margin = min(vacancy.hours - person.hours_min, person.hours_max - vacancy.hours)
    passed = person.hours_min <= vacancy.hours <= person.hours_max
    wish = f"{person.hours_min:g}-{person.hours_max:g} uur"
    if not passed:
        message = f"De job telt {vacancy.hours:g} uur per week; gewenst is {wish}."
    elif margin <= settings.near_hours:
        message = (
            f"De uren ({vacancy.hours:g} u/week) liggen net binnen de wens ({wish})."
        )
    else:
        message = f"De uren ({vacancy.hours:g} u/week) passen binnen de wens ({wish})."
    return ConstraintCheck(
        ConstraintKind.HOURS,
        passed,
        passed and margin <= settings.near_hours,
        margin,
        message,
    )


def _shifts(person: MatchPerson, vacancy: Vacancy) -> ConstraintCheck:
    missing = sorted(vacancy.shifts - person.shifts)
    if missing:
        message = (
            "De job vraagt "
            + ", ".join(s.label_nl for s in missing)
            + "; dat kan niet."
        )
    else:
        message = "De uurregeling past."
    return ConstraintCheck(ConstraintKind.SHIFTS, not missing, False, None, message)


def _travel(
    person: MatchPerson,
    vacancy: Vacancy,
    gazetteer: Gazetteer,
    settings: ConstraintSettings,
) -> ConstraintCheck:
    mode = best_mode(person, vacancy)
    if mode is None:
        return ConstraintCheck(
            ConstraintKind.TRAVEL,
            False,
            False,
            None,
            "De werkplek is niet bereikbaar met een vervoerswijze die de persoon kan gebruiken.",
        )
    km = gazetteer.distance_km(person.postcode, vacancy.postcode)
    if km is None:
        return ConstraintCheck(
            ConstraintKind.TRAVEL,
            True,
            False,
            None,
            "De afstand kon niet nagegaan worden (postcode onbekend); kijk ze zelf na.",
        )
    passed = km <= allowed_km(person.max_travel_minutes, mode)
    minutes = travel_minutes(km, mode)
    margin = person.max_travel_minutes - minutes
    nearly = passed and margin <= settings.near_minutes
    text = f"ongeveer {minutes:.0f} minuten {mode.label_nl} (max. {person.max_travel_minutes:g})"
    if not passed:
        message = f"De reistijd is te lang: {text}."
    elif nearly:
        message = f"De reistijd is krap: {text}."
    else:
        message = f"De reistijd past: {text}."
    return ConstraintCheck(ConstraintKind.TRAVEL, passed, nearly, margin, message)


def _physical(person: MatchPerson, vacancy: Vacancy) -> ConstraintCheck:
    conflicts = sorted(vacancy.physical_demands & person.physical_limits)
    if conflicts:
        message = (
            "De job vraagt "
            + ", ".join(d.label_nl for d in conflicts)
            + ", wat de persoon niet kan."
        )
    else:
        message = "De fysieke belasting past."
    return ConstraintCheck(ConstraintKind.PHYSICAL, not conflicts, False, None, message)


def _language(
    person: MatchPerson, vacancy: Vacancy, settings: ConstraintSettings
) -> ConstraintCheck:
    margin = int(person.language_level) - int(vacancy.language_level)
    passed = margin >= 0
    nearly = passed and margin <= settings.near_language
    if not passed:
        message = (
            f"De job vraagt Nederlands op niveau {vacancy.language_level.name}; "
            f"de persoon heeft {person.language_level.name}."
        )
    elif nearly:
        message = f"Het taalniveau ({person.language_level.name}) is net voldoende."
    else:
        message = f"Het taalniveau ({person.language_level.name}) volstaat."
    return ConstraintCheck(
        ConstraintKind.LANGUAGE, passed, nearly, float(margin), message
    )


def _sector(person: MatchPerson, vacancy: Vacancy) -> ConstraintCheck:
    if vacancy.sector in person.no_go_sectors:
        return ConstraintCheck(
            ConstraintKind.SECTOR,
            False,
            False,
            None,
            f"De persoon wil niet in de sector '{vacancy.sector}' werken.",
        )
    if person.wished_sectors and vacancy.sector not in person.wished_sectors:
        return ConstraintCheck(
            ConstraintKind.SECTOR,
            False,
            False,
            None,
            f"De sector '{vacancy.sector}' hoort niet bij de gewenste sectoren.",
        )
    return ConstraintCheck(
        ConstraintKind.SECTOR, True, False, None, "De sector past bij de wensen."
    )


def _employer(person: MatchPerson, vacancy: Vacancy) -> ConstraintCheck:
    if vacancy.employer.id in person.no_go_employers:
        return ConstraintCheck(
            ConstraintKind.EMPLOYER,
            False,
            False,
            None,
            f"De persoon wil niet bij {vacancy.employer.name} werken.",
        )
    return ConstraintCheck(
        ConstraintKind.EMPLOYER, True, False, None, "Geen bezwaar tegen de werkgever."
    )
