from __future__ import annotations

from dataclasses import dataclass

import pytest

from doorstroom.apps.accounts.models import Role

from .factories import (
    AdviceFactory,
    ConsentFactory,
    OrganisationFactory,
    PersonFactory,
    PlacementFactory,
    TrajectoryFactory,
    UserFactory,
    VacancyFactory,
)


@dataclass
class World:
    """Two maatwerkbedrijven, a partner, VDAB, an NEC employer, the department,
    persons in each, and one user per role."""

    home: object
    other: object
    partner: object
    vdab: object
    employer: object
    department: object
    own_person: object
    other_person: object
    partner_person: object  # of ``other``, followed by ``partner`` with consent
    withdrawn_person: (
        object  # of ``other``, trajectory with ``partner``, consent withdrawn
    )
    evaluated_person: object  # of ``other``, open VDAB evaluation with consent
    worker_person: object
    placement: object
    other_placement: object
    vacancy: object
    other_vacancy: object
    users: dict


@pytest.fixture
def world(db) -> World:
    from django.utils import timezone

    home = OrganisationFactory(name="Maatwerk Mechelen")
    other = OrganisationFactory(name="Maatwerk Brugge", province="WVL")
    partner = OrganisationFactory(partner=True, name="Partner Vooruit")
    vdab = OrganisationFactory(vdab=True, name="VDAB")
    employer = OrganisationFactory(nec=True, name="Logistiek NV")
    other_employer = OrganisationFactory(nec=True, name="Bouw BV")
    department = OrganisationFactory(department=True, name="Departement WSE")

    own_person = PersonFactory(
        organisation=home, first_name="Eigen", last_name="Persoon"
    )
    other_person = PersonFactory(
        organisation=other, first_name="Andere", last_name="Persoon"
    )
    partner_person = PersonFactory(
        organisation=other, first_name="Gevolgd", last_name="Persoon"
    )
    TrajectoryFactory(person=partner_person, partner=partner)
    ConsentFactory(person=partner_person, organisation=partner)
    withdrawn_person = PersonFactory(
        organisation=other, first_name="Ingetrokken", last_name="Persoon"
    )
    TrajectoryFactory(person=withdrawn_person, partner=partner)
    ConsentFactory(
        person=withdrawn_person, organisation=partner, withdrawn_at=timezone.now()
    )
    evaluated_person = PersonFactory(
        organisation=other, first_name="Geëvalueerd", last_name="Persoon"
    )
    AdviceFactory(person=evaluated_person, evaluator_organisation=vdab)
    ConsentFactory(person=evaluated_person, organisation=vdab, purpose="evaluatie")

    users = {
        Role.COACH: UserFactory(username="coach", role=Role.COACH, organisation=home),
        Role.FLOOR_SUPERVISOR: UserFactory(
            username="begeleider", role=Role.FLOOR_SUPERVISOR, organisation=home
        ),
        Role.ORG_ADMIN: UserFactory(
            username="beheerder", role=Role.ORG_ADMIN, organisation=home
        ),
        Role.TARGET_WORKER: UserFactory(
            username="werknemer", role=Role.TARGET_WORKER, organisation=home
        ),
        Role.VDAB_EVALUATOR: UserFactory(
            username="evaluator", role=Role.VDAB_EVALUATOR, organisation=vdab
        ),
        Role.EMPLOYER_CONTACT: UserFactory(
            username="werkgever", role=Role.EMPLOYER_CONTACT, organisation=employer
        ),
        Role.ANALYST: UserFactory(
            username="analist", role=Role.ANALYST, organisation=department
        ),
        "partner_coach": UserFactory(
            username="partner", role=Role.COACH, organisation=partner
        ),
    }
    worker_person = PersonFactory(
        organisation=home,
        first_name="Werk",
        last_name="Nemer",
        user=users[Role.TARGET_WORKER],
    )
    placement = PlacementFactory(person=own_person, host=employer)
    other_placement = PlacementFactory(person=other_person, host=other_employer)
    vacancy = VacancyFactory(employer=employer, title="Magazijnmedewerker")
    other_vacancy = VacancyFactory(employer=other_employer, title="Bouwhelper")
    return World(
        home=home,
        other=other,
        partner=partner,
        vdab=vdab,
        employer=employer,
        department=department,
        own_person=own_person,
        other_person=other_person,
        partner_person=partner_person,
        withdrawn_person=withdrawn_person,
        evaluated_person=evaluated_person,
        worker_person=worker_person,
        placement=placement,
        other_placement=other_placement,
        vacancy=vacancy,
        other_vacancy=other_vacancy,
        users=users,
    )


@pytest.fixture(autouse=True)
def _restore_language():
    """A request may ask for English (``Accept-Language`` or the language switch);
    Django's locale middleware leaves that language active in the thread, so it is
    put back after every test and later tests see the language they expect."""
    from django.utils import translation

    language = translation.get_language()
    yield
    translation.activate(language)
