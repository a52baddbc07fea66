"""The export and the erasure cover the case file forms (intake, engagement with a
signed upload, screening, PDP, VDAB evaluation), competence rounds with STARR
notes and the self-assessment, the POP, workfloor observations and matching."""

from __future__ import annotations

import io
import json
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as am
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import models as cm
from doorstroom.apps.imports.exports import export_folder
from doorstroom.apps.matches.models import MatchDecision, MatchPreferences
from doorstroom.apps.privacy.services import erase_person, export_person_data
from doorstroom.apps.target_workers.models import Person
from tests.apps.factories import UserFactory

from .records import PDF, TEXTS, build_records, figures

pytestmark = pytest.mark.django_db

#: Every table that holds text about the person besides the person row.
TEXT_TABLES = (
    cm.IntakeRecord,
    cm.EngagementDeclaration,
    cm.TransitionPlan,
    cm.TransitionPlanRow,
    cm.VdabEvaluationRequest,
    cm.VdabEvaluationInterview,
    cm.StepRecord,
    am.RaterSheet,
    am.RatingRow,
    am.ObservationNote,
    am.PopPlan,
    am.PopAction,
    MatchDecision,
    MatchPreferences,
)


@pytest.fixture
def worker(world):
    user = world.users[Role.TARGET_WORKER]
    user.first_name, user.last_name = "Werk", "Nemer"
    user.save()
    return user


@pytest.fixture
def records(world, worker):
    return build_records(world, world.worker_person, worker=worker)


def _stored_text() -> str:
    return json.dumps(
        [list(model.objects.values()) for model in TEXT_TABLES],
        default=str,
        ensure_ascii=False,
    )


def test_export_holds_every_new_kind_of_record(world, worker, records):
    data = json.loads(
        json.dumps(export_person_data(actor=worker, person=world.worker_person))
    )
    assert data["format_version"] == 2
    [case_file] = data["case_files"]
    [intake] = case_file["intakes"]
    assert intake["situation"] == TEXTS["intake_situation"]
    assert intake["barriers"] == TEXTS["intake_barriers"]
    assert (intake["motivation_level"], intake["motivation_level_label"]) == (
        3,
        "Eerder hoog",
    )
    portal, signed = case_file["engagements"]  # newest first
    assert (portal["commitments"], portal["accepted_how"]) == (
        TEXTS["portal_commitments"],
        "portaal",
    )
    assert portal["accepted_by_name"] == "Werk Nemer"
    assert portal["signed_copy"] is None
    assert signed["commitments"] == TEXTS["commitments"]
    assert signed["date"] == "2025-09-10"
    assert signed["signed_copy"] == {
        "uploaded_on": records.signed.accepted_at.isoformat(),
        "file_type": "application/pdf",
        "file_extension": ".pdf",
    }
    assert case_file["screenings"] == [
        {
            "date": "2025-09-20",
            "first_coach": "coach",
            "second_coach": "coach2",
            "assessment_round_date": "2025-09-20",
        }
    ]
    pdp = case_file["pdp"]
    assert (pdp["where_now"], pdp["wants"]) == (TEXTS["where_now"], TEXTS["wants"])
    assert pdp["rows"] == [
        {
            "need": TEXTS["pdp_need"],
            "barrier": TEXTS["pdp_barrier"],
            "resource": TEXTS["pdp_resource"],
            "action": TEXTS["pdp_action"],
            "who": TEXTS["pdp_who"],
            "due_on": "2026-03-01",
            "done": True,
            "evaluation": "+",
            "remarks": TEXTS["pdp_remarks"],
        }
    ]
    [request] = case_file["vdab_requests"]
    assert (request["requested_on"], request["reason"], request["note"]) == (
        "2025-11-01",
        "na_vijf_jaar",
        TEXTS["vdab_note"],
    )
    assert request["interview"] == {
        "date": "2025-11-20",
        "evaluator_name": "An VDAB",
        "attendees": TEXTS["attendees"],
        "worker_questionnaire": True,
        "employer_questionnaire": False,
        "pop_date": "2025-10-01",
        "summary": TEXTS["interview_summary"],
    }
    assert request["advice"]["result"] == "doorstroomklaar"

    # rounds, newest first: the classification round, then the screening round
    observed_round, screening_round = data["assessment_rounds"]
    assert screening_round["held_on"] == "2025-09-20"
    by_rater = {s["rater_name"]: s for s in screening_round["sheets"]}
    assert set(by_rater) == {"coach", "coach2", "Werk Nemer"}
    assert by_rater["Werk Nemer"]["role"] == "self"
    assert [
        (r["competence"], r["level"], r["situation"])
        for r in by_rater["Werk Nemer"]["ratings"]
    ] == [("Samenwerken", 4, TEXTS["self_situation"])]
    coach_rating = by_rater["coach"]["ratings"][0]
    assert coach_rating["competence_id"] == "cooperation"
    assert [coach_rating[f] for f in ("situation", "task", "reflection")] == [
        TEXTS["starr_situation"],
        TEXTS["starr_task"],
        TEXTS["starr_reflection"],
    ]
    assert coach_rating["comment"] == TEXTS["rating_comment"]
    assert [
        (s["role"], [(r["competence_id"], r["level"]) for r in s["ratings"]])
        for s in observed_round["sheets"]
    ] == [("floor_supervisor", [("cooperation", 3)])]

    pop = data["pop"]
    assert pop["agreed_by_name"] == "Werk Nemer"
    assert pop["actions"] == [
        {
            "competence_id": "cooperation",
            "competence_name": "Samenwerken",
            "blocking": True,
            "action": TEXTS["pop_action"],
            "helper": TEXTS["pop_helper"],
            "due_date": "2026-01-15",
            "measurable_result": TEXTS["pop_result"],
        }
    ]
    assert data["observation_plans"] == [
        {
            "name": "Magazijn maart",
            "observer": "begeleider",
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-20",
            "competences": ["Samenwerken", "Nauwkeurigheid"],
        }
    ]
    [note] = data["observation_notes"]
    assert note["competence"] == "Samenwerken"
    assert [note[f] for f in ("situation", "activities", "result")] == [
        TEXTS["obs_situation"],
        TEXTS["obs_activities"],
        TEXTS["obs_result"],
    ]
    assert note["rated_in_round_of"] == "2026-03-21"

    prefs = data["match_preferences"]
    assert (prefs["hours_min"], prefs["hours_max"]) == (19.0, 30.0)
    assert prefs["physical_limits"] == ["heavy_lifting"]
    assert prefs["physical_limits_labels"] == ["zwaar tillen"]
    assert prefs["travel_modes_labels"] == ["met de fiets"]
    assert [
        (d["vacancy"], d["status"], d["refused_by"], d["reason"])
        for d in data["match_decisions"]
    ] == [
        ("Orderpicker", "refused", "worker", TEXTS["decision_reason"]),
        ("Magazijnmedewerker", "invited", "", ""),
    ]
    assert data["vdab_advices"][0]["requested_on"] == "2025-11-01"
    assert data["vdab_advices"][0]["evaluator_organisation__name"] == "VDAB"


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_pdf_shows_every_new_kind_under_a_plain_heading(world, worker, records):
    client = Client()
    client.force_login(worker)
    response = client.get("/mijn-dossier/export.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for heading in (
        "Mijn intakegesprek",
        "Mijn afspraken met de coach (engagementsverklaring)",
        "Screening door twee coaches",
        "Mijn doorstroomplan (PDP)",
        "Mijn evaluatie bij VDAB",
        "Mijn sterktes en werkpunten (competenties)",
        "Mijn ontwikkelplan (POP)",
        "Wat men zag op de werkvloer (observaties)",
        "Wat ik zoek in een job",
        "Jobs die voor mij bekeken werden",
    ):
        assert heading in text, heading
    for content in (
        "10/09/2025 (ingevuld door coach)",
        "20/11/2025, met An VDAB",
        TEXTS["intake_barriers"],
        TEXTS["commitments"],
        "Ja, opgeladen op",
        "coach2",
        TEXTS["pdp_action"],
        TEXTS["interview_summary"],
        "Doorstroomklaar",
        TEXTS["starr_situation"],
        TEXTS["self_situation"],
        TEXTS["pop_action"],
        TEXTS["obs_situation"],
        "Magazijn maart",
        "zwaar tillen",
        "Orderpicker",
        TEXTS["decision_reason"],
    ):
        assert content in text, content


def test_erasure_blanks_text_deletes_the_upload_after_commit_and_keeps_figures(
    world, worker, records, media, tmp_path, django_capture_on_commit_callbacks
):
    person = world.worker_person
    stored = Path(media) / records.signed.signed_file.name
    assert stored.read_bytes() == PDF
    assert all(text in _stored_text() for text in TEXTS.values())
    before_figures = figures(person)
    before = export_folder(tmp_path / "before")

    with django_capture_on_commit_callbacks() as callbacks:
        erase_person(actor=world.users[Role.ORG_ADMIN], person=person)
    # committed rows no longer name the file, but the file goes only now
    assert len(callbacks) == 1 and stored.exists()
    for callback in callbacks:
        callback()
    assert not stored.exists()

    signed = cm.EngagementDeclaration.objects.get(pk=records.signed.pk)
    assert (signed.signed_file.name, signed.signed_content_type) == ("", "")
    assert (signed.accepted_how, signed.accepted_by_name) == ("getekend", "coach")
    portal = cm.EngagementDeclaration.objects.get(pk=records.portal.pk)
    assert (portal.accepted_how, portal.accepted_by_name) == ("portaal", "")
    intake = cm.IntakeRecord.objects.get(pk=records.intake.pk)
    assert (intake.situation, intake.motivation, intake.motivation_level) == (
        "",
        "",
        3,
    )
    interview = cm.VdabEvaluationInterview.objects.get(pk=records.interview.pk)
    assert (interview.summary, interview.attendees, interview.evaluator_name) == (
        "",
        "",
        "An VDAB",
    )
    prefs = MatchPreferences.objects.get(pk=records.preferences.pk)
    assert (prefs.physical_limits, prefs.limits_agreed, prefs.shifts) == (
        [],
        False,
        ["day"],
    )
    self_sheet = am.RaterSheet.objects.get(round__person=person, role="self")
    assert self_sheet.rater_name == ""
    stored_text = _stored_text()
    left = [key for key, text in TEXTS.items() if text in stored_text]
    assert left == []
    assert "Werk Nemer" not in stored_text

    assert figures(person) == before_figures
    after = export_folder(tmp_path / "after")
    assert after == before
    for name in before:
        assert (tmp_path / "before" / name).read_text() == (
            tmp_path / "after" / name
        ).read_text(), name
    event = AuditEvent.objects.get(person_id=person.pk, action="erase")
    assert event.detail == "anonymised; 1 uploaded file(s) deleted after commit"
    assert Person.objects.get(pk=person.pk).user_id is None


def test_a_failed_erasure_keeps_the_upload_and_the_text(
    world, records, media, django_capture_on_commit_callbacks
):
    stored = Path(media) / records.signed.signed_file.name
    with (
        django_capture_on_commit_callbacks() as callbacks,
        mock.patch("doorstroom.apps.privacy.services.record", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        erase_person(actor=world.users[Role.ORG_ADMIN], person=world.worker_person)
    assert callbacks == []
    assert stored.read_bytes() == PDF
    signed = cm.EngagementDeclaration.objects.get(pk=records.signed.pk)
    assert signed.signed_file.name == records.signed.signed_file.name
    assert signed.commitments == TEXTS["commitments"]
    assert Person.objects.get(pk=world.worker_person.pk).erased_at is None


def test_another_organisation_is_still_refused(world, records):
    stranger = UserFactory(role=Role.ORG_ADMIN, organisation=world.other)
    person = world.worker_person
    for action in (export_person_data, erase_person):
        with pytest.raises(PermissionDenied):
            action(actor=stranger, person=person)
    # nor the coach of the own organisation, nor another worker
    with pytest.raises(PermissionDenied):
        export_person_data(actor=world.users[Role.COACH], person=person)
    other_worker = UserFactory(role=Role.TARGET_WORKER, organisation=world.home)
    with pytest.raises(PermissionDenied):
        export_person_data(actor=other_worker, person=person)
    assert not AuditEvent.objects.filter(
        person_id=person.pk, action__in=["export", "erase"]
    ).exists()
    assert cm.IntakeRecord.objects.get().situation == TEXTS["intake_situation"]


def test_dates_in_the_pdf_read_the_belgian_way(settings):
    from doorstroom.apps.privacy.templatetags.privacy_export import readable

    settings.TIME_ZONE = "Europe/Brussels"
    assert readable("2025-09-10") == "10/09/2025"
    # 17:03 UTC is 18:03 in Brussels in November
    assert readable("2026-11-23T17:03:26.538893+00:00") == "23/11/2026 18:03"
    assert readable("") == "" and readable(None) is None
    assert readable("geen datum") == "geen datum"
