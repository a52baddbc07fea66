"""Links from the person page to the case file and the competences page."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import logged_in_client


@pytest.mark.django_db
def test_own_coach_sees_links_to_case_file_and_competences(world):
    person = world.own_person
    page = logged_in_client(world.users[Role.COACH]).get(f"/personen/{person.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/personen/{person.pk}/traject/"' in html
    assert f'href="/competenties/personen/{person.pk}/"' in html


@pytest.mark.django_db
def test_partner_with_trajectory_consent_sees_only_the_case_file_link(world):
    person = world.partner_person  # consent scope: identiteit + traject
    client = logged_in_client(world.users["partner_coach"])
    page = client.get(f"/personen/{person.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert f'href="/personen/{person.pk}/traject/"' in html
    assert "/competenties/personen/" not in html
    assert client.get(f"/personen/{person.pk}/traject/").status_code == 200


@pytest.mark.django_db
def test_worker_own_file_shows_no_case_worker_links(world):
    page = logged_in_client(world.users[Role.TARGET_WORKER]).get("/mijn-dossier/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "/traject/" not in html
    assert "/competenties/personen/" not in html
