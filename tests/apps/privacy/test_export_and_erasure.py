from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.privacy.services import erase_person
from doorstroom.apps.target_workers.models import Person
from tests.apps.factories import (
    EmploymentSpellFactory,
    WopDossierFactory,
    logged_in_client,
)


@pytest.mark.django_db
def test_worker_downloads_own_data_as_json_and_pdf(world):
    WopDossierFactory(person=world.worker_person)
    client = Client()
    client.force_login(world.users[Role.TARGET_WORKER])

    response = client.get("/mijn-dossier/export.json")
    data = json.loads(response.content)
    assert data["person"]["last_name"] == "Nemer"
    assert len(data["wop_dossiers"]) == 1
    assert response["Content-Disposition"].startswith("attachment;")

    pdf = client.get("/mijn-dossier/export.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Mijn gegevens in Doorstroom" in text
    assert "Werk Nemer" in text
    assert (
        AuditEvent.objects.filter(
            person_id=world.worker_person.pk, action="export"
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_erasure_blanks_identity_and_keeps_statistics(world, tmp_path):
    from doorstroom.apps.imports.exports import export_folder

    person = world.own_person
    WopDossierFactory(person=person)
    EmploymentSpellFactory(person=person)
    before = export_folder(tmp_path / "before")

    erase_person(actor=world.users[Role.ORG_ADMIN], person=person)

    person = Person.objects.get(pk=person.pk)
    assert (person.first_name, person.last_name, person.municipality) == ("", "", "")
    assert person.birth_date is not None and person.erased_at is not None
    after = export_folder(tmp_path / "after")
    assert after == before  # the same rows: figures do not change
    for name in ("persons.csv", "wop_dossiers.csv", "employment.csv"):
        assert (tmp_path / "before" / name).read_text() == (
            tmp_path / "after" / name
        ).read_text()
    assert AuditEvent.objects.filter(person_id=person.pk, action="erase").exists()
    # an erased person is nobody's file any more
    coach = Client()
    coach.force_login(world.users[Role.COACH])
    assert coach.get(f"/personen/{person.pk}/").status_code == 404


@pytest.mark.django_db
def test_only_the_admin_of_the_own_organisation_may_erase(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        erase_person(actor=world.users[Role.COACH], person=world.own_person)
    with pytest.raises(PermissionDenied):
        erase_person(actor=world.users[Role.ORG_ADMIN], person=world.other_person)


@pytest.mark.django_db
def test_erase_page_asks_for_confirmation(world):
    client = logged_in_client(world.users[Role.ORG_ADMIN])
    url = f"/personen/{world.own_person.pk}/anonimiseren/"
    assert client.post(url, {}).status_code == 200  # not confirmed: form again
    assert Person.objects.get(pk=world.own_person.pk).erased_at is None
    assert client.post(url, {"confirm": "on"}).status_code == 302
    assert Person.objects.get(pk=world.own_person.pk).erased_at is not None
