from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AppendOnlyError, AuditEvent
from doorstroom.apps.audit_events.services import Subject, record, verify_chain
from doorstroom.cli import main
from tests.apps.factories import logged_in_client


@pytest.mark.django_db
def test_reading_a_file_writes_an_audit_entry(world):
    client = Client()
    coach = world.users[Role.COACH]
    client.force_login(coach)

    client.get(f"/personen/{world.own_person.pk}/")

    event = AuditEvent.objects.filter(person_id=world.own_person.pk).latest("sequence")
    assert event.action == "read"
    assert event.actor_username == "coach"
    assert event.actor_organisation_id == world.home.pk
    assert event.person_organisation_id == world.home.pk
    assert event.channel == "page"
    assert event.path == f"/personen/{world.own_person.pk}/"


@pytest.mark.django_db
def test_api_read_is_recorded_as_api(world):
    client = Client()
    client.force_login(world.users[Role.COACH])
    client.get(f"/api/persons/{world.own_person.pk}/")
    event = AuditEvent.objects.latest("sequence")
    assert (event.channel, event.action, event.person_id) == (
        "api",
        "read",
        world.own_person.pk,
    )


@pytest.mark.django_db
def test_chain_is_intact_then_a_changed_entry_is_detected(world):
    for n in range(5):
        record(
            actor=None, action="read", subjects=Subject(person_id=n + 1), channel="cli"
        )
    assert verify_chain() == []

    target = AuditEvent.objects.order_by("sequence")[2]
    # tamper behind the model's back, as someone with database access could
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET actor_username = %s WHERE id = %s",
            ["iemand-anders", target.pk],
        )
    problems = verify_chain()
    assert [p.sequence for p in problems] == [target.sequence]
    assert "hash" in problems[0].message


@pytest.mark.django_db
def test_a_removed_entry_is_detected(world):
    for n in range(4):
        record(
            actor=None, action="read", subjects=Subject(person_id=n + 1), channel="cli"
        )
    victim = AuditEvent.objects.order_by("sequence")[1]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [victim.pk]
        )
    sequences = {p.sequence for p in verify_chain()}
    assert victim.sequence + 1 in sequences


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_model(world):
    (event,) = record(
        actor=None, action="read", subjects=Subject(person_id=1), channel="cli"
    )
    event.detail = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.django_db(transaction=True)
def test_audit_verify_command(world, capsys):
    record(actor=None, action="read", subjects=Subject(person_id=1), channel="cli")
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET person_id = 999")
    assert main(["audit", "verify"]) == 1
    assert "NIET intact" in capsys.readouterr().err


@pytest.mark.django_db
def test_worker_sees_who_looked_and_admin_sees_the_trail(world):
    coach = Client()
    coach.force_login(world.users[Role.COACH])
    coach.get(f"/personen/{world.worker_person.pk}/")

    worker = Client()
    worker.force_login(world.users[Role.TARGET_WORKER])
    page = worker.get("/mijn-dossier/inzage/").content.decode()
    assert "coach" in page
    api = worker.get("/api/audit-events/").json()["results"]
    assert {e["person_id"] for e in api} == {world.worker_person.pk}
    assert any(e["actor_username"] == "coach" for e in api)

    admin = logged_in_client(world.users[Role.ORG_ADMIN])
    rows = admin.get("/api/audit-events/").json()["results"]
    assert rows and all(
        e["person_id"] in {world.worker_person.pk, world.own_person.pk, None}
        for e in rows
    )
    assert "coach" in admin.get("/beheer/audit/").content.decode()


@pytest.mark.django_db
def test_listing_consents_through_the_api_is_audited(world):
    from tests.apps.factories import ConsentFactory

    ConsentFactory(person=world.own_person, organisation=world.partner)
    client = Client()
    client.force_login(world.users[Role.COACH])
    client.get("/api/consents/")
    event = AuditEvent.objects.latest("sequence")
    assert (event.action, event.detail, event.person_id) == (
        "list",
        "consents",
        world.own_person.pk,
    )
