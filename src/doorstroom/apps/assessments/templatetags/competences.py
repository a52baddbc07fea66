from __future__ import annotations

from django import template

from doorstroom.domain.competences import level_label_nl
from doorstroom.domain.competences.scales import format_number_nl

register = template.Library()


@register.filter
def nl_number(value) -> str:
    """A number the Dutch way (decimal comma, at most two decimals)."""
    if value is None:
        return "—"
    return format_number_nl(float(value))


@register.filter
def level_label(value) -> str:
    """``3`` -> ``Goed``; ``None`` -> ``niet geobserveerd``."""
    return level_label_nl(value)
