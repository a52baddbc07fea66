"""Warm handover with consent, end to end: coach hands over, partner sees the scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.consents import services as consent_services
from doorstroom.apps.trajectories.models import Handover
from tests.apps.factories import logged_in_client

D = dt.date(2026, 5, 4)


def give(world, organisation, purpose, scope):
    return consent_services.give_consent(
        actor=world.users[Role.COACH],
        person=world.own_person,
        organisation=organisation,
        purpose=purpose,
        scope=scope,
        given_how="ondertekend",
    )


def test_handover_needs_a_handover_consent_for_the_receiver(world):
    coach = world.users[Role.COACH]
    with pytest.raises(services.CaseFileError, match="geen geldige toestemming"):
        services.hand_over(
            actor=coach,
            person=world.own_person,
            to_organisation=world.partner,
            on=D,
            note="x",
        )
    # a consent for another purpose is not enough
    give(world, world.partner, "traject", ["identiteit", "traject"])
    with pytest.raises(services.CaseFileError, match="geen geldige toestemming"):
        services.hand_over(
            actor=coach,
            person=world.own_person,
            to_organisation=world.partner,
            on=D,
            note="x",
        )
    # nor a withdrawn handover consent
    consent = give(world, world.partner, "overdracht", ["identiteit"])
    consent_services.withdraw_consent(actor=coach, consent=consent)
    with pytest.raises(services.CaseFileError, match="geen geldige toestemming"):
        services.hand_over(
            actor=coach,
            person=world.own_person,
            to_organisation=world.partner,
            on=D,
            note="x",
        )
    assert not Handover.objects.exists()


def test_only_partners_and_nec_employers_receive_and_only_own_coaches_hand_over(
    world,
):
    give(world, world.vdab, "overdracht", ["identiteit"])
    with pytest.raises(services.CaseFileError, match="doorstroompartner"):
        services.hand_over(
            actor=world.users[Role.COACH],
            person=world.own_person,
            to_organisation=world.vdab,
            on=D,
            note="x",
        )
    with pytest.raises(PermissionDenied):
        services.hand_over(
            actor=world.users["partner_coach"],
            person=world.own_person,
            to_organisation=world.partner,
            on=D,
            note="x",
        )


def test_warm_handover_end_to_end_receiver_sees_what_the_scope_allows(world):
    person = world.own_person
    coach = logged_in_client(world.users[Role.COACH])
    partner = logged_in_client(world.users["partner_coach"])
    services.open_case_file(
        actor=world.users[Role.COACH],
        person=person,
        type_id="doorstroom_sec_nec",
        started_on=D,
    )
    # before: the partner does not know this person
    assert partner.get(f"/personen/{person.pk}/").status_code == 404

    # the person agrees to a handover of identity and trajectory data
    consent = give(world, world.partner, "overdracht", ["identiteit", "traject"])
    # a consent alone links nothing yet
    assert partner.get(f"/personen/{person.pk}/").status_code == 404

    response = coach.post(
        f"/personen/{person.pk}/overdracht/",
        {
            "to_organisation": world.partner.pk,
            "on": "2026-05-04",
            "note": "Sterk in orderpicking; wil graag voltijds werken.",
        },
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    assert (handover.from_organisation_id, handover.to_organisation_id) == (
        person.organisation_id,
        world.partner.pk,
    )
    assert handover.note == "Sterk in orderpicking; wil graag voltijds werken."
    assert AuditEvent.objects.filter(
        object_type="handover", object_id=str(handover.pk), action="create"
    ).exists()
    page = coach.get(f"/personen/{person.pk}/overdracht/").content.decode()
    assert "Partner Vooruit" in page and "Sterk in orderpicking" in page

    # after: the partner sees identity and the trajectory, not the rest
    detail = partner.get(f"/personen/{person.pk}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "Trajecten, stages en adviezen" in html
    assert "Werk en WOP-dossiers" not in html
    assert "/competenties/personen/" not in html
    assert partner.get(f"/personen/{person.pk}/traject/").status_code == 200
    assert partner.get(f"/competenties/personen/{person.pk}/").status_code == 403
    # reading, not working: the partner cannot register steps or hand over again
    assert partner.get(f"/personen/{person.pk}/overdracht/").status_code == 403

    # the person withdraws the consent: the partner loses access at once
    consent_services.withdraw_consent(actor=world.users[Role.COACH], consent=consent)
    assert partner.get(f"/personen/{person.pk}/").status_code == 404
    assert partner.get(f"/personen/{person.pk}/traject/").status_code == 404


def test_handover_form_error_is_shown(world):
    coach = logged_in_client(world.users[Role.COACH])
    response = coach.post(
        f"/personen/{world.own_person.pk}/overdracht/",
        {"to_organisation": world.partner.pk, "on": "2026-05-04", "note": "x"},
    )
    assert response.status_code == 200
    assert "geen geldige toestemming" in response.content.decode()


def test_handover_to_an_nec_employer_with_consent(world):
    give(world, world.employer, "overdracht", ["identiteit"])
    handover = services.hand_over(
        actor=world.users[Role.COACH],
        person=world.own_person,
        to_organisation=world.employer,
        on=D,
        note="Start op 1 juni",
    )
    assert (handover.to_organisation, handover.date) == (world.employer, D)
