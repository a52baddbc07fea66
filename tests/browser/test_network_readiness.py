"""A coach fills in "Organisatie doorstroomklaar?" in Chromium and sees the score."""

from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.network.models import ReadinessRound
from doorstroom.domain.readiness import get_checklist
from tests.apps.factories import PASSWORD, OrganisationFactory, UserFactory
from tests.apps.network.answers import ANSWERS

pytestmark = pytest.mark.browser
LABELS = {
    "akkoord": "Akkoord",
    "gedeeltelijk": "Gedeeltelijk",
    "niet_akkoord": "Niet akkoord",
}


@pytest.mark.django_db(transaction=True)
def test_coach_fills_the_self_assessment_and_sees_the_score(live_server, page):
    home = OrganisationFactory(name="Maatwerk Mechelen")
    UserFactory(username="coach-sofie", role=Role.COACH, organisation=home)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{live_server.url}/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill("coach-sofie")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Netwerk", exact=True).click()
    page.get_by_role("link", name="Zelfevaluatie invullen").first.click()
    assert page.get_by_role("heading", name="Organisatie doorstroomklaar?").is_visible()

    page.get_by_label("Ingevuld op").fill("2026-03-10")
    for statement in get_checklist().statements:
        group = page.get_by_role("group", name=statement.text)
        group.get_by_label(LABELS[ANSWERS[statement.id]], exact=True).check()
    page.get_by_role("button", name="Bereken de score").click()

    page.get_by_text("Zelfevaluatie bewaard.").wait_for()
    assert page.locator("#overall-score").inner_text() == "59%"
    assert page.locator("#overall-reading").inner_text().startswith("Op weg")
    assert page.get_by_role(
        "heading", name="Communicatie en netwerk met het bedrijfsleven: 67%", exact=True
    ).is_visible()
    assert ReadinessRound.objects.get().organisation == home
    assert not [e for e in errors if "Content Security Policy" in e], errors
