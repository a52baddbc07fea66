from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.matches import services
from doorstroom.apps.matches.models import VacancyProfile
from doorstroom.apps.organisations.models import Organisation
from doorstroom.apps.placements.models import Vacancy
from doorstroom.domain.matching import VacancyImportError
from tests.apps.factories import logged_in_client

from .conftest import HEADER, VACANCIES_CSV

BROKEN_CSV = HEADER + (
    "ok-1,Magazijnmedewerker,logistiek-nv,Logistiek NV,transport,2800,30,day,,A2,,,"
    "accuracy:2,\n"
    "bad-1,Orderpicker,logistiek-nv,Logistiek NV,transport,900,60,day,,A2,,,"
    "accuracy:2,\n"
)


def test_import_saves_every_vacancy_with_its_profile(world):
    coach = world.users[Role.COACH]
    rows = services.import_vacancies(
        actor=coach, filename="v.csv", content=VACANCIES_CSV.encode()
    )
    assert [r.match_profile.external_id for r in rows] == [
        "mag-1",
        "mag-2",
        "far-1",
        "long-1",
    ]
    profile = VacancyProfile.objects.get(external_id="mag-2")
    assert profile.vacancy.title == "Orderpicker"
    assert float(profile.vacancy.hours_per_week) == 37.0
    assert profile.vacancy.employer.name == "Logistiek NV"
    assert profile.requirements == [
        {"competence": "cooperation", "required": 3, "weight": 2.0},
        {"competence": "accuracy", "required": 2, "weight": 1.0},
    ]
    assert profile.shifts == ["day"]
    assert profile.language_level == "A2"
    # Re-importing updates, it does not duplicate.
    services.import_vacancies(
        actor=coach, filename="v.csv", content=VACANCIES_CSV.encode()
    )
    assert VacancyProfile.objects.count() == 4
    assert Organisation.objects.filter(external_id="logistiek-nv").count() == 1


def test_one_bad_row_saves_nothing_and_names_line_and_field(world):
    before = Vacancy.objects.count()
    with pytest.raises(VacancyImportError) as caught:
        services.import_vacancies(
            actor=world.users[Role.COACH],
            filename="v.csv",
            content=BROKEN_CSV.encode(),
        )
    assert caught.value.messages("nl") == [
        "v.csv:3: postcode: '900' is geen Belgische postcode (4 cijfers)",
        "v.csv:3: hours: 60 uur per week ligt niet tussen 0 en 50",
    ]
    assert Vacancy.objects.count() == before
    assert not VacancyProfile.objects.exists()


def test_type_and_size_are_checked(world):
    coach = world.users[Role.COACH]
    with pytest.raises(VacancyImportError) as caught:
        services.import_vacancies(actor=coach, filename="v.xlsx", content=b"x")
    assert caught.value.messages("en") == ["v.xlsx: bestand: only .csv or .json files"]
    big = b" " * (services.MAX_IMPORT_BYTES + 1)
    with pytest.raises(VacancyImportError):
        services.import_vacancies(actor=coach, filename="v.csv", content=big)


def test_json_import(world):
    data = {
        "vacancies": [
            {
                "id": "json-1",
                "title": "Keukenhulp",
                "employer": {"id": "resto", "name": "Resto"},
                "sector": "horeca",
                "postcode": "2000",
                "hours": 20,
                "requirements": [{"competence": "accuracy", "required": 2}],
            }
        ]
    }
    rows = services.import_vacancies(
        actor=world.users[Role.ORG_ADMIN],
        filename="v.json",
        content=json.dumps(data).encode(),
    )
    assert rows[0].match_profile.external_id == "json-1"
    assert rows[0].postcode == "2000"


@pytest.mark.parametrize(
    "role",
    [Role.ANALYST, Role.EMPLOYER_CONTACT, Role.TARGET_WORKER, Role.FLOOR_SUPERVISOR],
)
def test_import_denied(world, role):
    user = world.users[role]
    with pytest.raises(PermissionDenied):
        services.import_vacancies(
            actor=user, filename="v.csv", content=VACANCIES_CSV.encode()
        )
    assert (
        logged_in_client(user).get("/matching/vacatures/importeren/").status_code == 403
    )


def test_import_page_lists_problems_in_dutch(world):
    client = logged_in_client(world.users[Role.COACH])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/matching/vacatures/importeren/",
        {"file": SimpleUploadedFile("v.csv", BROKEN_CSV.encode(), "text/csv")},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "v.csv:3: postcode: &#x27;900&#x27; is geen Belgische postcode" in text
    assert "v.csv:3: hours: 60 uur per week ligt niet tussen 0 en 50" in text
    assert not Vacancy.objects.filter(title="Orderpicker").exists()
    ok = client.post(
        "/matching/vacatures/importeren/",
        {"file": SimpleUploadedFile("v.csv", VACANCIES_CSV.encode(), "text/csv")},
    )
    assert ok.status_code == 302
    assert VacancyProfile.objects.count() == 4
