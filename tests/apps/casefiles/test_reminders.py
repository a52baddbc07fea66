from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from tests.apps.factories import (
    AdviceFactory,
    PersonFactory,
    TrajectoryFactory,
    WopDossierFactory,
)

TODAY = dt.date(2026, 6, 1)


def test_reminders_of_the_coach_own_organisation(world):
    coach = world.users[Role.COACH]
    lde = PersonFactory(organisation=world.home, first_name="Lde", last_name="Werker")
    WopDossierFactory(person=lde, instrument="LDE", start_date=dt.date(2021, 9, 1))
    advised = PersonFactory(
        organisation=world.home, first_name="Klaar", last_name="Voor"
    )
    AdviceFactory(
        person=advised,
        date=dt.date(2026, 2, 1),
        result="doorstroomklaar",
        instrument="CM",
    )
    # a person of another organisation never shows up
    stranger = PersonFactory(organisation=world.other)
    WopDossierFactory(person=stranger, instrument="LDE", start_date=dt.date(2021, 1, 1))

    reminders = services.caseload_reminders(actor=coach, today=TODAY)
    found = {(r.person.last_name, r.result.rule_id) for r in reminders}
    assert ("Werker", "reminder.lde_transition_deadline") in found
    assert ("Voor", "reminder.trajectory_start_after_advice") in found
    assert all(r.person.organisation_id == world.home.pk for r in reminders)
    advice = next(
        r
        for r in reminders
        if r.result.rule_id == "reminder.trajectory_start_after_advice"
    )
    assert advice.result.due_on == dt.date(2026, 5, 1)
    assert "(verstreken)" in advice.result.explanation_nl
    listed = AuditEvent.objects.filter(action="list", detail="reminders")
    assert {e.person_id for e in listed} == {r.person.pk for r in reminders}


def test_pop_step_and_trajectory_silence_their_reminders(world):
    coach = world.users[Role.COACH]
    person = world.own_person
    case_file = services.open_case_file(
        actor=coach, person=person, type_id="doorstroom_sec_nec", started_on=TODAY
    )
    facts = services.reminder_facts(person, TODAY)
    assert facts.last_pop_date is None
    services.register_step(
        actor=coach,
        case_file=case_file,
        phase="competentiemeting",
        step="pop_pdp",
        on=dt.date(2025, 7, 1),
    )
    AdviceFactory(person=person, date=dt.date(2026, 4, 1), result="doorstroomklaar")
    TrajectoryFactory(person=person, start_date=dt.date(2026, 5, 2))
    facts = services.reminder_facts(person, TODAY)
    assert facts.last_pop_date == dt.date(2025, 7, 1)
    assert facts.advice_date == dt.date(2026, 4, 1)
    assert facts.trajectory_start == dt.date(2026, 5, 2)
    assert facts.last_evaluation == dt.date(2026, 4, 1)


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.EMPLOYER_CONTACT, Role.TARGET_WORKER]
)
def test_no_reminders_without_a_caseload(world, role):
    with pytest.raises(PermissionDenied):
        services.caseload_reminders(actor=world.users[role], today=TODAY)
