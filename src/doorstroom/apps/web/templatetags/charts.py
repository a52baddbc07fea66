"""``{% plotly_head %}``: plotly.js and its CSS for a page with charts, under the strict CSP."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from doorstroom.apps.web import plotly_assets

register = template.Library()


@register.simple_tag
def plotly_head() -> str:
    """Stylesheet links that stop plotly.js from injecting inline ``<style>``
    (blocked by the CSP), and the plotly.js script itself (deferred)."""
    css = reverse("web_assets:plotly_css")
    links = [
        format_html(
            '<link rel="stylesheet" id="{}" class="no-inline-styles" href="{}">',
            style_id,
            css,
        )
        for style_id in plotly_assets.style_ids()
    ]
    script = format_html(
        '<script src="{}" defer></script>', reverse("web_assets:plotly_js")
    )
    return mark_safe("\n".join([*links, script]))  # parts built with format_html
