"""Coach and werkvloerbegeleider rate, the worker self-assesses with pictograms,
and the coach sees the overlay chart and the proposed POP."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services
from tests.apps.factories import (
    PASSWORD,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser


def log_in(page, base_url, username):
    page.goto(f"{base_url}/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()


def log_out(page):
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_load_state()


def rate(page, levels: dict[str, str]):
    for name, label in levels.items():
        page.get_by_role("group", name=name, exact=True).get_by_label(
            "Niveau"
        ).select_option(label=label)


@pytest.mark.django_db(transaction=True)
def test_raters_self_assessment_chart_and_pop(live_server, page):
    home = OrganisationFactory(name="Maatwerk Mechelen")
    coach = UserFactory(username="coach-sofie", role=Role.COACH, organisation=home)
    UserFactory(
        username="begeleider-tom", role=Role.FLOOR_SUPERVISOR, organisation=home
    )
    worker_user = UserFactory(
        username="jan", role=Role.TARGET_WORKER, organisation=home
    )
    jan = PersonFactory(
        organisation=home, first_name="Jan", last_name="Janssens", user=worker_user
    )
    framework = next(
        r for r in services.ensure_builtin_frameworks() if r.framework_id == "sw_lde"
    )
    profile = services.save_job_profile(
        actor=coach,
        name="Magazijnmedewerker",
        framework=framework,
        requirements=[
            {"competence": "cooperation", "required": 3, "weight": 2, "cutoff": 2},
            {"competence": "initiative", "required": 3, "weight": 1},
            {"competence": "motivation", "required": 3, "weight": 1},
        ],
    )
    errors: list[str] = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )
    base = live_server.url

    # the coach starts a round and rates
    log_in(page, base, "coach-sofie")
    page.goto(f"{base}/competenties/personen/{jan.pk}/")
    page.get_by_label("Kader").select_option(label=str(framework))
    page.get_by_role("button", name="Nieuwe meting starten").click()
    page.wait_for_url("**/competenties/metingen/*/")
    round_url = page.url
    rate(
        page,
        {
            "Samenwerken": "1 · Onvoldoende",
            "Initiatief": "2 · Matig",
            "Motivatie": "3 · Goed",
        },
    )
    page.get_by_role("button", name="Bewaar mijn beoordeling").click()
    page.get_by_text("Je beoordeling is bewaard.").wait_for()
    log_out(page)

    # the werkvloerbegeleider rates the same round
    log_in(page, base, "begeleider-tom")
    page.goto(round_url)
    rate(
        page,
        {
            "Samenwerken": "2 · Matig",
            "Initiatief": "2 · Matig",
            "Motivatie": "4 · Zeer goed",
        },
    )
    page.get_by_role("button", name="Bewaar mijn beoordeling").click()
    page.get_by_text("Je beoordeling is bewaard.").wait_for()
    log_out(page)

    # Jan fills in his self-assessment by clicking pictograms
    log_in(page, base, "jan")
    page.goto(f"{base}/mijn-competenties/")
    page.get_by_role("link", name="Vul in").first.click()
    page.wait_for_url("**/mijn-competenties/metingen/*/")
    page.get_by_role("group", name="Samenwerken", exact=True).get_by_text(
        "Heel goed"
    ).click()
    page.get_by_role("group", name="Initiatief", exact=True).get_by_text("Soms").click()
    assert (
        page.get_by_role("group", name="Samenwerken", exact=True)
        .get_by_label("Heel goed")
        .is_checked()
    )
    page.get_by_role("button", name="Klaar, bewaar mijn antwoorden").click()
    page.get_by_text("Bedankt! Je antwoorden zijn bewaard.").wait_for()
    log_out(page)

    # the coach sees self against others, the overlay chart and the proposed POP
    log_in(page, base, "coach-sofie")
    page.goto(round_url)
    assert page.get_by_text("Schat zichzelf hoger in dan de anderen").first.is_visible()
    page.goto(
        f"{base}/competenties/personen/{jan.pk}/afstand/?job_profile={profile.pk}"
    )
    page.locator("#radar-chart svg.main-svg").first.wait_for()
    assert page.locator("#radar-chart .scatterlayer, #radar-chart .polarlayer").count()
    assert page.locator("#growth-chart svg.main-svg").count() >= 1
    proposal = page.locator("#proposed-pop tbody tr")
    assert proposal.count() == 2  # cooperation (blocking) and initiative
    assert "Samenwerken" in proposal.first.inner_text()
    assert "blokkeert" in proposal.first.inner_text()
    assert not [e for e in errors if "violates" in e or "Security Policy" in e], errors
