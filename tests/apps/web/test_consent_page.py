"""Recording a consent happens on its own page, not inside the person's file."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.consents.models import Consent, DataScope, GivenHow, Purpose
from tests.apps.factories import logged_in_client


def _post(world, **overrides):
    data = {
        "organisation": world.partner.pk,
        "purpose": Purpose.TRAJECTORY,
        "scope": [DataScope.IDENTITY, DataScope.TRAJECTORY],
        "given_how": GivenHow.SIGNED,
        **overrides,
    }
    client = logged_in_client(world.users[Role.COACH])
    return client.post(f"/personen/{world.own_person.pk}/toestemming/", data)


@pytest.mark.django_db
def test_the_file_links_to_the_consent_page_without_listing_organisations(world):
    client = logged_in_client(world.users[Role.COACH])
    file = client.get(f"/personen/{world.own_person.pk}/").content.decode()
    assert f'href="/personen/{world.own_person.pk}/toestemming/"' in file
    assert world.partner.name not in file  # no <select> of every organisation
    page = client.get(f"/personen/{world.own_person.pk}/toestemming/")
    assert page.status_code == 200
    assert f'<option value="{world.partner.pk}">{world.partner.name}</option>' in (
        page.content.decode()
    )


@pytest.mark.django_db
def test_a_valid_consent_is_saved_and_leads_back_to_the_file(world):
    response = _post(world)
    assert response.status_code == 302
    assert response["Location"] == f"/personen/{world.own_person.pk}/"
    consent = Consent.objects.get(person=world.own_person, organisation=world.partner)
    assert consent.purpose == Purpose.TRAJECTORY
    assert set(consent.scope) == {DataScope.IDENTITY, DataScope.TRAJECTORY}


@pytest.mark.django_db
def test_an_invalid_consent_shows_the_form_again_and_saves_nothing(world):
    before = Consent.objects.count()
    response = _post(world, purpose="geen-doel")
    assert response.status_code == 400
    assert "De toestemming is niet bewaard" in response.content.decode()
    assert Consent.objects.count() == before


@pytest.mark.django_db
def test_another_organisation_cannot_open_the_consent_page(world):
    client = logged_in_client(world.users[Role.COACH])
    response = client.get(f"/personen/{world.other_person.pk}/toestemming/")
    assert response.status_code in (403, 404)
