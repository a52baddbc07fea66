"""The coach's caseload: per person the phase, what is due and what is overdue.

Assignment of persons to coaches: the data model has no explicit assignment. The
coach of a person is the user who opened the person's *current* case file: the
most recently started case file that is active or paused (``CaseFile.opened_by``).
A person without an open case file has no coach. A coach's caseload size is the
number of (not erased) persons whose current case file they opened.

Every page here runs a constant number of queries, whatever the number of persons:
the rows come from a handful of batch queries (persons, current case files with
their last phase, reminder facts in :func:`services.reminder_facts_for`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import person_subjects, record
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.rules import RuleResult

from . import permissions, services
from .models import CaseFile, CaseStatus, StepRecord

#: Default caseload limit per coach (supported-employment practice: about 20).
#: Rows per page of the caseload table.
PAGE_SIZE = 50
#: Sort keys of the caseload table (``-`` prefix: descending).
SORT_KEYS = ("naam", "fase", "vervaldatum", "achterstand")
OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.PAUSED)


def caseload_limit() -> int:
    """The configured caseload limit (setting ``DOORSTROOM_CASELOAD_LIMIT``, default 20)."""
    return int(settings.DOORSTROOM_CASELOAD_LIMIT)


def current_case_files(persons: QuerySet[Person] | list[int]) -> QuerySet[CaseFile]:
    """The current (most recent open) case file of each of ``persons``, with the
    phase of its last registered entry annotated as ``last_phase``."""
    latest_open = (
        CaseFile.objects.filter(
            person_id=OuterRef("person_id"), status__in=OPEN_STATUSES
        )
        .order_by("-started_on", "-id")
        .values("pk")[:1]
    )
    last_phase = (
        StepRecord.objects.filter(case_file_id=OuterRef("pk"))
        .exclude(phase="")
        .order_by("-date", "-id")
        .values("phase")[:1]
    )
    return (
        CaseFile.objects.filter(person_id__in=persons, status__in=OPEN_STATUSES)
        .filter(pk=Subquery(latest_open))
        .annotate(last_phase=Subquery(last_phase))
        .select_related("opened_by")
    )


def caseload_sizes(organisation_id: int) -> dict[int, int]:
    """Number of persons per coach (user id) in an organisation, in one query."""
    persons = Person.objects.active().filter(organisation_id=organisation_id)
    rows = (
        current_case_files(persons.values("pk"))
        .exclude(opened_by=None)
        .values("opened_by")
        .annotate(n=Count("person", distinct=True))
    )
    return {row["opened_by"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Load:
    """A coach's caseload size against the limit."""

    size: int
    limit: int

    @property
    def overloaded(self) -> bool:
        return self.size > self.limit

    @property
    def label(self) -> str:
        text = f"{self.size} / {self.limit}"
        return f"{text} — {_('overbelast')}" if self.overloaded else text


@dataclass
class CaseloadRow:
    """One person of the caseload."""

    person: Person
    case_file: CaseFile | None
    phase: str
    coach_id: int | None
    coach_name: str
    reminders: list[RuleResult]
    today: date

    @property
    def due(self) -> list[RuleResult]:
        return [r for r in self.reminders if r.due_on is None or r.due_on >= self.today]

    @property
    def overdue(self) -> list[RuleResult]:
        return [
            r for r in self.reminders if r.due_on is not None and r.due_on < self.today
        ]

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)

    @property
    def next_due(self) -> date | None:
        return min((r.due_on for r in self.reminders if r.due_on), default=None)


@dataclass(frozen=True)
class CaseloadQuery:
    """Filters and sort order of the caseload table."""

    q: str = ""
    phase: str = ""
    overdue_only: bool = False
    mine_only: bool = False
    sort: str = "naam"
    page: int = 1


@dataclass
class Caseload:
    """The table rows shown (one page) and the counts over the whole caseload."""

    rows: list[CaseloadRow]
    total: int
    shown_total: int
    per_phase: dict[str, int]
    overdue_persons: int
    load: Load | None
    query: CaseloadQuery
    page: int
    pages: int
    phases: list[str] = field(default_factory=list)


def _phase_name(case_file: CaseFile | None) -> str:
    if case_file is None:
        return ""
    try:
        trajectory_type = services.case_type(case_file)
    except KeyError:
        return case_file.last_phase or ""
    if not case_file.last_phase:
        return trajectory_type.phases[0].name
    try:
        return trajectory_type.phase(case_file.last_phase).name
    except KeyError:
        return case_file.last_phase


def _sort_key(sort: str):
    far = date.max
    keys = {
        "naam": lambda r: (
            r.person.last_name.lower(),
            r.person.first_name.lower(),
            r.person.pk,
        ),
        "fase": lambda r: (
            r.phase == "",
            r.phase.lower(),
            r.person.last_name.lower(),
            r.person.pk,
        ),
        "vervaldatum": lambda r: (
            r.next_due or far,
            r.person.last_name.lower(),
            r.person.pk,
        ),
        "achterstand": lambda r: (
            r.overdue_count,
            r.person.last_name.lower(),
            r.person.pk,
        ),
    }
    return keys[sort]


def coach_caseload(*, actor: User, query: CaseloadQuery, today: date) -> Caseload:
    """The caseload table of ``actor``: the persons they may see, each with the phase
    of the current case file (when the case file is readable) and the due and
    overdue reminders (for the actor's own organisation's persons).

    Counts cover the whole caseload; the rows one page of the filtered, sorted
    table. Every person shown is recorded in the audit trail.
    """
    if _role_of(actor) not in policies.FILE_ROLES:
        raise PermissionDenied
    persons = list(policies.persons_visible_to(actor).select_related("organisation"))
    readable = set(
        permissions.persons_with_readable_case_files(actor).values_list("pk", flat=True)
    )
    files = {
        cf.person_id: cf
        for cf in current_case_files([p.pk for p in persons if p.pk in readable])
    }
    with_caseload = permissions.has_caseload(actor)
    own = [
        p
        for p in persons
        if with_caseload and p.organisation_id == actor.organisation_id
    ]
    # Reminders are the own organisation's work (as on the reminders page).
    reminders = services.reminders_for(own, today) if own else {}
    rows = []
    for person in persons:
        case_file = files.get(person.pk)
        coach = case_file.opened_by if case_file is not None else None
        rows.append(
            CaseloadRow(
                person=person,
                case_file=case_file,
                phase=_phase_name(case_file),
                coach_id=coach.pk if coach else None,
                coach_name=(coach.get_full_name() or coach.username) if coach else "",
                reminders=reminders.get(person.pk, []),
                today=today,
            )
        )
    per_phase: dict[str, int] = {}
    for row in rows:
        if row.person.pk not in readable:
            continue  # the trajectory of this person is not the actor's to see
        key = row.phase or _("Geen lopend traject")
        per_phase[key] = per_phase.get(key, 0) + 1
    load = None
    if with_caseload:
        size = sum(
            1
            for r in rows
            if r.coach_id == actor.pk
            and r.person.organisation_id == actor.organisation_id
        )
        load = Load(size=size, limit=caseload_limit())
    shown = _filter(rows, query, actor.pk)
    sort = query.sort.lstrip("-")
    shown.sort(
        key=_sort_key(sort if sort in SORT_KEYS else "naam"),
        reverse=query.sort.startswith("-"),
    )
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    page_rows = shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    record(
        actor=actor,
        action=Action.LIST,
        subjects=person_subjects([r.person for r in page_rows]),
        detail="caseload",
    )
    return Caseload(
        rows=page_rows,
        total=len(rows),
        shown_total=len(shown),
        per_phase=dict(sorted(per_phase.items())),
        overdue_persons=sum(1 for r in rows if r.overdue_count),
        load=load,
        query=query,
        page=page,
        pages=pages,
        phases=sorted({r.phase for r in rows if r.phase}),
    )


def _role_of(user) -> str | None:
    return (
        getattr(user, "role", None)
        if user.is_authenticated and user.is_active
        else None
    )


def _filter(
    rows: list[CaseloadRow], query: CaseloadQuery, actor_id: int
) -> list[CaseloadRow]:
    text = query.q.strip().lower()
    result = []
    for row in rows:
        p = row.person
        if text and not (
            text in p.first_name.lower()
            or text in p.last_name.lower()
            or text in (p.municipality or "").lower()
            or text == (p.external_id or "").lower()
        ):
            continue
        if query.phase and row.phase != query.phase:
            continue
        if query.overdue_only and not row.overdue_count:
            continue
        if query.mine_only and row.coach_id != actor_id:
            continue
        result.append(row)
    return result


@dataclass(frozen=True)
class CoachLoad:
    """One coach of the organisation overview."""

    user: User
    load: Load

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.username


def organisation_overview(*, actor: User) -> list[CoachLoad]:
    """The case workers of the actor's organisation with their caseload size,
    largest first. Only counts: nothing personal is shown, so nothing is audited."""
    if not policies.can_see_caseload_overview(actor):
        raise PermissionDenied
    sizes = caseload_sizes(actor.organisation_id)
    limit = caseload_limit()
    users = User.objects.filter(
        organisation_id=actor.organisation_id, is_active=True
    ).filter(
        Q(role__in=[Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN])
        | Q(pk__in=list(sizes))
    )
    loads = [
        CoachLoad(user=u, load=Load(size=sizes.get(u.pk, 0), limit=limit))
        for u in users
    ]
    loads.sort(key=lambda c: (-c.load.size, c.name.lower()))
    return loads
