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

    from .records import build_records, figures

    person = world.own_person
    WopDossierFactory(person=person)
    EmploymentSpellFactory(person=person)
    # every kind of record: forms, competences, observations, matching
    build_records(world, person)
    before_figures = figures(person)
    before = export_folder(tmp_path / "before")

    erase_person(actor=world.users[Role.ORG_ADMIN], person=person)

    person = Person.objects.get(pk=person.pk)
    assert (person.first_name, person.last_name, person.municipality) == ("", "", "")
    assert person.birth_date is not None and person.erased_at is not None
    after = export_folder(tmp_path / "after")
    assert after == before  # the same rows: figures do not change
    # the VDAB advice recorded in the case file is among the counted rows
    advices = (tmp_path / "after" / "advices.csv").read_text()
    assert f",{person.external_id},2025-12-01,CM,doorstroomklaar" in advices
    assert figures(person) == before_figures
    for name in before:
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


def _case_file_with_history(world):
    """A case file of ``own_person`` with a step, a closing and a stage programme."""
    import datetime as dt

    from doorstroom.apps.casefiles import services as casefiles

    coach = world.users[Role.COACH]
    person = world.own_person
    casefiles.set_worker_status(
        actor=coach, person=person, article_60=True, learner_worker=False
    )
    case_file = casefiles.open_case_file(
        actor=coach,
        person=person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2026, 3, 2),
    )
    casefiles.register_step(
        actor=coach,
        case_file=case_file,
        phase="voortraject",
        step="intake_1",
        on=dt.date(2026, 3, 2),
        result="motivatie sterk",
        note="Vertelt over schulden bij de bank",
    )
    casefiles.change_status(
        actor=coach,
        case_file=case_file,
        status="afgesloten",
        reason="Vond zelf werk via een vriend",
        on=dt.date(2026, 4, 1),
    )
    world.placement.programme = "Dag 1: rondleiding"
    world.placement.save()
    casefiles.record_transition(
        actor=coach,
        case_file=case_file,
        values={
            "job_start": dt.date(2026, 4, 6),
            "contract_kind": "arbeidscontract",
            "activa": True,
            "note": "Loon besproken: 2100 euro",
        },
    )
    casefiles.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        planned_on=dt.date(2026, 4, 13),
        on=dt.date(2026, 4, 13),
        with_whom="werknemer",
        channel="telefoon",
        note="Moe, slaapt slecht",
    )
    casefiles.register_attendance(
        actor=coach,
        placement=world.placement,
        on=world.placement.start_date,
        present=False,
        reason="Ziek: griep",
    )
    casefiles.register_evaluation(
        actor=coach,
        placement=world.placement,
        kind="eind",
        on=world.placement.start_date,
        evaluated_by="Ploegbaas Jan",
        summary="Zorgvuldig",
        rating=3,
    )
    casefiles.register_incident(
        actor=coach,
        placement=world.placement,
        on=world.placement.start_date,
        description="Ruzie met collega",
        action="Gesprek",
    )
    return case_file


@pytest.mark.django_db
def test_export_holds_case_files_steps_stages_and_worker_status(world):
    import datetime as dt

    from doorstroom.apps.casefiles import services as casefiles
    from doorstroom.apps.consents.services import give_consent
    from doorstroom.apps.privacy.services import export_person_data

    _case_file_with_history(world)
    give_consent(
        actor=world.users[Role.COACH],
        person=world.own_person,
        organisation=world.partner,
        purpose="overdracht",
        scope=["identiteit"],
        given_how="ondertekend",
    )
    casefiles.hand_over(
        actor=world.users[Role.COACH],
        person=world.own_person,
        to_organisation=world.partner,
        on=dt.date(2026, 5, 4),
        note="Graag voltijds",
    )
    data = export_person_data(
        actor=world.users[Role.ORG_ADMIN], person=world.own_person
    )

    assert data["worker_status"] == [
        {
            "article_60": True,
            "learner_worker": False,
            "updated_at": data["worker_status"][0]["updated_at"],
        }
    ]
    [case_file] = data["case_files"]
    assert case_file["trajectory_type"] == "doorstroom_sec_nec"
    assert case_file["started_on"] == "2026-03-02"
    assert case_file["status"] == "afgesloten"
    assert case_file["status_reason"] == "Vond zelf werk via een vriend"
    assert [(s["kind"], s["step"], s["note"]) for s in case_file["steps"]] == [
        ("stap", "intake_1", "Vertelt over schulden bij de bank"),
        ("afsluiting", "", ""),
    ]
    assert case_file["steps"][1]["reason"] == "Vond zelf werk via een vriend"
    assert [(t["activa"], t["note"]) for t in case_file["transition"]] == [
        (True, "Loon besproken: 2100 euro")
    ]
    assert case_file["aftercare_contacts"] == [
        {
            "planned_on": "2026-04-13",
            "date": "2026-04-13",
            "with_whom": "werknemer",
            "channel": "telefoon",
            "note": "Moe, slaapt slecht",
        }
    ]
    assert [(a["present"], a["reason"]) for a in data["stage_attendance"]] == [
        (False, "Ziek: griep")
    ]
    assert [(e["summary"], e["rating"]) for e in data["stage_evaluations"]] == [
        ("Zorgvuldig", 3)
    ]
    assert [(i["description"], i["action"]) for i in data["stage_incidents"]] == [
        ("Ruzie met collega", "Gesprek")
    ]
    assert data["handovers"] == [
        {
            "from_organisation__name": world.own_person.organisation.name,
            "to_organisation__name": "Partner Vooruit",
            "date": "2026-05-04",
            "note": "Graag voltijds",
        }
    ]
    [stage] = data["placements"]
    assert stage["programme"] == "Dag 1: rondleiding"
    assert stage["host__name"] == "Logistiek NV"


@pytest.mark.django_db
def test_erasure_blanks_case_file_text_and_keeps_dates_phases_and_statuses(world):
    import datetime as dt

    from doorstroom.apps.casefiles.models import CaseFile, StepRecord
    from doorstroom.apps.placements.models import Placement

    case_file = _case_file_with_history(world)

    erase_person(actor=world.users[Role.ORG_ADMIN], person=world.own_person)

    case_file = CaseFile.objects.get(pk=case_file.pk)
    assert case_file.status_reason == ""
    assert (case_file.status, case_file.started_on) == (
        "afgesloten",
        dt.date(2026, 3, 2),
    )
    steps = list(
        StepRecord.objects.filter(case_file=case_file).values_list(
            "kind", "phase", "step", "date", "result", "note", "reason"
        )
    )
    assert steps == [
        ("stap", "voortraject", "intake_1", dt.date(2026, 3, 2), "", "", ""),
        ("afsluiting", "voortraject", "", dt.date(2026, 4, 1), "", "", ""),
    ]
    from doorstroom.apps.casefiles.models import (
        CriticalIncident,
        StageAttendance,
        StageEvaluation,
    )

    assert list(StageAttendance.objects.values_list("present", "reason")) == [
        (False, "")
    ]
    assert list(
        StageEvaluation.objects.values_list("kind", "rating", "summary", "evaluated_by")
    ) == [("eind", 3, "", "")]
    assert list(CriticalIncident.objects.values_list("description", "action")) == [
        ("", "")
    ]
    from doorstroom.apps.casefiles.models import (
        AftercareContact,
        TransitionArrangement,
    )

    assert list(TransitionArrangement.objects.values_list("job_start", "note")) == [
        (dt.date(2026, 4, 6), "")
    ]
    assert list(AftercareContact.objects.values_list("planned_on", "note")) == [
        (dt.date(2026, 4, 13), "")
    ]
    stage = Placement.objects.get(pk=world.placement.pk)
    assert stage.programme == ""
    assert (stage.kind, stage.start_date) == (
        world.placement.kind,
        world.placement.start_date,
    )


@pytest.mark.django_db
def test_worker_pdf_export_shows_the_case_file_steps(world):
    import datetime as dt

    from doorstroom.apps.casefiles import services as casefiles

    coach = world.users[Role.COACH]
    case_file = casefiles.open_case_file(
        actor=coach,
        person=world.worker_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2026, 3, 2),
    )
    casefiles.register_step(
        actor=coach,
        case_file=case_file,
        phase="voortraject",
        step="intake_1",
        on=dt.date(2026, 3, 2),
        note="Wil graag in de logistiek werken",
    )
    client = Client()
    client.force_login(world.users[Role.TARGET_WORKER])
    pdf = client.get("/mijn-dossier/export.pdf")
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Mijn trajectdossier" in text
    assert "intake_1" in text
    assert "Wil graag in de logistiek werken" in text
