"""Coaching hours, the POP to the VDAB and the phase limits of the mandated
doorstroom trajectory on a hand-built case file: services, pages, reminders and
the caseload (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.caseload import CaseloadQuery, coach_caseload
from doorstroom.apps.casefiles.models import (
    CaseStatus,
    CoachingSession,
    TransitionArrangement,
)
from tests.apps.casefiles.test_unique_ids import id_problems
from tests.apps.factories import PersonFactory, logged_in_client

TODAY = dt.date(2026, 6, 1)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def mandated_case_file(world, person, started_on, phase, step, on):
    coach = world.users[Role.COACH]
    case_file = services.open_case_file(
        actor=coach, person=person, type_id="doorstroom_sec_nec", started_on=started_on
    )
    services.register_step(
        actor=coach, case_file=case_file, phase=phase, step=step, on=on
    )
    return case_file


@pytest.fixture
def hand_built(world):
    """Two persons of ``home`` with a mandated doorstroom case file, on TODAY:

    - Vera: voortraject since 2026-01-05 (limit 2026-02-05: overdue).
    - Nico: hired in the NEC on 2026-05-04, nazorg since 2026-05-11 (limit
      2026-08-11: due), POP not sent to the VDAB (due 2026-06-04), 127 hours of
      coaching (due today).
    """
    coach = world.users[Role.COACH]
    vera = PersonFactory(organisation=world.home, first_name="Vera", last_name="Vos")
    vera_file = mandated_case_file(
        world,
        vera,
        dt.date(2026, 1, 5),
        "voortraject",
        "start_vraag_werknemer",
        dt.date(2026, 1, 5),
    )
    nico = PersonFactory(organisation=world.home, first_name="Nico", last_name="Nys")
    nico_file = mandated_case_file(
        world, nico, dt.date(2025, 12, 1), "job", "contract_nec", dt.date(2026, 5, 4)
    )
    TransitionArrangement.objects.create(
        case_file=nico_file,
        job_start=dt.date(2026, 5, 4),
        contract_kind="arbeidscontract",
    )
    services.register_step(
        actor=coach,
        case_file=nico_file,
        phase="nazorg",
        step="nazorg_contact",
        on=dt.date(2026, 5, 11),
    )
    for on, minutes in (
        (dt.date(2026, 1, 10), 100 * 60),
        (dt.date(2026, 5, 20), 27 * 60),
    ):
        services.record_coaching_session(
            actor=coach, case_file=nico_file, on=on, minutes=minutes, kind="gesprek"
        )
    return {"vera": vera, "vera_file": vera_file, "nico": nico, "nico_file": nico_file}


def reminder_ids(world, today=TODAY) -> dict[str, dict[str, dt.date]]:
    found: dict[str, dict[str, dt.date]] = {}
    for r in services.caseload_reminders(actor=world.users[Role.COACH], today=today):
        found.setdefault(r.person.first_name, {})[r.result.rule_id] = r.result.due_on
    return found


def test_reminders_of_the_hand_built_case_files(world, hand_built):
    found = reminder_ids(world)
    assert found["Vera"]["reminder.phase_limit"] == dt.date(2026, 2, 5)
    nico = found["Nico"]
    assert nico["reminder.phase_limit"] == dt.date(2026, 8, 11)
    assert nico["reminder.pop_sent_to_vdab"] == dt.date(2026, 6, 4)
    assert nico["reminder.coaching_budget"] == TODAY
    assert "reminder.coaching_budget" not in found["Vera"]


def test_caseload_shows_due_and_overdue(world, hand_built):
    data = coach_caseload(
        actor=world.users[Role.COACH], query=CaseloadQuery(mine_only=False), today=TODAY
    )
    rows = {row.person.first_name: row for row in data.rows}
    assert "reminder.phase_limit" in [r.rule_id for r in rows["Vera"].overdue]
    due = [r.rule_id for r in rows["Nico"].due]
    assert {
        "reminder.phase_limit",
        "reminder.pop_sent_to_vdab",
        "reminder.coaching_budget",
    } <= set(due)
    assert [r.rule_id for r in rows["Nico"].overdue] == []


def test_budget_exceeded_is_overdue_and_pop_sent_silences_its_reminder(
    world, hand_built
):
    coach = world.users[Role.COACH]
    nico_file = hand_built["nico_file"]
    services.record_coaching_session(
        actor=coach, case_file=nico_file, on=TODAY, minutes=14 * 60, kind="nazorg"
    )  # 141 h
    services.record_pop_sent_to_vdab(
        actor=coach, case_file=nico_file, on=dt.date(2026, 5, 30)
    )
    nico = reminder_ids(world)["Nico"]
    assert nico["reminder.coaching_budget"] == TODAY - days(1)  # overdue
    assert "reminder.pop_sent_to_vdab" not in nico


def test_a_paused_case_file_stops_the_phase_clock(world, hand_built):
    coach = world.users[Role.COACH]
    vera_file = hand_built["vera_file"]
    services.change_status(
        actor=coach,
        case_file=vera_file,
        status=CaseStatus.PAUSED,
        reason="ziekte",
        on=dt.date(2026, 1, 15),
    )
    assert "reminder.phase_limit" not in reminder_ids(world).get("Vera", {})
    services.change_status(
        actor=coach,
        case_file=vera_file,
        status=CaseStatus.ACTIVE,
        reason="",
        on=dt.date(2026, 5, 25),
    )
    # paused 15/1 → 25/5 (130 days): 5/2 + 130 days = 15/6, due again
    vera = reminder_ids(world)["Vera"]
    assert vera["reminder.phase_limit"] == dt.date(2026, 6, 15)


def test_reminder_facts_stay_five_queries_with_coaching_and_pauses(
    world, hand_built, django_assert_num_queries
):
    persons = [hand_built["vera"], hand_built["nico"], world.own_person]
    with django_assert_num_queries(5):
        facts = services.reminder_facts_for(persons, TODAY)
    nico = facts[hand_built["nico"].pk]
    assert nico.phase == "nazorg" and nico.phase_start == dt.date(2026, 5, 11)
    assert nico.coaching_sessions == (
        (dt.date(2026, 1, 10), 6000),
        (dt.date(2026, 5, 20), 1620),
    )
    assert nico.hired_on == dt.date(2026, 5, 4)
    assert nico.coaching_since == dt.date(2025, 12, 1)
    # the POP step of any case file still counts as the latest POP
    assert facts[world.own_person.pk].phase is None


def test_recording_coaching_needs_permission_and_is_audited(world, hand_built):
    nico_file = hand_built["nico_file"]
    with pytest.raises(PermissionDenied):
        services.record_coaching_session(
            actor=world.users[Role.TARGET_WORKER],
            case_file=nico_file,
            on=TODAY,
            minutes=30,
            kind="gesprek",
        )
    with pytest.raises(services.CaseFileError):
        services.record_coaching_session(
            actor=world.users[Role.COACH],
            case_file=nico_file,
            on=TODAY,
            minutes=0,
            kind="gesprek",
        )
    session = CoachingSession.objects.filter(case_file=nico_file).first()
    event = AuditEvent.objects.filter(
        action="create", detail=f"coaching 6000 min on case file {nico_file.pk}"
    ).get()
    assert event.person_id == hand_built["nico"].pk
    assert session.recorded_by_name


def test_coaching_page_forms_and_case_file_summary(world, hand_built):
    client = logged_in_client(world.users[Role.COACH])
    nico, nico_file = hand_built["nico"], hand_built["nico_file"]
    today = timezone.localdate()
    page = client.get(f"/trajecten/{nico_file.pk}/begeleiding/")
    html = page.content.decode()
    assert page.status_code == 200
    assert id_problems(html) == []
    assert 'id="id_coaching-minutes"' in html and 'id="id_pop_sent-on"' in html
    response = client.post(
        f"/trajecten/{nico_file.pk}/begeleiding/sessie/",
        {
            "coaching-on": today.isoformat(),
            "coaching-minutes": "90",
            "coaching-kind": "training",
            "coaching-note": "sollicitatietraining",
        },
    )
    assert response.status_code == 302
    assert CoachingSession.objects.filter(case_file=nico_file).count() == 3
    response = client.post(
        f"/trajecten/{nico_file.pk}/pop-vdab/", {"pop_sent-on": "2026-06-04"}
    )
    assert response.status_code == 302
    nico_file.refresh_from_db()
    assert nico_file.pop_sent_to_vdab_on == dt.date(2026, 6, 4)
    page = client.get(f"/trajecten/{nico_file.pk}/begeleiding/").content.decode()
    assert "(op tijd)" in page  # hired 4/5, sent 4/6: the last day
    timeline = client.get(f"/personen/{nico.pk}/traject/").content.decode()
    assert "128,5 van 140 uur gebruikt, 11,5 uur over" in timeline
    assert id_problems(timeline) == []


def test_a_worker_cannot_post_and_other_types_have_no_coaching_page(world, hand_built):
    coach = world.users[Role.COACH]
    other = services.open_case_file(
        actor=coach, person=world.own_person, type_id="toeleiding", started_on=TODAY
    )
    client = logged_in_client(coach)
    assert client.get(f"/trajecten/{other.pk}/begeleiding/").status_code == 404
    worker = logged_in_client(world.users[Role.TARGET_WORKER])
    response = worker.post(
        f"/trajecten/{hand_built['nico_file'].pk}/begeleiding/sessie/",
        {
            "coaching-on": "2026-06-01",
            "coaching-minutes": "60",
            "coaching-kind": "ander",
        },
    )
    assert response.status_code in (403, 404)
    assert (
        CoachingSession.objects.filter(case_file=hand_built["nico_file"]).count() == 2
    )


def test_reminders_page_lists_the_new_rules(world):
    today = timezone.localdate()
    person = PersonFactory(
        organisation=world.home, first_name="Pia", last_name="Peeters"
    )
    mandated_case_file(
        world,
        person,
        today - days(60),
        "jobmatching",
        "sollicitatietraining",
        today - days(10),
    )
    html = (
        logged_in_client(world.users[Role.COACH])
        .get("/herinneringen/")
        .content.decode()
    )
    assert "reminder.phase_limit" in html
    assert "De fase jobmatching loopt sinds" in html
