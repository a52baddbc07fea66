"""Who may open which competence page and endpoint: allowed and denied."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services
from doorstroom.apps.consents.models import Consent
from tests.apps.factories import logged_in_client

from .conftest import REQUIREMENTS, levels

pytestmark = pytest.mark.django_db


def person_pages(person_pk: int, round_pk: int, profile_pk: int) -> list[str]:
    return [
        f"/competenties/personen/{person_pk}/",
        f"/competenties/metingen/{round_pk}/",
        f"/competenties/personen/{person_pk}/afstand/?job_profile={profile_pk}",
        f"/competenties/personen/{person_pk}/afstand.pdf?job_profile={profile_pk}",
    ]


def api_urls(person_pk: int, round_pk: int, profile_pk: int) -> list[str]:
    return [
        f"/api/assessment-rounds/{round_pk}/",
        f"/api/persons/{person_pk}/distance/?job_profile={profile_pk}",
    ]


@pytest.mark.parametrize("role", [Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN])
def test_own_organisation_case_workers_open_every_page_and_endpoint(
    world, competences, role
):
    client = logged_in_client(world.users[role])
    urls = person_pages(
        world.own_person.pk, competences.round.pk, competences.job_profile.pk
    ) + api_urls(world.own_person.pk, competences.round.pk, competences.job_profile.pk)
    for url in urls:
        assert client.get(url).status_code == 200, url
    listed = client.get("/api/assessment-rounds/").json()["results"]
    assert {r["person"] for r in listed} == {
        world.own_person.pk,
        world.worker_person.pk,
    }


def test_coach_of_another_organisation_gets_404_everywhere(
    world, competences, other_coach
):
    client = logged_in_client(other_coach)
    urls = person_pages(
        world.own_person.pk, competences.round.pk, competences.job_profile.pk
    ) + api_urls(world.own_person.pk, competences.round.pk, competences.job_profile.pk)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.get("/api/assessment-rounds/").json()["results"] == []
    # and may not rate or start a round for that person through the API
    response = client.post(
        "/api/assessment-rounds/",
        {
            "person": world.own_person.pk,
            "framework": competences.framework.pk,
            "held_on": "2026-04-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert (
        client.post(
            f"/api/assessment-rounds/{competences.round.pk}/ratings/",
            {"ratings": [{"competence_id": "cooperation", "level": 4}]},
            content_type="application/json",
        ).status_code
        == 404
    )


@pytest.fixture
def partner_setup(world, competences, other_coach):
    """A round for the partner's person (rated by its own coach) and a job profile
    of the partner organisation."""
    partner_coach = world.users["partner_coach"]
    round_row = services.start_round(
        actor=other_coach,
        person=world.partner_person,
        framework=competences.framework,
        held_on=dt.date(2026, 2, 1),
    )
    services.save_ratings(
        actor=other_coach, round_row=round_row, ratings=levels({"cooperation": 3})
    )
    profile = services.save_job_profile(
        actor=partner_coach,
        name="Winkelbediende",
        framework=competences.framework,
        requirements=REQUIREMENTS,
    )
    return partner_coach, round_row, profile


def test_partner_without_the_competences_scope_is_refused(world, partner_setup):
    partner_coach, round_row, profile = partner_setup
    client = logged_in_client(partner_coach)
    # the file itself is visible (consent with identiteit + traject) ...
    assert client.get(f"/personen/{world.partner_person.pk}/").status_code == 200
    # ... but not its competences
    for url in person_pages(world.partner_person.pk, round_row.pk, profile.pk):
        assert client.get(url).status_code in {403, 404}, url
    assert (
        client.get(
            f"/api/persons/{world.partner_person.pk}/distance/?job_profile={profile.pk}"
        ).status_code
        == 403
    )
    assert client.get(f"/api/assessment-rounds/{round_row.pk}/").status_code == 404
    assert client.get("/api/assessment-rounds/").json()["results"] == []


def test_partner_with_the_competences_scope_is_allowed(world, partner_setup):
    partner_coach, round_row, profile = partner_setup
    Consent.objects.filter(
        person=world.partner_person, organisation=world.partner
    ).update(scope_codes=" identiteit traject competenties ")
    client = logged_in_client(partner_coach)
    for url in person_pages(world.partner_person.pk, round_row.pk, profile.pk):
        assert client.get(url).status_code == 200, url
    data = client.get(
        f"/api/persons/{world.partner_person.pk}/distance/?job_profile={profile.pk}"
    ).json()
    assert data["profile_name"] == "Winkelbediende"
    listed = client.get("/api/assessment-rounds/").json()["results"]
    assert [r["id"] for r in listed] == [round_row.pk]
    # rating as a partner counts as "andere observator", never as the coach
    sheet = client.post(
        f"/api/assessment-rounds/{round_row.pk}/ratings/",
        {"ratings": [{"competence_id": "cooperation", "level": 2}]},
        content_type="application/json",
    ).json()
    assert sheet["role"] == "observer"


@pytest.mark.parametrize("role", [Role.ANALYST, Role.EMPLOYER_CONTACT])
def test_analyst_and_employer_are_refused(world, competences, role):
    client = logged_in_client(world.users[role])
    assert client.get("/competenties/").status_code == 403
    assert client.get("/competenties/kaders/").status_code == 403
    assert client.get("/competenties/jobprofielen/").status_code == 403
    for url in person_pages(
        world.own_person.pk, competences.round.pk, competences.job_profile.pk
    ) + api_urls(world.own_person.pk, competences.round.pk, competences.job_profile.pk):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/assessment-rounds/").json()["results"] == []
    assert client.get("/api/job-profiles/").json()["results"] == []
    assert client.get("/api/competence-frameworks/").json()["results"] == []


def test_worker_sees_only_their_own_self_assessment(world, competences):
    client = logged_in_client(world.users[Role.TARGET_WORKER])
    own = competences.worker_round.pk
    assert client.get("/mijn-competenties/").status_code == 200
    assert client.get(f"/mijn-competenties/metingen/{own}/").status_code == 200
    # another person's round does not exist for them
    other = competences.round.pk
    assert client.get(f"/mijn-competenties/metingen/{other}/").status_code == 404
    assert client.get(f"/api/assessment-rounds/{other}/").status_code == 404
    # the case worker pages of their own file are not theirs
    for url in person_pages(world.worker_person.pk, own, competences.job_profile.pk)[
        :1
    ] + [f"/competenties/personen/{world.worker_person.pk}/pop/"]:
        assert client.get(url).status_code == 403, url
    assert (
        client.get(
            f"/api/persons/{world.worker_person.pk}/distance/"
            f"?job_profile={competences.job_profile.pk}"
        ).status_code
        == 403
    )
    # through the API: only the own round, with only the own (self) sheet
    listed = client.get("/api/assessment-rounds/").json()["results"]
    assert [r["id"] for r in listed] == [own]
    client.post(
        f"/api/assessment-rounds/{own}/ratings/",
        {"ratings": [{"competence_id": "cooperation", "level": 4}]},
        content_type="application/json",
    )
    detail = client.get(f"/api/assessment-rounds/{own}/").json()
    assert [s["role"] for s in detail["sheets"]] == ["self"]
    assert detail["agreement"] is None and detail["self_vs_others"] == []
    # and they cannot start a round
    response = client.post(
        "/api/assessment-rounds/",
        {
            "person": world.worker_person.pk,
            "framework": competences.framework.pk,
            "held_on": "2026-04-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 403


def test_floor_supervisor_cannot_edit_the_pop_or_frameworks(world, competences):
    client = logged_in_client(world.users[Role.FLOOR_SUPERVISOR])
    assert (
        client.get(f"/competenties/personen/{world.own_person.pk}/pop/").status_code
        == 403
    )
    assert (
        client.post(f"/competenties/kaders/{competences.framework.pk}/kopieren/")
    ).status_code == 403
    assert (
        client.get(
            f"/competenties/jobprofielen/{competences.job_profile.pk}/"
        ).status_code
        == 403
    )
