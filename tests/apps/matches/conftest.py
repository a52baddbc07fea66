"""Vacancies with a competence profile and a rated round on top of the ``world``."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services as assessment_services
from doorstroom.apps.matches import services

HEADER = (
    "id,title,employer_id,employer_name,sector,postcode,hours,shifts,"
    "physical_demands,language_level,reachable_by,profile,requirements,tasks\n"
)
#: mag-1 is fully met by own_person; mag-2 asks cooperation 3 (they have 1);
#: far-1 is in Brugge (too far by public transport from Mechelen); long-1 asks
#: 45 hours (above the default maximum of 38).
VACANCIES_CSV = HEADER + (
    "mag-1,Magazijnmedewerker,logistiek-nv,Logistiek NV,transport,2800,30,day,,A2,,,"
    "accuracy:2|motivation:3,\n"
    "mag-2,Orderpicker,logistiek-nv,Logistiek NV,transport,2800,37,day,,A2,,,"
    "cooperation:3:2|accuracy:2,\n"
    "far-1,Schoonmaker,schoon-bv,Schoon BV,cleaning,8000,30,day,,A2,,,accuracy:2,\n"
    "long-1,Chauffeur,logistiek-nv,Logistiek NV,transport,2800,45,day,,A2,,,"
    "accuracy:2,\n"
)
COACH_LEVELS = {"cooperation": 1, "initiative": 2, "motivation": 3, "accuracy": 3}
SUPERVISOR_LEVELS = {"cooperation": 1, "initiative": 3, "motivation": 4, "accuracy": 2}
#: Median of coach and werkvloerbegeleider.
CONSENSUS = {"accuracy": 2.5, "cooperation": 1.0, "initiative": 2.5, "motivation": 3.5}


def levels(mapping: dict[str, int]) -> dict[str, dict]:
    return {cid: {"level": level} for cid, level in mapping.items()}


@pytest.fixture
def matching(world):
    """Import the four vacancies and rate ``own_person``; return the rows by id."""
    coach = world.users[Role.COACH]
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    framework = next(
        row
        for row in assessment_services.ensure_builtin_frameworks()
        if row.framework_id == "sw_lde"
    )
    round_row = assessment_services.start_round(
        actor=coach,
        person=world.own_person,
        framework=framework,
        held_on=dt.date(2026, 3, 2),
    )
    assessment_services.save_ratings(
        actor=coach, round_row=round_row, ratings=levels(COACH_LEVELS)
    )
    assessment_services.save_ratings(
        actor=supervisor, round_row=round_row, ratings=levels(SUPERVISOR_LEVELS)
    )
    rows = services.import_vacancies(
        actor=coach, filename="vacatures.csv", content=VACANCIES_CSV.encode()
    )
    return {row.match_profile.external_id: row for row in rows}
