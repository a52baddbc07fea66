"""Every write to a case file, and the audited reads (timeline, reminders, agreement).

Each function checks permission (``permissions.py``), writes in one transaction and
records an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import (
    Subject,
    person_subject,
    person_subjects,
    record,
)
from doorstroom.apps.placements.models import Placement
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.trajectories.models import Advice, AdviceResult, EndReason
from doorstroom.domain.rules import (
    ReminderFacts,
    RuleResult,
    StageFacts,
    broken,
    check_stage,
    due_reminders,
)
from doorstroom.domain.trajectory_types import TrajectoryType, get_trajectory_type

from . import permissions
from .models import CaseFile, CaseStatus, EntryKind, StepRecord, WorkerStatus

#: Status changes allowed from each status, and the entry kind they record.
TRANSITIONS: dict[str, dict[str, str]] = {
    CaseStatus.ACTIVE: {
        CaseStatus.PAUSED: EntryKind.PAUSE,
        CaseStatus.STOPPED: EntryKind.STOP,
        CaseStatus.CLOSED: EntryKind.CLOSE,
    },
    CaseStatus.PAUSED: {
        CaseStatus.ACTIVE: EntryKind.RESUME,
        CaseStatus.STOPPED: EntryKind.STOP,
        CaseStatus.CLOSED: EntryKind.CLOSE,
    },
    CaseStatus.STOPPED: {},
    CaseStatus.CLOSED: {},
}
#: The step whose date is the date of the latest POP.
POP_STEP = "pop_pdp"


class CaseFileError(ValueError):
    """A change the case file does not allow; the message is Dutch, for the user."""


class StageRulesError(ValueError):
    """A stage breaks one or more of the guide's rules."""

    def __init__(self, results: list[RuleResult]) -> None:
        self.results = results
        super().__init__("; ".join(r.explanation_nl for r in results))


def _case_subject(case_file: CaseFile) -> Subject:
    return Subject(
        person_id=case_file.person_id,
        person_organisation_id=case_file.person.organisation_id,
        object_type="case_file",
        object_id=str(case_file.pk),
    )


def _require_work(actor, person: Person) -> None:
    if not permissions.can_work_in_case_file(actor, person):
        raise PermissionDenied


def case_type(case_file: CaseFile) -> TrajectoryType:
    """The trajectory type at the version the case file was opened with."""
    return get_trajectory_type(case_file.trajectory_type, case_file.type_version)


def open_case_file(
    *, actor, person: Person, type_id: str, started_on: date
) -> CaseFile:
    """Open a case file of the latest version of trajectory type ``type_id``."""
    _require_work(actor, person)
    try:
        trajectory_type = get_trajectory_type(type_id)
    except KeyError as exc:
        raise CaseFileError(_("Onbekend soort traject.")) from exc
    with transaction.atomic():
        case_file = CaseFile.objects.create(
            person=person,
            trajectory_type=trajectory_type.id,
            type_version=trajectory_type.version,
            started_on=started_on,
            opened_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_case_subject(case_file),
            detail=f"case file {trajectory_type.key}",
        )
    return case_file


def _furthest_phase(case_file: CaseFile, trajectory_type: TrajectoryType) -> int:
    phases = case_file.entries.filter(
        kind__in=[EntryKind.STEP, EntryKind.BACK]
    ).values_list("phase", flat=True)
    return max((trajectory_type.phase_index(p) for p in phases), default=-1)


def register_step(
    *,
    actor,
    case_file: CaseFile,
    phase: str,
    step: str,
    on: date,
    result: str = "",
    note: str = "",
    reason: str = "",
) -> StepRecord:
    """Register a step of the case file's trajectory type.

    A step in a phase before the furthest phase reached is a step back: it needs
    a ``reason``. A paused, stopped or closed case file takes no steps.
    """
    _require_work(actor, case_file.person)
    if case_file.status != CaseStatus.ACTIVE:
        raise CaseFileError(
            _("Dit traject is %(status)s: hervat het eerst.")
            % {"status": case_file.get_status_display().lower()}
        )
    trajectory_type = case_type(case_file)
    try:
        trajectory_type.phase(phase).step(step)
    except KeyError as exc:
        raise CaseFileError(_("Deze stap hoort niet bij dit traject.")) from exc
    back = trajectory_type.phase_index(phase) < _furthest_phase(
        case_file, trajectory_type
    )
    if back and not reason.strip():
        raise CaseFileError(_("Een stap terug naar een vorige fase vraagt een reden."))
    with transaction.atomic():
        entry = StepRecord.objects.create(
            case_file=case_file,
            kind=EntryKind.BACK if back else EntryKind.STEP,
            phase=phase,
            step=step,
            date=on,
            recorded_by=actor,
            recorded_by_name=actor.get_full_name() or actor.username,
            result=result,
            note=note,
            reason=reason,
        )
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_case_subject(case_file),
            detail=f"step {phase}/{step}" + (" (back)" if back else ""),
        )
    return entry


def change_status(
    *,
    actor,
    case_file: CaseFile,
    status: str,
    reason: str,
    on: date,
    outcome: str = "",
) -> StepRecord:
    """Pause, resume, stop or close a case file; every change but resuming needs a reason."""
    _require_work(actor, case_file.person)
    allowed = TRANSITIONS[case_file.status]
    if status not in allowed:
        raise CaseFileError(
            _("Van %(old)s naar %(new)s kan niet.")
            % {
                "old": case_file.get_status_display().lower(),
                "new": CaseStatus(status).label.lower(),
            }
        )
    if status != CaseStatus.ACTIVE and not reason.strip():
        raise CaseFileError(_("Geef een reden op."))
    trajectory_type = case_type(case_file)
    if outcome and outcome not in trajectory_type.outcomes:
        raise CaseFileError(_("Deze uitkomst hoort niet bij dit traject."))
    last = case_file.entries.exclude(phase="").order_by("-date", "-id").first()
    phase = last.phase if last else trajectory_type.phases[0].id
    with transaction.atomic():
        case_file.status = status
        case_file.status_reason = reason
        if outcome:
            case_file.outcome = outcome
        case_file.save(update_fields=["status", "status_reason", "outcome"])
        entry = StepRecord.objects.create(
            case_file=case_file,
            kind=allowed[status],
            phase=phase,
            date=on,
            recorded_by=actor,
            recorded_by_name=actor.get_full_name() or actor.username,
            result=outcome,
            reason=reason,
        )
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_case_subject(case_file),
            detail=f"status {status}",
        )
    return entry


def set_worker_status(
    *, actor, person: Person, article_60: bool, learner_worker: bool
) -> WorkerStatus:
    """Record whether the worker is employed under art. 60 or as leerwerknemer."""
    _require_work(actor, person)
    with transaction.atomic():
        status, _created = WorkerStatus.objects.update_or_create(
            person=person,
            defaults={"article_60": article_60, "learner_worker": learner_worker},
        )
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=person_subject(person),
            detail=f"worker status art60={article_60} learner={learner_worker}",
        )
    return status


def worker_status(person: Person) -> WorkerStatus:
    """The person's status (unsaved defaults when none was recorded)."""
    return WorkerStatus.objects.filter(person=person).first() or WorkerStatus(
        person=person
    )


def stage_facts(
    person: Person, values: dict, exclude_pk: int | None = None
) -> StageFacts:
    """The facts the stage rules need, from form values and the database."""
    status = worker_status(person)
    earlier = Placement.objects.filter(
        person=person, host=values["host"], kind="BVS"
    ).exclude(pk=exclude_pk)
    return StageFacts(
        kind=values["kind"],
        full_days=values.get("full_days") or 0,
        half_days=values.get("half_days") or 0,
        work_post=values.get("work_post", ""),
        earlier_bvs_work_posts=tuple(earlier.values_list("work_post", flat=True)),
        article_60=status.article_60,
        learner_worker=status.learner_worker,
        programme=values.get("programme", ""),
        observation_only=values.get("observation_only", True),
        enterprise_contract=values.get("enterprise_contract", False),
        union_informed=values.get("union_informed", False),
    )


STAGE_FIELDS = (
    "kind",
    "host",
    "start_date",
    "end_date",
    "full_days",
    "half_days",
    "work_post",
    "programme",
    "observation_only",
    "enterprise_contract",
    "union_informed",
)


def register_stage(*, actor, person: Person, values: dict) -> Placement:
    """Save a stage if it respects every stage rule.

    Raises
    ------
    StageRulesError
        With the broken rules' Dutch explanations; nothing is saved.
    """
    _require_work(actor, person)
    results = broken(check_stage(stage_facts(person, values)))
    if results:
        raise StageRulesError(results)
    with transaction.atomic():
        placement = Placement.objects.create(
            person=person,
            organiser_id=person.organisation_id,
            **{name: values[name] for name in STAGE_FIELDS if name in values},
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=Subject(
                person_id=person.pk,
                person_organisation_id=person.organisation_id,
                object_type="placement",
                object_id=str(placement.pk),
            ),
            detail=f"stage {placement.kind} at organisation {placement.host_id}",
        )
    return placement


@dataclass
class TimelineEntry:
    """One line of the timeline: a step, a status change or a stage."""

    date: date
    kind: str
    label: str
    phase_label: str
    who: str
    result: str = ""
    note: str = ""
    reason: str = ""


@dataclass
class CaseFileView:
    """A case file with its type and entries, ready for a page."""

    case_file: CaseFile
    trajectory_type: TrajectoryType
    entries: list[TimelineEntry] = field(default_factory=list)
    phase_counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Timeline:
    person: Person
    case_files: list[CaseFileView]
    placements: list[Placement]
    can_work: bool
    status: WorkerStatus


def _label(trajectory_type: TrajectoryType, entry: StepRecord) -> tuple[str, str]:
    try:
        phase = trajectory_type.phase(entry.phase)
    except KeyError:
        return entry.get_kind_display(), entry.phase
    if entry.kind in (EntryKind.STEP, EntryKind.BACK) and entry.step:
        try:
            return phase.step(entry.step).name, phase.name
        except KeyError:
            return entry.step, phase.name
    return entry.get_kind_display(), phase.name


def person_timeline(*, actor, person: Person) -> Timeline:
    """The person's whole path: case files, their steps, stages. The read is audited."""
    if not permissions.can_read_case_files(actor, person):
        raise PermissionDenied
    views = []
    for case_file in person.case_files.prefetch_related("entries"):
        trajectory_type = case_type(case_file)
        view = CaseFileView(case_file=case_file, trajectory_type=trajectory_type)
        for entry in case_file.entries.all():
            label, phase_label = _label(trajectory_type, entry)
            view.entries.append(
                TimelineEntry(
                    date=entry.date,
                    kind=entry.kind,
                    label=label,
                    phase_label=phase_label,
                    who=entry.recorded_by_name,
                    result=entry.result,
                    note=entry.note,
                    reason=entry.reason,
                )
            )
            if entry.kind in (EntryKind.STEP, EntryKind.BACK):
                view.phase_counts[entry.phase] = (
                    view.phase_counts.get(entry.phase, 0) + 1
                )
        views.append(view)
    record(
        actor=actor,
        action=Action.READ,
        subjects=person_subject(person),
        detail="case file timeline",
    )
    return Timeline(
        person=person,
        case_files=views,
        placements=list(person.placements.select_related("host", "organiser")),
        can_work=permissions.can_work_in_case_file(actor, person),
        status=worker_status(person),
    )


def stage_agreement_pdf(*, actor, placement: Placement) -> bytes:
    """The three-party stage agreement as a PDF (WeasyPrint). The export is audited."""
    person = placement.person
    if not permissions.can_read_case_files(actor, person):
        raise PermissionDenied
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "casefiles/stage_agreement_pdf.html",
        {"placement": placement, "person": person, "status": worker_status(person)},
    )
    pdf = HTML(string=html).write_pdf()
    record(
        actor=actor,
        action=Action.EXPORT,
        subjects=Subject(
            person_id=person.pk,
            person_organisation_id=person.organisation_id,
            object_type="placement",
            object_id=str(placement.pk),
        ),
        detail="stage agreement pdf",
    )
    return pdf


@dataclass(frozen=True)
class PersonReminder:
    person: Person
    result: RuleResult


def reminder_facts(person: Person, today: date) -> ReminderFacts:
    """What the reminder rules need about ``person``, from the database."""
    open_dossiers = person.dossiers.filter(end_date__isnull=True)
    lde = open_dossiers.filter(instrument="LDE").order_by("start_date").first()
    first = open_dossiers.order_by("start_date").first()
    last_pop = (
        StepRecord.objects.filter(case_file__person=person, step=POP_STEP)
        .aggregate(last=Max("date"))
        .get("last")
    )
    advices = Advice.objects.filter(person=person, date__isnull=False)
    last_evaluation = advices.aggregate(last=Max("date")).get("last")
    ready = advices.filter(result=AdviceResult.READY).order_by("-date").first()
    trajectory_start = None
    if ready is not None:
        starts = list(
            person.trajectories.filter(start_date__gte=ready.date).values_list(
                "start_date", flat=True
            )
        ) + list(
            person.case_files.filter(
                started_on__gte=ready.date, trajectory_type="doorstroom_sec_nec"
            ).values_list("started_on", flat=True)
        )
        trajectory_start = min(starts, default=None)
    transitioned = person.trajectories.filter(end_reason=EndReason.NEC_WORK).exists()
    return ReminderFacts(
        today=today,
        last_pop_date=last_pop,
        lde_start=lde.start_date if lde else None,
        transitioned=transitioned,
        employment_start=first.start_date if first else None,
        last_evaluation=last_evaluation,
        advice_date=ready.date if ready else None,
        advice_ready=ready is not None,
        trajectory_start=trajectory_start,
    )


def caseload_reminders(*, actor, today: date) -> list[PersonReminder]:
    """Due reminders for the persons of the actor's own organisation.

    Every person listed is recorded in the audit trail.
    """
    if not permissions.has_caseload(actor):
        raise PermissionDenied
    persons = Person.objects.active().filter(organisation_id=actor.organisation_id)
    reminders = [
        PersonReminder(person=person, result=result)
        for person in persons
        for result in due_reminders(reminder_facts(person, today))
    ]
    reminders.sort(key=lambda r: (r.result.due_on or today, r.person.pk))
    record(
        actor=actor,
        action=Action.LIST,
        subjects=person_subjects({r.person.pk: r.person for r in reminders}.values()),
        detail="reminders",
    )
    return reminders
