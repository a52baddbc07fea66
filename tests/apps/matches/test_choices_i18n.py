"""User-facing choices of matching follow the user's language."""

from __future__ import annotations

from django.utils import translation

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.matches.forms import PreferencesForm
from doorstroom.domain.matching import PhysicalDemand, Shift, TravelMode
from tests.apps.factories import logged_in_client


def labels(field: str) -> dict[str, str]:
    return {code: str(label) for code, label in PreferencesForm().fields[field].choices}


def test_preference_choices_in_dutch_and_english():
    with translation.override("nl"):
        assert labels("shifts")["night"] == "nachtwerk"
        assert labels("travel_modes")["bike"] == "met de fiets"
        assert labels("physical_limits")["heavy_lifting"] == "zwaar tillen"
        assert str(PreferencesForm().fields["hours_min"].label) == (
            "Minimum uren per week"
        )
    with translation.override("en"):
        assert labels("shifts")["night"] == "night work"
        assert labels("travel_modes")["public_transport"] == "by public transport"
        assert labels("physical_limits")["heights"] == "working at heights"
        assert str(PreferencesForm().fields["hours_min"].label) == (
            "Minimum hours per week"
        )


def test_every_domain_code_has_a_label_equal_to_the_domain_dutch_one():
    with translation.override("nl"):
        for field, enum in (
            ("shifts", Shift),
            ("travel_modes", TravelMode),
            ("physical_limits", PhysicalDemand),
        ):
            assert labels(field) == {m.value: m.label_nl for m in enum}


def test_english_preferences_page(world):
    client = logged_in_client(world.users[Role.COACH])
    client.cookies["django_language"] = "en"
    response = client.get(
        f"/matching/personen/{world.own_person.pk}/voorkeuren/",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "weekend work" in html and "Dutch language level" in html
