"""Every write to the network and readiness data, and the readiness views.

Each function checks permission (``permissions.py``), validates (a
:class:`NetworkError` with a Dutch message naming the field), writes in one
transaction and records an audit entry without a person subject (no personal
data of a worker is involved; the entry shows who changed what).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import Subject, record
from doorstroom.domain.readiness import (
    AnswersError,
    Checklist,
    ReadinessScore,
    get_checklist,
    score,
)

from . import permissions
from .models import (
    ActionItem,
    Contact,
    ContactKind,
    Partner,
    PartnerKind,
    ReadinessAnswer,
    ReadinessRound,
)


class NetworkError(ValueError):
    """Input the network data do not accept; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _subject(object_type: str, pk: int) -> Subject:
    return Subject(person_id=None, object_type=object_type, object_id=str(pk))


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_partner_fields(
    *, kind: str, name: str, employment_target_percent: Decimal | None
) -> None:
    if not name.strip():
        raise NetworkError("name", _("Geef de naam van de partner."))
    if kind not in PartnerKind.values:
        raise NetworkError("kind", _("Kies een soort partner uit de lijst."))
    if employment_target_percent is not None:
        if kind != PartnerKind.LOCAL_GOVERNMENT:
            raise NetworkError(
                "employment_target_percent",
                _("Een streefcijfer geldt enkel voor een lokaal bestuur."),
            )
        if not Decimal(0) <= employment_target_percent <= Decimal(100):
            raise NetworkError(
                "employment_target_percent",
                _("Het streefcijfer ligt tussen 0 en 100 procent."),
            )


def _check_unique_name(organisation_id: int, name: str, exclude: int | None) -> None:
    same = Partner.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise NetworkError("name", _("Er is al een partner met deze naam."))


PARTNER_FIELDS = (
    "name",
    "kind",
    "contact_name",
    "contact_email",
    "contact_phone",
    "municipality",
    "employment_target_percent",
    "notes",
)


def create_partner(
    *,
    actor,
    name: str,
    kind: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    municipality: str = "",
    employment_target_percent: Decimal | None = None,
    notes: str = "",
) -> Partner:
    """Add a partner to the actor's organisation's network."""
    _require(permissions.can_use_network(actor))
    name = name.strip()
    _check_partner_fields(
        kind=kind, name=name, employment_target_percent=employment_target_percent
    )
    _check_unique_name(actor.organisation_id, name, None)
    with transaction.atomic():
        partner = Partner.objects.create(
            organisation_id=actor.organisation_id,
            name=name,
            kind=kind,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(),
            municipality=municipality.strip(),
            employment_target_percent=employment_target_percent,
            notes=notes.strip(),
            created_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_subject("network_partner", partner.pk),
            detail=f"partner {kind}",
        )
    return partner


def update_partner(*, actor, partner: Partner, **values) -> Partner:
    """Change a partner's fields (any of ``PARTNER_FIELDS``)."""
    _require(permissions.can_edit_partner(actor, partner))
    unknown = set(values) - set(PARTNER_FIELDS)
    if unknown:
        raise TypeError(f"unknown partner fields: {sorted(unknown)}")
    merged = {f: getattr(partner, f) for f in PARTNER_FIELDS} | values
    merged = {k: v.strip() if isinstance(v, str) else v for k, v in merged.items()}
    _check_partner_fields(
        kind=merged["kind"],
        name=merged["name"],
        employment_target_percent=merged["employment_target_percent"],
    )
    _check_unique_name(partner.organisation_id, merged["name"], partner.pk)
    changed = sorted(f for f in PARTNER_FIELDS if merged[f] != getattr(partner, f))
    with transaction.atomic():
        for field, value in merged.items():
            setattr(partner, field, value)
        partner.save()
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_subject("network_partner", partner.pk),
            detail="partner: " + ", ".join(changed),
        )
    return partner


def log_contact(
    *,
    actor,
    partner: Partner,
    kind: str,
    on: date,
    who: str,
    notes: str = "",
    follow_up: str = "",
    follow_up_on: date | None = None,
    today: date | None = None,
) -> Contact:
    """Log a contact with a partner (company visit, learning table, …).

    A contact in the log has happened: its date is not after today; a follow-up
    date, when given, is not before the contact.
    """
    _require(permissions.can_edit_partner(actor, partner))
    today = today or timezone.localdate()
    if kind not in ContactKind.values:
        raise NetworkError("kind", _("Kies een soort contact uit de lijst."))
    if on > today:
        raise NetworkError(
            "date", _("Een contact in het logboek ligt niet in de toekomst.")
        )
    if not who.strip():
        raise NetworkError("who", _("Geef aan wie erbij was."))
    if follow_up_on is not None and follow_up_on < on:
        raise NetworkError(
            "follow_up_on", _("De opvolgdatum ligt niet vóór de datum van het contact.")
        )
    with transaction.atomic():
        contact = Contact.objects.create(
            partner=partner,
            kind=kind,
            date=on,
            who=who.strip(),
            notes=notes.strip(),
            follow_up=follow_up.strip(),
            follow_up_on=follow_up_on,
            created_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_subject("network_contact", contact.pk),
            detail=f"contact {kind} partner {partner.pk}",
        )
    return contact


def submit_readiness_round(
    *,
    actor,
    answers: Mapping[str, str],
    filled_on: date,
    note: str = "",
    today: date | None = None,
) -> ReadinessRound:
    """Store a filled-in checklist (latest version) for the actor's organisation."""
    _require(permissions.can_use_network(actor))
    today = today or timezone.localdate()
    if filled_on > today:
        raise NetworkError("filled_on", _("De datum ligt niet in de toekomst."))
    checklist = get_checklist()
    try:
        result = score(checklist, answers)
    except AnswersError as exc:
        raise NetworkError("answers", str(exc)) from exc
    with transaction.atomic():
        readiness_round = ReadinessRound.objects.create(
            organisation_id=actor.organisation_id,
            checklist_id=checklist.id,
            checklist_version=checklist.version,
            filled_on=filled_on,
            note=note.strip(),
            filled_by=actor,
        )
        ReadinessAnswer.objects.bulk_create(
            ReadinessAnswer(
                round=readiness_round, statement_id=s.id, answer=answers[s.id]
            )
            for s in checklist.statements
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_subject("readiness_round", readiness_round.pk),
            detail=f"{checklist.key} {result.percent}%",
        )
    return readiness_round


def round_checklist(readiness_round: ReadinessRound) -> Checklist:
    """The checklist at the version the round was filled in with."""
    return get_checklist(
        readiness_round.checklist_id, readiness_round.checklist_version
    )


def round_score(readiness_round: ReadinessRound) -> ReadinessScore:
    """The scores of a stored round (answers are complete by construction)."""
    return score(
        round_checklist(readiness_round), readiness_round.answers_by_statement()
    )


def add_action(
    *,
    actor,
    readiness_round: ReadinessRound,
    statement_id: str,
    action: str,
    owner: str,
    due_on: date,
) -> ActionItem:
    """Add an action to the plan, on a weak statement of ``readiness_round``."""
    _require(permissions.can_edit_round(actor, readiness_round))
    if statement_id not in round_score(readiness_round).weak_statements:
        raise NetworkError(
            "statement_id",
            _("Kies een stelling die in deze ronde niet volledig akkoord was."),
        )
    if not action.strip():
        raise NetworkError("action", _("Beschrijf de actie."))
    if not owner.strip():
        raise NetworkError("owner", _("Geef aan wie de actie opneemt."))
    with transaction.atomic():
        item = ActionItem.objects.create(
            organisation_id=readiness_round.organisation_id,
            round=readiness_round,
            statement_id=statement_id,
            action=action.strip(),
            owner=owner.strip(),
            due_on=due_on,
            created_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_subject("readiness_action", item.pk),
            detail=f"action on {statement_id}",
        )
    return item


def mark_action_done(
    *, actor, item: ActionItem, done: bool = True, today: date | None = None
) -> ActionItem:
    """Mark an action done (today) or open again."""
    _require(permissions.can_edit_action(actor, item))
    with transaction.atomic():
        item.done = done
        item.done_on = (today or timezone.localdate()) if done else None
        item.save(update_fields=["done", "done_on"])
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_subject("readiness_action", item.pk),
            detail="done" if done else "reopened",
        )
    return item


@dataclass(frozen=True)
class ActionRow:
    """An action with its statement's text and whether it is overdue."""

    item: ActionItem
    statement_text: str
    overdue: bool


@dataclass(frozen=True)
class RoundRow:
    """One round in the history, with its scores."""

    round: ReadinessRound
    score: ReadinessScore


def action_rows(actor, today: date | None = None) -> list[ActionRow]:
    """The organisation's action plan, open actions first by due date."""
    today = today or timezone.localdate()
    rows = []
    items = permissions.actions_visible_to(actor).select_related("round")
    for item in items:
        checklist = round_checklist(item.round)
        try:
            text = checklist.statement(item.statement_id).text
        except KeyError:
            text = item.statement_id
        rows.append(ActionRow(item, text, item.is_overdue(today)))
    return rows


def round_history(actor) -> list[RoundRow]:
    """Every round of the actor's organisation, newest first, with scores."""
    rounds = permissions.rounds_visible_to(actor).prefetch_related("answers")
    return [RoundRow(r, round_score(r)) for r in rounds]
