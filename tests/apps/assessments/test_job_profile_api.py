"""Job-profile editing through the API: create, update (a new version each
time), validation against the framework version, permissions, audit."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as m
from doorstroom.apps.audit_events.models import AuditEvent
from tests.apps.factories import logged_in_client

from .conftest import REQUIREMENTS

pytestmark = pytest.mark.django_db

URL = "/api/job-profiles/"


def _payload(competences, **changes):
    return {
        "name": "Magazijnmedewerker",
        "framework": competences.framework.pk,
        "requirements": REQUIREMENTS,
        **changes,
    }


def test_create_and_update_keep_every_version(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    created = client.post(URL, _payload(competences), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["version"] == 1
    assert body["organisation"] == world.home.pk
    assert body["requirements"][0] == {
        "competence": "cooperation",
        "required": 3,
        "weight": 2.0,
        "cutoff": 2,
    }
    pk = body["id"]
    changed = [{"competence": "cooperation", "required": 4, "weight": 1}]
    updated = client.put(
        f"{URL}{pk}/",
        _payload(competences, name="Heftruckchauffeur", requirements=changed),
        content_type="application/json",
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["version"] == 2
    assert updated.json()["name"] == "Heftruckchauffeur"
    # PATCH with only a name: a third version, requirements kept
    patched = client.patch(
        f"{URL}{pk}/", {"name": "Heftruck"}, content_type="application/json"
    )
    assert patched.json()["version"] == 3
    assert patched.json()["requirements"] == [
        {"competence": "cooperation", "required": 4, "weight": 1.0}
    ]
    # saving the same content again is not a new version
    same = client.patch(
        f"{URL}{pk}/", {"name": "Heftruck"}, content_type="application/json"
    )
    assert same.json()["version"] == 3
    versions = client.get(f"{URL}{pk}/versions/").json()
    assert [(v["version"], v["name"]) for v in versions] == [
        (1, "Magazijnmedewerker"),
        (2, "Heftruckchauffeur"),
        (3, "Heftruck"),
    ]
    assert versions[0]["requirements"] == created.json()["requirements"]


def test_an_update_leaves_distances_against_the_older_version_reproducible(
    world, competences
):
    client = logged_in_client(world.users[Role.COACH])
    profile = competences.job_profile
    url = f"/api/persons/{world.own_person.pk}/distance/?job_profile={profile.pk}"
    before = client.get(url).json()
    assert before["profile_version"] == 1
    # cooperation is at 1 (median of 1 and 1) with a cut-off at 2: blocking
    assert before["blockers"] == ["cooperation"]
    changed = [
        {"competence": "cooperation", "required": 1},
        {"competence": "accuracy", "required": 2},
    ]
    response = client.put(
        f"{URL}{profile.pk}/",
        _payload(competences, requirements=changed),
        content_type="application/json",
    )
    assert response.json()["version"] == 2
    after = client.get(url).json()
    assert after["profile_version"] == 2
    assert after["fit"] == 1.0 and after["blockers"] == []
    # the old result, asked for by version, is exactly what it was
    assert client.get(f"{url}&version=1").json() == before
    assert client.get(f"{url}&version=9").status_code == 404
    # a POP records the version it was drafted against
    pop = client.post(
        f"/competenties/personen/{world.own_person.pk}/pop/",
        {
            "version": 0,
            "job_profile": profile.pk,
            "start_date": "2026-04-01",
            "actions-TOTAL_FORMS": 1,
            "actions-INITIAL_FORMS": 0,
            "actions-0-action": "Samen lossen",
        },
    )
    assert pop.status_code == 302
    assert m.PopPlan.objects.get(person=world.own_person).job_profile_version == 2


def test_validation_errors_name_the_field(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    unknown = client.post(
        URL,
        _payload(
            competences,
            requirements=[
                {"competence": "cooperation", "required": 3},
                {"competence": "forklift", "required": 3},
            ],
        ),
        content_type="application/json",
    )
    assert unknown.status_code == 400
    assert unknown.json()["detail"] == {
        "requirements": {
            "1": {
                "competence": [
                    "Unknown competence 'forklift': not in framework sw_lde version 1."
                ]
            }
        }
    }
    mixed = client.post(
        URL,
        _payload(
            competences,
            requirements=[
                {"competence": "cooperation", "required": 2, "cutoff": 3},
                {"competence": "cooperation", "required": 3},
            ],
        ),
        content_type="application/json",
    ).json()["detail"]
    assert mixed == {
        "requirements": {
            "0": {
                "cutoff": ["The cut-off must not be higher than the required level."]
            },
            "1": {"competence": ["Competence 'cooperation' is listed more than once."]},
        }
    }
    limits = client.post(
        URL,
        _payload(
            competences,
            name="x" * 201,
            requirements=[{"competence": "cooperation", "required": 5, "weight": 0}],
        ),
        content_type="application/json",
    ).json()["detail"]
    assert set(limits) == {"name", "requirements"}
    assert set(limits["requirements"]["0"]) == {"required", "weight"}
    empty = client.post(
        URL, _payload(competences, requirements=[]), content_type="application/json"
    )
    assert "requirements" in empty.json()["detail"]
    no_framework = client.post(
        URL, _payload(competences, framework=99999), content_type="application/json"
    )
    assert no_framework.json()["detail"] == {"framework": ["Unknown framework."]}
    assert m.JobProfile.objects.count() == 1


def test_only_staff_of_the_owning_organisation_edit(world, competences, other_coach):
    profile = competences.job_profile
    body = _payload(competences, name="Overgenomen")
    other = logged_in_client(other_coach)
    assert (
        other.put(
            f"{URL}{profile.pk}/", body, content_type="application/json"
        ).status_code
        == 404
    )
    assert other.get(f"{URL}{profile.pk}/versions/").status_code == 404
    # the other organisation creates its own profile, never one of ours
    mine = other.post(URL, body, content_type="application/json")
    assert mine.status_code == 201
    assert mine.json()["organisation"] == world.other.pk
    supervisor = logged_in_client(world.users[Role.FLOOR_SUPERVISOR])
    assert (
        supervisor.put(
            f"{URL}{profile.pk}/", body, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        supervisor.post(URL, body, content_type="application/json").status_code == 403
    )
    profile.refresh_from_db()
    assert (profile.name, profile.version) == ("Magazijnmedewerker", 1)


def test_job_profile_writes_are_audited(world, competences):
    last = AuditEvent.objects.order_by("-sequence").first().sequence
    client = logged_in_client(world.users[Role.ORG_ADMIN])
    pk = client.post(
        URL, _payload(competences), content_type="application/json"
    ).json()["id"]
    client.patch(f"{URL}{pk}/", {"name": "Nieuw"}, content_type="application/json")
    events = list(AuditEvent.objects.filter(sequence__gt=last).order_by("sequence"))
    assert [(e.action, e.object_type, e.object_id, e.channel) for e in events] == [
        ("create", "job_profile", str(pk), "api"),
        ("update", "job_profile", str(pk), "api"),
    ]
    assert events[1].detail == "Nieuw v2"
