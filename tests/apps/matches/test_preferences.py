from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.matches import services
from doorstroom.apps.matches.models import MatchPreferences
from tests.apps.factories import logged_in_client


def test_preferences_page_saves_and_changes_the_ranking(world, matching):
    client = logged_in_client(world.users[Role.COACH])
    url = f"/matching/personen/{world.own_person.pk}/voorkeuren/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "hours_min": "32",
            "hours_max": "40",
            "shifts": ["day"],
            "travel_modes": ["public_transport"],
            "max_travel_minutes": "45",
            "language_level": "B1",
            "wished_sectors": "Transport, ",
            "no_go_sectors": "",
        },
    )
    assert response.status_code == 302
    prefs = MatchPreferences.objects.get(person=world.own_person)
    assert (float(prefs.hours_min), float(prefs.hours_max)) == (32.0, 40.0)
    assert prefs.wished_sectors == ["transport"]
    assert AuditEvent.objects.filter(
        person_id=world.own_person.pk, action="update"
    ).exists()
    rows = services.vacancies_for_person(
        actor=world.users[Role.COACH], person=world.own_person
    )
    assert [r.vacancy.match_profile.external_id for r in rows] == ["mag-2"]


def test_limits_need_agreement_and_valid_hours(world):
    coach = world.users[Role.COACH]
    with pytest.raises(ValidationError):
        services.save_match_preferences(
            actor=coach,
            person=world.own_person,
            values={"physical_limits": ["heavy_lifting"], "limits_agreed": False},
        )
    with pytest.raises(ValidationError):
        services.save_match_preferences(
            actor=coach,
            person=world.own_person,
            values={"hours_min": 30, "hours_max": 20},
        )
    assert not MatchPreferences.objects.exists()


def test_preferences_only_by_own_organisation(world):
    for role in ("partner_coach", Role.ANALYST, Role.TARGET_WORKER):
        with pytest.raises(PermissionDenied):
            services.save_match_preferences(
                actor=world.users[role], person=world.own_person, values={}
            )
