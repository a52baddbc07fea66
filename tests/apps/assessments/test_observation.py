"""Workfloor observation (WAKKER): plans of at most six persons, STARR notes
attached to competences and classified into a rating, the per-person report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as m
from doorstroom.apps.assessments import services
from doorstroom.apps.audit_events.models import AuditEvent
from tests.apps.factories import PersonFactory, logged_in_client

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 3, 2), dt.date(2026, 3, 20)
SEVENTH_REFUSED = (
    "Een observator volgt best niet meer dan 6 personen tegelijk; dit plan telt er 7."
)


def _persons(world, n: int):
    """``own_person``, ``worker_person`` and more persons of the home organisation."""
    extra = [PersonFactory(organisation=world.home) for _ in range(max(0, n - 2))]
    return [world.own_person, world.worker_person, *extra][:n]


def _plan(world, competences, persons, **kwargs) -> m.ObservationPlan:
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    return services.create_observation_plan(
        actor=supervisor,
        observer=kwargs.pop("observer", supervisor),
        framework=competences.framework,
        persons=persons,
        competence_ids=kwargs.pop("competence_ids", ["cooperation", "accuracy"]),
        starts_on=kwargs.pop("starts_on", START),
        ends_on=kwargs.pop("ends_on", END),
        name="Magazijn maart",
    )


def _last() -> int:
    last = AuditEvent.objects.order_by("-sequence").first()
    return last.sequence if last else 0


# --- at most six persons at once ------------------------------------------------


def test_six_persons_are_accepted_and_a_seventh_is_refused(world, competences):
    persons = _persons(world, 7)
    plan = _plan(world, competences, persons[:6])
    assert plan.persons.count() == 6
    with pytest.raises(ValidationError) as refused:
        services.add_person_to_plan(
            actor=world.users[Role.FLOOR_SUPERVISOR], plan=plan, person=persons[6]
        )
    assert SEVENTH_REFUSED in refused.value.messages[0]
    assert (
        "Verdeel de groep over meerdere observatoren of periodes."
        in (refused.value.messages[0])
    )
    assert plan.persons.count() == 6
    # a plan of seven at once is refused the same way, and nothing is stored
    with pytest.raises(ValidationError, match="dit plan telt er 7"):
        _plan(world, competences, persons)
    assert m.ObservationPlan.objects.count() == 1


def test_the_limit_counts_the_observers_other_running_plans(world, competences):
    persons = _persons(world, 7)
    first = _plan(world, competences, persons[:6])
    # a second plan in an overlapping period would make seven at once
    with pytest.raises(ValidationError) as refused:
        _plan(
            world,
            competences,
            persons[6:],
            starts_on=END,
            ends_on=END + dt.timedelta(days=5),
        )
    assert "zou op 20-03-2026 7 personen tegelijk volgen" in refused.value.messages[0]
    # right after the first period it is fine
    later = _plan(
        world,
        competences,
        persons[6:],
        starts_on=END + dt.timedelta(days=1),
        ends_on=END + dt.timedelta(days=5),
    )
    assert later.persons.count() == 1
    # another observer may follow the seventh person in the same period
    coach_plan = _plan(
        world, competences, persons[6:], observer=world.users[Role.COACH]
    )
    assert coach_plan.observer == world.users[Role.COACH]
    # and once every WAKKER step of the first plan is done, it no longer counts
    for step in services.ObservationStep:
        services.complete_observation_step(
            actor=world.users[Role.FLOOR_SUPERVISOR], plan=first, step=step
        )
    overlapping = _plan(world, competences, persons[6:], starts_on=START, ends_on=END)
    assert overlapping.persons.count() == 1


def test_the_page_and_the_api_refuse_the_seventh_with_the_guides_reason(
    world, competences
):
    persons = _persons(world, 7)
    client = logged_in_client(world.users[Role.FLOOR_SUPERVISOR])
    payload = {
        "name": "Magazijn",
        "framework": competences.framework.pk,
        "persons": [p.pk for p in persons],
        "competence_ids": ["cooperation"],
        "starts_on": "2026-03-02",
        "ends_on": "2026-03-20",
    }
    response = client.post(
        "/api/observation-plans/", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert SEVENTH_REFUSED in response.json()["detail"]["persons"][0]
    payload["persons"] = [p.pk for p in persons[:6]]
    created = client.post(
        "/api/observation-plans/", payload, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    assert len(created.json()["persons"]) == 6
    added = client.post(
        f"/api/observation-plans/{plan_id}/persons/",
        {"person": persons[6].pk},
        content_type="application/json",
    )
    assert added.status_code == 400
    assert SEVENTH_REFUSED in added.json()["detail"]["person"][0]
    page = client.post(
        f"/competenties/observaties/{plan_id}/personen/", {"person": persons[6].pk}
    )
    assert page.status_code == 400
    assert SEVENTH_REFUSED in page.content.decode()


def test_only_a_coach_or_floor_supervisor_sets_up_a_plan(world, competences):
    for role in (Role.ORG_ADMIN, Role.TARGET_WORKER, Role.ANALYST):
        with pytest.raises(PermissionDenied):
            services.create_observation_plan(
                actor=world.users[role],
                observer=world.users[Role.FLOOR_SUPERVISOR],
                framework=competences.framework,
                persons=[world.own_person],
                competence_ids=["cooperation"],
                starts_on=START,
                ends_on=END,
            )
    # a person of another organisation cannot be put in a plan
    with pytest.raises(PermissionDenied):
        _plan(world, competences, [world.other_person])


# --- notes, classification, report ---------------------------------------------


NOTE = {
    "situation": "Een vrachtwagen kwam een uur te vroeg aan.",
    "task": "Samen met een collega de pallets lossen.",
    "activities": "Verdeelde het werk en hielp de collega met de zware dozen.",
    "result": "De vrachtwagen was op tijd weer weg.",
    "reflection": "Zegt dat samenwerken het werk lichter maakt.",
}


def _observed(world, competences):
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    plan = _plan(world, competences, [world.own_person])
    note = services.add_observation_note(
        actor=supervisor,
        plan=plan,
        person=world.own_person,
        competence_id="cooperation",
        observed_on=dt.date(2026, 3, 4),
        **NOTE,
    )
    other = services.add_observation_note(
        actor=supervisor,
        plan=plan,
        person=world.own_person,
        competence_id="accuracy",
        observed_on=dt.date(2026, 3, 5),
        situation="Telde de dozen drie keer na en vond een fout in de lijst.",
    )
    return plan, note, other


def test_a_starr_note_shows_beside_the_rating_it_supports(world, competences):
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    plan, note, other = _observed(world, competences)
    round_row = services.classify_observations(
        actor=supervisor,
        plan=plan,
        person=world.own_person,
        levels={"cooperation": 4},
        round_row=competences.round,
    )
    note.refresh_from_db()
    other.refresh_from_db()
    assert note.round == competences.round and other.round is None
    # the supervisor's other ratings in that round are kept
    sheet = m.RaterSheet.objects.get(round=round_row, rater_key=f"user:{supervisor.pk}")
    assert {r.competence_id: r.level for r in sheet.ratings.all()} == {
        "cooperation": 4,
        "initiative": 3,
        "motivation": 4,
        "accuracy": 2,
    }
    page = logged_in_client(world.users[Role.COACH]).get(
        f"/competenties/metingen/{round_row.pk}/"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "1 observatie op de werkvloer" in html
    # in the cooperation row, in the werkvloerbegeleider's column, after "Zeer goed"
    row = html[html.index("Samenwerken</th>") :]
    row = row[: row.index("</tr>")]
    cells = row.split("<td>")
    supervisor_column = 1 + [s.role for s in round_row.sheets.all()].index(
        "floor_supervisor"
    )
    cell = cells[supervisor_column]
    assert "Zeer goed" in cell
    assert cell.index("Zeer goed") < cell.index(NOTE["activities"])
    assert NOTE["reflection"] in cell
    # the unclassified accuracy note is not on the assessment page
    assert "Telde de dozen" not in html


def test_classifying_into_a_new_round_and_the_report(world, competences):
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    plan, note, other = _observed(world, competences)
    client = logged_in_client(supervisor)
    response = client.post(
        f"/competenties/observaties/{plan.pk}/personen/{world.own_person.pk}/kwantificeren/",
        {
            "round": "new",
            "held_on": "2026-03-20",
            "level_cooperation": "3",
            "level_accuracy": "ng",
        },
    )
    assert response.status_code == 302
    new_round = m.AssessmentRound.objects.get(held_on=dt.date(2026, 3, 20))
    assert response["Location"] == f"/competenties/metingen/{new_round.pk}/"
    assert set(
        m.ObservationNote.objects.filter(round=new_round).values_list("pk", flat=True)
    ) == {note.pk, other.pk}
    report = services.observation_summary(
        actor=world.users[Role.COACH], plan=plan, person=world.own_person
    )
    assert [
        (r["competence_id"], r["count"], r["level"], r["evaluation"])
        for r in report.rows
    ] == [
        ("cooperation", 1, 3, "Beheerst"),
        ("accuracy", 1, None, "Niet geobserveerd"),
    ]
    page = client.get(
        f"/competenties/observaties/{plan.pk}/personen/{world.own_person.pk}/"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert NOTE["situation"] in html and "Beheerst" in html
    pdf = client.get(
        f"/competenties/observaties/{plan.pk}/personen/{world.own_person.pk}/verslag.pdf"
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_notes_are_refused_outside_the_plan(world, competences):
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    plan = _plan(world, competences, [world.own_person])
    base = {
        "plan": plan,
        "person": world.own_person,
        "competence_id": "cooperation",
        "observed_on": dt.date(2026, 3, 4),
        "situation": "Feit",
    }
    with pytest.raises(ValidationError, match="niet geobserveerd"):
        services.add_observation_note(
            actor=supervisor, **{**base, "competence_id": "initiative"}
        )
    with pytest.raises(ValidationError, match="buiten de periode"):
        services.add_observation_note(
            actor=supervisor, **{**base, "observed_on": dt.date(2026, 4, 1)}
        )
    with pytest.raises(ValidationError, match="helemaal leeg"):
        services.add_observation_note(actor=supervisor, **{**base, "situation": " "})
    # only the observer writes notes, about persons of the plan
    with pytest.raises(PermissionDenied):
        services.add_observation_note(actor=world.users[Role.COACH], **base)
    with pytest.raises(PermissionDenied):
        services.add_observation_note(
            actor=supervisor, **{**base, "person": world.worker_person}
        )
    assert not m.ObservationNote.objects.exists()


# --- other organisations, API, audit --------------------------------------------


def test_another_organisations_user_is_refused(world, competences, other_coach):
    plan, note, _other = _observed(world, competences)
    client = logged_in_client(other_coach)
    base = f"/competenties/observaties/{plan.pk}"
    person = world.own_person.pk
    for url in (
        f"{base}/",
        f"{base}/personen/{person}/",
        f"{base}/personen/{person}/verslag.pdf",
        f"{base}/personen/{person}/kwantificeren/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/notities/", {"person": person}).status_code == 404
    assert client.get("/competenties/observaties/").status_code == 200
    assert client.get(f"/api/observation-plans/{plan.pk}/").status_code == 404
    assert client.get(f"/api/observation-notes/{note.pk}/").status_code == 404
    assert client.get("/api/observation-plans/").json()["results"] == []
    assert client.get("/api/observation-notes/").json()["results"] == []
    refused = client.post(
        "/api/observation-notes/",
        {
            "plan": plan.pk,
            "person": person,
            "competence_id": "cooperation",
            "observed_on": "2026-03-04",
            "situation": "x",
        },
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["detail"] == {"plan": ["Unknown observation plan."]}
    created = client.post(
        "/api/observation-plans/",
        {
            "framework": competences.framework.pk,
            "persons": [person],
            "competence_ids": ["cooperation"],
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-20",
        },
        content_type="application/json",
    )
    assert created.status_code == 400
    assert created.json()["detail"] == {"persons": [f"Unknown person: {person}."]}
    assert m.ObservationNote.objects.count() == 2


def test_observation_api_read_and_create_with_field_limits(world, competences):
    plan = _plan(world, competences, [world.own_person, world.worker_person])
    client = logged_in_client(world.users[Role.FLOOR_SUPERVISOR])
    url = "/api/observation-notes/"
    payload = {
        "plan": plan.pk,
        "person": world.own_person.pk,
        "competence_id": "cooperation",
        "observed_on": "2026-03-04",
        **NOTE,
    }
    created = client.post(url, payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["activities"] == NOTE["activities"]
    too_long = client.post(
        url, {**payload, "situation": "x" * 2001}, content_type="application/json"
    )
    assert too_long.status_code == 400
    assert "situation" in too_long.json()["detail"]
    unknown = client.post(
        url, {**payload, "competence_id": "initiative"}, content_type="application/json"
    )
    assert unknown.json()["detail"] == {
        "competence_id": ["This competence is not observed in this plan."]
    }
    empty = client.post(
        url,
        {**payload, **{k: "" for k in NOTE}},
        content_type="application/json",
    )
    assert empty.status_code == 400
    listed = client.get(f"{url}?plan={plan.pk}&person={world.own_person.pk}").json()
    assert [n["id"] for n in listed["results"]] == [created.json()["id"]]
    assert client.get(f"{url}?person={world.worker_person.pk}").json()["results"] == []
    detail = client.get(f"/api/observation-plans/{plan.pk}/").json()
    assert detail["persons"] == sorted([world.own_person.pk, world.worker_person.pk])
    assert detail["competence_ids"] == ["cooperation", "accuracy"]
    bad_plan = client.post(
        "/api/observation-plans/",
        {
            "framework": competences.framework.pk,
            "persons": [world.own_person.pk],
            "competence_ids": ["cooperation", "flying"],
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-01",
        },
        content_type="application/json",
    )
    assert bad_plan.json()["detail"] == {
        "ends_on": ["The period ends before it starts."]
    }


def test_observation_reads_and_writes_are_audited(world, competences):
    start = _last()
    plan, note, _other = _observed(world, competences)
    supervisor = world.users[Role.FLOOR_SUPERVISOR]
    services.classify_observations(
        actor=supervisor,
        plan=plan,
        person=world.own_person,
        levels={"cooperation": 3},
        round_row=competences.round,
    )
    writes = list(AuditEvent.objects.filter(sequence__gt=start).order_by("sequence"))
    assert [(e.action, e.object_type) for e in writes] == [
        ("create", "observation_plan"),
        ("create", "observation_note"),
        ("create", "observation_note"),
        ("update", "assessment_round"),
        ("update", "observation_note"),
    ]
    assert {e.person_id for e in writes} == {world.own_person.pk}
    client = logged_in_client(world.users[Role.COACH])
    start = _last()
    client.get(f"/competenties/observaties/{plan.pk}/")
    client.get(f"/competenties/observaties/{plan.pk}/personen/{world.own_person.pk}/")
    client.get(f"/api/observation-notes/{note.pk}/")
    client.get(f"/api/observation-notes/?plan={plan.pk}")
    client.get(f"/api/observation-plans/{plan.pk}/")
    reads = list(AuditEvent.objects.filter(sequence__gt=start).order_by("sequence"))
    assert [(e.action, e.object_type, e.channel) for e in reads] == [
        ("read", "observation_plan", "page"),
        ("read", "observation_summary", "page"),
        ("read", "observation_note", "api"),
        ("list", "observation_note", "api"),
        ("read", "observation_plan", "api"),
    ]
    assert all(e.person_id == world.own_person.pk for e in reads)
    assert all(e.actor_username == "coach" for e in reads)


def test_the_pages_walk_through_a_plan(world, competences):
    client = logged_in_client(world.users[Role.FLOOR_SUPERVISOR])
    form = client.get("/competenties/observaties/nieuw/")
    assert form.status_code == 200
    assert "Samenwerken" in form.content.decode()
    created = client.post(
        f"/competenties/observaties/nieuw/?kader={competences.framework.pk}",
        {
            "name": "Sorteerlijn",
            "observer": world.users[Role.FLOOR_SUPERVISOR].pk,
            "persons": [world.own_person.pk],
            "competences": ["cooperation"],
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-20",
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    plan = m.ObservationPlan.objects.get(name="Sorteerlijn")
    assert created["Location"] == f"/competenties/observaties/{plan.pk}/"
    listing = client.get("/competenties/observaties/").content.decode()
    assert "Sorteerlijn" in listing and "Persoon" in listing
    detail = client.get(created["Location"]).content.decode()
    assert "Observatie noteren (STARR)" in detail and "Waarnemen" in detail
    noted = client.post(
        f"/competenties/observaties/{plan.pk}/notities/",
        {
            "person": world.own_person.pk,
            "competence_id": "cooperation",
            "observed_on": "2026-03-03",
            "situation": "Nieuwe collega aan de sorteerlijn.",
        },
    )
    assert noted.status_code == 302
    stepped = client.post(
        f"/competenties/observaties/{plan.pk}/stap/", {"step": "observe"}
    )
    assert stepped.status_code == 302
    plan.refresh_from_db()
    assert plan.completed_steps == ["observe"]
    classify = client.get(
        f"/competenties/observaties/{plan.pk}/personen/{world.own_person.pk}/kwantificeren/"
    )
    assert "Nieuwe collega aan de sorteerlijn." in classify.content.decode()
    # a coach reads the plan but does not write notes in it
    coach = logged_in_client(world.users[Role.COACH])
    assert "Observatie noteren" not in coach.get(created["Location"]).content.decode()
    assert (
        coach.get(
            f"/competenties/observaties/{plan.pk}/personen/{world.own_person.pk}/kwantificeren/"
        ).status_code
        == 403
    )
