"""factory_boy factories for the app models."""

from __future__ import annotations

import datetime as dt

import factory

from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.consents.models import Consent, DataScope, GivenHow, Purpose
from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.placements.models import Placement, Vacancy
from doorstroom.apps.target_workers.models import EmploymentSpell, Person, WopDossier
from doorstroom.apps.trajectories.models import Advice, Handover, Trajectory

PASSWORD = "een-lang-test-wachtwoord"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    external_id = factory.Sequence(lambda n: f"ORG{n:04d}")
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = OrganisationKind.CUSTOM_WORK_COMPANY
    province = "ANT"

    class Params:
        partner = factory.Trait(kind=OrganisationKind.TRANSITION_PARTNER)
        nec = factory.Trait(kind=OrganisationKind.NEC_EMPLOYER, nace="47.111")
        vdab = factory.Trait(kind=OrganisationKind.VDAB)
        department = factory.Trait(kind=OrganisationKind.DEPARTMENT)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.COACH
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    external_id = factory.Sequence(lambda n: f"P{n:06d}")
    first_name = factory.Iterator(
        ["Jan", "Els", "Mohamed", "Nathalie", "Kevin", "Fatima"]
    )
    last_name = factory.Iterator(["Janssens", "Peeters", "Maes", "Willems", "Mertens"])
    birth_date = dt.date(1982, 5, 17)
    sex = "V"
    province = "ANT"
    municipality = "Mechelen"
    postcode = "2800"
    organisation = factory.SubFactory(OrganisationFactory)


class WopDossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WopDossier

    external_id = factory.Sequence(lambda n: f"D{n:06d}")
    person = factory.SubFactory(PersonFactory)
    employer = factory.SelfAttribute("person.organisation")
    instrument = "CM"
    start_date = dt.date(2018, 1, 1)


class EmploymentSpellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentSpell

    external_id = factory.Sequence(lambda n: f"S{n:06d}")
    person = factory.SubFactory(PersonFactory)
    employer = factory.SelfAttribute("person.organisation")
    start_date = dt.date(2018, 1, 1)


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory

    external_id = factory.Sequence(lambda n: f"T{n:06d}")
    person = factory.SubFactory(PersonFactory)
    partner = factory.SubFactory(OrganisationFactory, partner=True)
    start_date = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover

    person = factory.SubFactory(PersonFactory)
    from_organisation = factory.SelfAttribute("person.organisation")
    to_organisation = factory.SubFactory(OrganisationFactory, partner=True)
    date = factory.LazyFunction(dt.date.today)


class AdviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advice

    external_id = factory.Sequence(lambda n: f"A{n:06d}")
    person = factory.SubFactory(PersonFactory)
    evaluator_organisation = factory.SubFactory(OrganisationFactory, vdab=True)
    instrument = "CM"
    result = ""


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory, partner=True)
    purpose = Purpose.TRAJECTORY
    scope_codes = f" {DataScope.IDENTITY} {DataScope.TRAJECTORY} "
    given_how = GivenHow.SIGNED


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    person = factory.SubFactory(PersonFactory)
    host = factory.SubFactory(OrganisationFactory, nec=True)
    organiser = factory.SelfAttribute("person.organisation")
    kind = "BVS"
    start_date = factory.LazyFunction(dt.date.today)
    work_post = "Magazijn"


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(OrganisationFactory, nec=True)
    title = "Magazijnmedewerker"
    open_from = dt.date(2026, 1, 1)


def logged_in_client(user):
    """A test client logged in as ``user``, with the second factor passed for the
    roles that need one (administrators, analysts)."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from doorstroom.apps.accounts.two_factor import TWO_FACTOR_ROLES

    client = Client()
    client.force_login(user)
    if user.role in TWO_FACTOR_ROLES:
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client
