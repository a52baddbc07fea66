"""Toeleiding outcomes per status and per year, disclosure-controlled (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.outcomes import (
    ended_outcomes,
    outcome_indicators,
    toeleiding_outcomes,
)
from tests.apps.factories import PersonFactory, UserFactory, logged_in_client


def ended(actor, organisation, outcome, on, status="afgesloten"):
    person = PersonFactory(organisation=organisation)
    case_file = services.open_case_file(
        actor=actor, person=person, type_id="toeleiding", started_on=dt.date(2024, 9, 1)
    )
    services.change_status(
        actor=actor,
        case_file=case_file,
        status=status,
        reason="einde",
        on=on,
        outcome=outcome,
    )
    return case_file


@pytest.fixture
def outcomes(world):
    """home: 12 werk (2025), 3 opleiding (2025), 10 werkzoekend (2026, stopped);
    plus not counted: an open toeleiding and a closed doorstroom case file.
    other: 1 werk (2026)."""
    coach = world.users[Role.COACH]
    for _ in range(12):
        ended(coach, world.home, "werk", dt.date(2025, 6, 1))
    for _ in range(3):
        ended(coach, world.home, "opleiding", dt.date(2025, 12, 31))
    for _ in range(10):
        ended(coach, world.home, "werkzoekend", dt.date(2026, 1, 1), status="stopgezet")
    services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id="toeleiding",
        started_on=dt.date(2025, 1, 1),
    )
    doorstroom = services.open_case_file(
        actor=coach,
        person=world.worker_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2025, 1, 1),
    )
    services.change_status(
        actor=coach,
        case_file=doorstroom,
        status="afgesloten",
        reason="klaar",
        on=dt.date(2025, 5, 1),
    )
    other_coach = UserFactory(role=Role.COACH, organisation=world.other)
    ended(other_coach, world.other, "werk", dt.date(2026, 2, 1))


def test_exact_counts_per_status_and_year(world, outcomes):
    pairs = ended_outcomes(world.home.pk)
    assert outcome_indicators(pairs) == {
        "toeleiding_outcomes": {
            "total": 25,
            "by": {
                "status": {
                    "werk": 12,
                    "opleiding": 3,
                    "werkzoekend": 10,
                    "niet_actief": 0,
                },
                "year": {"2025": 15, "2026": 10},
            },
        }
    }
    assert len(ended_outcomes(None)) == 26


def figures(report):
    return (
        report.total,
        {f.code: f.count for f in report.by_status},
        {f.code: f.count for f in report.by_year},
    )


def test_organisation_admin_sees_own_organisation_suppressed(world, outcomes):
    report = toeleiding_outcomes(actor=world.users[Role.ORG_ADMIN])
    # opleiding 3 is below 10; werkzoekend (10, the smallest other cell of the
    # status breakdown) is suppressed too, or 3 would follow from 25 - 12 - 10.
    assert figures(report) == (
        25,
        {"werk": 12, "opleiding": None, "werkzoekend": None, "niet_actief": 0},
        {"2025": 15, "2026": 10},
    )
    assert report.suppressed_cells == 2


def test_analyst_sees_all_organisations(world, outcomes):
    report = toeleiding_outcomes(actor=world.users[Role.ANALYST])
    assert figures(report) == (
        26,
        {"werk": 13, "opleiding": None, "werkzoekend": None, "niet_actief": 0},
        {"2025": 15, "2026": 11},
    )


@pytest.mark.parametrize(
    "role", [Role.COACH, Role.TARGET_WORKER, Role.EMPLOYER_CONTACT, Role.VDAB_EVALUATOR]
)
def test_other_roles_are_refused(world, role):
    with pytest.raises(PermissionDenied):
        toeleiding_outcomes(actor=world.users[role])


def test_page(world, outcomes):
    body = logged_in_client(world.users[Role.ORG_ADMIN]).get("/uitkomsten/toeleiding/")
    assert body.status_code == 200
    text = body.content.decode()
    assert 'id="outcomes-total">25<' in text
    assert "●" in text
