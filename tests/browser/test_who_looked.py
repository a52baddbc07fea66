from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
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
def test_coach_opens_a_file_and_the_worker_sees_it(live_server, page):
    home = OrganisationFactory(name="Maatwerk Mechelen")
    UserFactory(username="coach-sofie", role=Role.COACH, organisation=home)
    worker_user = UserFactory(
        username="jan", role=Role.TARGET_WORKER, organisation=home
    )
    PersonFactory(
        organisation=home, first_name="Jan", last_name="Janssens", user=worker_user
    )

    PersonFactory(organisation=home, first_name="Piet", last_name="Peeters")

    # the coach logs in, searches the caseload (htmx) and opens Jan's file
    log_in(page, live_server.url, "coach-sofie")
    page.wait_for_url(f"{live_server.url}/personen/")
    assert page.get_by_role("link", name="Peeters, Piet").is_visible()
    page.get_by_label("Zoek op naam of gemeente").fill("Janss")
    # htmx replaces the rows as the coach types
    page.get_by_role("link", name="Peeters, Piet").wait_for(state="detached")
    page.get_by_role("link", name="Janssens, Jan").click()
    page.wait_for_url("**/personen/*/")
    assert page.get_by_role("heading", name="Jan Janssens").is_visible()
    page.get_by_role("button", name="Afmelden").click()

    # Jan logs in and sees that the coach looked at his file
    log_in(page, live_server.url, "jan")
    page.wait_for_url(f"{live_server.url}/mijn-dossier/")
    page.get_by_role("link", name="Wie keek naar mijn gegevens?").click()
    rows = page.locator("#access-log tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    assert any("coach-sofie" in t and "Ingekeken" in t for t in texts), texts


@pytest.mark.django_db(transaction=True)
def test_pages_load_no_outside_resources_and_keyboard_reaches_content(
    live_server, page
):
    home = OrganisationFactory()
    UserFactory(username="coach-an", role=Role.COACH, organisation=home)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    errors = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type == "error" else None
    )

    log_in(page, live_server.url, "coach-an")
    page.wait_for_url(f"{live_server.url}/personen/")
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert not [e for e in errors if "Content Security Policy" in e], errors
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent").strip() == "Naar de inhoud"
    )
