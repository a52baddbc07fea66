from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles.models import StepRecord
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


@pytest.mark.django_db(transaction=True)
def test_coach_registers_intake_and_a_bvs_with_the_rules(live_server, page):
    home = OrganisationFactory(name="Maatwerk Mechelen")
    OrganisationFactory(nec=True, name="Logistiek NV")
    UserFactory(username="coach-sofie", role=Role.COACH, organisation=home)
    person = PersonFactory(organisation=home, first_name="Jan", last_name="Janssens")
    errors = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )

    log_in(page, live_server.url, "coach-sofie")
    page.wait_for_url(f"{live_server.url}/personen/")
    page.goto(f"{live_server.url}/personen/{person.pk}/traject/")
    assert page.get_by_role("heading", name="Traject van Jan Janssens").is_visible()

    # open a doorstroom case file
    page.get_by_label("Soort traject").select_option("doorstroom_sec_nec")
    page.get_by_label("Startdatum").fill("2026-03-02")
    page.get_by_role("button", name="Open traject").click()
    page.get_by_text("Traject geopend.").wait_for()

    # register intake 1 and intake 2 with htmx: the timeline updates in place
    for step, result in (
        ("voortraject:intake_1", "Engagementsverklaring getekend"),
        ("voortraject:intake_2_screening", "Screening door twee coaches"),
    ):
        page.get_by_text("Stap registreren").first.click()
        form = page.locator("form[hx-post]")
        form.locator("select[name$='-step']").select_option(step)
        form.locator("input[name$='-on']").fill("2026-03-03")
        form.get_by_label("Resultaat").fill(result)
        page.get_by_role("button", name="Registreer stap").click()
        page.locator("table.timeline").get_by_text(result).wait_for()
    rows = page.locator("table.timeline tbody tr")
    assert rows.count() == 2
    assert "Intake 1: intakegesprek" in rows.nth(0).inner_text()
    assert "Intake 2: screening (twee coaches)" in rows.nth(1).inner_text()
    assert StepRecord.objects.filter(case_file__person=person).count() == 2

    # a BVS of 6 full days is refused, with the guide's rule next to the field
    page.get_by_role("link", name="Stage registreren").click()
    page.get_by_label("Soort stage").select_option("BVS")
    page.get_by_label("Stagebedrijf").select_option(label="Logistiek NV")
    page.get_by_label("Startdatum").fill("2026-04-06")
    page.get_by_label("Einddatum").fill("2026-04-13")
    page.get_by_label("Voltijdse werkdagen").fill("6")
    page.get_by_label("Werkpost").fill("Orderpicking")
    page.get_by_label("Programma").fill("Rondleiding, meekijken bij orderpicking.")
    page.get_by_role("button", name="Bewaar stage").click()
    explanation = page.get_by_text("hoogstens 5 voltijdse of 10 halftijdse werkdagen")
    explanation.wait_for()
    days = page.get_by_label("Voltijdse werkdagen")
    described = days.get_attribute("aria-describedby") or ""
    assert "id_full_days_error" in described

    # fixed to 4 days: saved, and the agreement downloads as a PDF
    days.fill("4")
    page.get_by_role("button", name="Bewaar stage").click()
    page.get_by_text("Stage bewaard.").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="Stageovereenkomst (pdf)").click()
    download = info.value
    assert download.suggested_filename.startswith("stageovereenkomst-")
    with open(download.path(), "rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Overeenkomst beroepsverkennende stage (BVS)" in text
    assert "Jan Janssens" in text and "Logistiek NV" in text
    assert "4 voltijdse en 0 halftijdse werkdagen" in text
    assert not [e for e in errors if "Content Security Policy" in e], errors
