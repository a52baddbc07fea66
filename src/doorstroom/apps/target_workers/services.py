"""Reading persons' files. Every read goes through here and is audited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import (
    person_subject,
    person_subjects,
    record,
)
from doorstroom.apps.consents.models import DataScope

from .models import Person


@dataclass
class PersonFile:
    """What one user may see of one person's file, already loaded."""

    person: Person
    sections: frozenset[str]
    dossiers: Sequence = field(default_factory=list)
    spells: Sequence = field(default_factory=list)
    trajectories: Sequence = field(default_factory=list)
    advices: Sequence = field(default_factory=list)
    placements: Sequence = field(default_factory=list)
    consents: Sequence = field(default_factory=list)
    can_edit: bool = False
    can_manage_consents: bool = False
    can_erase: bool = False
    can_export: bool = False

    def shows(self, section: str) -> bool:
        return section in self.sections


def open_person_file(*, actor, person: Person, detail: str = "") -> PersonFile:
    """Load what ``actor`` may see of ``person`` and record the read."""
    sections = policies.visible_sections(actor, person)
    if not sections:
        raise PermissionDenied
    record(
        actor=actor,
        action=Action.READ,
        subjects=person_subject(person),
        detail=detail or "sections: " + ",".join(sorted(sections)),
    )
    file = PersonFile(
        person=person,
        sections=sections,
        can_edit=policies.can_edit_person(actor, person),
        can_manage_consents=policies.can_manage_consents(actor, person),
        can_erase=policies.can_erase_person(actor, person),
        can_export=policies.can_export_person(actor, person),
    )
    if DataScope.EMPLOYMENT in sections:
        file.dossiers = list(person.dossiers.select_related("employer"))
        file.spells = list(person.spells.select_related("employer", "wop_dossier"))
    if DataScope.TRAJECTORY in sections:
        file.trajectories = list(person.trajectories.select_related("partner"))
        file.advices = list(person.advices.all())
        file.placements = list(person.placements.select_related("host"))
    if file.can_manage_consents:
        file.consents = list(person.consents.select_related("organisation"))
    return file


def caseload(*, actor, query: str = "", limit: int = 50) -> list[Person]:
    """The persons ``actor`` may see, optionally filtered, and record that they were listed."""
    persons: QuerySet[Person] = policies.persons_visible_to(actor).select_related(
        "organisation"
    )
    query = query.strip()
    if query:
        persons = persons.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(municipality__icontains=query)
            | Q(external_id__iexact=query)
        )
    shown = list(persons[:limit])
    record(
        actor=actor,
        action=Action.LIST,
        subjects=person_subjects(shown),
        detail="caseload",
    )
    return shown
