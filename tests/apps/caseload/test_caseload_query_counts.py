"""The caseload and reminders pages run a constant number of queries, however
many persons, case files, advices and dossiers there are (pattern of
tests/apps/web/test_query_counts.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.casefiles import services
from tests.apps.factories import (
    AdviceFactory,
    EmploymentSpellFactory,
    PersonFactory,
    TrajectoryFactory,
    WopDossierFactory,
    logged_in_client,
)
from tests.apps.web.test_query_counts import queries


def grow(world, n):
    coach = world.users[Role.COACH]
    for i in range(n):
        person = PersonFactory(organisation=world.home)
        WopDossierFactory(person=person, instrument="LDE" if i % 2 else "CM")
        EmploymentSpellFactory(person=person)
        TrajectoryFactory(person=person)
        AdviceFactory(person=person, date=dt.date(2026, 1, 5), result="doorstroomklaar")
        case_file = services.open_case_file(
            actor=coach,
            person=person,
            type_id="doorstroom_sec_nec",
            started_on=dt.date(2026, 1, 1),
        )
        services.register_step(
            actor=coach,
            case_file=case_file,
            phase="competentiemeting",
            step="pop_pdp",
            on=dt.date(2025, 1, 1 + i % 20),
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/personen/",
        "/personen/?sort=-achterstand&achterstand=on",
        "/personen/?sort=fase&q=a",
        "/personen/?personen=alle",
        "/personen/?personen=alle&sort=-achterstand",
        "/herinneringen/",
        "/beheer/caseload/",
    ],
)
def test_caseload_pages_do_not_grow_with_the_caseload(world, url):
    role = Role.ORG_ADMIN if url.startswith("/beheer/") else Role.COACH
    client = logged_in_client(world.users[role])
    grow(world, 3)
    queries(client, url)  # warm up: session, chain head, translations
    small = queries(client, url)
    grow(world, 30)
    assert queries(client, url) == small


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/personen/?personen=alle", "/personen/?personen=alle&sort=-naam&q=e"]
)
def test_all_persons_paged_in_sql_do_not_grow(world, url, monkeypatch):
    """The "all persons" table of a large organisation, paged in SQL."""
    from doorstroom.apps.casefiles import caseload

    monkeypatch.setattr(caseload, "FULL_TABLE_LIMIT", 0)
    client = logged_in_client(world.users[Role.COACH])
    grow(world, 3)
    queries(client, url)  # warm up
    small = queries(client, url)
    grow(world, 30)
    assert queries(client, url) == small
    # the counts still cover all persons of the organisation (2 + 33 grown)
    assert 'id="count-persons">35<' in client.get(url).content.decode()


@pytest.mark.django_db
def test_reminder_facts_batch_is_five_queries(world, django_assert_num_queries):
    grow(world, 12)
    persons = list(world.home.persons.all())
    with django_assert_num_queries(5):
        facts = services.reminder_facts_for(persons, dt.date(2026, 6, 1))
    assert len(facts) == len(persons)
    one = facts[persons[-1].pk]
    assert one == services.reminder_facts(persons[-1], dt.date(2026, 6, 1))
