"""Every read and write of assessments leaves an audit entry."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.audit_events.services import verify_chain
from tests.apps.factories import logged_in_client

pytestmark = pytest.mark.django_db


def _new(since: int):
    return list(AuditEvent.objects.filter(sequence__gt=since).order_by("sequence"))


def _last() -> int:
    last = AuditEvent.objects.order_by("-sequence").first()
    return last.sequence if last else 0


def test_writes_are_audited(world, competences):
    coach = world.users[Role.COACH]
    start = _last()
    row = services.start_round(
        actor=coach,
        person=world.own_person,
        framework=competences.framework,
        held_on=dt.date(2026, 5, 1),
    )
    services.save_ratings(
        actor=coach, round_row=row, ratings={"cooperation": {"level": 3}}
    )
    services.save_ratings(
        actor=coach, round_row=row, ratings={"cooperation": {"level": 4}}
    )
    services.save_pop(
        actor=coach,
        person=world.own_person,
        actions=[{"action": "Oefenen"}],
        expected_version=0,
        start_date=dt.date(2026, 5, 1),
    )
    events = _new(start)
    assert [(e.action, e.object_type) for e in events] == [
        ("create", "assessment_round"),
        ("create", "assessment_round"),
        ("update", "assessment_round"),
        ("create", "pop"),
    ]
    assert {e.person_id for e in events} == {world.own_person.pk}
    assert all(e.actor_username == "coach" for e in events)
    assert verify_chain() == []


def test_page_and_api_reads_are_audited(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    person, profile = world.own_person, competences.job_profile
    start = _last()
    client.get(f"/competenties/metingen/{competences.round.pk}/")
    client.get(f"/api/assessment-rounds/{competences.round.pk}/")
    client.get(f"/api/persons/{person.pk}/distance/?job_profile={profile.pk}")
    client.get(f"/competenties/personen/{person.pk}/afstand/?job_profile={profile.pk}")
    events = _new(start)
    assert [(e.action, e.object_type, e.channel) for e in events] == [
        ("read", "assessment_round", "page"),
        ("read", "assessment_round", "api"),
        ("read", "competence_distance", "api"),
        ("read", "competence_distance", "page"),
    ]
    assert all(e.person_id == person.pk for e in events)
    # a list of rounds audits every person shown
    start = _last()
    client.get("/api/assessment-rounds/")
    listed = _new(start)
    assert {e.person_id for e in listed} == {
        world.own_person.pk,
        world.worker_person.pk,
    }
    assert {e.action for e in listed} == {"list"}


def test_the_worker_sees_the_coach_looked_at_their_assessment(world, competences):
    coach = logged_in_client(world.users[Role.COACH])
    coach.get(f"/competenties/metingen/{competences.worker_round.pk}/")
    worker = logged_in_client(world.users[Role.TARGET_WORKER])
    log = worker.get("/mijn-dossier/inzage/").content.decode()
    assert "coach" in log


def test_refused_reads_write_no_audit_entry(world, competences, other_coach):
    start = _last()
    client = logged_in_client(other_coach)
    client.get(f"/competenties/metingen/{competences.round.pk}/")
    client.get(
        f"/api/persons/{world.own_person.pk}/distance/"
        f"?job_profile={competences.job_profile.pk}"
    )
    assert _new(start) == []
