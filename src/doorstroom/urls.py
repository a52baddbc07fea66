from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("doorstroom.apps.api.urls")),
    path(  # browsers ask for it whatever the page says
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}doorstroom/favicon.svg"),
    ),
    path("grafieken/", include("doorstroom.apps.web.asset_urls")),
    path("health/", include("doorstroom.apps.web.health_urls")),
    path("cijfers/", include("doorstroom.apps.reports.urls")),
    path("", include("doorstroom.apps.assessments.urls")),
    path("", include("doorstroom.apps.casefiles.urls")),
    path("", include("doorstroom.apps.matches.urls")),
    path("", include("doorstroom.apps.network.urls")),
    path("", include("doorstroom.apps.web.urls")),
]
if settings.DEBUG:  # the admin only in the demo: production uses the app itself
    urlpatterns.insert(0, path("admin/", admin.site.urls))
