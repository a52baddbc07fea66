"""A coach opens a worker, sees the ranked vacancies with reasons, opens the
jobcarving proposal and records a decision that then shows on the page."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.assessments import services as assessment_services
from doorstroom.apps.matches import services
from tests.apps.factories import (
    PASSWORD,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

HEADER = (
    "id,title,employer_id,employer_name,sector,postcode,hours,shifts,"
    "physical_demands,language_level,reachable_by,profile,requirements,tasks\n"
)
VACANCIES = HEADER + (
    "mag-1,Magazijnmedewerker,logistiek-nv,Logistiek NV,transport,2800,30,day,,A2,,,"
    "accuracy:2|motivation:3,\n"
    "carve-1,Magazijnier,logistiek-nv,Logistiek NV,transport,2800,30,day,,A2,,,"
    "cooperation:3:2:2|accuracy:2|motivation:3,"
    "pick:0.4:cooperation:Orders samen klaarzetten|"
    "scan:0.6:accuracy:Goederen scannen en controleren\n"
)


def log_in(page, base_url, username):
    page.goto(f"{base_url}/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_coach_ranks_carves_and_decides(live_server, page):
    home = OrganisationFactory(name="Maatwerk Mechelen")
    coach = UserFactory(username="coach-sofie", role=Role.COACH, organisation=home)
    supervisor = UserFactory(
        username="begeleider-tom", role=Role.FLOOR_SUPERVISOR, organisation=home
    )
    jan = PersonFactory(organisation=home, first_name="Jan", last_name="Janssens")
    framework = next(
        r
        for r in assessment_services.ensure_builtin_frameworks()
        if r.framework_id == "sw_lde"
    )
    round_row = assessment_services.start_round(
        actor=coach, person=jan, framework=framework, held_on=dt.date(2026, 3, 2)
    )
    levels = {"cooperation": 1, "initiative": 2, "motivation": 4, "accuracy": 3}
    for rater in (coach, supervisor):
        assessment_services.save_ratings(
            actor=rater,
            round_row=round_row,
            ratings={c: {"level": v} for c, v in levels.items()},
        )
    rows = services.import_vacancies(
        actor=coach, filename="vacatures.csv", content=VACANCIES.encode()
    )
    by_id = {r.match_profile.external_id: r for r in rows}
    errors: list[str] = []  # CSP refusals and script errors
    page.on(
        "console",
        lambda msg: (
            errors.append(msg.text)
            if msg.type == "error"
            and not msg.text.startswith("Failed to load resource")
            else None
        ),
    )
    failed: list[str] = []  # 4xx/5xx answers, except the browser's favicon probe
    page.on(
        "response",
        lambda r: (
            failed.append(r.url)
            if r.status >= 400 and not r.url.endswith("/favicon.ico")
            else None
        ),
    )
    base = live_server.url

    # the coach opens Jan's file and follows the link to the ranked vacancies
    log_in(page, base, "coach-sofie")
    page.goto(f"{base}/personen/{jan.pk}/")
    page.get_by_role("link", name="Passende vacatures").click()
    page.wait_for_url(f"{base}/matching/personen/{jan.pk}/")
    ranked = page.locator("#ranked-vacancies > li")
    assert ranked.count() == 2
    first, second = ranked.nth(0), ranked.nth(1)
    assert "Magazijnmedewerker" in first.locator("h2").inner_text()
    assert "100%" in first.locator(".fit").inner_text()
    assert (
        "Voldoet al aan wat de job vraagt voor"
        in first.locator(".reasons").inner_text()
    )
    assert first.get_by_role("link", name="Jobcarving bekijken").count() == 0

    # the second one almost fits: the jobcarving proposal
    assert "Magazijnier" in second.locator("h2").inner_text()
    second.get_by_role("link", name="Jobcarving bekijken").click()
    page.wait_for_url(
        f"{base}/matching/personen/{jan.pk}/jobcarving/{by_id['carve-1'].pk}/"
    )
    assert "Orders samen klaarzetten" in page.locator("#blocking-tasks").inner_text()
    assert "Goederen scannen en controleren" in page.locator("#kept-tasks").inner_text()
    assert "Samenwerken" in page.locator("#blocking").inner_text()
    assert page.get_by_role("button", name="Afdrukken").is_visible()

    # back to the list; the coach records an invitation for the first vacancy
    page.get_by_role("link", name="Passende vacatures voor").click()
    page.wait_for_url(f"{base}/matching/personen/{jan.pk}/")
    row = page.locator(f'#ranked-vacancies > li[data-vacancy="{by_id["mag-1"].pk}"]')
    row.locator('select[name="status"]').select_option(label="Uitgenodigd")
    row.get_by_role("button", name="Beslissing bewaren").click()
    page.wait_for_load_state()
    assert page.get_by_text("Beslissing bewaard.").is_visible()
    decisions = page.locator("table.list tbody tr")
    assert decisions.count() == 1
    text = decisions.first.inner_text()
    assert "Magazijnmedewerker" in text and "Uitgenodigd" in text
    assert errors == []
    assert failed == []
