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
from doorstroom.apps.consents.models import DataScope
from tests.apps.factories import (
    AdviceFactory,
    ConsentFactory,
    PersonFactory,
    TrajectoryFactory,
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
        actor=world.users[Role.COACH], query=CaseloadQuery(mine_only=False), today=TODAY
    )
    rows = {row.person.first_name: row for row in data.rows}
    assert rows["Anna"].phase == "Voortraject"
    assert rows["Carla"].phase == "Competentiemeting en POP/PDP"
    assert rows["Bert"].phase == "" and rows["Bert"].case_file is None
    assert [r.rule_id for r in rows["Anna"].due] == [
        "reminder.pop_outdated",
        "reminder.phase_limit",  # voortraject since TODAY: until 2026-07-01
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
            coach_caseload(
                actor=coach,
                query=CaseloadQuery(sort=sort, mine_only=False),
                today=TODAY,
            )
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
        kwargs.setdefault("mine_only", False)
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
        actor=coach,
        query=CaseloadQuery(overdue_only=True, mine_only=False),
        today=TODAY,
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
        "/personen/",
        {"achterstand": "on", "sort": "-naam", "personen": "alle"},
        HTTP_HX_REQUEST="true",
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
        coach_caseload(
            actor=coach, query=CaseloadQuery(page=n, mine_only=False), today=TODAY
        )
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


def test_my_persons_are_the_default_for_a_coach_with_a_caseload(world, load):
    coach = world.users[Role.COACH]
    data = coach_caseload(actor=coach, query=CaseloadQuery(), today=TODAY)
    assert data.mine_only
    # Anna and Carla: their current case files were opened by the coach
    assert names(data) == ["Anna", "Carla"]
    assert data.total == data.shown_total == 2
    assert data.overdue_persons == 1  # Carla's POP
    assert data.per_phase == {"Competentiemeting en POP/PDP": 1, "Voortraject": 1}
    assert data.load.size == 2
    # a colleague without case files, the partner's coach: all persons by default
    colleague = UserFactory(
        username="collega", role=Role.COACH, organisation=world.home
    )
    assert not coach_caseload(
        actor=colleague, query=CaseloadQuery(), today=TODAY
    ).mine_only
    assert (
        coach_caseload(actor=colleague, query=CaseloadQuery(), today=TODAY).total == 5
    )
    partner = coach_caseload(
        actor=world.users["partner_coach"], query=CaseloadQuery(), today=TODAY
    )
    assert not partner.mine_only and names(partner) == ["Gevolgd"]
    # a later case file opened by the colleague moves Anna out of the coach's persons
    services.open_case_file(
        actor=colleague,
        person=load["anna"],
        type_id="toeleiding",
        started_on=TODAY + dt.timedelta(days=1),
    )
    assert names(coach_caseload(actor=coach, query=CaseloadQuery(), today=TODAY)) == [
        "Carla"
    ]
    mine = coach_caseload(actor=colleague, query=CaseloadQuery(), today=TODAY)
    assert mine.mine_only and names(mine) == ["Anna"]


def test_my_persons_are_selected_before_reminders_are_computed(
    world, load, monkeypatch
):
    """Only the coach's persons are loaded and given reminders, not the organisation."""
    seen = []
    original = services.reminders_for

    def spy(persons, today):
        seen.append(sorted(p.first_name for p in persons))
        return original(persons, today)

    monkeypatch.setattr(services, "reminders_for", spy)
    coach_caseload(actor=world.users[Role.COACH], query=CaseloadQuery(), today=TODAY)
    assert seen == [["Anna", "Carla"]]


def test_my_persons_who_moved_follow_the_access_rules(world, load):
    """A person the coach opened a case file for who later belongs to another
    organisation stays in "my persons" only while the coach may see them and read
    their trajectory (a link with a consent whose scope names it)."""
    coach = world.users[Role.COACH]
    carla = load["carla"]
    carla.organisation = world.other
    carla.save()
    data = coach_caseload(actor=coach, query=CaseloadQuery(), today=TODAY)
    assert names(data) == ["Anna"] and data.load.size == 1
    # a trajectory with the coach's organisation, consent without the trajectory
    TrajectoryFactory(person=carla, partner=world.home)
    consent = ConsentFactory(
        person=carla,
        organisation=world.home,
        scope_codes=f" {DataScope.IDENTITY} ",
    )
    shown = coach_caseload(
        actor=coach, query=CaseloadQuery(mine_only=True), today=TODAY
    )
    assert names(shown) == ["Anna"]
    consent.scope_codes = f" {DataScope.IDENTITY} {DataScope.TRAJECTORY} "
    consent.save()
    shown = coach_caseload(
        actor=coach, query=CaseloadQuery(mine_only=True), today=TODAY
    )
    assert sorted(names(shown)) == ["Anna", "Carla"]
    # her reminders are her own organisation's work: none here
    carla_row = next(r for r in shown.rows if r.person.pk == carla.pk)
    assert carla_row.reminders == []
    assert shown.load.size == 1  # the caseload counts the own organisation's


def test_the_page_offers_my_persons_or_all_persons(world, load):
    client = logged_in_client(world.users[Role.COACH])
    body = client.get("/personen/").content.decode()
    assert 'name="personen" value="mijn" checked' in body
    assert "Alle personen van de organisatie" in body
    assert "Aerts" in body and "Bosmans" in body and "Claes" not in body
    assert 'id="count-persons">2<' in body
    body = client.get("/personen/", {"personen": "alle"}).content.decode()
    assert 'name="personen" value="alle" checked' in body
    assert "Claes" in body and 'id="count-persons">5<' in body
    # a user without a caseload gets no choice
    evaluator = logged_in_client(world.users[Role.VDAB_EVALUATOR])
    assert 'name="personen"' not in evaluator.get("/personen/").content.decode()


def _snapshot(data):
    return {
        "rows": [
            (
                r.person.pk,
                r.phase,
                r.coach_id,
                r.case_file.pk if r.case_file else None,
                [(x.rule_id, x.due_on) for x in r.reminders],
            )
            for r in data.rows
        ],
        "total": data.total,
        "shown_total": data.shown_total,
        "per_phase": data.per_phase,
        "phases": data.phases,
        "page": data.page,
        "pages": data.pages,
        "load": data.load,
    }


@pytest.mark.parametrize(
    "query",
    [
        {"page": 1},
        {"page": 2},
        {"page": 3},
        {"page": 9},
        {"sort": "-naam", "page": 1},
        {"sort": "-naam", "page": 3},
        {"q": "bosm"},
        {"q": "  A  ", "page": 2},
        {"q": "zzz"},
    ],
)
def test_large_organisation_is_paged_in_sql_with_the_same_rows(
    world, load, monkeypatch, query
):
    """Above FULL_TABLE_LIMIT, "all persons" by name is paged in SQL: same rows,
    phases, reminders and counts as the full computation, only the overdue count
    is left out, and reminders are computed for the rows of the page only."""
    from doorstroom.apps.casefiles import caseload

    monkeypatch.setattr(caseload, "PAGE_SIZE", 2)
    coach = world.users[Role.COACH]
    q = CaseloadQuery(mine_only=False, **query)
    full = coach_caseload(actor=coach, query=q, today=TODAY)
    assert full.overdue_persons is not None
    monkeypatch.setattr(caseload, "FULL_TABLE_LIMIT", 4)
    seen = []
    original = services.reminders_for

    def spy(persons, today):
        seen.extend(p.pk for p in persons)
        return original(persons, today)

    monkeypatch.setattr(services, "reminders_for", spy)
    before = AuditEvent.objects.filter(detail="caseload").count()
    paged = coach_caseload(actor=coach, query=q, today=TODAY)
    assert _snapshot(paged) == _snapshot(full)
    assert paged.overdue_persons is None and not paged.mine_only
    assert set(seen) <= {r.person.pk for r in paged.rows}
    listed = AuditEvent.objects.filter(detail="caseload").order_by("sequence")
    assert [e.person_id for e in listed[before:]] == [r.person.pk for r in paged.rows]


def test_large_organisation_keeps_the_full_table_for_other_sorts(
    world, load, monkeypatch
):
    from doorstroom.apps.casefiles import caseload

    monkeypatch.setattr(caseload, "FULL_TABLE_LIMIT", 4)
    coach = world.users[Role.COACH]
    for query in (
        CaseloadQuery(mine_only=False, sort="-achterstand"),
        CaseloadQuery(mine_only=False, overdue_only=True),
        CaseloadQuery(mine_only=False, phase="Voortraject"),
    ):
        assert (
            coach_caseload(actor=coach, query=query, today=TODAY).overdue_persons == 2
        )
    client = logged_in_client(coach)
    body = client.get("/personen/", {"personen": "alle"}).content.decode()
    assert 'id="count-persons">5<' in body
    assert 'href="?personen=alle&amp;achterstand=on"' in body  # instead of a count
