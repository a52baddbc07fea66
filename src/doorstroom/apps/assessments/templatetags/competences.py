from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from doorstroom.apps.assessments import plotly_assets
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


@register.simple_tag
def plotly_head() -> str:
    """Stylesheet links that stop plotly.js from injecting inline ``<style>``
    (blocked by the CSP), and the plotly.js script itself (deferred)."""
    css = reverse("assessments:plotly_css")
    links = [
        format_html(
            '<link rel="stylesheet" id="{}" class="no-inline-styles" href="{}">',
            style_id,
            css,
        )
        for style_id in plotly_assets.style_ids()
    ]
    script = format_html(
        '<script src="{}" defer></script>', reverse("assessments:plotly_js")
    )
    return mark_safe("\n".join([*links, script]))  # parts built with format_html
