"""The worker's self-assessment and the comparison the coach sees."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import models as m
from tests.apps.factories import logged_in_client

pytestmark = pytest.mark.django_db


def test_worker_self_assesses_in_plain_language(world, competences):
    client = logged_in_client(world.users[Role.TARGET_WORKER])
    url = f"/mijn-competenties/metingen/{competences.worker_round.pk}/"
    page = client.get(url).content.decode()
    for label in ["Dat lukt nog niet", "Soms", "Goed", "Heel goed"]:
        assert f"<span>{label}</span>" in page
    assert "assessments/level-1.svg" in page
    # the coach's rating is not shown to the worker
    assert "Doorstroomcoach" not in page.split("<main")[1]
    response = client.post(url, {"level_cooperation": "4", "level_initiative": "ng"})
    assert response.status_code == 302
    sheet = m.RaterSheet.objects.get(round=competences.worker_round, role="self")
    assert {r.competence_id: r.level for r in sheet.ratings.all()} == {
        "cooperation": 4,
        "initiative": None,
    }


def test_coach_sees_self_against_others_and_agreement(world, competences):
    worker = logged_in_client(world.users[Role.TARGET_WORKER])
    worker.post(
        f"/mijn-competenties/metingen/{competences.worker_round.pk}/",
        {"level_cooperation": "4"},
    )
    coach = logged_in_client(world.users[Role.COACH])
    page = coach.get(f"/competenties/metingen/{competences.worker_round.pk}/")
    text = page.content.decode()
    # self 4, coach 2: a difference of 2 levels
    assert "Schat zichzelf hoger in dan de anderen (2 niveau hoger)" in text
    # the coach's own round with two raters gets a kappa reading
    text = coach.get(f"/competenties/metingen/{competences.round.pk}/").content.decode()
    assert "gewogen kappa" in text


def test_coach_rates_with_a_starr_note(world, competences):
    client = logged_in_client(world.users[Role.COACH])
    url = f"/competenties/metingen/{competences.round.pk}/"
    response = client.post(
        url,
        {
            "level_cooperation": "2",
            "situation_cooperation": "Drukke ochtend in het magazijn",
            "result_cooperation": "Vroeg hulp aan een collega",
            "level_motivation": "ng",
        },
    )
    assert response.status_code == 302
    sheet = m.RaterSheet.objects.get(
        round=competences.round, rater=world.users[Role.COACH]
    )
    assert sheet.role == "coach"
    rows = {r.competence_id: r for r in sheet.ratings.all()}
    assert set(rows) == {"cooperation", "motivation"}  # replaced, not added
    assert rows["cooperation"].situation == "Drukke ochtend in het magazijn"
    assert rows["motivation"].level is None
