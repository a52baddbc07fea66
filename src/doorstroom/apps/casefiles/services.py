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
from doorstroom.apps.consents.models import Consent, Purpose
from doorstroom.apps.organisations.models import Organisation, OrganisationKind
from doorstroom.apps.placements.models import Placement
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.trajectories.models import (
    Advice,
    AdviceResult,
    EndReason,
    Handover,
)
from doorstroom.domain.rules import (
    ReminderFacts,
    RuleResult,
    StageFacts,
    broken,
    check_stage,
    due_reminders,
)
from doorstroom.domain.trajectory_types import (
    TrajectoryType,
    get_trajectory_type,
    planned_contacts,
)

from . import permissions
from .models import (
    AftercareContact,
    CaseFile,
    CaseStatus,
    CriticalIncident,
    EntryKind,
    EvaluationKind,
    StageAttendance,
    StageEvaluation,
    StepRecord,
    TransitionArrangement,
    WorkerStatus,
)

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


# --- Stage follow-up: attendance, evaluations, critical incidents (000 L3513)


def _placement_subject(placement: Placement) -> Subject:
    return Subject(
        person_id=placement.person_id,
        person_organisation_id=placement.person.organisation_id,
        object_type="placement",
        object_id=str(placement.pk),
    )


def _name(actor) -> str:
    return actor.get_full_name() or actor.username


def register_attendance(
    *, actor, placement: Placement, on: date, present: bool, reason: str = ""
) -> StageAttendance:
    """Record one stage day as present or absent; an absence needs a reason.

    A day registered twice is overwritten (the latest registration counts).
    """
    if not permissions.can_register_attendance(actor, placement):
        raise PermissionDenied
    if placement.start_date and on < placement.start_date:
        raise CaseFileError(_("Deze dag ligt voor het begin van de stage."))
    if placement.end_date and on > placement.end_date:
        raise CaseFileError(_("Deze dag ligt na het einde van de stage."))
    if not present and not reason.strip():
        raise CaseFileError(_("Geef de reden van de afwezigheid op."))
    with transaction.atomic():
        attendance, _created = StageAttendance.objects.update_or_create(
            placement=placement,
            date=on,
            defaults={
                "present": present,
                "reason": "" if present else reason,
                "recorded_by": actor,
                "recorded_by_name": _name(actor),
            },
        )
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_placement_subject(placement),
            detail=f"attendance {on.isoformat()} {'present' if present else 'absent'}",
        )
    return attendance


def register_evaluation(
    *,
    actor,
    placement: Placement,
    kind: str,
    on: date,
    evaluated_by: str,
    summary: str,
    rating: int,
) -> StageEvaluation:
    """Record an interim or final evaluation of a stage."""
    if not permissions.can_evaluate_stage(actor, placement):
        raise PermissionDenied
    if kind not in EvaluationKind.values:
        raise CaseFileError(_("Onbekend soort evaluatie."))
    with transaction.atomic():
        evaluation = StageEvaluation.objects.create(
            placement=placement,
            kind=kind,
            date=on,
            evaluated_by=evaluated_by,
            summary=summary,
            rating=rating,
            recorded_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_placement_subject(placement),
            detail=f"stage evaluation {kind}",
        )
    return evaluation


def register_incident(
    *, actor, placement: Placement, on: date, description: str, action: str = ""
) -> CriticalIncident:
    """Record a critical incident during a stage and the action taken."""
    if not permissions.can_evaluate_stage(actor, placement):
        raise PermissionDenied
    with transaction.atomic():
        incident = CriticalIncident.objects.create(
            placement=placement,
            date=on,
            description=description,
            action=action,
            recorded_by=actor,
            recorded_by_name=_name(actor),
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_placement_subject(placement),
            detail="stage critical incident",
        )
    return incident


@dataclass
class StageFollowUp:
    """What a user may see and do on a stage's follow-up page."""

    placement: Placement
    attendance: list[StageAttendance]
    evaluations: list[StageEvaluation]
    incidents: list[CriticalIncident]
    can_register_attendance: bool
    can_evaluate: bool
    show_evaluations: bool

    @property
    def days_present(self) -> int:
        return sum(1 for a in self.attendance if a.present)

    @property
    def days_absent(self) -> int:
        return sum(1 for a in self.attendance if not a.present)


def stage_follow_up(*, actor, placement: Placement) -> StageFollowUp:
    """The stage's attendance (and, for case workers, evaluations and incidents).

    The read is audited.
    """
    if not permissions.can_read_stage_follow_up(actor, placement):
        raise PermissionDenied
    show = permissions.can_read_stage_evaluations(actor, placement)
    data = StageFollowUp(
        placement=placement,
        attendance=list(placement.attendance.all()),
        evaluations=list(placement.evaluations.all()) if show else [],
        incidents=list(placement.incidents.all()) if show else [],
        can_register_attendance=permissions.can_register_attendance(actor, placement),
        can_evaluate=permissions.can_evaluate_stage(actor, placement),
        show_evaluations=show,
    )
    record(
        actor=actor,
        action=Action.READ,
        subjects=_placement_subject(placement),
        detail="stage follow-up",
    )
    return data


# --- Nazorg: transition arrangements and the aftercare contact schedule

#: The wording the guide prescribes on the C4 form (000 L3854–3856). It stays
#: Dutch in every language: it is what the C4 itself must say.
C4_WORDING = (
    "Ontslag in onderlinge toestemming omwille van doorstroom naar een "
    "arbeidscontract in het NEC met betere arbeidsomstandigheden."
)
TRANSITION_FIELDS = (
    "job_start",
    "employer",
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
)


def record_transition(
    *, actor, case_file: CaseFile, values: dict
) -> TransitionArrangement:
    """Record (or update) how the move to the NEC job was arranged.

    A hybrid job needs the weekly hours in the SEC and in the NEC; a return
    guarantee end date needs a return guarantee.
    """
    _require_work(actor, case_file.person)
    values = {name: values.get(name) for name in TRANSITION_FIELDS if name in values}
    if values.get("hybrid") and not (
        values.get("hybrid_sec_hours") and values.get("hybrid_nec_hours")
    ):
        raise CaseFileError(
            _("Een hybride tewerkstelling vraagt de uren in het SEC en in het NEC.")
        )
    if not values.get("hybrid"):
        values["hybrid_sec_hours"] = values["hybrid_nec_hours"] = None
    if values.get("return_guarantee_until") and not values.get("return_guarantee"):
        raise CaseFileError(
            _("Een einddatum voor de terugkeergarantie vraagt een terugkeergarantie.")
        )
    values["note"] = values.get("note") or ""
    with transaction.atomic():
        transition, _created = TransitionArrangement.objects.update_or_create(
            case_file=case_file, defaults={**values, "recorded_by": actor}
        )
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_case_subject(case_file),
            detail="transition arrangement",
        )
    return transition


def planned_aftercare(case_file: CaseFile) -> list[date]:
    """The planned contact dates: the type's schedule from the first NEC workday."""
    transition = TransitionArrangement.objects.filter(case_file=case_file).first()
    if transition is None:
        return []
    return planned_contacts(case_type(case_file).aftercare, transition.job_start)


def register_aftercare_contact(
    *,
    actor,
    case_file: CaseFile,
    on: date,
    with_whom: str,
    channel: str,
    note: str = "",
    planned_on: date | None = None,
) -> AftercareContact:
    """Register a nazorg contact, against a planned date or as an extra contact."""
    _require_work(actor, case_file.person)
    if planned_on is not None and planned_on not in planned_aftercare(case_file):
        raise CaseFileError(_("Deze datum staat niet in het contactschema."))
    with transaction.atomic():
        contact = AftercareContact.objects.create(
            case_file=case_file,
            planned_on=planned_on,
            date=on,
            with_whom=with_whom,
            channel=channel,
            note=note,
            recorded_by=actor,
            recorded_by_name=_name(actor),
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_case_subject(case_file),
            detail=f"aftercare contact {on.isoformat()}",
        )
    return contact


@dataclass(frozen=True)
class PlannedContact:
    """A date of the schedule and the contact that fulfilled it (if any)."""

    planned_on: date
    contact: AftercareContact | None
    state: str  # "gedaan", "te_laat", "gepland"


@dataclass
class Aftercare:
    case_file: CaseFile
    transition: TransitionArrangement | None
    schedule: list[PlannedContact]
    extra_contacts: list[AftercareContact]
    can_work: bool
    c4_wording: str = C4_WORDING

    @property
    def open_dates(self) -> list[date]:
        return [p.planned_on for p in self.schedule if p.contact is None]


def aftercare(*, actor, case_file: CaseFile, today: date) -> Aftercare:
    """The transition arrangement and the contact schedule with its state. Audited."""
    if not permissions.can_read_case_files(actor, case_file.person):
        raise PermissionDenied
    contacts = list(case_file.aftercare_contacts.all())
    by_plan = {c.planned_on: c for c in contacts if c.planned_on is not None}
    schedule = []
    for planned in planned_aftercare(case_file):
        contact = by_plan.get(planned)
        if contact is not None:
            state = "gedaan"
        elif planned < today:
            state = "te_laat"
        else:
            state = "gepland"
        schedule.append(PlannedContact(planned, contact, state))
    data = Aftercare(
        case_file=case_file,
        transition=TransitionArrangement.objects.filter(case_file=case_file)
        .select_related("employer")
        .first(),
        schedule=schedule,
        extra_contacts=[c for c in contacts if c.planned_on is None],
        can_work=permissions.can_work_in_case_file(actor, case_file.person),
    )
    record(
        actor=actor,
        action=Action.READ,
        subjects=_case_subject(case_file),
        detail="aftercare",
    )
    return data


# --- Warm handover with consent (002 L512)

#: Organisations a person can be handed over to.
HANDOVER_KINDS = (OrganisationKind.TRANSITION_PARTNER, OrganisationKind.NEC_EMPLOYER)


def handover_consent(person: Person, organisation: Organisation) -> Consent | None:
    """The consent in force with purpose ``overdracht`` for ``organisation``."""
    return (
        Consent.objects.in_force()
        .filter(person=person, organisation=organisation, purpose=Purpose.HANDOVER)
        .first()
    )


def hand_over(
    *, actor, person: Person, to_organisation: Organisation, on: date, note: str
) -> Handover:
    """Hand ``person`` over to a doorstroompartner or NEC employer.

    Needs a consent in force with purpose ``overdracht`` for the receiving
    organisation; what the receiving side then sees follows that consent's scope
    (``access.policies``), for as long as the consent is in force.

    Raises
    ------
    CaseFileError
        When the organisation is not a partner or NEC employer, is the person's
        own organisation, or holds no handover consent.
    """
    _require_work(actor, person)
    if (
        to_organisation.kind not in HANDOVER_KINDS
        or to_organisation.pk == person.organisation_id
    ):
        raise CaseFileError(
            _(
                "Een warme overdracht kan naar een doorstroompartner of een NEC-werkgever."
            )
        )
    if handover_consent(person, to_organisation) is None:
        raise CaseFileError(
            _(
                "Er is geen geldige toestemming voor een warme overdracht aan "
                "%(organisation)s. Noteer eerst de toestemming van de persoon."
            )
            % {"organisation": to_organisation.name}
        )
    with transaction.atomic():
        handover = Handover.objects.create(
            person=person,
            from_organisation_id=person.organisation_id,
            to_organisation=to_organisation,
            date=on,
            note=note,
            created_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=Subject(
                person_id=person.pk,
                person_organisation_id=person.organisation_id,
                object_type="handover",
                object_id=str(handover.pk),
            ),
            detail=f"warm handover to organisation {to_organisation.pk}",
        )
    return handover


def handovers_of(*, actor, person: Person) -> list[Handover]:
    """The person's handovers, for their own organisation's case workers. Audited."""
    _require_work(actor, person)
    handovers = list(person.handovers.select_related("to_organisation"))
    record(
        actor=actor,
        action=Action.READ,
        subjects=person_subject(person),
        detail="handovers",
    )
    return handovers
