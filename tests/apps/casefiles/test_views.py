from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.models import CaseFile, StepRecord
from doorstroom.apps.placements.models import Placement
from tests.apps.factories import logged_in_client

#: Whose timeline each user may read (hand-written from docs/access.md: the
#: ``traject`` section of the file).
READABLE = {
    Role.COACH: {"own_person", "worker_person"},
    Role.FLOOR_SUPERVISOR: {"own_person", "worker_person"},
    Role.ORG_ADMIN: {"own_person", "worker_person"},
    Role.TARGET_WORKER: {"worker_person"},
    Role.VDAB_EVALUATOR: set(),  # the evaluation consent does not name `traject`
    Role.EMPLOYER_CONTACT: set(),
    Role.ANALYST: set(),
    "partner_coach": {"partner_person"},
}
PERSONS = ["own_person", "other_person", "partner_person", "worker_person"]


@pytest.mark.parametrize("user", list(READABLE))
def test_timeline_allow_and_deny(world, user):
    client = logged_in_client(world.users[user])
    for name in PERSONS:
        person = getattr(world, name)
        response = client.get(f"/personen/{person.pk}/traject/")
        expected = 200 if name in READABLE[user] else 404
        assert response.status_code == expected, (user, name)


def test_timeline_page_is_audited_and_offers_work_only_to_own_case_workers(world):
    person = world.own_person
    coach = logged_in_client(world.users[Role.COACH])
    before = AuditEvent.objects.filter(person_id=person.pk, action="read").count()
    page = coach.get(f"/personen/{person.pk}/traject/").content.decode()
    assert "Nieuw traject openen" in page and "Stage registreren" in page
    after = AuditEvent.objects.filter(person_id=person.pk, action="read").count()
    assert after == before + 1
    worker = logged_in_client(world.users[Role.TARGET_WORKER])
    own = worker.get(f"/personen/{world.worker_person.pk}/traject/").content.decode()
    assert "Nieuw traject openen" not in own and "Stage registreren" not in own


def test_open_case_file_and_register_a_step_with_htmx(world):
    person = world.own_person
    client = logged_in_client(world.users[Role.COACH])
    response = client.post(
        f"/personen/{person.pk}/traject/nieuw/",
        {"type_id": "doorstroom_sec_nec", "started_on": "2026-03-02"},
    )
    assert response.status_code == 302
    case_file = CaseFile.objects.get(person=person)
    prefix = f"cf{case_file.pk}"
    response = client.post(
        f"/trajecten/{case_file.pk}/stap/",
        {
            f"{prefix}-step": "voortraject:intake_1",
            f"{prefix}-on": "2026-03-03",
            f"{prefix}-result": "Intakeformulier ingevuld",
            f"{prefix}-note": "",
            f"{prefix}-reason": "",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section class="card case-file"')  # a fragment, no layout
    assert "Intake 1: intakegesprek" in html and "Intakeformulier ingevuld" in html
    entry = StepRecord.objects.get(case_file=case_file)
    assert (entry.phase, entry.step, str(entry.date)) == (
        "voortraject",
        "intake_1",
        "2026-03-03",
    )


def test_step_error_is_shown_in_the_fragment(world):
    coach = world.users[Role.COACH]
    case_file = services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2026, 3, 2),
    )
    client = logged_in_client(coach)
    prefix = f"cf{case_file.pk}"
    data = {f"{prefix}-on": "2026-03-03", f"{prefix}-step": "stage:stage_gestart"}
    client.post(f"/trajecten/{case_file.pk}/stap/", data, HTTP_HX_REQUEST="true")
    data[f"{prefix}-step"] = "voortraject:intake_1"
    html = client.post(
        f"/trajecten/{case_file.pk}/stap/", data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Een stap terug naar een vorige fase vraagt een reden." in html
    assert StepRecord.objects.filter(case_file=case_file).count() == 1


def test_partner_cannot_post_steps(world):
    coach = world.users[Role.COACH]
    case_file = services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id="toeleiding",
        started_on=dt.date(2026, 3, 2),
    )
    partner = logged_in_client(world.users["partner_coach"])
    response = partner.post(f"/trajecten/{case_file.pk}/stap/", {})
    assert response.status_code == 404
    worker = logged_in_client(world.users[Role.TARGET_WORKER])
    assert worker.post(f"/trajecten/{case_file.pk}/stap/", {}).status_code == 404


def stage_post(world, **changes):
    data = {
        "kind": "BVS",
        "host": world.employer.pk,
        "start_date": "2026-03-02",
        "end_date": "2026-03-06",
        "full_days": "6",
        "half_days": "0",
        "work_post": "Kassa",
        "programme": "Meekijken aan de kassa en in het magazijn.",
        "observation_only": "on",
    }
    return {**data, **changes}


def test_stage_breaking_a_rule_shows_the_explanation_next_to_the_field(world):
    client = logged_in_client(world.users[Role.COACH])
    url = f"/personen/{world.own_person.pk}/stage/nieuw/"
    count = Placement.objects.count()
    response = client.post(url, stage_post(world))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["full_days"] == [
        "Een beroepsverkennende stage duurt minstens 1 voltijdse of 2 halftijdse "
        "werkdagen en hoogstens 5 voltijdse of 10 halftijdse werkdagen. Nu zijn het "
        "6 voltijdse en 0 halftijdse werkdagen (12 halve dagen)."
    ]
    html = response.content.decode()
    field_at = html.index('name="full_days"')
    error_at = html.index("hoogstens 5 voltijdse")
    # Django renders the field's errors right before its input, inside its group
    assert 0 < field_at - error_at < 400
    assert Placement.objects.count() == count
    response = client.post(url, stage_post(world, full_days="4"))
    assert response.status_code == 302
    placement = Placement.objects.latest("pk")
    assert response["Location"].endswith(f"#stage-{placement.pk}")
    pdf = client.get(f"/stages/{placement.pk}/overeenkomst.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "role", [Role.EMPLOYER_CONTACT, Role.ANALYST, Role.VDAB_EVALUATOR, "partner_coach"]
)
def test_stage_form_and_agreement_denied(world, role):
    client = logged_in_client(world.users[role])
    assert (
        client.get(f"/personen/{world.own_person.pk}/stage/nieuw/").status_code == 404
    )
    agreement = client.get(f"/stages/{world.placement.pk}/overeenkomst.pdf")
    assert agreement.status_code == 404


def test_worker_may_read_but_not_register_stages(world):
    worker = logged_in_client(world.users[Role.TARGET_WORKER])
    url = f"/personen/{world.worker_person.pk}/stage/nieuw/"
    assert worker.get(url).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COACH, 200),
        (Role.ORG_ADMIN, 200),
        (Role.FLOOR_SUPERVISOR, 200),
        (Role.ANALYST, 403),
        (Role.EMPLOYER_CONTACT, 403),
        (Role.TARGET_WORKER, 403),
        (Role.VDAB_EVALUATOR, 403),
    ],
)
def test_reminders_page(world, role, status):
    response = logged_in_client(world.users[role]).get("/herinneringen/")
    assert response.status_code == status
    if status == 200:
        # no POP yet for the organisation's persons: both appear
        html = response.content.decode()
        assert html.count("reminder.pop_outdated") == 2
