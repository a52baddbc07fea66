"""Small builders for matching tests."""

from __future__ import annotations

from typing import Any

from doorstroom.domain.competences import JobProfile, Requirement
from doorstroom.domain.matching import (
    Employer,
    LanguageLevel,
    MatchPerson,
    Shift,
    Task,
    TravelMode,
    Vacancy,
)


def vacancy(
    vacancy_id: str = "v1",
    requirements: tuple[tuple[str, int, float, int | None], ...] = (
        ("accuracy", 3, 1.0, None),
    ),
    **changes: Any,
) -> Vacancy:
    """A vacancy in Gent (9000), 30 h, day shift, reachable by every mode."""
    values: dict[str, Any] = {
        "id": vacancy_id,
        "title": "Magazijnmedewerker",
        "employer": Employer("e1", "Werkgever 1"),
        "sector": "logistics",
        "profile": JobProfile(
            vacancy_id,
            "Magazijnmedewerker",
            tuple(
                Requirement(c, r, weight=w, cutoff=cut) for c, r, w, cut in requirements
            ),  # type: ignore[arg-type]
        ),
        "hours": 30.0,
        "postcode": "9000",
        "shifts": frozenset({Shift.DAY}),
        "tasks": (),
        "language_level": LanguageLevel.A2,
        "reachable_by": frozenset(TravelMode),
    }
    values.update(changes)
    return Vacancy(**values)


def person(
    person_id: str = "p1", levels: dict[str, float | None] | None = None, **changes: Any
) -> MatchPerson:
    """A person in Gent (9000) who accepts 0-38 h day work, 45 min by public transport."""
    values: dict[str, Any] = {
        "id": person_id,
        "levels": levels if levels is not None else {"accuracy": 3.0},
        "postcode": "9000",
        "hours_min": 0.0,
        "hours_max": 38.0,
        "language_level": LanguageLevel.B1,
        "consent_matching": True,
    }
    values.update(changes)
    return MatchPerson(**values)


TASKS = (
    Task("picking", "Orders verzamelen", ("accuracy",), 0.5),
    Task("loading", "Laden en lossen", ("physical_capacity",), 0.25),
    Task("counting", "Voorraad tellen", ("accuracy", "literacy_numeracy"), 0.25),
)
