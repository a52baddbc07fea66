"""The one-person checks decide the own organisation's persons from the row itself
(issue 8: no visibility query on every page). They must give exactly what the
queryset rules give, for every user and every person, erased ones included."""

from __future__ import annotations

import pytest
from django.utils import timezone

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles import permissions as casefile_permissions
from doorstroom.apps.matches import permissions as match_permissions
from doorstroom.apps.target_workers.models import Person
from tests.apps.factories import ConsentFactory, PersonFactory, UserFactory


@pytest.fixture
def everyone(world):
    """The world's persons plus an erased own person, a person of another
    organisation with a matching consent to ``home``, and inactive users."""
    PersonFactory(
        organisation=world.home, first_name="Gewist", erased_at=timezone.now()
    )
    matched = PersonFactory(organisation=world.other, first_name="Gematcht")
    ConsentFactory(person=matched, organisation=world.home, purpose="matching")
    users = list(world.users.values()) + [
        UserFactory(
            username="inactief",
            role=Role.COACH,
            organisation=world.home,
            is_active=False,
        ),
        UserFactory(username="zonder-org", role=Role.COACH, organisation=None),
    ]
    return users, list(Person.objects.all())


def test_one_person_checks_agree_with_the_querysets(everyone):
    users, persons = everyone
    checked = 0
    for user in users:
        visible = set(policies.persons_visible_to(user).values_list("pk", flat=True))
        readable = set(
            casefile_permissions.persons_with_readable_case_files(user).values_list(
                "pk", flat=True
            )
        )
        matchable = set(
            match_permissions.persons_for_matching(user).values_list("pk", flat=True)
        )
        for person in persons:
            found = policies.visible_person(user, person.pk)
            assert (found is not None) == (person.pk in visible), (user, person)
            assert policies.can_view_person(user, person) == (person.pk in visible)
            assert casefile_permissions.can_read_case_files(user, person) == (
                person.pk in readable
            ), (user, person)
            assert match_permissions.can_match_person(user, person) == (
                person.pk in matchable
            ), (user, person)
            checked += 1
    assert checked == len(users) * len(persons) > 50


def test_the_own_organisation_costs_one_look_up(world, django_assert_num_queries):
    coach = world.users[Role.COACH]
    with django_assert_num_queries(1):
        assert policies.visible_person(coach, world.own_person.pk) is not None
    with django_assert_num_queries(0):
        assert casefile_permissions.can_read_case_files(coach, world.own_person)
        assert match_permissions.can_match_person(coach, world.own_person)


def test_an_unknown_person_is_none(world):
    assert policies.visible_person(world.users[Role.COACH], 10**9) is None
