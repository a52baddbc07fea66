"""Pages and API calls run a constant number of queries, however big the caseload."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import (
    EmploymentSpellFactory,
    PersonFactory,
    TrajectoryFactory,
    WopDossierFactory,
)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(world, n):
    for _ in range(n):
        person = PersonFactory(organisation=world.home)
        WopDossierFactory(person=person)
        EmploymentSpellFactory(person=person)
        TrajectoryFactory(person=person)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/personen/", "/api/persons/", "/stages/", "/api/consents/"])
def test_list_pages_do_not_grow_with_the_caseload(world, url):
    client = Client()
    client.force_login(world.users[Role.COACH])
    grow(world, 3)
    queries(client, url)  # warm up: session, chain head, translations
    small = queries(client, url)
    grow(world, 30)
    assert queries(client, url) == small


@pytest.mark.django_db
def test_person_file_does_not_grow_with_its_history(world):
    client = Client()
    client.force_login(world.users[Role.COACH])
    person = world.own_person
    url = f"/personen/{person.pk}/"
    WopDossierFactory(person=person)
    queries(client, url)  # warm up
    small = queries(client, url)
    for _ in range(20):
        WopDossierFactory(person=person)
        EmploymentSpellFactory(person=person)
        TrajectoryFactory(person=person)
    assert queries(client, url) == small
