"""Who may read and work in case files; built on ``access.policies``.

Reading a case file (the timeline) follows the ``traject`` section of a person's
file: the person's own organisation, the worker themself, or another organisation
with a consent whose scope names ``traject`` (and a link). Working in it (opening a
case file, registering steps and stages) is for case workers of the person's own
organisation, as for every other change to the file.
"""

from __future__ import annotations

from django.db.models import QuerySet

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role
from doorstroom.apps.consents.models import DataScope
from doorstroom.apps.placements.models import Placement
from doorstroom.apps.target_workers.models import Person

from .models import CaseFile


def persons_with_readable_case_files(user) -> QuerySet[Person]:
    """Persons whose case files ``user`` may read."""
    return policies.sections_holders(user, DataScope.TRAJECTORY)


def can_read_case_files(user, person: Person) -> bool:
    """Whether ``person`` is in :func:`persons_with_readable_case_files`: the same
    rule read from the person's visible sections (no query for the own
    organisation's persons)."""
    return DataScope.TRAJECTORY in policies.visible_sections(user, person)


def persons_with_readable_follow_up(user) -> QuerySet[Person]:
    """Persons whose trajectory, stage follow-up and nazorg ``user`` may read in
    the API: as :func:`persons_with_readable_case_files`, plus, for an NEC
    employer contact, the persons handed over to its organisation (warm handover
    with a consent in force whose scope names ``traject``). Intake, screening
    and other forms stay closed to the employer."""
    if getattr(user, "role", None) == Role.EMPLOYER_CONTACT:
        return policies.persons_handed_over_to(user, DataScope.TRAJECTORY)
    return persons_with_readable_case_files(user)


def can_read_follow_up(user, person: Person) -> bool:
    return persons_with_readable_follow_up(user).filter(pk=person.pk).exists()


def can_work_in_case_file(user, person: Person) -> bool:
    """Open case files, register steps and stages: own organisation's case workers."""
    return policies.can_edit_person(user, person)


def case_files_visible_to(user) -> QuerySet[CaseFile]:
    return CaseFile.objects.filter(
        person__in=persons_with_readable_case_files(user)
    ).select_related("person")


def has_caseload(user) -> bool:
    """Coaches and their colleagues have a caseload with reminders."""
    return getattr(user, "role", None) in policies.EDIT_ROLES and user.is_active


def placement_visible(user, placement: Placement) -> bool:
    """The stage is visible: its host's employer contact, the worker, or case workers
    with the ``traject`` section (``access.policies.placements_visible_to``)."""
    return policies.placements_visible_to(user).filter(pk=placement.pk).exists()


def can_register_attendance(user, placement: Placement) -> bool:
    """The host's NEC employer contact, or a case worker of the person's organisation."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.role == Role.EMPLOYER_CONTACT:
        return placement_visible(user, placement)
    return can_work_in_case_file(user, placement.person)


def can_evaluate_stage(user, placement: Placement) -> bool:
    """Evaluations and critical incidents: case workers of the person's organisation."""
    return can_work_in_case_file(user, placement.person)


def can_read_stage_follow_up(user, placement: Placement) -> bool:
    """The attendance list: whoever sees the stage, and an NEC employer contact
    after a warm handover of the person with ``traject`` in the consent scope."""
    return (
        placement_visible(user, placement)
        or policies.placements_after_handover(user).filter(pk=placement.pk).exists()
    )


def can_read_stage_evaluations(user, placement: Placement) -> bool:
    """Evaluations and incidents belong to the case file (``traject`` section)."""
    if user.is_authenticated and user.role == Role.EMPLOYER_CONTACT:
        # Not as host; only after a warm handover with consent (scope ``traject``).
        return policies.placements_after_handover(user).filter(pk=placement.pk).exists()
    return user.is_authenticated and can_read_case_files(user, placement.person)


# --- The forms of the voortraject: intake, engagement, screening, PDP/POP, VDAB


def can_fill_in_forms(user, person: Person) -> bool:
    """Intake, engagement, screening, PDP and VDAB forms: own organisation's case workers."""
    return can_work_in_case_file(user, person)


def is_own_worker(user, person: Person) -> bool:
    """``user`` is the worker whose file this is (their own portal)."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.TARGET_WORKER
        and person.user_id == user.pk
        and person.erased_at is None
    )


def can_accept_engagement(user, person: Person) -> bool:
    """The worker in their own portal, or a case worker recording it on screen."""
    return is_own_worker(user, person) or can_fill_in_forms(user, person)


def can_read_engagement_file(user, person: Person) -> bool:
    """The signed declaration: whoever may read the case file (never an employer)."""
    return (
        user.is_authenticated
        and user.role != Role.EMPLOYER_CONTACT
        and can_read_case_files(user, person)
    )


def can_rate_screening(user, screening) -> bool:
    """Only the two coaches of a screening rate in it."""
    return can_fill_in_forms(user, screening.case_file.person) and user.pk in (
        screening.first_coach_id,
        screening.second_coach_id,
    )


def can_end_handover(user, handover) -> bool:
    """End a warm handover: case workers of the handing-over organisation."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in policies.EDIT_ROLES
        and user.organisation_id is not None
        and user.organisation_id == handover.from_organisation_id
    )
