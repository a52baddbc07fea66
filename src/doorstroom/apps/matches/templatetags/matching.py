"""Template filters of the matching pages; the decisions live in :mod:`..permissions`."""

from __future__ import annotations

from django import template

from doorstroom.apps.matches import permissions

register = template.Library()


@register.filter
def may_match(user, person) -> bool:
    """``{% if request.user|may_match:person %}``: the user may match this person."""
    return permissions.can_match_person(user, person)
