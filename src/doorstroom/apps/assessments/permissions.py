"""Who may do what with competence data. Builds on ``access.policies``.

- Reading a person's assessments, distance and POP needs the ``competenties``
  section of the file (own organisation, or a consent whose scope names it).
- Rating: case workers (coach, werkvloerbegeleider, administrator, VDAB evaluator,
  a partner's coach) who may see that section. Their rater role follows from their
  role: a coach or werkvloerbegeleider of the person's own organisation rates as
  such; everyone else as "andere observator".
- A worker sees and fills in only their own self-assessment, and sees and agrees
  to their own POP.
- Frameworks and job profiles belong to an organisation: its coaches and
  administrators copy and edit them; its case workers read them.
- Editing a POP: a coach or administrator of the person's own organisation.
"""

from __future__ import annotations

from django.db.models import QuerySet

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.consents.models import DataScope
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.competences import RaterRole

#: Roles that rate others and read the full assessment.
RATER_ROLES = frozenset(policies.FILE_ROLES)
#: Roles that copy/edit frameworks and job profiles, and edit POPs.
MANAGER_ROLES = frozenset({Role.COACH, Role.ORG_ADMIN})


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_worker(user) -> bool:
    return _active(user) and user.role == Role.TARGET_WORKER


def can_see_competences(user, person: Person) -> bool:
    """The ``competenties`` section of this person's file is visible to ``user``."""
    return _active(user) and DataScope.COMPETENCES in policies.visible_sections(
        user, person
    )


def can_read_assessments(user, person: Person) -> bool:
    """All raters' ratings, agreement, distance: case workers with the section."""
    return can_see_competences(user, person) and user.role in RATER_ROLES


def persons_with_competences(user) -> QuerySet[Person]:
    """Visible persons whose competences the user may read (one query)."""
    if not _active(user) or user.role not in RATER_ROLES:
        return Person.objects.none()
    return policies.sections_holders(user, DataScope.COMPETENCES)


def can_rate(user, person: Person) -> bool:
    return can_read_assessments(user, person)


def can_self_assess(user, person: Person) -> bool:
    return is_worker(user) and person.user_id == user.pk and person.erased_at is None


def rater_role_for(user, person: Person) -> RaterRole:
    """The rater role of ``user`` when rating ``person``."""
    if user.role == Role.TARGET_WORKER:
        return RaterRole.SELF
    if person.organisation_id == user.organisation_id:
        if user.role == Role.COACH:
            return RaterRole.COACH
        if user.role == Role.FLOOR_SUPERVISOR:
            return RaterRole.FLOOR_SUPERVISOR
    return RaterRole.OBSERVER


def can_start_round(user, person: Person) -> bool:
    """Starting a round: case workers of the person's own organisation."""
    return policies.can_edit_person(user, person)


def can_manage_frameworks(user) -> bool:
    return (
        _active(user)
        and user.role in MANAGER_ROLES
        and user.organisation_id is not None
    )


def can_read_frameworks(user) -> bool:
    return _active(user) and user.role in RATER_ROLES


def can_edit_framework(user, framework) -> bool:
    return (
        can_manage_frameworks(user)
        and framework.organisation_id is not None
        and framework.organisation_id == user.organisation_id
    )


def can_manage_job_profiles(user) -> bool:
    return can_manage_frameworks(user)


def can_edit_pop(user, person: Person) -> bool:
    return (
        _active(user)
        and user.role in MANAGER_ROLES
        and policies.can_edit_person(user, person)
    )


def can_read_pop(user, person: Person) -> bool:
    return can_read_assessments(user, person) or can_self_assess(user, person)


def can_agree_pop(user, person: Person) -> bool:
    return can_self_assess(user, person)


# --- workfloor observation (WAKKER) -------------------------------------------

#: Roles that set up observation plans and observe on the workfloor.
OBSERVER_ROLES = frozenset({Role.COACH, Role.FLOOR_SUPERVISOR})


def can_create_observation_plans(user) -> bool:
    """A werkvloerbegeleider or coach of an organisation sets up observations."""
    return (
        _active(user)
        and user.role in OBSERVER_ROLES
        and user.organisation_id is not None
    )


def can_be_observer(user, organisation_id: int | None) -> bool:
    """Who may follow persons in a plan of ``organisation_id``."""
    return (
        _active(user)
        and user.role in OBSERVER_ROLES
        and organisation_id is not None
        and user.organisation_id == organisation_id
    )


def can_read_observation_plan(user, plan) -> bool:
    """Case workers of the organisation that owns the plan."""
    return (
        _active(user)
        and user.role in RATER_ROLES
        and user.organisation_id is not None
        and user.organisation_id == plan.organisation_id
    )


def can_manage_observation_plan(user, plan) -> bool:
    """Add persons and tick off WAKKER steps: the observer, whoever set the plan
    up, or a coach or administrator of the organisation."""
    return can_read_observation_plan(user, plan) and (
        user.pk in (plan.observer_id, plan.created_by_id) or user.role in MANAGER_ROLES
    )


def can_write_observation_note(user, plan, person: Person) -> bool:
    """Notes and their classification: only the plan's observer, about a person
    the plan follows and whose competences they may rate."""
    return (
        can_read_observation_plan(user, plan)
        and user.pk == plan.observer_id
        and can_rate(user, person)
    )
