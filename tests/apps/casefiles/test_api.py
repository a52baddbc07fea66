from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles import services
from tests.apps.factories import logged_in_client


@pytest.fixture
def case_file(world):
    return services.open_case_file(
        actor=world.users[Role.COACH],
        person=world.own_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2026, 3, 2),
    )


@pytest.mark.parametrize(
    ("role", "count"),
    [
        (Role.COACH, 1),
        (Role.ORG_ADMIN, 1),
        (Role.TARGET_WORKER, 0),  # the case file is not the worker's own
        (Role.EMPLOYER_CONTACT, 0),
        (Role.ANALYST, 0),
        ("partner_coach", 0),
    ],
)
def test_list_follows_the_access_rules(world, case_file, role, count):
    response = logged_in_client(world.users[role]).get("/api/case-files/")
    assert response.status_code == 200
    assert response.json()["count"] == count


def test_coach_registers_a_step_through_the_api(world, case_file):
    client = logged_in_client(world.users[Role.COACH])
    url = f"/api/case-files/{case_file.pk}/steps/"
    response = client.post(
        url,
        {
            "phase": "voortraject",
            "step": "intake_1",
            "date": "2026-03-04",
            "result": "ok",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["recorded_by_name"] == "coach"
    detail = client.get(f"/api/case-files/{case_file.pk}/").json()
    assert [(e["phase"], e["step"], e["date"]) for e in detail["entries"]] == [
        ("voortraject", "intake_1", "2026-03-04")
    ]
    wrong = client.post(
        url,
        {"phase": "nazorg", "step": "intake_1", "date": "2026-03-04"},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert wrong.json()["detail"]["step"] == ["Deze stap hoort niet bij dit traject."]


def test_outsiders_cannot_post_steps(world, case_file):
    for role in (Role.EMPLOYER_CONTACT, "partner_coach"):
        response = logged_in_client(world.users[role]).post(
            f"/api/case-files/{case_file.pk}/steps/",
            {"phase": "voortraject", "step": "intake_1", "date": "2026-03-04"},
            content_type="application/json",
        )
        assert response.status_code == 404
