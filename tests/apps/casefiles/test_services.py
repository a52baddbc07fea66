from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.models import CaseStatus, EntryKind, StepRecord
from doorstroom.apps.placements.models import Placement
from tests.apps.factories import OrganisationFactory

D = dt.date(2026, 3, 2)


@pytest.fixture
def coach(world):
    return world.users[Role.COACH]


@pytest.fixture
def case_file(world, coach):
    return services.open_case_file(
        actor=coach, person=world.own_person, type_id="doorstroom_sec_nec", started_on=D
    )


def stage_values(world, **changes):
    values = {
        "kind": "BVS",
        "host": world.employer,
        "start_date": D,
        "end_date": D + dt.timedelta(days=7),
        "full_days": 4,
        "half_days": 0,
        "work_post": "Orderpicking",
        "programme": "Dag 1: rondleiding magazijn. Dag 2-4: meekijken bij orderpicking.",
        "observation_only": True,
        "enterprise_contract": False,
        "union_informed": False,
    }
    return {**values, **changes}


def test_open_case_file_pins_type_and_version_and_is_audited(world, coach):
    before = AuditEvent.objects.count()
    case_file = services.open_case_file(
        actor=coach, person=world.own_person, type_id="toeleiding", started_on=D
    )
    assert (case_file.trajectory_type, case_file.type_version) == ("toeleiding", 1)
    assert case_file.status == CaseStatus.ACTIVE
    event = AuditEvent.objects.order_by("-sequence").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.object_type, event.person_id) == (
        "create",
        "case_file",
        world.own_person.pk,
    )


def test_unknown_type_is_refused(world, coach):
    with pytest.raises(services.CaseFileError, match="Onbekend soort traject"):
        services.open_case_file(
            actor=coach, person=world.own_person, type_id="bestaat_niet", started_on=D
        )


def test_steps_record_date_who_result_and_a_step_back_needs_a_reason(
    world, coach, case_file
):
    services.register_step(
        actor=coach,
        case_file=case_file,
        phase="voortraject",
        step="intake_1",
        on=D,
        result="engagementsverklaring getekend",
    )
    services.register_step(
        actor=coach, case_file=case_file, phase="jobmatching", step="sollicitatie", on=D
    )
    with pytest.raises(services.CaseFileError, match="vraagt een reden"):
        services.register_step(
            actor=coach,
            case_file=case_file,
            phase="competentiemeting",
            step="pop_pdp",
            on=D,
        )
    back = services.register_step(
        actor=coach,
        case_file=case_file,
        phase="competentiemeting",
        step="pop_pdp",
        on=D,
        reason="Sollicitaties liepen vast op taalkennis.",
    )
    assert back.kind == EntryKind.BACK
    first = StepRecord.objects.filter(case_file=case_file).first()
    assert (first.kind, first.recorded_by, first.result) == (
        EntryKind.STEP,
        coach,
        "engagementsverklaring getekend",
    )


def test_a_step_of_another_type_is_refused(world, coach, case_file):
    with pytest.raises(services.CaseFileError, match="hoort niet bij dit traject"):
        services.register_step(
            actor=coach,
            case_file=case_file,
            phase="orientering",
            step="orientering",
            on=D,
        )


def test_pause_resume_stop_with_reasons(world, coach, case_file):
    with pytest.raises(services.CaseFileError, match="Geef een reden op"):
        services.change_status(
            actor=coach, case_file=case_file, status=CaseStatus.PAUSED, reason="", on=D
        )
    services.change_status(
        actor=coach,
        case_file=case_file,
        status=CaseStatus.PAUSED,
        reason="Ziekte",
        on=D,
    )
    with pytest.raises(services.CaseFileError, match="gepauzeerd: hervat het eerst"):
        services.register_step(
            actor=coach, case_file=case_file, phase="voortraject", step="intake_1", on=D
        )
    services.change_status(
        actor=coach, case_file=case_file, status=CaseStatus.ACTIVE, reason="", on=D
    )
    services.change_status(
        actor=coach,
        case_file=case_file,
        status=CaseStatus.STOPPED,
        reason="Werknemer wil niet meer",
        on=D,
    )
    with pytest.raises(services.CaseFileError, match="Van stopgezet naar actief"):
        services.change_status(
            actor=coach, case_file=case_file, status=CaseStatus.ACTIVE, reason="", on=D
        )
    kinds = list(case_file.entries.values_list("kind", flat=True))
    assert kinds == [EntryKind.PAUSE, EntryKind.RESUME, EntryKind.STOP]


def test_toeleiding_closes_with_an_outcome(world, coach):
    case_file = services.open_case_file(
        actor=coach, person=world.own_person, type_id="toeleiding", started_on=D
    )
    with pytest.raises(services.CaseFileError, match="uitkomst"):
        services.change_status(
            actor=coach,
            case_file=case_file,
            status=CaseStatus.CLOSED,
            reason="Afgerond",
            on=D,
            outcome="rijk",
        )
    services.change_status(
        actor=coach,
        case_file=case_file,
        status=CaseStatus.CLOSED,
        reason="Afgerond",
        on=D,
        outcome="opleiding",
    )
    case_file.refresh_from_db()
    assert (case_file.status, case_file.outcome) == (CaseStatus.CLOSED, "opleiding")


@pytest.mark.parametrize(
    "role", [Role.TARGET_WORKER, Role.EMPLOYER_CONTACT, Role.ANALYST, "partner_coach"]
)
def test_others_may_not_work_in_the_case_file(world, case_file, role):
    with pytest.raises(PermissionDenied):
        services.register_step(
            actor=world.users[role],
            case_file=case_file,
            phase="voortraject",
            step="intake_1",
            on=D,
        )


def test_partner_with_consent_reads_the_timeline_but_cannot_open_one(world):
    partner = world.users["partner_coach"]
    timeline = services.person_timeline(actor=partner, person=world.partner_person)
    assert timeline.can_work is False
    with pytest.raises(PermissionDenied):
        services.open_case_file(
            actor=partner,
            person=world.partner_person,
            type_id="toeleiding",
            started_on=D,
        )
    with pytest.raises(PermissionDenied):
        services.person_timeline(actor=partner, person=world.withdrawn_person)


def test_timeline_counts_steps_per_phase_and_is_audited(world, coach, case_file):
    for step in ("intake_1", "intake_2_screening"):
        services.register_step(
            actor=coach, case_file=case_file, phase="voortraject", step=step, on=D
        )
    before = AuditEvent.objects.count()
    timeline = services.person_timeline(actor=coach, person=world.own_person)
    view = timeline.case_files[0]
    assert [e.label for e in view.entries] == [
        "Intake 1: intakegesprek",
        "Intake 2: screening (twee coaches)",
    ]
    assert view.phase_counts == {"voortraject": 2}
    assert AuditEvent.objects.count() == before + 1
    assert (
        AuditEvent.objects.order_by("-sequence").first().detail == "case file timeline"
    )


def test_bvs_of_six_days_is_refused_with_the_rule_and_nothing_is_saved(world, coach):
    count = Placement.objects.count()
    with pytest.raises(services.StageRulesError) as caught:
        services.register_stage(
            actor=coach,
            person=world.own_person,
            values=stage_values(world, full_days=6),
        )
    assert [(r.rule_id, r.field) for r in caught.value.results] == [
        ("stage.bvs.duration", "full_days")
    ]
    assert Placement.objects.count() == count
    placement = services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    assert (placement.full_days, placement.organiser_id) == (4, world.home.pk)


def test_second_and_third_bvs_at_the_same_host(world, coach):
    # the world already has one BVS of own_person at employer, on "Magazijn"
    with pytest.raises(services.StageRulesError) as caught:
        services.register_stage(
            actor=coach,
            person=world.own_person,
            values=stage_values(world, work_post="magazijn"),
        )
    assert [r.rule_id for r in caught.value.results] == [
        "stage.bvs.different_work_post"
    ]
    services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    with pytest.raises(services.StageRulesError) as caught:
        services.register_stage(
            actor=coach,
            person=world.own_person,
            values=stage_values(world, work_post="Kantoor"),
        )
    assert [r.rule_id for r in caught.value.results] == [
        "stage.bvs.max_two_per_company"
    ]
    # another host is a fresh start
    other_host = OrganisationFactory(nec=True)
    services.register_stage(
        actor=coach,
        person=world.own_person,
        values=stage_values(world, host=other_host, work_post="Magazijn"),
    )


def test_worker_status_blocks_bvs_and_tbs(world, coach):
    services.set_worker_status(
        actor=coach, person=world.own_person, article_60=True, learner_worker=False
    )
    for kind, rule in (
        ("BVS", "stage.bvs.worker_status"),
        ("TBS", "stage.tbs.worker_status"),
    ):
        with pytest.raises(services.StageRulesError) as caught:
            services.register_stage(
                actor=coach,
                person=world.own_person,
                values=stage_values(world, kind=kind, work_post="Kassa"),
            )
        assert [r.rule_id for r in caught.value.results] == [rule]
    enclave = services.register_stage(
        actor=coach,
        person=world.own_person,
        values=stage_values(
            world, kind="enclave", enterprise_contract=True, union_informed=True
        ),
    )
    assert enclave.kind == "enclave"


def test_stage_agreement_pdf_reads_as_a_three_party_agreement(world, coach):
    placement = services.register_stage(
        actor=coach, person=world.own_person, values=stage_values(world)
    )
    pdf = services.stage_agreement_pdf(actor=coach, placement=placement)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Overeenkomst beroepsverkennende stage (BVS)" in text
    assert "Eigen Persoon" in text
    assert "Logistiek NV" in text and "Maatwerk Mechelen" in text
    assert "van 02/03/2026 tot en met 09/03/2026" in text
    assert "4 voltijdse en 0 halftijdse werkdagen" in text
    assert "Dag 1: rondleiding magazijn." in text
    assert "Orderpicking" in text
    assert "Handtekeningen" in text and "Voor het stagebedrijf" in text
    event = AuditEvent.objects.order_by("-sequence").first()
    assert (event.action, event.object_type) == ("export", "placement")


def test_stage_agreement_is_not_for_outsiders(world):
    with pytest.raises(PermissionDenied):
        services.stage_agreement_pdf(
            actor=world.users[Role.EMPLOYER_CONTACT], placement=world.placement
        )
