"""Who sees and changes an organisation's network and readiness data.

Only the organisation's own coaches and administrators
(``access.policies.can_use_network``); nobody of another organisation, and no
analyst: the data are internal to the organisation.
"""

from __future__ import annotations

from django.db.models import QuerySet

from doorstroom.apps.access import policies

from .models import ActionItem, Contact, Partner, ReadinessRound


def can_use_network(user) -> bool:
    return policies.can_use_network(user)


def partners_visible_to(user) -> QuerySet[Partner]:
    if not can_use_network(user):
        return Partner.objects.none()
    return Partner.objects.filter(organisation_id=user.organisation_id)


def contacts_visible_to(user) -> QuerySet[Contact]:
    if not can_use_network(user):
        return Contact.objects.none()
    return Contact.objects.filter(
        partner__organisation_id=user.organisation_id
    ).select_related("partner")


def rounds_visible_to(user) -> QuerySet[ReadinessRound]:
    if not can_use_network(user):
        return ReadinessRound.objects.none()
    return ReadinessRound.objects.filter(organisation_id=user.organisation_id)


def actions_visible_to(user) -> QuerySet[ActionItem]:
    if not can_use_network(user):
        return ActionItem.objects.none()
    return ActionItem.objects.filter(organisation_id=user.organisation_id)


def can_edit_partner(user, partner: Partner) -> bool:
    return can_use_network(user) and partner.organisation_id == user.organisation_id


def can_edit_round(user, readiness_round: ReadinessRound) -> bool:
    return (
        can_use_network(user)
        and readiness_round.organisation_id == user.organisation_id
    )


def can_edit_action(user, action: ActionItem) -> bool:
    return can_use_network(user) and action.organisation_id == user.organisation_id
