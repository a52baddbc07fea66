"""GDPR rights: a worker's data export, and erasure by anonymisation.

The export holds everything the system keeps about a person: identity, career
rows, trajectories and case files with their forms (intake, engagement
declaration, screening, PDP, VDAB evaluation), stages, competence rounds with
their STARR notes, the POP, workfloor observations, matching preferences and
decisions, consents and who looked at the file.

Erasure blanks every direct identifier and free text, removes the consents and the
login, deletes uploaded signed declarations from storage once the erasure is
committed, and keeps the statistical fields (birth date, sex, province,
education), the dossiers, spells, advices and trajectories, and every date, code,
status, level and rating, so that published figures keep adding up. The audit
trail keeps the internal person id, which no longer points to a name.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action, AuditEvent
from doorstroom.apps.audit_events.services import person_subject, record
from doorstroom.apps.casefiles.models import (
    AftercareContact,
    CaseFile,
    CriticalIncident,
    EntryKind,
    StageAttendance,
    StageEvaluation,
    StepRecord,
    TransitionArrangement,
    WorkerStatus,
)
from doorstroom.apps.placements.models import Placement
from doorstroom.apps.target_workers.models import Person

from . import erasure, sections

#: 2: case file forms, competences, observations and matching added.
EXPORT_FORMAT_VERSION = 2

_plain = sections.plain


def _rows(queryset, fields: list[str]) -> list[dict]:
    return [{f: _plain(v) for f, v in row.items()} for row in queryset.values(*fields)]


def export_person_data(*, actor, person: Person, fmt: str = "json") -> dict:
    """Everything the system holds about ``person``, as plain data, and audit it."""
    if not policies.can_export_person(actor, person):
        raise PermissionDenied
    data = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": person.external_id,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "birth_date": _plain(person.birth_date),
            "sex": person.sex,
            "province": person.province,
            "postcode": person.postcode,
            "municipality": person.municipality,
            "education": person.education,
            "organisation": person.organisation.name if person.organisation else None,
        },
        "wop_dossiers": _rows(
            person.dossiers.all(),
            ["external_id", "employer__name", "instrument", "start_date", "end_date"],
        ),
        "employment": _rows(
            person.spells.all(),
            [
                "external_id",
                "employer__name",
                "start_date",
                "end_date",
                "hours_per_week",
            ],
        ),
        "trajectories": _rows(
            person.trajectories.all(),
            [
                "external_id",
                "partner__name",
                "start_date",
                "end_date",
                "end_reason",
                "stage",
            ],
        ),
        "vdab_advices": _rows(
            person.advices.all(),
            [
                "external_id",
                "requested_on",
                "evaluator_organisation__name",
                "date",
                "instrument",
                "result",
            ],
        ),
        "placements": _rows(
            person.placements.all(),
            [
                "host__name",
                "kind",
                "start_date",
                "end_date",
                "work_post",
                "full_days",
                "half_days",
                "programme",
            ],
        ),
        "stage_attendance": _rows(
            StageAttendance.objects.filter(placement__person=person),
            ["placement__host__name", "date", "present", "reason"],
        ),
        "stage_evaluations": _rows(
            StageEvaluation.objects.filter(placement__person=person),
            [
                "placement__host__name",
                "kind",
                "date",
                "evaluated_by",
                "summary",
                "rating",
            ],
        ),
        "stage_incidents": _rows(
            CriticalIncident.objects.filter(placement__person=person),
            ["placement__host__name", "date", "description", "action"],
        ),
        "worker_status": _rows(
            WorkerStatus.objects.filter(person=person),
            ["article_60", "learner_worker", "updated_at"],
        ),
        "case_files": [
            {
                **{
                    f: _plain(getattr(case_file, f))
                    for f in (
                        "trajectory_type",
                        "type_version",
                        "status",
                        "status_reason",
                        "outcome",
                        "started_on",
                    )
                },
                "transition": _rows(
                    TransitionArrangement.objects.filter(case_file=case_file),
                    [
                        "job_start",
                        "employer__name",
                        "contract_kind",
                        "c4_wording",
                        "activa",
                        "return_guarantee",
                        "return_guarantee_until",
                        "guidance_premium",
                        "hybrid",
                        "hybrid_sec_hours",
                        "hybrid_nec_hours",
                        "note",
                    ],
                ),
                "aftercare_contacts": _rows(
                    case_file.aftercare_contacts.all(),
                    ["planned_on", "date", "with_whom", "channel", "note"],
                ),
                "steps": _rows(
                    case_file.entries.all(),
                    [
                        "kind",
                        "phase",
                        "step",
                        "date",
                        "recorded_by_name",
                        "result",
                        "note",
                        "reason",
                    ],
                ),
                **sections.case_file_forms(case_file),
            }
            for case_file in person.case_files.prefetch_related("entries")
        ],
        **sections.competences(person),
        **sections.matching(person),
        "handovers": _rows(
            person.handovers.all(),
            ["from_organisation__name", "to_organisation__name", "date", "note"],
        ),
        "consents": [
            {
                "purpose": c.purpose,
                "organisation": c.organisation.name,
                "scope": c.scope,
                "given_at": _plain(c.given_at),
                "given_how": c.given_how,
                "withdrawn_at": _plain(c.withdrawn_at),
            }
            for c in person.consents.select_related("organisation")
        ],
        "access_log": _rows(
            AuditEvent.objects.filter(person_id=person.pk),
            [
                "occurred_at",
                "actor_username",
                "actor_role",
                "action",
                "channel",
                "path",
            ],
        ),
    }
    record(
        actor=actor,
        action=Action.EXPORT,
        subjects=person_subject(person),
        detail=f"data export ({fmt})",
    )
    return data


def _erase_case_file_text(person: Person) -> None:
    """Blank the free text of case files, steps and stages; keep dates and codes.

    Statuses, phases, steps, outcome codes (the ``result`` of a closing entry) and
    stage kinds, dates and days stay, so the figures built on them do not change.
    """
    CaseFile.objects.filter(person=person).update(status_reason="")
    steps = StepRecord.objects.filter(case_file__person=person)
    steps.update(note="", reason="")
    steps.filter(kind__in=[EntryKind.STEP, EntryKind.BACK]).update(result="")
    Placement.objects.filter(person=person).update(programme="")
    TransitionArrangement.objects.filter(case_file__person=person).update(note="")
    AftercareContact.objects.filter(case_file__person=person).update(note="")
    StageAttendance.objects.filter(placement__person=person).update(reason="")
    StageEvaluation.objects.filter(placement__person=person).update(
        evaluated_by="", summary=""
    )
    CriticalIncident.objects.filter(placement__person=person).update(
        description="", action=""
    )


def erase_person(*, actor, person: Person) -> Person:
    """Anonymise ``person`` (see the module docstring); idempotent per person."""
    if not policies.can_erase_person(actor, person):
        raise PermissionDenied
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        login = person.user
        # Before the login goes: rows that name the worker point at it.
        files = erasure.erase_case_file_forms(person, person.user_id)
        erasure.erase_competence_text(person, person.user_id)
        erasure.erase_matching_data(person)
        person.first_name = ""
        person.last_name = ""
        person.postcode = ""
        person.municipality = ""
        person.user = None
        person.erased_at = timezone.now()
        person.version += 1
        person.save()
        person.consents.all().delete()
        person.handovers.update(note="")
        _erase_case_file_text(person)
        if login is not None:
            login.delete()
        record(
            actor=actor,
            action=Action.ERASE,
            subjects=person_subject(person),
            detail=f"anonymised; {len(files)} uploaded file(s) deleted after commit",
        )
        # Only once the blanked rows are committed: a rolled-back erasure keeps
        # its files, and a file is never missing under a row that still names it.
        for stored in files:
            transaction.on_commit(stored.delete, robust=True)
    return person
