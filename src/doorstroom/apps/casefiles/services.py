"""Every write to a case file, and the audited reads (timeline, reminders, agreement).

Each function checks permission (``permissions.py``), writes in one transaction and
records an audit entry.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, F, Q, Value
from django.template.loader import render_to_string
from django.utils import timezone
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
from doorstroom.apps.target_workers.models import Person, WopDossier
from doorstroom.apps.trajectories.models import (
    Advice,
    AdviceResult,
    EndReason,
    Handover,
    Trajectory,
)
from doorstroom.domain.rules import (
    ReminderFacts,
    RuleResult,
    StageFacts,
    broken,
    check_stage,
    due_reminders,
)
from doorstroom.domain.rules.trajectory import (
    MANDATED_TYPE,
    CaseEntry,
    CoachingUse,
    coaching_use,
    phase_clock,
    pop_sent_in_time,
    pop_to_vdab_due,
)
from doorstroom.domain.trajectory_types import (
    TrajectoryType,
    get_trajectory_type,
    planned_contacts,
)

from . import permissions
from .models import (
    AcceptedHow,
    AftercareContact,
    CaseFile,
    CaseStatus,
    CoachingKind,
    CoachingSession,
    CriticalIncident,
    EngagementDeclaration,
    EntryKind,
    EvaluationKind,
    EvaluationReason,
    IntakeRecord,
    RequestedBy,
    Screening,
    StageAttendance,
    StageEvaluation,
    StepRecord,
    TransitionArrangement,
    TransitionPlan,
    TransitionPlanRow,
    VdabEvaluationInterview,
    VdabEvaluationRequest,
    WorkerStatus,
)

T = TypeVar("T")

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


def _object_subject(person: Person, object_type: str, object_id: object) -> Subject:
    """The audit subject for one object (of ``object_type``) about ``person``."""
    return Subject(
        person_id=person.pk,
        person_organisation_id=person.organisation_id,
        object_type=object_type,
        object_id=str(object_id),
    )


def _case_subject(case_file: CaseFile) -> Subject:
    return _object_subject(case_file.person, "case_file", case_file.pk)


def _placement_subject(placement: Placement) -> Subject:
    return _object_subject(placement.person, "placement", placement.pk)


def _audit(
    actor, action: str, subjects: Subject | Iterable[Subject], detail: str
) -> None:
    """Record one audit entry (a short form of ``record``)."""
    record(actor=actor, action=action, subjects=subjects, detail=detail)


def _audit_case(actor, case_file: CaseFile, action: str, detail: str) -> None:
    """Record one audit entry about ``case_file``."""
    _audit(actor, action, _case_subject(case_file), detail)


def _create_audited(
    model: type[T],
    actor,
    subject: Callable[[T], Subject],
    detail: Callable[[T], str],
    /,
    **fields,
) -> T:
    """Create a ``model`` row and audit its creation, in one transaction.

    ``subject`` and ``detail`` receive the new row (so they can name its key).
    """
    with transaction.atomic():
        row = model.objects.create(**fields)
        _audit(actor, Action.CREATE, subject(row), detail(row))
    return row


def _name(actor) -> str:
    return actor.get_full_name() or actor.username


def _recorded_by(actor) -> dict:
    """The ``recorded_by`` fields of a row the actor writes."""
    return {"recorded_by": actor, "recorded_by_name": _name(actor)}


def _require_work(actor, person: Person) -> None:
    if not permissions.can_work_in_case_file(actor, person):
        raise PermissionDenied


def _require_read(actor, person: Person) -> None:
    if not permissions.can_read_case_files(actor, person):
        raise PermissionDenied


def _require_active(case_file: CaseFile) -> None:
    """Only an active case file takes steps and forms."""
    if case_file.status != CaseStatus.ACTIVE:
        raise CaseFileError(
            _("Dit traject is %(status)s: hervat het eerst.")
            % {"status": case_file.get_status_display().lower()}
        )


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
    return _create_audited(
        CaseFile,
        actor,
        _case_subject,
        lambda _row: f"case file {trajectory_type.key}",
        person=person,
        trajectory_type=trajectory_type.id,
        type_version=trajectory_type.version,
        started_on=started_on,
        opened_by=actor,
    )


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
    _require_active(case_file)
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
            **_recorded_by(actor),
            result=result,
            note=note,
            reason=reason,
        )
        _audit_case(
            actor,
            case_file,
            Action.UPDATE,
            f"step {phase}/{step}" + (" (back)" if back else ""),
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
            **_recorded_by(actor),
            result=outcome,
            reason=reason,
        )
        _audit_case(actor, case_file, Action.UPDATE, f"status {status}")
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
        _audit(
            actor,
            Action.UPDATE,
            person_subject(person),
            f"worker status art60={article_60} learner={learner_worker}",
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
        on=values.get("start_date"),
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

    The stage's start is registered as the step "stage gestart" of the person's
    current active case file, when its trajectory type has that step.

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
        placement = _create_audited(
            Placement,
            actor,
            lambda row: _object_subject(person, "placement", row.pk),
            lambda row: f"stage {row.kind} at organisation {row.host_id}",
            person=person,
            organiser_id=person.organisation_id,
            **{name: values[name] for name in STAGE_FIELDS if name in values},
        )
        if placement.start_date is not None:
            _implied_step(
                actor,
                _current_case_file(person, STAGE_STARTED_STEP),
                STAGE_STARTED_STEP,
                placement.start_date,
                _("%(kind)s gestart bij %(host)s")
                % {"kind": placement.kind, "host": placement.host},
                f"placement {placement.pk}",
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
    #: Coaching hours used and left (mandated doorstroom trajectory only).
    coaching: CoachingUse | None = None


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
    _require_read(actor, person)
    views = []
    today = timezone.localdate()
    for case_file in person.case_files.prefetch_related("entries", "coaching_sessions"):
        trajectory_type = case_type(case_file)
        view = CaseFileView(case_file=case_file, trajectory_type=trajectory_type)
        if case_file.trajectory_type == MANDATED_TYPE:
            view.coaching = _coaching_use(case_file, today)
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
    _audit(actor, Action.READ, person_subject(person), "case file timeline")
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
    _require_read(actor, person)
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string(
        "casefiles/stage_agreement_pdf.html",
        {"placement": placement, "person": person, "status": worker_status(person)},
    )
    pdf = HTML(string=html).write_pdf()
    _audit(
        actor,
        Action.EXPORT,
        _object_subject(person, "placement", placement.pk),
        "stage agreement pdf",
    )
    return pdf


@dataclass(frozen=True)
class PersonReminder:
    person: Person
    result: RuleResult


#: Case file statuses whose clocks and budgets still run (a paused one shows none).
OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.PAUSED)
#: Entry kinds the phase clock reads.
CLOCK_KINDS = (EntryKind.STEP, EntryKind.BACK, EntryKind.PAUSE, EntryKind.RESUME)
_COACHING_ROW = "coaching"


def _entry_and_coaching_rows(ids: list[int], today: date):
    """One query: POP steps of the persons, the clock entries of their open
    mandated case files, and those case files' coaching sessions up to ``today``.

    Rows are ``(person, case_file, kind, phase, step, date, id_or_minutes)``; a
    coaching row has kind ``"coaching"`` and the minutes in the last column.
    """
    mandated = Q(
        case_file__trajectory_type=MANDATED_TYPE, case_file__status__in=OPEN_STATUSES
    )
    entries = (
        StepRecord.objects.filter(case_file__person_id__in=ids)
        .filter(Q(step=POP_STEP) | (mandated & Q(kind__in=CLOCK_KINDS)))
        .order_by()
        .values_list(
            "case_file__person_id",
            "case_file_id",
            "kind",
            "phase",
            "step",
            "date",
            "id",
        )
    )
    coaching = (
        CoachingSession.objects.filter(
            mandated, case_file__person_id__in=ids, date__lte=today
        )
        .order_by()
        .values_list(
            "case_file__person_id",
            "case_file_id",
            Value(_COACHING_ROW, output_field=CharField()),
            Value("", output_field=CharField()),
            Value("", output_field=CharField()),
            "date",
            F("minutes"),
        )
    )
    return entries.union(coaching, all=True)


def reminder_facts_for(
    persons: Iterable[Person], today: date
) -> dict[int, ReminderFacts]:
    """What the reminder rules need about each of ``persons``, in five queries.

    Parameters
    ----------
    persons : iterable of Person
        The persons (any number: the query count does not grow with it).
    today : date
        The reference day.

    Returns
    -------
    dict
        Person id to :class:`ReminderFacts`.
    """
    ids = [p.pk for p in persons]
    lde: dict[int, date] = {}
    first: dict[int, date] = {}
    for pid, instrument, start in WopDossier.objects.filter(
        person_id__in=ids, end_date__isnull=True
    ).values_list("person_id", "instrument", "start_date"):
        if start is None:
            continue
        if pid not in first or start < first[pid]:
            first[pid] = start
        if instrument == "LDE" and (pid not in lde or start < lde[pid]):
            lde[pid] = start
    last_pop: dict[int, date] = {}
    clock_rows: dict[int, list[tuple[date, int, CaseEntry]]] = defaultdict(list)
    sessions: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for pid, cf_id, kind, phase, step, day, last in _entry_and_coaching_rows(
        ids, today
    ):
        if kind == _COACHING_ROW:
            sessions[cf_id].append((day, last))
            continue
        if step == POP_STEP:
            last_pop[pid] = max(day, last_pop.get(pid, day))
        if kind in CLOCK_KINDS:
            clock_rows[cf_id].append((day, last, CaseEntry(kind, phase, day)))
    last_evaluation: dict[int, date] = {}
    ready: dict[int, date] = {}
    for pid, day, result in Advice.objects.filter(
        person_id__in=ids, date__isnull=False
    ).values_list("person_id", "date", "result"):
        last_evaluation[pid] = max(day, last_evaluation.get(pid, day))
        if result == AdviceResult.READY:
            ready[pid] = max(day, ready.get(pid, day))
    starts: dict[int, list[date]] = defaultdict(list)
    transitioned: set[int] = set()
    for pid, start, end_reason in Trajectory.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "start_date", "end_reason"):
        starts[pid].append(start)
        if end_reason == EndReason.NEC_WORK:
            transitioned.add(pid)
    open_case: dict[int, tuple] = {}
    for pid, start, cf_id, status, pop_sent, job_start in CaseFile.objects.filter(
        person_id__in=ids, trajectory_type=MANDATED_TYPE
    ).values_list(
        "person_id",
        "started_on",
        "id",
        "status",
        "pop_sent_to_vdab_on",
        "transition__job_start",
    ):
        starts[pid].append(start)
        row = (start, cf_id, pop_sent, job_start)
        if status in OPEN_STATUSES and (pid not in open_case or row > open_case[pid]):
            open_case[pid] = row
    facts = {}
    for pid in ids:
        advice_date = ready.get(pid)
        trajectory_start = None
        if advice_date is not None:
            trajectory_start = min(
                (s for s in starts.get(pid, ()) if s >= advice_date), default=None
            )
        mandated: dict = {}
        if pid in open_case:
            start, cf_id, pop_sent, job_start = open_case[pid]
            clock = phase_clock(e for _d, _i, e in sorted(clock_rows[cf_id]))
            mandated = {
                "phase": clock.phase,
                "phase_start": clock.phase_start,
                "pauses": clock.pauses,
                "paused": clock.paused,
                "coaching_since": start,
                "coaching_sessions": tuple(sorted(sessions[cf_id])),
                "hired_on": job_start,
                "pop_sent_to_vdab_on": pop_sent,
            }
        facts[pid] = ReminderFacts(
            today=today,
            last_pop_date=last_pop.get(pid),
            lde_start=lde.get(pid),
            transitioned=pid in transitioned,
            employment_start=first.get(pid),
            last_evaluation=last_evaluation.get(pid),
            advice_date=advice_date,
            advice_ready=advice_date is not None,
            trajectory_start=trajectory_start,
            **mandated,
        )
    return facts


def reminder_facts(person: Person, today: date) -> ReminderFacts:
    """What the reminder rules need about ``person``, from the database."""
    return reminder_facts_for([person], today)[person.pk]


def reminders_for(
    persons: Iterable[Person], today: date
) -> dict[int, list[RuleResult]]:
    """The due reminders of each person (earliest first), in a constant number of
    queries. Not audited: the caller records what it shows."""
    facts = reminder_facts_for(persons, today)
    return {pid: due_reminders(f) for pid, f in facts.items()}


def caseload_reminders(*, actor, today: date) -> list[PersonReminder]:
    """Due reminders for the persons of the actor's own organisation.

    Every person listed is recorded in the audit trail. The number of queries does
    not depend on the number of persons (:func:`reminder_facts_for`).
    """
    if not permissions.has_caseload(actor):
        raise PermissionDenied
    persons = list(
        Person.objects.active().filter(organisation_id=actor.organisation_id)
    )
    due = reminders_for(persons, today)
    reminders = [
        PersonReminder(person=person, result=result)
        for person in persons
        for result in due[person.pk]
    ]
    reminders.sort(key=lambda r: (r.result.due_on or today, r.person.pk))
    _audit(
        actor,
        Action.LIST,
        person_subjects({r.person.pk: r.person for r in reminders}.values()),
        "reminders",
    )
    return reminders


# --- Coaching hours and the POP to the VDAB (mandated doorstroom trajectory)


def _coaching_use(case_file: CaseFile, today: date) -> CoachingUse:
    return coaching_use(
        [(s.date, s.minutes) for s in case_file.coaching_sessions.all()],
        case_file.started_on,
        today,
    )


def _require_mandated(case_file: CaseFile) -> None:
    if case_file.trajectory_type != MANDATED_TYPE:
        raise CaseFileError(
            _(
                "Begeleidingsuren en het POP voor de VDAB horen bij een doorstroomtraject."
            )
        )


def record_coaching_session(
    *,
    actor,
    case_file: CaseFile,
    on: date,
    minutes: int,
    kind: str,
    note: str = "",
) -> CoachingSession:
    """Record time spent coaching on a mandated doorstroom case file (audited).

    Raises
    ------
    PermissionDenied
        When the actor does not work in the person's case files.
    CaseFileError
        When the case file is not active or not a doorstroom trajectory, or the
        session lasts no minute or starts before the case file.
    """
    _require_work(actor, case_file.person)
    _require_active(case_file)
    _require_mandated(case_file)
    if minutes is None or minutes <= 0:
        raise CaseFileError(_("Een begeleidingssessie duurt minstens 1 minuut."))
    if kind not in CoachingKind.values:
        raise CaseFileError(_("Onbekende soort begeleiding."))
    if on < case_file.started_on:
        raise CaseFileError(_("Deze datum ligt voor de start van het traject."))
    return _create_audited(
        CoachingSession,
        actor,
        lambda row: _object_subject(case_file.person, "coaching_session", row.pk),
        lambda row: f"coaching {row.minutes} min on case file {case_file.pk}",
        case_file=case_file,
        date=on,
        minutes=minutes,
        kind=kind,
        note=note or "",
        **_recorded_by(actor),
    )


def record_pop_sent_to_vdab(*, actor, case_file: CaseFile, on: date) -> CaseFile:
    """Record the day the POP was sent to the VDAB (after hiring in the NEC)."""
    _require_work(actor, case_file.person)
    _require_mandated(case_file)
    if on < case_file.started_on:
        raise CaseFileError(_("Deze datum ligt voor de start van het traject."))
    with transaction.atomic():
        case_file.pop_sent_to_vdab_on = on
        case_file.save(update_fields=["pop_sent_to_vdab_on"])
        _audit_case(actor, case_file, Action.UPDATE, "pop sent to vdab")
    return case_file


@dataclass
class CoachingOverview:
    """The coaching page of a case file: budget, sessions and the POP to the VDAB.

    Attributes
    ----------
    use : CoachingUse
        Hours used and left.
    sessions : list of CoachingSession
        The recorded sessions, oldest first.
    hired_on : date or None
        The first NEC workday (from the transition).
    pop_due : date or None
        The last day to send the POP to the VDAB.
    pop_in_time : bool or None
        Whether the POP was sent in time (None while not sent or not hired).
    can_work : bool
        The actor may record sessions.
    """

    use: CoachingUse
    sessions: list[CoachingSession]
    hired_on: date | None
    pop_due: date | None
    pop_in_time: bool | None
    can_work: bool


def coaching_overview(*, actor, case_file: CaseFile, today: date) -> CoachingOverview:
    """The coaching hours and the POP to the VDAB of ``case_file`` (an audited read)."""
    _require_read(actor, case_file.person)
    _require_mandated(case_file)
    transition = TransitionArrangement.objects.filter(case_file=case_file).first()
    hired_on = transition.job_start if transition is not None else None
    sent = case_file.pop_sent_to_vdab_on
    overview = CoachingOverview(
        use=_coaching_use(case_file, today),
        sessions=list(case_file.coaching_sessions.all()),
        hired_on=hired_on,
        pop_due=pop_to_vdab_due(hired_on) if hired_on else None,
        pop_in_time=(pop_sent_in_time(hired_on, sent) if hired_on and sent else None),
        can_work=permissions.can_work_in_case_file(actor, case_file.person),
    )
    _audit_case(actor, case_file, Action.READ, "coaching hours")
    return overview


# --- Stage follow-up: attendance, evaluations, critical incidents (000 L3513)


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
                **_recorded_by(actor),
            },
        )
        _audit(
            actor,
            Action.UPDATE,
            _placement_subject(placement),
            f"attendance {on.isoformat()} {'present' if present else 'absent'}",
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
    """Record an interim or final evaluation of a stage.

    The evaluation is registered as the matching step (interim or final
    evaluation) of the person's current active case file, when its type has it.
    """
    if not permissions.can_evaluate_stage(actor, placement):
        raise PermissionDenied
    if kind not in EvaluationKind.values:
        raise CaseFileError(_("Onbekend soort evaluatie."))
    with transaction.atomic():
        evaluation = _create_audited(
            StageEvaluation,
            actor,
            lambda _row: _placement_subject(placement),
            lambda _row: f"stage evaluation {kind}",
            placement=placement,
            kind=kind,
            date=on,
            evaluated_by=evaluated_by,
            summary=summary,
            rating=rating,
            recorded_by=actor,
        )
        step = EVALUATION_STEPS[kind]
        _implied_step(
            actor,
            _current_case_file(placement.person, step),
            step,
            on,
            _("%(kind)s: %(rating)s")
            % {
                "kind": evaluation.get_kind_display(),
                "rating": evaluation.get_rating_display().lower(),
            },
            f"stage evaluation {evaluation.pk}",
        )
    return evaluation


def register_incident(
    *, actor, placement: Placement, on: date, description: str, action: str = ""
) -> CriticalIncident:
    """Record a critical incident during a stage and the action taken."""
    if not permissions.can_evaluate_stage(actor, placement):
        raise PermissionDenied
    return _create_audited(
        CriticalIncident,
        actor,
        lambda _row: _placement_subject(placement),
        lambda _row: "stage critical incident",
        placement=placement,
        date=on,
        description=description,
        action=action,
        **_recorded_by(actor),
    )


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
    _audit(actor, Action.READ, _placement_subject(placement), "stage follow-up")
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
    guarantee end date needs a return guarantee. The first NEC workday is
    registered as the contract step of the case file (when its type has it).
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
        _audit_case(actor, case_file, Action.UPDATE, "transition arrangement")
        employer = transition.employer
        _implied_step(
            actor,
            case_file,
            CONTRACT_STEP,
            transition.job_start,
            (
                _("%(document)s bij %(employer)s")
                % {
                    "document": transition.get_contract_kind_display(),
                    "employer": employer.name,
                }
                if employer is not None
                else transition.get_contract_kind_display()
            ),
            f"transition arrangement {transition.pk}",
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
    """Register a nazorg contact, against a planned date or as an extra contact.

    The contact is registered as the nazorg-contact step of the case file (when
    its type has it).
    """
    _require_work(actor, case_file.person)
    if planned_on is not None and planned_on not in planned_aftercare(case_file):
        raise CaseFileError(_("Deze datum staat niet in het contactschema."))
    with transaction.atomic():
        contact = _create_audited(
            AftercareContact,
            actor,
            lambda _row: _case_subject(case_file),
            lambda _row: f"aftercare contact {on.isoformat()}",
            case_file=case_file,
            planned_on=planned_on,
            date=on,
            with_whom=with_whom,
            channel=channel,
            note=note,
            **_recorded_by(actor),
        )
        _implied_step(
            actor,
            case_file,
            AFTERCARE_STEP,
            on,
            _("Contact met %(who)s (%(how)s)")
            % {
                "who": contact.get_with_whom_display().lower(),
                "how": contact.get_channel_display().lower(),
            },
            f"aftercare contact {contact.pk}",
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
    _require_read(actor, case_file.person)
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
    _audit_case(actor, case_file, Action.READ, "aftercare")
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
        handover = _create_audited(
            Handover,
            actor,
            lambda row: _object_subject(person, "handover", row.pk),
            lambda _row: f"warm handover to organisation {to_organisation.pk}",
            person=person,
            from_organisation_id=person.organisation_id,
            to_organisation=to_organisation,
            date=on,
            note=note,
            created_by=actor,
        )
        case_file, step = _handover_step(person)
        _implied_step(
            actor,
            case_file,
            step,
            on,
            _("Warme overdracht aan %(organisation)s")
            % {"organisation": to_organisation.name},
            f"handover {handover.pk}",
        )
    return handover


def end_handover(*, actor, handover: Handover, on: date) -> Handover:
    """End a warm handover: the receiving organisation's access ends after ``on``.

    ``on`` is the last day of the handover (access policies keep a handover open
    up to and including ``ended_on``). Only the handing-over organisation's case
    workers end it.

    Raises
    ------
    CaseFileError
        When the handover has already ended, or ``on`` lies before its start.
    """
    if not permissions.can_end_handover(actor, handover):
        raise PermissionDenied
    if on < handover.date:
        raise CaseFileError(_("Het einde ligt voor de start van de overdracht."))
    with transaction.atomic():
        ended = Handover.objects.filter(pk=handover.pk, ended_on__isnull=True).update(
            ended_on=on
        )
        if ended != 1:
            raise CaseFileError(_("Deze overdracht is al beëindigd."))
        handover.ended_on = on
        _audit(
            actor,
            Action.UPDATE,
            _object_subject(handover.person, "handover", handover.pk),
            f"warm handover to organisation {handover.to_organisation_id} "
            f"ended {on.isoformat()}",
        )
    return handover


def handovers_of(*, actor, person: Person) -> list[Handover]:
    """The person's handovers, for their own organisation's case workers. Audited."""
    _require_work(actor, person)
    handovers = list(person.handovers.select_related("to_organisation", "person"))
    _audit(actor, Action.READ, person_subject(person), "handovers")
    return handovers


# --- The forms of the voortraject: intake 1, engagement, screening (intake 2),
# --- PDP and POP, VDAB evaluation. Each save is a step on the timeline.

#: Signed engagement declarations: at most this many bytes.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Accepted uploads: content type by magic bytes, and the extensions that fit it.
UPLOAD_TYPES: tuple[tuple[bytes, str, tuple[str, ...]], ...] = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
)
#: The instruments an advice counts for (monitoring contract, ``advices.csv``).
ADVICE_INSTRUMENTS = ("CM", "LDE")


class StalePlanError(CaseFileError):
    """Someone else saved the PDP or POP after this user opened it."""

    def __init__(self, what: str) -> None:
        super().__init__(
            _(
                "%(what)s is intussen door iemand anders gewijzigd. Je wijzigingen "
                "zijn niet bewaard: open het opnieuw en breng ze opnieuw aan."
            )
            % {"what": what}
        )


def _form_phase(case_file: CaseFile, step: str):
    """The phase of the case file's trajectory type that has ``step``, or None."""
    return next(
        (p for p in case_type(case_file).phases if step in {s.id for s in p.steps}),
        None,
    )


def has_form_step(case_file: CaseFile, step: str) -> bool:
    """The case file's trajectory type has ``step`` (so its form applies)."""
    return _form_phase(case_file, step) is not None


def _open_form_phase(case_file: CaseFile, step: str):
    """The phase of ``step``, if the case file is active and its type has the step."""
    _require_active(case_file)
    phase = _form_phase(case_file, step)
    if phase is None:
        raise CaseFileError(_("Dit formulier hoort niet bij dit soort traject."))
    return phase


def _require_form(actor, case_file: CaseFile, step: str) -> None:
    """The actor may work in the case file, and its form of ``step`` is open."""
    _require_work(actor, case_file.person)
    _open_form_phase(case_file, step)


def _register_step(
    actor,
    case_file: CaseFile,
    step: str,
    on: date,
    result: str,
    action: str,
    detail: str,
) -> StepRecord:
    """Register the step a form belongs to on the timeline and audit the write.

    Call it inside the form's transaction, after the form's own rows are written.
    A form renewed later in the trajectory (a yearly POP) is a step, not a step back.
    """
    entry = _form_step(actor, case_file, step, on, result)
    _audit_case(actor, case_file, action, detail)
    return entry


def _form_step(actor, case_file: CaseFile, step: str, on: date, result: str):
    """Register the step a form belongs to on the timeline (inside a transaction)."""
    phase = _open_form_phase(case_file, step)
    return StepRecord.objects.create(
        case_file=case_file,
        kind=EntryKind.STEP,
        phase=phase.id,
        step=step,
        date=on,
        **_recorded_by(actor),
        result=result[:200],
    )


#: The steps a form implies (the trajectory type's step ids).
STAGE_STARTED_STEP = "stage_gestart"
EVALUATION_STEPS = {
    EvaluationKind.INTERIM: "stage_tussentijdse_evaluatie",
    EvaluationKind.FINAL: "stage_eindevaluatie",
}
CONTRACT_STEP = "contract_nec"
AFTERCARE_STEP = "nazorg_contact"
#: The form of the warm handover step (its step id differs between types).
HANDOVER_FORM = "warme_overdracht"


def _active_case_files(person: Person) -> list[CaseFile]:
    """The person's active case files, the most recently started first."""
    return list(
        person.case_files.filter(status=CaseStatus.ACTIVE).order_by(
            "-started_on", "-id"
        )
    )


def _current_case_file(person: Person, step: str) -> CaseFile | None:
    """The most recently started active case file whose type has ``step``."""
    return next((c for c in _active_case_files(person) if has_form_step(c, step)), None)


def _handover_step(person: Person) -> tuple[CaseFile | None, str]:
    """The current active case file with a warm-handover step, and that step."""
    for case_file in _active_case_files(person):
        for phase in case_type(case_file).phases:
            for step in phase.steps:
                if HANDOVER_FORM in step.forms:
                    return case_file, step.id
    return None, ""


def _implied_step(
    actor,
    case_file: CaseFile | None,
    step: str,
    on: date,
    result: str,
    detail: str,
) -> StepRecord | None:
    """Register the step a saved form implies (stage, evaluation, contract, nazorg
    contact, handover), inside the form's transaction and audited.

    Nothing happens without a case file, when the case file is not active, when
    its trajectory type lacks ``step``, or when ``step`` is already registered on
    ``on`` (by hand or by an earlier form): no duplicate on the timeline.
    """
    if (
        case_file is None
        or case_file.status != CaseStatus.ACTIVE
        or not has_form_step(case_file, step)
        or case_file.entries.filter(
            step=step, date=on, kind__in=[EntryKind.STEP, EntryKind.BACK]
        ).exists()
    ):
        return None
    return _register_step(
        actor, case_file, step, on, result, Action.UPDATE, f"step {step} ({detail})"
    )


INTAKE_FIELDS = (
    "date",
    "situation",
    "work_history",
    "education",
    "wishes",
    "mobility",
    "barriers",
    "motivation",
    "motivation_level",
)


def record_intake(*, actor, case_file: CaseFile, values: dict) -> IntakeRecord:
    """Save the intake form of intake 1 and register it on the timeline."""
    _require_form(actor, case_file, "intake_1")
    if (
        not str(values.get("situation") or "").strip()
        or not str(values.get("motivation") or "").strip()
    ):
        raise CaseFileError(_("De huidige situatie en de motivatie zijn verplicht."))
    with transaction.atomic():
        intake = IntakeRecord.objects.create(
            case_file=case_file,
            **_recorded_by(actor),
            **{name: values.get(name) or "" for name in INTAKE_FIELDS[1:-1]},
            date=values["date"],
            motivation_level=values["motivation_level"],
        )
        _register_step(
            actor,
            case_file,
            "intake_1",
            intake.date,
            _("Intakeformulier ingevuld (motivatie: %(level)s)")
            % {"level": intake.get_motivation_level_display().lower()},
            Action.CREATE,
            f"intake form {intake.pk}",
        )
    return intake


def check_signed_upload(upload) -> str:
    """The content type of an uploaded signed declaration, checked by magic bytes.

    Raises
    ------
    CaseFileError
        When the file is empty, larger than 5 MB, not a PDF, JPEG or PNG, or its
        extension does not match its content.
    """
    size = upload.size or 0
    if size == 0:
        raise CaseFileError(_("Het bestand is leeg."))
    if size > MAX_UPLOAD_BYTES:
        raise CaseFileError(
            _("Het bestand is te groot (%(size)s MB): hoogstens 5 MB.")
            % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    suffix = PurePath(upload.name or "").suffix.lower()
    for magic, content_type, suffixes in UPLOAD_TYPES:
        if head.startswith(magic):
            if suffix not in suffixes:
                raise CaseFileError(
                    _("De extensie van het bestand past niet bij de inhoud.")
                )
            return content_type
    raise CaseFileError(
        _("Alleen een PDF, JPEG of PNG is toegelaten (gecontroleerd op de inhoud).")
    )


def _accept(declaration: EngagementDeclaration, actor, how: str) -> None:
    declaration.accepted_how = how
    declaration.accepted_at = timezone.now()
    declaration.accepted_by = actor
    declaration.accepted_by_name = _name(actor)


def _store_signed(declaration: EngagementDeclaration, upload, actor) -> None:
    content_type = check_signed_upload(upload)
    declaration.signed_file.save(upload.name, upload, save=False)
    declaration.signed_content_type = content_type
    _accept(declaration, actor, AcceptedHow.SIGNED)


def create_engagement(
    *,
    actor,
    case_file: CaseFile,
    on: date,
    commitments: str,
    accepted_on_screen: bool = False,
    signed_file=None,
) -> EngagementDeclaration:
    """Draw up the engagement declaration; accepted on screen, signed, or open.

    An open declaration is accepted later by the worker in their own portal
    (:func:`accept_engagement`) or by uploading the signed copy
    (:func:`attach_signed_engagement`).
    """
    _require_form(actor, case_file, "intake_1")
    if not commitments.strip():
        raise CaseFileError(_("Noteer de afspraken van de engagementsverklaring."))
    if signed_file is not None:
        check_signed_upload(signed_file)
    declaration = EngagementDeclaration(
        case_file=case_file,
        date=on,
        commitments=commitments,
        **_recorded_by(actor),
    )
    try:
        with transaction.atomic():
            if signed_file is not None:
                _store_signed(declaration, signed_file, actor)
            elif accepted_on_screen:
                _accept(declaration, actor, AcceptedHow.ON_SCREEN)
            declaration.save()
            _register_step(
                actor,
                case_file,
                "intake_1",
                on,
                _("Engagementsverklaring: %(state)s")
                % {
                    "state": declaration.get_accepted_how_display().lower()
                    if declaration.accepted
                    else _("nog niet aanvaard")
                },
                Action.CREATE,
                f"engagement declaration {declaration.pk} "
                f"{declaration.accepted_how or 'open'}",
            )
    except Exception:
        _remove_file(declaration)
        raise
    return declaration


def _remove_file(declaration: EngagementDeclaration) -> None:
    """A rolled-back save leaves no file behind."""
    if declaration.signed_file:
        declaration.signed_file.storage.delete(declaration.signed_file.name)


def accept_engagement(
    *, actor, declaration: EngagementDeclaration
) -> EngagementDeclaration:
    """The worker accepts the declaration in their own portal (who and when recorded)."""
    case_file = declaration.case_file
    if not permissions.is_own_worker(actor, case_file.person):
        raise PermissionDenied
    if declaration.accepted:
        raise CaseFileError(_("Deze engagementsverklaring is al aanvaard."))
    with transaction.atomic():
        _accept(declaration, actor, AcceptedHow.PORTAL)
        declaration.save(
            update_fields=[
                "accepted_how",
                "accepted_at",
                "accepted_by",
                "accepted_by_name",
            ]
        )
        _register_step(
            actor,
            case_file,
            "intake_1",
            timezone.localdate(),
            _("Engagementsverklaring aanvaard door de werknemer"),
            Action.UPDATE,
            f"engagement declaration {declaration.pk} accepted in portal",
        )
    return declaration


def attach_signed_engagement(
    *, actor, declaration: EngagementDeclaration, upload
) -> EngagementDeclaration:
    """Upload the signed copy of an open declaration (PDF, JPEG or PNG, ≤ 5 MB)."""
    case_file = declaration.case_file
    _require_work(actor, case_file.person)
    if declaration.signed_file:
        raise CaseFileError(_("Er is al een getekend exemplaar opgeladen."))
    check_signed_upload(upload)
    try:
        with transaction.atomic():
            _store_signed(declaration, upload, actor)
            declaration.save()
            _register_step(
                actor,
                case_file,
                "intake_1",
                timezone.localdate(),
                _("Getekende engagementsverklaring opgeladen"),
                Action.UPDATE,
                f"engagement declaration {declaration.pk} signed copy",
            )
    except Exception:
        _remove_file(declaration)
        raise
    return declaration


def open_engagement_file(*, actor, declaration: EngagementDeclaration):
    """The signed copy as an open file, for a protected download. Audited.

    Returns
    -------
    tuple
        ``(file object, content type, download name)``.
    """
    person = declaration.case_file.person
    if not permissions.can_read_engagement_file(actor, person):
        raise PermissionDenied
    if not declaration.signed_file:
        raise CaseFileError(_("Er is geen getekend exemplaar."))
    handle = declaration.signed_file.open("rb")
    _audit_case(
        actor,
        declaration.case_file,
        Action.EXPORT,
        f"engagement declaration {declaration.pk} signed copy",
    )
    suffix = PurePath(declaration.signed_file.name).suffix
    return handle, declaration.signed_content_type, f"engagementsverklaring{suffix}"


def engagements_of_worker(*, actor, person: Person) -> list[EngagementDeclaration]:
    """The worker's own declarations, for their portal. Audited."""
    if not permissions.is_own_worker(actor, person):
        raise PermissionDenied
    items = list(
        EngagementDeclaration.objects.filter(case_file__person=person).select_related(
            "case_file"
        )
    )
    _audit(actor, Action.READ, person_subject(person), "own engagement declarations")
    return items


def start_screening(
    *, actor, case_file: CaseFile, framework, on: date, second_coach
) -> Screening:
    """Intake 2: open a competence round rated by two coaches (and the worker).

    The round is an ``assessments`` round: both coaches rate with STARR notes, the
    worker fills in the self-assessment in their portal, and the round shows the
    ratings side by side with the agreement (weighted kappa).
    """
    from doorstroom.apps.assessments import services as assessments

    person = case_file.person
    _require_form(actor, case_file, "intake_2_screening")
    if (
        second_coach is None
        or second_coach.pk == actor.pk
        or not permissions.can_fill_in_forms(second_coach, person)
    ):
        raise CaseFileError(
            _(
                "Kies als tweede coach een andere collega van de eigen organisatie: "
                "de screening gebeurt met twee coaches."
            )
        )
    with transaction.atomic():
        round_row = assessments.start_round(
            actor=actor, person=person, framework=framework, held_on=on
        )
        screening = Screening.objects.create(
            case_file=case_file,
            assessment_round=round_row,
            date=on,
            first_coach=actor,
            second_coach=second_coach,
            **_recorded_by(actor),
        )
        _register_step(
            actor,
            case_file,
            "intake_2_screening",
            on,
            _("Screening door %(a)s en %(b)s")
            % {"a": _name(actor), "b": _name(second_coach)},
            Action.CREATE,
            f"screening {screening.pk} round {round_row.pk}",
        )
    return screening


def rate_screening(*, actor, screening: Screening, ratings: dict):
    """One of the two coaches stores their ratings and STARR notes."""
    from doorstroom.apps.assessments import services as assessments

    if not permissions.can_rate_screening(actor, screening):
        raise PermissionDenied
    return assessments.save_ratings(
        actor=actor, round_row=screening.assessment_round, ratings=ratings
    )


def open_screening(*, actor, screening: Screening):
    """The screening round: ratings side by side, agreement, STARR (audited)."""
    from doorstroom.apps.assessments import services as assessments

    _require_read(actor, screening.case_file.person)
    return assessments.open_round(actor=actor, round_row=screening.assessment_round)


PDP_ROW_FIELDS = (
    "need",
    "barrier",
    "resource",
    "action",
    "who",
    "due_on",
    "done",
    "evaluation",
    "remarks",
)


def save_pdp(
    *,
    actor,
    case_file: CaseFile,
    where_now: str,
    wants: str,
    rows: list[dict],
    expected_version: int,
    on: date,
) -> TransitionPlan:
    """Save the PDP; ``expected_version`` is the version the editor started from.

    Raises
    ------
    StalePlanError
        When someone saved the PDP in between; nothing is saved.
    """
    _require_form(actor, case_file, POP_STEP)
    kept = [r for r in rows if str(r.get("action") or "").strip()]
    if not kept:
        raise CaseFileError(_("Een PDP heeft minstens één concrete actie."))
    with transaction.atomic():
        plan = TransitionPlan.objects.select_for_update().filter(case_file=case_file)
        plan = plan.first()
        if plan is None:
            if expected_version != 0:
                raise StalePlanError(_("Dit PDP"))
            plan = TransitionPlan.objects.create(
                case_file=case_file,
                where_now=where_now,
                wants=wants,
                updated_by=actor,
                updated_by_name=_name(actor),
            )
        else:
            updated = TransitionPlan.objects.filter(
                pk=plan.pk, version=expected_version
            ).update(
                version=F("version") + 1,
                where_now=where_now,
                wants=wants,
                updated_by=actor,
                updated_by_name=_name(actor),
                updated_at=timezone.now(),
            )
            if updated != 1:
                raise StalePlanError(_("Dit PDP"))
            plan.refresh_from_db()
        plan.rows.all().delete()
        TransitionPlanRow.objects.bulk_create(
            TransitionPlanRow(
                plan=plan,
                position=index,
                **{
                    name: str(row.get(name) or "")
                    for name in PDP_ROW_FIELDS
                    if name not in ("due_on", "done")
                },
                due_on=row.get("due_on"),
                done=bool(row.get("done")),
            )
            for index, row in enumerate(kept)
        )
        done = sum(1 for r in kept if r.get("done"))
        _register_step(
            actor,
            case_file,
            POP_STEP,
            on,
            _("PDP versie %(v)s: %(done)s van %(n)s acties voltooid")
            % {"v": plan.version, "done": done, "n": len(kept)},
            Action.UPDATE,
            f"pdp version {plan.version}",
        )
    return plan


def save_case_file_pop(
    *,
    actor,
    case_file: CaseFile,
    actions: list[dict],
    expected_version: int,
    start_date: date,
):
    """Save the person's POP (``assessments``) from the case file, as a step.

    The POP is the one of ``assessments`` (SMART actions, optimistic locking);
    the step on the timeline dates the POP, which the yearly-POP reminder reads.

    Raises
    ------
    StalePlanError
        When someone saved the POP in between; nothing is saved.
    """
    from doorstroom.apps.assessments import services as assessments

    _require_form(actor, case_file, POP_STEP)
    if not any(str(a.get("action") or "").strip() for a in actions):
        raise CaseFileError(_("Een POP heeft minstens één actie."))
    existing = (
        assessments.m.PopPlan.objects.filter(person=case_file.person)
        .select_related("job_profile")
        .first()
    )
    with transaction.atomic():
        try:
            plan = assessments.save_pop(
                actor=actor,
                person=case_file.person,
                actions=actions,
                expected_version=expected_version,
                start_date=start_date,
                job_profile=existing.job_profile if existing else None,
            )
        except assessments.StalePopError as exc:
            raise StalePlanError(_("Dit POP")) from exc
        _form_step(
            actor,
            case_file,
            POP_STEP,
            start_date,
            _("POP versie %(v)s opgesteld (%(n)s acties)")
            % {"v": plan.version, "n": plan.actions.count()},
        )
    return plan


@dataclass
class PlanOverview:
    """The PDP and POP of a case file, with the yearly-POP flag."""

    case_file: CaseFile
    pdp: TransitionPlan | None
    pop: object | None
    pop_rows: list[dict]
    pop_flag: RuleResult | None
    can_work: bool


def competence_kinds() -> dict[str, str]:
    """Technical or generic, per competence id, from the built-in action library."""
    from doorstroom.domain.competences import builtin_action_library

    return {
        t.competence_id: t.kind.label_nl
        for t in builtin_action_library().actions
        if t.competence_id != "*"
    }


def plan_overview(*, actor, case_file: CaseFile, today: date) -> PlanOverview:
    """PDP rows and the POP's SMART actions; a POP older than a year is flagged.

    The read is audited.
    """
    from doorstroom.apps.assessments.models import PopPlan
    from doorstroom.domain.rules.reminders import POP_OUTDATED

    person = case_file.person
    _require_read(actor, person)
    pdp = (
        TransitionPlan.objects.filter(case_file=case_file)
        .prefetch_related("rows")
        .first()
    )
    pop = PopPlan.objects.filter(person=person).prefetch_related("actions").first()
    kinds = competence_kinds()
    rows = [
        {
            "action": a,
            "kind": kinds.get(a.competence_id, "Generiek") if a.competence_id else "",
        }
        for a in (pop.actions.all() if pop else [])
    ]
    flag = POP_OUTDATED.check(
        last_pop_date=pop.start_date if pop else None, today=today
    )
    _audit_case(actor, case_file, Action.READ, "pdp and pop")
    return PlanOverview(
        case_file=case_file,
        pdp=pdp,
        pop=pop,
        pop_rows=rows,
        pop_flag=None if flag.ok else flag,
        can_work=permissions.can_fill_in_forms(actor, person),
    )


def pop_pdf(*, actor, case_file: CaseFile, today: date) -> bytes:
    """The POP (with the PDP) as a PDF to sign: organisation, person, coach, date,
    actions, signature lines (WeasyPrint). The export is audited."""
    overview = plan_overview(actor=actor, case_file=case_file, today=today)
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    pop = overview.pop
    coach = (
        (pop.updated_by.get_full_name() or pop.updated_by.username)
        if pop is not None and pop.updated_by is not None
        else _name(actor)
    )
    html = render_to_string(
        "casefiles/pop_pdf.html",
        {
            "o": overview,
            "person": case_file.person,
            "organisation": case_file.person.organisation,
            "coach": coach,
            "today": today,
        },
    )
    pdf = HTML(string=html).write_pdf()
    _audit_case(actor, case_file, Action.EXPORT, "pop pdf")
    return pdf


def request_vdab_evaluation(
    *,
    actor,
    case_file: CaseFile,
    requested_on: date,
    requested_by: str,
    reason: str,
    instrument: str,
    evaluator_organisation=None,
    note: str = "",
) -> VdabEvaluationRequest:
    """Register a request for a VDAB evaluation, with its (open) advice."""
    from doorstroom.apps.trajectories.services import open_advice

    person = case_file.person
    _require_form(actor, case_file, "vdab_evaluatie")
    if reason not in EvaluationReason.values or requested_by not in RequestedBy.values:
        raise CaseFileError(_("Kies wie de evaluatie vraagt en waarom."))
    if instrument not in ADVICE_INSTRUMENTS:
        raise CaseFileError(_("Het instrument is CM of LDE."))
    if VdabEvaluationRequest.objects.filter(
        case_file__person=person, advice__result=""
    ).exists():
        raise CaseFileError(
            _("Er loopt al een VDAB-evaluatie: registreer eerst het advies.")
        )
    with transaction.atomic():
        advice = open_advice(
            person=person,
            requested_on=requested_on,
            instrument=instrument,
            evaluator_organisation=evaluator_organisation,
        )
        request = VdabEvaluationRequest.objects.create(
            case_file=case_file,
            advice=advice,
            requested_on=requested_on,
            requested_by=requested_by,
            reason=reason,
            note=note,
            **_recorded_by(actor),
        )
        _register_step(
            actor,
            case_file,
            "vdab_evaluatie",
            requested_on,
            _("VDAB-evaluatie aangevraagd door %(who)s (%(why)s)")
            % {
                "who": request.get_requested_by_display().lower(),
                "why": request.get_reason_display().lower(),
            },
            Action.CREATE,
            f"vdab evaluation request {request.pk} advice {advice.external_id}",
        )
    return request


INTERVIEW_FIELDS = (
    "date",
    "evaluator_name",
    "attendees",
    "worker_questionnaire",
    "employer_questionnaire",
    "pop_date",
    "summary",
)


def record_vdab_interview(
    *, actor, request: VdabEvaluationRequest, values: dict
) -> VdabEvaluationInterview:
    """Record the evaluation interview of a request (once)."""
    case_file = request.case_file
    _require_form(actor, case_file, "vdab_evaluatie")
    if hasattr(request, "interview"):
        raise CaseFileError(_("Het evaluatiegesprek is al geregistreerd."))
    if values["date"] < request.requested_on:
        raise CaseFileError(_("Het gesprek ligt voor de aanvraag."))
    with transaction.atomic():
        interview = VdabEvaluationInterview.objects.create(
            request=request,
            **_recorded_by(actor),
            **{name: values.get(name) for name in INTERVIEW_FIELDS},
        )
        _register_step(
            actor,
            case_file,
            "vdab_evaluatie",
            interview.date,
            _("Evaluatiegesprek met %(who)s") % {"who": interview.evaluator_name},
            Action.CREATE,
            f"vdab evaluation interview {interview.pk}",
        )
    return interview


def interview_pop_flag(interview: VdabEvaluationInterview) -> RuleResult | None:
    """The POP shown at the interview was older than a year (or missing)."""
    from doorstroom.domain.rules.reminders import POP_OUTDATED

    result = POP_OUTDATED.check(last_pop_date=interview.pop_date, today=interview.date)
    return None if result.ok else result


def record_vdab_advice(
    *, actor, request: VdabEvaluationRequest, result: str, on: date, instrument: str
) -> Advice:
    """Record the advice (doorstroomklaar or not) on the request's ``Advice``,
    so the monitoring export counts it."""
    from doorstroom.apps.trajectories.services import conclude_advice

    case_file = request.case_file
    _require_form(actor, case_file, "vdab_evaluatie")
    advice = request.advice
    if advice.result:
        raise CaseFileError(_("Het advies is al geregistreerd."))
    if result not in AdviceResult.values:
        raise CaseFileError(_("Kies doorstroomklaar of niet doorstroomklaar."))
    if instrument not in ADVICE_INSTRUMENTS:
        raise CaseFileError(_("Het instrument is CM of LDE."))
    if on < request.requested_on:
        raise CaseFileError(_("Het advies ligt voor de aanvraag."))
    with transaction.atomic():
        conclude_advice(advice=advice, result=result, on=on, instrument=instrument)
        _register_step(
            actor,
            case_file,
            "vdab_evaluatie",
            on,
            _("Advies VDAB: %(result)s (%(instrument)s)")
            % {"result": advice.get_result_display().lower(), "instrument": instrument},
            Action.UPDATE,
            f"vdab advice {advice.external_id} {result}",
        )
    return advice


@dataclass
class VdabOverview:
    case_file: CaseFile
    requests: list[VdabEvaluationRequest]
    can_work: bool


def vdab_overview(*, actor, case_file: CaseFile) -> VdabOverview:
    """The VDAB evaluation requests, interviews and advices of a case file. Audited."""
    _require_read(actor, case_file.person)
    requests = list(case_file.vdab_requests.select_related("advice", "interview").all())
    for item in requests:
        interview = getattr(item, "interview", None)
        item.pop_flag = interview_pop_flag(interview) if interview else None
    _audit_case(actor, case_file, Action.READ, "vdab evaluations")
    return VdabOverview(
        case_file=case_file,
        requests=requests,
        can_work=permissions.can_fill_in_forms(actor, case_file.person),
    )


@dataclass
class IntakeOverview:
    case_file: CaseFile
    intakes: list[IntakeRecord]
    engagements: list[EngagementDeclaration]
    screenings: list[Screening]
    can_work: bool


def intake_overview(*, actor, case_file: CaseFile) -> IntakeOverview:
    """Intake forms, engagement declarations and screenings of a case file. Audited."""
    _require_read(actor, case_file.person)
    data = IntakeOverview(
        case_file=case_file,
        intakes=list(case_file.intakes.all()),
        engagements=list(case_file.engagements.all()),
        screenings=list(
            case_file.screenings.select_related(
                "first_coach", "second_coach", "assessment_round__framework"
            )
        ),
        can_work=permissions.can_fill_in_forms(actor, case_file.person),
    )
    _audit_case(actor, case_file, Action.READ, "intake forms")
    return data
