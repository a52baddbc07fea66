"""Filters of the readable data export (PDF)."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def readable(value):
    """An ISO date or timestamp of the export as ``23/11/2026`` or
    ``23/11/2026 18:07`` (local time); anything else unchanged."""
    if not isinstance(value, str) or not value:
        return value
    try:
        if len(value) == 10:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")
