"""API: read and create partners, contacts and rounds; other organisations and
other roles refused; invalid input gives 400 and saves nothing."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.network import services
from doorstroom.apps.network.models import Contact, Partner, ReadinessRound
from tests.apps.factories import logged_in_client

from .answers import ANSWERS

JSON = "application/json"


@pytest.fixture
def partner(world):
    return services.create_partner(
        actor=world.users[Role.COACH], name="Logistiek NV", kind="nec_werkgever"
    )


def test_coach_creates_and_reads_partner_contact_and_round(world):
    client = logged_in_client(world.users[Role.COACH])
    response = client.post(
        "/api/network/partners/",
        {
            "name": "Stad Mechelen",
            "partner_kind": "lokaal_bestuur",
            "municipality": "Mechelen",
            "employment_target_percent": "2.0",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    partner_id = response.json()["id"]
    assert response.json()["employment_target_percent"] == "2.0"
    assert response.json()["partner_kind"] == "lokaal_bestuur"

    response = client.post(
        "/api/network/contacts/",
        {
            "partner": partner_id,
            "contact_kind": "leertafel",
            "date": "2026-01-05",
            "who": "Sofie",
            "follow_up": "Stageplaatsen",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    assert client.get("/api/network/contacts/").json()["count"] == 1

    response = client.post(
        "/api/network/readiness-rounds/",
        {"filled_on": "2026-03-10", "answers": ANSWERS},
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["score"]["percent"] == 59
    assert [(t["theme_id"], t["percent"]) for t in body["score"]["themes"]] == [
        ("visie", 50),
        ("werking", 100),
        ("coach", 0),
        ("netwerk", 67),
    ]
    detail = client.get(f"/api/network/readiness-rounds/{body['id']}/").json()
    assert detail["answers"] == ANSWERS
    assert detail["checklist_version"] == 1


@pytest.mark.parametrize(
    ("key", "count"),
    [
        (Role.COACH, 1),
        (Role.ORG_ADMIN, 1),
        (Role.FLOOR_SUPERVISOR, 0),
        (Role.ANALYST, 0),
        (Role.EMPLOYER_CONTACT, 0),
        ("partner_coach", 0),
    ],
)
def test_lists_show_only_the_own_organisation(world, partner, key, count):
    client = logged_in_client(world.users[key])
    assert client.get("/api/network/partners/").json()["count"] == count
    status = 200 if count else 404
    assert client.get(f"/api/network/partners/{partner.pk}/").status_code == status


@pytest.mark.parametrize(
    "key", [Role.ANALYST, Role.FLOOR_SUPERVISOR, Role.TARGET_WORKER]
)
def test_other_roles_cannot_create(world, key):
    client = logged_in_client(world.users[key])
    response = client.post(
        "/api/network/partners/",
        {"name": "X", "partner_kind": "andere"},
        content_type=JSON,
    )
    assert response.status_code == 403
    response = client.post(
        "/api/network/readiness-rounds/",
        {"filled_on": "2026-03-10", "answers": ANSWERS},
        content_type=JSON,
    )
    assert response.status_code == 403
    assert not Partner.objects.exists()
    assert not ReadinessRound.objects.exists()


def test_contact_on_another_organisations_partner_is_refused(world, partner):
    client = logged_in_client(world.users["partner_coach"])
    response = client.post(
        "/api/network/contacts/",
        {
            "partner": partner.pk,
            "contact_kind": "bedrijfsbezoek",
            "date": "2026-01-05",
            "who": "X",
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["detail"] == {"partner": ["Onbekende partner."]}
    assert not Contact.objects.exists()


def test_invalid_input_gives_dutch_errors_and_saves_nothing(world, partner):
    client = logged_in_client(world.users[Role.COACH])
    response = client.post(
        "/api/network/partners/",
        {
            "name": "Bouw BV",
            "partner_kind": "nec_werkgever",
            "employment_target_percent": "2",
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["detail"] == {
        "employment_target_percent": [
            "Een streefcijfer geldt enkel voor een lokaal bestuur."
        ]
    }
    answers = dict(ANSWERS, coach_vorming="misschien")
    response = client.post(
        "/api/network/readiness-rounds/",
        {"filled_on": "2026-03-10", "answers": answers},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "Ongeldig antwoord 'misschien'" in response.json()["detail"]["answers"][0]
    response = client.post(
        "/api/network/contacts/",
        {
            "partner": partner.pk,
            "contact_kind": "bedrijfsbezoek",
            "date": "2999-01-05",
            "who": "X",
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert list(response.json()["detail"]) == ["date"]
    assert Partner.objects.count() == 1
    assert not ReadinessRound.objects.exists()
    assert not Contact.objects.exists()
