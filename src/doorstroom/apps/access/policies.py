"""Who may see and change which personal data.

Rules (see docs/access.md):

- A case worker (coach, werkvloerbegeleider, organisation administrator) sees the
  persons of their own organisation.
- A case worker of another organisation (a doorstroompartner, a VDAB evaluator)
  sees a person only while a consent in force for that organisation *and* a link
  exist: an open trajectory with that partner (consent purpose ``traject``), a
  handover to it that has not ended (``overdracht``), or an open VDAB evaluation
  (``evaluatie``). Withdrawing the consent ends access at once. Through a consent
  they see only the parts of the file the consent's scope names.
- A worker sees their own file, and nothing else.
- An NEC employer contact sees only the stages and vacancies their organisation is
  party to, never a person's file.
- An analyst sees aggregate, disclosure-controlled figures only: no personal data.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from doorstroom.apps.accounts.models import Role, User
from doorstroom.apps.audit_events.models import AuditEvent
from doorstroom.apps.consents.models import Consent, DataScope, Purpose
from doorstroom.apps.placements.models import Placement, Vacancy
from doorstroom.apps.target_workers.models import Person
from doorstroom.apps.trajectories.models import Advice, Handover, Trajectory

#: Roles that work in persons' files.
FILE_ROLES = frozenset(
    {Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN, Role.VDAB_EVALUATOR}
)
#: Roles that may change a file of their own organisation.
EDIT_ROLES = frozenset({Role.COACH, Role.FLOOR_SUPERVISOR, Role.ORG_ADMIN})
ALL_SECTIONS = frozenset(DataScope.values)


def _role(user) -> str | None:
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


def _linked_person_ids(
    organisation_id: int, today: date, *, evaluation_only=False
) -> list[QuerySet]:
    """Ids of the persons linked to an organisation with a consent in force: an
    open trajectory with it (consent ``traject``), a handover to it that has not
    ended (``overdracht``) or an open VDAB evaluation by it (``evaluatie``); for a
    VDAB evaluator only the evaluation link counts.

    Each link is one uncorrelated id set, so the database evaluates it once
    instead of once per person, and the caller combines the sets with ``UNION``
    so that no ``OR`` forces a scan of every person.
    """
    consents = Consent.objects.in_force(timezone.now()).filter(
        organisation_id=organisation_id
    )

    def consented(purpose: str) -> QuerySet:
        return consents.filter(purpose=purpose).values("person_id")

    evaluation = (
        Advice.objects.filter(evaluator_organisation_id=organisation_id, result="")
        .filter(person_id__in=consented(Purpose.EVALUATION))
        .order_by()
        .values("person_id")
    )
    if evaluation_only:
        return [evaluation]
    trajectory = (
        Trajectory.objects.filter(partner_id=organisation_id)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(person_id__in=consented(Purpose.TRAJECTORY))
        .order_by()
        .values("person_id")
    )
    return [trajectory, _handed_over_ids(organisation_id, today), evaluation]


def persons_visible_to(user: User) -> QuerySet[Person]:
    """The persons whose file ``user`` may open (erased persons excluded)."""
    role = _role(user)
    persons = Person.objects.active()
    if role == Role.TARGET_WORKER:
        return persons.filter(user_id=user.pk)
    if role not in FILE_ROLES or user.organisation_id is None:
        return persons.none()
    org = user.organisation_id
    today = timezone.localdate()
    if role == Role.VDAB_EVALUATOR:
        (evaluation,) = _linked_person_ids(org, today, evaluation_only=True)
        return persons.filter(pk__in=evaluation)
    own = Person.objects.filter(organisation_id=org).order_by().values("pk")
    return persons.filter(pk__in=own.union(*_linked_person_ids(org, today)))


def own_file(user: User, person: Person) -> bool:
    """The cheap half of :func:`persons_visible_to`, without a query: a case
    worker's own organisation's person, or the worker's own file (not erased)."""
    role = _role(user)
    if person.erased_at is not None or role is None:
        return False
    if role == Role.TARGET_WORKER:
        return person.user_id is not None and person.user_id == user.pk
    return (
        role in FILE_ROLES
        and role != Role.VDAB_EVALUATOR
        and user.organisation_id is not None
        and person.organisation_id == user.organisation_id
    )


def can_view_person(user: User, person: Person) -> bool:
    if own_file(user, person):
        return True
    return persons_visible_to(user).filter(pk=person.pk).exists()


def visible_person(user: User, pk: int) -> Person | None:
    """The person ``pk`` (with its organisation) if ``user`` may open their file.

    Exactly ``persons_visible_to(user).filter(pk=pk)``; the user's own
    organisation's persons (and a worker's own file) are recognised from the row
    itself, so the usual case costs one primary-key look-up instead of the
    visibility query.
    """
    person = Person.objects.select_related("organisation").filter(pk=pk).first()
    if person is None or not can_view_person(user, person):
        return None
    return person


def visible_sections(user: User, person: Person) -> frozenset[str]:
    """The parts of ``person``'s file that ``user`` may see (empty: none)."""
    role = _role(user)
    if role is None or person.erased_at is not None:
        return frozenset()
    if role == Role.TARGET_WORKER:
        return ALL_SECTIONS if person.user_id == user.pk else frozenset()
    if role not in FILE_ROLES or user.organisation_id is None:
        return frozenset()
    if role != Role.VDAB_EVALUATOR and person.organisation_id == user.organisation_id:
        return ALL_SECTIONS
    if not can_view_person(user, person):
        return frozenset()
    scopes: set[str] = {DataScope.IDENTITY}
    for consent in Consent.objects.in_force().filter(
        person=person, organisation_id=user.organisation_id
    ):
        scopes.update(s for s in consent.scope if s in ALL_SECTIONS)
    return frozenset(scopes)


def can_edit_person(user: User, person: Person) -> bool:
    """Change the file: case workers of the person's own organisation."""
    role = _role(user)
    return (
        role in EDIT_ROLES
        and person.erased_at is None
        and person.organisation_id is not None
        and person.organisation_id == user.organisation_id
    )


def can_manage_consents(user: User, person: Person) -> bool:
    """Record or withdraw consents: the worker themself, or their own coach."""
    role = _role(user)
    if role == Role.TARGET_WORKER:
        return person.user_id == user.pk
    return can_edit_person(user, person)


def can_erase_person(user: User, person: Person) -> bool:
    """Anonymise: the administrator of the person's own organisation."""
    return (
        _role(user) == Role.ORG_ADMIN
        and person.erased_at is None
        and person.organisation_id == user.organisation_id
    )


def can_export_person(user: User, person: Person) -> bool:
    """A data export (GDPR access request): the worker, or their organisation's admin."""
    role = _role(user)
    if role == Role.TARGET_WORKER:
        return person.user_id == user.pk
    return can_erase_person(user, person)


def placements_visible_to(user: User) -> QuerySet[Placement]:
    role = _role(user)
    placements = Placement.objects.select_related("person", "host", "organiser")
    if role == Role.EMPLOYER_CONTACT and user.organisation_id:
        return placements.filter(host_id=user.organisation_id)
    if role == Role.TARGET_WORKER:
        return placements.filter(person__user_id=user.pk)
    if role in FILE_ROLES:
        visible = sections_holders(user, DataScope.TRAJECTORY)
        return placements.filter(person__in=visible)
    return placements.none()


def sections_holders(user: User, section: str) -> QuerySet[Person]:
    """Visible persons whose ``section`` the user may see (own organisation or consent scope)."""
    visible = persons_visible_to(user)
    if _role(user) == Role.TARGET_WORKER:
        return visible
    org = user.organisation_id
    scoped = Q(
        pk__in=Consent.objects.in_force()
        .filter(organisation_id=org)
        .filter(scope_codes__contains=f" {section} ")
        .values("person_id")
    )
    if _role(user) == Role.VDAB_EVALUATOR:
        return visible.filter(scoped)
    return visible.filter(Q(organisation_id=org) | scoped)


def vacancies_visible_to(user: User) -> QuerySet[Vacancy]:
    """Vacancies hold no personal data: case workers and workers see all of them;
    an employer contact sees its own organisation's; an analyst none."""
    role = _role(user)
    vacancies = Vacancy.objects.select_related("employer")
    if role == Role.EMPLOYER_CONTACT and user.organisation_id:
        return vacancies.filter(employer_id=user.organisation_id)
    if role in FILE_ROLES or role == Role.TARGET_WORKER:
        return vacancies
    return vacancies.none()


def audit_events_visible_to(user: User) -> QuerySet[AuditEvent]:
    """A worker sees who looked at their file; an administrator their organisation's trail."""
    role = _role(user)
    if role == Role.TARGET_WORKER:
        person_id = (
            Person.objects.filter(user_id=user.pk).values_list("pk", flat=True).first()
        )
        if person_id is None:
            return AuditEvent.objects.none()
        return AuditEvent.objects.filter(person_id=person_id)
    if role == Role.ORG_ADMIN and user.organisation_id:
        org = user.organisation_id
        return AuditEvent.objects.filter(
            Q(person_organisation_id=org) | Q(actor_organisation_id=org)
        )
    return AuditEvent.objects.none()


def can_see_aggregates(user: User) -> bool:
    return _role(user) in {Role.ANALYST, Role.ORG_ADMIN}


def can_see_exact_figures(user: User) -> bool:
    """Unsuppressed figures: never in the web app or API for now (see docs/access.md)."""
    return False


# --- NEC employer after a warm handover (issue 4). Additive: the rules above are
# unchanged. An NEC employer contact sees a person's case-file data only while
# (a) a handover of that person to the employer's organisation has not ended and
# (b) a consent in force with purpose ``overdracht`` names that organisation; what
# they see is limited to that consent's scope. Withdrawal ends it at once.


def _handed_over_ids(
    organisation_id: int, today: date, section: str | None = None
) -> QuerySet:
    """Ids of the persons with a handover to the organisation that has not ended
    and a handover consent in force for it (whose scope names ``section`` when
    given): one uncorrelated id set, as in :func:`_linked_person_ids`."""
    consents = Consent.objects.in_force(timezone.now()).filter(
        organisation_id=organisation_id, purpose=Purpose.HANDOVER
    )
    if section is not None:
        consents = consents.filter(scope_codes__contains=f" {section} ")
    return (
        Handover.objects.filter(to_organisation_id=organisation_id)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .filter(person_id__in=consents.values("person_id"))
        .order_by()
        .values("person_id")
    )


def persons_handed_over_to(user: User, section: str | None = None) -> QuerySet[Person]:
    """Persons handed over (warm handover, with consent) to an NEC employer contact's
    organisation; with ``section``, only those whose consent scope names it.

    Empty for every other role, so callers may union it with their own rules.
    """
    if _role(user) != Role.EMPLOYER_CONTACT or user.organisation_id is None:
        return Person.objects.none()
    return Person.objects.active().filter(
        pk__in=_handed_over_ids(user.organisation_id, timezone.localdate(), section)
    )


def handover_sections(user: User, person: Person) -> frozenset[str]:
    """The parts of ``person``'s file an NEC employer contact sees after a handover:
    the scope of the handover consents in force (empty without handover or consent)."""
    if (
        person.erased_at is not None
        or not persons_handed_over_to(user).filter(pk=person.pk).exists()
    ):
        return frozenset()
    scopes: set[str] = set()
    for consent in Consent.objects.in_force().filter(
        person=person, organisation_id=user.organisation_id, purpose=Purpose.HANDOVER
    ):
        scopes.update(s for s in consent.scope if s in ALL_SECTIONS)
    return frozenset(scopes)


def placements_after_handover(user: User) -> QuerySet[Placement]:
    """Stages of persons handed over to an NEC employer contact's organisation with
    the ``traject`` section in the consent scope (beside its own hosted stages)."""
    persons = persons_handed_over_to(user, DataScope.TRAJECTORY)
    return Placement.objects.select_related("person", "host", "organiser").filter(
        person__in=persons
    )


# --- Caseload and outcome figures (issue 4)


def can_see_caseload_overview(user: User) -> bool:
    """The organisation overview of caseload sizes: the organisation administrator."""
    return _role(user) == Role.ORG_ADMIN and user.organisation_id is not None


def can_see_outcome_figures(user: User) -> bool:
    """Toeleiding outcome figures: the organisation administrator (own organisation)
    and the analyst (all organisations, suppressed)."""
    return _role(user) in {Role.ORG_ADMIN, Role.ANALYST}


# --- Organisation network and "doorstroomklaar?" self-assessment (issue 4)

#: Roles that keep their organisation's partner network and readiness self-assessment.
NETWORK_ROLES = frozenset({Role.COACH, Role.ORG_ADMIN})


def can_use_network(user: User) -> bool:
    """The organisation's network and "doorstroomklaar?" pages: its coaches and
    administrators (organisation-internal, no personal data; analysts see none)."""
    return _role(user) in NETWORK_ROLES and user.organisation_id is not None
