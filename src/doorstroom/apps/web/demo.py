"""The demo: import a synthetic population once, then add demo users, consents,
a handover, stages and vacancies so that every role has something to see.

Idempotent: a second run finds the data and the users and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.accounts.two_factor import TWO_FACTOR_ROLES
from doorstroom.apps.consents.models import Consent, DataScope, GivenHow, Purpose
from doorstroom.apps.imports.services import VDAB_EXTERNAL_ID, import_folder
from doorstroom.apps.network.demo import ensure_network_demo
from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.placements.models import Placement, Vacancy
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.trajectories.models import Advice, Trajectory

DEMO_PASSWORD = "doorstroom-demo"
#: The demo's shared TOTP secret (hex, as django-otp stores it) for the roles that
#: log in with two factors; printed as base32 for an authenticator app.
DEMO_TOTP_KEY = "646f6f7273747230306d2d64656d6f2d746f7470"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    organisation: str


def ensure_demo(data_dir: Path) -> list[DemoLogin]:
    if not Person.objects.exists():
        import_folder(data_dir)
    with transaction.atomic():
        return _ensure_users_and_links()


def _user(username, role, organisation, first_name, last_name) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "organisation": organisation,
            "first_name": first_name,
            "last_name": last_name,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _ensure_users_and_links() -> list[DemoLogin]:
    today = timezone.localdate()
    # The maatwerkbedrijf with the most persons is the demo's home organisation.
    counts = {
        o.pk: o.persons.count()
        for o in Organisation.objects.filter(kind=OrganisationKind.CUSTOM_WORK_COMPANY)
    }
    home = Organisation.objects.get(pk=max(counts, key=lambda pk: (counts[pk], -pk)))
    partner = Organisation.objects.filter(
        kind=OrganisationKind.TRANSITION_PARTNER
    ).first()
    employer = Organisation.objects.filter(kind=OrganisationKind.NEC_EMPLOYER).first()
    vdab = Organisation.objects.get(external_id=VDAB_EXTERNAL_ID)
    department, _ = Organisation.objects.get_or_create(
        external_id="DEPARTEMENT-WSE",
        defaults={
            "name": "Departement Werk en Sociale Economie",
            "kind": "departement",
        },
    )
    persons = list(Person.objects.active().filter(organisation=home).order_by("pk")[:6])
    worker_person = persons[0]

    users = [
        _user("coach", Role.COACH, home, "Sofie", "Claes"),
        _user("begeleider", Role.FLOOR_SUPERVISOR, home, "Tom", "Wouters"),
        _user("beheerder", Role.ORG_ADMIN, home, "Hilde", "Maes"),
        _user(
            "werknemer",
            Role.TARGET_WORKER,
            home,
            worker_person.first_name,
            worker_person.last_name,
        ),
        _user("partner", Role.COACH, partner, "Karim", "El Amrani"),
        _user("evaluator", Role.VDAB_EVALUATOR, vdab, "An", "Peeters"),
        _user("werkgever", Role.EMPLOYER_CONTACT, employer, "Pieter", "Jacobs"),
        _user("analist", Role.ANALYST, department, "Lotte", "De Smet"),
    ]
    for user in users:
        if user.role in TWO_FACTOR_ROLES:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="demo",
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )
    if worker_person.user_id is None:
        worker_person.user = users[3]
        worker_person.save(update_fields=["user"])

    # The partner follows two persons of the home organisation, with their consent.
    for person in persons[1:3]:
        trajectory, _ = Trajectory.objects.get_or_create(
            external_id=f"DEMO-T-{person.external_id}",
            defaults={
                "person": person,
                "partner": partner,
                "start_date": today - timedelta(days=60),
            },
        )
        Consent.objects.get_or_create(
            person=person,
            organisation=partner,
            purpose=Purpose.TRAJECTORY,
            defaults={
                "scope_codes": f" {DataScope.IDENTITY} {DataScope.TRAJECTORY} ",
                "given_how": GivenHow.SIGNED,
            },
        )
    # VDAB is asked to evaluate one person, with consent.
    evaluated = persons[3]
    Advice.objects.get_or_create(
        external_id=f"DEMO-A-{evaluated.external_id}",
        defaults={
            "person": evaluated,
            "evaluator_organisation": vdab,
            "requested_on": today - timedelta(days=10),
            "instrument": "CM",
        },
    )
    Consent.objects.get_or_create(
        person=evaluated,
        organisation=vdab,
        purpose=Purpose.EVALUATION,
        defaults={
            "scope_codes": f" {DataScope.IDENTITY} {DataScope.TRAJECTORY} {DataScope.EMPLOYMENT} ",
            "given_how": GivenHow.SIGNED,
        },
    )
    # A stage at the NEC employer, and two vacancies there.
    Placement.objects.get_or_create(
        person=persons[1],
        host=employer,
        defaults={
            "organiser": home,
            "kind": "BVS",
            "start_date": today + timedelta(days=7),
            "end_date": today + timedelta(days=11),
            "work_post": "Magazijn: orderpicking",
        },
    )
    for title in ("Magazijnmedewerker", "Medewerker groenonderhoud"):
        Vacancy.objects.get_or_create(
            employer=employer,
            title=title,
            defaults={"open_from": date(today.year, 1, 1), "hours_per_week": 30},
        )
    ensure_network_demo(home, users[0], today)
    return [
        DemoLogin(
            u.username,
            u.get_role_display(),
            u.organisation.name if u.organisation else "",
        )
        for u in users
    ]


def demo_totp_secret() -> str:
    """The demo TOTP secret in base32, for an authenticator app."""
    import base64

    return base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
