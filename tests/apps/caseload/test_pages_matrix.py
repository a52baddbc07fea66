"""The new pages against every role (the style of tests/apps/test_permission_matrix.py;
expectations written out by hand)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.web.context_processors import navigation
from tests.apps.factories import logged_in_client
from tests.apps.test_permission_matrix import USERS

#: Which users get 200 (everyone else 403).
PAGES = {
    "/beheer/caseload/": {Role.ORG_ADMIN},
    "/uitkomsten/toeleiding/": {Role.ORG_ADMIN, Role.ANALYST},
    # a partner's coach is a coach: reminders for their own organisation's persons
    "/herinneringen/": {
        Role.COACH,
        Role.FLOOR_SUPERVISOR,
        Role.ORG_ADMIN,
        "partner_coach",
    },
    "/personen/?sort=-achterstand&achterstand=on": {
        Role.COACH,
        Role.FLOOR_SUPERVISOR,
        Role.ORG_ADMIN,
        Role.VDAB_EVALUATOR,
        "partner_coach",
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
@pytest.mark.parametrize("path", list(PAGES))
def test_pages(world, user_key, path):
    response = logged_in_client(world.users[user_key]).get(path)
    assert response.status_code == (200 if user_key in PAGES[path] else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("user_key", USERS)
def test_menu_links(world, user_key):
    request = RequestFactory().get("/")
    request.user = world.users[user_key]
    assert navigation(request)["nav"]["outcomes"] == (
        user_key in PAGES["/uitkomsten/toeleiding/"]
    )
