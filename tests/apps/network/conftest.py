from __future__ import annotations

import pytest

from doorstroom.apps.accounts.models import Role
from tests.apps.factories import OrganisationFactory, UserFactory


@pytest.fixture
def other_coach(world):
    """A coach of another maatwerkbedrijf (``world.other``)."""
    return UserFactory(
        username="coach-brugge", role=Role.COACH, organisation=world.other
    )


@pytest.fixture
def third_org_admin(db):
    return UserFactory(
        username="beheerder-gent",
        role=Role.ORG_ADMIN,
        organisation=OrganisationFactory(name="Maatwerk Gent"),
    )
