"""Giving and withdrawing consent. Withdrawal takes effect at once: every access
decision reads the consents in force at the moment of the request."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from doorstroom.apps.access import policies
from doorstroom.apps.audit_events.models import Action
from doorstroom.apps.audit_events.services import Subject, record

from .models import Consent


def _subject(consent: Consent) -> Subject:
    return Subject(
        person_id=consent.person_id,
        person_organisation_id=consent.person.organisation_id,
        object_type="consent",
        object_id=str(consent.pk),
    )


def give_consent(*, actor, person, organisation, purpose, scope, given_how) -> Consent:
    if not policies.can_manage_consents(actor, person):
        raise PermissionDenied
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            organisation=organisation,
            purpose=purpose,
            scope=list(scope),
            given_how=given_how,
            recorded_by=actor,
        )
        record(
            actor=actor,
            action=Action.CREATE,
            subjects=_subject(consent),
            detail=f"consent {purpose} for organisation {organisation.pk}",
        )
    return consent


def withdraw_consent(*, actor, consent: Consent) -> Consent:
    if not policies.can_manage_consents(actor, consent.person):
        raise PermissionDenied
    if consent.withdrawn_at is not None:
        return consent
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        record(
            actor=actor,
            action=Action.UPDATE,
            subjects=_subject(consent),
            detail="withdrawn",
        )
    return consent
