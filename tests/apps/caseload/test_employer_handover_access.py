"""NEC employer access after a warm handover: with consent only, within its scope,
ended by withdrawal (issue 4). Permission-matrix style: the expectations are
written out by hand from the rule, not derived from the code under test."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import permissions, services
from tests.apps.factories import (
    ConsentFactory,
    HandoverFactory,
    OrganisationFactory,
    PlacementFactory,
    UserFactory,
    logged_in_client,
)

SITUATIONS = [
    "consent_traject",  # handover + consent overdracht (identiteit, traject)
    "consent_identity_only",  # handover + consent overdracht (identiteit)
    "no_consent",  # handover, no consent
    "withdrawn",  # handover + consent, withdrawn
    "ended",  # handover ended yesterday + consent
    "consent_no_handover",  # consent overdracht, but no handover
    "wrong_purpose",  # handover + consent with purpose traject
]
#: Which sections the employer's users see in each situation.
SECTIONS = {
    "consent_traject": {"identiteit", "traject"},
    "consent_identity_only": {"identiteit"},
    "no_consent": set(),
    "withdrawn": set(),
    "ended": set(),
    "consent_no_handover": set(),
    "wrong_purpose": set(),
}


def arrange(world, situation):
    person = world.own_person
    employer = world.employer
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    if situation != "consent_no_handover":
        HandoverFactory(
            person=person,
            to_organisation=employer,
            ended_on=yesterday if situation == "ended" else None,
        )
    if situation == "no_consent":
        return person
    ConsentFactory(
        person=person,
        organisation=employer,
        purpose="traject" if situation == "wrong_purpose" else "overdracht",
        scope_codes=" identiteit "
        if situation == "consent_identity_only"
        else " identiteit traject ",
        withdrawn_at=timezone.now() if situation == "withdrawn" else None,
    )
    return person


@pytest.fixture
def follow_up(world):
    """A case file with a transition and a contact, and a stage at another host."""
    coach = world.users[Role.COACH]
    case_file = services.open_case_file(
        actor=coach,
        person=world.own_person,
        type_id="doorstroom_sec_nec",
        started_on=dt.date(2026, 1, 5),
    )
    services.record_transition(
        actor=coach,
        case_file=case_file,
        values={
            "job_start": dt.date(2026, 3, 2),
            "employer": world.employer,
            "contract_kind": "arbeidscontract",
        },
    )
    services.register_aftercare_contact(
        actor=coach,
        case_file=case_file,
        on=dt.date(2026, 3, 9),
        with_whom="werknemer",
        channel="telefoon",
        note="Goede start",
    )
    elsewhere = PlacementFactory(
        person=world.own_person, host=OrganisationFactory(nec=True)
    )
    services.register_evaluation(
        actor=coach,
        placement=elsewhere,
        kind="tussentijds",
        on=dt.date(2026, 2, 1),
        evaluated_by="Mentor",
        summary="Vlot",
        rating=3,
    )
    return case_file, elsewhere


@pytest.mark.django_db
@pytest.mark.parametrize("situation", SITUATIONS)
def test_policy_sections(world, situation):
    person = arrange(world, situation)
    employer_user = world.users[Role.EMPLOYER_CONTACT]
    assert policies.handover_sections(employer_user, person) == SECTIONS[situation]
    traject = "traject" in SECTIONS[situation]
    assert (
        policies.persons_handed_over_to(employer_user, "traject")
        .filter(pk=person.pk)
        .exists()
        == traject
    )
    assert permissions.can_read_follow_up(employer_user, person) == traject
    # unchanged: the person's file itself stays closed to the employer
    assert not policies.can_view_person(employer_user, person)
    assert policies.visible_sections(employer_user, person) == frozenset()
    # another NEC employer's contact never sees anything
    stranger = UserFactory(
        role=Role.EMPLOYER_CONTACT, organisation=OrganisationFactory(nec=True)
    )
    assert policies.handover_sections(stranger, person) == frozenset()


@pytest.mark.django_db
@pytest.mark.parametrize("situation", SITUATIONS)
def test_api_follow_up_for_the_employer(world, follow_up, situation):
    case_file, elsewhere = follow_up
    arrange(world, situation)
    client = logged_in_client(world.users[Role.EMPLOYER_CONTACT])
    allowed = "traject" in SECTIONS[situation]
    before = AuditEvent.objects.filter(person_id=world.own_person.pk).count()

    aftercare = client.get(f"/api/aftercare/{case_file.pk}/")
    stage = client.get(f"/api/stage-follow-up/{elsewhere.pk}/")
    hosted = client.get(f"/api/stage-follow-up/{world.placement.pk}/")

    assert aftercare.status_code == (200 if allowed else 404)
    assert stage.status_code == (200 if allowed else 404)
    assert hosted.status_code == 200  # its own hosted stage, as before
    # evaluations of its hosted stage only with the handover consent
    assert hosted.json()["show_evaluations"] is allowed
    reads = AuditEvent.objects.filter(person_id=world.own_person.pk).count() - before
    if allowed:
        assert aftercare.json()["contacts"][0]["note"] == "Goede start"
        assert aftercare.json()["transition"]["job_start"] == "2026-03-02"
        assert [e["summary"] for e in stage.json()["evaluations"]] == ["Vlot"]
        assert reads == 3
    else:
        assert reads == 1  # only the hosted stage's attendance
    # never: the case file list, the person, or writes
    assert client.get("/api/case-files/").json()["count"] == 0
    assert client.get(f"/api/persons/{world.own_person.pk}/").status_code == 404
    post = client.post(
        f"/api/aftercare/{case_file.pk}/contacts/",
        {"date": "2026-04-01", "with_whom": "werkgever", "channel": "bezoek"},
        content_type="application/json",
    )
    assert post.status_code == (403 if allowed else 404)
    attendance = client.post(
        f"/api/stage-follow-up/{elsewhere.pk}/attendance/",
        {"date": elsewhere.start_date.isoformat(), "present": True},
        content_type="application/json",
    )
    assert attendance.status_code == (403 if allowed else 404)


@pytest.mark.django_db
def test_withdrawal_ends_access_at_once(world, follow_up):
    case_file, _elsewhere = follow_up
    arrange(world, "consent_traject")
    client = logged_in_client(world.users[Role.EMPLOYER_CONTACT])
    assert client.get(f"/api/aftercare/{case_file.pk}/").status_code == 200
    consent = world.own_person.consents.get(organisation=world.employer)
    from doorstroom.apps.consents.services import withdraw_consent

    withdraw_consent(actor=world.users[Role.COACH], consent=consent)
    assert client.get(f"/api/aftercare/{case_file.pk}/").status_code == 404


#: The new endpoints for the other roles (no handover): which see the case file's
#: nazorg and the stage elsewhere (200) and which not (404).
OTHER_ROLES = {
    Role.COACH: 200,
    Role.FLOOR_SUPERVISOR: 200,
    Role.ORG_ADMIN: 200,
    Role.TARGET_WORKER: 404,  # the case file is not the worker's own
    Role.VDAB_EVALUATOR: 404,
    Role.ANALYST: 404,
    "partner_coach": 404,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(OTHER_ROLES))
def test_other_roles_unchanged(world, follow_up, role):
    case_file, elsewhere = follow_up
    client = logged_in_client(world.users[role])
    assert (
        client.get(f"/api/aftercare/{case_file.pk}/").status_code == OTHER_ROLES[role]
    )
    assert (
        client.get(f"/api/stage-follow-up/{elsewhere.pk}/").status_code
        == (OTHER_ROLES[role])
    )
