"""The coach's caseload: phase, due and overdue reminders, sorting, filters,
counts, the caseload limit and the organisation overview (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.casefiles import services
from doorstroom.apps.casefiles.caseload import (
    CaseloadQuery,
    Load,
    caseload_sizes,
    coach_caseload,
    organisation_overview,
)
from tests.apps.factories import (
    AdviceFactory,
    PersonFactory,
    UserFactory,
    WopDossierFactory,
    logged_in_client,
)

TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def load(world):
    """Three persons of ``home`` with case files opened by the coach.

    - Anna: LDE since 2021-09-01: deadline 2026-09-01 (due, not overdue);
      phase Voortraject.
    - Bert: favourable advice 2026-02-01, no trajectory: due 2026-05-01 (overdue);
      no case file.
    - Carla: POP registered 2025-03-01: due 2026-03-01 (overdue); phase
      Competentiemeting en POP/PDP.
    Without a POP every person also has the POP reminder due today (not overdue).
    """
    coach = world.users[Role.COACH]
    anna = PersonFactory(organisation=world.home, first_name="Anna", last_name="Aerts")
    WopDossierFactory(person=anna, instrument="LDE", start_date=dt.date(2021, 9, 1))
    anna_file = services.open_case_file(
        actor=coach, person=anna, type_id="doorstroom_sec_nec", started_on=TODAY
    )
    services.register_step(
        actor=coach,
        case_file=anna_file,
        phase="voortraject",
        step="start_vraag_werknemer",
        on=TODAY,
    )
    bert = PersonFactory(organisation=world.home, first_name="Bert", last_name="Claes")
    AdviceFactory(person=bert, date=dt.date(2026, 2, 1), result="doorstroomklaar")
    carla = PersonFactory(
        organisation=world.home, first_name="Carla", last_name="Bosmans"
    )
    carla_file = services.open_case_file(
        actor=coach, person=carla, type_id="doorstroom_sec_nec", started_on=TODAY
    )
    services.register_step(
        actor=coach,
        case_file=carla_file,
        phase="competentiemeting",
        step="pop_pdp",
        on=dt.date(2025, 3, 1),
    )
    return {"anna": anna, "bert": bert, "carla": carla}


def names(caseload) -> list[str]:
    return [row.person.first_name for row in caseload.rows]


def test_rows_carry_phase_due_and_overdue(world, load):
    data = coach_caseload(
        actor=world.users[Role.COACH], query=CaseloadQuery(), today=TODAY
    )
    rows = {row.person.first_name: row for row in data.rows}
    assert rows["Anna"].phase == "Voortraject"
    assert rows["Carla"].phase == "Competentiemeting en POP/PDP"
    assert rows["Bert"].phase == "" and rows["Bert"].case_file is None
    assert [r.rule_id for r in rows["Anna"].due] == [
        "reminder.pop_outdated",
        "reminder.lde_transition_deadline",
    ]
    assert rows["Anna"].overdue_count == 0
    assert rows["Anna"].next_due == TODAY
    assert [r.rule_id for r in rows["Bert"].overdue] == [
        "reminder.trajectory_start_after_advice"
    ]
    assert rows["Carla"].overdue_count == 1
    assert rows["Carla"].next_due == dt.date(2026, 3, 1)
    assert rows["Carla"].due == []
    assert rows["Anna"].coach_name == "coach"
    # counts over the whole caseload: 3 + own_person + worker_person
    assert data.total == 5
    assert data.overdue_persons == 2
    assert data.per_phase == {
        "Competentiemeting en POP/PDP": 1,
        "Geen lopend traject": 3,
        "Voortraject": 1,
    }


def test_sorting(world, load):
    coach = world.users[Role.COACH]

    def order(sort):
        return names(
            coach_caseload(actor=coach, query=CaseloadQuery(sort=sort), today=TODAY)
        )

    # by last name: Aerts, Bosmans, Claes, Nemer (Werk), Persoon (Eigen)
    assert order("naam") == ["Anna", "Carla", "Bert", "Werk", "Eigen"]
    assert order("-naam") == ["Eigen", "Werk", "Bert", "Carla", "Anna"]
    # earliest due first: Carla 03-01, Bert 05-01 (his POP is due today), then today
    assert order("vervaldatum")[:2] == ["Carla", "Bert"]
    # most overdue first with descending sort; ties by last name
    # descending reverses the whole key: (1, "claes") before (1, "bosmans")
    assert order("-achterstand")[:2] == ["Bert", "Carla"]
    assert set(order("achterstand")[:3]) == {"Anna", "Werk", "Eigen"}
    # by phase: named phases first (alphabetical), persons without one last
    assert order("fase")[:2] == ["Carla", "Anna"]


def test_filters(world, load):
    coach = world.users[Role.COACH]

    def shown(**kwargs):
        return sorted(
            names(
                coach_caseload(actor=coach, query=CaseloadQuery(**kwargs), today=TODAY)
            )
        )

    assert shown(overdue_only=True) == ["Bert", "Carla"]
    assert shown(phase="Voortraject") == ["Anna"]
    assert shown(q="bosm") == ["Carla"]
    assert shown(mine_only=True) == ["Anna", "Carla"]
    assert shown(q="zzz") == []


def test_only_the_shown_page_is_audited(world, load):
    coach = world.users[Role.COACH]
    before = AuditEvent.objects.filter(detail="caseload").count()
    data = coach_caseload(
        actor=coach, query=CaseloadQuery(overdue_only=True), today=TODAY
    )
    listed = AuditEvent.objects.filter(detail="caseload").order_by("sequence")
    assert listed.count() - before == 2
    assert {e.person_id for e in listed[before:]} == {r.person.pk for r in data.rows}


def test_reminders_only_for_own_organisation(world, load):
    partner = world.users["partner_coach"]
    data = coach_caseload(actor=partner, query=CaseloadQuery(), today=TODAY)
    assert names(data) == ["Gevolgd"]
    assert data.rows[0].reminders == []
    assert data.load is not None and data.load.size == 0


@pytest.mark.parametrize("role", [Role.ANALYST, Role.EMPLOYER_CONTACT])
def test_roles_without_files_have_no_caseload(world, role):
    with pytest.raises(PermissionDenied):
        coach_caseload(actor=world.users[role], query=CaseloadQuery(), today=TODAY)


def test_load_label():
    assert Load(size=23, limit=20).label == "23 / 20 — overbelast"
    assert Load(size=20, limit=20).label == "20 / 20"
    assert not Load(size=20, limit=20).overloaded


def test_caseload_sizes_follow_the_current_open_case_file(world, load):
    coach = world.users[Role.COACH]
    other_coach = UserFactory(
        username="tweede", role=Role.COACH, organisation=world.home
    )
    # a later case file by another coach makes Carla theirs
    services.open_case_file(
        actor=other_coach,
        person=load["carla"],
        type_id="toeleiding",
        started_on=TODAY + dt.timedelta(days=1),
    )
    # a closed case file does not count
    closed = services.open_case_file(
        actor=other_coach, person=load["bert"], type_id="toeleiding", started_on=TODAY
    )
    services.change_status(
        actor=other_coach,
        case_file=closed,
        status="afgesloten",
        reason="klaar",
        on=TODAY,
    )
    assert caseload_sizes(world.home.pk) == {coach.pk: 1, other_coach.pk: 1}


@override_settings(DOORSTROOM_CASELOAD_LIMIT=1)
def test_page_shows_overload_and_overview(world, load):
    client = logged_in_client(world.users[Role.COACH])
    body = client.get("/personen/").content.decode()
    assert "2 / 1 — overbelast" in body
    admin = world.users[Role.ORG_ADMIN]
    overview = organisation_overview(actor=admin)
    by_name = {c.name: c.load for c in overview}
    assert by_name["coach"].size == 2 and by_name["coach"].overloaded
    assert by_name["beheerder"].size == 0
    page = logged_in_client(admin).get("/beheer/caseload/")
    assert page.status_code == 200
    assert "2 / 1 — overbelast" in page.content.decode()
    assert (
        logged_in_client(world.users[Role.COACH]).get("/beheer/caseload/").status_code
        == 403
    )


def test_default_limit_is_twenty(world, load):
    body = logged_in_client(world.users[Role.COACH]).get("/personen/").content.decode()
    assert "2 / 20" in body and "overbelast" not in body


def test_htmx_sort_and_filter_return_the_table_region(world, load):
    client = logged_in_client(world.users[Role.COACH])
    response = client.get(
        "/personen/", {"achterstand": "on", "sort": "-naam"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<h1>" not in body  # only the region
    assert body.index("Claes") < body.index("Bosmans")
    assert "Eigen" not in body  # only the POP due today: not overdue
    assert 'id="count-persons">5<' in body


def test_pages_of_the_table(world, load, monkeypatch):
    from doorstroom.apps.casefiles import caseload

    monkeypatch.setattr(caseload, "PAGE_SIZE", 2)
    coach = world.users[Role.COACH]
    pages = [
        coach_caseload(actor=coach, query=CaseloadQuery(page=n), today=TODAY)
        for n in (1, 2, 3, 9)
    ]
    assert [names(p) for p in pages] == [
        ["Anna", "Carla"],
        ["Bert", "Werk"],
        ["Eigen"],
        ["Eigen"],  # past the end: the last page
    ]
    assert pages[0].pages == 3 and pages[0].total == 5


def test_phase_counts_only_for_readable_trajectories(world, load):
    evaluator = world.users[Role.VDAB_EVALUATOR]
    data = coach_caseload(actor=evaluator, query=CaseloadQuery(), today=TODAY)
    # the evaluation consent's scope names ``traject``: the phase is theirs to see
    assert names(data) == ["Geëvalueerd"]
    assert data.per_phase == {"Geen lopend traject": 1} and data.load is None
    consent = world.evaluated_person.consents.get()
    consent.scope = ["identiteit"]
    consent.save()
    data = coach_caseload(actor=evaluator, query=CaseloadQuery(), today=TODAY)
    assert names(data) == ["Geëvalueerd"]
    assert data.per_phase == {}
    assert data.rows[0].phase == "" and data.rows[0].reminders == []
