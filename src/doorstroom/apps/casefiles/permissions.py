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
    return persons_with_readable_case_files(user).filter(pk=person.pk).exists()


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
    """The attendance list: whoever sees the stage."""
    return placement_visible(user, placement)


def can_read_stage_evaluations(user, placement: Placement) -> bool:
    """Evaluations and incidents belong to the case file (``traject`` section)."""
    return (
        user.is_authenticated
        and user.role != Role.EMPLOYER_CONTACT
        and can_read_case_files(user, placement.person)
    )
