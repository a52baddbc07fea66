"""plotly.js and its stylesheet as responses, for every page with a chart (no CDN)."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import plotly_assets


@require_GET
@cache_control(max_age=86400, public=True)
def plotly_js(request):
    """plotly.js from the installed ``plotly`` package."""
    return HttpResponse(
        plotly_assets.plotly_js(), content_type="text/javascript; charset=utf-8"
    )


@require_GET
@cache_control(max_age=86400, public=True)
def plotly_css(request):
    """plotly.js's own CSS as a stylesheet, so that it needs no inline style."""
    return HttpResponse(
        plotly_assets.plotly_css(), content_type="text/css; charset=utf-8"
    )
