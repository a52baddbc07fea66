"""`make demo` loads a synthetic population and one login per role, once."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp

from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.target_workers.models import EmploymentSpell, Person
from doorstroom.apps.web.demo import DEMO_PASSWORD, DEMO_TOTP_KEY, ensure_demo
from doorstroom.domain.synth import generate


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "data"
    generate(folder, persons=400, seed=3, app_extras=True)
    return folder


def counts():
    return (
        Person.objects.count(),
        EmploymentSpell.objects.count(),
        User.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_demo_loads_once_and_gives_every_role_something_to_see(demo_data):
    logins = ensure_demo(demo_data)
    first = counts()
    assert first[0] == 400
    assert {login.username for login in logins} == {
        "coach",
        "begeleider",
        "beheerder",
        "werknemer",
        "partner",
        "evaluator",
        "werkgever",
        "analist",
    }
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)

    ensure_demo(demo_data)  # a second `make demo`
    assert counts() == first

    def logged_in(username):
        client = Client()
        response = client.post(
            "/aanmelden/", {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username  # the printed password works
        return client

    def visible(username):
        return logged_in(username).get("/api/persons/").json()["count"]

    assert visible("coach") > 5
    assert visible("partner") == 2  # the two persons it follows with consent
    assert visible("evaluator") == 1
    assert visible("werknemer") == 1
    # the analyst needs the second factor before the API answers at all
    analyst = logged_in("analist")
    assert analyst.get("/api/persons/").status_code == 403
    assert analyst.get("/cijfers/").url == "/aanmelden/code/"
    code = f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"
    assert analyst.post("/aanmelden/code/", {"code": code}).status_code == 302
    assert analyst.get("/api/persons/").json()["count"] == 0
    assert analyst.get("/cijfers/").status_code == 200
    client = logged_in("werkgever")
    assert client.get("/api/placements/").json()["count"] == 1
    person = Person.objects.get(user__username="werknemer")
    assert person.first_name and person.municipality  # names from identities.csv
