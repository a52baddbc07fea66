from __future__ import annotations

from django.urls import path

from . import chart_assets

app_name = "web_assets"

urlpatterns = [
    path("plotly.min.js", chart_assets.plotly_js, name="plotly_js"),
    path("plotly.css", chart_assets.plotly_css, name="plotly_css"),
]
