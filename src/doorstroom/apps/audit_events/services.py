"""Recording and verifying the audit trail.

Every entry's hash covers its own fields and the previous entry's hash, so a changed,
removed or inserted entry breaks the chain from that point on. Appends lock the
single ``ChainHead`` row, which serialises writers on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import context
from .models import AuditEvent, ChainHead

GENESIS = "0" * 64
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_organisation_id",
    "person_id",
    "person_organisation_id",
    "action",
    "object_type",
    "object_id",
    "channel",
    "path",
    "detail",
)


def entry_hash(event: AuditEvent, previous_hash: str) -> str:
    payload = {name: getattr(event, name) for name in HASHED_FIELDS}
    payload["occurred_at"] = event.occurred_at.isoformat(timespec="milliseconds")
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((previous_hash + text).encode()).hexdigest()


@dataclass(frozen=True)
class Subject:
    """Whose data: a person id and the organisation they belong to."""

    person_id: int | None
    person_organisation_id: int | None = None
    object_type: str = "person"
    object_id: str = ""


def record(
    *,
    actor,
    action: str,
    subjects: Sequence[Subject] | Subject,
    detail: str = "",
    channel: str | None = None,
    path: str | None = None,
) -> list[AuditEvent]:
    """Append one entry per subject, in one transaction, and return them."""
    if isinstance(subjects, Subject):
        subjects = [subjects]
    if not subjects:
        return []
    ctx = context.current()
    now = timezone.now()
    # Millisecond precision: what every database and Django's JSON serialisation
    # (used by backups) keep exactly, so the hash survives a backup and restore.
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    actor_id = getattr(actor, "pk", None)
    base = {
        "occurred_at": now,
        "actor_id": actor_id,
        "actor_username": getattr(actor, "username", "") or "",
        "actor_role": getattr(actor, "role", "") or "",
        "actor_organisation_id": getattr(actor, "organisation_id", None),
        "action": action,
        "channel": channel or ctx.channel,
        "path": (path if path is not None else ctx.path)[:300],
        "detail": detail[:300],
    }
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        previous, sequence = head.hash, head.sequence
        events = []
        for subject in subjects:
            sequence += 1
            event = AuditEvent(
                sequence=sequence,
                person_id=subject.person_id,
                person_organisation_id=subject.person_organisation_id,
                object_type=subject.object_type,
                object_id=str(subject.object_id or subject.person_id or ""),
                previous_hash=previous,
                **base,
            )
            event.hash = entry_hash(event, previous)
            previous = event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events)
        ChainHead.objects.filter(id=1).update(hash=previous, sequence=sequence)
    return events


def person_subject(person) -> Subject:
    return Subject(person_id=person.pk, person_organisation_id=person.organisation_id)


def person_subjects(persons: Iterable) -> list[Subject]:
    return [person_subject(p) for p in persons]


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    message: str


def verify_chain(batch_size: int = 5000) -> list[ChainProblem]:
    """Recompute every hash; return the entries where the chain breaks."""
    problems: list[ChainProblem] = []
    previous, expected_sequence = GENESIS, 1
    queryset = AuditEvent.objects.order_by("sequence")
    for event in queryset.iterator(chunk_size=batch_size):
        if event.sequence != expected_sequence:
            problems.append(
                ChainProblem(
                    event.sequence, f"expected entry {expected_sequence} (missing?)"
                )
            )
        if event.previous_hash != previous:
            problems.append(
                ChainProblem(event.sequence, "previous hash does not match")
            )
        if entry_hash(event, event.previous_hash) != event.hash:
            problems.append(
                ChainProblem(event.sequence, "content does not match its hash")
            )
        previous, expected_sequence = event.hash, event.sequence + 1
    head = ChainHead.objects.filter(id=1).first()
    if head and (head.hash != previous or head.sequence != expected_sequence - 1):
        problems.append(
            ChainProblem(
                expected_sequence - 1, "latest entries missing after the chain end"
            )
        )
    return problems
