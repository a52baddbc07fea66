"""Stage follow-up: attendance by the host employer, evaluations and incidents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.models import (
    CriticalIncident,
    StageAttendance,
    StageEvaluation,
)
from tests.apps.factories import UserFactory, logged_in_client


@pytest.fixture
def stage(world):
    placement = world.placement  # own_person at "Logistiek NV" (world.employer)
    placement.start_date = dt.date(2026, 3, 2)
    placement.end_date = dt.date(2026, 3, 13)
    placement.save()
    return placement


@pytest.fixture
def other_employer_contact(world):
    return UserFactory(
        username="werkgever2",
        role=Role.EMPLOYER_CONTACT,
        organisation=world.other_placement.host,
    )


def test_host_employer_registers_attendance_and_an_absence_needs_a_reason(world, stage):
    employer = world.users[Role.EMPLOYER_CONTACT]
    services.register_attendance(
        actor=employer, placement=stage, on=dt.date(2026, 3, 2), present=True
    )
    with pytest.raises(services.CaseFileError, match="reden"):
        services.register_attendance(
            actor=employer, placement=stage, on=dt.date(2026, 3, 3), present=False
        )
    services.register_attendance(
        actor=employer,
        placement=stage,
        on=dt.date(2026, 3, 3),
        present=False,
        reason="Ziek",
    )
    # the same day again: the latest registration counts
    services.register_attendance(
        actor=employer,
        placement=stage,
        on=dt.date(2026, 3, 2),
        present=False,
        reason="Te laat, naar huis gestuurd",
    )
    rows = list(
        StageAttendance.objects.filter(placement=stage).values_list(
            "date", "present", "reason"
        )
    )
    assert rows == [
        (dt.date(2026, 3, 2), False, "Te laat, naar huis gestuurd"),
        (dt.date(2026, 3, 3), False, "Ziek"),
    ]
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.object_type, event.person_id) == ("placement", world.own_person.pk)


def test_attendance_outside_the_stage_is_refused(world, stage):
    with pytest.raises(services.CaseFileError, match="na het einde"):
        services.register_attendance(
            actor=world.users[Role.COACH],
            placement=stage,
            on=dt.date(2026, 3, 14),
            present=True,
        )


def test_other_employer_may_not_register_attendance(
    world, stage, other_employer_contact
):
    with pytest.raises(PermissionDenied):
        services.register_attendance(
            actor=other_employer_contact,
            placement=stage,
            on=dt.date(2026, 3, 2),
            present=True,
        )
    client = logged_in_client(other_employer_contact)
    assert client.get(f"/stages/{stage.pk}/opvolging/").status_code == 404
    response = client.post(
        f"/stages/{stage.pk}/aanwezigheid/",
        {"attendance-on": "2026-03-02", "attendance-present": "1"},
    )
    assert response.status_code == 404
    assert not StageAttendance.objects.exists()


def test_employer_page_shows_attendance_but_not_evaluations(world, stage):
    client = logged_in_client(world.users[Role.EMPLOYER_CONTACT])
    response = client.post(
        f"/stages/{stage.pk}/aanwezigheid/",
        {
            "attendance-on": "2026-03-04",
            "attendance-present": "0",
            "attendance-reason": "Dokter",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<section class="card" id="attendance">')
    assert "Dokter" in html and "0 dagen aanwezig, 1 dagen afwezig." in html
    page = client.get(f"/stages/{stage.pk}/opvolging/").content.decode()
    assert 'id="attendance"' in page
    assert 'id="evaluations"' not in page and 'id="incidents"' not in page
    # evaluations are for the case workers of the person's organisation
    response = client.post(
        f"/stages/{stage.pk}/evaluatie/",
        {
            "evaluation-kind": "eind",
            "evaluation-on": "2026-03-13",
            "evaluation-evaluated_by": "Baas",
            "evaluation-summary": "Goed",
            "evaluation-rating": "3",
        },
    )
    assert response.status_code == 403
    assert not StageEvaluation.objects.exists()


def test_coach_of_own_organisation_evaluates_and_records_incidents(world, stage):
    client = logged_in_client(world.users[Role.COACH])
    response = client.post(
        f"/stages/{stage.pk}/evaluatie/",
        {
            "evaluation-kind": "tussentijds",
            "evaluation-on": "2026-03-06",
            "evaluation-evaluated_by": "Coach en ploegbaas",
            "evaluation-summary": "Werkt zorgvuldig, tempo moet omhoog.",
            "evaluation-rating": "2",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Werkt zorgvuldig" in response.content.decode()
    response = client.post(
        f"/stages/{stage.pk}/incident/",
        {
            "incident-on": "2026-03-05",
            "incident-description": "Heftrucksleutel meegenomen",
            "incident-action": "Afspraak gemaakt",
        },
    )
    assert response.status_code == 302
    evaluation = StageEvaluation.objects.get()
    assert (evaluation.kind, evaluation.rating, evaluation.recorded_by) == (
        "tussentijds",
        2,
        world.users[Role.COACH],
    )
    incident = CriticalIncident.objects.get()
    assert (incident.date, incident.action) == (
        dt.date(2026, 3, 5),
        "Afspraak gemaakt",
    )
    page = client.get(f"/stages/{stage.pk}/opvolging/").content.decode()
    assert "Heftrucksleutel meegenomen" in page and "Voldoende" in page
    # the coach of another maatwerkbedrijf does not see this stage at all
    other = UserFactory(
        username="coach2", role=Role.COACH, organisation=world.other_person.organisation
    )
    with pytest.raises(PermissionDenied):
        services.register_evaluation(
            actor=other,
            placement=stage,
            kind="eind",
            on=dt.date(2026, 3, 13),
            evaluated_by="x",
            summary="x",
            rating=3,
        )
    assert (
        logged_in_client(other).get(f"/stages/{stage.pk}/opvolging/").status_code == 404
    )


def test_worker_reads_own_stage_follow_up_but_registers_nothing(world, stage):
    services.register_attendance(
        actor=world.users[Role.COACH],
        placement=stage,
        on=dt.date(2026, 3, 2),
        present=True,
    )
    worker = world.users[Role.TARGET_WORKER]
    stage.person = world.worker_person
    stage.save()
    data = services.stage_follow_up(actor=worker, placement=stage)
    assert (data.days_present, data.can_register_attendance, data.can_evaluate) == (
        1,
        False,
        False,
    )
