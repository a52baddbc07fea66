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
from doorstroom.apps.consents.models import DataScope
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
