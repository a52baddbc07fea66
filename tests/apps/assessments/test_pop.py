"""POP: proposal from the gaps, editing with optimistic locking, agreement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as m
from doorstroom.apps.assessments import services
from tests.apps.factories import logged_in_client

pytestmark = pytest.mark.django_db

ACTION = {
    "competence_id": "cooperation",
    "competence_name": "Samenwerken",
    "action": "Werk elke dag een uur samen met Els aan de inpaklijn.",
    "helper": "Werkvloerbegeleider",
    "due_date": dt.date(2026, 6, 1),
    "measurable_result": "Drie keer per week zelf hulp gevraagd.",
}


def _form(version: int, actions: list[dict], start="2026-03-10", profile=""):
    data = {
        "version": str(version),
        "job_profile": str(profile),
        "start_date": start,
        "actions-TOTAL_FORMS": str(len(actions)),
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
    }
    for i, action in enumerate(actions):
        for key, value in action.items():
            data[f"actions-{i}-{key}"] = str(value)
    return data


def test_pop_editor_starts_from_the_proposal(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    page = client.get(
        f"/competenties/personen/{world.own_person.pk}/pop/"
        f"?job_profile={competences.job_profile.pk}"
    ).content.decode()
    # blocking cooperation first, then initiative; unknown dutch_language gets none
    assert page.index('value="cooperation"') < page.index('value="initiative"')
    assert 'value="dutch_language"' not in page
    assert 'name="version" value="0"' in page


def test_stale_pop_save_is_refused(world, competences):
    coach = world.users[Role.COACH]
    admin = world.users[Role.ORG_ADMIN]
    person = world.own_person
    first = services.save_pop(
        actor=coach,
        person=person,
        actions=[ACTION],
        expected_version=0,
        start_date=dt.date(2026, 3, 10),
    )
    assert first.version == 1
    # the admin and the coach both open version 1; the admin saves first
    services.save_pop(
        actor=admin,
        person=person,
        actions=[ACTION, {**ACTION, "action": "Extra"}],
        expected_version=1,
        start_date=dt.date(2026, 3, 10),
    )
    with pytest.raises(services.StalePopError, match="intussen door iemand anders"):
        services.save_pop(
            actor=coach,
            person=person,
            actions=[],
            expected_version=1,
            start_date=dt.date(2026, 3, 10),
        )
    plan = m.PopPlan.objects.get(person=person)
    assert plan.version == 2 and plan.actions.count() == 2
    # the same through the page: 409 with the Dutch message, nothing saved
    client = logged_in_client(coach)
    response = client.post(
        f"/competenties/personen/{person.pk}/pop/", _form(1, [ACTION])
    )
    assert response.status_code == 409
    assert "intussen door iemand anders gewijzigd" in response.content.decode()
    assert m.PopPlan.objects.get(person=person).actions.count() == 2
    # with the current version it is saved
    response = client.post(
        f"/competenties/personen/{person.pk}/pop/", _form(2, [ACTION])
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.version == 3 and plan.actions.get().helper == "Werkvloerbegeleider"


def test_worker_agrees_and_a_change_asks_for_agreement_again(world, competences):
    coach = world.users[Role.COACH]
    worker = world.users[Role.TARGET_WORKER]
    person = world.worker_person
    plan = services.save_pop(
        actor=coach,
        person=person,
        actions=[ACTION],
        expected_version=0,
        start_date=timezone.localdate(),
    )
    client = logged_in_client(worker)
    page = client.get("/mijn-competenties/").content.decode()
    assert "Werk elke dag een uur samen met Els" in page
    client.post("/mijn-competenties/pop/akkoord/", {"version": "1"})
    plan.refresh_from_db()
    assert plan.agreed_by == worker and plan.agreed_at is not None
    # a stale agreement (version 0) is refused
    services.save_pop(
        actor=coach,
        person=person,
        actions=[ACTION],
        expected_version=1,
        start_date=timezone.localdate(),
    )
    plan.refresh_from_db()
    assert plan.agreed_at is None and plan.version == 2
    client.post("/mijn-competenties/pop/akkoord/", {"version": "1"})
    plan.refresh_from_db()
    assert plan.agreed_at is None
    # the coach cannot agree on the worker's behalf
    with pytest.raises(PermissionDenied):
        services.agree_pop(actor=coach, plan=plan, expected_version=2)


def test_pop_older_than_a_year_is_flagged(world, competences):
    plan = services.save_pop(
        actor=world.users[Role.COACH],
        person=world.own_person,
        actions=[ACTION],
        expected_version=0,
        start_date=dt.date(2025, 2, 28),
    )
    assert services.pop_outdated(plan, dt.date(2026, 2, 28)) is False
    assert services.pop_outdated(plan, dt.date(2026, 3, 1)) is True
    page = logged_in_client(world.users[Role.COACH]).get(
        f"/competenties/personen/{world.own_person.pk}/"
    )
    assert "ouder dan een jaar" in page.content.decode()
