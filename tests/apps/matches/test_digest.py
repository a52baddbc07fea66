from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.matches import digest
from doorstroom.apps.placements.models import Vacancy
from tests.apps.factories import logged_in_client


def test_week_start_is_monday():
    assert digest.week_start(dt.date(2026, 11, 26)) == dt.date(2026, 11, 23)
    assert digest.week_start(dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)


def test_coach_digest_lists_new_vacancies_with_top_candidates(world, matching):
    # An older vacancy is not new this week.
    Vacancy.objects.filter(pk=matching["mag-2"].pk).update(
        open_from=timezone.localdate() - dt.timedelta(days=14)
    )
    result = digest.weekly_digest(actor=world.users[Role.COACH])
    titles = sorted(e.vacancy.title for e in result.entries)
    assert titles == ["Chauffeur", "Magazijnmedewerker", "Schoonmaker"]
    mag = next(e for e in result.entries if e.vacancy.title == "Magazijnmedewerker")
    assert [c.person for c in mag.candidates] == [
        world.own_person,
        world.worker_person,
    ]
    far = next(e for e in result.entries if e.vacancy.title == "Schoonmaker")
    assert far.candidates == []  # Brugge is too far from Mechelen


def test_worker_digest_is_their_own(world, matching):
    result = digest.weekly_digest(actor=world.users[Role.TARGET_WORKER])
    assert result.for_worker
    assert {m.person for m in result.matches} == {world.worker_person}
    assert [m.vacancy.title for m in result.matches] == [
        "Magazijnmedewerker",
        "Orderpicker",
    ]


@pytest.mark.parametrize("role", [Role.COACH, Role.TARGET_WORKER])
def test_digest_pdf_opens(world, matching, role):
    client = logged_in_client(world.users[role])
    page = client.get("/matching/week/")
    assert page.status_code == 200
    response = client.get("/matching/week.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Vacatures van de week" in text
    assert "Magazijnmedewerker" in text
    if role == Role.COACH:
        assert "Eigen Persoon" in text
    else:
        assert "Eigen Persoon" not in text


@pytest.mark.parametrize(
    "role", [Role.ANALYST, Role.EMPLOYER_CONTACT, Role.VDAB_EVALUATOR]
)
def test_digest_denied(world, matching, role):
    client = logged_in_client(world.users[role])
    assert client.get("/matching/week/").status_code == 403
    assert client.get("/matching/week.pdf").status_code == 403
