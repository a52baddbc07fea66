"""Every role against every page and API endpoint: allowed and denied.

The expectation table is written out by hand from the access rules in
docs/access.md, not derived from the code under test.
"""

from __future__ import annotations

import pytest
from django.test import Client

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from tests.apps.factories import logged_in_client

USERS = [
    Role.COACH,
    Role.FLOOR_SUPERVISOR,
    Role.ORG_ADMIN,
    Role.TARGET_WORKER,
    Role.VDAB_EVALUATOR,
    Role.EMPLOYER_CONTACT,
    Role.ANALYST,
    "partner_coach",
]

HOME = {"own_person", "worker_person"}
#: Which persons' files each user may open.
VISIBLE_PERSONS = {
    Role.COACH: HOME,
    Role.FLOOR_SUPERVISOR: HOME,
    Role.ORG_ADMIN: HOME,
    Role.TARGET_WORKER: {"worker_person"},
    Role.VDAB_EVALUATOR: {"evaluated_person"},
    Role.EMPLOYER_CONTACT: set(),
    Role.ANALYST: set(),
    "partner_coach": {"partner_person"},
}
ALL_PERSONS = [
    "own_person",
    "other_person",
    "partner_person",
    "withdrawn_person",
    "evaluated_person",
    "worker_person",
]

#: Pages without a person in the URL: which users get 200 (everyone else 403).
PAGES = {
    "/personen/": {
        Role.COACH,
        Role.FLOOR_SUPERVISOR,
        Role.ORG_ADMIN,
        Role.VDAB_EVALUATOR,
        "partner_coach",
    },
    "/mijn-dossier/": {Role.TARGET_WORKER},
    "/mijn-dossier/inzage/": {Role.TARGET_WORKER},
    "/mijn-dossier/toestemmingen/": {Role.TARGET_WORKER},
    "/mijn-dossier/export.json": {Role.TARGET_WORKER},
    "/stages/": {
        Role.EMPLOYER_CONTACT,
        Role.COACH,
        Role.ORG_ADMIN,
        Role.FLOOR_SUPERVISOR,
        "partner_coach",
    },
    "/vacatures/": {Role.EMPLOYER_CONTACT, Role.COACH, Role.ORG_ADMIN, "partner_coach"},
    "/beheer/audit/": {Role.ORG_ADMIN},
    "/cijfers/": {Role.ANALYST, Role.ORG_ADMIN},
}


def login(world, key) -> Client:
    return logged_in_client(world.users[key])


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
@pytest.mark.parametrize("person_key", ALL_PERSONS)
def test_person_page_and_api(world, user_key, person_key):
    client = login(world, user_key)
    person = getattr(world, person_key)
    allowed = person_key in VISIBLE_PERSONS[user_key]
    before = AuditEvent.objects.filter(person_id=person.pk, action="read").count()

    page = client.get(f"/personen/{person.pk}/")
    api = client.get(f"/api/persons/{person.pk}/")

    assert page.status_code == (200 if allowed else 404)
    assert api.status_code == (200 if allowed else 404)
    reads = (
        AuditEvent.objects.filter(person_id=person.pk, action="read").count() - before
    )
    if allowed:
        assert person.last_name in page.content.decode()
        assert api.json()["id"] == person.pk
        assert reads == 2  # one for the page, one for the API
    else:
        assert person.first_name not in page.content.decode()
        assert reads == 0


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_person_lists_show_exactly_the_visible_persons(world, user_key):
    client = login(world, user_key)
    expected = {getattr(world, k).pk for k in VISIBLE_PERSONS[user_key]}

    api = client.get("/api/persons/")
    assert api.status_code == 200
    assert {row["id"] for row in api.json()["results"]} == expected

    page = client.get("/personen/")
    if "/personen/" in PAGES and user_key in PAGES["/personen/"]:
        body = page.content.decode()
        for key in ALL_PERSONS:
            person = getattr(world, key)
            shown = f"/personen/{person.pk}/" in body
            assert shown == (person.pk in expected), key
    else:
        assert page.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
@pytest.mark.parametrize("path", list(PAGES))
def test_pages(world, user_key, path):
    response = login(world, user_key).get(path)
    assert response.status_code == (200 if user_key in PAGES[path] else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_placements_only_for_parties(world, user_key):
    client = login(world, user_key)
    expected = {
        Role.EMPLOYER_CONTACT: {world.placement.pk},  # only its own stage
        Role.COACH: {world.placement.pk},
        Role.FLOOR_SUPERVISOR: {world.placement.pk},
        Role.ORG_ADMIN: {world.placement.pk},
    }.get(user_key, set())
    ids = {row["id"] for row in client.get("/api/placements/").json()["results"]}
    assert ids == expected
    for placement in (world.placement, world.other_placement):
        status = client.get(f"/api/placements/{placement.pk}/").status_code
        assert status == (200 if placement.pk in expected else 404)


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_vacancies(world, user_key):
    client = login(world, user_key)
    both = {world.vacancy.pk, world.other_vacancy.pk}
    expected = {
        Role.EMPLOYER_CONTACT: {world.vacancy.pk},
        Role.ANALYST: set(),
    }.get(user_key, both)
    ids = {row["id"] for row in client.get("/api/vacancies/").json()["results"]}
    assert ids == expected


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
@pytest.mark.parametrize("person_key", ["worker_person", "own_person", "other_person"])
def test_export_endpoint(world, user_key, person_key):
    person = getattr(world, person_key)
    allowed = (user_key == Role.TARGET_WORKER and person_key == "worker_person") or (
        user_key == Role.ORG_ADMIN and person_key in {"worker_person", "own_person"}
    )
    response = login(world, user_key).get(f"/api/persons/{person.pk}/export/")
    if allowed:
        assert response.status_code == 200
        assert response.json()["person"]["last_name"] == person.last_name
    else:
        assert response.status_code in {403, 404}


@pytest.mark.django_db
def test_withdrawn_consent_ends_access_at_once(world):
    from doorstroom.apps.consents.models import Consent
    from doorstroom.apps.consents.services import withdraw_consent

    from .factories import UserFactory

    client = login(world, "partner_coach")
    person = world.partner_person
    assert client.get(f"/personen/{person.pk}/").status_code == 200
    assert client.get(f"/api/persons/{person.pk}/").status_code == 200

    # the coach of the person's own organisation withdraws it on the worker's request
    other_coach = UserFactory(role=Role.COACH, organisation=world.other)
    consent = Consent.objects.get(person=person, organisation=world.partner)
    withdraw_consent(actor=other_coach, consent=consent)

    assert client.get(f"/personen/{person.pk}/").status_code == 404
    assert client.get(f"/api/persons/{person.pk}/").status_code == 404
    assert person.pk not in {
        r["id"] for r in client.get("/api/persons/").json()["results"]
    }


@pytest.mark.django_db
def test_partner_cannot_withdraw_or_give_consent(world):
    from django.core.exceptions import PermissionDenied

    from doorstroom.apps.consents.models import Consent
    from doorstroom.apps.consents.services import withdraw_consent

    consent = Consent.objects.get(
        person=world.partner_person, organisation=world.partner
    )
    with pytest.raises(PermissionDenied):
        withdraw_consent(actor=world.users["partner_coach"], consent=consent)


@pytest.mark.django_db
def test_consent_scope_limits_sections(world):
    client = login(world, "partner_coach")
    body = client.get(f"/api/persons/{world.partner_person.pk}/").json()
    assert set(body["sections"]) == {"identiteit", "traject"}
    assert body["employment"] == []  # not in the consent's scope


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(world):
    client = Client()
    assert client.get("/personen/").status_code == 302
    assert client.get("/api/persons/").status_code in {401, 403}


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_consents_api(world, user_key):
    """A worker sees their own consents; a coach or admin those of their own
    organisation's persons; nobody else any."""
    from tests.apps.factories import ConsentFactory

    own = ConsentFactory(person=world.own_person, organisation=world.partner)
    mine = ConsentFactory(person=world.worker_person, organisation=world.partner)
    expected = {
        Role.COACH: {own.pk, mine.pk},
        Role.FLOOR_SUPERVISOR: {own.pk, mine.pk},
        Role.ORG_ADMIN: {own.pk, mine.pk},
        Role.TARGET_WORKER: {mine.pk},
    }.get(user_key, set())
    client = login(world, user_key)
    ids = {row["id"] for row in client.get("/api/consents/").json()["results"]}
    assert ids == expected

    response = client.post(
        "/api/consents/",
        {
            "person": world.own_person.pk,
            "organisation": world.partner.pk,
            "purpose": "traject",
            "scope": ["identiteit"],
            "given_how": "ondertekend",
        },
        content_type="application/json",
    )
    may_give = user_key in {Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN}
    assert response.status_code == (201 if may_give else 400), response.content
    if not may_give:
        assert "person" in response.json()["detail"]  # not a person they may manage


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_audit_events_api(world, user_key):
    coach = login(world, Role.COACH)
    coach.get(f"/personen/{world.worker_person.pk}/")
    partner = login(world, "partner_coach")
    partner.get(f"/personen/{world.partner_person.pk}/")

    rows = login(world, user_key).get("/api/audit-events/").json()["results"]
    persons = {row["person_id"] for row in rows}
    if user_key == Role.TARGET_WORKER:
        assert persons == {world.worker_person.pk}
    elif user_key == Role.ORG_ADMIN:
        assert world.worker_person.pk in persons
        assert world.partner_person.pk not in persons  # another organisation's person
    else:
        assert rows == []


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_me_and_organisations(world, user_key):
    client = login(world, user_key)
    me = client.get("/api/me/").json()
    assert me["username"] == world.users[user_key].username
    assert me["person"] == (
        world.worker_person.pk if user_key == Role.TARGET_WORKER else None
    )
    names = {row["name"] for row in client.get("/api/organisations/").json()["results"]}
    assert "Maatwerk Mechelen" in names  # organisations are not personal data
