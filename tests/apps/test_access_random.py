"""Randomised access check: every user against every person, on every channel.

A seeded generator builds organisations, persons, consents (some withdrawn, some
to be withdrawn later), trajectories, handovers and evaluations linking them, and
users of every role. For each user and person the file page, the API (list,
detail, export) and the caseload search are compared with an oracle written here
from the rules in docs/access.md, independent of ``access.policies``.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from doorstroom.apps.accounts.models import Role
from doorstroom.apps.consents.models import Purpose

from .factories import (
    AdviceFactory,
    ConsentFactory,
    HandoverFactory,
    OrganisationFactory,
    PersonFactory,
    TrajectoryFactory,
    UserFactory,
    logged_in_client,
)

SEED = 20261123
CASE_ROLES = (Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN)
LINK_PURPOSE = {
    "trajectory": Purpose.TRAJECTORY,
    "handover": Purpose.HANDOVER,
    "evaluation": Purpose.EVALUATION,
}
PERSON_LINK = re.compile(r'href="/personen/(\d+)/"')


@dataclass
class Facts:
    """What the oracle knows, kept as plain values while the data is built."""

    person_org: dict[int, int | None] = field(default_factory=dict)
    person_user: dict[int, int] = field(default_factory=dict)
    names: dict[int, tuple[str, str, str, str]] = field(default_factory=dict)
    # (person, organisation, link kind) for open links only
    open_links: set[tuple[int, int, str]] = field(default_factory=set)
    # (person, organisation, purpose) for consents in force now
    consents: set[tuple[int, int, str]] = field(default_factory=set)


def build(rng: random.Random):
    now = timezone.now()
    today = timezone.localdate()
    yesterday, tomorrow = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    homes = [OrganisationFactory(name=f"Maatwerk {i}") for i in range(3)]
    partners = [
        OrganisationFactory(partner=True, name=f"Partner {i}") for i in range(2)
    ]
    vdab = OrganisationFactory(vdab=True, name="VDAB")
    employer = OrganisationFactory(nec=True, name="Werkgever")
    department = OrganisationFactory(department=True, name="Departement")
    followers = homes + partners  # organisations a trajectory or handover may name
    facts = Facts()

    def consent(person, organisation, purpose) -> None:
        state = rng.choice(["open", "withdrawn", "withdrawn later"])
        withdrawn_at = {
            "open": None,
            "withdrawn": now - dt.timedelta(hours=1),
            "withdrawn later": now + dt.timedelta(days=1),
        }[state]
        ConsentFactory(
            person=person,
            organisation=organisation,
            purpose=purpose,
            withdrawn_at=withdrawn_at,
            given_at=now - dt.timedelta(days=2),
        )
        if state != "withdrawn":
            facts.consents.add((person.pk, organisation.pk, purpose))

    last_names = ["Janssens", "Peeters", "Maes", "Willems", "Claes"]
    persons = []
    for i in range(12):
        org = rng.choice(homes + [None]) if i else None
        person = PersonFactory(
            organisation=org,
            first_name=f"Voornaam{i}",
            last_name=rng.choice(last_names),
            municipality=rng.choice(["Gent", "Mechelen", "Hasselt"]),
        )
        persons.append(person)
        facts.person_org[person.pk] = org.pk if org else None
        facts.names[person.pk] = (
            person.first_name,
            person.last_name,
            person.municipality,
            person.external_id,
        )
        for _ in range(rng.randint(0, 2)):
            partner = rng.choice(followers)
            ended = rng.random() < 0.3
            end = (
                rng.choice([yesterday, today - dt.timedelta(days=40)])
                if ended
                else (rng.choice([None, today, tomorrow]))
            )
            TrajectoryFactory(
                person=person,
                partner=partner,
                end_date=end,
                start_date=today - dt.timedelta(days=60),
            )
            if not ended:
                facts.open_links.add((person.pk, partner.pk, "trajectory"))
            if rng.random() < 0.6:
                consent(person, partner, Purpose.TRAJECTORY)
        if rng.random() < 0.4:
            target = rng.choice(followers)
            ended = rng.random() < 0.3
            HandoverFactory(
                person=person,
                from_organisation=org or homes[0],
                to_organisation=target,
                ended_on=yesterday if ended else rng.choice([None, tomorrow]),
            )
            if not ended:
                facts.open_links.add((person.pk, target.pk, "handover"))
            if rng.random() < 0.6:
                consent(person, target, Purpose.HANDOVER)
        if rng.random() < 0.4:
            decided = rng.random() < 0.3
            AdviceFactory(
                person=person,
                evaluator_organisation=vdab,
                result="doorstroomklaar" if decided else "",
            )
            if not decided:
                facts.open_links.add((person.pk, vdab.pk, "evaluation"))
            if rng.random() < 0.6:
                consent(person, vdab, Purpose.EVALUATION)
        for _ in range(rng.randint(0, 2)):
            consent(person, rng.choice(followers + [vdab]), rng.choice(Purpose.values))

    users = []
    for org in homes + partners:
        roles = CASE_ROLES if org in (homes[0], partners[0]) else CASE_ROLES[::2]
        for role in roles:
            users.append(UserFactory(role=role, organisation=org))
    users.append(UserFactory(role=Role.VDAB_EVALUATOR, organisation=vdab))
    users.append(UserFactory(role=Role.EMPLOYER_CONTACT, organisation=employer))
    users.append(UserFactory(role=Role.ANALYST, organisation=department))
    for person in rng.sample([p for p in persons if p.organisation_id], 3):
        worker = UserFactory(role=Role.TARGET_WORKER, organisation=person.organisation)
        person.user = worker
        person.save(update_fields=["user"])
        facts.person_user[person.pk] = worker.pk
    users.append(UserFactory(role=Role.TARGET_WORKER, organisation=homes[0]))
    return users, persons, facts


def oracle_visible(user, pk: int, facts: Facts) -> bool:
    """docs/access.md: own organisation for case workers; another organisation's
    person only with a consent in force naming the organisation plus an open link of
    the consent's purpose; evaluators only through an open evaluation; workers only
    their own file; employer contacts and analysts none."""
    if user.role == Role.TARGET_WORKER:
        return facts.person_user.get(pk) == user.pk
    if user.role in CASE_ROLES:
        if facts.person_org[pk] == user.organisation_id:
            return True
        kinds = ("trajectory", "handover", "evaluation")
    elif user.role == Role.VDAB_EVALUATOR:
        kinds = ("evaluation",)
    else:
        return False
    return any(
        (pk, user.organisation_id, kind) in facts.open_links
        and (pk, user.organisation_id, LINK_PURPOSE[kind]) in facts.consents
        for kind in kinds
    )


def oracle_export(user, pk: int, facts: Facts) -> bool:
    """The worker themself, or the administrator of the person's organisation."""
    if user.role == Role.TARGET_WORKER:
        return facts.person_user.get(pk) == user.pk
    return user.role == Role.ORG_ADMIN and facts.person_org[pk] == user.organisation_id


def _api_ids(client) -> set[int]:
    ids, url = set(), "/api/persons/"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        ids.update(row["id"] for row in body["results"])
        url = body["next"]
    return ids


@pytest.mark.django_db
def test_every_user_sees_exactly_what_the_rules_allow():
    rng = random.Random(SEED)
    users, persons, facts = build(rng)
    roles_seen = {u.role for u in users}
    assert roles_seen == set(Role.values)
    visible_pairs = 0
    for user in users:
        client = logged_in_client(user)
        expected = {p.pk for p in persons if oracle_visible(user, p.pk, facts)}
        visible_pairs += len(expected)
        assert _api_ids(client) == expected, (user.role, user.organisation_id)
        for person in persons:
            pk = person.pk
            who = (user.role, user.organisation_id, pk)
            ok = pk in expected
            assert client.get(f"/personen/{pk}/").status_code == (200 if ok else 404), (
                who
            )
            assert client.get(f"/api/persons/{pk}/").status_code == (
                200 if ok else 404
            ), who
            export = client.get(f"/api/persons/{pk}/export/").status_code
            if oracle_export(user, pk, facts):
                assert export == 200, who
            else:
                assert export == (403 if ok else 404), who
        query = rng.choice(["Janssens", "peeters", "Maes", "gent", "Voornaam1"])
        response = client.get("/personen/", {"q": query})
        if user.role in CASE_ROLES or user.role == Role.VDAB_EVALUATOR:
            assert response.status_code == 200
            shown = {int(x) for x in PERSON_LINK.findall(response.content.decode())}
            q = query.lower()
            assert shown == {
                pk
                for pk in expected
                if any(q in part.lower() for part in facts.names[pk][:3])
                or facts.names[pk][3].lower() == q
            }, (user.role, user.organisation_id, query)
        else:
            assert response.status_code == 403, user.role
    # The generated world must exercise both outcomes across organisations.
    cross = sum(
        1
        for user in users
        if user.role in (*CASE_ROLES, Role.VDAB_EVALUATOR)
        for p in persons
        if facts.person_org[p.pk] != user.organisation_id
        and oracle_visible(user, p.pk, facts)
    )
    assert cross > 0
    assert 0 < visible_pairs < len(users) * len(persons)
