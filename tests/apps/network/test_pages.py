"""Pages: who gets in, another organisation's rows give 404, forms refuse with
Dutch errors and save nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.network import services
from doorstroom.apps.network.models import ActionItem, Contact, Partner, ReadinessRound
from doorstroom.apps.web.context_processors import navigation
from tests.apps.factories import logged_in_client

from .answers import ANSWERS


@pytest.fixture
def home_data(world):
    coach = world.users[Role.COACH]
    partner = services.create_partner(
        actor=coach,
        name="Stad Mechelen",
        kind="lokaal_bestuur",
        employment_target_percent=2,
    )
    readiness_round = services.submit_readiness_round(
        actor=coach, answers=ANSWERS, filled_on=timezone.localdate()
    )
    item = services.add_action(
        actor=coach,
        readiness_round=readiness_round,
        statement_id="coach_vorming",
        action="Vorming plannen",
        owner="Hilde",
        due_on=timezone.localdate() - timedelta(days=1),
    )
    return partner, readiness_round, item


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.COACH, 200),
        (Role.ORG_ADMIN, 200),
        (Role.FLOOR_SUPERVISOR, 403),
        (Role.TARGET_WORKER, 403),
        (Role.VDAB_EVALUATOR, 403),
        (Role.EMPLOYER_CONTACT, 403),
        (Role.ANALYST, 403),
    ],
)
def test_network_pages_for_coaches_and_administrators_only(world, role, status):
    client = logged_in_client(world.users[role])
    for url in ("/netwerk/", "/netwerk/doorstroomklaar/", "/netwerk/partners/nieuw/"):
        assert client.get(url).status_code == status, url
    # the menu item (the context processor the base template reads)
    request = RequestFactory().get("/")
    request.user = world.users[role]
    assert navigation(request)["nav"]["network"] is (status == 200)
    if status == 200:
        menu = client.get("/netwerk/").content.decode()
        assert '<li><a href="/netwerk/">Netwerk</a></li>' in menu


def test_overview_shows_partners_score_and_overdue_actions(world, home_data):
    body = logged_in_client(world.users[Role.ORG_ADMIN]).get("/netwerk/").content
    text = body.decode()
    assert "Stad Mechelen" in text
    assert "<strong>59%</strong>" in text
    assert "Acties uit het actieplan over tijd: 1." in text


def test_another_organisation_gets_404_and_sees_nothing(world, home_data):
    partner, readiness_round, item = home_data
    client = logged_in_client(world.users["partner_coach"])
    for url in (
        f"/netwerk/partners/{partner.pk}/",
        f"/netwerk/partners/{partner.pk}/wijzigen/",
        f"/netwerk/doorstroomklaar/{readiness_round.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/netwerk/partners/{partner.pk}/",
        {"kind": "leertafel", "date": "2026-01-05", "who": "Indringer"},
    )
    assert response.status_code == 404
    assert client.post(f"/netwerk/acties/{item.pk}/klaar/").status_code == 404
    overview = client.get("/netwerk/").content.decode()
    assert "Stad Mechelen" not in overview
    assert "Nog geen zelfevaluatie ingevuld." in overview
    assert not Contact.objects.exists()
    item.refresh_from_db()
    assert item.done is False


def test_partner_form_errors_in_dutch_and_nothing_saved(world):
    client = logged_in_client(world.users[Role.COACH])
    response = client.post(
        "/netwerk/partners/nieuw/",
        {"name": "x" * 201, "kind": "nec_werkgever", "contact_email": "geen-adres"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "niet meer dan 200 tekens" in text
    assert "geldig e-mailadres" in text
    response = client.post(
        "/netwerk/partners/nieuw/",
        {
            "name": "Logistiek NV",
            "kind": "nec_werkgever",
            "employment_target_percent": "2",
        },
    )
    assert (
        "Een streefcijfer geldt enkel voor een lokaal bestuur."
        in response.content.decode()
    )
    assert not Partner.objects.exists()
    response = client.post(
        "/netwerk/partners/nieuw/",
        {"name": "Logistiek NV", "kind": "nec_werkgever", "municipality": "Mechelen"},
    )
    partner = Partner.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/netwerk/partners/{partner.pk}/"


def test_contact_is_logged_on_the_partner_page(world, home_data):
    partner = home_data[0]
    client = logged_in_client(world.users[Role.COACH])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(
        f"/netwerk/partners/{partner.pk}/",
        {"kind": "leertafel", "date": future, "who": "Sofie"},
    )
    assert (
        "Een contact in het logboek ligt niet in de toekomst."
        in response.content.decode()
    )
    assert not Contact.objects.exists()
    response = client.post(
        f"/netwerk/partners/{partner.pk}/",
        {
            "kind": "leertafel",
            "date": "2026-01-05",
            "who": "Sofie en de dienst werk",
            "follow_up": "Stageplaatsen groendienst",
        },
        follow=True,
    )
    text = response.content.decode()
    assert "Contact genoteerd." in text
    assert "Sofie en de dienst werk" in text
    assert "05/01/2026" in text
    assert Contact.objects.get().partner == partner


def _form(answers: dict[str, str], filled_on: str) -> dict[str, str]:
    return {"filled_on": filled_on, **{f"s_{k}": v for k, v in answers.items()}}


def test_readiness_form_missing_answer_refused_then_scored(world):
    client = logged_in_client(world.users[Role.COACH])
    incomplete = dict(ANSWERS)
    del incomplete["coach_vorming"]
    response = client.post(
        "/netwerk/doorstroomklaar/invullen/", _form(incomplete, "2026-03-10")
    )
    text = response.content.decode()
    assert "Kies een antwoord bij deze stelling." in text
    assert "Niet bewaard" in text
    assert not ReadinessRound.objects.exists()

    response = client.post(
        "/netwerk/doorstroomklaar/invullen/", _form(ANSWERS, "2026-03-10"), follow=True
    )
    text = response.content.decode()
    assert '<p class="kpi" id="overall-score">59%</p>' in text
    assert "Visie en beleid: 50%" in text
    assert "Doorstroomcoach en vorming: 0%" in text
    assert "Communicatie en netwerk met het bedrijfsleven: 67%" in text
    assert text.count("(werkpunt)") == 6


def test_action_plan_from_a_round_and_overdue_on_the_plan(world, home_data):
    _partner, readiness_round, item = home_data
    client = logged_in_client(world.users[Role.COACH])
    url = f"/netwerk/doorstroomklaar/{readiness_round.pk}/"
    response = client.post(
        url,
        {
            "statement_id": "werking_methodieken",
            "action": "x",
            "owner": "y",
            "due_on": "2026-05-01",
        },
    )
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert ActionItem.objects.count() == 1
    response = client.post(
        url,
        {
            "statement_id": "netwerk_commercieel",
            "action": "Folder voor werkgevers",
            "owner": "Sofie",
            "due_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    plan = client.get("/netwerk/doorstroomklaar/").content.decode()
    assert plan.count("Over tijd") == 1  # the action due yesterday
    assert "Folder voor werkgevers" in plan
    client.post(f"/netwerk/acties/{item.pk}/klaar/", {"done": "1"})
    item.refresh_from_db()
    assert item.done and item.done_on == timezone.localdate()
    assert "Over tijd" not in client.get("/netwerk/doorstroomklaar/").content.decode()
    assert isinstance(item.due_on, date)
