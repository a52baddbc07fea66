"""The coach's caseload: per person the phase, what is due and what is overdue.

Assignment of persons to coaches: the data model has no explicit assignment. The
coach of a person is the user who opened the person's *current* case file: the
most recently started case file that is active or paused (``CaseFile.opened_by``).
A person without an open case file has no coach. A coach's caseload size is the
number of (not erased) persons whose current case file they opened.

Every page here runs a constant number of queries, whatever the number of persons:
the rows come from a handful of batch queries (persons, current case files with
their last phase, reminder facts in :func:`services.reminder_facts_for`).

The work per request follows the coach's caseload, not the organisation: a user
with a caseload sees "only my persons" by default, selected in SQL before anything
is loaded. The "all persons" table of a large organisation (more than
:data:`FULL_TABLE_LIMIT` persons), sorted by name without a phase or overdue
filter, is counted and paged in SQL; phase and reminders are then computed for the
rows of the page only and the per-phase counts come from one aggregate query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from doorstroom.apps.access import policies
from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import person_subjects, record
from doorstroom.apps.target_workers.models import Person
from doorstroom.domain.rules import RuleResult
from doorstroom.domain.trajectory_types import get_trajectory_type

from . import permissions, services
from .models import CaseFile, CaseStatus, StepRecord

#: Rows per page of the caseload table.
PAGE_SIZE = 50
#: Above this many persons, the "all persons" table sorted by name without a phase
#: or overdue filter is paged in SQL (phase and reminders for the shown rows only;
#: the number of persons with overdue reminders is then not computed).
FULL_TABLE_LIMIT = 500
#: Sort keys of the caseload table (``-`` prefix: descending).
SORT_KEYS = ("naam", "fase", "vervaldatum", "achterstand")
OPEN_STATUSES = (CaseStatus.ACTIVE, CaseStatus.PAUSED)


def caseload_limit() -> int:
    """The configured caseload limit (setting ``DOORSTROOM_CASELOAD_LIMIT``, default 20)."""
    return int(settings.DOORSTROOM_CASELOAD_LIMIT)


def _current_only(files: QuerySet[CaseFile]) -> QuerySet[CaseFile]:
    """Those of ``files`` that are the current case file of their person: the most
    recently started one that is active or paused."""
    latest_open = (
        CaseFile.objects.filter(
            person_id=OuterRef("person_id"), status__in=OPEN_STATUSES
        )
        .order_by("-started_on", "-id")
        .values("pk")[:1]
    )
    return files.filter(status__in=OPEN_STATUSES).filter(pk=Subquery(latest_open))


def _with_last_phase(files: QuerySet[CaseFile]) -> QuerySet[CaseFile]:
    last_phase = (
        StepRecord.objects.filter(case_file_id=OuterRef("pk"))
        .exclude(phase="")
        .order_by("-date", "-id")
        .values("phase")[:1]
    )
    return files.annotate(last_phase=Subquery(last_phase))


def current_case_files(persons: QuerySet[Person] | list[int]) -> QuerySet[CaseFile]:
    """The current (most recent open) case file of each of ``persons``, with the
    phase of its last registered entry annotated as ``last_phase``."""
    return _with_last_phase(
        _current_only(CaseFile.objects.filter(person_id__in=persons))
    ).select_related("opened_by")


def _coached_by(user: User) -> QuerySet[CaseFile]:
    """Ids of the persons whose current case file ``user`` opened (a subquery)."""
    return _current_only(CaseFile.objects.filter(opened_by=user)).values("person_id")


def _coached_persons(user: User) -> list[Person]:
    """The persons (not erased, any organisation) whose current case file
    ``user`` opened, with their organisation."""
    return list(
        Person.objects.active()
        .filter(pk__in=_coached_by(user))
        .select_related("organisation")
    )


def caseload_size(user: User) -> int:
    """The caseload size of ``user``: persons (not erased) of their own
    organisation whose current case file they opened, in one query."""
    return (
        Person.objects.active()
        .filter(organisation_id=user.organisation_id, pk__in=_coached_by(user))
        .count()
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
    #: Only the persons whose current case file the actor opened. ``None``: the
    #: default, which is "only my persons" for a user with a caseload of at least
    #: one person, otherwise all persons the user may see.
    mine_only: bool | None = None
    sort: str = "naam"
    page: int = 1


@dataclass
class Caseload:
    """The table rows shown (one page) and the counts over the whole caseload."""

    rows: list[CaseloadRow]
    #: Persons in the chosen scope (my persons, or all persons the user may see).
    total: int
    shown_total: int
    per_phase: dict[str, int]
    #: Persons of the scope with overdue reminders; ``None`` when not computed
    #: (the "all persons" table of a large organisation, paged in SQL).
    overdue_persons: int | None
    load: Load | None
    query: CaseloadQuery
    page: int
    pages: int
    phases: list[str] = field(default_factory=list)
    #: The scope shown: only the actor's persons (``True``) or all (``False``).
    mine_only: bool = False


def _phase_label(type_id: str, version: int, last_phase: str | None) -> str:
    """The name of a case file's phase: that of its last registered entry, the
    first phase of its type when nothing was registered yet."""
    try:
        trajectory_type = get_trajectory_type(type_id, version)
    except KeyError:
        return last_phase or ""
    if not last_phase:
        return trajectory_type.phases[0].name
    try:
        return trajectory_type.phase(last_phase).name
    except KeyError:
        return last_phase


def _phase_name(case_file: CaseFile | None) -> str:
    if case_file is None:
        return ""
    return _phase_label(
        case_file.trajectory_type, case_file.type_version, case_file.last_phase
    )


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

    The scope is "only my persons" (``query.mine_only``; by default for a user with
    a caseload of at least one person), selected in SQL, or all persons the user
    may see. Counts cover the whole scope; the rows one page of the filtered,
    sorted table. Every person shown is recorded in the audit trail.
    """
    if _role_of(actor) not in policies.FILE_ROLES:
        raise PermissionDenied
    with_caseload = permissions.has_caseload(actor)
    coached = _coached_persons(actor) if with_caseload or query.mine_only else []
    # caseload_size(actor), from the rows already loaded
    size = (
        sum(1 for p in coached if p.organisation_id == actor.organisation_id)
        if with_caseload
        else 0
    )
    mine = bool(size) if query.mine_only is None else query.mine_only
    load = Load(size=size, limit=caseload_limit()) if with_caseload else None
    if mine:
        # The coached persons the actor may see and whose case file they may
        # read: the own organisation's persons are both (no query); any other
        # is checked against the readable set (a subset of the visible one).
        others = {p.pk for p in coached if not policies.own_file(actor, p)}
        allowed = (
            set(
                permissions.persons_with_readable_case_files(actor)
                .filter(pk__in=others)
                .values_list("pk", flat=True)
            )
            if others
            else set()
        )
        persons = [p for p in coached if p.pk not in others or p.pk in allowed]
        readable_ids = {p.pk for p in persons}
    else:
        visible = policies.persons_visible_to(actor)
        readable = permissions.persons_with_readable_case_files(actor)
        if query.sort.lstrip("-") == "naam" and not (query.phase or query.overdue_only):
            total = visible.count()
            if total > FULL_TABLE_LIMIT:
                return _paged_in_sql(
                    actor=actor,
                    query=query,
                    today=today,
                    visible=visible,
                    readable=readable,
                    total=total,
                    load=load,
                )
        persons = list(visible.select_related("organisation"))
        readable_ids = set(
            readable.filter(pk__in=visible.values("pk")).values_list("pk", flat=True)
        )
    rows = _rows(actor, persons, readable_ids, today, with_caseload)
    per_phase: dict[str, int] = {}
    for row in rows:
        if row.person.pk not in readable_ids:
            continue  # the trajectory of this person is not the actor's to see
        key = row.phase or _("Geen lopend traject")
        per_phase[key] = per_phase.get(key, 0) + 1
    shown = _filter(rows, query)
    sort = query.sort.lstrip("-")
    shown.sort(
        key=_sort_key(sort if sort in SORT_KEYS else "naam"),
        reverse=query.sort.startswith("-"),
    )
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    page_rows = shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    _audit(actor, page_rows)
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
        mine_only=mine,
    )


def _rows(
    actor: User,
    persons: list[Person],
    readable_ids: set[int],
    today: date,
    with_caseload: bool,
) -> list[CaseloadRow]:
    """The rows of ``persons`` (in that order): current case file and phase for the
    readable ones, reminders for the actor's own organisation's persons."""
    files = {
        cf.person_id: cf
        for cf in current_case_files([p.pk for p in persons if p.pk in readable_ids])
    }
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
    return rows


def _paged_in_sql(
    *,
    actor: User,
    query: CaseloadQuery,
    today: date,
    visible: QuerySet[Person],
    readable: QuerySet[Person],
    total: int,
    load: Load | None,
) -> Caseload:
    """The "all persons" table sorted by name, without phase or overdue filter:
    counted and paged in SQL, phase and reminders for the rows of the page only,
    per-phase counts from one aggregate query over the current case files."""
    shown_qs = _search(visible, query.q)
    shown_total = shown_qs.count() if query.q.strip() else total
    pages = max(1, -(-shown_total // PAGE_SIZE))
    page = min(max(query.page, 1), pages)
    descending = query.sort.startswith("-")
    order = [
        key.desc() if descending else key.asc()
        for key in (Lower("last_name"), Lower("first_name"), F("id"))
    ]
    start = (page - 1) * PAGE_SIZE
    persons = list(
        shown_qs.select_related("organisation").order_by(*order)[
            start : start + PAGE_SIZE
        ]
    )
    readable_visible = visible.filter(pk__in=readable.values("pk"))
    readable_ids = set(
        readable.filter(pk__in=[p.pk for p in persons]).values_list("pk", flat=True)
    )
    rows = _rows(actor, persons, readable_ids, today, load is not None)
    per_phase: dict[str, int] = {}
    grouped = (
        _with_last_phase(
            _current_only(CaseFile.objects.filter(person__in=readable_visible))
        )
        .order_by()
        .values("trajectory_type", "type_version", "last_phase")
        .annotate(n=Count("pk"))
    )
    for group in grouped:
        label = _phase_label(
            group["trajectory_type"], group["type_version"], group["last_phase"]
        )
        per_phase[label] = per_phase.get(label, 0) + group["n"]
    phases = sorted(label for label in per_phase if label)
    # Readable persons without a current case file (or with an unnamed phase).
    per_phase.pop("", None)
    without = readable_visible.count() - sum(per_phase.values())
    if without:
        key = _("Geen lopend traject")
        per_phase[key] = per_phase.get(key, 0) + without
    _audit(actor, rows)
    return Caseload(
        rows=rows,
        total=total,
        shown_total=shown_total,
        per_phase=dict(sorted(per_phase.items())),
        overdue_persons=None,
        load=load,
        query=query,
        page=page,
        pages=pages,
        phases=phases,
        mine_only=False,
    )


def _search(persons: QuerySet[Person], q: str) -> QuerySet[Person]:
    """The search of :func:`_filter` in SQL: part of a name or the municipality,
    or the exact external id (case-insensitive)."""
    text = q.strip()
    if not text:
        return persons
    return persons.filter(
        Q(first_name__icontains=text)
        | Q(last_name__icontains=text)
        | Q(municipality__icontains=text)
        | Q(external_id__iexact=text)
    )


def _audit(actor: User, rows: list[CaseloadRow]) -> None:
    record(
        actor=actor,
        action=Action.LIST,
        subjects=person_subjects([r.person for r in rows]),
        detail="caseload",
    )


def _role_of(user) -> str | None:
    return (
        getattr(user, "role", None)
        if user.is_authenticated and user.is_active
        else None
    )


def _filter(rows: list[CaseloadRow], query: CaseloadQuery) -> list[CaseloadRow]:
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
