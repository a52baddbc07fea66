from __future__ import annotations

import tarfile

import pytest
from django.core.management import call_command
from django.test import Client

from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.audit_events.services import verify_chain
from doorstroom.apps.consents.models import Consent
from doorstroom.apps.target_workers.models import Person
from doorstroom.cli import main


def snapshot():
    return {
        "persons": sorted(Person.objects.values_list("external_id", "last_name")),
        "users": sorted(User.objects.values_list("username", "role", "password")),
        "consents": sorted(
            Consent.objects.values_list("person__external_id", "scope_codes")
        ),
        "audit": list(
            AuditEvent.objects.order_by("sequence").values_list("sequence", "hash")
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_database(world, tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "uploads").mkdir(parents=True)
    (tmp_path / "media" / "uploads" / "engagement.pdf").write_bytes(b"%PDF-1.4 signed")
    client = Client()
    client.force_login(world.users[Role.COACH])
    client.get(f"/personen/{world.own_person.pk}/")
    before = snapshot()
    assert before["audit"]

    assert main(["backup", "--out", str(tmp_path / "backup.tar.gz")]) == 0
    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / "uploads" / "engagement.pdf").unlink()
    assert Person.objects.count() == 0

    assert main(["restore", "--from", str(tmp_path / "backup.tar.gz")]) == 0
    assert snapshot() == before
    assert verify_chain() == []
    assert (
        tmp_path / "media" / "uploads" / "engagement.pdf"
    ).read_bytes() == b"%PDF-1.4 signed"
    # the app keeps working: new rows get fresh ids, the chain goes on
    client = Client()
    client.force_login(User.objects.get(username="coach"))
    assert client.get(f"/personen/{world.own_person.pk}/").status_code == 200
    assert verify_chain() == []
    assert "audittrail intact" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_data(world, tmp_path, capsys):
    assert main(["backup", "--out", str(tmp_path / "b.tar.gz")]) == 0
    before = snapshot()
    assert main(["restore", "--from", str(tmp_path / "b.tar.gz")]) == 2
    assert "niet leeg" in capsys.readouterr().err
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_changes_nothing(world, tmp_path, capsys):
    assert main(["backup", "--out", str(tmp_path / "b.tar.gz")]) == 0
    # rewrite data.json with one name changed, keeping the old checksum
    with tarfile.open(tmp_path / "b.tar.gz") as archive:
        archive.extractall(tmp_path / "x", filter="data")
    data = (tmp_path / "x" / "data.json").read_text()
    assert '"last_name": "Persoon"' in data
    (tmp_path / "x" / "data.json").write_text(
        data.replace('"last_name": "Persoon"', '"last_name": "Vervalst"', 1)
    )
    with tarfile.open(tmp_path / "bad.tar.gz", "w:gz") as archive:
        for name in ("manifest.json", "data.json"):
            archive.add(tmp_path / "x" / name, arcname=name)
    call_command("flush", interactive=False, verbosity=0)

    assert main(["restore", "--from", str(tmp_path / "bad.tar.gz")]) == 2
    assert "checksum" in capsys.readouterr().err
    assert Person.objects.count() == 0 and AuditEvent.objects.count() == 0
