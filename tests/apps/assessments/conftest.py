"""A stored framework, a job profile and a rated round on top of the ``world``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as m
from doorstroom.apps.assessments import services
from tests.apps.factories import UserFactory

#: Job profile "Magazijnmedewerker" (hand-computed expectations in test_distance).
REQUIREMENTS = [
    {"competence": "cooperation", "required": 3, "weight": 2.0, "cutoff": 2},
    {"competence": "initiative", "required": 4, "weight": 1.0},
    {"competence": "motivation", "required": 3, "weight": 1.0},
    {"competence": "accuracy", "required": 2, "weight": 1.0},
    {"competence": "dutch_language", "required": 3, "weight": 1.0},
]
COACH_LEVELS = {"cooperation": 1, "initiative": 2, "motivation": 3, "accuracy": 3}
SUPERVISOR_LEVELS = {"cooperation": 1, "initiative": 3, "motivation": 4, "accuracy": 2}


def levels(mapping: dict[str, int | None]) -> dict[str, dict]:
    return {cid: {"level": level} for cid, level in mapping.items()}


@dataclass
class Competences:
    framework: m.FrameworkVersion
    job_profile: m.JobProfile
    round: m.AssessmentRound
    worker_round: m.AssessmentRound


@pytest.fixture
def competences(world) -> Competences:
    coach = world.users[Role.COACH]
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    framework = next(
        row
        for row in services.ensure_builtin_frameworks()
        if row.framework_id == "sw_lde"
    )
    profile = services.save_job_profile(
        actor=coach,
        name="Magazijnmedewerker",
        framework=framework,
        requirements=REQUIREMENTS,
    )
    round_row = services.start_round(
        actor=coach,
        person=world.own_person,
        framework=framework,
        held_on=dt.date(2026, 3, 2),
    )
    services.save_ratings(
        actor=coach, round_row=round_row, ratings=levels(COACH_LEVELS)
    )
    services.save_ratings(
        actor=supervisor, round_row=round_row, ratings=levels(SUPERVISOR_LEVELS)
    )
    worker_round = services.start_round(
        actor=coach,
        person=world.worker_person,
        framework=framework,
        held_on=dt.date(2026, 3, 3),
    )
    services.save_ratings(
        actor=coach, round_row=worker_round, ratings=levels({"cooperation": 2})
    )
    return Competences(framework, profile, round_row, worker_round)


@pytest.fixture
def other_coach(world):
    """A coach of another maatwerkbedrijf."""
    return UserFactory(
        username="coach-brugge", role=Role.COACH, organisation=world.other
    )
