from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.matches import services
from doorstroom.apps.matches.models import VacancyProfile
from tests.apps.factories import logged_in_client

from .test_import import BROKEN_CSV


def test_person_matches_api_equals_the_page_ranking(world, matching):
    coach = world.users[Role.COACH]
    response = logged_in_client(coach).get(
        f"/api/persons/{world.own_person.pk}/matches/"
    )
    assert response.status_code == 200
    data = response.json()
    rows = services.vacancies_for_person(actor=coach, person=world.own_person)
    assert [(d["vacancy"]["vacancy_id"], d["fit"]) for d in data] == [
        (r.vacancy.match_profile.external_id, r.fit) for r in rows
    ]
    assert data[0]["rank"] == 1
    assert data[0]["explanation"]["feasible"] is True
    assert data[1]["reasons"] == rows[1].reasons


def test_matches_api_denied(world, matching):
    for role, expected in (
        (Role.ANALYST, 404),
        (Role.EMPLOYER_CONTACT, 404),
        ("partner_coach", 404),
    ):
        client = logged_in_client(world.users[role])
        got = client.get(f"/api/persons/{world.own_person.pk}/matches/")
        assert got.status_code == expected, role
    partner = logged_in_client(world.users["partner_coach"])
    # Visible through the trajectory, but no matching consent: forbidden.
    got = partner.get(f"/api/persons/{world.partner_person.pk}/matches/")
    assert got.status_code == 403


def test_candidates_api(world, matching):
    vacancy = matching["mag-1"]
    coach = logged_in_client(world.users[Role.COACH])
    data = coach.get(f"/api/vacancies/{vacancy.pk}/candidates/").json()
    assert [d["person"]["id"] for d in data] == [
        world.own_person.pk,
        world.worker_person.pk,
    ]
    for role in (Role.ANALYST, Role.EMPLOYER_CONTACT, Role.VDAB_EVALUATOR):
        client = logged_in_client(world.users[role])
        got = client.get(f"/api/vacancies/{vacancy.pk}/candidates/")
        assert got.status_code == 403, role


def test_import_api_lists_problems_in_both_languages(world):
    client = logged_in_client(world.users[Role.COACH])
    response = client.post(
        "/api/vacancy-imports/",
        {"file": SimpleUploadedFile("v.csv", BROKEN_CSV.encode(), "text/csv")},
    )
    assert response.status_code == 400
    problems = response.json()["problems"]
    assert [(p["line"], p["field"]) for p in problems] == [
        (3, "postcode"),
        (3, "hours"),
    ]
    assert problems[1]["message_en"] == "60 hours per week is not between 0 and 50"
    assert problems[1]["message_nl"] == "60 uur per week ligt niet tussen 0 en 50"
    assert not VacancyProfile.objects.exists()
    analyst = logged_in_client(world.users[Role.ANALYST])
    denied = analyst.post(
        "/api/vacancy-imports/",
        {"file": SimpleUploadedFile("v.csv", BROKEN_CSV.encode(), "text/csv")},
    )
    assert denied.status_code == 403
