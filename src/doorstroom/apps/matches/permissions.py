"""Who may match. Builds on ``access.policies``.

- Importing vacancies (no personal data): coaches and administrators.
- Matching a person or listing candidates: case workers of an organisation
  (coach, werkvloerbegeleider, administrator) for the persons they may see
  (``access.policies.persons_visible_to``) who are either of their own
  organisation or gave a ``matching`` consent, in force, to their organisation.
  A VDAB evaluator, an employer contact and an analyst never match.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.consents.models import Consent, Purpose
from doorstroom.apps.target_workers.models import Person

#: Roles that match persons with vacancies and record decisions.
MATCH_ROLES = frozenset({Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN})
#: Roles that import vacancies.
IMPORT_ROLES = frozenset({Role.COACH, Role.ORG_ADMIN})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_import_vacancies(user) -> bool:
    return _active(user) and user.role in IMPORT_ROLES and bool(user.organisation_id)


def can_match(user) -> bool:
    return _active(user) and user.role in MATCH_ROLES and bool(user.organisation_id)


def persons_for_matching(user) -> QuerySet[Person]:
    """Visible persons of the user's organisation or with a matching consent for it."""
    if not can_match(user):
        return Person.objects.none()
    org = user.organisation_id
    consented = Exists(
        Consent.objects.in_force().filter(
            person=OuterRef("pk"), organisation_id=org, purpose=Purpose.MATCHING
        )
    )
    return policies.persons_visible_to(user).filter(Q(organisation_id=org) | consented)


def can_match_person(user, person: Person) -> bool:
    """Whether ``person`` is in :func:`persons_for_matching` (no query for the
    own organisation's persons)."""
    if can_match(user) and policies.own_file(user, person):
        return True
    return persons_for_matching(user).filter(pk=person.pk).exists()


def own_person(user) -> Person | None:
    """The worker's own file (a target worker), else ``None``."""
    if not _active(user) or user.role != Role.TARGET_WORKER:
        return None
    return Person.objects.active().filter(user_id=user.pk).first()


def can_see_digest(user) -> bool:
    """A weekly digest: case workers who match (their team's), or a worker (own)."""
    return can_match(user) or own_person(user) is not None


def can_see_fairness(user, organisation_id: int | None) -> bool:
    """The fairness report (aggregate, disclosure-controlled) of an organisation.

    Its case workers who match (coach, werkvloerbegeleider, administrator), and
    analysts (aggregate figures only). Nobody else, and never another
    organisation's case workers.
    """
    if not _active(user) or organisation_id is None:
        return False
    if sees_fairness_of_every_organisation(user):
        return True
    return can_match(user) and user.organisation_id == organisation_id


def sees_fairness_of_every_organisation(user) -> bool:
    """Analysts read the (aggregate) fairness report of any organisation."""
    return _active(user) and user.role == Role.ANALYST
