"""The follow-up and nazorg API: reads and registrations through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.models import (
    AftercareContact,
    CriticalIncident,
    StageAttendance,
    StageEvaluation,
)
from tests.apps.factories import logged_in_client


@pytest.fixture
def case_file(world):
    return services.open_case_file(
        actor=world.users[Role.COACH],
        person=world.own_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2026, 1, 5),
    )


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.mark.django_db
def test_coach_registers_stage_follow_up(world):
    client = logged_in_client(world.users[Role.COACH])
    placement = world.placement
    base = f"/api/stage-follow-up/{placement.pk}"
    day = placement.start_date.isoformat()
    assert (
        post(client, f"{base}/attendance/", {"date": day, "present": True}).status_code
        == 201
    )
    absent = post(client, f"{base}/attendance/", {"date": day, "present": False})
    assert absent.status_code == 400  # an absence needs a reason
    assert "reden" in absent.json()["detail"]["detail"][0]
    evaluation = post(
        client,
        f"{base}/evaluations/",
        {
            "kind": "eind",
            "date": day,
            "evaluated_by": "Mentor",
            "summary": "Goed",
            "rating": 4,
        },
    )
    assert evaluation.status_code == 201
    bad_kind = post(
        client,
        f"{base}/evaluations/",
        {"kind": "x", "date": day, "evaluated_by": "M", "summary": "S", "rating": 5},
    )
    assert bad_kind.status_code == 400
    assert set(bad_kind.json()["detail"]) == {"kind", "rating"}
    incident = post(
        client,
        f"{base}/incidents/",
        {"date": day, "description": "Viel", "action": "EHBO"},
    )
    assert incident.status_code == 201
    too_long = post(
        client, f"{base}/incidents/", {"date": day, "description": "x" * 5001}
    )
    assert too_long.status_code == 400
    assert StageAttendance.objects.filter(placement=placement).count() == 1
    assert StageEvaluation.objects.get(placement=placement).rating == 4
    assert CriticalIncident.objects.get(placement=placement).action == "EHBO"

    data = client.get(f"{base}/").json()
    assert data["days_present"] == 1
    assert [e["kind"] for e in data["evaluations"]] == ["eind"]
    assert [i["description"] for i in data["incidents"]] == ["Viel"]
    details = set(
        AuditEvent.objects.filter(person_id=world.own_person.pk).values_list(
            "detail", flat=True
        )
    )
    assert {
        "stage evaluation eind",
        "stage critical incident",
        "stage follow-up",
    } <= details


@pytest.mark.django_db
def test_employer_host_registers_attendance_but_not_evaluations(world):
    client = logged_in_client(world.users[Role.EMPLOYER_CONTACT])
    base = f"/api/stage-follow-up/{world.placement.pk}"
    day = world.placement.start_date.isoformat()
    assert (
        post(client, f"{base}/attendance/", {"date": day, "present": True}).status_code
        == 201
    )
    denied = post(
        client,
        f"{base}/evaluations/",
        {"kind": "eind", "date": day, "evaluated_by": "M", "summary": "S", "rating": 2},
    )
    assert denied.status_code == 403
    assert client.get(f"{base}/").json()["evaluations"] == []


@pytest.mark.django_db
def test_coach_registers_aftercare_contacts(world, case_file):
    client = logged_in_client(world.users[Role.COACH])
    url = f"/api/aftercare/{case_file.pk}/contacts/"
    contact = post(
        client,
        url,
        {
            "date": "2026-03-09",
            "with_whom": "beiden",
            "channel": "bezoek",
            "note": "Ok",
        },
    )
    assert contact.status_code == 201
    assert contact.json()["recorded_by_name"] == "coach"
    bad = post(
        client, url, {"date": "2026-03-09", "with_whom": "buur", "channel": "fax"}
    )
    assert bad.status_code == 400 and set(bad.json()["detail"]) == {
        "with_whom",
        "channel",
    }
    # a planned date that is not in the schedule (no transition yet)
    unplanned = post(
        client,
        url,
        {
            "date": "2026-03-09",
            "planned_on": "2026-03-09",
            "with_whom": "werknemer",
            "channel": "telefoon",
        },
    )
    assert unplanned.status_code == 400
    assert AftercareContact.objects.filter(case_file=case_file).count() == 1
    data = client.get(f"/api/aftercare/{case_file.pk}/").json()
    assert data["transition"] is None and data["planned"] == []
    assert [c["note"] for c in data["contacts"]] == ["Ok"]


@pytest.mark.django_db
def test_planned_dates_follow_the_transition(world, case_file):
    coach = world.users[Role.COACH]
    services.record_transition(
        actor=coach,
        case_file=case_file,
        values={"job_start": dt.date(2026, 3, 2), "contract_kind": "arbeidscontract"},
    )
    client = logged_in_client(coach)
    data = client.get(f"/api/aftercare/{case_file.pk}/").json()
    expected = [d.isoformat() for d in services.planned_aftercare(case_file)]
    assert data["planned"] == expected and expected
    planned = post(
        client,
        f"/api/aftercare/{case_file.pk}/contacts/",
        {
            "date": expected[0],
            "planned_on": expected[0],
            "with_whom": "werknemer",
            "channel": "telefoon",
        },
    )
    assert planned.status_code == 201
    assert planned.json()["planned_on"] == expected[0]


@pytest.mark.django_db
def test_partner_cannot_write(world, case_file):
    client = logged_in_client(world.users["partner_coach"])
    response = post(
        client,
        f"/api/aftercare/{case_file.pk}/contacts/",
        {"date": "2026-03-09", "with_whom": "beiden", "channel": "bezoek"},
    )
    assert response.status_code == 404
