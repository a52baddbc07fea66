"""The vacancy file upload (page and API) checks name, type by content and size,
with Dutch messages on the page and English ones in the API; nothing is saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.matches import services
from doorstroom.apps.placements.models import Vacancy
from tests.apps.factories import logged_in_client

PAGE = "/matching/vacatures/importeren/"
API = "/api/vacancy-imports/"
XLSX = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40

#: (file name, content, Dutch page message, English API message)
REFUSED = [
    (
        "vacatures.csv",
        XLSX,
        "geen tekstbestand maar een Excel- of ZIP-bestand: bewaar het als CSV "
        "(UTF-8) of JSON",
        "not a text file but an Excel or ZIP file: save it as CSV (UTF-8) or JSON",
    ),
    (
        "vacatures.json",
        b"%PDF-1.7\n1 0 obj",
        "geen tekstbestand maar een PDF: bewaar het als CSV (UTF-8) of JSON",
        "not a text file but a PDF: save it as CSV (UTF-8) or JSON",
    ),
    (
        "vacatures.csv",
        b"id,title\x00\n",
        "geen tekstbestand (bevat nul-tekens)",
        "not a text file (contains NUL characters)",
    ),
    (
        "vacatures.csv",
        b"id,title\n\xff\xfe",
        "geen UTF-8-tekst",
        "not UTF-8 text",
    ),
    (
        "vacatures.xlsx",
        b"id,title\n",
        "enkel .csv- of .json-bestanden",
        "only .csv or .json files",
    ),
    (
        "vacatures.csv",
        b"a" * (services.MAX_IMPORT_BYTES + 1),
        "bestand groter dan 2 MiB",
        "file larger than 2 MiB",
    ),
]


@pytest.mark.parametrize(("name", "content", "dutch", "english"), REFUSED)
def test_page_refuses_the_file_in_dutch(world, name, content, dutch, english):
    client = logged_in_client(world.users[Role.COACH])
    before = Vacancy.objects.count()
    response = client.post(PAGE, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert response.context["problems"] == [f"{name}: bestand: {dutch}"]
    assert english not in response.content.decode()
    assert Vacancy.objects.count() == before


@pytest.mark.parametrize(("name", "content", "dutch", "english"), REFUSED)
def test_api_refuses_the_file_in_english(world, name, content, dutch, english):
    client = logged_in_client(world.users[Role.COACH])
    before = Vacancy.objects.count()
    response = client.post(API, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert response.json() == {
        "problems": [
            {
                "source": name,
                "line": None,
                "field": "bestand",
                "message_nl": dutch,
                "message_en": english,
            }
        ]
    }
    assert Vacancy.objects.count() == before


def test_file_name_length_and_a_missing_file_are_refused(world):
    client = logged_in_client(world.users[Role.COACH])
    long_name = "v" * 200 + ".csv"
    page = client.post(PAGE, {"file": SimpleUploadedFile(long_name, b"id\n")})
    assert page.status_code == 200
    assert "200" in page.context["form"].errors["file"][0]
    api = client.post(
        API,
        {"file": SimpleUploadedFile(long_name, b"id\n")},
        headers={"accept-language": "en"},
    )
    assert api.status_code == 400
    assert api.json()["code"] == "invalid"
    assert api.json()["detail"] == {
        "file": ["Ensure this filename has at most 200 characters (it has 204)."]
    }
    missing = client.post(API, {}, headers={"accept-language": "en"})
    assert missing.status_code == 400
    assert missing.json()["detail"] == {"file": ["No file was submitted."]}
