"""Ending a warm handover: who may, the audit entry, and the receiver's access
ending with it (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.consents import services as consent_services
from doorstroom.apps.trajectories.models import Handover
from tests.apps.factories import UserFactory, logged_in_client


@pytest.fixture
def today():
    return timezone.localdate()


def hand_over(world, organisation, on):
    consent_services.give_consent(
        actor=world.users[Role.COACH],
        person=world.own_person,
        organisation=organisation,
        purpose="overdracht",
        scope=["identiteit", "traject"],
        given_how="ondertekend",
    )
    return services.hand_over(
        actor=world.users[Role.COACH],
        person=world.own_person,
        to_organisation=organisation,
        on=on,
        note="Overdrachtsnota",
    )


def test_the_handing_over_organisations_case_workers_end_it_once(world, today):
    handover = hand_over(world, world.partner, today - dt.timedelta(days=10))
    other_coach = UserFactory(role=Role.COACH, organisation=world.other)
    for outsider in (
        world.users["partner_coach"],  # the receiving side
        world.users[Role.EMPLOYER_CONTACT],
        world.users[Role.ANALYST],
        other_coach,
    ):
        with pytest.raises(PermissionDenied):
            services.end_handover(actor=outsider, handover=handover, on=today)
    with pytest.raises(services.CaseFileError, match="voor de start"):
        services.end_handover(
            actor=world.users[Role.COACH],
            handover=handover,
            on=today - dt.timedelta(days=11),
        )
    assert Handover.objects.get().ended_on is None

    services.end_handover(
        actor=world.users[Role.ORG_ADMIN], handover=handover, on=today
    )
    assert Handover.objects.get().ended_on == today
    event = AuditEvent.objects.get(
        object_type="handover", object_id=str(handover.pk), action="update"
    )
    assert event.detail == (
        f"warm handover to organisation {world.partner.pk} ended {today.isoformat()}"
    )
    assert event.person_id == world.own_person.pk
    with pytest.raises(services.CaseFileError, match="al beëindigd"):
        services.end_handover(
            actor=world.users[Role.COACH],
            handover=Handover.objects.get(),
            on=today,
        )


def test_after_the_end_the_receiving_partner_loses_access(world, today):
    person = world.own_person
    handover = hand_over(world, world.partner, today - dt.timedelta(days=10))
    partner = logged_in_client(world.users["partner_coach"])
    assert partner.get(f"/personen/{person.pk}/").status_code == 200
    assert partner.get(f"/personen/{person.pk}/traject/").status_code == 200

    # ``ended_on`` is the last day: access lasts up to and including it
    services.end_handover(
        actor=world.users[Role.COACH],
        handover=handover,
        on=today - dt.timedelta(days=1),
    )
    # the consent is still in force, but without an open handover: nothing
    assert partner.get(f"/personen/{person.pk}/").status_code == 404
    assert partner.get(f"/personen/{person.pk}/traject/").status_code == 404
    assert not policies.can_view_person(world.users["partner_coach"], person)


def test_an_nec_employer_loses_the_follow_up_after_the_end(world, today):
    person = world.own_person
    handover = hand_over(world, world.employer, today - dt.timedelta(days=3))
    employer = world.users[Role.EMPLOYER_CONTACT]
    assert (
        policies.persons_handed_over_to(employer, "traject")
        .filter(pk=person.pk)
        .exists()
    )
    # ending it today keeps today's access; ended yesterday it is gone
    services.end_handover(actor=world.users[Role.COACH], handover=handover, on=today)
    assert policies.persons_handed_over_to(employer).filter(pk=person.pk).exists()
    Handover.objects.filter(pk=handover.pk).update(
        ended_on=today - dt.timedelta(days=1)
    )
    assert not policies.persons_handed_over_to(employer).filter(pk=person.pk).exists()
    assert not policies.placements_after_handover(employer).exists()


def test_the_handover_page_ends_a_handover(world, today):
    person = world.own_person
    handover = hand_over(world, world.partner, today - dt.timedelta(days=10))
    coach = logged_in_client(world.users[Role.COACH])
    page = coach.get(f"/personen/{person.pk}/overdracht/").content.decode()
    assert f'action="/overdrachten/{handover.pk}/einde/"' in page
    assert f'name="end{handover.pk}-on"' in page
    assert "Laatste dag van de overdracht" in page

    # the receiving partner reads the file but may not end the handover
    partner = logged_in_client(world.users["partner_coach"])
    response = partner.post(
        f"/overdrachten/{handover.pk}/einde/",
        {f"end{handover.pk}-on": today.isoformat()},
    )
    assert response.status_code == 403
    # another organisation's coach does not even see it
    stranger = logged_in_client(UserFactory(role=Role.COACH, organisation=world.other))
    response = stranger.post(
        f"/overdrachten/{handover.pk}/einde/",
        {f"end{handover.pk}-on": today.isoformat()},
    )
    assert response.status_code == 404
    assert Handover.objects.get().ended_on is None

    # a date before the start is refused with a message
    response = coach.post(
        f"/overdrachten/{handover.pk}/einde/",
        {f"end{handover.pk}-on": (today - dt.timedelta(days=30)).isoformat()},
        follow=True,
    )
    assert "Het einde ligt voor de start van de overdracht." in (
        response.content.decode()
    )
    assert Handover.objects.get().ended_on is None

    yesterday = today - dt.timedelta(days=1)
    response = coach.post(
        f"/overdrachten/{handover.pk}/einde/",
        {f"end{handover.pk}-on": yesterday.isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/personen/{person.pk}/overdracht/"
    assert Handover.objects.get().ended_on == yesterday
    page = coach.get(f"/personen/{person.pk}/overdracht/").content.decode()
    assert "Warme overdracht beëindigd." in page
    assert f'action="/overdrachten/{handover.pk}/einde/"' not in page
    assert f"{yesterday.day}-{yesterday.month}-{yesterday.year}" in page
    assert partner.get(f"/personen/{person.pk}/").status_code == 404
